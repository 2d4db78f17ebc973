// RETENTION_DAYS against each backend: responses received longer ago are deleted at start.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore, readConfig } from '../src/receiver.js';
import { startRetention } from '../src/retention.js';
import { backends, startProcess } from './support/backends.js';
import { makeResponse, storedById } from './support/responses.js';

const DAY = 24 * 60 * 60 * 1000;

for (const backend of backends) {
  describe(backend.name, () => {
    test('RETENTION_DAYS=30 deletes responses received over 30 days ago, and keeps the rest', async (t) => {
      const { env } = await backend.storage(t);
      const store = await openStore(readConfig(env), console);
      const old = makeResponse();
      const recent = makeResponse();
      assert.equal(await store.add(old, new Date(Date.now() - 31 * DAY)), 'stored');
      assert.equal(await store.add(recent, new Date(Date.now() - 29 * DAY)), 'stored');
      await store.close();

      const server = await startProcess(t, { ...env, RETENTION_DAYS: '30' });
      assert.equal(server.logs().find((line) => line.url).retentionDays, 30);
      await waitFor(() => server.logs().find((line) => line.event === 'retention'));
      const line = server.logs().find((l) => l.event === 'retention');
      assert.equal(line.deleted, 1);
      assert.deepEqual(await storedById(server), [recent]);
    });

    test('retention runs again each day, deleting what has grown old since', async (t) => {
      const { env } = await backend.storage(t);
      const store = await openStore(readConfig(env), console);
      t.after(() => store.close());
      let now = Date.now();
      const lines = [];
      const log = { info: (obj) => lines.push(obj), warn: (obj) => lines.push(obj) };
      assert.equal(await store.add(makeResponse(), new Date(now - 2 * DAY)), 'stored');
      const retention = startRetention({ store, days: 7, log, now: () => now });
      t.after(() => retention.stop());
      now += 6 * DAY;
      assert.equal(await retention.run(), 1);
      assert.equal(await store.count(), 0);
      assert.deepEqual(
        lines.map((l) => l.deleted),
        [0, 1],
      );
    });
  });
}

async function waitFor(check) {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for the retention run.');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
