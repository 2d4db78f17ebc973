// Fails the build when src/version.ts and package.json disagree, so responses report the real version.
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const source = readFileSync('src/version.ts', 'utf8');
const match = source.match(/VERSION = '([^']+)'/);
if (!match || match[1] !== version) {
  console.error(
    `src/version.ts says ${match?.[1]} but package.json says ${version}: update src/version.ts.`,
  );
  process.exit(1);
}
