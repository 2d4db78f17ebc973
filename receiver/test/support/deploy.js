// Helpers for the deploy tests: a receiver with a chosen survey bundle, a second site (another
// origin) serving one page, a headless Chromium, and waiting for a condition.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../../src/receiver.js';
import { listenReceiver } from './backends.js';

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
  return listenReceiver(t, config, { surveyBundleFile });
}

/**
 * A second site: answers every GET with `html` (a function of the request URL, or a string; a
 * path ending .js is served as JavaScript), on
 * http://localhost:<port> (another origin than the receiver's 127.0.0.1).
 */
export async function startSite(t, html, { headers = {} } = {}) {
  const server = createServer((request, response) => {
    const body = typeof html === 'function' ? html(request.url) : html;
    const type = request.url.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8';
    response.writeHead(200, { 'Content-Type': type, ...headers }).end(body);
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

/** Headless WebKitGTK's MiniBrowser through WebKitWebDriver, under xvfb-run (it needs a display). */
export async function launchWebKit(t) {
  const { remote } = await import('webdriverio');
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  const driver = spawn(
    'xvfb-run',
    ['-a', process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver', `--port=${port}`],
    { stdio: 'ignore', detached: true },
  );
  const exited = new Promise((resolve) => driver.once('exit', resolve));
  // The session ends before the driver stops (hooks run in the order they were added).
  let browser;
  t.after(async () => {
    await browser?.deleteSession();
    process.kill(-driver.pid, 'SIGTERM');
    await exited;
  });
  await waitFor(async () => {
    try {
      return (await fetch(`http://127.0.0.1:${port}/status`)).ok;
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      return false;
    }
  }, 'WebKitWebDriver to start');
  browser = await remote({
    hostname: '127.0.0.1',
    port,
    logLevel: 'error',
    capabilities: {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': {
        binary:
          process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
        args: ['--automation'],
      },
      'wdio:enforceWebDriverClassic': true,
    },
  });
  return browser;
}

/**
 * One tab in `engine` ('Chromium', 'Firefox' or 'WebKit'), as `{ goto(url), evaluate(fn, ...args) }`.
 * @param {import('node:test').TestContext} t
 * @param {'Chromium' | 'Firefox' | 'WebKit'} engine
 */
export async function openTab(t, engine) {
  if (engine === 'WebKit') {
    const browser = await launchWebKit(t);
    return {
      goto: (url) => browser.url(url),
      evaluate: (fn, ...args) => browser.execute(fn, ...args),
    };
  }
  const browser = await (engine === 'Firefox' ? launchFirefox(t) : launchChromium(t));
  const tab = await browser.newPage();
  return { goto: (url) => tab.goto(url), evaluate: (fn, ...args) => tab.evaluate(fn, ...args) };
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
