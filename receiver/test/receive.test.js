// POST /responses against each backend: stored once, 201 then 409, in the order received.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startReceiver } from './support/backends.js';
import { getJson, makeResponse, post, storedById } from './support/responses.js';

for (const backend of backends) {
  describe(backend.name, () => {
    const start = async (t, env = {}) => {
      const { env: storage } = await backend.storage(t);
      return startReceiver(t, { ...storage, ...env });
    };

    test('a new response answers 201 {id}; the same id again answers 409', async (t) => {
      const server = await start(t);
      const response = makeResponse();
      const first = await post(server, response);
      assert.equal(first.status, 201);
      assert.deepEqual(await first.json(), { id: response.id });
      const second = await post(server, response);
      assert.equal(second.status, 409);
      const reply = await second.json();
      assert.equal(reply.id, response.id);
      assert.equal(reply.error, 'already received');
      // Different content under the same id is not a resend: a conflict, and nothing changes.
      const changed = { ...response, answers: { fit: { type: 'scale', value: 1 } } };
      const conflict = await post(server, changed);
      assert.equal(conflict.status, 409);
      assert.equal((await conflict.json()).error, 'id conflict');
      assert.deepEqual(await getJson(server, '/responses'), [response]);
    });

    test('concurrent identical POSTs store exactly one response: one 201, the rest 409', async (t) => {
      const server = await start(t);
      const response = makeResponse();
      const replies = await Promise.all(Array.from({ length: 25 }, () => post(server, response)));
      assert.deepEqual(replies.map((reply) => reply.status).sort(), [201, ...Array(24).fill(409)]);
      assert.deepEqual(await getJson(server, '/responses'), [response]);
      assert.equal(await server.store.count(), 1);
    });

    test('concurrent different POSTs are all stored, whole', async (t) => {
      const server = await start(t);
      const text = 'a long answer, long enough to need more than one write. '.repeat(150);
      // other-survey's text question takes up to 10,000 characters.
      const responses = Array.from({ length: 30 }, () =>
        makeResponse({ surveyId: 'other-survey', answers: { add: { type: 'text', value: text } } }),
      );
      const replies = await Promise.all(responses.map((response) => post(server, response)));
      assert.deepEqual(
        replies.map((reply) => reply.status),
        responses.map(() => 201),
      );
      const byId = (a, b) => (a.id < b.id ? -1 : 1);
      assert.deepEqual(await storedById(server), [...responses].sort(byId));
    });

    test('GET /responses lists responses in the order received, filtered by survey and version', async (t) => {
      const server = await start(t);
      const first = makeResponse();
      const second = makeResponse({ surveyVersion: '2' });
      const third = makeResponse({ surveyId: 'other-survey' });
      for (const response of [first, second, third]) {
        assert.equal((await post(server, response)).status, 201);
      }
      assert.deepEqual(await getJson(server, '/responses'), [first, second, third]);
      assert.deepEqual(await getJson(server, '/responses?surveyId=tp-values-refresh'), [
        first,
        second,
      ]);
      assert.deepEqual(await getJson(server, '/responses?surveyId=tp-values-refresh&version=2'), [
        second,
      ]);
      assert.deepEqual(await getJson(server, '/responses?version=9'), []);
    });

    test('any text the schema accepts is stored and read back exactly', async (t) => {
      const server = await start(t);
      // NUL (refused by PostgreSQL jsonb), a lone surrogate, emoji, right-to-left text, quotes.
      const odd = 'nul:\u0000 lone:\ud800 emoji:🙂 rtl:שלום "quoted" \\ back\nslash';
      const response = makeResponse({ answers: { add: { type: 'text', value: odd } } });
      assert.equal((await post(server, response)).status, 201);
      const [stored] = await getJson(server, '/responses');
      assert.equal(stored.answers.add.value, JSON.parse(JSON.stringify(odd)));
      assert.deepEqual(stored, JSON.parse(JSON.stringify(response)));
    });

    test('GET /healthz answers 200 with the kind of storage', async (t) => {
      const server = await start(t);
      const res = await fetch(`${server.url}/healthz`);
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { status: 'ok', storage: backend.kind });
    });

    test('a large set is streamed in the order received, across read batches', async (t) => {
      const server = await start(t);
      const base = Date.now() - 60_000;
      const ids = [];
      // Straight into the store (1,050 POSTs would test the network, not the reads).
      for (let i = 0; i < 1050; i += 1) {
        const response = makeResponse({ surveyVersion: i % 2 ? '1' : '2' });
        ids.push(response.id);
        assert.equal(await server.store.add(response, new Date(base + i)), 'stored');
      }
      const list = await getJson(server, '/responses');
      assert.deepEqual(
        list.map((response) => response.id),
        ids,
      );
      const lines = (await (await get(server, '/responses.jsonl?version=1')).text()).split('\n');
      assert.equal(lines.pop(), '');
      assert.deepEqual(
        lines.map((line) => JSON.parse(line).id),
        ids.filter((id, index) => index % 2),
      );
    });
  });
}

function get(server, path) {
  return fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${server.token}` } });
}
