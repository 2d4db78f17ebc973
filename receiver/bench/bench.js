// `npm run bench:receiver`: sustained POST /responses throughput and latency on loopback, for
// SQLite and PostgreSQL with durability on (SQLite WAL + synchronous=FULL; PostgreSQL fsync and
// synchronous_commit on, its defaults), with one and two receiver processes, then a burst of ten
// times as many clients. After each run every row is read back: each 201 must be one stored row,
// nothing more (duplicated) or less (lost).
//
// Every check is on, as IT would run it: the rate limit (set high enough for one address to
// post flat out, so each request is still counted), the integrity flags at their defaults, the
// tokens file, the metrics hooks and the request timeouts.
//
// Settings: BENCH_SECONDS (sustained run, default 10; the burst runs half as long),
// BENCH_CONNECTIONS (sustained clients, default 10), BENCH_STORAGE (sqlite or postgresql: one
// only). PostgreSQL: a throw-away cluster is started (Debian's postgresql package) unless
// DATABASE_URL is set, in which case a database is created on that server and dropped after.
//
// BENCH_BASELINE=<git ref> compares instead: the receiver as it was at that commit and as it is
// now, side by side in one run, sustained load on one process, BENCH_ROUNDS times each
// (default 5), alternating which runs first, and reports the medians and their ratio, and the CPU
// per POST of the receiver and (on the cluster it started) of PostgreSQL:
//
//   BENCH_BASELINE=8450c93 npm run bench:receiver
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { openStore, readConfig } from '../src/receiver.js';
import { DEFAULT_SURVEY } from 'values-survey/definition/default-survey';
import { tokenize } from 'values-survey/text/tokenize';
import { startCluster } from '../test/support/postgres.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** BENCH_STORAGE=sqlite or postgresql runs one backend only. */
const ONLY = process.env.BENCH_STORAGE?.toLowerCase();
const CLUSTER = fileURLToPath(new URL('./cluster.js', import.meta.url));
const BASELINE = process.env.BENCH_BASELINE;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
// The baseline's receiver is unpacked inside the package, so that it finds the same
// node_modules; .gitignore keeps it out of commits, and it is removed at the end.
const BASELINE_DIR = fileURLToPath(new URL('../.bench-baseline/', import.meta.url));

/**
 * Real words of the built-in survey's first question, four from each statement: the receiver
 * checks every decision against the definition, so made-up words would be refused (422).
 */
const CHIPS = DEFAULT_SURVEY.questions[0].statements.flatMap((statement, index) =>
  tokenize(statement)
    .filter((token) => token.word !== '')
    .slice(0, 4)
    .map((token) => ({ statement: index, position: token.position, word: token.word })),
);

/** A response shaped like the built-in survey's: 24 word decisions, a choice, text, a scale. */
function makeResponse() {
  const now = new Date();
  const decisions = CHIPS.map((chip, i) => ({ ...chip, choice: i % 3 ? 'keep' : 'remove' }));
  return {
    id: randomUUID(),
    surveyId: 'tp-values-refresh',
    surveyVersion: '1',
    startedAt: new Date(now.getTime() - 300_000).toISOString(),
    completedAt: now.toISOString(),
    answers: {
      values: { type: 'words', decisions },
      connection: { type: 'choices', values: ['staff'] },
      add: { type: 'text', value: 'Kindness and openness, listening to people. '.repeat(5) },
      fit: { type: 'scale', value: 4 },
    },
    client: { widget: 'values-survey', version: '0.1.0' },
  };
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function untilHealthy(url) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The receiver at ${url} did not start.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Settings for the receiver under test: every check on. */
async function checksOn(dir) {
  const tokens = join(dir, 'tokens');
  await writeFile(tokens, `bench read,erase,metrics ${randomBytes(32).toString('base64url')}\n`);
  return { TOKENS_FILE: tokens, RATE_LIMIT: '100000000' };
}

/** Starts `workers` receiver processes on one port; resolves with { url, stop }. */
async function startReceivers(env, workers, cluster = CLUSTER) {
  const port = await freePort();
  const child = spawn(process.execPath, [cluster], {
    env: {
      ...process.env,
      RATE_LIMIT: '0',
      ...env,
      WORKERS: String(workers),
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
    },
    // The receivers log each stored response (as IT would run them); the bench discards it.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await untilHealthy(url);
  return {
    url,
    /** CPU seconds the receiver processes (the primary and its workers) have used so far. */
    cpuSeconds: () => processTreeCpuSeconds(child.pid),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

/**
 * User and system CPU seconds of a process and its children, from /proc (Linux): a figure that
 * other work on a shared machine disturbs far less than requests per second.
 */
async function processTreeCpuSeconds(pid) {
  const ticksPerSecond = 100;
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  let ticks = 0;
  for (const id of [pid, ...children.split(' ').filter(Boolean).map(Number)]) {
    const stat = await readFile(`/proc/${id}/stat`, 'utf8').catch(() => undefined);
    if (!stat) continue;
    // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / ticksPerSecond;
}

/** One timed run; returns the figures and the ids acknowledged with 201. */
async function load(url, { connections, seconds }) {
  const acknowledged = new Set();
  const statuses = {};
  const result = await autocannon({
    url: `${url}/responses`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/responses',
        setupRequest(request) {
          const response = makeResponse();
          return {
            ...request,
            headers: { 'content-type': 'application/json', 'idempotency-key': response.id },
            body: JSON.stringify(response),
          };
        },
        onResponse(status, body) {
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (status === 201) acknowledged.add(JSON.parse(body).id);
        },
      },
    ],
  });
  return {
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statuses,
    errors: result.errors + result.timeouts,
    acknowledged,
  };
}

/** Every id stored, read back through the store (not the receiver). */
async function storedIds(env) {
  const store = await openStore(readConfig(env), console);
  try {
    const ids = [];
    for await (const { json } of store.rows()) ids.push(JSON.parse(json).id);
    return ids;
  } finally {
    await store.close();
  }
}

async function postgresDatabase(adminUrl) {
  const name = `vs_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dir = await mkdtemp(join(tmpdir(), 'values-survey-bench-'));
  return {
    env: { DATABASE_URL: url.toString() },
    dir,
    async drop() {
      await rm(dir, { recursive: true, force: true });
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

async function sqliteStorage() {
  const dir = await mkdtemp(join(tmpdir(), 'values-survey-bench-'));
  return { env: { DATA_DIR: dir }, dir, drop: () => rm(dir, { recursive: true, force: true }) };
}

/** Unpacks the receiver at `ref` (its src/ and bench/cluster.js) beside this one. */
function unpackBaseline(ref) {
  const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
  const commit = execFileSync('git', ['rev-parse', '--short', ref], {
    cwd: root,
    encoding: 'utf8',
  });
  execFileSync('rm', ['-rf', BASELINE_DIR]);
  execFileSync('mkdir', ['-p', BASELINE_DIR]);
  const archive = execFileSync(
    'git',
    ['archive', ref, 'receiver/src', 'receiver/bench/cluster.js'],
    {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  execFileSync('tar', ['-x', '-C', BASELINE_DIR, '--strip-components=1'], { input: archive });
  return { commit: commit.trim(), cluster: join(BASELINE_DIR, 'bench', 'cluster.js') };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * CPU seconds of the throw-away PostgreSQL cluster (the postmaster and its backends) so far;
 * undefined on SQLite, or on a server the bench did not start (DATABASE_URL).
 */
let databaseCpuSeconds = async () => undefined;

/** One sustained run on one process; fails the bench if a 201 was lost or duplicated. */
async function measure(makeStorage, { cluster, checks }) {
  const storage = await makeStorage();
  // The baseline's own checks on too: its rate limit counts every request as the new one does.
  const env = {
    ...storage.env,
    ...(checks ? await checksOn(storage.dir) : { RATE_LIMIT: '100000000' }),
  };
  const receivers = await startReceivers(env, 1, cluster);
  const postgres = Boolean(storage.env.DATABASE_URL);
  const cpuBefore = await receivers.cpuSeconds();
  const databaseBefore = postgres ? await databaseCpuSeconds() : undefined;
  const figures = await load(receivers.url, { connections: CONNECTIONS, seconds: SECONDS });
  const cpu = (await receivers.cpuSeconds()) - cpuBefore;
  const databaseCpu =
    databaseBefore === undefined ? undefined : (await databaseCpuSeconds()) - databaseBefore;
  await receivers.stop();
  const ids = await storedIds(storage.env);
  await storage.drop();
  const stored = new Set(ids);
  const lost = [...figures.acknowledged].filter((id) => !stored.has(id)).length;
  if (lost || ids.length !== stored.size) {
    throw new Error(`${lost} acknowledged responses lost, ${ids.length - stored.size} duplicated`);
  }
  const answered = Object.values(figures.statuses).reduce((sum, n) => sum + n, 0);
  return {
    perSecond: Math.round(figures.perSecond),
    cpuMsPerPost: Math.round((cpu * 1000 * 100) / answered) / 100,
    databaseCpuMsPerPost:
      databaseCpu === undefined
        ? undefined
        : Math.round((databaseCpu * 1000 * 100) / answered) / 100,
  };
}

async function compare(backends) {
  const baseline = unpackBaseline(BASELINE);
  const lines = [];
  try {
    for (const [name, makeStorage] of backends) {
      const before = [];
      const after = [];
      for (let round = 1; round <= ROUNDS; round += 1) {
        // Alternating which goes first (ABBA), so that neither always follows the other's run.
        const order = round % 2 ? ['before', 'now'] : ['now', 'before'];
        process.stdout.write(`${name}, round ${round} of ${ROUNDS}:`);
        for (const which of order) {
          const figure = await measure(
            makeStorage,
            which === 'before'
              ? { cluster: baseline.cluster, checks: false }
              : { cluster: CLUSTER, checks: true },
          );
          (which === 'before' ? before : after).push(figure);
          process.stdout.write(
            ` ${which === 'before' ? baseline.commit : 'now'} ${figure.perSecond} POST/s ` +
              `(${figure.cpuMsPerPost} ms CPU each` +
              `${figure.databaseCpuMsPerPost === undefined ? '' : `, PostgreSQL ${figure.databaseCpuMsPerPost}`});`,
          );
        }
        process.stdout.write('\n');
      }
      const rate = (runs) => median(runs.map((run) => run.perSecond));
      const cpu = (runs) => median(runs.map((run) => run.cpuMsPerPost));
      const databaseCpu = (runs) =>
        runs[0].databaseCpuMsPerPost === undefined
          ? ''
          : median(runs.map((run) => run.databaseCpuMsPerPost));
      const each = (runs) => runs.map((run) => run.perSecond).join(', ');
      lines.push(
        `| ${name} | ${each(before)} | ${rate(before)} | ${each(after)} | ${rate(after)} | ` +
          `${((rate(after) / rate(before)) * 100).toFixed(0)}% | ${cpu(before)} | ${cpu(after)} | ` +
          `${databaseCpu(before)} | ${databaseCpu(after)} |`,
      );
    }
  } finally {
    await rm(BASELINE_DIR, { recursive: true, force: true });
  }
  console.log(
    `\nPOST /responses on loopback, one process, ${CONNECTIONS} clients, ${SECONDS} s runs, ` +
      `${ROUNDS} rounds alternating, ${new Date().toISOString()}, ${availableParallelism()} cores, ` +
      `load average ${loadavg()[0].toFixed(1)} at the end\n`,
  );
  console.log(
    `| storage | ${baseline.commit} POST/s (each run) | median | now, every check on (each run) | median | now / before | ${baseline.commit} CPU ms per POST (median) | now | PostgreSQL's CPU ms per POST, ${baseline.commit} | now |`,
  );
  console.log('| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const line of lines) console.log(line);
}

const rows = [];
const loadBefore = loadavg()[0].toFixed(1);
let cluster;
try {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl && ONLY !== 'sqlite') {
    process.stdout.write('Starting a throw-away PostgreSQL cluster (fsync on)…\n');
    cluster = await startCluster();
    adminUrl = cluster.url;
    const started = cluster;
    databaseCpuSeconds = async () => {
      const pidFile = await readFile(join(started.dir, 'data', 'postmaster.pid'), 'utf8');
      return processTreeCpuSeconds(Number(pidFile.split('\n')[0]));
    };
  }
  const backends = [
    ['SQLite', sqliteStorage],
    ['PostgreSQL', () => postgresDatabase(adminUrl)],
  ].filter(([name]) => !ONLY || name.toLowerCase() === ONLY);
  if (BASELINE) await compare(backends);
  for (const [name, makeStorage] of BASELINE ? [] : backends) {
    for (const workers of [1, 2]) {
      for (const [phase, connections, seconds] of [
        ['sustained', CONNECTIONS, SECONDS],
        ['10x burst', CONNECTIONS * 10, Math.max(1, Math.round(SECONDS / 2))],
      ]) {
        const storage = await makeStorage();
        const receivers = await startReceivers(
          { ...storage.env, ...(await checksOn(storage.dir)) },
          workers,
        );
        process.stdout.write(
          `${name}, ${workers} process(es), ${phase}: ${connections} clients for ${seconds} s… `,
        );
        const figures = await load(receivers.url, { connections, seconds });
        await receivers.stop();
        const ids = await storedIds(storage.env);
        await storage.drop();
        const stored = new Set(ids);
        const lost = [...figures.acknowledged].filter((id) => !stored.has(id)).length;
        // Requests still in flight when the clock ran out: stored, but the bench stopped
        // listening for their answers. At most one per client.
        const unanswered = ids.filter((id) => !figures.acknowledged.has(id)).length;
        process.stdout.write('done\n');
        rows.push({
          storage: name,
          processes: workers,
          phase,
          clients: connections,
          'POST/s': Math.round(figures.perSecond),
          'p50 ms': figures.p50,
          'p99 ms': figures.p99,
          'answered 201': figures.statuses[201] ?? 0,
          other: Object.entries(figures.statuses)
            .filter(([status]) => status !== '201')
            .map(([status, n]) => `${status}×${n}`)
            .join(' '),
          errors: figures.errors,
          rows: ids.length,
          lost,
          'in flight at end': unanswered,
          duplicated: ids.length - stored.size,
        });
      }
    }
  }
} finally {
  await cluster?.destroy();
}

if (!BASELINE) report();

/** The table of the full run, and whether anything was lost or duplicated. */
function report() {
  const columns = Object.keys(rows[0] ?? {});
  console.log(
    `\nPOST /responses on loopback, ${SECONDS} s sustained runs, ${new Date().toISOString()}, ` +
      `${availableParallelism()} cores, load average before ${loadBefore} and after ` +
      `${loadavg()[0].toFixed(1)} (other work on this machine shares the cores)\n`,
  );
  console.log(`| ${columns.join(' | ')} |`);
  console.log(`| ${columns.map(() => '---').join(' | ')} |`);
  for (const row of rows) console.log(`| ${columns.map((c) => row[c]).join(' | ')} |`);
  const bad = rows.filter(
    (row) => row.lost || row.duplicated || row['in flight at end'] > row.clients,
  );
  if (bad.length) {
    console.error('\nFAIL: responses were lost or duplicated (see the table).');
    process.exitCode = 1;
  } else {
    console.log(
      '\nEvery 201 is a stored row, no row is stored twice, and the only rows without a 201 are ' +
        'requests in flight when the run ended: nothing lost, nothing duplicated.',
    );
  }
}
