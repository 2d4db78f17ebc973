import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILE_NAME, openStore } from '../../demo/endpoint/store.mjs';
import { makeResponse } from './responses.mjs';

async function tempDir(t) {
  const dir = await mkdtemp(join(tmpdir(), 'values-survey-store-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('the store writes each response once, whole, and reads them back after reopening', async (t) => {
  const dir = await tempDir(t);
  const store = await openStore(dir);
  const a = makeResponse();
  const b = makeResponse();
  const results = await Promise.all([store.add(a), store.add(b), store.add(a), store.add(b)]);
  assert.deepEqual(results, [true, true, false, false]);
  // add() has resolved, so the lines are already in the file.
  const text = await readFile(join(dir, FILE_NAME), 'utf8');
  assert.equal(text, `${JSON.stringify(a)}\n${JSON.stringify(b)}\n`);
  await store.close();

  const reopened = await openStore(dir);
  t.after(() => reopened.close());
  assert.deepEqual(reopened.all(), [a, b]);
  assert.equal(reopened.size, 2);
  assert.ok(reopened.has(a.id));
  assert.equal(await reopened.add(a), false);
});

test('the store loads an id found on two lines once, and skips unreadable lines', async (t) => {
  const dir = await tempDir(t);
  const a = makeResponse();
  const b = makeResponse();
  const lines = [JSON.stringify(a), '{"id": "cut', JSON.stringify(a), '', '[]', JSON.stringify(b)];
  await writeFile(join(dir, FILE_NAME), `${lines.join('\n')}\n`);
  const warnings = [];
  t.mock.method(console, 'warn', (message) => warnings.push(message));
  const store = await openStore(dir);
  t.after(() => store.close());
  assert.deepEqual(store.all(), [a, b]);
  assert.equal(warnings.length, 2);
  assert.match(warnings[0], /line 2 .*not complete JSON/);
  assert.match(warnings[1], /line 5 .*no id/);
});
