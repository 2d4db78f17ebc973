// GET /results: the page that hosts <values-survey-results>, and its bundle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backends, startReceiver } from './support/backends.js';

async function bundleDir(t) {
  const dir = await mkdtemp(join(tmpdir(), 'values-survey-bundle-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('GET /results hosts the results element over /responses, and serves its bundle', async (t) => {
  const { env } = await backends[0].storage(t);
  const bundleFile = join(await bundleDir(t), 'values-survey-results.js');
  await writeFile(bundleFile, 'export const built = true;\n');
  const server = await startReceiver(t, env, { bundleFile });

  const page = await fetch(`${server.url}/results`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /^text\/html; charset=utf-8/);
  assert.match(page.headers.get('content-security-policy'), /script-src 'self'/);
  const html = await page.text();
  assert.match(html, /<html lang="en-GB">/);
  assert.match(html, /<values-survey-results src="\/responses"><\/values-survey-results>/);
  const src = /<script type="module" src="([^"]+)"><\/script>/.exec(html)[1];
  assert.ok(html.length < 1000, 'the page stays tiny');

  const bundle = await fetch(new URL(src, server.url));
  assert.equal(bundle.status, 200);
  assert.match(bundle.headers.get('content-type'), /^text\/javascript/);
  assert.equal(await bundle.text(), 'export const built = true;\n');
  // The page is open; the data behind it is not.
  assert.equal((await fetch(`${server.url}/responses`)).status, 401);
});

test('without a built bundle, /results and the bundle answer 404 saying how to build it', async (t) => {
  const { env } = await backends[0].storage(t);
  const bundleFile = join(await bundleDir(t), 'values-survey-results.js');
  const server = await startReceiver(t, env, { bundleFile });
  for (const path of ['/results', '/results/values-survey-results.js']) {
    const res = await fetch(`${server.url}${path}`);
    assert.equal(res.status, 404, path);
    assert.match(await res.text(), /results bundle .* is not built.*npm run build/s);
  }
});

test('by default the bundle is looked for in the values-survey package dist/', async (t) => {
  const { defaultBundleFile } = await import('../src/routes/results-page.js');
  const file = defaultBundleFile();
  assert.match(file, /dist[/\\]values-survey-results\.js$/);
  const { env } = await backends[0].storage(t);
  const server = await startReceiver(t, env);
  const res = await fetch(`${server.url}/results/values-survey-results.js`);
  // Whether the other bundle is built yet or not, the answer matches the file on disk.
  const built = await stat(file).then(
    () => true,
    (error) => (error.code === 'ENOENT' ? false : Promise.reject(error)),
  );
  assert.equal(res.status, built ? 200 : 404);
});
