// Prints the bytes a respondent downloads for dist/values-survey.js and enforces the gzip budget.
import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const FILE = 'dist/values-survey.js';
const BUDGET_GZIP = 25_000;

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
const format = (n) => n.toLocaleString('en-GB').padStart(8);

console.log(`${FILE}`);
console.log(`  min     ${format(source.length)} bytes`);
console.log(
  `  gzip    ${format(gzip)} bytes (level 9; budget ${BUDGET_GZIP.toLocaleString('en-GB')})`,
);
console.log(`  brotli  ${format(brotli)} bytes (quality 11)`);
if (gzip > BUDGET_GZIP) {
  console.error(`Over budget by ${(gzip - BUDGET_GZIP).toLocaleString('en-GB')} bytes gzip.`);
  process.exit(1);
}
