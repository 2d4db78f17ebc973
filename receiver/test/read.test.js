// The survey owner's routes: the token, the three formats, erasure, against each backend.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ERASE_TOKEN, backends, startReceiver } from './support/backends.js';
import { get, makeResponse, parseCsv, post, words } from './support/responses.js';

const READS = [
  ['GET', '/responses'],
  ['GET', '/responses.jsonl'],
  ['GET', '/responses.csv'],
  ['HEAD', '/responses'],
  ['DELETE', '/responses/3f1c2b0e-8d4a-4c6e-9b1a-2f5d7e9c0a41'],
];

function request(server, method, path, token) {
  return get(server, path, { method, token });
}

test('without any token every read route answers 403: reads are off', async (t) => {
  const { env } = await backends[0].storage(t);
  const server = await startReceiver(t, { ...env, RESULTS_TOKEN: '', TOKENS_FILE: '' });
  assert.equal((await post(server, makeResponse())).status, 201);
  for (const [method, path] of READS) {
    for (const token of [undefined, 'test-results-token-0123456789-abcdefgh']) {
      const res = await request(server, method, path, token);
      assert.equal(res.status, 403, `${method} ${path}`);
      if (method !== 'HEAD') {
        const reply = await res.json();
        assert.equal(reply.error, method === 'DELETE' ? 'erasure off' : 'reads off');
        assert.match(reply.message, method === 'DELETE' ? /TOKENS_FILE/ : /RESULTS_TOKEN/);
      }
    }
  }
});

test('every read route refuses a missing or wrong token with 401, and reveals nothing', async (t) => {
  const { env } = await backends[0].storage(t);
  const server = await startReceiver(t, env);
  const response = makeResponse({ answers: { add: { type: 'text', value: 'private words' } } });
  assert.equal((await post(server, response)).status, 201);
  const wrongs = [null, 'wrong-token-wrong-token', `${server.token}x`, server.token.slice(0, -1)];
  const statuses = new Set();
  for (const [method, path] of READS) {
    for (const token of wrongs) {
      const res = await request(server, method, path, token);
      // 401 with the scheme to use; past 10 wrong tokens a minute, 429 (the next test).
      if (res.status === 401) assert.match(res.headers.get('www-authenticate'), /^Bearer/);
      else assert.equal(res.status, 429, `${method} ${path} with ${token}`);
      statuses.add(res.status);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.doesNotMatch(await res.text(), /private words/);
    }
  }
  // Basic or a bare token is not the Bearer scheme.
  const basic = await fetch(`${server.url}/responses`, {
    headers: { Authorization: `Basic ${server.token}` },
  });
  assert.ok([401, 429].includes(basic.status));
  assert.deepEqual([...statuses].sort(), [401, 429]);
  assert.equal(await server.store.count(), 1);
});

test('guessing the token is slowed: after 10 wrong tokens a minute, 429 with Retry-After', async (t) => {
  const { env } = await backends[0].storage(t);
  const server = await startReceiver(t, env);
  const statuses = [];
  for (let i = 0; i < 12; i += 1) {
    statuses.push((await get(server, '/responses', { token: `guess-${i}-guess-guess` })).status);
  }
  assert.deepEqual(statuses, [...Array(10).fill(401), 429, 429]);
  const limited = await get(server, '/responses', { token: 'guess-again-guess-again' });
  assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  // The right token still works from the same address.
  assert.equal((await get(server, '/responses')).status, 200);
});

test('a filter that is not surveyId or version is refused, not ignored', async (t) => {
  const { env } = await backends[0].storage(t);
  const server = await startReceiver(t, env);
  const res = await get(server, '/responses?surveyid=tp-values-refresh');
  assert.equal(res.status, 400);
  assert.match((await res.json()).message, /additional properties/i);
});

for (const backend of backends) {
  describe(backend.name, () => {
    const start = async (t) => {
      const { env } = await backend.storage(t);
      return startReceiver(t, env);
    };

    test('GET /responses.jsonl streams one response per line', async (t) => {
      const server = await start(t);
      const responses = [makeResponse(), makeResponse({ surveyVersion: '2' })];
      for (const response of responses) assert.equal((await post(server, response)).status, 201);
      const res = await get(server, '/responses.jsonl');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /^application\/jsonl; charset=utf-8/);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const text = await res.text();
      assert.equal(text, responses.map((response) => `${JSON.stringify(response)}\n`).join(''));
      const empty = await get(server, '/responses.jsonl?surveyId=none');
      assert.equal(await empty.text(), '');
    });

    test('GET /responses.csv: one row per answer value, a word decision per row', async (t) => {
      const server = await start(t);
      const first = makeResponse({
        answers: {
          values: words(
            [0, 1, 'caring', 'keep'],
            [0, 0, 'we', 'remove'],
            [1, 0, 'we', 'keep'],
            [0, 1, 'caring', 'remove'], // decided twice: the last choice counts
          ),
          connection: { type: 'choices', values: ['staff', 'student'] },
          fit: { type: 'scale', value: -1 },
        },
      });
      const second = makeResponse({
        surveyVersion: '2',
        collection: 'kiosk',
        answers: {
          add: { type: 'text', value: 'Kindness, "honesty"\nand openness' },
          role: { type: 'choice', value: 'nurse' },
        },
      });
      const third = makeResponse({ answers: {} });
      // Stored directly: answers no survey asks for, as rows kept before a receiver checked
      // answers against the definition may hold; the CSV still lays them out.
      // The second kept with integrity flags beside it, as the receiver stores them.
      const flags = new Map([[second, 'burst,duplicate']]);
      for (const response of [first, second, third]) {
        assert.equal(await server.store.add(response, new Date(), flags.get(response)), 'stored');
      }
      const res = await get(server, '/responses.csv');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /^text\/csv; charset=utf-8/);
      assert.match(res.headers.get('content-disposition'), /attachment; filename="responses.csv"/);
      const text = await res.text();
      // fetch's text() drops the byte order mark; the bytes keep it for Excel.
      const bytes = new Uint8Array(await (await get(server, '/responses.csv')).arrayBuffer());
      assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.ok(text.endsWith('\r\n'));
      assert.ok(text.includes('"Kindness, ""honesty""\nand openness"'));
      const fixed = (r) => [r.id, r.surveyId, r.surveyVersion, r.startedAt, r.completedAt];
      assert.deepEqual(parseCsv(text), [
        [
          'id',
          'surveyId',
          'surveyVersion',
          'startedAt',
          'completedAt',
          'question',
          'type',
          'statement',
          'position',
          'word',
          'choice',
          'value',
          'collection',
          'flags',
        ],
        [...fixed(first), 'values', 'words', '0', '0', 'we', 'remove', '', 'self', ''],
        [...fixed(first), 'values', 'words', '0', '1', 'caring', 'remove', '', 'self', ''],
        [...fixed(first), 'values', 'words', '1', '0', 'we', 'keep', '', 'self', ''],
        [...fixed(first), 'connection', 'choices', '', '', '', '', 'staff', 'self', ''],
        [...fixed(first), 'connection', 'choices', '', '', '', '', 'student', 'self', ''],
        [...fixed(first), 'fit', 'scale', '', '', '', '', '-1', 'self', ''],
        [
          ...fixed(second),
          'add',
          'text',
          '',
          '',
          '',
          '',
          'Kindness, "honesty"\nand openness',
          'kiosk',
          'burst,duplicate',
        ],
        [...fixed(second), 'role', 'choice', '', '', '', '', 'nurse', 'kiosk', 'burst,duplicate'],
        [...fixed(third), '', '', '', '', '', '', '', 'self', ''],
      ]);
      const filtered = parseCsv(await (await get(server, '/responses.csv?version=2')).text());
      assert.equal(filtered.length, 3);
    });

    test('CSV cells a spreadsheet would run as a formula are prefixed with a quote', async (t) => {
      const server = await start(t);
      const response = makeResponse({
        surveyId: '=cmd|calc',
        answers: {
          add: { type: 'text', value: '=HYPERLINK("http://evil.example","click")' },
          plus: { type: 'text', value: '+44 20 7946 0000' },
          minus: { type: 'choice', value: '-2+3' },
          at: { type: 'choices', values: ['@SUM(A1)', 'fine'] },
          tab: { type: 'text', value: '\t=1' },
          safe: { type: 'text', value: 'a = b' },
          '=q': {
            type: 'words',
            decisions: [{ statement: 0, position: 0, word: '=w', choice: 'keep' }],
          },
        },
      });
      // Stored directly: a receiver refuses such ids and answers today (validation.test.js), but
      // rows stored before it did are still exported safely.
      assert.equal(await server.store.add(response, new Date()), 'stored');
      const [header, ...rows] = parseCsv(await (await get(server, '/responses.csv')).text());
      const cells = rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
      const value = (question) => cells.filter((c) => c.question === question).map((c) => c.value);
      assert.ok(cells.every((c) => c.surveyId === "'=cmd|calc"));
      assert.deepEqual(value('add'), [`'=HYPERLINK("http://evil.example","click")`]);
      assert.deepEqual(value('plus'), ["'+44 20 7946 0000"]);
      assert.deepEqual(value('minus'), ["'-2+3"]);
      assert.deepEqual(value('at'), ["'@SUM(A1)", 'fine']);
      assert.deepEqual(value('tab'), ["'\t=1"]);
      assert.deepEqual(value('safe'), ['a = b']);
      const word = cells.find((c) => c.question === "'=q");
      assert.equal(word.word, "'=w");
    });

    test('DELETE /responses/{id} erases a response: gone from every list, never stored again', async (t) => {
      const server = await start(t);
      const secret = 'my name is Sam and my ward is 7';
      const erased = makeResponse({ answers: { add: { type: 'text', value: secret } } });
      const kept = makeResponse();
      for (const response of [erased, kept])
        assert.equal((await post(server, response)).status, 201);

      const res = await get(server, `/responses/${erased.id}`, {
        method: 'DELETE',
        token: ERASE_TOKEN,
      });
      assert.equal(res.status, 204);
      assert.deepEqual(
        (await (await get(server, '/responses')).json()).map((r) => r.id),
        [kept.id],
      );
      assert.doesNotMatch(
        await (await get(server, '/responses.csv')).text(),
        new RegExp(erased.id),
      );
      assert.doesNotMatch(await (await get(server, '/responses.jsonl')).text(), /Sam/);
      // The respondent's device may still retry it: it is acknowledged, not stored.
      const retry = await post(server, erased);
      assert.equal(retry.status, 409);
      assert.match((await retry.json()).message, /erased/);
      assert.equal(await server.store.count(), 1);
      // Erasing again, or an id never stored: 404.
      assert.equal(
        (await get(server, `/responses/${erased.id}`, { method: 'DELETE', token: ERASE_TOKEN }))
          .status,
        404,
      );
      assert.equal(
        (
          await get(server, `/responses/${makeResponse().id}`, {
            method: 'DELETE',
            token: ERASE_TOKEN,
          })
        ).status,
        404,
      );
      // The log records the erasure by id, and never the answers.
      const erasures = server
        .logs()
        .filter((line) => line.event === 'audit' && line.action === 'erase');
      assert.deepEqual(
        erasures.map((line) => line.id),
        [erased.id],
      );
      assert.doesNotMatch(JSON.stringify(server.logs()), /Sam/);
    });
  });
}
