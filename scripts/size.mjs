// Prints the bytes a respondent downloads for dist/values-survey.js (and writes them to
// test-results/size.json), against the ceiling of 45,000 bytes gzip: the chosen stack (lit,
// @lit/context, idb-keyval, zod/mini: about 17 kB of it) plus the features the product asks for.
// Exceeding it fails the build, so the bundle cannot grow unnoticed. The ceiling is met by what
// the bundle carries (what the respondent's page needs, what can live in the receiver), never by
// golfing code for tens of bytes: see docs/contributing.md. History: docs/performance.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const FILE = 'dist/values-survey.js';
const CEILING_GZIP = 45_000;

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
console.log(
  `  ceiling ${format(CEILING_GZIP)} bytes gzip (${format(CEILING_GZIP - gzip).trim()} to spare)`,
);
if (gzip > CEILING_GZIP) {
  console.error(
    `Over the enforced ceiling by ${(gzip - CEILING_GZIP).toLocaleString('en-GB')} bytes gzip.`,
  );
  process.exit(1);
}
