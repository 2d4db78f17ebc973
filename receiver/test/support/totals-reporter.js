// node:test reporter: counts leaf tests and writes test-results/node.json for .ci/run.
import { mkdirSync, writeFileSync } from 'node:fs';

const SUITE = 'Node (receiver and demo server)';

export default async function* totalsReporter(source) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.data.skip || event.data.todo) totals.skipped += 1;
    else if (event.type === 'test:pass') totals.passed += 1;
    else totals.failed += 1;
  }
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/node.json', JSON.stringify({ [SUITE]: totals }, null, 2));
  yield `${SUITE}: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`;
}
