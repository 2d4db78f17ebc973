// Benchmarks <values-survey-results> in headless Chromium: 10,000 responses fetched (JSON Lines,
// with the token), validated with the response schema, counted and rendered.
//
//   node bench/results.bench.mjs                    # 7 runs, 10,000 responses
//   BENCH_RUNS=15 BENCH_RESPONSES=20000 node bench/results.bench.mjs
//   CHROME_PATH=/path/to/chromium node bench/results.bench.mjs
//
// Needs `npm run build` (the generator uses the compiled built-in survey). Times are taken in the
// page with performance.now(), from adding the element with its src to: "loaded" (fetched, parsed,
// every response validated: the load event), "rendered" (Lit has committed the whole report) and
// "frame" (the next animation frame after that, so layout and paint are included). Prints the
// median and the slowest run of each.
/* global document, customElements, requestAnimationFrame -- used inside page.evaluate */
import { cpus, loadavg } from 'node:os';
import puppeteer from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.mjs';
import { generateResponses } from '../scripts/generate-responses.mjs';
import { builtInSurvey, startResultsPage } from '../scripts/results-page.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const COUNT = Number(process.env.BENCH_RESPONSES ?? 10_000);
const TOKEN = 'bench-token';
for (const [name, n] of [
  ['BENCH_RUNS', RUNS],
  ['BENCH_RESPONSES', COUNT],
]) {
  if (!Number.isInteger(n) || n < 1) {
    console.error(`${name} must be a positive whole number.`);
    process.exit(1);
  }
}

const survey = await builtInSurvey();
const { responses } = generateResponses({ ...survey, count: COUNT, seed: 2026 });
const body = responses.map((r) => JSON.stringify(r)).join('\n');
const server = await startResultsPage({
  page: '<main id="host"></main>',
  responses: body,
  token: TOKEN,
});
let browser;
try {
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(server.url);
  await page.waitForFunction(() => customElements.get('values-survey-results') !== undefined);

  const runOnce = (run) =>
    page.evaluate(
      async (token, run) => {
        const el = document.createElement('values-survey-results');
        el.token = token;
        const start = performance.now();
        const loaded = new Promise((resolve, reject) => {
          el.addEventListener(
            'values-survey-results-load',
            (e) => resolve([performance.now(), e.detail]),
            { once: true },
          );
          el.addEventListener(
            'values-survey-results-error',
            (e) => reject(new Error(e.detail.message)),
            { once: true },
          );
        });
        el.src = `/responses?run=${run}`;
        document.getElementById('host').append(el);
        const [loadedAt, detail] = await loaded;
        await el.updateComplete;
        const renderedAt = performance.now();
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
        const frameAt = performance.now();
        const headline = el.shadowRoot
          .querySelector('.headline')
          ?.textContent.replace(/\s+/g, ' ')
          .trim();
        el.remove();
        return {
          loaded: loadedAt - start,
          rendered: renderedAt - start,
          frame: frameAt - start,
          detail,
          headline,
        };
      },
      TOKEN,
      run,
    );

  await runOnce(-1); // warm-up: compiles the code paths once
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await runOnce(i));
  if (errors.length) throw errors[0];
  const check = runs[0];
  if (check.detail.responses !== COUNT || check.detail.invalid !== 0) {
    throw new Error(
      `expected ${COUNT} valid responses, the element read ${JSON.stringify(check.detail)}`,
    );
  }
  const median = (key) =>
    [...runs.map((r) => r[key])].sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  const slowest = (key) => Math.max(...runs.map((r) => r[key]));
  const ms = (n) => `${n.toFixed(0).padStart(6)} ms`;
  console.log(`<values-survey-results> benchmark: ${await browser.version()}, ${RUNS} runs.`);
  console.log(
    `${cpus().length} CPUs, load average at the end ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')}.`,
  );
  console.log(
    `${COUNT.toLocaleString('en-GB')} responses, ${(Buffer.byteLength(body) / 1e6).toFixed(1)} MB of JSON Lines; the report says: "${check.headline}"\n`,
  );
  console.log('                 median   slowest');
  for (const [key, label] of [
    ['loaded', 'loaded+validated'],
    ['rendered', 'rendered'],
    ['frame', 'next frame'],
  ]) {
    console.log(`${label.padEnd(17)}${ms(median(key))}${ms(slowest(key))}`);
  }
  console.log(
    `\nMedian from src to the report on screen: ${median('frame').toFixed(0)} ms (target 2,000 ms).`,
  );
} finally {
  await browser?.close();
  await server.close();
}
