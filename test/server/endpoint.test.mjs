import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoServer } from './start-demo-server.mjs';
import { makeResponse, post } from './responses.mjs';

test('the demo endpoint answers 201 for a new response and 409 for the same id again', async (t) => {
  const server = await startDemoServer(t);
  const response = makeResponse();
  const first = await post(server, response);
  const second = await post(server, response);
  assert.equal(first.status, 201);
  assert.deepEqual(await first.json(), { id: response.id });
  assert.equal(second.status, 409);
  assert.equal((await second.json()).id, response.id);
});

test('the demo server serves the built widget and the demo page', async (t) => {
  const server = await startDemoServer(t);
  const page = await fetch(`${server.url}/`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<values-survey endpoint="\/responses">/);
  const script = await fetch(`${server.url}/dist/values-survey.js`);
  assert.equal(script.status, 200);
  assert.match(script.headers.get('content-type'), /javascript/);
});

test('GET /responses lists stored responses in the order received', async (t) => {
  const server = await startDemoServer(t);
  assert.deepEqual(await (await fetch(`${server.url}/responses`)).json(), []);
  const first = makeResponse();
  const second = makeResponse({ surveyVersion: '2' });
  assert.equal((await post(server, first)).status, 201);
  assert.equal((await post(server, second)).status, 201);
  const list = await fetch(`${server.url}/responses`);
  assert.equal(list.status, 200);
  assert.match(list.headers.get('content-type'), /^application\/json/);
  assert.equal(list.headers.get('cache-control'), 'no-store');
  assert.deepEqual(await list.json(), [first, second]);
});

test('other methods on the endpoint routes answer 405 with Allow', async (t) => {
  const server = await startDemoServer(t);
  const put = await fetch(`${server.url}/responses`, { method: 'PUT', body: '{}' });
  assert.equal(put.status, 405);
  assert.match(put.headers.get('allow'), /POST/);
  const csv = await fetch(`${server.url}/responses.csv`, { method: 'POST', body: '{}' });
  assert.equal(csv.status, 405);
  const unknown = await fetch(`${server.url}/responses/nothing-here`);
  assert.equal(unknown.status, 404);
});

test('DEMO_FAULT=503 makes POST answer 503 with Retry-After: 5 and store nothing', async (t) => {
  const server = await startDemoServer(t, { env: { DEMO_FAULT: '503' } });
  const res = await post(server, makeResponse());
  assert.equal(res.status, 503);
  assert.equal(res.headers.get('retry-after'), '5');
  assert.deepEqual(await (await fetch(`${server.url}/responses`)).json(), []);
});
