// /healthz fails when storage cannot write (a small tmpfs filled while posting, on both backends)
// or free space is below the floor; /metrics in the Prometheus text format for a metrics token.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { backends, startReceiver, writeTokensFile } from './support/backends.js';
import { get, makeResponse, post } from './support/responses.js';

const run = promisify(execFile);
const METRICS_TOKEN = 'metrics-token-Pq7Rs8Tu9Vw0Xy1Za2Bc3De4Fg5';

async function until(condition, what, ms = 20_000) {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A tmpfs of `mb` megabytes (owned by `owner`, e.g. "postgres"), or undefined if this process
 * cannot mount one (not root). `cleanup()` unmounts it.
 */
async function smallDisk(mb, owner) {
  const dir = await mkdtemp(join(tmpdir(), 'values-survey-small-disk-'));
  let ids = '';
  if (owner) {
    const { stdout: uid } = await run('id', ['-u', owner]);
    const { stdout: gid } = await run('id', ['-g', owner]);
    ids = `,uid=${uid.trim()},gid=${gid.trim()},mode=700`;
  }
  try {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${mb}m${ids}`, 'tmpfs', dir]);
  } catch {
    await rm(dir, { recursive: true, force: true });
    return undefined;
  }
  return {
    dir,
    async cleanup() {
      await run('umount', ['-l', dir]).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Writes a file until the disk is full; returns its path. */
async function fill(dir) {
  const file = join(dir, 'filler');
  const handle = await open(file, 'w');
  const chunk = Buffer.alloc(256 * 1024, 7);
  try {
    for (;;) await handle.write(chunk);
  } catch (error) {
    if (error.code !== 'ENOSPC') throw error;
  } finally {
    await handle.close();
  }
  return file;
}

/** Posts continuously (three at a time) until stopped; keeps every status and each 201's id. */
function poster(server) {
  const statuses = [];
  const acknowledged = [];
  let running = true;
  const loop = async () => {
    while (running) {
      const response = makeResponse();
      const res = await post(server, response);
      statuses.push(res.status);
      if (res.status === 201) acknowledged.push(response.id);
      await res.arrayBuffer();
    }
  };
  const loops = [loop(), loop(), loop()];
  return {
    statuses,
    acknowledged,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

async function health(server) {
  const res = await fetch(`${server.url}/healthz`);
  return { status: res.status, body: await res.json(), retryAfter: res.headers.get('retry-after') };
}

/** Stored ids, read straight through the store. */
async function storedIds(server) {
  const ids = [];
  for await (const { json } of server.store.rows()) ids.push(JSON.parse(json).id);
  return ids;
}

/**
 * Posting while the disk fills: /healthz turns 503 with the reason, posts answer 201 or 503 and
 * nothing else, every 201 is stored, and once space is freed both recover.
 */
async function fillWhilePosting(t, server, disk) {
  assert.deepEqual((await health(server)).body, { status: 'ok', storage: server.store.kind });
  const posting = poster(server);
  t.after(() => posting.stop());
  await until(() => posting.acknowledged.length >= 20, 'posts before the disk fills');
  const filler = await fill(disk.dir);
  await until(async () => (await health(server)).status === 503, '/healthz to fail');
  const failed = await health(server);
  assert.equal(failed.body.reason, 'storage cannot write');
  assert.equal(failed.retryAfter, '5');
  await rm(filler);
  await until(async () => (await health(server)).status === 200, '/healthz to recover');
  const before = posting.statuses.length;
  await until(() => posting.statuses.length > before + 10, 'posts after space is freed');
  await posting.stop();
  assert.deepEqual(
    [...new Set(posting.statuses)].filter((status) => status !== 201 && status !== 503),
    [],
  );
  assert.equal(posting.statuses.at(-1), 201);
  // Every acknowledged response is stored, once.
  const stored = await storedIds(server);
  assert.equal(new Set(stored).size, stored.length);
  const missing = posting.acknowledged.filter((id) => !stored.includes(id));
  assert.deepEqual(missing, []);
  return posting;
}

describe('a disk filled while posting', () => {
  test('SQLite on a 16 MB tmpfs: /healthz answers 503 while it is full', async (t) => {
    const disk = await smallDisk(16);
    if (!disk) return t.skip('mounting a tmpfs needs root');
    t.after(() => disk.cleanup());
    const server = await startReceiver(t, { DATA_DIR: disk.dir, HEALTH_MIN_FREE_MB: '0' });
    const posting = await fillWhilePosting(t, server, disk);
    t.diagnostic(`statuses: ${JSON.stringify(countBy(posting.statuses))}`);
  });

  test('PostgreSQL with the responses table on a 16 MB tmpfs tablespace', async (t) => {
    const { env } = await backends[1].storage(t);
    const disk = await smallDisk(16, 'postgres');
    if (!disk) return t.skip('mounting a tmpfs needs root');
    const space = `vs_small_${randomBytes(4).toString('hex')}`;
    const url = new URL(env.DATABASE_URL);
    const database = url.pathname.slice(1);
    const server = await startReceiver(t, env);
    const admin = new pg.Client({ connectionString: env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE TABLESPACE ${space} LOCATION '${disk.dir}'`);
    await admin.query(`ALTER TABLE responses SET TABLESPACE ${space}`);
    await admin.end();
    t.after(async () => {
      await server.stop();
      url.pathname = '/postgres';
      const root = new pg.Client({ connectionString: url.toString() });
      await root.connect();
      await root.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await root.query(`DROP TABLESPACE IF EXISTS ${space}`);
      await root.end();
      await disk.cleanup();
    });
    const posting = await fillWhilePosting(t, server, disk);
    t.diagnostic(`statuses: ${JSON.stringify(countBy(posting.statuses))}`);
    assert.ok(posting.statuses.includes(503), 'posts were refused while the disk was full');
  });
});

function countBy(values) {
  const counts = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

test('/healthz answers 503 when free space is below HEALTH_MIN_FREE_MB (SQLite)', async (t) => {
  const { env } = await backends[0].storage(t);
  const server = await startReceiver(t, { ...env, HEALTH_MIN_FREE_MB: String(1024 * 1024 * 1024) });
  const res = await health(server);
  assert.equal(res.status, 503);
  assert.deepEqual(res.body, {
    status: 'unavailable',
    storage: 'sqlite',
    reason: 'disk space low',
  });
});

for (const backend of backends) {
  describe(`metrics on ${backend.name}`, () => {
    test('GET /metrics needs the metrics right and counts posts, flags, conflicts and latency', async (t) => {
      const { env } = await backend.storage(t);
      const file = await writeTokensFile(t, [`prometheus metrics ${METRICS_TOKEN}`]);
      const server = await startReceiver(t, { ...env, TOKENS_FILE: file, FLAG_MIN_SECONDS: '600' });
      assert.equal((await get(server, '/metrics', { token: null })).status, 401);
      assert.equal((await get(server, '/metrics')).status, 403, 'the read token cannot');
      const response = makeResponse();
      assert.equal((await post(server, response)).status, 201);
      assert.equal((await post(server, response)).status, 409);
      assert.equal((await post(server, makeResponse())).status, 201);
      const res = await get(server, '/metrics', { token: METRICS_TOKEN });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      const value = (name) => {
        const line = text.split('\n').find((l) => l.startsWith(`${name} `));
        return line === undefined ? undefined : Number(line.split(' ')[1]);
      };
      assert.equal(value('values_survey_posts_total{status="201"}'), 2);
      assert.equal(value('values_survey_posts_total{status="409"}'), 1);
      assert.equal(value('values_survey_posts_total{status="503"}'), 0);
      assert.equal(value('values_survey_responses_stored_total'), 2);
      assert.equal(value('values_survey_conflicts_total'), 1);
      assert.equal(value('values_survey_write_errors_total'), 0);
      // Both stored responses were completed in 5 minutes, under FLAG_MIN_SECONDS=600; the
      // second has the first's answers.
      assert.equal(value('values_survey_responses_flagged_total{reason="time"}'), 2);
      assert.equal(value('values_survey_responses_flagged_total{reason="duplicate"}'), 1);
      assert.equal(value('values_survey_responses_flagged_total{reason="burst"}'), 0);
      assert.equal(value('values_survey_post_duration_seconds_count'), 3);
      assert.ok(value('process_resident_memory_bytes') > 0);
      const free = value('values_survey_free_disk_bytes');
      if (backend.kind === 'sqlite') assert.ok(free > 0);
      else assert.equal(free, undefined);
    });
  });
}
