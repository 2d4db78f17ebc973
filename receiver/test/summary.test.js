// GET /responses/summary: counted by each database, checked cell by cell against the generator's
// own count, with the small-group rule, the token, CORS for a results page on an allowed origin,
// and compression.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends, startReceiver } from './support/backends.js';
import { get } from './support/responses.js';
import { generateResponses } from '../../scripts/generate-responses.mjs';
import { builtInSurvey } from '../../scripts/results-page.mjs';

const ORIGIN = 'https://intranet.example.nhs.uk';
const survey = await builtInSurvey();

/** `count` generated responses, stored in order, and what the generator counted. */
async function stored(server, count, seed) {
  const { responses, expected } = generateResponses({ ...survey, count, seed });
  const start = Date.parse('2026-07-01T00:00:00Z');
  for (const [i, r] of responses.entries()) {
    assert.equal(await server.store.add(r, new Date(start + i * 1000)), 'stored');
  }
  return { responses, expected };
}

/** Checks one set of the summary against the generator's count, every word and option. */
function expectSet(set, want, label) {
  assert.equal(set.count, want.count, `${label} count`);
  for (const q of survey.definition.questions) {
    if (q.type === 'words') {
      assert.equal(set.answered[q.id]?.words ?? 0, want.answered[q.id] ?? 0, `${label} ${q.id} n`);
      const got = new Map((set.words[q.id] ?? []).map(([s, p, , k, r]) => [`${s}:${p}`, [k, r]]));
      const expected = want.words[q.id] ?? {};
      for (const [key, cell] of Object.entries(expected)) {
        assert.deepEqual(got.get(key), [cell.kept, cell.removed], `${label} ${q.id} ${key}`);
      }
      assert.equal(got.size, Object.keys(expected).length, `${label} ${q.id} words`);
    } else if (q.type === 'choice' || q.type === 'choices') {
      assert.deepEqual(set.choices[q.id] ?? {}, want.options[q.id] ?? {}, `${label} ${q.id}`);
    } else if (q.type === 'scale') {
      const points = Object.fromEntries(
        Object.entries(want.scale[q.id] ?? {}).map(([k, v]) => [String(k), v]),
      );
      assert.deepEqual(set.scales[q.id] ?? {}, points, `${label} ${q.id}`);
    } else if (q.type === 'text') {
      const texts = want.text[q.id] ?? [];
      assert.equal(set.texts[q.id]?.count ?? 0, texts.length, `${label} ${q.id} count`);
      assert.deepEqual(set.texts[q.id]?.answers ?? [], texts.slice(0, 5), `${label} ${q.id}`);
    }
  }
}

for (const backend of backends) {
  describe(`GET /responses/summary (${backend.name})`, () => {
    test('counts every word, option, scale point and text for everyone and each group; small groups keep only their size', async (t) => {
      const { env } = await backend.storage(t);
      const server = await startReceiver(t, env);
      const { expected } = await stored(server, 160, 21);
      const res = await get(server, '/responses/summary?minGroup=25&textLimit=5');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /^application\/json/);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const summary = await res.json();
      assert.equal(summary.format, 'values-survey-summary');
      assert.equal(summary.minGroup, 25);
      assert.equal(summary.versions.length, 1);
      const [version] = summary.versions;
      assert.deepEqual(
        [version.surveyId, version.version, version.count],
        ['tp-values-refresh', '1', 160],
      );
      expectSet(version.all, expected.all, 'everyone');
      let small = 0;
      for (const [key, want] of Object.entries(expected.groups)) {
        const [questionId, value] = key.split('=');
        const group = version.groups.find((g) => g.questionId === questionId && g.value === value);
        assert.ok(group, key);
        assert.equal(group.count, want.count, `${key} size`);
        if (want.count < 25) {
          assert.equal(group.counts, null, `${key} (${want.count}) is not broken down`);
          small += 1;
        } else {
          expectSet(group.counts, want, key);
        }
      }
      assert.ok(small > 0, 'some groups are under 25');
      assert.equal(version.groups.length, Object.keys(expected.groups).length);
    });

    test('never breaks down fewer than 10, filters by survey and version, and reads nothing without the token', async (t) => {
      const { env } = await backend.storage(t);
      const server = await startReceiver(t, env);
      await stored(server, 8, 3);
      const asked = await (await get(server, '/responses/summary?minGroup=2')).json();
      assert.equal(asked.minGroup, 10);
      assert.equal(asked.versions[0].count, 8);
      assert.equal(asked.versions[0].all, null);
      assert.ok(asked.versions[0].groups.every((g) => g.counts === null));
      const none = await (await get(server, '/responses/summary?version=2')).json();
      assert.deepEqual(none.versions, []);
      const refused = await get(server, '/responses/summary', { token: null });
      assert.equal(refused.status, 401);
      assert.doesNotMatch(await refused.text(), /tp-values-refresh/);
      const bad = await get(server, '/responses/summary?minGroup=ten');
      assert.equal(bad.status, 400);
    });

    test('counts with or without flagged responses, or one way of collecting, and always says how many were flagged and why', async (t) => {
      const { env } = await backend.storage(t);
      const server = await startReceiver(t, env);
      const { responses } = generateResponses({ ...survey, count: 30, seed: 17 });
      const at = Date.parse('2026-07-01T00:00:00Z');
      for (const [i, response] of responses.entries()) {
        // The first 12 as if flagged at receipt (too quick), the last 11 from a kiosk.
        const flags = i < 12 ? 'time' : null;
        const row = i >= 19 ? { ...response, collection: 'kiosk' } : response;
        assert.equal(await server.store.add(row, new Date(at + i * 1000), flags), 'stored');
      }
      const summary = async (query = '') =>
        await (await get(server, `/responses/summary${query}`)).json();
      const all = await summary();
      assert.equal(all.versions[0].count, 30);
      assert.deepEqual(all.integrity, {
        responses: 30,
        flagged: 12,
        reasons: { burst: 0, time: 12, duplicate: 0 },
      });
      const unflagged = await summary('?flagged=exclude');
      assert.equal(unflagged.versions[0].count, 18);
      // The flagged count is the survey's, whatever the filter.
      assert.equal(unflagged.integrity.flagged, 12);
      assert.equal((await summary('?flagged=only')).versions[0].count, 12);
      assert.equal((await summary('?collection=kiosk')).versions[0].count, 11);
      // Responses without the field were collected by the respondent.
      assert.equal((await summary('?collection=self')).versions[0].count, 19);
      assert.equal((await summary('?collection=self&flagged=exclude')).versions[0].count, 7);
      assert.equal((await get(server, '/responses/summary?collection=email')).status, 400);
    });

    test('counts again after a response is added or erased (a remembered summary is never stale)', async (t) => {
      const { env } = await backend.storage(t);
      const server = await startReceiver(t, env);
      const { responses } = await stored(server, 12, 9);
      const count = async () =>
        (await (await get(server, '/responses/summary')).json()).versions[0];
      assert.equal((await count()).count, 12);
      assert.equal((await count()).all.count, 12);
      const extra = generateResponses({ ...survey, count: 1, seed: 99 }).responses[0];
      assert.equal(await server.store.add(extra, new Date()), 'stored');
      assert.equal((await count()).count, 13);
      assert.equal(await server.store.erase(responses[0].id), true);
      assert.equal(await server.store.erase(responses[1].id), true);
      const after = await count();
      assert.equal(after.count, 11);
      assert.equal(after.all.count, 11);
    });
  });
}

test('a results page on an allowed origin may read the summary with the token; the reply is compressed', async (t) => {
  const { env } = await backends[0].storage(t);
  const server = await startReceiver(t, { ...env, ALLOWED_ORIGINS: ORIGIN });
  await stored(server, 40, 5);
  const preflight = await fetch(`${server.url}/responses/summary`, {
    method: 'OPTIONS',
    headers: {
      Origin: ORIGIN,
      'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Headers': 'authorization',
    },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get('access-control-allow-origin'), ORIGIN);
  assert.equal(preflight.headers.get('access-control-allow-methods'), 'GET');
  assert.match(preflight.headers.get('access-control-allow-headers'), /Authorization/i);
  const other = await fetch(`${server.url}/responses/summary`, {
    method: 'OPTIONS',
    headers: { Origin: 'https://elsewhere.example', 'Access-Control-Request-Method': 'GET' },
  });
  assert.equal(other.headers.get('access-control-allow-origin'), null);
  // The 401 carries CORS too, so the page can see it and ask for the token.
  const unauthorised = await fetch(`${server.url}/responses/summary`, {
    headers: { Origin: ORIGIN },
  });
  assert.equal(unauthorised.status, 401);
  assert.equal(unauthorised.headers.get('access-control-allow-origin'), ORIGIN);
  for (const encoding of ['br', 'gzip']) {
    const res = await fetch(`${server.url}/responses/summary`, {
      headers: {
        Origin: ORIGIN,
        Authorization: `Bearer ${server.token}`,
        'Accept-Encoding': encoding,
      },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-encoding'), encoding);
    assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
    assert.equal((await res.json()).versions[0].count, 40);
  }
  // The other read routes are compressed as well.
  const list = await fetch(`${server.url}/responses.jsonl`, {
    headers: { Authorization: `Bearer ${server.token}`, 'Accept-Encoding': 'gzip' },
  });
  assert.equal(list.headers.get('content-encoding'), 'gzip');
  assert.equal((await list.text()).trim().split('\n').length, 40);
});
