// Checks what `npm pack` would publish (after `npm run build`; part of `npm test`): every packed
// file is reachable from package.json (see reachable.mjs), and every file package.json names,
// LICENSE included, is packed. Fails with a list of anything unreachable or missing.
import { execFileSync } from 'node:child_process';
import { namedFiles, reachableFiles } from './reachable.mjs';

const [pack] = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' }),
);
const packed = new Set(pack.files.map((file) => file.path));
const named = namedFiles();
const reachable = reachableFiles(named, (file) => packed.has(file));

const unreachable = [...packed].filter((file) => !reachable.has(file)).sort();
const missing = [...named].filter((file) => !packed.has(file)).sort();
if (unreachable.length) {
  console.error(`Packed but reached by no export:\n  ${unreachable.join('\n  ')}`);
}
if (missing.length)
  console.error(`Named by package.json but not packed:\n  ${missing.join('\n  ')}`);
if (unreachable.length || missing.length) process.exit(1);
console.log(
  `npm pack: ${packed.size} files (${pack.size.toLocaleString('en-GB')} bytes packed), each reachable from package.json; LICENSE included.`,
);
