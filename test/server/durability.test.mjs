import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServer } from './start-demo-server.mjs';
import { getJson, makeResponse, post } from './responses.mjs';

async function tempDir(t) {
  const dir = await mkdtemp(join(tmpdir(), 'values-survey-durable-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('responses survive a restart, and a re-sent one still answers 409', async (t) => {
  const dataDir = await tempDir(t);
  const first = await startDemoServer(t, { dataDir });
  const responses = [makeResponse(), makeResponse(), makeResponse()];
  for (const response of responses) assert.equal((await post(first, response)).status, 201);
  await first.stop();

  const second = await startDemoServer(t, { dataDir });
  assert.deepEqual(await getJson(second, '/responses'), responses);
  assert.equal((await post(second, responses[1])).status, 409);
  const later = makeResponse();
  assert.equal((await post(second, later)).status, 201);
  await second.stop();

  const third = await startDemoServer(t, { dataDir });
  assert.deepEqual(await getJson(third, '/responses'), [...responses, later]);
});

test('a torn last line (a write cut off by a crash) is skipped with a warning', async (t) => {
  const dataDir = await tempDir(t);
  const kept = makeResponse();
  const torn = JSON.stringify(makeResponse()).slice(0, 70);
  await writeFile(join(dataDir, 'responses.jsonl'), `${JSON.stringify(kept)}\n${torn}`);

  const first = await startDemoServer(t, { dataDir });
  assert.deepEqual(await getJson(first, '/responses'), [kept]);
  assert.match(first.stderr(), /skipping the last line .*not complete JSON/);
  // The next response starts on a line of its own, not glued to the torn one.
  const next = makeResponse();
  assert.equal((await post(first, next)).status, 201);
  await first.stop();

  const lines = (await readFile(join(dataDir, 'responses.jsonl'), 'utf8')).split('\n');
  assert.deepEqual(lines, [JSON.stringify(kept), torn, JSON.stringify(next), '']);
  const second = await startDemoServer(t, { dataDir });
  assert.deepEqual(await getJson(second, '/responses'), [kept, next]);
  assert.equal((await post(second, kept)).status, 409);
});

test('DATA_DIR is created if it does not exist', async (t) => {
  const dataDir = join(await tempDir(t), 'not', 'yet', 'here');
  const server = await startDemoServer(t, { dataDir });
  const response = makeResponse();
  assert.equal((await post(server, response)).status, 201);
  const text = await readFile(join(dataDir, 'responses.jsonl'), 'utf8');
  assert.equal(text, `${JSON.stringify(response)}\n`);
});
