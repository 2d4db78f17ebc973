// Integrity signals: burst, implausible time and duplicate marks kept beside each response (never
// the address), the per-survey rate alarm, and reads that include or exclude flagged responses.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createBurstCounter } from '../src/integrity/burst.js';
import { createDuplicateFinder } from '../src/integrity/duplicates.js';
import { createRateAlarm } from '../src/integrity/alarm.js';
import { backends, startReceiver } from './support/backends.js';
import { get, makeResponse, post } from './support/responses.js';

const HOUR = 3_600_000;

/** A response with answers of its own (makeResponse's are all alike). */
function distinct(n, overrides = {}) {
  const response = makeResponse(overrides);
  response.answers.add = { type: 'text', value: `answer number ${n}` };
  return response;
}

/** A response completed `seconds` after it started. */
function completedIn(seconds, n) {
  const completedAt = new Date();
  return distinct(n, {
    startedAt: new Date(completedAt.getTime() - seconds * 1000).toISOString(),
    completedAt: completedAt.toISOString(),
  });
}

/** Every stored row's columns, read straight from the database. */
async function storedRows(env) {
  const sql = 'SELECT * FROM responses ORDER BY seq';
  if (!env.DATABASE_URL) {
    const db = new Database(join(env.DATA_DIR, 'responses.sqlite'), { readonly: true });
    try {
      return db.prepare(sql).all();
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

test('a burst is more than N responses from one client within the window', () => {
  let now = 0;
  const bursts = createBurstCounter({ limit: 3, windowMs: 60_000, now: () => now });
  assert.deepEqual(
    [1, 2, 3, 4, 5].map(() => bursts.add('192.0.2.7')),
    [false, false, false, true, true],
  );
  assert.equal(bursts.add('192.0.2.8'), false, 'each client counts alone');
  now += 61_000;
  assert.equal(bursts.add('192.0.2.7'), false, 'the window has passed');
});

test('the burst key is rotated with the UTC day and the counts go with it', () => {
  let now = Date.UTC(2026, 11, 7, 23, 59, 50);
  const bursts = createBurstCounter({ limit: 2, windowMs: HOUR, now: () => now });
  bursts.add('192.0.2.7');
  bursts.add('192.0.2.7');
  assert.equal(bursts.add('192.0.2.7'), true);
  now += 20_000;
  assert.equal(bursts.size, 1);
  assert.equal(bursts.add('192.0.2.7'), false, 'a new day starts with no counts');
  assert.equal(bursts.size, 1);
});

test('a duplicate is the same answers as another response to the survey, in any key order', () => {
  let now = 0;
  const finder = createDuplicateFinder({ windowMs: HOUR, now: () => now });
  const first = makeResponse();
  const reordered = {
    ...makeResponse(),
    answers: Object.fromEntries(Object.entries(first.answers).reverse()),
  };
  assert.equal(finder.add(first), undefined);
  assert.equal(finder.add(first), undefined, 'the same id again is a retry, not a copy');
  assert.equal(finder.add(reordered), first.id);
  assert.equal(
    finder.add({ ...reordered, id: 'x', surveyVersion: '2' }),
    undefined,
    'other version',
  );
  assert.equal(finder.add({ ...makeResponse(), answers: {} }), undefined);
  assert.equal(finder.add({ ...makeResponse(), answers: {} }), undefined, 'no answers: no mark');
  now += HOUR;
  assert.equal(finder.add(makeResponse()), undefined, 'past the window');
});

test('the rate alarm warns once per ten minutes when a survey passes its hourly rate', () => {
  let now = 0;
  const warnings = [];
  const alarm = createRateAlarm({
    perHour: 3,
    log: { warn: (o) => warnings.push(o) },
    now: () => now,
  });
  for (let i = 0; i < 10; i += 1) alarm.add('tp-values-refresh');
  alarm.add('other');
  assert.deepEqual(warnings, [
    { event: 'rate alarm', surveyId: 'tp-values-refresh', responsesLastHour: 4, perHour: 3 },
  ]);
  now += 10 * 60_000;
  alarm.add('tp-values-refresh');
  assert.equal(warnings.length, 2);
  now += 2 * HOUR;
  alarm.add('tp-values-refresh');
  assert.equal(warnings.length, 2, 'the hour has passed');
});

for (const backend of backends) {
  describe(`integrity signals on ${backend.name}`, () => {
    test('flags are stored beside each response, never the address, and reads say how many and why', async (t) => {
      const { env } = await backend.storage(t);
      const server = await startReceiver(t, {
        ...env,
        FLAG_BURST_RESPONSES: '4',
        FLAG_MIN_SECONDS: '30',
        ALERT_RESPONSES_PER_HOUR: '5',
      });
      const plain = [distinct(1), distinct(2)];
      const fast = completedIn(3, 3);
      const backwards = completedIn(-60, 4);
      const copy = { ...makeResponse(), answers: plain[0].answers };
      const sixth = distinct(6);
      for (const response of [...plain, fast, backwards, copy, sixth]) {
        assert.equal((await post(server, response)).status, 201);
      }
      const rows = await storedRows(env);
      assert.deepEqual(
        rows.map((row) => row.flags),
        [null, null, 'time', 'time', 'burst,duplicate', 'burst'],
      );
      // Nothing about the client is kept beside the response.
      assert.doesNotMatch(JSON.stringify(rows), /127\.0\.0\.1|::1|ffff/);

      const counts = await (await get(server, '/responses/flags')).json();
      assert.deepEqual(counts, {
        responses: 6,
        flagged: 4,
        reasons: { burst: 2, time: 2, duplicate: 1 },
      });
      const all = await get(server, '/responses');
      assert.equal(all.headers.get('x-flagged-count'), '4');
      assert.equal(all.headers.get('x-flagged-reasons'), 'burst=2, time=2, duplicate=1');
      assert.equal((await all.json()).length, 6);
      const kept = await get(server, '/responses?flagged=exclude');
      assert.deepEqual(
        (await kept.json()).map((response) => response.id),
        plain.map((response) => response.id),
      );
      assert.equal(kept.headers.get('x-flagged-count'), '4', 'says what was left out');
      const only = await (await get(server, '/responses.jsonl?flagged=only')).text();
      assert.equal(only.trim().split('\n').length, 4);
      const csv = await get(server, '/responses.csv?flagged=exclude&surveyId=tp-values-refresh');
      assert.equal(csv.headers.get('x-flagged-reasons'), 'burst=2, time=2, duplicate=1');
      assert.equal((await get(server, '/responses?flagged=maybe')).status, 400);
      const other = await (await get(server, '/responses/flags?surveyId=none')).json();
      assert.deepEqual(other, {
        responses: 0,
        flagged: 0,
        reasons: { burst: 0, time: 0, duplicate: 0 },
      });

      // The rate alarm: a warning in the log past 5 in an hour, and the flags in the stored lines.
      const alarm = server.logs().find((line) => line.event === 'rate alarm');
      assert.equal(alarm.surveyId, 'tp-values-refresh');
      assert.equal(alarm.responsesLastHour, 6);
      const stored = server.logs().filter((line) => line.msg === 'response stored');
      assert.deepEqual(
        stored.map((line) => line.flags ?? null),
        [null, null, 'time', 'time', 'burst,duplicate', 'burst'],
      );
    });

    test('with every mark turned off nothing is flagged', async (t) => {
      const { env } = await backend.storage(t);
      const server = await startReceiver(t, {
        ...env,
        FLAG_BURST_RESPONSES: '0',
        FLAG_MIN_SECONDS: '0',
        FLAG_DUPLICATE_HOURS: '0',
      });
      for (let i = 0; i < 12; i += 1) {
        assert.equal((await post(server, completedIn(1, 0))).status, 201);
      }
      const counts = await (await get(server, '/responses/flags')).json();
      assert.equal(counts.flagged, 0);
      assert.equal(counts.responses, 12);
    });
  });
}
