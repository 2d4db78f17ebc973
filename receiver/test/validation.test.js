import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { backends, startReceiver } from './support/backends.js';
import { getJson, makeResponse, post } from './support/responses.js';

// These checks come before storage, so one backend is enough.
async function startSqlite(t, env = {}) {
  const { env: storage } = await backends[0].storage(t);
  return startReceiver(t, { ...storage, ...env });
}

test('a body that is not JSON answers 400 with a message', async (t) => {
  const server = await startSqlite(t);
  for (const body of ['{"id": ', 'hello', '']) {
    const res = await post(server, body, { 'Idempotency-Key': 'x' });
    assert.equal(res.status, 400, `body ${JSON.stringify(body)}`);
    const reply = await res.json();
    assert.equal(reply.error, 'not JSON');
    assert.match(reply.message, /JSON/);
  }
});

test('a body that is not application/json answers 415', async (t) => {
  const server = await startSqlite(t);
  const response = makeResponse();
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', null]) {
    const res = await post(server, response, { 'Content-Type': type });
    assert.equal(res.status, 415, `Content-Type ${type}`);
  }
  const latin1 = await post(server, response, {
    'Content-Type': 'application/json; charset=iso-8859-1',
  });
  assert.equal(latin1.status, 415);
  const utf8 = await post(server, response, { 'Content-Type': 'application/json; charset=UTF-8' });
  assert.equal(utf8.status, 201);
});

test('a compressed body answers 415; Content-Encoding: identity is the JSON itself', async (t) => {
  const server = await startSqlite(t);
  const response = makeResponse();
  const gzipped = await fetch(`${server.url}/responses`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Content-Encoding': 'gzip',
      'Idempotency-Key': response.id,
    },
    body: gzipSync(JSON.stringify(response)),
  });
  assert.equal(gzipped.status, 415);
  assert.equal((await gzipped.json()).message, 'Send the response uncompressed.');
  const plain = await post(server, response, { 'Content-Encoding': 'identity' });
  assert.equal(plain.status, 201);
});

test('a body over 64 KB answers 413, whether its length is declared or streamed', async (t) => {
  const server = await startSqlite(t);
  const response = makeResponse({
    answers: { add: { type: 'text', value: 'x'.repeat(65 * 1024) } },
  });
  const declared = await post(server, response);
  assert.equal(declared.status, 413);
  assert.equal((await declared.json()).error, 'too large');

  const bytes = new TextEncoder().encode(JSON.stringify(response));
  const streamed = await fetch(`${server.url}/responses`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': response.id },
    body: new ReadableStream({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 8192)
          controller.enqueue(bytes.subarray(i, i + 8192));
        controller.close();
      },
    }),
    duplex: 'half',
  });
  assert.equal(streamed.status, 413);
  // The server is still answering, and stored nothing.
  assert.deepEqual(await getJson(server, '/responses'), []);
  assert.equal((await post(server, makeResponse())).status, 201);
});

test('a response that fails the schema answers 422 with each problem and its field path', async (t) => {
  const server = await startSqlite(t);
  const response = makeResponse({
    id: 'not-a-uuid',
    startedAt: 'yesterday',
    surveyId: '',
    extra: true,
    answers: {
      values: {
        type: 'words',
        decisions: [{ statement: -1, position: 0, word: 'caring', choice: 'maybe' }],
      },
      fit: { type: 'scale', value: 'four' },
      odd: { type: 'rating', value: 3 },
    },
  });
  const res = await post(server, response, { 'Idempotency-Key': 'not-a-uuid' });
  assert.equal(res.status, 422);
  const reply = await res.json();
  assert.equal(reply.error, 'invalid response');
  const byPath = Object.fromEntries(reply.problems.map(({ path, message }) => [path, message]));
  assert.deepEqual(Object.keys(byPath).sort(), [
    'answers.fit.value',
    'answers.odd.type',
    'answers.values.decisions[0].choice',
    'answers.values.decisions[0].statement',
    'extra',
    'id',
    'startedAt',
    'surveyId',
  ]);
  assert.equal(byPath['answers.fit.value'], 'must be a number, not text');
  assert.equal(byPath['answers.values.decisions[0].statement'], 'must be at least 0');
  assert.equal(byPath['answers.values.decisions[0].choice'], 'must be one of "keep", "remove"');
  assert.match(byPath['answers.odd.type'], /must be one of "words", "choice"/);
  assert.match(byPath.id, /UUID/);
  assert.match(byPath.startedAt, /ISO 8601/);
  assert.match(byPath.surveyId, /^must start with a letter/);
  assert.equal(byPath.extra, 'is not a field of a response');
  assert.deepEqual(await getJson(server, '/responses'), []);
});

test('422 names missing fields and wrong types', async (t) => {
  const server = await startSqlite(t);
  const { client, ...withoutClient } = makeResponse();
  const res = await post(server, { ...withoutClient, answers: { fit: { type: 'scale' } } });
  assert.ok(client);
  assert.equal(res.status, 422);
  const { problems } = await res.json();
  assert.deepEqual(problems, [
    { path: 'answers.fit.value', message: 'is required' },
    { path: 'client', message: 'is required' },
  ]);
  const notObject = await post(server, '[1, 2]', { 'Idempotency-Key': 'x' });
  assert.equal(notObject.status, 422);
  assert.deepEqual((await notObject.json()).problems, [
    { path: '', message: 'must be an object, not an array' },
  ]);
});

test('Idempotency-Key must be present and equal to the response id (else 400)', async (t) => {
  const server = await startSqlite(t);
  const response = makeResponse();
  const missing = await post(server, response, { 'Idempotency-Key': null });
  assert.equal(missing.status, 400);
  assert.equal((await missing.json()).error, 'missing Idempotency-Key');
  const different = await post(server, response, { 'Idempotency-Key': crypto.randomUUID() });
  assert.equal(different.status, 400);
  assert.equal((await different.json()).error, 'Idempotency-Key mismatch');
  assert.deepEqual(await getJson(server, '/responses'), []);
  assert.equal((await post(server, response)).status, 201);
});

test('other methods on the receiver routes answer 405 with Allow; unknown paths 404', async (t) => {
  const server = await startSqlite(t);
  const put = await fetch(`${server.url}/responses`, { method: 'PUT', body: '{}' });
  assert.equal(put.status, 405);
  assert.match(put.headers.get('allow'), /POST/);
  const csv = await fetch(`${server.url}/responses.csv`, { method: 'POST', body: '{}' });
  assert.equal(csv.status, 405);
  assert.equal(csv.headers.get('allow'), 'GET, HEAD');
  const one = await fetch(`${server.url}/responses/some-id`);
  assert.equal(one.status, 405);
  assert.equal(one.headers.get('allow'), 'DELETE');
  const unknown = await fetch(`${server.url}/nothing-here`);
  assert.equal(unknown.status, 404);
  assert.equal((await unknown.json()).error, 'not found');
});
