// The files of the package an integrator can reach: those package.json names (exports, main,
// module, types, customElements), the ones npm always ships (package.json, README.md, LICENSE),
// and every .js or .d.ts they import, directly or not. Shared by prune-dist.mjs and
// check-package.mjs, so what the build keeps and what the check accepts are the same set.
import { existsSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';

// Relative specifiers in `import … from`, `export … from`, bare `import '…'` and `import('…')`.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

const clean = (path) => posix.normalize(path.replace(/^\.\//, ''));

/** The paths package.json names, relative to the package root. */
export function namedFiles(pkg = JSON.parse(readFileSync('package.json', 'utf8'))) {
  const named = new Set(['package.json', 'README.md', 'LICENSE']);
  const collect = (value) => {
    if (typeof value === 'string') named.add(clean(value));
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(pkg.exports);
  for (const field of ['main', 'module', 'types', 'customElements']) collect(pkg[field]);
  return named;
}

/** Every file reachable from `named`; `exists(path)` says whether a file is there to follow. */
export function reachableFiles(named, exists = existsSync) {
  const reachable = new Set();
  const queue = [...named];
  while (queue.length) {
    const file = queue.pop();
    if (reachable.has(file) || !exists(file)) continue;
    reachable.add(file);
    if (!/\.(js|d\.ts)$/.test(file)) continue;
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const target = posix.join(posix.dirname(file), specifier);
      queue.push(target);
      // A .d.ts refers to modules by their .js name; their types are in the matching .d.ts.
      if (file.endsWith('.d.ts')) queue.push(target.replace(/\.js$/, '.d.ts'));
    }
  }
  return reachable;
}
