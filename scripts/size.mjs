// Prints the bytes a respondent downloads for dist/values-survey.js (and writes them to
// test-results/size.json), against two figures:
//  - the product's ceiling, 45,000 bytes gzip: the chosen stack (lit, @lit/context, idb-keyval,
//    zod/mini: about 17 kB of it) plus the features. It is met by what the bundle carries (what
//    the respondent's page needs, what can live in the receiver), never by golfing code for tens
//    of bytes (docs/contributing.md).
//  - the enforced limit, which fails the build so the bundle cannot grow unnoticed: 48,500 after
//    issues 22 and 23 added the CMS markers, kiosk mode, the start page and the news on return;
//    46,300 once the editor's diagnostics moved to their own file, 46,700 with the session split
//    into a core plus parts (+700, docs/performance.md; 2026-12-07). Lower it as the
//    bundle shrinks. History: docs/performance.md.
// Also prints dist/values-survey-diagnostics.js, which only an editor whose definition is wrong
// downloads.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const FILE = 'dist/values-survey.js';
const DIAGNOSTICS = 'dist/values-survey-diagnostics.js';
/** The product's ceiling. */
const PRODUCT_CEILING_GZIP = 45_000;
/** What the build enforces until the bundle is back under the product's ceiling (see above). */
const CEILING_GZIP = 46_700;

let source;
try {
  source = readFileSync(FILE);
} catch (error) {
  if (error.code !== 'ENOENT') throw error;
  console.error(`${FILE} does not exist: run npm run build first.`);
  process.exit(1);
}
const gzipOf = (bytes) => gzipSync(bytes, { level: 9 }).length;
const brotliOf = (bytes) =>
  brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const gzip = gzipOf(source);
const brotli = brotliOf(source);
let diagnosticsSource;
try {
  diagnosticsSource = readFileSync(DIAGNOSTICS);
} catch (error) {
  if (error.code !== 'ENOENT') throw error;
  console.error(`${DIAGNOSTICS} does not exist: run npm run build first.`);
  process.exit(1);
}
const diagnostics = {
  file: DIAGNOSTICS,
  min: diagnosticsSource.length,
  gzip: gzipOf(diagnosticsSource),
  brotli: brotliOf(diagnosticsSource),
};
// For `npm run figures`, which writes the README's size table from the last measurement.
mkdirSync('test-results', { recursive: true });
writeFileSync(
  'test-results/size.json',
  JSON.stringify(
    {
      file: FILE,
      min: source.length,
      gzip,
      brotli,
      ceiling: CEILING_GZIP,
      productCeiling: PRODUCT_CEILING_GZIP,
      diagnostics,
    },
    null,
    2,
  ),
);
const format = (n) => n.toLocaleString('en-GB').padStart(8);

console.log(`${FILE}`);
console.log(`  min     ${format(source.length)} bytes`);
console.log(`  gzip    ${format(gzip)} bytes (level 9)`);
console.log(`  brotli  ${format(brotli)} bytes (quality 11)`);
const over = (limit) => (gzip - limit).toLocaleString('en-GB');
console.log(
  gzip > PRODUCT_CEILING_GZIP
    ? `  product ceiling ${format(PRODUCT_CEILING_GZIP)} bytes gzip: NOT MET, over by ${over(PRODUCT_CEILING_GZIP)}`
    : `  product ceiling ${format(PRODUCT_CEILING_GZIP)} bytes gzip: met`,
);
console.log(`  enforced limit  ${format(CEILING_GZIP)} bytes gzip`);
console.log(`${DIAGNOSTICS} (only when a definition is wrong)`);
console.log(`  min     ${format(diagnostics.min)} bytes`);
console.log(`  gzip    ${format(diagnostics.gzip)} bytes (level 9)`);
if (gzip > CEILING_GZIP) {
  console.error(`Over the enforced limit by ${over(CEILING_GZIP)} bytes gzip.`);
  process.exit(1);
}
