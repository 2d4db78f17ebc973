// The restore drill, with the scripts in deploy/ on both backends: store responses, back up
// while the receiver runs, lose the data, restore, and every response is there again, an erased
// one stays erased, and a resend is still answered 409.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { backends, postgresServer } from './support/backends.js';
import { makeResponse, post } from './support/responses.js';
import { ROOT, startDeployReceiver, tempDir } from './support/deploy.js';

const run = promisify(execFile);
const DEPLOY = join(ROOT, 'deploy');
const hasPgDump = spawnSync('pg_dump', ['--version']).status === 0;

/** Runs a deploy script with `env` added; resolves with its output, rejects with its errors. */
async function script(name, args, env = {}) {
  const { stdout } = await run('bash', [join(DEPLOY, name), ...args], {
    env: { ...process.env, ...env },
  });
  return stdout;
}

async function storedIds(store) {
  const ids = [];
  for await (const { json } of store.rows()) ids.push(JSON.parse(json).id);
  return ids.sort();
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

/** Stores `count` responses and erases the first; returns them (the erased one first). */
async function fill(server, count) {
  const responses = Array.from({ length: count }, () => makeResponse());
  for (const response of responses) assert.equal((await post(server, response)).status, 201);
  assert.equal(await server.store.erase(responses[0].id), true);
  return responses;
}

/** After a restore: the same responses, the erased one still refused, new ones still stored. */
async function assertRestored(server, responses) {
  const kept = responses.slice(1);
  assert.deepEqual(await storedIds(server.store), kept.map((r) => r.id).sort());
  for (const response of [responses[0], kept[0], kept.at(-1)]) {
    assert.equal((await post(server, response)).status, 409, 'a resend after the restore');
  }
  assert.equal((await post(server, makeResponse())).status, 201, 'a new response');
}

test('SQLite: back up while it runs, lose the data, restore: every response, and 409 on resend', async (t) => {
  const dataDir = await tempDir(t);
  const backupDir = await tempDir(t);
  const first = await startDeployReceiver(t, { DATA_DIR: dataDir });
  const responses = await fill(first, 25);

  // Online: the receiver keeps taking responses while the backup runs.
  const during = Array.from({ length: 5 }, () => makeResponse());
  const [output] = await Promise.all([
    script('backup-sqlite.sh', [dataDir, backupDir]),
    ...during.map((response) => post(first, response)),
  ]);
  const file = output.trim().split(' ')[0];
  assert.match(file, /responses-\d{8}T\d{6}Z\.sqlite$/);
  assert.match(output, /\(\d+ responses\)/);
  assert.deepEqual(
    (await readdir(backupDir)).filter((name) => name.endsWith('.partial')),
    [],
  );
  await first.app.close();

  // The disk is lost.
  await rm(join(dataDir, 'responses.sqlite'), { force: true });
  await rm(join(dataDir, 'responses.sqlite-wal'), { force: true });

  const restored = await script('restore-sqlite.sh', [file, dataDir]);
  assert.match(restored, /restored .* to .*responses\.sqlite/);
  const second = await startDeployReceiver(t, { DATA_DIR: dataDir });
  // The five sent during the backup are in it or not, whole, never torn: count what came back.
  const ids = await storedIds(second.store);
  const inBackup = during.filter((r) => ids.includes(r.id));
  await assertRestored(second, [...responses, ...inBackup]);
});

test('SQLite: a damaged backup is refused before anything is touched', async (t) => {
  const dataDir = await tempDir(t);
  const server = await startDeployReceiver(t, { DATA_DIR: dataDir });
  const responses = await fill(server, 3);
  await server.app.close();
  const bad = join(await tempDir(t), 'responses-bad.sqlite');
  await writeFile(bad, 'not a database');
  await assert.rejects(script('restore-sqlite.sh', [bad, dataDir]), /sqlite-tool: /);
  const again = await startDeployReceiver(t, { DATA_DIR: dataDir });
  assert.deepEqual(
    await storedIds(again.store),
    responses
      .slice(1)
      .map((r) => r.id)
      .sort(),
  );
});

test(
  'PostgreSQL: pg_dump while it runs, lose the database, pg_restore: every response, and 409 on resend',
  { skip: !hasPgDump && 'pg_dump is not installed (Debian: apt-get install postgresql-client)' },
  async (t) => {
    const { env } = await backends[1].storage(t);
    const { url: adminUrl } = await postgresServer();
    const name = new URL(env.DATABASE_URL).pathname.slice(1);
    const backupDir = await tempDir(t);
    const first = await startDeployReceiver(t, env);
    const responses = await fill(first, 25);

    const file = (await script('backup-postgres.sh', [backupDir], env)).trim();
    assert.match(file, /responses-\d{8}T\d{6}Z\.pgdump$/);
    await first.app.close();

    // The database is lost: an empty one in its place.
    await adminQuery(adminUrl, `DROP DATABASE ${name} WITH (FORCE)`);
    await adminQuery(adminUrl, `CREATE DATABASE ${name}`);

    await script('restore-postgres.sh', [file], env);
    const second = await startDeployReceiver(t, env);
    await assertRestored(second, responses);
  },
);
