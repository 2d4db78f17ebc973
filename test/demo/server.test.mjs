// `npm start`: the demo pages, the built widget (compressed, cacheable) and the receiver on SQLite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startDemoServer } from './start-demo-server.mjs';
import { makeResponse, post } from '../../receiver/test/support/responses.js';

/** A raw GET (fetch would decode the body and hide Content-Encoding). */
function rawGet(url, headers = {}) {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    })
      .on('error', reject)
      .end();
  });
}

test('the demo serves the page and the built widget, and receives its responses', async (t) => {
  const server = await startDemoServer(t);
  const page = await fetch(`${server.url}/`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<values-survey endpoint="\/responses">/);
  assert.match(page.headers.get('content-security-policy'), /script-src 'self'/);
  const script = await fetch(`${server.url}/dist/values-survey.js`);
  assert.equal(script.status, 200);
  assert.match(script.headers.get('content-type'), /javascript/);

  const response = makeResponse();
  assert.equal((await post(server, response)).status, 201);
  assert.equal((await post(server, response)).status, 409);
  assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  // The data folder and anything outside demo/ and dist/ are not served.
  assert.equal((await fetch(`${server.url}/package.json`)).status, 404);
  assert.equal((await fetch(`${server.url}/demo/../package.json`)).status, 404);
});

test('the demo collects the built-in and the refreshed survey, and no other', async (t) => {
  const server = await startDemoServer(t);
  const { surveys } = await (await fetch(`${server.url}/surveys`)).json();
  assert.deepEqual(
    surveys.map((s) => `${s.id}@${s.version}`),
    ['tp-refreshed-values@1', 'tp-values-refresh@1'],
  );
  const refreshed = JSON.parse(
    await readFile(new URL('../../demo/refreshed-survey.json', import.meta.url), 'utf8'),
  );
  const served = await fetch(`${server.url}/surveys/tp-refreshed-values`);
  assert.equal(served.headers.get('access-control-allow-origin'), '*');
  assert.equal((await served.json()).title, refreshed.title);
  const toRefreshed = makeResponse({
    surveyId: 'tp-refreshed-values',
    answers: {
      values: {
        type: 'words',
        decisions: [{ statement: 0, position: 1, word: 'strive', choice: 'keep' }],
      },
    },
  });
  assert.equal((await post(server, toRefreshed)).status, 201);
  // "We" is excluded in the refreshed survey: no chip, so no decision about it.
  const excluded = makeResponse({
    surveyId: 'tp-refreshed-values',
    answers: {
      values: {
        type: 'words',
        decisions: [{ statement: 0, position: 0, word: 'We', choice: 'keep' }],
      },
    },
  });
  assert.equal((await post(server, excluded)).status, 422);
  assert.equal((await post(server, makeResponse({ surveyId: 'somebody-else' }))).status, 422);
});

test('the demo prints a results token at start; reads need it', async (t) => {
  const server = await startDemoServer(t);
  assert.ok(server.token.length >= 16);
  assert.match(server.stdout(), /made for this run/);
  const response = makeResponse();
  assert.equal((await post(server, response)).status, 201);
  assert.equal((await fetch(`${server.url}/responses`)).status, 401);
  const list = await fetch(`${server.url}/responses`, {
    headers: { Authorization: `Bearer ${server.token}` },
  });
  assert.deepEqual(await list.json(), [response]);
  const again = await startDemoServer(t, {
    env: { RESULTS_TOKEN: 'a-token-chosen-by-the-owner-0123456789' },
  });
  assert.equal(again.token, 'a-token-chosen-by-the-owner-0123456789');
});

test('responses are kept across demo restarts in the data folder', async (t) => {
  const first = await startDemoServer(t);
  const response = makeResponse();
  assert.equal((await post(first, response)).status, 201);
  await first.stop();
  const second = await startDemoServer(t, { dataDir: first.dataDir });
  assert.equal((await post(second, response)).status, 409);
});

test('static files are compressed as Accept-Encoding allows, with Vary; dist files cacheable', async (t) => {
  const server = await startDemoServer(t);
  const original = await readFile('dist/values-survey.js');
  const url = `${server.url}/dist/values-survey.js`;

  const br = await rawGet(url, { 'Accept-Encoding': 'gzip, deflate, br' });
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(br.headers.vary, 'Accept-Encoding');
  assert.ok(brotliDecompressSync(br.body).equals(original));
  assert.ok(br.body.length < original.length / 3);
  assert.match(br.headers['cache-control'], /max-age=\d+/);
  assert.ok(br.headers.etag);

  const gz = await rawGet(url, { 'Accept-Encoding': 'gzip' });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.ok(gunzipSync(gz.body).equals(original));

  const refused = await rawGet(url, { 'Accept-Encoding': 'br;q=0, gzip' });
  assert.equal(refused.headers['content-encoding'], 'gzip');
  const plain = await rawGet(url);
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(plain.headers.vary, 'Accept-Encoding');
  assert.ok(plain.body.equals(original));

  // A cached copy is revalidated cheaply.
  const again = await rawGet(url, { 'Accept-Encoding': 'br', 'If-None-Match': br.headers.etag });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
  // The pages are revalidated on every load, so an edit shows at once.
  const page = await rawGet(`${server.url}/`, { 'Accept-Encoding': 'gzip' });
  assert.equal(page.headers['cache-control'], 'no-cache');
  assert.equal(page.headers['content-encoding'], 'gzip');
});

test('DEMO_FAULT=503 makes POST answer 503 with Retry-After: 5 and store nothing', async (t) => {
  const server = await startDemoServer(t, { env: { DEMO_FAULT: '503' } });
  assert.match(server.stderr(), /DEMO_FAULT/);
  const res = await post(server, makeResponse());
  assert.equal(res.status, 503);
  assert.equal(res.headers.get('retry-after'), '5');
  const list = await fetch(`${server.url}/responses`, {
    headers: { Authorization: `Bearer ${server.token}` },
  });
  assert.deepEqual(await list.json(), []);
});
