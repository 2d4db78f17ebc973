// Behind a proxy: only listed proxies are believed, X-Forwarded-For text that is not an address is
// ignored, and forged values neither pass the limits nor grow memory.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createClientResolver, createRateLimiter, parseTrustProxy } from '../src/rate-limit.js';
import { backends, runProcess, startReceiver } from './support/backends.js';
import { get, makeResponse, post } from './support/responses.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

/** A request as the resolver sees it: the peer and the header. */
const from = (peer, forwarded) => ({
  raw: { socket: { remoteAddress: peer } },
  headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
});

const forged8k = () => randomBytes(4096).toString('hex');

test('TRUST_PROXY=true and hop counts are refused at start with the reason', async () => {
  for (const value of ['true', '1']) {
    const { code, stderr } = await runProcess({ TRUST_PROXY: value });
    assert.equal(code, 1);
    assert.match(
      stderr,
      new RegExp(`TRUST_PROXY=${value} would believe the X-Forwarded-For header of any client`),
    );
    assert.match(stderr, /list your proxies' addresses or CIDR ranges/);
  }
  const { code, stderr } = await runProcess({ TRUST_PROXY: '10.0.0.0/8, loopback, 10.0.0.1/33' });
  assert.equal(code, 1);
  assert.match(stderr, /TRUST_PROXY: "loopback" is not an address or CIDR range/);
  assert.match(stderr, /TRUST_PROXY: "10.0.0.1\/33" is not an address or CIDR range/);
  assert.doesNotMatch(stderr, /"10.0.0.0\/8"/);
  assert.deepEqual(parseTrustProxy('127.0.0.1, 10.20.0.0/16, ::1, 2001:db8::/48'), {
    proxies: ['127.0.0.1', '10.20.0.0/16', '::1', '2001:db8::/48'],
    problems: [],
  });
});

test('the client is the peer unless the peer is a listed proxy; then the first hop not a proxy', () => {
  const client = createClientResolver(['10.0.0.0/8', '2001:db8:ffff::1']);
  // Not behind a listed proxy: the header is ignored whatever it says.
  assert.equal(client(from('192.0.2.7', '203.0.113.9')), '192.0.2.7');
  assert.equal(client(from('::ffff:192.0.2.7', '203.0.113.9')), '192.0.2.7');
  // Behind one: the address the proxy appended, never what the client wrote to its left.
  assert.equal(client(from('10.1.1.1', '203.0.113.9')), '203.0.113.9');
  assert.equal(client(from('10.1.1.1', '6.6.6.6, 203.0.113.9')), '203.0.113.9');
  assert.equal(client(from('10.1.1.1', '203.0.113.9, 10.2.2.2')), '203.0.113.9', 'two proxies');
  assert.equal(client(from('2001:db8:ffff::1', '2001:DB8:1:2::abcd')), '2001:db8:1:2::/64');
  // Text that is not an address is ignored: the hop that passed it on is the client.
  assert.equal(client(from('10.1.1.1', forged8k())), '10.1.1.1');
  assert.equal(client(from('10.1.1.1', `203.0.113.9, ${forged8k()}`)), '10.1.1.1');
  assert.equal(client(from('10.1.1.1', '203.0.113.9:4444')), '10.1.1.1');
  assert.equal(client(from('10.1.1.1', `${forged8k()}, 203.0.113.9, 10.2.2.2`)), '203.0.113.9');
  assert.equal(client(from('10.1.1.1', ['203.0.113.9', '198.51.100.1'])), '198.51.100.1');
  assert.equal(client(from('10.1.1.1', '')), '10.1.1.1');
  assert.equal(client(from(undefined)), 'unknown');
  // No proxies listed: the peer, always.
  assert.equal(createClientResolver([])(from('10.1.1.1', '203.0.113.9')), '10.1.1.1');
});

test('the rate limiter never tracks more than its cap of clients, however many there are', () => {
  const limiter = createRateLimiter({ perMinute: 5, now: () => 0, maxClients: 1000 });
  for (let i = 0; i < 5000; i += 1) {
    limiter.take(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    limiter.take(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
  }
  assert.ok(limiter.size <= 1000, `${limiter.size} tracked`);
  // A client just seen is still held to its limit.
  for (let i = 0; i < 3; i += 1) assert.equal(limiter.take('10.0.19.135'), 0);
  assert.ok(limiter.take('10.0.19.135') > 0);
});

for (const backend of backends) {
  describe(`forged X-Forwarded-For on ${backend.name}`, () => {
    test('with no proxy listed, forged addresses do not pass the post limit', async (t) => {
      const { env } = await backend.storage(t);
      const server = await startReceiver(t, { ...env, RATE_LIMIT: '3' });
      const statuses = [];
      for (let i = 0; i < 20; i += 1) {
        const res = await post(server, makeResponse(), { 'X-Forwarded-For': `203.0.113.${i}` });
        statuses.push(res.status);
      }
      assert.deepEqual(statuses, [...Array(3).fill(201), ...Array(17).fill(429)]);
      assert.equal(await server.store.count(), 3);
    });

    test('behind a listed proxy, clients are told apart by the address it appends', async (t) => {
      const { env } = await backend.storage(t);
      const server = await startReceiver(t, { ...env, RATE_LIMIT: '2', TRUST_PROXY: '127.0.0.1' });
      const statuses = { a: [], b: [] };
      for (let i = 0; i < 4; i += 1) {
        // What each client wrote itself (left) changes; what the proxy appended does not.
        for (const [name, address] of [
          ['a', '198.51.100.1'],
          ['b', '198.51.100.2'],
        ]) {
          const forwarded = `203.0.113.${i}, ${address}`;
          const res = await post(server, makeResponse(), { 'X-Forwarded-For': forwarded });
          statuses[name].push(res.status);
        }
      }
      assert.deepEqual(statuses, { a: [201, 201, 429, 429], b: [201, 201, 429, 429] });
    });

    test('8 KB forged values get no further than the limit and do not grow memory', async (t) => {
      const { env } = await backend.storage(t);
      const server = await startReceiver(t, { ...env, RATE_LIMIT: '5', TRUST_PROXY: '127.0.0.1' });
      const send = async (count) => {
        const statuses = [];
        for (let i = 0; i < count; i += 10) {
          const batch = Array.from({ length: 10 }, async () => {
            const res = await post(server, makeResponse(), { 'X-Forwarded-For': forged8k() });
            statuses.push(res.status);
            await res.arrayBuffer();
          });
          await Promise.all(batch);
        }
        return statuses;
      };
      // Warm up (buffers, JIT), then measure the heap across 1,500 more forged values.
      const started = Date.now();
      const first = await send(200);
      gc();
      const before = process.memoryUsage().heapUsed;
      const rest = await send(1500);
      gc();
      const grown = process.memoryUsage().heapUsed - before;
      // One bucket: a burst of 5, then one more each 12 s.
      const allowed = 5 + Math.floor((Date.now() - started) / 12_000);
      const stored = [...first, ...rest].filter((status) => status === 201).length;
      assert.ok(stored >= 5 && stored <= allowed, `${stored} stored, ${allowed} allowed`);
      assert.equal(await server.store.count(), stored);
      // 1,500 8 KB keys held would be 12 MB at least.
      assert.ok(grown < 3 * 1024 * 1024, `heap grew ${grown} bytes`);
      // Wrong-token guesses with forged values are limited too (10 a minute per client).
      const guesses = [];
      for (let i = 0; i < 40; i += 1) {
        const res = await fetch(`${server.url}/responses`, {
          headers: { Authorization: `Bearer guess-${i}`, 'X-Forwarded-For': forged8k() },
        });
        guesses.push(res.status);
      }
      assert.deepEqual(guesses, [...Array(10).fill(401), ...Array(30).fill(429)]);
      assert.equal((await get(server, '/responses')).status, 200);
    });
  });
}
