/* global document, axe -- the callbacks given to tab.evaluate and waitForFunction run in the page. */
// The Board's results page on the real receiver, in headless Chromium: it says how many
// responses the integrity checks flagged and why, counts without them when asked, and counts one
// way of collecting (kiosk, say) when asked; the receiver's SQL does the counting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backends, startReceiver } from './support/backends.js';
import { launchChromium } from './support/deploy.js';
import { generateResponses } from '../../scripts/generate-responses.mjs';
import { builtInSurvey } from '../../scripts/results-page.mjs';

const survey = await builtInSurvey();
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** axe on the whole page (the results element's shadow root included): no violations. */
async function expectAccessible(tab, what) {
  await tab.addScriptTag({ path: join(ROOT, 'node_modules', 'axe-core', 'axe.min.js') });
  const result = await tab.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
  assert.deepEqual(
    result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`),
    [],
    what,
  );
}

/** Text of the report's element matching `selector`, inside the results element's shadow root. */
const inReport = (tab, selector) =>
  tab.evaluate(
    (css) =>
      document
        .querySelector('values-survey-results')
        .shadowRoot.querySelector(css)
        ?.textContent?.replace(/\s+/g, ' ')
        .trim() ?? '',
    selector,
  );

/** Waits until the headline says `count` responses. */
const headlineSays = (tab, count) =>
  tab.waitForFunction(
    (n) =>
      new RegExp(`^${n} responses`).test(
        document
          .querySelector('values-survey-results')
          ?.shadowRoot?.querySelector('.headline')
          ?.textContent?.trim() ?? '',
      ),
    { polling: 100, timeout: 60_000 },
    count,
  );

test('the results page says how many were flagged and why, and counts without them or by how collected', async (t) => {
  const { env } = await backends[0].storage(t);
  const server = await startReceiver(t, env);
  const { responses } = generateResponses({ ...survey, count: 40, seed: 5 });
  const at = Date.parse('2026-07-01T00:00:00Z');
  for (const [i, response] of responses.entries()) {
    // 12 as if flagged at receipt for a completion too quick; the last 14 from a kiosk.
    const row = i >= 26 ? { ...response, collection: 'kiosk' } : response;
    await server.store.add(row, new Date(at + i * 1000), i < 12 ? 'time' : null);
  }
  const browser = await launchChromium(t);
  const tab = await browser.newPage();
  // axe is injected by the test, which the page's own policy would (rightly) refuse.
  await tab.setBypassCSP(true);
  await tab.goto(`${server.url}/results`);
  // No token sent: the receiver answers 401 and the page asks for the token.
  await tab.waitForFunction(
    () => document.querySelector('values-survey-results')?.shadowRoot?.querySelector('#token'),
    { polling: 100, timeout: 60_000 },
  );
  await tab.evaluate((token) => {
    const input = document
      .querySelector('values-survey-results')
      .shadowRoot.querySelector('#token');
    input.value = token;
    input.form.requestSubmit();
  }, server.token);
  await headlineSays(tab, 40);
  assert.equal(
    await inReport(tab, '.integrity-count'),
    "12 of 40 responses were flagged by the receiver's checks (12 completed implausibly fast). They are counted in these figures.",
  );
  await expectAccessible(tab, 'the report with its integrity note');

  await tab.evaluate(() =>
    document
      .querySelector('values-survey-results')
      .shadowRoot.querySelector('.integrity input[type="checkbox"]')
      .click(),
  );
  await headlineSays(tab, 28);
  assert.match(await inReport(tab, '.integrity-count'), /They are left out of these figures\.$/);
  // The reader's control keeps the focus while the report is counted again.
  await tab.waitForFunction(
    () =>
      document.querySelector('values-survey-results').shadowRoot.activeElement?.type === 'checkbox',
    { polling: 100, timeout: 10_000 },
  );

  await tab.evaluate(() => {
    const select = document
      .querySelector('values-survey-results')
      .shadowRoot.querySelector('#collection');
    select.value = 'kiosk';
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
  // Kiosk responses are the last 14, none of them flagged.
  await headlineSays(tab, 14);
});
