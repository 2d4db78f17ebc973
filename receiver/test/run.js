// Runs the receiver's tests (node:test) with one throw-away PostgreSQL cluster for the whole run,
// unless DATABASE_URL names a server to use instead. Stops the cluster at the end, whatever
// happens. Arguments: test files or folders (default: this folder).
//
//   node receiver/test/run.js [paths...]
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCluster } from './support/postgres.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const reporter = fileURLToPath(new URL('./support/totals-reporter.js', import.meta.url));

/** Test files under the given paths: *.test.js and *.test.mjs. */
function testFiles(paths) {
  const files = [];
  const walk = (path) => {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        if (name !== 'node_modules' && name !== 'support') walk(join(path, name));
      }
    } else if (/\.test\.m?js$/.test(path)) files.push(relative(process.cwd(), path));
  };
  for (const path of paths) walk(path);
  return files;
}

const files = testFiles(process.argv.length > 2 ? process.argv.slice(2) : [here]);
let cluster;
const env = { ...process.env };
if (!env.DATABASE_URL) {
  process.stdout.write('Starting a throw-away PostgreSQL cluster for the receiver tests…\n');
  cluster = await startCluster();
  env.VS_TEST_POSTGRES = JSON.stringify({ url: cluster.url, dir: cluster.dir, port: cluster.port });
}

const child = spawn(
  process.execPath,
  [
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${reporter}`,
    '--test-reporter-destination=stdout',
    ...files,
  ],
  { env, stdio: 'inherit' },
);
const stopCluster = () => cluster?.destroy();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => child.kill(signal));
}
const code = await new Promise((resolve) => child.once('exit', (status) => resolve(status ?? 1)));
await stopCluster();
process.exitCode = code;
