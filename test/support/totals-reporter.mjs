// Prints test counts per browser engine, and writes them to test-results/browsers.json so
// .ci/run can print the grand total and `npm run figures` can put them in the README. A test file
// that failed to load counts as one failure. Skipped tests are recorded by name, so the README
// says which ones each engine skips.
import { mkdirSync, writeFileSync } from 'node:fs';

function count(suite, totals, path) {
  for (const test of suite.tests) {
    if (test.skipped) {
      totals.skipped += 1;
      totals.skippedTests.push([...path, test.name].join(' › '));
    } else if (test.passed) totals.passed += 1;
    else totals.failed += 1;
  }
  for (const child of suite.suites) count(child, totals, [...path, child.name]);
}

export function totalsReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const byBrowser = {};
      for (const session of sessions) {
        const name = session.browser.name;
        byBrowser[name] ??= { files: 0, passed: 0, failed: 0, skipped: 0, skippedTests: [] };
        const totals = byBrowser[name];
        totals.files += 1;
        if (session.testResults) count(session.testResults, totals, []);
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
