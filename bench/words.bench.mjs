// Benchmarks the words question (<values-survey-words>) on its own in headless Chromium and prints
// a table: the micro-bench behind the pages bench.
//
//   npm run bench -- words                  # 30 runs per figure
//   npm run bench -- words --quick          # 5 runs per figure
//   BENCH_RUNS=100 npm run bench -- words   # more runs
//   CHROME_PATH=/path/to/chromium npm run bench
//
// It bundles bench/words.bench.ts with esbuild (production Lit, minified) into a temporary
// directory, opens it in Chromium through puppeteer-core, and times, inside the page with
// performance.now(): first render, click on a word until its choice shows, and click on Keep or
// Remove until the word shows its new state. "updated" stops once Lit has committed and layout has
// been forced; "frame" stops after the next animation frame, so it includes waiting for vsync.
// Each figure is the median (and 95th percentile) of the runs, without and with 4x CPU throttling.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.mjs';
import { QUICK } from './support.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 5 : 30));
const WARM_UP = QUICK ? 1 : 3;
const THROTTLING = [1, 4];

if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error(`BENCH_RUNS must be a positive whole number (got "${process.env.BENCH_RUNS}").`);
  process.exit(1);
}

async function bundle(dir) {
  await build({
    entryPoints: [new URL('./words.bench.ts', import.meta.url).pathname],
    bundle: true,
    format: 'iife',
    target: 'es2021',
    minify: true,
    tsconfig: new URL('../tsconfig.json', import.meta.url).pathname,
    outfile: join(dir, 'bench.js'),
    logLevel: 'warning',
  });
  // A classic script, so the page loads from file:// without a server.
  await writeFile(
    join(dir, 'index.html'),
    '<!doctype html><html lang="en-GB"><meta charset="utf-8"><title>words bench</title>' +
      '<body style="margin:0 auto;max-width:40rem;font:16px/1.5 sans-serif">' +
      '<script src="bench.js"></script></body></html>',
  );
  return pathToFileURL(join(dir, 'index.html')).href;
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95) };
}

/** Runs `fn` WARM_UP times untimed, then RUNS times, collecting its timings. */
async function measure(fn) {
  const updated = [];
  const frame = [];
  for (let i = 0; i < WARM_UP + RUNS; i++) {
    const timing = await fn();
    if (i < WARM_UP) continue;
    updated.push(timing.updated);
    frame.push(timing.frame);
  }
  return { updated: stats(updated), frame: stats(frame) };
}

async function benchScenario(page, name) {
  const call = (method, ...args) =>
    page.evaluate((m, a) => globalThis.wordsBench[m](...a), method, args);
  const render = await measure(() => call('render', name));
  // Leave one rendered element in place for the interaction figures.
  await call('render', name);
  const open = [];
  const decide = [];
  for (let i = 0; i < WARM_UP + RUNS; i++) {
    const o = await call('open');
    const d = await call('decide');
    if (i < WARM_UP) continue;
    open.push(o);
    decide.push(d);
  }
  const pick = (list, key) => stats(list.map((t) => t[key]));
  return {
    render,
    open: { updated: pick(open, 'updated'), frame: pick(open, 'frame') },
    decide: { updated: pick(decide, 'updated'), frame: pick(decide, 'frame') },
  };
}

function table(rows) {
  const header = [
    'question',
    'words',
    'CPU',
    'render updated',
    'render frame',
    'open updated',
    'open frame',
    'decide updated',
    'decide frame',
  ];
  const ms = ({ median, p95 }) => `${median.toFixed(1)} (${p95.toFixed(1)})`;
  const body = rows.map((r) => [
    r.name,
    String(r.words),
    `${r.rate}x`,
    ms(r.render.updated),
    ms(r.render.frame),
    ms(r.open.updated),
    ms(r.open.frame),
    ms(r.decide.updated),
    ms(r.decide.frame),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (i < 3 ? c.padEnd : c.padStart).call(c, widths[i]));
  console.log(line(header).join('  '));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of body) console.log(line(row).join('  '));
}

const dir = await mkdtemp(join(tmpdir(), 'values-survey-bench-'));
let browser;
try {
  const url = await bundle(dir);
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const page = await browser.newPage();
  await page.setViewport({ width: 1024, height: 768 });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(url);
  await page.waitForFunction(() => globalThis.wordsBench !== undefined);
  const cdp = await page.createCDPSession();
  const scenarios = await page.evaluate(() => globalThis.wordsBench.scenarios);

  const rows = [];
  for (const rate of THROTTLING) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    for (const name of scenarios) {
      const words = await page.evaluate((n) => globalThis.wordsBench.wordCount(n), name);
      rows.push({ name, words, rate, ...(await benchScenario(page, name)) });
    }
  }
  if (errors.length) throw errors[0];

  const version = await browser.version();
  const load = loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
  console.log(`<values-survey-words> benchmark: ${version}, ${RUNS} runs per figure.`);
  // Other processes skew these figures; the load average says how busy the machine was.
  console.log(`${cpus().length} CPUs, load average at the end ${load}.`);
  console.log('Milliseconds, median (95th percentile).');
  console.log(
    'updated: until Lit has committed and layout is done; frame: until the next frame.\n',
  );
  table(rows);
} finally {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
}
