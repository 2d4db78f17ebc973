// Benchmarks <values-survey-results> in headless Chromium, two ways:
//
//   receiver (default): 50,000 responses stored in a real receiver (SQLite), the element pointed
//     at its /responses address from a page on another origin (CORS), so it fetches the summary
//     the database counts (GET /responses/summary, brotli): the way a survey owner uses it.
//   file: 10,000 responses fetched as JSON Lines, validated and counted in the browser.
//
//   npm run bench:results                                  # receiver, 50,000 responses, 5 runs
//   BENCH_SOURCE=file node bench/results.bench.mjs         # JSON Lines, 10,000 responses, 7 runs
//   BENCH_RUNS=9 BENCH_RESPONSES=20000 node bench/results.bench.mjs
//   CHROME_PATH=/path/to/chromium node bench/results.bench.mjs
//
// Needs `npm run build` (the generator uses the compiled built-in survey). Times are taken in the
// page with performance.now(), from adding the element with its src to: "loaded" (fetched and
// read: the load event), "rendered" (Lit has committed the whole report) and "frame" (the next
// animation frame after that, so layout and paint are included). Bytes are what the browser
// received for the responses (encoded, so after compression), from the DevTools protocol.
// Prints the median and the slowest run of each.
/* global document, customElements, requestAnimationFrame -- used inside page.evaluate */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.mjs';
import { generateResponses } from '../scripts/generate-responses.mjs';
import { builtInSurvey, startResultsPage } from '../scripts/results-page.mjs';

const SOURCE = process.env.BENCH_SOURCE ?? 'receiver';
if (!['receiver', 'file'].includes(SOURCE)) {
  console.error('BENCH_SOURCE must be receiver or file.');
  process.exit(1);
}
const RUNS = Number(process.env.BENCH_RUNS ?? (SOURCE === 'receiver' ? 5 : 7));
const COUNT = Number(process.env.BENCH_RESPONSES ?? (SOURCE === 'receiver' ? 50_000 : 10_000));
const TOKEN = 'bench-token-0123456789abcdef';
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
// The page may connect to a receiver on another port of this machine (another origin).
const server = await startResultsPage({
  page: '<main id="host"></main>',
  responses: SOURCE === 'file' ? body : '',
  token: TOKEN,
  connect: ['http://127.0.0.1:*'],
});
const receiver = SOURCE === 'receiver' ? await startReceiver(new URL(server.url).origin) : null;
// The first count after responses change is done by the database in full; later opens of the
// unchanged data are answered from the receiver's remembered summary. Timed here from Node.
let cold = null;
if (receiver) {
  const start = performance.now();
  const res = await fetch(`${receiver.url}/responses/summary?minGroup=10`, {
    headers: { Authorization: `Bearer ${TOKEN}`, 'Accept-Encoding': 'br' },
  });
  if (!res.ok) throw new Error(`the summary answered ${res.status}`);
  await res.arrayBuffer();
  cold = performance.now() - start;
}
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
  // Bytes received for the responses (or the summary), as the network delivered them.
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  const watched = new Set();
  let bytes = 0;
  cdp.on('Network.requestWillBeSent', (e) => {
    if (/\/responses/.test(e.request.url) && e.request.method === 'GET') watched.add(e.requestId);
  });
  cdp.on('Network.loadingFinished', (e) => {
    if (watched.has(e.requestId)) bytes += e.encodedDataLength;
  });
  await page.goto(server.url);
  await page.waitForFunction(() => customElements.get('values-survey-results') !== undefined);

  const src = receiver ? `${receiver.url}/responses` : '/responses.jsonl';
  const runOnce = (run) =>
    page.evaluate(
      async (token, run, src) => {
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
        el.src = src.startsWith('/') ? `${src}?run=${run}` : src;
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
      src,
    );

  await runOnce(-1); // warm-up: compiles the code paths once
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    bytes = 0;
    const result = await runOnce(i);
    runs.push({ ...result, bytes });
  }
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
    `${COUNT.toLocaleString('en-GB')} responses (${(Buffer.byteLength(body) / 1e6).toFixed(1)} MB as JSON Lines), ${
      receiver
        ? 'stored in the receiver (SQLite); the element reads GET /responses/summary across origins'
        : 'fetched as JSON Lines and counted in the browser'
    }; the report says: "${check.headline}"\n`,
  );
  console.log('                 median   slowest');
  for (const [key, label] of [
    ['loaded', 'loaded+validated'],
    ['rendered', 'rendered'],
    ['frame', 'next frame'],
  ]) {
    console.log(`${label.padEnd(17)}${ms(median(key))}${ms(slowest(key))}`);
  }
  if (cold !== null) {
    console.log(
      `\nFirst count by the database after the responses changed (GET /responses/summary from Node): ${cold.toFixed(0)} ms.`,
    );
  }
  console.log(
    `${cold === null ? '\n' : ''}Median from src to the report on screen: ${median('frame').toFixed(0)} ms (target 2,000 ms).`,
  );
  console.log(
    `Transferred per report: ${(median('bytes') / 1e3).toFixed(1)} kB (target under 1,000 kB).`,
  );
} finally {
  await browser?.close();
  await server.close();
  await receiver?.close();
}

/** A receiver with SQLite in a temporary folder, filled with the generated responses. */
async function startReceiver(pageOrigin) {
  const { createReceiver, openStore, readConfig } = await import('../receiver/src/receiver.js');
  const dataDir = await mkdtemp(join(tmpdir(), 'values-survey-bench-'));
  const config = readConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    RESULTS_TOKEN: TOKEN,
    ALLOWED_ORIGINS: pageOrigin,
    LOG_LEVEL: 'warn',
  });
  const store = await openStore(config, console);
  const received = Date.parse('2026-07-01T00:00:00Z');
  for (let i = 0; i < responses.length; i += 1000) {
    await Promise.all(
      responses.slice(i, i + 1000).map((r, j) => store.add(r, new Date(received + (i + j) * 1000))),
    );
  }
  const app = await createReceiver({ config, store, logger: false });
  await app.listen({ host: config.host, port: 0 });
  return {
    url: `http://127.0.0.1:${app.server.address().port}`,
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
