/* global customElements, document, window -- the callbacks given to tab.evaluate run in the page. */
// The survey's one file from the receiver: a versioned, cacheable, compressed URL that any site
// may load, its Subresource Integrity hash published, and a real browser on another origin that
// runs it with integrity and crossorigin, and refuses it when the hash is wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { openTab, startDeployReceiver, startSite, tempDir, waitFor } from './support/deploy.js';

/** A package folder with a bundle in dist/, as the values-survey package has after a build. */
async function fakePackage(t, version, code) {
  const root = await tempDir(t);
  await mkdir(join(root, 'dist'));
  await writeFile(join(root, 'package.json'), JSON.stringify({ version }));
  const file = join(root, 'dist', 'values-survey.js');
  await writeFile(file, code);
  return file;
}

const sri = (body) => `sha384-${createHash('sha384').update(body).digest('base64')}`;

test('the bundle is served at a versioned URL named with its SRI hash', async (t) => {
  const code = `export const hello = ${JSON.stringify('x'.repeat(5000))};\n`;
  const file = await fakePackage(t, '1.2.3', code);
  const server = await startDeployReceiver(t, {}, { surveyBundleFile: file });

  const res = await fetch(`${server.url}/assets/values-survey.json`, {
    headers: { Origin: 'https://cms.example.nhs.uk' },
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  assert.equal(res.headers.get('cache-control'), 'no-cache');
  const manifest = await res.json();
  assert.match(
    manifest.url,
    new RegExp(`^${server.url}/assets/values-survey-1\\.2\\.3-[0-9a-f]{10}\\.js$`),
  );
  assert.equal(manifest.integrity, sri(code));
  assert.equal(manifest.version, '1.2.3');

  const plain = await fetch(manifest.url, { headers: { 'Accept-Encoding': 'identity' } });
  assert.equal(plain.status, 200);
  assert.equal(await plain.text(), code);
  assert.equal(plain.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(plain.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(plain.headers.get('access-control-allow-origin'), '*');
  assert.equal(plain.headers.get('cross-origin-resource-policy'), 'cross-origin');
  assert.equal(plain.headers.get('vary'), 'Accept-Encoding');
  assert.equal(plain.headers.get('content-encoding'), null);
});

test('the current bundle is also at the stable /values-survey.js, revalidated on each load', async (t) => {
  const code = `export const stable = ${JSON.stringify('y'.repeat(3000))};\n`;
  const file = await fakePackage(t, '2.0.0', code);
  const server = await startDeployReceiver(t, {}, { surveyBundleFile: file });
  const res = await fetch(`${server.url}/values-survey.js`, {
    headers: { 'Accept-Encoding': 'identity' },
  });
  assert.equal(res.status, 200);
  assert.equal(await res.text(), code);
  assert.equal(res.headers.get('cache-control'), 'no-cache');
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  assert.equal(res.headers.get('cross-origin-resource-policy'), 'cross-origin');
  const again = await fetch(`${server.url}/values-survey.js`, {
    headers: { 'Accept-Encoding': 'identity', 'If-None-Match': res.headers.get('etag') },
  });
  assert.equal(again.status, 304);
});

test('the bundle is compressed by Accept-Encoding (brotli, else gzip) and revalidated by ETag', async (t) => {
  const code = `export const words = ${JSON.stringify('keep remove '.repeat(2000))};\n`;
  const file = await fakePackage(t, '1.0.0', code);
  const server = await startDeployReceiver(t, {}, { surveyBundleFile: file });
  const { url } = await (await fetch(`${server.url}/assets/values-survey.json`)).json();
  const { request } = await import('node:http');
  const raw = (headers) =>
    new Promise((resolve, reject) => {
      request(url, { headers }, async (res) => {
        const chunks = [];
        for await (const chunk of res) chunks.push(chunk);
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) });
      })
        .on('error', reject)
        .end();
    });
  const br = await raw({ 'Accept-Encoding': 'gzip, deflate, br' });
  assert.equal(br.headers['content-encoding'], 'br');
  assert.ok(br.body.length < code.length / 10);
  assert.equal(brotliDecompressSync(br.body).toString(), code);
  const gz = await raw({ 'Accept-Encoding': 'gzip;q=1, br;q=0' });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(gunzipSync(gz.body).toString(), code);
  const again = await raw({ 'Accept-Encoding': 'br', 'If-None-Match': br.headers.etag });
  assert.equal(again.status, 304);
});

test('a rebuilt bundle gets a new URL and hash; the old URL still loads (kept in DATA_DIR)', async (t) => {
  const file = await fakePackage(t, '1.0.0', 'export const a = 1;\n');
  const server = await startDeployReceiver(t, {}, { surveyBundleFile: file });
  const first = await (await fetch(`${server.url}/assets/values-survey.json`)).json();
  await writeFile(file, 'export const a = 2;\n');
  const second = await waitFor(async () => {
    const manifest = await (await fetch(`${server.url}/assets/values-survey.json`)).json();
    return manifest.url !== first.url && manifest;
  }, 'the rebuilt bundle');
  assert.notEqual(second.integrity, first.integrity);
  assert.equal(await (await fetch(second.url)).text(), 'export const a = 2;\n');
  const old = await fetch(first.url);
  assert.equal(old.status, 200);
  assert.equal(await old.text(), 'export const a = 1;\n');
  assert.equal(old.headers.get('cache-control'), 'public, max-age=31536000, immutable');

  const unknown = await fetch(`${server.url}/assets/values-survey-9.9.9-0123456789.js`);
  assert.equal(unknown.status, 404);
  assert.match(await unknown.text(), /not a bundle this receiver has served/);
  assert.equal((await fetch(`${server.url}/assets/..%2Fresponses.sqlite`)).status, 404);
});

test('without a built bundle the manifest says how to build it', async (t) => {
  const server = await startDeployReceiver(
    t,
    {},
    {
      surveyBundleFile: join(await tempDir(t), 'dist', 'values-survey.js'),
    },
  );
  const res = await fetch(`${server.url}/assets/values-survey.json`);
  assert.equal(res.status, 404);
  assert.match((await res.json()).message, /run `npm run build`/);
});

// Records every element whose load the browser refused (a script failing its integrity check).
const LISTENER = `window.refused = [];
document.addEventListener('error', (event) => window.refused.push(event.target.src), true);`;

for (const engine of ['Chromium', 'Firefox', 'WebKit']) {
  test(`${engine}: a page on another site runs the bundle with integrity and crossorigin; a wrong hash is refused`, async (t) => {
    const server = await startDeployReceiver(t);
    const { url, integrity } = await (
      await fetch(`${server.url}/assets/values-survey.json`)
    ).json();
    const tampered = `sha384-${Buffer.alloc(48, 7).toString('base64')}`;
    // The CMS page's own strict policy: scripts from itself and the receiver only.
    const site = await startSite(
      t,
      (path) =>
        path === '/listen.js'
          ? LISTENER
          : `<!doctype html><html lang="en-GB"><meta charset="utf-8"><title>CMS page</title>
<script src="/listen.js"></script>
<script type="module" src="${url}" integrity="${path === '/tampered' ? tampered : integrity}" crossorigin="anonymous"></script>
<h1>Our values</h1><values-survey></values-survey>`,
      { headers: { 'Content-Security-Policy': `script-src 'self' ${server.url}` } },
    );
    const tab = await openTab(t, engine);

    await tab.goto(`${site.url}/good`);
    const heading = await waitFor(
      () =>
        tab.evaluate(() =>
          document
            .querySelector('values-survey')
            .shadowRoot?.querySelector('[data-step-heading]')
            ?.textContent?.trim(),
        ),
      'the survey to render',
    );
    assert.match(heading, /values/i);
    assert.deepEqual(await tab.evaluate(() => window.refused), []);

    await tab.goto(`${site.url}/tampered`);
    await waitFor(
      async () => (await tab.evaluate(() => window.refused)).includes(url),
      'the script to be refused',
    );
    assert.equal(await tab.evaluate(() => Boolean(customElements.get('values-survey'))), false);
  });
}
