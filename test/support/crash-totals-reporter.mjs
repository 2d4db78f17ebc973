// node:test reporter for the crash test (npm run test:crash): counts leaf tests and writes
// test-results/crash.json, which .ci/run adds up with the other suites.
import { mkdirSync, writeFileSync } from 'node:fs';

const SUITE = 'Node (Chromium killed after Submit)';

export default async function* crashTotalsReporter(source) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.data.skip || event.data.todo) totals.skipped += 1;
    else if (event.type === 'test:pass') totals.passed += 1;
    else totals.failed += 1;
  }
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/crash.json', JSON.stringify({ [SUITE]: totals }, null, 2));
  yield `${SUITE}: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`;
}
