import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startDemoServer } from './start-demo-server.mjs';
import { getJson, makeResponse, post } from './responses.mjs';

async function storedLines(server) {
  const text = await readFile(join(server.dataDir, 'responses.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

test('a repeated id answers 409 and is not stored again, even with different content', async (t) => {
  const server = await startDemoServer(t);
  const response = makeResponse();
  assert.equal((await post(server, response)).status, 201);
  assert.equal((await post(server, response)).status, 409);
  const changed = { ...response, answers: { fit: { type: 'scale', value: 1 } } };
  assert.equal((await post(server, changed)).status, 409);
  assert.deepEqual(await getJson(server, '/responses'), [response]);
  assert.deepEqual(await storedLines(server), [response]);
});

test('concurrent identical POSTs store exactly one response: one 201, the rest 409', async (t) => {
  const server = await startDemoServer(t);
  const response = makeResponse();
  const replies = await Promise.all(Array.from({ length: 25 }, () => post(server, response)));
  const statuses = replies.map((reply) => reply.status).sort();
  assert.deepEqual(statuses, [201, ...Array(24).fill(409)]);
  assert.deepEqual(await getJson(server, '/responses'), [response]);
  assert.deepEqual(await storedLines(server), [response]);
});

test('concurrent different POSTs are all stored, one whole line each', async (t) => {
  const server = await startDemoServer(t);
  const text = 'a long answer, long enough to need more than one write. '.repeat(150);
  const responses = Array.from({ length: 30 }, () =>
    makeResponse({ answers: { add: { type: 'text', value: text } } }),
  );
  const replies = await Promise.all(responses.map((response) => post(server, response)));
  assert.deepEqual(
    replies.map((reply) => reply.status),
    responses.map(() => 201),
  );
  const byId = (a, b) => (a.id < b.id ? -1 : 1);
  assert.deepEqual((await storedLines(server)).sort(byId), [...responses].sort(byId));
  assert.equal((await getJson(server, '/responses')).length, 30);
});
