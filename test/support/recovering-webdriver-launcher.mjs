// The WebDriver launcher (WebKitGTK's MiniBrowser), made to survive one bad test file.
//
// Upstream runs every file in one browser tab, one after another, and never checks the
// navigation to the next file. So when a page wedges the browser (a page that never yields, a
// navigation that never ends), every WebDriver command after it queues behind the stuck one:
// each later file "did not start" and fails too (measured: a file that hangs, then two good
// files; upstream fails the hung file and the file after it, this launcher only the hung one).
// This launcher bounds closing a page and, when that fails or the page could not be opened,
// throws the browser away and starts a new one for the next file.
import { WebdriverLauncher } from '@web/test-runner-webdriver';

/**
 * Longest closing a page may take (reading its results, then opening about:blank) before the
 * browser is considered stuck: normally under a second, even on a busy machine. Well below the
 * runner's testsFinishTimeout, which bounds the same step.
 */
const CLOSE_TIMEOUT_MS = 30_000;
/** Longest to wait for a stuck browser to quit before starting its replacement. */
const QUIT_TIMEOUT_MS = 10_000;

/** `promise`, or a rejection after `ms`; a late rejection of `promise` is then ignored. */
function within(promise, ms, what) {
  let timer;
  promise.catch(() => undefined);
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class RecoveringWebdriverLauncher extends WebdriverLauncher {
  /** Why the last page could not be opened, if it could not. */
  openFailure = undefined;
  /** The page being closed; the next one opens after it (and after any new browser). */
  closing = Promise.resolve();

  async startSession(id, url) {
    await this.closing;
    await this.ensureManagerInitialized();
    // As upstream, do not wait for the page to load (the runner waits for the page to report
    // back, with its own timeout). But a navigation that fails is kept, not left unhandled (which
    // would end the whole run), so that closing this session replaces the browser.
    this.driverManager.startSession(id, url).catch((error) => {
      this.openFailure = error;
    });
  }

  stopSession(id) {
    const closing = this.close(id);
    this.closing = closing.then(
      () => undefined,
      () => undefined,
    );
    return closing;
  }

  async close(id) {
    try {
      if (this.openFailure) throw this.openFailure;
      return await within(super.stopSession(id), CLOSE_TIMEOUT_MS, 'Closing a test page');
    } catch (error) {
      // This file fails with the reason; the next one gets a new browser.
      await this.restart(error);
      throw error;
    } finally {
      this.openFailure = undefined;
    }
  }

  /** Quits the current browser (without waiting long for a stuck one); the next session starts a new one. */
  async restart(reason) {
    console.warn(`${this.name}: starting a new browser because: ${reason.message}`);
    const driver = this.driver;
    clearInterval(this.pendingHeartbeat);
    this.driver = undefined;
    this.driverManager = undefined;
    if (driver) {
      await within(driver.deleteSession(), QUIT_TIMEOUT_MS, 'Quitting the stuck browser').catch(
        (error) => console.warn(`${this.name}: ${error.message}`),
      );
    }
  }
}

/** Same options as `webdriverLauncher` from @web/test-runner-webdriver. */
export function recoveringWebdriverLauncher(options) {
  return new RecoveringWebdriverLauncher(options);
}
