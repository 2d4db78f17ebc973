// The two storage backends every storage-dependent test runs against, and receivers to test.
//
// PostgreSQL: the server in VS_TEST_POSTGRES (set by test/run.js, which starts one cluster for the
// whole run), else DATABASE_URL (an admin URL that may CREATE DATABASE), else a cluster started for
// this test file alone. Each test gets a database of its own, dropped after it.
import { after } from 'node:test';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import pg from 'pg';
import pino from 'pino';
import { createReceiver, loggerOptions, readConfig, openStore } from '../../src/receiver.js';
import { attachCluster, startCluster } from './postgres.js';

export const BIN = fileURLToPath(new URL('../../bin/values-survey-receiver.js', import.meta.url));
/** RESULTS_TOKEN in every test receiver: the read right only. */
export const TOKEN = 'test-results-token-0123456789-abcdefgh';
/** In the tokens file every test receiver gets (unless its env sets TOKENS_FILE): erase only. */
export const ERASE_TOKEN = 'test-erase-token-ABCDEFGH-0123456789';

/** Writes a tokens file (lines of "label rights token") for one test; returns its path. */
export async function writeTokensFile(t, lines) {
  const dir = await tempDir(t, 'values-survey-tokens-');
  const file = join(dir, 'tokens');
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

/** The test's env, with the default tokens file unless the env names one ('' for none). */
async function withTokens(t, env) {
  if (env.TOKENS_FILE !== undefined) return env;
  return { ...env, TOKENS_FILE: await writeTokensFile(t, [`test-eraser erase ${ERASE_TOKEN}`]) };
}
/** Surveys every test receiver accepts besides the built-in one (SURVEYS_DIR). */
export const TEST_SURVEYS_DIR = fileURLToPath(new URL('./surveys/', import.meta.url));

let server;
/** The PostgreSQL server for this process: `{ url, cluster? }` (cluster: can stop and start). */
export function postgresServer() {
  server ??= (async () => {
    if (process.env.VS_TEST_POSTGRES) {
      const info = JSON.parse(process.env.VS_TEST_POSTGRES);
      return { url: info.url, cluster: attachCluster(info) };
    }
    if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL };
    const cluster = await startCluster();
    after(() => cluster.destroy());
    return { url: cluster.url, cluster };
  })();
  return server;
}

async function adminQuery(url, sql) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function tempDir(t, prefix = 'values-survey-receiver-') {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Each backend's `storage(t)` makes empty storage for one test and returns the environment that
 * points a receiver at it.
 */
export const backends = [
  {
    name: 'SQLite',
    kind: 'sqlite',
    async storage(t) {
      return { env: { DATA_DIR: await tempDir(t) } };
    },
  },
  {
    name: 'PostgreSQL',
    kind: 'postgres',
    async storage(t) {
      const { url, cluster } = await postgresServer();
      const name = `vs_test_${randomBytes(6).toString('hex')}`;
      await adminQuery(url, `CREATE DATABASE ${name}`);
      t.after(() => adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      const dbUrl = new URL(url);
      dbUrl.pathname = `/${name}`;
      return { env: { DATABASE_URL: dbUrl.toString() }, cluster };
    },
  },
];

/** Settings every test receiver starts with; a test's own env wins. */
function baseEnv(env) {
  return {
    HOST: '127.0.0.1',
    PORT: '0',
    RESULTS_TOKEN: TOKEN,
    RATE_LIMIT: '0',
    LOG_LEVEL: 'debug',
    SURVEYS_DIR: TEST_SURVEYS_DIR,
    ...env,
  };
}

/**
 * A receiver in this process on a free port, stopped after the test.
 * @returns {Promise<{ url: string, token: string | undefined, store: object, app: object,
 *   logs: () => object[], stop: () => Promise<void> }>}
 */
export async function startReceiver(t, env = {}, { bundleFile } = {}) {
  const config = readConfig(baseEnv(await withTokens(t, env)));
  const server = await listenReceiver(t, config, { bundleFile });
  return { ...server, token: config.resultsToken };
}

/**
 * Opens the store for `config` and listens on a free loopback port with the receiver built from
 * it (`options` go to createReceiver), its log lines kept for the test to read; stopped after it.
 * @returns {Promise<{ url: string, config: object, store: object, app: object,
 *   logs: () => object[], stop: () => Promise<void> }>}
 */
export async function listenReceiver(t, config, options = {}) {
  const server = await serveReceiver(config, options);
  t.after(server.stop);
  return server;
}

/**
 * listenReceiver without a test to stop it after: the caller stops it (the browser tests'
 * receiver plugin, test/support/receiver-plugin.mjs, which outlives any one test).
 * @returns {Promise<{ url: string, config: object, store: object, app: object,
 *   logs: () => object[], stop: () => Promise<void> }>}
 */
export async function serveReceiver(config, options = {}) {
  const lines = [];
  const stream = new Writable({
    write(chunk, encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  const log = pino(loggerOptions(config), stream);
  const store = await openStore(config, log);
  const app = await createReceiver({ config, store, logger: log, ...options });
  await app.listen({ host: config.host, port: 0 });
  const { port } = app.server.address();
  let stopped;
  const stop = () => (stopped ??= app.close());
  return { url: `http://127.0.0.1:${port}`, config, store, app, logs: () => lines, stop };
}

/**
 * A receiver as its own process (`values-survey-receiver`), as IT runs it. Resolves once it is
 * listening; `stop(signal)` sends the signal and resolves with the exit code.
 */
export async function startProcess(t, env = {}) {
  const childEnv = { ...process.env, ...baseEnv(await withTokens(t, env)) };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, [BIN], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = stdout.match(/"url":"(http:\/\/[^"]+)"/);
      if (match) resolve(match[1]);
    });
    exited.then((code) => reject(new Error(`receiver exited (${code}): ${stderr}${stdout}`)));
  });
  const stop = async (signal = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  t.after(() => stop('SIGKILL'));
  return {
    url,
    token: childEnv.RESULTS_TOKEN,
    stop,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    logs: () =>
      stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line)),
  };
}

/** Runs the receiver bin to completion (for settings it refuses): `{ code, stdout, stderr }`. */
export function runProcess(env) {
  const child = spawn(process.execPath, [BIN], {
    env: { ...process.env, DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}
