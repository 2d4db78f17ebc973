// node:test reporter for the crash test (npm run test:crash): writes test-results/crash.json.
import { totalsReporter } from '../../receiver/test/support/totals-reporter.js';

export default totalsReporter('Node (Chromium killed after Submit)', 'crash.json');
