// node:test reporters that count leaf tests and write test-results/<file>, which .ci/run adds up
// with the other suites. This module is the receiver's (and demo server's) reporter; the crash
// test makes its own with `totalsReporter`.
import { mkdirSync, writeFileSync } from 'node:fs';

/** A reporter that counts the run's leaf tests as `suite` in test-results/`file`. */
export function totalsReporter(suite, file) {
  return async function* countTotals(source) {
    const totals = { passed: 0, failed: 0, skipped: 0 };
    for await (const event of source) {
      if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
      if (event.data.details?.type === 'suite') continue;
      if (event.data.skip || event.data.todo) totals.skipped += 1;
      else if (event.type === 'test:pass') totals.passed += 1;
      else totals.failed += 1;
    }
    mkdirSync('test-results', { recursive: true });
    writeFileSync(`test-results/${file}`, JSON.stringify({ [suite]: totals }, null, 2));
    yield `${suite}: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`;
  };
}

export default totalsReporter('Node (receiver and demo server)', 'node.json');
