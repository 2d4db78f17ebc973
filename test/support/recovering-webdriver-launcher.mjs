// The WebDriver launcher (WebKitGTK's MiniBrowser), made to survive one bad test file.
//
// Upstream runs every file in one browser tab, one after another, and neither waits for nor
// checks the navigation to the next file. So when a page wedges the browser (a page that never
// yields, a navigation that never ends), every WebDriver command after it queues behind the
// stuck one: each later file "did not start" and fails too. This launcher bounds each step and,
// when one fails, throws the browser away and starts a new one, so one bad file fails alone.
import { WebdriverLauncher } from '@web/test-runner-webdriver';

/** Longest a page may take to open or close before the browser is considered stuck. */
const STEP_TIMEOUT_MS = 25_000;
/** Longest to wait for a stuck browser to quit before starting its replacement. */
const QUIT_TIMEOUT_MS = 10_000;

function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class RecoveringWebdriverLauncher extends WebdriverLauncher {
  async startSession(id, url) {
    await this.ensureManagerInitialized();
    try {
      await within(
        this.driverManager.startSession(id, url),
        STEP_TIMEOUT_MS,
        'Opening a test page',
      );
    } catch (error) {
      // The page did not open: start a new browser and try once more.
      await this.restart(error);
      await this.ensureManagerInitialized();
      await within(
        this.driverManager.startSession(id, url),
        STEP_TIMEOUT_MS,
        'Opening a test page',
      );
    }
  }

  async stopSession(id) {
    try {
      return await within(super.stopSession(id), STEP_TIMEOUT_MS, 'Closing a test page');
    } catch (error) {
      // This file fails with the reason; the next one gets a new browser.
      await this.restart(error);
      throw error;
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
