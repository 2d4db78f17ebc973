// The survey registry against each backend: definitions IT places as files, definitions published
// over HTTP (with the publish right), served to any origin with caching headers.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backends, startReceiver, writeTokensFile } from './support/backends.js';
import { makeResponse, post } from './support/responses.js';

const PUBLISH_TOKEN = 'test-publish-token-0123456789-ABCDEFGH';
const READ_ONLY_TOKEN = 'test-read-only-token-0123456789-ABCDEF';

/** A small valid definition. */
function definition(overrides = {}) {
  return {
    id: 'staff-pulse',
    version: '1',
    title: 'Staff pulse',
    questions: [
      { id: 'fit', type: 'scale', prompt: 'How well do our values fit?', min: 1, max: 5 },
      {
        id: 'team',
        type: 'choice',
        prompt: 'Which team?',
        options: [
          { value: 'ward', label: 'Ward' },
          { value: 'office', label: 'Office' },
        ],
      },
    ],
    ...overrides,
  };
}

async function surveysDir(t, files) {
  const dir = await mkdtemp(join(tmpdir(), 'values-survey-surveys-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  for (const [name, content] of Object.entries(files)) {
    await writeFile(
      join(dir, name),
      typeof content === 'string' ? content : JSON.stringify(content),
    );
  }
  return dir;
}

function publish(server, body, { token = PUBLISH_TOKEN, id, version } = {}) {
  const def = body.definition ?? {};
  return fetch(`${server.url}/surveys/${id ?? def.id}/${version ?? def.version}`, {
    method: 'PUT',
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

async function publisherEnv(t, env) {
  return {
    ...env,
    TOKENS_FILE: await writeTokensFile(t, [
      `cms-publisher publish ${PUBLISH_TOKEN}`,
      `analyst read ${READ_ONLY_TOKEN}`,
    ]),
  };
}

function responseTo(def, answers = { fit: { type: 'scale', value: 3 } }) {
  return makeResponse({ surveyId: def.id, surveyVersion: def.version, answers });
}

for (const backend of backends) {
  describe(backend.name, () => {
    test('survey files are served to any origin, with caching headers, ETag and 304', async (t) => {
      const { env } = await backend.storage(t);
      const dir = await surveysDir(t, {
        'pulse-1.json': definition(),
        'pulse-2.json': {
          label: 'comms team',
          closesAt: '2099-09-30T23:59:59+01:00',
          definition: definition({ version: '2', title: 'Staff pulse, round two' }),
        },
        // Not open yet: the latest for pages stays version 2.
        'pulse-10.json': {
          opensAt: '2099-10-01T09:00:00+01:00',
          definition: definition({ version: '10' }),
        },
        'notes.txt': 'not a survey',
      });
      const server = await startReceiver(t, { ...env, SURVEYS_DIR: dir });

      const list = await fetch(`${server.url}/surveys`, {
        headers: { Origin: 'https://cms.example.nhs.uk' },
      });
      assert.equal(list.status, 200);
      assert.equal(list.headers.get('access-control-allow-origin'), '*');
      const { surveys } = await list.json();
      const pulse = surveys.filter((s) => s.id === 'staff-pulse');
      assert.deepEqual(
        pulse.map((s) => [s.version, s.state, s.closesAt, s.url]),
        [
          ['1', 'open', null, '/surveys/staff-pulse/1'],
          ['2', 'open', '2099-09-30T22:59:59.000Z', '/surveys/staff-pulse/2'],
          ['10', 'not-yet-open', null, '/surveys/staff-pulse/10'],
        ],
      );
      // The built-in survey is accepted too (BUILT_IN_SURVEY defaults to on).
      assert.ok(surveys.some((s) => s.id === 'tp-values-refresh' && s.version === '1'));

      const latest = await fetch(`${server.url}/surveys/staff-pulse`);
      assert.equal(latest.status, 200);
      assert.match(latest.headers.get('content-type'), /^application\/json/);
      assert.equal(latest.headers.get('access-control-allow-origin'), '*');
      assert.equal(latest.headers.get('cross-origin-resource-policy'), 'cross-origin');
      assert.equal(latest.headers.get('cache-control'), 'public, max-age=60');
      assert.equal(latest.headers.get('content-location'), '/surveys/staff-pulse/2');
      assert.equal((await latest.json()).title, 'Staff pulse, round two');

      const one = await fetch(`${server.url}/surveys/staff-pulse/1`);
      assert.equal(one.headers.get('cache-control'), 'public, max-age=3600');
      const etag = one.headers.get('etag');
      assert.match(etag, /^"[\w-]+"$/);
      assert.deepEqual(await one.json(), definition());
      const again = await fetch(`${server.url}/surveys/staff-pulse/1`, {
        headers: { 'If-None-Match': etag },
      });
      assert.equal(again.status, 304);

      const missing = await fetch(`${server.url}/surveys/staff-pulse/3`);
      assert.equal(missing.status, 404);
      assert.equal((await missing.json()).error, 'unknown survey version');
      assert.equal((await fetch(`${server.url}/surveys/nothing`)).status, 404);

      // Other methods: 405 with the methods the routes answer.
      const patch = await fetch(`${server.url}/surveys/staff-pulse/1`, { method: 'PATCH' });
      assert.equal(patch.status, 405);
      assert.equal(patch.headers.get('allow'), 'GET, HEAD, PUT');
    });

    test('a survey file that is not valid stops the receiver at start, naming the file and the problem', async (t) => {
      const { env } = await backend.storage(t);
      const dir = await surveysDir(t, {
        'broken.json': definition({
          questions: [{ id: 'x', type: 'scale', prompt: 'P', min: 5, max: 1 }],
        }),
        'dates.json': { closesAt: '30/09/2026', definition: definition({ id: 'dated' }) },
        'reserved.json': definition({
          id: 'reserved',
          questions: [{ id: 'constructor', type: 'text', prompt: 'Anything?' }],
        }),
      });
      await assert.rejects(startReceiver(t, { ...env, SURVEYS_DIR: dir }), (error) => {
        assert.match(error.message, /broken\.json: .*lowest point must be below the highest/);
        assert.match(
          error.message,
          /dates\.json: closesAt must be a date and time with a time zone/,
        );
        assert.match(error.message, /reserved\.json: .*"constructor" is reserved/);
        return true;
      });
    });

    test('reload (SIGHUP) picks up new files; a file that breaks keeps its last good definition', async (t) => {
      const { env } = await backend.storage(t);
      const dir = await surveysDir(t, { 'pulse.json': definition() });
      const server = await startReceiver(t, { ...env, SURVEYS_DIR: dir });
      await writeFile(join(dir, 'pulse.json'), '{ "id": "staff-pulse", ');
      await writeFile(join(dir, 'pulse-2.json'), JSON.stringify(definition({ version: '2' })));
      const problems = await server.app.surveys.reload();
      assert.deepEqual(
        problems.map((p) => p.file),
        [join(dir, 'pulse.json')],
      );
      assert.match(problems[0].message, /not JSON/);
      assert.equal((await fetch(`${server.url}/surveys/staff-pulse/1`)).status, 200);
      assert.equal((await fetch(`${server.url}/surveys/staff-pulse/2`)).status, 200);
      assert.ok(server.logs().some((l) => l.file === join(dir, 'pulse.json') && l.level === 40));
    });

    test('publishing needs the publish right; the survey is then served and collected', async (t) => {
      const { env } = await backend.storage(t);
      const server = await startReceiver(t, await publisherEnv(t, env));
      const def = definition();

      // Not published yet: responses to it are refused.
      assert.equal((await post(server, responseTo(def))).status, 422);

      assert.equal((await publish(server, { definition: def }, { token: null })).status, 401);
      const readOnly = await publish(server, { definition: def }, { token: READ_ONLY_TOKEN });
      assert.equal(readOnly.status, 403);
      assert.equal((await readOnly.json()).error, 'not allowed');

      const created = await publish(server, { definition: def });
      assert.equal(created.status, 201);
      assert.equal(created.headers.get('location'), '/surveys/staff-pulse/1');
      assert.deepEqual(await created.json(), {
        id: 'staff-pulse',
        version: '1',
        url: '/surveys/staff-pulse/1',
        state: 'open',
        opensAt: null,
        closesAt: null,
        outcome: 'created',
      });
      const served = await fetch(`${server.url}/surveys/staff-pulse/1`);
      assert.deepEqual(await served.json(), def);
      assert.equal((await post(server, responseTo(def))).status, 201);

      // The same again changes nothing; new dates update it; other questions are a new version.
      const same = await publish(server, { definition: def });
      assert.equal(same.status, 200);
      assert.equal((await same.json()).outcome, 'unchanged');
      const closing = await publish(server, {
        definition: def,
        closesAt: '2099-09-30T17:00:00Z',
      });
      assert.equal(closing.status, 200);
      assert.deepEqual(
        [(await closing.json()).outcome, (await server.app.surveys.get('staff-pulse', '1')).label],
        ['updated', 'cms-publisher'],
      );
      const changed = await publish(server, { definition: { ...def, title: 'Another title' } });
      assert.equal(changed.status, 409);
      assert.equal((await changed.json()).error, 'version exists');

      // The built-in survey is not the publisher's to change.
      const builtIn = (await server.app.surveys.get('tp-values-refresh', '1')).definition;
      const overBuiltIn = await publish(server, { definition: { ...builtIn, title: 'Mine' } });
      assert.equal(overBuiltIn.status, 409);
      assert.equal((await overBuiltIn.json()).error, 'survey defined elsewhere');
    });

    test('a definition that is not valid is refused 422 with every problem, in the widget words', async (t) => {
      const { env } = await backend.storage(t);
      const server = await startReceiver(t, await publisherEnv(t, env));
      const bad = definition({
        title: '',
        questions: [{ id: 'fit', type: 'scale', prompt: 'Fit?', min: 5, max: 1 }],
      });
      const res = await publish(server, { definition: bad, opensAt: 'tomorrow' });
      assert.equal(res.status, 422);
      const reply = await res.json();
      assert.equal(reply.error, 'invalid survey');
      assert.deepEqual(reply.problems.map((p) => p.path).sort(), ['questions[0].min', 'title']);
      assert.match(
        reply.problems.find((p) => p.path === 'questions[0].min').message,
        /lowest point/,
      );

      const dates = await publish(server, {
        definition: definition(),
        opensAt: '2026-13-01T00:00:00Z',
      });
      assert.equal(dates.status, 422);
      assert.deepEqual(
        (await dates.json()).problems.map((p) => p.path),
        ['opensAt'],
      );

      const elsewhere = await publish(server, { definition: definition() }, { version: '2' });
      assert.equal(elsewhere.status, 400);
      assert.match((await elsewhere.json()).message, /must be the same/);
      assert.equal((await fetch(`${server.url}/surveys/staff-pulse`)).status, 404);
    });

    test('a survey published through one receiver is collected by another on the same database', async (t) => {
      const { env } = await backend.storage(t);
      const settings = await publisherEnv(t, env);
      if (backend.kind === 'sqlite') settings.DATA_DIR = env.DATA_DIR;
      const first = await startReceiver(t, settings);
      const second = await startReceiver(t, settings);
      // The second has already looked the survey up (and found nothing) before it is published.
      assert.equal((await post(second, responseTo(definition()))).status, 422);
      assert.equal((await publish(first, { definition: definition() })).status, 201);
      // A miss re-reads the database (at most once a second), so the first response is collected.
      const deadline = Date.now() + 5000;
      let status;
      do {
        status = (await post(second, responseTo(definition()))).status;
        if (status !== 201) await new Promise((resolve) => setTimeout(resolve, 200));
      } while (status !== 201 && Date.now() < deadline);
      assert.equal(status, 201);
    });
  });
}
