// Helpers for the deploy tests: a receiver with a chosen survey bundle, a second site (another
// origin) serving one page, a headless Chromium, and waiting for a condition.
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { createReceiver, loggerOptions, openStore, readConfig } from '../../src/receiver.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SURVEY_BUNDLE = join(ROOT, 'dist', 'values-survey.js');

/** A temporary folder removed after the test. */
export async function tempDir(t, prefix = 'values-survey-deploy-') {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A receiver in this process on SQLite in a temporary folder, on a free port of 127.0.0.1.
 * @param {import('node:test').TestContext} t
 * @param {Record<string, string>} [env]
 * @param {{ surveyBundleFile?: string }} [options]
 */
export async function startDeployReceiver(t, env = {}, { surveyBundleFile } = {}) {
  const config = readConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    RATE_LIMIT: '0',
    LOG_LEVEL: 'debug',
    DATA_DIR: await tempDir(t),
    ...env,
  });
  const lines = [];
  const stream = new Writable({
    write(chunk, encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  const log = pino(loggerOptions(config), stream);
  const store = await openStore(config, log);
  const app = await createReceiver({ config, store, logger: log, surveyBundleFile });
  await app.listen({ host: config.host, port: 0 });
  t.after(() => app.close());
  return {
    url: `http://127.0.0.1:${app.server.address().port}`,
    config,
    app,
    store,
    logs: () => lines,
  };
}

/**
 * A second site: answers every GET with `html` (a function of the request URL, or a string), on
 * http://localhost:<port> (another origin than the receiver's 127.0.0.1).
 */
export async function startSite(t, html, { headers = {} } = {}) {
  const server = createServer((request, response) => {
    const body = typeof html === 'function' ? html(request.url) : html;
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...headers }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://localhost:${server.address().port}`, server };
}

/** Headless Chromium (Debian's), closed after the test; `null` with the reason if it cannot run. */
export async function launchChromium(t) {
  const { CHROMIUM, CHROMIUM_ARGS } = await import(join(ROOT, 'scripts', 'chromium.mjs'));
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  t.after(() => browser.close());
  return browser;
}

/** Headless Firefox ESR (Debian's, through WebDriver BiDi), closed after the test. */
export async function launchFirefox(t) {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
  });
  t.after(() => browser.close());
  return browser;
}

/** Resolves with check()'s first truthy value; fails after `timeout` ms naming `what`. */
export async function waitFor(check, what, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
