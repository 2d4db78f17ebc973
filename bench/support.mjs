// Helpers shared by the bench/*.bench.mjs scripts: bundling page code, a local static server,
// launching Debian's Chromium, statistics and tables. Nothing here downloads anything.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.mjs';

export const ROOT = new URL('..', import.meta.url).pathname;

/** True when the runner was asked for a short run (`npm run bench -- --quick`). */
export const QUICK = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';

/** The value after `--name` on the command line, or undefined. */
export function option(name) {
  const i = process.argv.indexOf(`--${name}`);
  if (i === -1) return undefined;
  const value = process.argv[i + 1];
  return value && !value.startsWith('--') ? value : '';
}

/** A whole number from `--name N` or the environment variable, else the default. */
export function count(name, env, fallback) {
  const raw = option(name) || process.env[env];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} / ${env} must be a positive whole number (got "${raw}").`);
    process.exit(1);
  }
  return n;
}

/**
 * Bundles a bench entry point with esbuild: production Lit, minified, one IIFE (so it also runs
 * as a classic script or from evaluateOnNewDocument). Returns the code.
 */
export async function bundle(entry, { format = 'iife' } = {}) {
  const out = await build({
    entryPoints: [new URL(entry, new URL('../bench/', import.meta.url)).pathname],
    bundle: true,
    format,
    target: 'es2022',
    minify: true,
    conditions: ['production'],
    tsconfig: `${ROOT}tsconfig.json`,
    write: false,
    logLevel: 'warning',
  });
  return out.outputFiles[0].text;
}

/** Imports a TypeScript module from bench/ into Node (bundled first). */
export async function importBench(entry) {
  const code = await bundle(entry, { format: 'esm' });
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

/**
 * Serves a fixed set of routes on 127.0.0.1 (a free port): each value is a string, a Buffer, or
 * `{ file }` for a file read once. Nothing is cached by the browser between loads anyway (every
 * load is a fresh browser context). POST /responses answers 204, for an endpoint.
 */
export async function serve(routes) {
  const bodies = new Map();
  for (const [path, value] of Object.entries(routes)) {
    bodies.set(path, value?.file ? await readFile(value.file) : Buffer.from(value));
  }
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (req.method === 'POST' && path === '/responses') {
      req.resume();
      res.writeHead(204).end();
      return;
    }
    const body = bodies.get(path);
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(path) || '.html'] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-store',
    });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    bodies,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Launches Debian's Chromium headless (never downloads one). Close it in a finally. */
export function launch() {
  return puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Median, min and max of a list of numbers (the median of an even count is the mean of two). */
export function summary(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return { median: NaN, min: NaN, max: NaN, n: 0 };
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted.at(-1), n: sorted.length };
}

/**
 * Prints rows of cells as a Markdown table. Columns listed in `left` (by index; the first by
 * default) are left-aligned, the rest right-aligned.
 */
export function table(header, rows, left = [0]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    `| ${cells.map((c, i) => (left.includes(i) ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' | ')} |`;
  console.log(line(header));
  console.log(
    `| ${widths.map((w, i) => (left.includes(i) ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`,
  );
  for (const row of rows) console.log(line(row));
}

/** Formats milliseconds for a table. */
export const ms = (n) => (Number.isFinite(n) ? (Math.round(n) + 0).toLocaleString('en-GB') : 'n/a');

/** Formats a ratio a/b as "2.41x". */
export const ratio = (a, b) => (Number.isFinite(a / b) && b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a');
