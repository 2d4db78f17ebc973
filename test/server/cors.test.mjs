import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoServer } from './start-demo-server.mjs';
import { makeResponse, post } from './responses.mjs';

const ALLOWED = 'https://cms.example.nhs.uk';
const ALSO_ALLOWED = 'http://localhost:9000';
const DISALLOWED = 'https://evil.example';

function startWithOrigins(t) {
  // A trailing slash and spaces in the setting are tolerated.
  return startDemoServer(t, { env: { ALLOWED_ORIGINS: `${ALLOWED}/, ${ALSO_ALLOWED}` } });
}

function preflight(server, origin) {
  return fetch(`${server.url}/responses`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type,idempotency-key',
    },
  });
}

test('a preflight from an allowed origin is answered with the CORS headers', async (t) => {
  const server = await startWithOrigins(t);
  for (const origin of [ALLOWED, ALSO_ALLOWED]) {
    const res = await preflight(server, origin);
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), origin);
    assert.equal(res.headers.get('access-control-allow-methods'), 'POST');
    assert.equal(res.headers.get('access-control-allow-headers'), 'Content-Type, Idempotency-Key');
    assert.ok(Number(res.headers.get('access-control-max-age')) > 0);
    assert.match(res.headers.get('vary'), /Origin/);
  }
});

test('a preflight from any other origin gets no CORS headers', async (t) => {
  const server = await startWithOrigins(t);
  const res = await preflight(server, DISALLOWED);
  assert.equal(res.headers.get('access-control-allow-origin'), null);
  assert.equal(res.headers.get('access-control-allow-methods'), null);
  assert.equal(res.headers.get('access-control-allow-headers'), null);
});

test('a POST from an allowed origin may read the reply and Retry-After', async (t) => {
  const server = await startWithOrigins(t);
  const res = await post(server, makeResponse(), { Origin: ALLOWED });
  assert.equal(res.status, 201);
  assert.equal(res.headers.get('access-control-allow-origin'), ALLOWED);
  assert.equal(res.headers.get('access-control-expose-headers'), 'Retry-After');
  assert.equal(res.headers.get('vary'), 'Origin');
  const invalid = await post(server, '{}', { Origin: ALLOWED, 'Idempotency-Key': 'x' });
  assert.equal(invalid.status, 422);
  assert.equal(invalid.headers.get('access-control-allow-origin'), ALLOWED);
});

test('a POST from any other origin gets no CORS headers', async (t) => {
  const server = await startWithOrigins(t);
  const res = await post(server, makeResponse(), { Origin: DISALLOWED });
  assert.equal(res.headers.get('access-control-allow-origin'), null);
  assert.equal(res.headers.get('access-control-expose-headers'), null);
  assert.equal(res.headers.get('vary'), 'Origin');
});

test('with no ALLOWED_ORIGINS, no origin gets CORS headers', async (t) => {
  const server = await startDemoServer(t);
  const res = await preflight(server, ALLOWED);
  assert.equal(res.headers.get('access-control-allow-origin'), null);
});

test('the faulting endpoint still lets an allowed origin read Retry-After', async (t) => {
  const server = await startDemoServer(t, {
    env: { ALLOWED_ORIGINS: ALLOWED, DEMO_FAULT: '503' },
  });
  const res = await post(server, makeResponse(), { Origin: ALLOWED });
  assert.equal(res.status, 503);
  assert.equal(res.headers.get('retry-after'), '5');
  assert.equal(res.headers.get('access-control-allow-origin'), ALLOWED);
  assert.equal(res.headers.get('access-control-expose-headers'), 'Retry-After');
});
