// Adds up the totals the test runs wrote to test-results/ and prints "N passed, N failed".
// A missing results file means that suite never ran: it counts as a failure, so a run that
// executed nothing cannot look green.
import { readFileSync } from 'node:fs';

const SUITES = ['test-results/browsers.json', 'test-results/node.json', 'test-results/crash.json'];
let passed = 0;
let failed = 0;
for (const file of SUITES) {
  let results;
  try {
    results = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
    console.log(`${file}: missing (that suite did not run)`);
    failed += 1;
    continue;
  }
  for (const [name, totals] of Object.entries(results)) {
    console.log(`${name}: ${totals.passed} passed, ${totals.failed} failed`);
    passed += totals.passed;
    failed += totals.failed;
  }
}
// The bundle's size budget is a check too: over its ceiling, it counts as one failure.
try {
  const size = JSON.parse(readFileSync('test-results/size.json', 'utf8'));
  const within = size.gzip <= size.ceiling;
  console.log(`size of ${size.file}: ${size.gzip} bytes gzip, ceiling ${size.ceiling}`);
  if (within) passed += 1;
  else failed += 1;
} catch (error) {
  if (error.code !== 'ENOENT') throw error;
  console.log('test-results/size.json: missing (npm run size did not run)');
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
