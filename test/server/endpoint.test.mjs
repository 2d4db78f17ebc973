import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoServer } from './start-demo-server.mjs';

test('the demo endpoint answers 201 for a new response and 409 for the same id again', async (t) => {
  const server = await startDemoServer(t);
  const body = JSON.stringify({ id: 'a1b2c3d4-0000-4000-8000-000000000001' });
  const first = await fetch(`${server.url}/responses`, { method: 'POST', body });
  const second = await fetch(`${server.url}/responses`, { method: 'POST', body });
  assert.equal(first.status, 201);
  assert.equal(second.status, 409);
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
