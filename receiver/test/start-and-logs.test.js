// What IT sees: the start-up lines, refused settings, and logs that never hold answers, tokens
// or respondents' addresses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backends, ERASE_TOKEN, runProcess, startProcess, TOKEN } from './support/backends.js';
import { get, makeResponse, post } from './support/responses.js';

test('with nothing set but storage, reads are off and the receiver says so at start', async (t) => {
  const { env } = await backends[0].storage(t);
  const server = await startProcess(t, { ...env, RESULTS_TOKEN: '' });
  const start = server.logs().find((line) => line.url);
  assert.equal(start.storage, 'sqlite');
  assert.equal(start.readsOn, false);
  assert.match(start.location, /responses\.sqlite$/);
  const warning = server.logs().find((line) => /Reading responses is off/.test(line.msg));
  assert.ok(warning, server.stdout());
  assert.match(warning.msg, /RESULTS_TOKEN/);
  assert.equal((await post(server, makeResponse())).status, 201);
});

test('settings that are wrong stop the receiver at start, each one named', async () => {
  const { code, stderr, stdout } = await runProcess({
    RESULTS_TOKEN: 'short',
    PORT: 'eighty',
    DATABASE_URL: 'mysql://db/x',
    ALLOWED_ORIGINS: 'https://ok.example, not an origin',
    RETENTION_DAYS: '0',
  });
  assert.equal(code, 1);
  assert.equal(stdout, '');
  assert.match(stderr, /RESULTS_TOKEN must be at least 32 characters/);
  assert.match(stderr, /PORT must be a whole number/);
  assert.match(stderr, /DATABASE_URL must start with postgres:\/\//);
  assert.match(stderr, /ALLOWED_ORIGINS: "not an origin"/);
  assert.match(stderr, /RETENTION_DAYS must be a whole number from 1/);
});

test('a database that cannot be reached at start stops the receiver with the reason', async () => {
  const { code, stderr } = await runProcess({
    DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    PORT: '0',
  });
  assert.equal(code, 1);
  assert.match(stderr, /ECONNREFUSED|connect/);
});

for (const backend of backends) {
  test(`${backend.name}: the logs never contain answers, the token or client addresses`, async (t) => {
    const { env } = await backend.storage(t);
    const server = await startProcess(t, { ...env, LOG_LEVEL: 'debug' });
    const secret = 'Zanzibar-private-answer';
    const response = makeResponse({
      answers: {
        add: { type: 'text', value: secret },
        values: {
          type: 'words',
          decisions: [{ statement: 1, position: 4, word: 'compassionate', choice: 'keep' }],
        },
      },
    });
    assert.equal((await post(server, response)).status, 201);
    assert.equal((await post(server, response)).status, 409);
    const invalid = makeResponse({ answers: { add: { type: 'text', value: 7 }, [secret]: {} } });
    assert.equal((await post(server, invalid)).status, 422);
    assert.equal((await get(server, '/responses.csv')).status, 200);
    assert.equal(
      (await get(server, '/responses', { token: 'wrong-token-wrong-token' })).status,
      401,
    );
    assert.equal(
      (await get(server, `/responses/${response.id}`, { method: 'DELETE', token: ERASE_TOKEN }))
        .status,
      204,
    );
    await server.stop('SIGTERM');

    const out = server.stdout();
    assert.doesNotMatch(out, /Zanzibar|compassionate/);
    assert.ok(!out.includes(TOKEN));
    assert.ok(!out.includes('wrong-token-wrong-token'));
    assert.doesNotMatch(out, /remoteAddress|"ip"|127\.0\.0\.1:\d+"?,"remote/);
    // What is there: each response's id and survey, the refused fields, the erasure.
    const lines = server.logs();
    assert.ok(lines.some((l) => l.msg === 'response stored' && l.id === response.id));
    assert.ok(lines.some((l) => l.msg === 'response refused' && l.fields.join() === 'answers'));
    assert.ok(
      lines.some((l) => l.event === 'audit' && l.action === 'erase' && l.id === response.id),
    );
    assert.ok(lines.every((l) => typeof l.level === 'number' && typeof l.time === 'number'));
  });
}
