/* global document -- the callbacks given to tab.evaluate run in the page. */
// The editor's diagnostics live in a second file beside the survey's bundle, loaded only when a
// definition is wrong. Served by the receiver beside both addresses of the bundle, they turn a
// broken definition into sentences on a page of another site; where the file is missing (a CMS
// that took only the one file), the error box still names each problem by its path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  SURVEY_BUNDLE,
  openTab,
  startDeployReceiver,
  startSite,
  tempDir,
  waitFor,
} from './support/deploy.js';

/** A definition an editor pasted from a word processor: curly quotes around one id. */
const CURLY = `{"id": "values", "version": "1", "title": "Our values", "questions": [
  {"id": “fit”, "type": "text", "prompt": "Anything else?"}
]}`;

/** Valid JSON that is not a survey: no questions. */
const NO_QUESTIONS = `{"id": "values", "version": "1", "title": "Our values"}`;

const page = (bundle, definition) => `<!doctype html><html lang="en-GB"><meta charset="utf-8">
<title>CMS page</title><script type="module" src="${bundle}"></script>
<h1>Our values</h1><values-survey><script type="application/json">${definition}</script></values-survey>`;

/** The error box's problems, once it shows any. */
const problemsShown = (tab) =>
  waitFor(async () => {
    const items = await tab.evaluate(() =>
      [
        ...(document
          .querySelector('values-survey')
          ?.shadowRoot?.querySelectorAll('[role="alert"] li') ?? []),
      ].map((li) => li.textContent.replace(/\s+/g, ' ').trim()),
    );
    return items.length > 0 && items;
  }, 'the error box to list the problems');

test('the diagnostics are served beside the bundle, at both of its addresses, revalidated', async (t) => {
  const server = await startDeployReceiver(t);
  const { url } = await (await fetch(`${server.url}/assets/values-survey.json`)).json();
  const beside = new URL('values-survey-diagnostics.js', url).href;
  assert.equal(beside, `${server.url}/assets/values-survey-diagnostics.js`);
  for (const address of [beside, `${server.url}/values-survey-diagnostics.js`]) {
    const res = await fetch(address, { headers: { 'Accept-Encoding': 'identity' } });
    assert.equal(res.status, 200, address);
    assert.match(await res.text(), /export\s*\{[^}]*\bexplain\b/);
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('content-type'), 'text/javascript; charset=utf-8');
    const again = await fetch(address, {
      headers: { 'Accept-Encoding': 'identity', 'If-None-Match': res.headers.get('etag') },
    });
    assert.equal(again.status, 304);
  }
});

for (const engine of ['Chromium', 'Firefox', 'WebKit']) {
  test(`${engine}: a broken definition on another site is explained in words, from the receiver's diagnostics`, async (t) => {
    const server = await startDeployReceiver(t);
    const { url, integrity } = await (
      await fetch(`${server.url}/assets/values-survey.json`)
    ).json();
    const site = await startSite(t, (path) =>
      page(url, path === '/curly' ? CURLY : NO_QUESTIONS).replace(
        `src="${url}"`,
        `src="${url}" integrity="${integrity}" crossorigin="anonymous"`,
      ),
    );
    const tab = await openTab(t, engine);

    await tab.goto(`${site.url}/curly`);
    const curly = await problemsShown(tab);
    assert.equal(curly.length, 1, JSON.stringify(curly));
    assert.match(curly[0], /there is a curly quote/);
    assert.match(curly[0], /line 2, column 10/);

    await tab.goto(`${site.url}/missing`);
    const missing = await problemsShown(tab);
    assert.match(missing.join('\n'), /The questions are missing/);
  });
}

test('Chromium: without the diagnostics file, the error box still names each problem by its path', async (t) => {
  // A package whose dist/ has the real bundle but not its diagnostics, as on a CMS that took
  // only the one file.
  const root = await tempDir(t);
  await mkdir(join(root, 'dist'));
  await writeFile(join(root, 'package.json'), JSON.stringify({ version: '1.0.0' }));
  const bundleFile = join(root, 'dist', 'values-survey.js');
  await copyFile(SURVEY_BUNDLE, bundleFile);
  const server = await startDeployReceiver(t, {}, { surveyBundleFile: bundleFile });
  assert.equal((await fetch(`${server.url}/assets/values-survey-diagnostics.js`)).status, 404);
  const { url } = await (await fetch(`${server.url}/assets/values-survey.json`)).json();
  const site = await startSite(t, () => page(url, NO_QUESTIONS));
  const tab = await openTab(t, 'Chromium');

  await tab.goto(`${site.url}/`);
  const shown = await problemsShown(tab);
  assert.deepEqual(shown, ['questions: Invalid input']);
  const title = await tab.evaluate(
    () =>
      document.querySelector('values-survey').shadowRoot.querySelector('[role="alert"]')
        .textContent,
  );
  assert.match(title, /This survey cannot be shown/);
});
