import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startReceiver } from './support/backends.js';
import { makeResponse, post } from './support/responses.js';

// These checks come before storage, so one backend is enough.
async function startSqlite(t, env = {}) {
  const { env: storage } = await backends[0].storage(t);
  return startReceiver(t, { ...storage, ...env });
}

const ALLOWED = 'https://cms.example.nhs.uk';
const ALSO_ALLOWED = 'http://localhost:9000';
const DISALLOWED = 'https://evil.example';

function startWithOrigins(t) {
  // A trailing slash and spaces in the setting are tolerated.
  return startSqlite(t, { ALLOWED_ORIGINS: `${ALLOWED}/, ${ALSO_ALLOWED}` });
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
  const server = await startSqlite(t);
  const res = await preflight(server, ALLOWED);
  assert.equal(res.headers.get('access-control-allow-origin'), null);
});

test('a 503 (database unavailable) still lets an allowed origin read Retry-After', async (t) => {
  const server = await startSqlite(t, { ALLOWED_ORIGINS: ALLOWED });
  await server.store.close();
  const res = await post(server, makeResponse(), { Origin: ALLOWED });
  assert.equal(res.status, 503);
  assert.equal(res.headers.get('retry-after'), '5');
  assert.equal(res.headers.get('access-control-allow-origin'), ALLOWED);
  assert.equal(res.headers.get('access-control-expose-headers'), 'Retry-After');
});

test('a 413 and a 415 also carry the CORS headers, so the page can read them', async (t) => {
  const server = await startSqlite(t, { ALLOWED_ORIGINS: ALLOWED });
  const big = makeResponse({ answers: { add: { type: 'text', value: 'x'.repeat(70_000) } } });
  const tooBig = await post(server, big, { Origin: ALLOWED });
  assert.equal(tooBig.status, 413);
  assert.equal(tooBig.headers.get('access-control-allow-origin'), ALLOWED);
  const wrongType = await post(server, makeResponse(), {
    Origin: ALLOWED,
    'Content-Type': 'text/plain',
  });
  assert.equal(wrongType.status, 415);
  assert.equal(wrongType.headers.get('access-control-allow-origin'), ALLOWED);
});

test('the read routes get no CORS headers, even from an allowed origin', async (t) => {
  const server = await startSqlite(t, { ALLOWED_ORIGINS: ALLOWED });
  const res = await fetch(`${server.url}/responses`, {
    headers: { Origin: ALLOWED, Authorization: `Bearer ${server.token}` },
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), null);
});
