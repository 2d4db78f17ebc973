// Prints test counts per browser engine, and writes them to test-results/browsers.json so
// .ci/run can print the grand total. A test file that failed to load counts as one failure.
import { mkdirSync, writeFileSync } from 'node:fs';

function count(suite, totals) {
  for (const test of suite.tests) {
    if (test.skipped) totals.skipped += 1;
    else if (test.passed) totals.passed += 1;
    else totals.failed += 1;
  }
  for (const child of suite.suites) count(child, totals);
}

export function totalsReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const byBrowser = {};
      for (const session of sessions) {
        const name = session.browser.name;
        const totals = (byBrowser[name] ??= { passed: 0, failed: 0, skipped: 0 });
        if (session.testResults) count(session.testResults, totals);
        const loadFailed =
          !session.testResults?.tests.length && !session.testResults?.suites.length;
        if (!session.passed && (loadFailed || session.errors?.length)) totals.failed += 1;
      }
      mkdirSync('test-results', { recursive: true });
      writeFileSync('test-results/browsers.json', JSON.stringify(byBrowser, null, 2));
      for (const [name, t] of Object.entries(byBrowser)) {
        console.log(`${name}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
      }
    },
  };
}
