// Deletes from dist/ what no package export reaches (run by `npm run build` after tsc): tsc
// writes a .js and a .d.ts for every module, but the types of internal modules and type-only
// modules' empty .js are never loaded by an integrator, so they should not ship.
import { readdirSync, rmSync } from 'node:fs';
import { posix } from 'node:path';
import { namedFiles, reachableFiles } from './reachable.mjs';

const reachable = reachableFiles(namedFiles());
const removed = [];
for (const entry of readdirSync('dist', { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const file = posix.join(entry.parentPath ?? entry.path, entry.name);
  if (reachable.has(file)) continue;
  rmSync(file);
  removed.push(file);
}
console.log(`dist/: removed ${removed.length} files no export reaches.`);
