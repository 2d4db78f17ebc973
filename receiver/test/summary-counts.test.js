// The summary from the count tables (summary-counts-*.js) against the full count it replaced
// (summary-sqlite.js, summary-postgres.js: the reference), cell by cell, on each database: after
// the first responses, after more arrive, after an erasure and after retention, with every
// filter, and the integrity note against flagCounts. And the timer that counts in the
// background: it waits while responses arrive.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import pg from 'pg';
import { backends, startReceiver } from './support/backends.js';
import { generateResponses } from '../../scripts/generate-responses.mjs';
import { builtInSurvey } from '../../scripts/results-page.mjs';
import { sqliteSummary } from './support/reference/summary-sqlite.js';
import { postgresSummary } from './support/reference/summary-postgres.js';
import { countInBackground } from '../src/storage/summary-counts.js';

const survey = await builtInSurvey();
const START = Date.parse('2026-07-01T00:00:00Z');

/**
 * Generated responses made to cover every rule: flagged ones, three ways of collecting, a second
 * version, written answers with spaces around them or only spaces, and a words answer that
 * decided nothing. (The generator already sends some words twice, the first choice then the last.)
 */
function varied(count, seed) {
  const { responses } = generateResponses({ ...survey, count, seed });
  return responses.map((response, i) => {
    const row = structuredClone(response);
    if (i % 5 === 1) row.collection = 'kiosk';
    if (i % 11 === 2) row.collection = 'paper';
    if (i % 4 === 3) row.surveyVersion = '2';
    for (const answer of Object.values(row.answers)) {
      if (answer.type === 'text' && i % 3 === 0) answer.value = `  ${answer.value}\n`;
      if (answer.type === 'text' && i % 7 === 0) answer.value = ' \t ';
      if (answer.type === 'words' && i % 13 === 0) answer.decisions = [];
    }
    return { row, flags: i % 6 === 0 ? 'time' : i % 9 === 0 ? 'burst,duplicate' : null };
  });
}

async function store(server, rows, offset) {
  for (const [i, { row, flags }] of rows.entries()) {
    const at = new Date(START + (offset + i) * 60_000);
    assert.equal(await server.store.add(row, at, flags), 'stored');
  }
}

/** Words come in no set order from either count: compared sorted. */
function sorted(summary) {
  for (const version of summary.versions) {
    for (const set of [version.all, ...version.groups.map((g) => g.counts)]) {
      for (const words of Object.values(set?.words ?? {})) {
        words.sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : 1));
      }
    }
  }
  return summary;
}

const FILTERS = [
  {},
  { flagged: 'exclude' },
  { flagged: 'only' },
  { collection: 'kiosk' },
  { collection: 'self', flagged: 'exclude' },
  { surveyId: 'tp-values-refresh', version: '2' },
  { version: '1', flagged: 'only', collection: 'paper' },
];

/** The reference count, on its own connection to the same database. */
async function referenceOf(backend, server) {
  if (backend.kind === 'sqlite') {
    const db = new Database(server.store.location, { readonly: true });
    return { count: async (options) => sqliteSummary(db, options), close: async () => db.close() };
  }
  const pool = new pg.Pool({ connectionString: server.config.databaseUrl, max: 1 });
  // The test's database is dropped at the end, perhaps before this pool is closed.
  pool.on('error', () => {});
  return { count: (options) => postgresSummary(pool, options), close: () => pool.end() };
}

for (const backend of backends) {
  describe(`the summary from the count tables (${backend.name})`, () => {
    test('equals the full count cell by cell: first responses, more, an erasure, retention; every filter', async (t) => {
      const { env } = await backend.storage(t);
      const server = await startReceiver(t, env);
      const reference = await referenceOf(backend, server);
      t.after(() => reference.close());
      const rows = varied(420, 7);
      const same = async (when) => {
        let broken = 0;
        for (const filter of FILTERS) {
          for (const [minGroup, textLimit] of [
            [10, 5],
            [30, 500],
          ]) {
            const options = { minGroup, textLimit, filter };
            const { integrity, ...fast } = await server.store.summary(options);
            const full = sorted(await reference.count(options));
            assert.deepEqual(sorted(fast), full, `${when}, ${JSON.stringify(options)}`);
            // The integrity note: as flagCounts reads it from the responses.
            const { surveyId, version } = filter;
            assert.deepEqual(integrity, await server.store.flagCounts({ surveyId, version }), when);
            broken += full.versions.reduce(
              (n, v) => n + (v.all ? 1 : 0) + v.groups.filter((g) => g.counts).length,
              0,
            );
          }
        }
        // Not a comparison of two empty reports: many sets were broken down.
        assert.ok(broken > 40, `${when}: ${broken} sets broken down`);
      };
      await store(server, rows.slice(0, 300), 0);
      await same('first 300');
      await store(server, rows.slice(300), 300);
      await same('120 more');
      for (const { row } of rows.filter((_, i) => i % 17 === 5)) {
        assert.equal(await server.store.erase(row.id), true);
      }
      await same('after erasing 25');
      // Retention: the first 100 received go.
      const expired = await server.store.deleteReceivedBefore(new Date(START + 100 * 60_000));
      assert.ok(expired > 90);
      await same('after retention');
      // Erased before it was counted: nothing to subtract, and never counted.
      const late = varied(2, 99);
      await store(server, late, 1000);
      assert.equal(await server.store.erase(late[0].row.id), true);
      await same('after erasing one not yet counted');
    });

    test('two receivers on one database count each response once, both counting at the same time', async (t) => {
      const { env } = await backend.storage(t);
      const first = await startReceiver(t, env);
      const second = await startReceiver(t, env);
      const reference = await referenceOf(backend, first);
      t.after(() => reference.close());
      const rows = varied(300, 11);
      // Stored through both, then both asked at once: each catches up what is not counted yet.
      await Promise.all([store(first, rows.slice(0, 150), 0), store(second, rows.slice(150), 150)]);
      const options = { minGroup: 10, textLimit: 5, filter: {} };
      const [a, b] = await Promise.all([
        first.store.summary(options),
        second.store.summary(options),
      ]);
      const full = sorted(await reference.count(options));
      for (const { integrity, ...summary } of [a, b]) {
        assert.deepEqual(sorted(summary), full);
        assert.equal(integrity.responses, 300);
      }
    });
  });
}

describe('counting in the background', () => {
  /** A fake store: `arrive(n)` stores n more; the timer's folds count them. */
  function fake() {
    let stored = 0;
    let counted = 0;
    const folds = [];
    return {
      arrive: (n) => (stored += n),
      behind: () => stored - counted,
      fold: (limit) => {
        const n = Math.min(limit, stored - counted);
        counted += n;
        if (n) folds.push(n);
        return n;
      },
      counted: () => counted,
      folds,
    };
  }
  const until = async (condition) => {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  test('counts once responses stop arriving, in batches', async (t) => {
    const store = fake();
    const counting = countInBackground({ ...store, intervalMs: 10, maxWaitMs: 60_000 });
    t.after(() => counting.close());
    store.arrive(600);
    await until(() => store.counted() === 600);
    assert.ok(store.folds.length >= 3, 'at most one batch (250) per transaction');
    assert.ok(store.folds.every((n) => n <= 250));
  });

  test('waits while responses keep arriving, but not longer than maxWaitMs', async (t) => {
    const store = fake();
    const counting = countInBackground({ ...store, intervalMs: 10, maxWaitMs: 200 });
    t.after(() => counting.close());
    const started = Date.now();
    const arriving = setInterval(() => store.arrive(1), 2);
    t.after(() => clearInterval(arriving));
    await until(() => store.counted() > 0);
    assert.ok(Date.now() - started >= 190, 'nothing counted while they arrive, at first');
    clearInterval(arriving);
    await until(() => store.behind() === 0);
  });

  test('catchUp counts everything at once, for a summary asked for now', async (t) => {
    const store = fake();
    const counting = countInBackground({ ...store, intervalMs: 60_000 });
    t.after(() => counting.close());
    store.arrive(1000);
    await counting.catchUp();
    assert.equal(store.behind(), 0);
  });
});
