// Runs the benchmarks: every bench/*.bench.mjs in turn (pages first), each in its own Node
// process, with this command's arguments. Builds dist/ first when it is older than src/.
//
//   npm run bench                    # every bench, full runs
//   npm run bench -- --quick         # every bench, fewer runs (for development)
//   npm run bench -- pages           # only bench/pages.bench.mjs (names: the part before .bench)
//   npm run bench -- --trace         # where the time of a load goes (the pages bench only)
//   npm run bench -- pages --loads 21 --decision-loads 8 --rate 4
//
// A bench is any bench/<name>.bench.mjs: it reads `--quick` (or BENCH_QUICK=1) for a short run,
// prints its own tables, exits non-zero on failure, and closes every browser it starts.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const trace = args.includes('--trace');

const benches = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.mjs'))
  .map((f) => f.slice(0, -'.bench.mjs'.length))
  .sort((a, b) => (a === 'pages' ? -1 : b === 'pages' ? 1 : a.localeCompare(b)));
const named = args.filter((a) => benches.includes(a));
const chosen = trace ? ['pages'] : named.length ? named : benches;

/** The newest modification time of any file under a directory. */
function newest(dir) {
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    time = Math.max(time, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return time;
}

const bundle = join(root, 'dist', 'values-survey.js');
let built = 0;
try {
  built = statSync(bundle).mtimeMs;
} catch {
  // No bundle yet: build it.
}
if (chosen.includes('pages') && built < newest(join(root, 'src'))) {
  console.log('dist/values-survey.js is missing or older than src/: npm run build\n');
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const failed = [];
for (const name of chosen) {
  console.log(`## bench/${name}.bench.mjs${quick ? ' (quick)' : ''}\n`);
  const run = spawnSync(
    process.execPath,
    [join(root, 'bench', `${name}.bench.mjs`), ...args.filter((a) => a !== name)],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...(quick ? { BENCH_QUICK: '1' } : {}) },
    },
  );
  if (run.status !== 0) failed.push(name);
  console.log('');
}
if (failed.length) {
  console.error(`Failed: ${failed.join(', ')}.`);
  process.exit(1);
}
