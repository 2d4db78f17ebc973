/* global document, InputEvent -- the callbacks given to tab.evaluate run in the page. */
// The browser killed at random moments after Submit (issue 11, fault 3): a real Chromium with a
// persistent profile, driven by puppeteer-core, SIGKILLed 20 to 400 ms after Submit, then started
// again on the same profile where the respondent does what the page asks (Submit again if it
// offers "Check your answers"). The test endpoint counts distinct ids per answer: every answer
// must arrive, under exactly one id.
//
//   npm run build && npm run test:crash        (CRASH_ROUNDS=12 by default)
//
// Needs dist/values-survey.js (npm run build) and /usr/bin/chromium (CHROME_PATH overrides).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 12);

const definition = {
  id: 'crash-test',
  version: '1',
  title: 'Crash test',
  intro: 'One question.',
  questions: [{ id: 'note', type: 'text', prompt: 'Your note', required: true }],
};

const page = `<!doctype html><html lang="en-GB"><meta charset="utf-8"><title>Crash test</title>
<script type="module" src="/values-survey.js"></script>
<values-survey endpoint="/endpoint"><script type="application/json">${JSON.stringify(definition)}</script></values-survey>`;

/** A page, the built widget, and an endpoint that records which ids each answer arrived under. */
async function startServer() {
  const widget = await readFile(
    process.env.VALUES_SURVEY_JS ?? join(ROOT, 'dist/values-survey.js'),
  );
  const idsByAnswer = new Map();
  const server = createServer(async (req, res) => {
    if (req.method === 'POST' && req.url === '/endpoint') {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const response = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const answer = response.answers.note.value;
      if (!idsByAnswer.has(answer)) idsByAnswer.set(answer, new Set());
      const ids = idsByAnswer.get(answer);
      const known = ids.has(response.id);
      ids.add(response.id);
      // A slow endpoint, as on a hospital network: the kill often lands mid-request.
      setTimeout(() => res.writeHead(known ? 409 : 201).end(), 50);
      return;
    }
    if (req.url === '/values-survey.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(widget);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}/`, idsByAnswer };
}

function launch(profile) {
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: profile,
    args: CHROMIUM_ARGS,
  });
}

/** What the survey shows: the heading of its current step. */
const heading = (tab) =>
  tab.evaluate(
    () =>
      document
        .querySelector('values-survey')
        ?.shadowRoot?.querySelector('[data-step-heading]')
        ?.textContent?.trim() ?? '',
  );

/** Presses the survey's button with one of these texts. */
const press = (tab, ...names) =>
  tab.evaluate((labels) => {
    const buttons = document.querySelector('values-survey').shadowRoot.querySelectorAll('button');
    const button = [...buttons].find((b) => labels.includes(b.textContent.trim()));
    if (!button) throw new Error(`no button "${labels.join('" or "')}"`);
    button.click();
  }, names);

async function waitFor(check, what, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test(`Submit survives the browser being killed at ${ROUNDS} random moments: one id per answer`, async (t) => {
  const { server, url, idsByAnswer } = await startServer();
  const profile = await mkdtemp(join(tmpdir(), 'values-survey-crash-'));
  /** The browser of the current round: closed when the test ends, whether it passed or not. */
  let browser;
  t.after(async () => {
    await browser?.close().catch(() => {});
    server.closeAllConnections();
    server.close();
    await rm(profile, { recursive: true, force: true });
  });
  const killedAfter = [];

  for (let round = 0; round < ROUNDS; round += 1) {
    const answer = `answer of round ${round}`;
    browser = await launch(profile);
    let tab = await browser.newPage();
    await tab.goto(url);
    await waitFor(async () => (await heading(tab)) === 'Crash test', 'the intro');
    // A response of an earlier round not yet sent when the browser was killed: the start page
    // says so, and offers a new response instead of Start.
    await press(tab, 'Start', 'Start a new response');
    await waitFor(async () => (await heading(tab)) === 'Your note', 'the question');
    await tab.evaluate((text) => {
      const box = document.querySelector('values-survey').shadowRoot.querySelector('textarea');
      box.value = text;
      box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    }, answer);
    await press(tab, 'Continue');
    await waitFor(async () => (await heading(tab)) === 'Check your answers', 'Check your answers');
    const delay = 20 + Math.floor(Math.random() * 380);
    killedAfter.push(delay);
    await press(tab, 'Submit');
    await new Promise((resolve) => setTimeout(resolve, delay));
    browser.process().kill('SIGKILL');
    await new Promise((resolve) => browser.process().once('exit', resolve));

    // The respondent opens the page again and finishes whatever it shows them.
    browser = await launch(profile);
    tab = await browser.newPage();
    await tab.goto(url);
    const shown = await waitFor(async () => heading(tab), 'the survey after the restart');
    if (shown === 'Your note') await press(tab, 'Continue');
    if (shown !== 'Crash test') {
      await waitFor(async () => (await heading(tab)) === 'Check your answers', 'Check again');
      await press(tab, 'Submit');
    }
    await waitFor(() => idsByAnswer.has(answer), `"${answer}" to arrive`);
    // Any second copy still on the device is sent before counting: after a reload, the start
    // page says the last response was received, not that one is waiting.
    await tab.reload();
    await waitFor(
      async () =>
        (await heading(tab)) === 'Crash test' &&
        (await tab.evaluate(() =>
          document.querySelector('values-survey').shadowRoot.textContent.includes('were received'),
        )),
      'the start page to say the answers were received',
    );
    await browser.close();
  }

  const doubled = [...idsByAnswer].filter(([, ids]) => ids.size > 1);
  t.diagnostic(`killed after (ms): ${killedAfter.join(', ')}`);
  assert.equal(idsByAnswer.size, ROUNDS, 'every answer arrived');
  assert.deepEqual(
    doubled.map(([answer, ids]) => [answer, ids.size]),
    [],
    'an answer arrived under more than one id',
  );
});
