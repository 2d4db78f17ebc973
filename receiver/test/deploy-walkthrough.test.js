/* global document -- the callbacks given to tab.evaluate run in the page. */
// The IT guide's "Try it first" walk, step by step, with the guide's own snippet: the demo server
// (npm start) allowing a second local site, the check and the script's address from curl's two
// addresses, the snippet on a page of the second site, a respondent in Chromium, and the
// response in the results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startDemoServer } from '../../test/demo/start-demo-server.mjs';
import { ROOT, launchChromium, startSite, waitFor } from './support/deploy.js';

const GUIDE = join(ROOT, 'docs', 'it-guide.md');

/** The guide's blocks of one language, in order. */
async function blocks(language) {
  const text = await readFile(GUIDE, 'utf8');
  return [...text.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((match) =>
    match[1].replace(/^ {3}/gm, ''),
  );
}

const heading = (tab) =>
  tab.evaluate(
    () =>
      document
        .querySelector('values-survey')
        ?.shadowRoot?.querySelector('[data-step-heading]')
        ?.textContent?.trim() ?? '',
  );

test('the IT guide’s walk: a survey on a second local site, and the response in the results', async (t) => {
  // Step 2 names the second site http://localhost:8001 and the receiver 127.0.0.1:8000; here both
  // are on free ports, put in their place wherever the guide names them.
  let page = '';
  const site = await startSite(t, () => page);
  const shell = (await blocks('sh')).find((block) => block.includes('npm start'));
  assert.match(shell, /^ALLOWED_ORIGINS=http:\/\/localhost:8001 npm start$/m);
  const demo = await startDemoServer(t, { env: { ALLOWED_ORIGINS: site.url } });
  const here = (text) =>
    text
      .replaceAll('http://127.0.0.1:8000', demo.url)
      .replaceAll('http://localhost:8001', site.url);

  // Step 3: the check, and the script's address and hash.
  const [checkCommand, manifestCommand] = (await blocks('sh'))
    .find((block) => block.includes('/check?'))
    .trim()
    .split('\n')
    .map((line) => /curl '?([^' ]+)'?/.exec(line)[1]);
  const check = await (await fetch(here(checkCommand))).json();
  assert.deepEqual(
    { ...check, messages: check.messages.length },
    { originAllowed: true, surveyOpen: true, bundleLoads: true, messages: 3 },
    check.messages.join('\n'),
  );
  const { url, integrity } = await (await fetch(here(manifestCommand))).json();

  // Steps 4 and 5: the guide's snippet, as given, on the second site.
  const snippet = (await blocks('html')).find((block) => block.includes('<values-survey'));
  assert.ok(snippet.includes('src="URL" integrity="INTEGRITY"'));
  page = here(snippet.replace('"URL"', `"${url}"`).replace('"INTEGRITY"', `"${integrity}"`));

  // Step 6: a respondent answers and presses Submit.
  const browser = await launchChromium(t);
  const tab = await browser.newPage();
  await tab.goto(`${site.url}/`);
  await waitFor(
    async () => (await heading(tab)) === 'Refresh our values, vision and mission',
    'the survey on the second site',
  );
  await tab.locator('::-p-aria(Start[role="button"])').click();
  for (let step = 0; step < 8; step += 1) {
    const shown = await heading(tab);
    if (shown === 'Check your answers') break;
    if (shown === 'How are you connected to the Trust?') {
      await tab.locator('::-p-aria(Staff[role="checkbox"])').click();
    }
    await tab.locator('::-p-aria(Continue[role="button"])').click();
    await waitFor(async () => (await heading(tab)) !== shown, `the step after "${shown}"`);
  }
  assert.equal(await heading(tab), 'Check your answers');
  await tab.locator('::-p-aria(Submit[role="button"])').click();
  await waitFor(
    () =>
      tab.evaluate(() =>
        /sent/i.test(document.querySelector('values-survey').shadowRoot.textContent),
      ),
    'the survey to say the answers were sent',
  );

  // Step 7: the response is in the results.
  const res = await fetch(`${demo.url}/responses`, {
    headers: { Authorization: `Bearer ${demo.token}` },
  });
  assert.equal(res.status, 200);
  const responses = await res.json();
  assert.equal(responses.length, 1);
  assert.equal(responses[0].surveyId, 'tp-values-refresh');
  assert.deepEqual(responses[0].answers.connection, { type: 'choices', values: ['staff'] });
});
