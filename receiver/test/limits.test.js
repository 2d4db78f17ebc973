// Limits and timeouts: a stalled request is closed within 30 s, connections past the cap are
// refused, and a locked database answers 503 with Retry-After instead of holding the post.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { backends, startReceiver } from './support/backends.js';
import { get, makeResponse, post } from './support/responses.js';

/** A raw connection to the receiver; resolves once connected. */
function open(server) {
  const { port } = new URL(server.url);
  const socket = connect(Number(port), '127.0.0.1');
  let received = '';
  socket.on('data', (chunk) => (received += chunk));
  socket.on('error', () => {});
  const closed = new Promise((resolve) => socket.once('close', resolve));
  return new Promise((resolve) =>
    socket.once('connect', () => resolve({ socket, closed, received: () => received })),
  );
}

async function until(condition, what, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

test('a request body that stalls, or a connection that sends nothing, is closed within 30 s', async (t) => {
  // Both backends at once, with the default timeout: the wait is the point.
  const servers = await Promise.all(
    backends.map(async (backend) => startReceiver(t, (await backend.storage(t)).env)),
  );
  const started = Date.now();
  const attempts = await Promise.all(
    servers.flatMap((server) => [
      open(server).then((conn) => {
        const body = JSON.stringify(makeResponse());
        conn.socket.write(
          'POST /responses HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
            `Idempotency-Key: x\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 100)}`,
        );
        return conn;
      }),
      open(server),
    ]),
  );
  const seconds = await Promise.all(
    attempts.map(async (conn) => {
      await conn.closed;
      return { seconds: (Date.now() - started) / 1000, reply: conn.received() };
    }),
  );
  for (const { seconds: s, reply } of seconds) {
    assert.ok(s >= 10 && s <= 30, `closed after ${s} s`);
    assert.ok(reply === '' || /^HTTP\/1\.1 408/.test(reply), reply);
  }
  assert.match(seconds[0].reply, /^HTTP\/1\.1 408/, 'the stalled post is told why');
  for (const server of servers) assert.equal(await server.store.count(), 0);
});

test('connections past MAX_CONNECTIONS are closed as they open; the rest are served', async (t) => {
  const { env } = await backends[0].storage(t);
  const server = await startReceiver(t, { ...env, MAX_CONNECTIONS: '3' });
  const held = await Promise.all([open(server), open(server), open(server)]);
  await until(
    () => new Promise((resolve) => server.app.server.getConnections((e, n) => resolve(n === 3))),
    'three connections',
  );
  const extra = await open(server);
  extra.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
  await extra.closed;
  assert.equal(extra.received(), '', 'closed without an answer');
  for (const conn of held) conn.socket.destroy();
  await until(
    () => new Promise((resolve) => server.app.server.getConnections((e, n) => resolve(n === 0))),
    'the held connections gone',
  );
  assert.equal((await post(server, makeResponse())).status, 201);
});

/** Holds PostgreSQL's lock on the responses table until `release()`. */
async function lockResponses(env) {
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE responses IN ACCESS EXCLUSIVE MODE');
  return async () => {
    await client.query('ROLLBACK');
    await client.end();
  };
}

describe('a locked table on PostgreSQL', () => {
  test('posts and reads answer 503 with Retry-After within the timeout, then work again', async (t) => {
    const { env } = await backends[1].storage(t);
    const server = await startReceiver(t, {
      ...env,
      DATABASE_STATEMENT_TIMEOUT_SECONDS: '2',
      DATABASE_POOL_SIZE: '4',
    });
    assert.equal((await post(server, makeResponse())).status, 201);
    const release = await lockResponses(env);
    t.after(() => release().catch(() => {}));

    const started = Date.now();
    // More posts than connections: the ones waiting for a connection are answered too.
    const locked = Array.from({ length: 8 }, () => makeResponse());
    const replies = await Promise.all(locked.map((response) => post(server, response)));
    const seconds = (Date.now() - started) / 1000;
    for (const res of replies) {
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('retry-after'), '5');
      assert.equal((await res.json()).error, 'not stored');
    }
    // 2 s a statement, plus up to 5 s waiting for a free connection.
    assert.ok(seconds < 10, `answered after ${seconds} s`);
    const read = await get(server, '/responses');
    assert.equal(read.status, 503);
    assert.equal(read.headers.get('retry-after'), '5');

    await release();
    for (const response of locked) assert.equal((await post(server, response)).status, 201);
    assert.equal(await server.store.count(), 9);
  });
});

// SQLite serialises writers with a file lock: another program (a backup, sqlite3 at a prompt, a
// second receiver) may hold it. A post waits up to the busy timeout (5 s) for it on the writer's
// own thread, so the receiver goes on answering everyone else meanwhile, then answers 503 with
// Retry-After (the widget keeps the response and sends it again).
describe('a locked database on SQLite', () => {
  test('a post waiting for the write lock holds up no other request, then answers 503 with Retry-After; after the lock, it is stored', async (t) => {
    const { env } = await backends[0].storage(t);
    const server = await startReceiver(t, env);
    const stored = makeResponse();
    assert.equal((await post(server, stored)).status, 201);

    const other = new Database(join(env.DATA_DIR, 'responses.sqlite'), { timeout: 0 });
    other.exec('BEGIN IMMEDIATE');
    t.after(() => other.close());
    const started = Date.now();
    const waiting = makeResponse();
    const posted = post(server, waiting).then((res) => ({ res, at: Date.now() }));
    // While that post waits for the lock: a read, the health check and a refusal are answered.
    // (If the wait ran on the event loop, none of them would be answered before the post.)
    const read = await get(server, '/responses');
    assert.equal(read.status, 200);
    assert.deepEqual(
      (await read.json()).map((response) => response.id),
      [stored.id],
    );
    assert.equal((await get(server, '/healthz')).status, 200);
    assert.equal((await post(server, { ...makeResponse(), id: 'not-a-uuid' })).status, 422);
    const answeredOthers = Date.now();

    const { res, at } = await posted;
    assert.ok(answeredOthers < at, 'the other requests were answered before the waiting post');
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '5');
    assert.equal((await res.json()).error, 'not stored');
    // It waited for the lock (the busy timeout), and no longer.
    const seconds = (at - started) / 1000;
    assert.ok(seconds >= 4.5 && seconds < 10, `answered after ${seconds} s`);

    other.exec('ROLLBACK');
    assert.equal((await post(server, waiting)).status, 201);
    assert.equal(await server.store.count(), 2);
  });
});
