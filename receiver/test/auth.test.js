// Tokens and audit: separate rights, several labelled tokens from a tokens file, rotation with no
// refused read, tokens too short refused at start, and an audit line for every read and erasure.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rename, writeFile } from 'node:fs/promises';
import { parseTokens, tokenProblem } from '../src/auth/tokens.js';
import { createReceiver, openStore, readConfig } from '../src/receiver.js';
import { backends, runProcess, startReceiver, writeTokensFile } from './support/backends.js';
import { get, makeResponse, post } from './support/responses.js';

const READER = 'reader-token-9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const ERASER = 'eraser-token-0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const BOTH = 'dpo-token-Zq8Xw7Vu6Ts5Rq4Po3Nm2Lk1Jh0GfEdCbA';
const NEXT = 'reader-token-next-AbCdEfGhIjKlMnOpQrStUvWxYz012345';

/** Replaces the file in one step, as the README asks (an editor's save or a deploy does too). */
async function replaceFile(file, lines) {
  await writeFile(`${file}.new`, `${lines.join('\n')}\n`);
  await rename(`${file}.new`, file);
}

async function until(condition, what, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('a tokens file line is label, rights and a token of 32 characters or more', () => {
  const { entries, problems } = parseTokens(
    [
      '# label rights token',
      '',
      `board read ${READER}`,
      `  dpo   read,erase   ${BOTH}  `,
      `short read abcdefghij0123456789`,
      `odd read,delete ${ERASER}`,
      `same read ${READER}`,
      `board erase ${ERASER}`,
      `flat read ${'a'.repeat(40)}`,
      'two fields',
    ].join('\n'),
  );
  assert.deepEqual(
    entries.map((entry) => [entry.label, [...entry.rights]]),
    [
      ['board', ['read']],
      ['dpo', ['read', 'erase']],
    ],
  );
  assert.deepEqual(problems, [
    'TOKENS_FILE line 5 (short): the token must be at least 32 characters long (got 20; for example: openssl rand -base64 32)',
    'TOKENS_FILE line 6 (odd): unknown right "delete"; rights are read, erase, publish, metrics',
    'TOKENS_FILE line 7 (same): this token is used twice',
    'TOKENS_FILE line 8: the label board is used twice',
    'TOKENS_FILE line 9 (flat): the token repeats too few characters to be random (for example: openssl rand -base64 32)',
    'TOKENS_FILE line 10: expected "label rights token", got 2 fields',
  ]);
  // The problems never hold a token's characters.
  assert.doesNotMatch(problems.join('\n'), /abcdefghij|9f8e7d|0a1b2c/);
  assert.match(tokenProblem('ab'.repeat(12), 'X'), /X must be at least 32/);
  assert.match(tokenProblem(`${READER} x`, 'X'), /only letters, digits/);
});

test('tokens too short, or a bad tokens file, stop the receiver at start with the reason', async (t) => {
  const file = await writeTokensFile(t, [
    `board read ${READER}`,
    'dpo erase too-short-for-a-token',
  ]);
  const { code, stderr } = await runProcess({
    RESULTS_TOKEN: 'a'.repeat(16),
    TOKENS_FILE: file,
  });
  assert.equal(code, 1);
  assert.match(stderr, /RESULTS_TOKEN must be at least 32 characters long \(got 16/);
  assert.match(stderr, /TOKENS_FILE line 2 \(dpo\): the token must be at least 32 characters/);
  assert.ok(!stderr.includes('too-short-for-a-token'));
  const missing = await runProcess({ TOKENS_FILE: '/nonexistent/tokens' });
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /TOKENS_FILE: cannot read \/nonexistent\/tokens \(ENOENT\)/);
  // 31 characters is one too few even when random.
  const almost = await runProcess({ RESULTS_TOKEN: READER.slice(0, 31) });
  assert.match(almost.stderr, /RESULTS_TOKEN must be at least 32 characters long \(got 31/);
});

test('app.requireRight(right) guards a route added by another plugin and names the token', async (t) => {
  const { env } = await backends[0].storage(t);
  const file = await writeTokensFile(t, [`cms publish ${BOTH}`, `board read ${READER}`]);
  const config = readConfig({ ...env, TOKENS_FILE: file, LOG_LEVEL: 'silent' });
  const store = await openStore(config, console);
  const app = await createReceiver({ config, store });
  t.after(() => app.close());
  await app.register(async (child) => {
    child.put('/surveys/:id', { preHandler: child.requireRight('publish') }, async (request) => ({
      by: request.tokenLabel,
    }));
  });
  assert.throws(() => app.requireRight('write'), /unknown right "write"/);
  const put = (token) =>
    app.inject({
      method: 'PUT',
      url: '/surveys/x',
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  assert.deepEqual((await put(BOTH)).json(), { by: 'cms' });
  assert.equal((await put(READER)).statusCode, 403);
  assert.equal((await put(undefined)).statusCode, 401);
});

for (const backend of backends) {
  describe(`tokens and audit on ${backend.name}`, () => {
    test('read and erase are separate rights; each success is audited by label, never the token', async (t) => {
      const { env } = await backend.storage(t);
      const file = await writeTokensFile(t, [
        `board read ${READER}`,
        `records erase ${ERASER}`,
        `dpo read,erase ${BOTH}`,
      ]);
      const server = await startReceiver(t, { ...env, RESULTS_TOKEN: '', TOKENS_FILE: file });
      const [one, two, three] = [makeResponse(), makeResponse(), makeResponse()];
      for (const response of [one, two, three]) {
        assert.equal((await post(server, response)).status, 201);
      }

      // The reader reads and cannot erase; the eraser erases and cannot read.
      assert.equal((await get(server, '/responses', { token: READER })).status, 200);
      const csv = await get(server, '/responses.csv?version=1', { token: READER });
      assert.equal(csv.status, 200);
      await csv.text();
      const denied = await get(server, `/responses/${one.id}`, { method: 'DELETE', token: READER });
      assert.equal(denied.status, 403);
      assert.deepEqual(await denied.json(), {
        error: 'not allowed',
        message: 'The token labelled board does not have the erase right.',
      });
      assert.equal((await get(server, '/responses.jsonl', { token: ERASER })).status, 403);
      assert.equal(
        (await get(server, `/responses/${one.id}`, { method: 'DELETE', token: ERASER })).status,
        204,
      );
      assert.equal(
        (await get(server, `/responses/${two.id}`, { method: 'DELETE', token: BOTH })).status,
        204,
      );
      const jsonl = await get(server, '/responses.jsonl', { token: BOTH });
      assert.equal((await jsonl.text()).trim().split('\n').length, 1);

      await until(
        () => server.logs().filter((line) => line.event === 'audit').length === 5,
        'five audit lines',
      );
      const audits = server
        .logs()
        .filter((line) => line.event === 'audit')
        .map(({ label, action, method, route, count, id }) => ({
          label,
          action,
          method,
          route,
          count,
          ...(id ? { id } : {}),
        }));
      assert.deepEqual(audits, [
        { label: 'board', action: 'read', method: 'GET', route: '/responses', count: 3 },
        { label: 'board', action: 'read', method: 'GET', route: '/responses.csv', count: 3 },
        {
          label: 'records',
          action: 'erase',
          method: 'DELETE',
          route: '/responses/:id',
          count: 1,
          id: one.id,
        },
        {
          label: 'dpo',
          action: 'erase',
          method: 'DELETE',
          route: '/responses/:id',
          count: 1,
          id: two.id,
        },
        { label: 'dpo', action: 'read', method: 'GET', route: '/responses.jsonl', count: 1 },
      ]);
      const everything = JSON.stringify(server.logs());
      for (const token of [READER, ERASER, BOTH]) assert.ok(!everything.includes(token));
    });

    test('a token is rotated with no refused read, and the old one stops working', async (t) => {
      const { env } = await backend.storage(t);
      const file = await writeTokensFile(t, [`board read ${READER}`]);
      const server = await startReceiver(t, { ...env, RESULTS_TOKEN: '', TOKENS_FILE: file });
      assert.equal((await post(server, makeResponse())).status, 201);

      // A reader that never stops: two reads in flight at any moment, with whichever token the
      // owner's tooling holds now.
      let current = READER;
      let running = true;
      const statuses = [];
      const reader = async () => {
        while (running) {
          const res = await get(server, '/responses', { token: current });
          statuses.push(res.status);
          await res.arrayBuffer();
        }
      };
      const readers = [reader(), reader()];
      await until(() => statuses.length > 20, 'reads before the rotation');

      // 1. Add the new token beside the old; 2. switch the callers at once (no waiting for the
      // poll); 3. remove the old token.
      await replaceFile(file, [`board read ${READER}`, `board-2027 read ${NEXT}`]);
      current = NEXT;
      const switched = statuses.length;
      await until(() => statuses.length > switched + 20, 'reads with the new token');
      await replaceFile(file, [`board-2027 read ${NEXT}`]);
      await until(
        async () => (await get(server, '/responses', { token: READER })).status === 401,
        'the old token refused',
      );
      const after = statuses.length;
      await until(() => statuses.length > after + 20, 'reads after the old token went');
      running = false;
      await Promise.all(readers);

      assert.ok(statuses.length > 60, `${statuses.length} reads`);
      assert.deepEqual(
        statuses.filter((status) => status !== 200),
        [],
        'every read during the rotation answered 200',
      );
      const labels = new Set(
        server
          .logs()
          .filter((line) => line.event === 'audit')
          .map((line) => line.label),
      );
      assert.deepEqual([...labels], ['board', 'board-2027']);
      assert.ok(
        server
          .logs()
          .some(
            (line) =>
              line.msg.startsWith('tokens file reloaded') && line.labels.join() === 'board-2027',
          ),
      );
    });

    test('a tokens file saved with a mistake keeps the last good tokens and says why', async (t) => {
      const { env } = await backend.storage(t);
      const file = await writeTokensFile(t, [`board read ${READER}`]);
      const server = await startReceiver(t, { ...env, RESULTS_TOKEN: '', TOKENS_FILE: file });
      await replaceFile(file, [`board read ${READER}`, 'oops read short']);
      await server.app.tokens.reload();
      assert.equal((await get(server, '/responses', { token: READER })).status, 200);
      const error = server.logs().find((line) => line.msg.startsWith('tokens file not reloaded'));
      assert.ok(error);
      assert.match(error.problems[0], /line 2 \(oops\): the token must be at least 32/);
    });
  });
}
