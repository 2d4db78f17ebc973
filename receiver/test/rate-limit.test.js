// The per-client rate limit on POST /responses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientKey, createRateLimiter } from '../src/rate-limit.js';
import { backends, startReceiver } from './support/backends.js';
import { makeResponse, post } from './support/responses.js';

test('a client may burst up to the limit, then one request per 60/limit seconds', () => {
  let now = 0;
  const limiter = createRateLimiter({ perMinute: 60, now: () => now });
  for (let i = 0; i < 60; i += 1) assert.equal(limiter.take('a'), 0, `request ${i}`);
  assert.equal(limiter.take('a'), 1);
  assert.equal(limiter.take('b'), 0, 'another client has its own allowance');
  now += 1000;
  assert.equal(limiter.take('a'), 0);
  assert.equal(limiter.take('a'), 1);
  now += 60_000;
  for (let i = 0; i < 60; i += 1) assert.equal(limiter.take('a'), 0);
});

test('Retry-After is how long until the next request is allowed', () => {
  let now = 0;
  const limiter = createRateLimiter({ perMinute: 6, now: () => now });
  for (let i = 0; i < 6; i += 1) limiter.take('a');
  assert.equal(limiter.take('a'), 10);
  now += 9_500;
  assert.equal(limiter.take('a'), 1);
  now += 500;
  assert.equal(limiter.take('a'), 0);
});

test('RATE_LIMIT=0 turns the limit off', () => {
  const limiter = createRateLimiter({ perMinute: 0 });
  for (let i = 0; i < 1000; i += 1) assert.equal(limiter.take('a'), 0);
  assert.equal(limiter.size, 0);
});

test('IPv6 clients are limited by their /64, IPv4 by address', () => {
  assert.equal(clientKey('192.0.2.7'), '192.0.2.7');
  assert.equal(clientKey('::ffff:192.0.2.7'), '192.0.2.7');
  assert.equal(clientKey('2001:db8:1:2:a:b:c:d'), '2001:db8:1:2::/64');
  assert.equal(clientKey('2001:DB8:1:2::9'), '2001:db8:1:2::/64');
  assert.equal(clientKey('2001:db8::1'), '2001:db8:0:0::/64');
  assert.equal(clientKey('::1'), '0:0:0:0::/64');
});

test('over the limit, POST answers 429 with Retry-After, and stores nothing (the widget retries a 429)', async (t) => {
  const { env } = await backends[0].storage(t);
  const server = await startReceiver(t, {
    ...env,
    RATE_LIMIT: '2',
    ALLOWED_ORIGINS: 'https://cms.example.nhs.uk',
  });
  const responses = Array.from({ length: 4 }, () => makeResponse());
  const statuses = [];
  let limited;
  for (const response of responses) {
    const res = await post(server, response, { Origin: 'https://cms.example.nhs.uk' });
    statuses.push(res.status);
    if (res.status === 429) limited = res;
  }
  // Two a minute: a burst of two, then one every 30 s.
  assert.deepEqual(statuses, [201, 201, 429, 429]);
  const wait = Number(limited.headers.get('retry-after'));
  assert.ok(wait >= 1 && wait <= 30, `Retry-After: ${wait}`);
  assert.equal(limited.headers.get('access-control-allow-origin'), 'https://cms.example.nhs.uk');
  assert.equal((await limited.json()).error, 'too many requests');
  assert.equal(await server.store.count(), 2);
  // Reads are not limited by it (they have their own limit on wrong tokens).
  const read = await fetch(`${server.url}/responses`, {
    headers: { Authorization: `Bearer ${server.token}` },
  });
  assert.equal(read.status, 200);
});
