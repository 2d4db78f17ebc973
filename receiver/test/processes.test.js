// The receiver as IT runs it, in its own processes, against each backend: restarts, shutdown with
// writes in flight, two processes on one database, and PostgreSQL going away and coming back.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startProcess } from './support/backends.js';
import { postgresBin, startCluster } from './support/postgres.js';
import { makeResponse, post, storedById } from './support/responses.js';

/** Resolves when `check()` returns a truthy value, checking every `every` ms; fails after `ms`. */
async function until(check, { ms = 20_000, every = 50, what = 'the condition' } = {}) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}

/** POSTs and says what happened, including a connection that failed. */
async function attempt(server, response) {
  try {
    const res = await post(server, response);
    return { status: res.status, retryAfter: res.headers.get('retry-after') };
  } catch (error) {
    return { status: 'network', error };
  }
}

for (const backend of backends) {
  describe(backend.name, () => {
    test('a restart loses nothing, and a response sent again still answers 409', async (t) => {
      const { env } = await backend.storage(t);
      const first = await startProcess(t, env);
      const responses = [makeResponse(), makeResponse(), makeResponse()];
      for (const response of responses) assert.equal((await post(first, response)).status, 201);
      assert.equal(await first.stop('SIGTERM'), 0);

      const second = await startProcess(t, env);
      const byId = (a, b) => (a.id < b.id ? -1 : 1);
      assert.deepEqual(await storedById(second), [...responses].sort(byId));
      assert.equal((await post(second, responses[1])).status, 409);
      const later = makeResponse();
      assert.equal((await post(second, later)).status, 201);
      // Killed outright this time: a 201 was only sent after the commit.
      await second.stop('SIGKILL');
      const third = await startProcess(t, env);
      assert.deepEqual(await storedById(third), [...responses, later].sort(byId));
    });

    test('SIGTERM with writes in flight: each one finishes, and only answered ones are stored', async (t) => {
      const { env } = await backend.storage(t);
      const server = await startProcess(t, env);
      const responses = Array.from({ length: 60 }, () => makeResponse());
      let firstAnswer;
      const answered = new Promise((resolve) => (firstAnswer = resolve));
      const outcomes = responses.map((response) =>
        attempt(server, response).then((outcome) => {
          if (outcome.status === 201) firstAnswer();
          return outcome;
        }),
      );
      await answered;
      const stopping = Date.now();
      const exit = server.stop('SIGTERM');
      const results = await Promise.all(outcomes);
      assert.equal(await exit, 0);
      // Not held open by keep-alive connections (fastify keeps them 72 s).
      assert.ok(Date.now() - stopping < 30_000, `stopped after ${Date.now() - stopping} ms`);
      assert.match(server.stdout(), /shutting down/);
      assert.match(server.stdout(), /"msg":"stopped"/);
      // Every request had an answer it could act on: stored, or refused so the widget retries.
      for (const outcome of results) assert.ok([201, 503, 'network'].includes(outcome.status));

      const after = await startProcess(t, env);
      const stored = new Set((await storedById(after)).map((response) => response.id));
      const created = responses.filter((_, i) => results[i].status === 201).map((r) => r.id);
      assert.ok(created.length > 0);
      // Nothing was stored without its 201 reaching the client, and no 201 was lost.
      assert.deepEqual([...stored].sort(), created.sort());
    });

    test('two processes started together on one database receive the same ids: each stored once', async (t) => {
      const { env } = await backend.storage(t);
      // Started at once on empty storage: both run the migrations, which apply once.
      const [a, b] = await Promise.all([startProcess(t, env), startProcess(t, env)]);
      const responses = Array.from({ length: 40 }, () => makeResponse());
      const replies = await Promise.all(
        responses.flatMap((response) => [
          post(a, response),
          post(b, response),
          post(b, response),
          post(a, response),
        ]),
      );
      for (let i = 0; i < responses.length; i += 1) {
        const statuses = replies.slice(i * 4, i * 4 + 4).map((reply) => reply.status);
        assert.deepEqual(statuses.sort(), [201, 409, 409, 409], `response ${i}`);
      }
      const byId = (x, y) => (x.id < y.id ? -1 : 1);
      assert.deepEqual(await storedById(a), [...responses].sort(byId));
      assert.deepEqual(await storedById(b), [...responses].sort(byId));
    });
  });
}

let havePostgres = true;
try {
  postgresBin();
} catch {
  havePostgres = false;
}

test(
  "PostgreSQL stopped and started while the widget's delivery code retries: 503 with Retry-After, then every response stored once",
  { skip: havePostgres ? false : 'PostgreSQL binaries are not installed' },
  async (t) => {
    // A cluster of its own: stopping the shared one would fail other tests running meanwhile.
    const cluster = await startCluster();
    t.after(() => cluster.destroy());
    const server = await startProcess(t, { DATABASE_URL: cluster.url });
    const before = makeResponse();
    assert.equal((await post(server, before)).status, 201);

    await cluster.stop();
    const health = await fetch(`${server.url}/healthz`);
    assert.equal(health.status, 503);
    assert.equal(health.headers.get('retry-after'), '5');

    // Clients that are the widget's own delivery code: one attempt is its sendResponse (which
    // reads the status and Retry-After as the widget does), the wait its retryDelay (which honours
    // Retry-After), until the attempt is delivered (201, or 409 if an earlier try was stored).
    const { sendResponse } = await import('../../dist/esm/delivery/send.js');
    const { retryDelay } = await import('../../dist/esm/delivery/backoff.js');
    // sendResponse resolves the endpoint against the page; here, the receiver is the page.
    globalThis.document ??= { baseURI: `${server.url}/` };
    t.after(() => delete globalThis.document);
    const responses = Array.from({ length: 8 }, () => makeResponse());
    const refusals = [];
    const clients = responses.map(async (response) => {
      for (let attempt = 1; ; attempt += 1) {
        const result = await sendResponse(`${server.url}/responses`, response);
        if (result.outcome === 'delivered') return result.status;
        assert.equal(result.outcome, 'retry');
        assert.equal(result.status, 503);
        assert.equal(result.retryAfterMs, 5000);
        refusals.push(response.id);
        await new Promise((resolve) =>
          setTimeout(resolve, retryDelay(attempt, result.retryAfterMs)),
        );
      }
    });
    // Every client has been refused at least once before the database comes back.
    await until(() => responses.every((response) => refusals.includes(response.id)), {
      what: 'a 503 for every client',
    });
    await cluster.start();
    const statuses = await Promise.all(clients);
    assert.ok(statuses.every((status) => status === 201 || status === 409));
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
    const byId = (a, b) => (a.id < b.id ? -1 : 1);
    assert.deepEqual(await storedById(server), [before, ...responses].sort(byId));
    assert.match(server.stdout(), /response not stored/);
  },
);
