// Benchmarks <values-survey-results> in headless Chromium, two ways:
//
//   receiver (default): 50,000 responses stored in a real receiver, on SQLite and on PostgreSQL,
//     the element pointed at its /responses address from a page on another origin (CORS), so it
//     fetches the summary the database counts (GET /responses/summary, brotli): the way a survey
//     owner uses it. Before each run one more response is stored, so the receiver's remembered
//     summary is stale and every run is a first request after responses were stored: the
//     receiver counts the new response into its count tables and sums them.
//   file: 10,000 responses fetched as JSON Lines, validated and counted in the browser.
//
//   npm run bench:results                                  # receiver, 50,000 responses, 5 runs
//   BENCH_STORE=sqlite npm run bench:results               # one database only (or postgres)
//   BENCH_SOURCE=file node bench/results.bench.mjs         # JSON Lines, 10,000 responses, 7 runs
//   BENCH_RUNS=9 BENCH_RESPONSES=20000 node bench/results.bench.mjs
//   CHROME_PATH=/path/to/chromium node bench/results.bench.mjs
//
// PostgreSQL: a throw-away cluster is started (Debian's postgresql package) unless DATABASE_URL
// is set, in which case a database is created on that server and dropped after.
//
// Also timed, from Node: how long the receiver's background counting takes to take in the
// 50,000 responses once they stop arriving (it counts while the receiver is idle, never in the
// POST), and a summary asked for with 1,000 responses stored a moment before and not yet counted
// (the receiver counts them in the request).
//
// Needs `npm run build` (the generator uses the compiled built-in survey). Times are taken in the
// page with performance.now(), from adding the element with its src to: "loaded" (fetched and
// read: the load event), "rendered" (Lit has committed the whole report) and "frame" (the next
// animation frame after that, so layout and paint are included). Bytes are what the browser
// received for the responses (encoded, so after compression), from the DevTools protocol.
// Prints the median and the slowest run of each.
/* global document, customElements, requestAnimationFrame -- used inside page.evaluate */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import puppeteer from 'puppeteer-core';
import { startCluster } from '../receiver/test/support/postgres.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.mjs';
import { generateResponses } from '../scripts/generate-responses.mjs';
import { builtInSurvey, startResultsPage } from '../scripts/results-page.mjs';

const SOURCE = process.env.BENCH_SOURCE ?? 'receiver';
if (!['receiver', 'file'].includes(SOURCE)) {
  console.error('BENCH_SOURCE must be receiver or file.');
  process.exit(1);
}
const STORES = (process.env.BENCH_STORE ?? 'sqlite,postgres').split(',');
if (!STORES.every((name) => ['sqlite', 'postgres'].includes(name))) {
  console.error('BENCH_STORE must be sqlite, postgres or sqlite,postgres.');
  process.exit(1);
}
const RUNS = Number(process.env.BENCH_RUNS ?? (SOURCE === 'receiver' ? 5 : 7));
const COUNT = Number(process.env.BENCH_RESPONSES ?? (SOURCE === 'receiver' ? 50_000 : 10_000));
const TOKEN = 'bench-token-0123456789abcdef-0123456789';
/** Responses stored just before the summary is asked for, for the "not yet counted" figure. */
const LATE = 1000;
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
const { responses } = generateResponses({ ...survey, count: COUNT + RUNS + 1 + LATE, seed: 2026 });
// The first COUNT are stored before the runs; one more before each run; LATE at the end.
const stored = responses.slice(0, COUNT);
const fresh = responses.slice(COUNT, COUNT + RUNS + 1);
const late = responses.slice(COUNT + RUNS + 1);
const body = stored.map((r) => JSON.stringify(r)).join('\n');
// The page may connect to a receiver on another port of this machine (another origin).
const server = await startResultsPage({
  page: '<main id="host"></main>',
  responses: SOURCE === 'file' ? body : '',
  token: TOKEN,
  connect: ['http://127.0.0.1:*'],
});
const ms = (n) => `${n.toFixed(0).padStart(6)} ms`;
let browser;
let cluster;
try {
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  console.log(`<values-survey-results> benchmark: ${await browser.version()}, ${RUNS} runs.`);
  console.log(
    `${COUNT.toLocaleString('en-GB')} responses (${(Buffer.byteLength(body) / 1e6).toFixed(1)} MB as JSON Lines).`,
  );
  if (SOURCE === 'file') {
    report('fetched as JSON Lines and counted in the browser', await benchPage('/responses.jsonl'));
  } else {
    let adminUrl = process.env.DATABASE_URL;
    if (!adminUrl && STORES.includes('postgres')) {
      cluster = await startCluster();
      adminUrl = cluster.url;
    }
    for (const kind of STORES) {
      const receiver = await startReceiver(kind, new URL(server.url).origin, adminUrl);
      try {
        const name = kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
        const runs = await benchPage(`${receiver.url}/responses`, receiver);
        report(`stored in the receiver (${name}); the element reads GET /responses/summary`, runs);
        console.log(
          `Stored in ${(receiver.fill / 1000).toFixed(1)} s; counted in the background once they stopped arriving in ${(receiver.counted / 1000).toFixed(1)} s (${((receiver.counted / COUNT) * 1000).toFixed(0)} µs a response).`,
        );
        const start = performance.now();
        await receiver.add(late);
        const added = performance.now();
        await summaryFromNode(receiver);
        console.log(
          `${LATE.toLocaleString('en-GB')} responses stored a moment before (in ${(added - start).toFixed(0)} ms) and not yet counted: the summary answered in ${(performance.now() - added).toFixed(0)} ms.`,
        );
      } finally {
        await receiver.close();
      }
    }
  }
  console.log(
    `\n${cpus().length} CPUs, load average at the end ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')}.`,
  );
} finally {
  await browser?.close();
  await server.close();
  await cluster?.destroy();
}

/** Prints the medians and slowest of the runs. */
function report(how, runs) {
  const median = (key) =>
    [...runs.map((r) => r[key])].sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  const slowest = (key) => Math.max(...runs.map((r) => r[key]));
  console.log(`\n${how}; the report says: "${runs[0].headline}"\n`);
  console.log('                 median   slowest');
  for (const [key, label] of [
    ['loaded', 'loaded+validated'],
    ['rendered', 'rendered'],
    ['frame', 'next frame'],
  ]) {
    console.log(`${label.padEnd(17)}${ms(median(key))}${ms(slowest(key))}`);
  }
  console.log(
    `Median from src to the report on screen: ${median('frame').toFixed(0)} ms (target 2,000 ms).`,
  );
  console.log(
    `Transferred per report: ${(median('bytes') / 1e3).toFixed(1)} kB (target under 1,000 kB).`,
  );
}

/**
 * Opens the report RUNS times (after a warm-up) in a fresh page; with a receiver, one more
 * response is stored before each, so each is a first request after responses were stored.
 */
async function benchPage(src, receiver) {
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

  const runs = [];
  try {
    for (let i = -1; i < RUNS; i++) {
      if (receiver) await receiver.add([fresh[i + 1]]);
      bytes = 0;
      const result = await runOnce(i); // run -1 is the warm-up: it compiles the code paths once
      if (i >= 0) runs.push({ ...result, bytes });
    }
  } finally {
    await page.close();
  }
  if (errors.length) throw errors[0];
  const expected = receiver ? COUNT + 2 : COUNT;
  if (runs[0].detail.responses !== expected || runs[0].detail.invalid !== 0) {
    throw new Error(
      `expected ${expected} valid responses, the element read ${JSON.stringify(runs[0].detail)}`,
    );
  }
  return runs;
}

/** Asks for the summary from Node, as the element does. */
async function summaryFromNode(receiver) {
  const res = await fetch(`${receiver.url}/responses/summary?minGroup=10`, {
    headers: { Authorization: `Bearer ${TOKEN}`, 'Accept-Encoding': 'br' },
  });
  if (!res.ok) throw new Error(`the summary answered ${res.status}`);
  await res.arrayBuffer();
}

/**
 * A receiver on SQLite (a temporary folder) or PostgreSQL (a database of its own), filled with
 * the COUNT responses; resolves once its background counting has taken them all in.
 */
async function startReceiver(kind, pageOrigin, adminUrl) {
  const { createReceiver, openStore, readConfig } = await import('../receiver/src/receiver.js');
  const dataDir = await mkdtemp(join(tmpdir(), 'values-survey-bench-'));
  let databaseUrl;
  let dropDatabase = async () => {};
  if (kind === 'postgres') {
    const name = `vs_bench_${randomBytes(6).toString('hex')}`;
    await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  const config = readConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    RESULTS_TOKEN: TOKEN,
    ALLOWED_ORIGINS: pageOrigin,
    LOG_LEVEL: 'warn',
  });
  const store = await openStore(config, console);
  let next = 0;
  const received = Date.parse('2026-07-01T00:00:00Z');
  const add = async (list) => {
    for (let i = 0; i < list.length; i += 1000) {
      await Promise.all(
        list.slice(i, i + 1000).map((r) => store.add(r, new Date(received + next++ * 1000))),
      );
    }
  };
  const filled = performance.now();
  await add(stored);
  const fill = performance.now() - filled;
  // The receiver counts on its own once responses stop arriving: wait until nothing is left.
  const backlog = await backlogOf(kind, store.location, databaseUrl);
  while ((await backlog.get()) > 0) await new Promise((resolve) => setTimeout(resolve, 100));
  const counted = performance.now() - filled - fill;
  await backlog.close();
  const app = await createReceiver({ config, store, logger: false });
  await app.listen({ host: config.host, port: 0 });
  return {
    url: `http://127.0.0.1:${app.server.address().port}`,
    add,
    fill,
    counted,
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
      await dropDatabase();
    },
  };
}

/** How many stored responses the count tables do not hold yet, read beside the receiver. */
async function backlogOf(kind, file, url) {
  const sql = `SELECT (SELECT COUNT(*) FROM responses)
                    - (SELECT COUNT(*) FROM counts_members WHERE gq = '' AND gv = '') AS n`;
  if (kind === 'sqlite') {
    const db = new Database(file, { readonly: true });
    const statement = db.prepare(sql).pluck();
    return { get: async () => statement.get(), close: async () => db.close() };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    get: async () => Number((await client.query(sql)).rows[0].n),
    close: () => client.end(),
  };
}

async function adminQuery(url, sql) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
