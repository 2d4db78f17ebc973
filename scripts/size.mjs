// Prints the bytes a respondent downloads for dist/values-survey.js (and writes them to
// test-results/size.json), against two numbers:
//  - the product budget (25,000 bytes gzip, issue 2), which the finished widget does not meet
//    with the fixed stack: lit, @lit/context, idb-keyval and zod/mini alone are about 16 kB of
//    it (see the README's "Size" section for the measured breakdown);
//  - the ceiling this build enforces so the bundle cannot grow unnoticed: exceeding it fails.
//    Raised from 40,000 to 46,300 on 2026-11-29, on purpose: issues 11 and 13 added the
//    fault handling and the respondent pages (about 4.5 kB gzip of code and en-GB text) and
//    issue 14's savings (about 1.3 kB) did not cover them. Lowered to 45,000 the same day, to hold
//    a second size pass (46,081 -> 44,862), and to 43,500 after a third (44,866 -> 43,300).
//    Raised to 43,750 on 2026-12-07, on purpose: issue 25's storage after the first paint and
//    letting go of IndexedDB when the page is cached (43,300 -> 43,520).
//    Raise it only on purpose. Issue 14 asks for 40,000: blocked on a product decision (README).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const FILE = 'dist/values-survey.js';
const PRODUCT_BUDGET_GZIP = 25_000;
const CEILING_GZIP = 43_750;

let source;
try {
  source = readFileSync(FILE);
} catch (error) {
  if (error.code !== 'ENOENT') throw error;
  console.error(`${FILE} does not exist: run npm run build first.`);
  process.exit(1);
}
const gzip = gzipSync(source, { level: 9 }).length;
const brotli = brotliCompressSync(source, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
}).length;
// For `npm run figures`, which writes the README's size table from the last measurement.
mkdirSync('test-results', { recursive: true });
writeFileSync(
  'test-results/size.json',
  JSON.stringify({ file: FILE, min: source.length, gzip, brotli, ceiling: CEILING_GZIP }, null, 2),
);
const format = (n) => n.toLocaleString('en-GB').padStart(8);

console.log(`${FILE}`);
console.log(`  min     ${format(source.length)} bytes`);
console.log(`  gzip    ${format(gzip)} bytes (level 9)`);
console.log(`  brotli  ${format(brotli)} bytes (quality 11)`);
if (gzip > PRODUCT_BUDGET_GZIP) {
  console.log(
    `  product budget ${format(PRODUCT_BUDGET_GZIP)} bytes gzip: NOT MET, over by ${(gzip - PRODUCT_BUDGET_GZIP).toLocaleString('en-GB')}`,
  );
} else {
  console.log(`  product budget ${format(PRODUCT_BUDGET_GZIP)} bytes gzip: met`);
}
console.log(`  enforced ceiling ${format(CEILING_GZIP)} bytes gzip`);
if (gzip > CEILING_GZIP) {
  console.error(
    `Over the enforced ceiling by ${(gzip - CEILING_GZIP).toLocaleString('en-GB')} bytes gzip.`,
  );
  process.exit(1);
}
