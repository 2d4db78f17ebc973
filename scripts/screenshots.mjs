/**
 * Regenerates the respondent screenshots in docs/ (`npm run screenshots`, after `npm run build`):
 * the start page, the words question (and a word's open choice), the scale, Check your answers,
 * the refusal page, the confirmation and kiosk mode's confirmation (Next person), at
 * 320 px (a small phone) and 1280 px. Serves the built dist/values-survey.js, a plain page and a test
 * endpoint of its own on 127.0.0.1 (one that accepts, one that refuses with 422), and drives
 * Debian's Chromium through puppeteer-core, each run in a fresh profile. Nothing leaves the machine.
 */
// The functions passed to the page run there, with its globals.
/* global document, window */
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import puppeteer from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';
import { DEFAULT_SURVEY } from '../dist/esm/definition/default-survey.js';

const OUT = new URL('../docs/', import.meta.url);
const WIDTHS = [320, 1280];
// The built-in survey, with a contact so the refusal page shows one (an example address).
const SURVEY = { ...DEFAULT_SURVEY, contact: 'surveys@example.nhs.uk' };

const page = (endpoint, mode) => `<!doctype html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>values-survey</title>
    <style>body { margin: 8px; font-family: Arial, sans-serif; }</style>
    <script type="module" src="/values-survey.js"></script>
  </head>
  <body>
    <values-survey src="/survey.json" endpoint="${endpoint}" mode="${mode ?? ''}"></values-survey>
  </body>
</html>`;

const script = await readFile(new URL('../dist/values-survey.js', import.meta.url));
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const send = (status, type, body) => res.writeHead(status, { 'Content-Type': type }).end(body);
  if (url.pathname === '/') {
    return send(
      200,
      'text/html',
      page(url.searchParams.get('endpoint'), url.searchParams.get('mode')),
    );
  }
  if (url.pathname === '/values-survey.js') return send(200, 'text/javascript', script);
  if (url.pathname === '/survey.json') return send(200, 'application/json', JSON.stringify(SURVEY));
  if (req.method === 'POST' && url.pathname.startsWith('/endpoint/')) {
    req.resume();
    return req.on('end', () =>
      url.pathname === '/endpoint/refuse'
        ? send(422, 'application/json', '{"error":"invalid"}')
        : send(201, 'application/json', '{}'),
    );
  }
  send(404, 'text/plain', 'not found');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

/** In the page: the visible button, label or link whose text is `name`, in any shadow root. */
function findByText(name) {
  // Text as read out: without aria-hidden parts (the ✓ and ✗ glyphs on Keep and Remove).
  const textOf = (node) =>
    [...node.childNodes]
      .map((child) =>
        child.nodeType === 3 ? child.textContent : child.ariaHidden === 'true' ? '' : textOf(child),
      )
      .join('');
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) {
        const found = walk(el.shadowRoot);
        if (found) return found;
      }
      if (
        ['BUTTON', 'LABEL', 'A'].includes(el.tagName) &&
        textOf(el).replace(/\s+/g, ' ').trim() === name &&
        el.getClientRects().length
      ) {
        return el;
      }
    }
    return null;
  };
  return walk(document);
}

/** In the page: the text of the focused step heading, in any shadow root. */
function focusedHeading() {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active?.tagName === 'H2' ? active.textContent.replace(/\s+/g, ' ').trim() : '';
}

const browser = await puppeteer.launch({
  executablePath: CHROMIUM,
  args: CHROMIUM_ARGS,
  headless: true,
});
try {
  await mkdir(OUT, { recursive: true });
  for (const width of WIDTHS) {
    // kiosk: mode="kiosk", its endpoint accepts (issue 23).
    for (const outcome of ['accept', 'refuse', 'kiosk']) {
      const context = await browser.createBrowserContext();
      const tab = await context.newPage();
      await tab.setViewport({ width, height: width === 320 ? 640 : 900 });
      await tab.goto(`${origin}/?endpoint=/endpoint/${outcome}&mode=${outcome}`);
      // Waits for the thing to click (the word chips' buttons appear a moment after a tap),
      // then clicks it with the mouse, as a respondent does (pointer events, then the click).
      const click = async (name) => {
        const handle = await tab.waitForFunction(
          (text) => window.findByText(text),
          {
            timeout: 10_000,
          },
          name,
        );
        await handle.asElement().click();
        await handle.dispose();
      };
      const heading = (pattern) =>
        tab.waitForFunction(
          (source) => new RegExp(source).test(focusedHeading()),
          { timeout: 10_000 },
          pattern.source,
        );
      // The mouse moved off the survey first, so no word shows as hovered.
      const shot = async (name) => {
        await tab.mouse.move(0, 0);
        await tab.screenshot({
          path: new URL(`${name}-${width}.png`, OUT).pathname,
          fullPage: true,
        });
      };
      // Defined in the page, where the two helpers run.
      await tab.evaluate(
        `${focusedHeading}; ${findByText}; Object.assign(window, { focusedHeading, findByText });`,
      );
      await tab.waitForFunction(() =>
        document.querySelector('values-survey')?.shadowRoot?.querySelector('[data-step-heading]'),
      );
      if (outcome === 'accept') await shot('respondent-start');
      await click('Start');
      await heading(/Which words/);
      for (const [word, choice] of [
        ['caring', 'Keep'],
        ['compassionate', 'Keep'],
        ['passionate', 'Remove'],
        ['openness', 'Keep'],
      ]) {
        await click(word);
        await click(choice);
      }
      await tab.evaluate(() => window.scrollTo(0, 0));
      if (outcome === 'accept') {
        await shot('respondent-words');
        // A word's choice open over the text beside it (nothing else moves), on the first screen.
        await click('improve');
        await shot('respondent-words-open');
        await tab.keyboard.press('Escape');
      }
      await click('Continue');
      await heading(/connected/);
      await click('Staff');
      for (let step = 0; step < 3; step++) await click('Continue');
      await heading(/How well/);
      if (outcome === 'accept') await shot('respondent-scale');
      await click('4');
      await click('Continue');
      await click('Continue');
      await heading(/Check your answers/);
      if (outcome === 'accept') await shot('respondent-check');
      await click('Submit');
      if (outcome !== 'refuse') {
        await tab.waitForFunction(() =>
          /have been sent/.test(
            document.querySelector('values-survey').shadowRoot.querySelector('.delivery-status')
              ?.textContent ?? '',
          ),
        );
        await shot(outcome === 'kiosk' ? 'respondent-kiosk' : 'respondent-confirmation');
      } else {
        await heading(/have not been sent/);
        await shot('respondent-refusal');
      }
      await context.close();
    }
  }
  console.log(`Screenshots written to ${OUT.pathname}`);
} finally {
  await browser.close();
  server.close();
}
