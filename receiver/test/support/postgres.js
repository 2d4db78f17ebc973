// A throw-away PostgreSQL cluster for the tests: initdb + pg_ctl in a temporary folder, on a free
// port on 127.0.0.1, run as the `postgres` user when the tests run as root (PostgreSQL refuses to
// run as root). Debian's `postgresql` package provides the binaries.
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The folder with initdb and pg_ctl: PG_BIN, else the newest /usr/lib/postgresql/<n>/bin. */
export function postgresBin() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions.length) {
    throw new Error(
      'PostgreSQL is not installed: the receiver tests need initdb and pg_ctl ' +
        "(Debian: apt-get install postgresql; or set PG_BIN, or DATABASE_URL to a server's admin URL).",
    );
  }
  return join(root, versions[0], 'bin');
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Creates and starts a cluster. `stop()` and `start()` stop and restart the same cluster (its
 * data kept); `destroy()` stops it and removes its folder.
 * @returns {Promise<{ url: string, port: number, dir: string, stop(): Promise<void>,
 *   start(): Promise<void>, destroy(): Promise<void> }>}
 */
export async function startCluster() {
  const dir = mkdtempSync(join(tmpdir(), 'values-survey-pg-'));
  if (userInfo().uid === 0) chownSync(dir, ...(await postgresIds()));
  await as('initdb', [
    '-D',
    join(dir, 'data'),
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  const cluster = attachCluster({ dir, port: await freePort() });
  await cluster.start();
  return cluster;
}

/** Controls a cluster made by startCluster, from its folder and port (e.g. in another process). */
export function attachCluster({ dir, port }) {
  const data = join(dir, 'data');
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  const start = async () => {
    await as('pg_ctl', [
      '-D',
      data,
      '-o',
      options,
      '-l',
      join(dir, 'log'),
      '-w',
      '-t',
      '60',
      'start',
    ]);
  };
  const stop = async () => {
    await as('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
  };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    start,
    stop,
    async destroy() {
      await stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs a PostgreSQL program, as the postgres user when this process is root. */
function as(command, args) {
  const program = join(postgresBin(), command);
  return userInfo().uid === 0
    ? run('runuser', ['-u', 'postgres', '--', program, ...args])
    : run(program, args);
}

async function postgresIds() {
  const { stdout: uid } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  return [Number(uid), Number(gid)];
}
