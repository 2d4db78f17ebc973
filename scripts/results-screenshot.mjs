// Takes the README's pictures of the results report, from generated data, in headless Chromium
// (puppeteer-core with /usr/bin/chromium; CHROME_PATH overrides):
//   docs/results.png        the report on screen: the summary for the Board, who answered and the
//                           first words question
//   docs/results-print.png  the first page of the print view (the Board paper), A4 width
//
//   npm run build && node scripts/results-screenshot.mjs
//
// The data is fixed (seed and dates), so the pictures change only when the report does. The page
// is served under the demo's strict CSP, and the token is typed into the element's own form.
/* global document -- used inside page.evaluate */
import { writeFile, mkdir } from 'node:fs/promises';
import puppeteer from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';
import { generateResponses } from './generate-responses.mjs';
import { builtInSurvey, startResultsPage } from './results-page.mjs';

const TOKEN = 'screenshot-token';
const survey = await builtInSurvey();
const { responses } = generateResponses({
  ...survey,
  count: 240,
  seed: 20260901,
  start: '2026-06-01T09:00:00.000Z',
  days: 42,
});
const server = await startResultsPage({
  // A JSON Lines address: counted in the browser (a receiver's /responses would be read as its
  // summary, which this small server does not count).
  page: '<values-survey-results src="/responses.jsonl"></values-survey-results>',
  responses: responses.map((r) => JSON.stringify(r)).join('\n'),
  token: TOKEN,
  title: 'Survey results',
});
let browser;
try {
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (message) => {
    // The first fetch goes without a token and is answered 401: that is how the form is reached.
    if (/status of 401/.test(message.text())) return;
    if (message.type() === 'error' || message.type() === 'warn') problems.push(message.text());
  });
  await page.setViewport({ width: 1100, height: 900, deviceScaleFactor: 1 });
  await page.goto(server.url);
  const token = await page.waitForSelector('values-survey-results >>> #token');
  await token.type(TOKEN);
  await token.press('Enter');
  await page.waitForSelector('values-survey-results >>> .words-question');
  // Show one word's figures, as when the owner points at it.
  const word = await page.waitForSelector(
    'values-survey-results >>> [data-word="main/values/1/4"]',
  );
  await word.focus();
  await page.waitForFunction(() =>
    document
      .querySelector('values-survey-results')
      .shadowRoot.querySelector('.detail strong')
      ?.textContent.includes('compassionate'),
  );
  await mkdir('docs', { recursive: true });

  const clipTo = async (selector) => {
    const box = await page.evaluate((sel) => {
      const root = document.querySelector('values-survey-results').shadowRoot;
      const report = root.querySelector('.report').getBoundingClientRect();
      const end = root.querySelector(sel).getBoundingClientRect();
      return {
        x: report.x - 16,
        y: report.y - 16,
        width: report.width + 32,
        height: end.bottom - report.y + 32,
      };
    }, selector);
    return { ...box, x: Math.max(0, box.x), y: Math.max(0, box.y) };
  };
  const screen = await page.screenshot({
    clip: await clipTo('.words-question'),
    captureBeyondViewport: true,
  });
  await writeFile('docs/results.png', screen);

  await page.emulateMediaType('print');
  await page.setViewport({ width: 794, height: 1123, deviceScaleFactor: 1 });
  await page.evaluate(() => document.activeElement?.blur());
  const paper = await page.screenshot({ clip: { x: 0, y: 0, width: 794, height: 1123 } });
  await writeFile('docs/results-print.png', paper);

  if (problems.length) throw new Error(`The page reported problems:\n${problems.join('\n')}`);
  console.log('Wrote docs/results.png and docs/results-print.png from 240 generated responses.');
} finally {
  await browser?.close();
  await server.close();
}
