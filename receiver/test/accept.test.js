// What POST /responses accepts, against each backend: only surveys the receiver collects, while
// they are open; answers that fit the definition; ids and keys that can be stored; each response
// once, past erasure and retention, with a replay told apart from a conflict.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backends, startReceiver, TEST_SURVEYS_DIR } from './support/backends.js';
import { getJson, makeResponse, post, words } from './support/responses.js';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';

const otherSurvey = JSON.parse(readFileSync(join(TEST_SURVEYS_DIR, 'other-survey.json'), 'utf8'));

/** A folder of surveys: other-survey closed on 30 September 2026, and one opening in 2099. */
async function datedSurveys(t) {
  const dir = await mkdtemp(join(tmpdir(), 'values-survey-dated-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(
    join(dir, 'closed.json'),
    JSON.stringify({ ...otherSurvey, closesAt: '2026-09-30T23:59:59+01:00' }),
  );
  await writeFile(
    join(dir, 'later.json'),
    JSON.stringify({
      opensAt: '2099-10-01T09:00:00+01:00',
      definition: { ...otherSurvey.definition, id: 'later-survey' },
    }),
  );
  return dir;
}

async function refusal(res) {
  return { status: res.status, ...(await res.json()) };
}

for (const backend of backends) {
  describe(backend.name, () => {
    test('a survey or version the receiver does not collect is refused 422, saying which', async (t) => {
      const { env } = await backend.storage(t);
      const server = await startReceiver(t, env);
      const unknown = await refusal(
        await post(server, makeResponse({ surveyId: 'no-such-survey' })),
      );
      assert.equal(unknown.status, 422);
      assert.equal(unknown.error, 'unknown survey');
      assert.match(unknown.message, /does not collect the survey "no-such-survey"/);
      const version = await refusal(await post(server, makeResponse({ surveyVersion: '7' })));
      assert.equal(version.status, 422);
      assert.equal(version.error, 'unknown survey version');
      assert.match(version.message, /version "7" of survey "tp-values-refresh"/);
      assert.equal(await server.store.count(), 0);
    });

    test('BUILT_IN_SURVEY=off: the built-in survey is not collected either', async (t) => {
      const { env } = await backend.storage(t);
      const server = await startReceiver(t, { ...env, BUILT_IN_SURVEY: 'off' });
      // Version 2 is in the test surveys folder; version 1 was the built-in one.
      assert.equal(
        (await refusal(await post(server, makeResponse()))).error,
        'unknown survey version',
      );
      assert.equal((await post(server, makeResponse({ surveyId: 'other-survey' }))).status, 201);
    });

    test('a closed survey and one not yet open are refused 403 with a message for the respondent', async (t) => {
      const { env } = await backend.storage(t);
      const server = await startReceiver(t, { ...env, SURVEYS_DIR: await datedSurveys(t) });
      const closed = await refusal(await post(server, makeResponse({ surveyId: 'other-survey' })));
      assert.deepEqual(closed, {
        status: 403,
        error: 'survey closed',
        message: 'This survey closed on 30 September 2026.',
        closesAt: '2026-09-30T22:59:59.000Z',
      });
      const later = await refusal(await post(server, makeResponse({ surveyId: 'later-survey' })));
      assert.deepEqual(later, {
        status: 403,
        error: 'survey not open',
        message: 'This survey opens on 1 October 2099.',
        opensAt: '2099-10-01T08:00:00.000Z',
      });
      assert.equal(await server.store.count(), 0);
      assert.ok(
        server.logs().some((l) => l.msg === 'response refused' && l.reason === 'survey closed'),
      );
    });

    test('answers that do not fit the definition are refused 422, naming each field', async (t) => {
      const { env } = await backend.storage(t);
      const server = await startReceiver(t, env);
      const cases = [
        // [answers, path, message]
        [
          { values: words([1, 4, 'kind', 'keep']) },
          'answers.values.decisions[0].word',
          /must be "compassionate"/,
        ],
        [
          { values: words([1, 9, 'x', 'keep']) },
          'answers.values.decisions[0].position',
          /not the position of a word/,
        ],
        [
          { values: words([6, 0, 'we', 'keep']) },
          'answers.values.decisions[0].statement',
          /must be below 6/,
        ],
        [
          { vibes: { type: 'text', value: 'hello' } },
          'answers.vibes',
          /is not a question of survey "tp-values-refresh" version "1"/,
        ],
        [{ fit: { type: 'text', value: '4' } }, 'answers.fit.type', /must be "scale"/],
        [{ fit: { type: 'scale', value: 6 } }, 'answers.fit.value', /must be from 1 to 5/],
        [
          { connection: { type: 'choices', values: ['staff', 'ceo'] } },
          'answers.connection.values[1]',
          /must be one of "patient"/,
        ],
        [
          { connection: { type: 'choices', values: ['staff', 'staff'] } },
          'answers.connection.values[1]',
          /is chosen twice/,
        ],
        [
          { add: { type: 'text', value: 'x'.repeat(1001) } },
          'answers.add.value',
          /at most 1000 characters/,
        ],
      ];
      for (const [answers, path, message] of cases) {
        const reply = await refusal(await post(server, makeResponse({ answers })));
        assert.equal(reply.status, 422, path);
        assert.equal(reply.error, 'invalid response');
        assert.deepEqual(
          reply.problems.map((p) => p.path),
          [path],
        );
        assert.match(reply.problems[0].message, message);
      }
      // A word decided twice is a real answer (the last choice counts), and excluded words are
      // checked with the widget's own tokenizer: "We" in the refreshed values is not a chip.
      const twice = makeResponse({
        answers: {
          values: words([1, 4, 'compassionate', 'keep'], [1, 4, 'compassionate', 'remove']),
        },
      });
      assert.equal((await post(server, twice)).status, 201);
      assert.equal(await server.store.count(), 1);
    });

    test('ids and keys that could never be stored are refused 422, never 5xx', async (t) => {
      const { env } = await backend.storage(t);
      const server = await startReceiver(t, env);
      const problems = async (body, headers) => {
        const res = await post(server, body, headers);
        assert.equal(res.status, 422, JSON.stringify(body).slice(0, 80));
        return Object.fromEntries((await res.json()).problems.map((p) => [p.path, p.message]));
      };
      // A NUL in surveyId: PostgreSQL cannot store it in a text column (it was 503 for ever).
      assert.match(
        (await problems(makeResponse({ surveyId: 'tp-values\u0000refresh' }))).surveyId,
        /must start with a letter/,
      );
      assert.match(
        (await problems(makeResponse({ surveyVersion: '1\u0007' }))).surveyVersion,
        /short version label/,
      );
      assert.match(
        (await problems(makeResponse({ surveyId: 'tp\ud800' }))).surveyId,
        /must start with a letter/,
      );
      const controlKey = await problems(
        makeResponse({ answers: { 'fit\u0000': { type: 'scale', value: 3 } } }),
      );
      assert.match(controlKey['answers["fit\\u0000"]'], /is not a question id/);
      // Real dates only.
      assert.equal(
        (await problems(makeResponse({ completedAt: '2026-13-45T99:99:99Z' }))).completedAt,
        'must be a real date and time',
      );
      assert.equal(
        (await problems(makeResponse({ startedAt: '2026-02-29T10:00:00Z' }))).startedAt,
        'must be a real date and time',
      );
      // Caps.
      const longVersion = { widget: 'values-survey', version: '1'.repeat(65) };
      assert.match(
        (await problems(makeResponse({ client: longVersion })))['client.version'],
        /version like/,
      );
      const many = Object.fromEntries(
        Array.from({ length: 201 }, (_, i) => [`q${i}`, { type: 'scale', value: 1 }]),
      );
      assert.match(
        (await problems(makeResponse({ answers: many }))).answers,
        /at most 200 answers/,
      );
      const choices = {
        connection: { type: 'choices', values: Array.from({ length: 201 }, (_, i) => `v${i}`) },
      };
      assert.match(
        (await problems(makeResponse({ answers: choices })))['answers.connection.values'],
        /at most 200/,
      );
      assert.equal(await server.store.count(), 0);
    });

    test('__proto__, constructor and prototype keys are refused 422, never silently dropped', async (t) => {
      const { env } = await backend.storage(t);
      const server = await startReceiver(t, env);
      const base = makeResponse();
      const text = (answersJson) =>
        JSON.stringify(base).replace(/"answers":\{/, `"answers":{${answersJson},`);
      for (const [body, path] of [
        [text('"__proto__":{"type":"scale","value":3}'), 'answers.__proto__'],
        [text('"constructor":{"type":"scale","value":3}'), 'answers.constructor'],
        [text('"prototype":{"type":"scale","value":3}'), 'answers.prototype'],
        [JSON.stringify(base).replace(/^\{/, '{"__proto__":{"x":1},'), '__proto__'],
        [
          JSON.stringify(base).replace(
            '"fit":{"type":"scale","value":4}',
            '"fit":{"type":"scale","value":4,"__proto__":{}}',
          ),
          'answers.fit.__proto__',
        ],
      ]) {
        const res = await post(server, body, { 'Idempotency-Key': base.id });
        assert.equal(res.status, 422, `${body.slice(0, 60)}: ${await res.clone().text()}`);
        const paths = (await res.json()).problems.map((p) => p.path);
        assert.ok(paths.includes(path), `${path} in ${paths}`);
      }
      assert.equal(await server.store.count(), 0);
    });

    test('an upper-case id is the same response: stored in lower case, and a resend is a duplicate', async (t) => {
      const { env } = await backend.storage(t);
      const server = await startReceiver(t, env);
      const response = makeResponse();
      const upper = { ...response, id: response.id.toUpperCase() };
      const first = await post(server, upper);
      assert.equal(first.status, 201);
      assert.deepEqual(await first.json(), { id: response.id });
      const again = await post(server, response);
      assert.equal(again.status, 409);
      assert.equal((await again.json()).error, 'already received');
      assert.deepEqual(await getJson(server, '/responses'), [response]);
    });

    test('a replay and a conflict get different 409s; the conflict is logged and nothing changes', async (t) => {
      const { env } = await backend.storage(t);
      const server = await startReceiver(t, env);
      const response = makeResponse();
      assert.equal((await post(server, response)).status, 201);
      const replay = await refusal(await post(server, response));
      assert.deepEqual(replay, {
        status: 409,
        id: response.id,
        error: 'already received',
        reason: 'stored',
        message: 'This response is already stored.',
      });
      // The same fields in another order is the same response.
      const reordered = Object.fromEntries(Object.entries(response).reverse());
      assert.equal((await refusal(await post(server, reordered))).error, 'already received');
      const other = { ...response, answers: { fit: { type: 'scale', value: 1 } } };
      const conflict = await refusal(await post(server, other));
      assert.equal(conflict.status, 409);
      assert.equal(conflict.error, 'id conflict');
      assert.deepEqual(await getJson(server, '/responses'), [response]);
      const line = server.logs().find((l) => l.event === 'id conflict');
      assert.equal(line.id, response.id);
      assert.equal(line.level, 40);
    });

    test('past retention: an expired response sent again is answered as received and not stored', async (t) => {
      const { env } = await backend.storage(t);
      const server = await startReceiver(t, env);
      const response = makeResponse();
      assert.equal((await post(server, response)).status, 201);
      assert.equal(await server.store.deleteReceivedBefore(new Date(Date.now() + 60_000)), 1);
      assert.equal(await server.store.count(), 0);
      const resent = await refusal(await post(server, response));
      assert.equal(resent.status, 409);
      assert.equal(resent.error, 'already received');
      assert.equal(resent.reason, 'expired');
      assert.match(resent.message, /retention period/);
      assert.equal(await server.store.count(), 0);
      // Erasure leaves the same kind of tombstone, with its own reason.
      const erased = makeResponse();
      assert.equal((await post(server, erased)).status, 201);
      assert.equal(await server.store.erase(erased.id), true);
      assert.equal((await refusal(await post(server, erased))).reason, 'erased');
      // The tombstones hold no answers: id, survey, when and why.
      const rows = await tombstoneRows(backend, env);
      assert.deepEqual(
        rows.map((row) => [row.id, row.survey_id, row.survey_version, row.reason]),
        [
          [response.id, 'tp-values-refresh', '1', 'expired'],
          [erased.id, 'tp-values-refresh', '1', 'erased'],
        ],
      );
      for (const row of rows) {
        assert.deepEqual(Object.keys(row).sort(), [
          'id',
          'reason',
          'removed_at',
          'survey_id',
          'survey_version',
        ]);
        assert.ok(!Number.isNaN(new Date(row.removed_at).getTime()));
      }
    });
  });
}

/** Every tombstone, straight from the database, oldest first. */
async function tombstoneRows(backend, env) {
  const sql = 'SELECT * FROM tombstones ORDER BY removed_at, reason DESC';
  if (backend.kind === 'sqlite') {
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
