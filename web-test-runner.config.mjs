// Runs every test file in real headless browsers: Chromium, Firefox ESR and WebKitGTK, using the
// Debian binaries (nothing downloads a browser). BROWSERS=chromium,firefox,webkit picks a subset.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import puppeteer from 'puppeteer-core';
import { fakeEndpoint } from './test/support/fake-endpoint.mjs';
import { fixtureHeaders } from './test/support/fixture-headers.mjs';
import { definitionFiles } from './test/support/definition-files.mjs';
import { resultsEndpoint } from './test/support/results-endpoint.mjs';
import { cmsPages } from './test/fixtures/cms-pages.mjs';
import { receiverPlugin } from './test/support/receiver-plugin.mjs';
import { totalsReporter } from './test/support/totals-reporter.mjs';
import { recoveringWebdriverLauncher } from './test/support/recovering-webdriver-launcher.mjs';
import { forcedColorsPlugin } from './test/support/forced-colors-plugin.mjs';
import { defaultFontSizePlugin } from './test/support/default-font-size-plugin.mjs';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { CHROMIUM, CHROMIUM_ARGS } from './scripts/chromium.mjs';
import { defaultReporter, summaryReporter } from '@web/test-runner';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
const MINIBROWSER =
  process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

const wanted = (process.env.BROWSERS ?? 'chromium,firefox,webkit').split(',').map((b) => b.trim());

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts WebKitWebDriver on a free port; it needs a display (run under xvfb-run). */
async function startWebKitDriver() {
  const port = await freePort();
  const driver = spawn(WEBKIT_DRIVER, [`--port=${port}`], { stdio: 'ignore' });
  const stop = () => driver.kill();
  process.on('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      stop();
      process.exit(1);
    });
  }
  // Wait until it accepts connections rather than sleeping a fixed time.
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`);
      if (res.ok) return port;
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
    }
    if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not start on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const browsers = [];
if (wanted.includes('chromium')) {
  browsers.push(
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  );
}
if (wanted.includes('firefox')) {
  // Firefox through puppeteer-core (WebDriver BiDi). Passing puppeteer-core as the launcher's
  // puppeteer names the browser "Firefox"; @web/test-runner-puppeteer is not used because it
  // depends on the full puppeteer package, whose install script downloads a Chrome build.
  browsers.push(
    chromeLauncher({
      puppeteer,
      launchOptions: { browser: 'firefox', executablePath: FIREFOX, headless: true },
    }),
  );
}
if (wanted.includes('webkit')) {
  const port = await startWebKitDriver();
  // A page that wedges the browser fails its own file only: see recovering-webdriver-launcher.mjs.
  const launcher = recoveringWebdriverLauncher({
    hostname: '127.0.0.1',
    port,
    logLevel: 'error',
    capabilities: {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      'wdio:enforceWebDriverClassic': true,
    },
  });
  // Reported as "MiniBrowser" (the launcher names itself from the capabilities).
  browsers.push(launcher);
}

export default {
  files: process.env.TEST_FILES ?? 'test/**/*.test.ts',
  // A free port rather than the fixed 8000: another run (or a dev server) on the same machine
  // would otherwise stop this one before it starts (EADDRINUSE).
  port: await freePort(),
  nodeResolve: { exportConditions: ['development'] },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2021', tsconfig: 'tsconfig.json' }),
    (await import('./test/support/wordpress-plugin.mjs')).wordpressPlugin(), // wp_kses_post, in PHP
    forcedColorsPlugin(),
    defaultFontSizePlugin(),
    a11ySnapshotPlugin(),
    // Real receivers on ports of their own, started by the tests that need one.
    receiverPlugin(),
  ],
  middleware: [fixtureHeaders, definitionFiles, resultsEndpoint, cmsPages, fakeEndpoint],
  // Each test file starts from a clean origin and closes its IndexedDB connections when its page
  // goes away (test/support/clean-origin.ts): one file's leftovers, or a connection held by a
  // page that hung, must not block or change the files after it.
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html>
      <head></head>
      <body>
        <script type="module">
          import { cleanOrigin } from '/test/support/clean-origin.ts';
          cleanOrigin()
            .catch((error) => console.error('clean-origin:', error))
            .then(() => import('${testFramework}'));
        </script>
      </body>
    </html>`,
  browsers,
  // In CI, also list every test by name and engine, so a run that passed can be read.
  reporters: [
    defaultReporter(),
    ...(process.env.CI ? [summaryReporter({ flatten: false })] : []),
    totalsReporter(),
  ],
  // Lit announces its development build once per page; that is expected in tests, not noise to read.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  // One file at a time per browser: the machine has two cores, and WebKit's driver only runs
  // whole-page sessions (not iframes) at concurrency 1.
  concurrency: 1,
  concurrentBrowsers: 3,
  browserStartTimeout: 60_000,
  // Loaded and cleaned in time even on a busy machine (the default is 20 s).
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  // A test that waits on conditions ends as soon as they hold; the timeout is only the ceiling,
  // set for a busy shared machine where one test may wait on storage and the network in turn.
  testFramework: { config: { timeout: 20_000 } },
};
