// Misconfiguration that shouts: refused origins are logged (the origin, never the respondent),
// a receiver that allows no other site says so at start, and GET /check answers in words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createOriginPolicy, originOf, REFUSED_LOG_INTERVAL_MS } from '../src/origins.js';
import { backends, startProcess } from './support/backends.js';
import { makeResponse, post } from './support/responses.js';
import { startDeployReceiver, tempDir } from './support/deploy.js';

const CMS = 'https://cms.example.nhs.uk';
const STRANGER = 'https://intranet.example.nhs.uk';

function preflight(server, origin) {
  return fetch(`${server.url}/responses`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type,idempotency-key',
    },
  });
}

const refusedLines = (server) => server.logs().filter((line) => line.event === 'origin refused');

test('a page on a site not allowed is logged once, with its origin and not the respondent', async (t) => {
  const server = await startDeployReceiver(t, { ALLOWED_ORIGINS: CMS });
  for (let i = 0; i < 3; i += 1) assert.equal((await preflight(server, STRANGER)).status, 204);
  assert.equal((await post(server, makeResponse(), { Origin: STRANGER })).status, 201);

  const lines = refusedLines(server);
  assert.equal(lines.length, 1, 'rate-limited: one line per origin per interval');
  assert.equal(lines[0].origin, STRANGER);
  assert.equal(lines[0].level, 40, 'a warning');
  assert.match(lines[0].msg, /not in ALLOWED_ORIGINS/);
  assert.match(lines[0].msg, new RegExp(`add ${STRANGER} to ALLOWED_ORIGINS`));
  const text = JSON.stringify(lines[0]);
  assert.doesNotMatch(text, /127\.0\.0\.1|"ip"|remote/);
});

test('allowed origins and the receiver’s own pages are never logged as refused', async (t) => {
  const server = await startDeployReceiver(t, { ALLOWED_ORIGINS: CMS });
  assert.equal((await preflight(server, CMS)).status, 204);
  assert.equal((await post(server, makeResponse(), { Origin: CMS })).status, 201);
  // The hosted page posts to its own receiver: same origin.
  assert.equal((await post(server, makeResponse(), { Origin: server.url })).status, 201);
  assert.equal(
    (
      await post(server, makeResponse(), {
        Origin: 'https://x.example',
        'Sec-Fetch-Site': 'same-origin',
      })
    ).status,
    201,
  );
  // A request with no Origin (a script, curl) is not a page.
  assert.equal((await post(server, makeResponse())).status, 201);
  assert.deepEqual(refusedLines(server), []);
});

test('a refused origin is logged again after the interval, with how many were refused', () => {
  let time = 0;
  const policy = createOriginPolicy({ allowedOrigins: [CMS], now: () => time });
  const lines = [];
  const log = { warn: (fields, msg) => lines.push({ ...fields, msg }) };
  policy.refused(STRANGER, log);
  for (let i = 0; i < 9; i += 1) policy.refused(STRANGER, log);
  policy.refused('https://other.example', log);
  assert.equal(lines.length, 2);
  time = REFUSED_LOG_INTERVAL_MS;
  policy.refused(STRANGER, log);
  assert.equal(lines.length, 3);
  assert.equal(lines[2].origin, STRANGER);
  assert.equal(lines[2].refused, 10, 'the nine held back since the last line, and this one');
});

test('origins are read from a page address, an origin, or an address without https://', () => {
  assert.deepEqual(originOf('https://www.example.nhs.uk/our-values?x=1#a'), {
    origin: 'https://www.example.nhs.uk',
  });
  assert.deepEqual(originOf('http://localhost:9000'), { origin: 'http://localhost:9000' });
  assert.deepEqual(originOf(' www.example.nhs.uk/page '), { origin: 'https://www.example.nhs.uk' });
  assert.match(originOf('').problem, /Type the address of the page/);
  assert.match(originOf('http://exa mple').problem, /is not a web address/);
  assert.match(originOf('ftp://example.nhs.uk').problem, /must start https:\/\/ or http:\/\//);
});

test('with no ALLOWED_ORIGINS the receiver warns at start; with one it does not', async (t) => {
  const { env } = await backends[0].storage(t);
  const none = await startProcess(t, { ...env, ALLOWED_ORIGINS: '' });
  const warning = none.logs().find((line) => /No other site may send responses/.test(line.msg));
  assert.ok(warning, none.stdout());
  assert.equal(warning.level, 40);
  assert.match(warning.msg, /ALLOWED_ORIGINS=https:\/\//);
  await none.stop();

  const some = await startProcess(t, { DATA_DIR: await tempDir(t), ALLOWED_ORIGINS: CMS });
  assert.ok(some.logs().some((line) => line.url));
  assert.ok(!some.logs().some((line) => /No other site may send/.test(line.msg)));
});

async function check(server, query, headers = {}) {
  const res = await fetch(`${server.url}/check?${new URLSearchParams(query)}`, { headers });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

test('GET /check: an allowed page, a page on a site not allowed, and the receiver’s own page', async (t) => {
  const server = await startDeployReceiver(t, { ALLOWED_ORIGINS: CMS });
  const allowed = await check(server, { origin: `${CMS}/our-values` });
  assert.equal(allowed.status, 200);
  assert.equal(allowed.headers.get('access-control-allow-origin'), '*');
  assert.deepEqual(Object.keys(allowed.body).sort(), [
    'bundleLoads',
    'messages',
    'originAllowed',
    'surveyOpen',
  ]);
  assert.equal(allowed.body.originAllowed, true);
  assert.equal(allowed.body.surveyOpen, null);
  assert.ok(allowed.body.messages.includes(`Pages on ${CMS} may send responses to this receiver.`));
  assert.ok(allowed.body.messages.some((m) => /No survey was named/.test(m)));

  const refused = await check(server, { origin: `${STRANGER}/news/values`, survey: 'x' });
  assert.equal(refused.status, 200);
  assert.equal(refused.body.originAllowed, false);
  assert.match(refused.body.messages[0], /may not send responses/);
  assert.match(refused.body.messages[0], new RegExp(`add ${STRANGER} to ALLOWED_ORIGINS`));

  const own = await check(server, { origin: `${server.url}/s/x` });
  assert.equal(own.body.originAllowed, true);
  assert.match(own.body.messages[0], /served by this receiver/);
});

test('GET /check: an address that cannot be read is a 400 with the same shape, in words', async (t) => {
  const server = await startDeployReceiver(t);
  for (const origin of ['', 'javascript:alert(1)', 'http://a b']) {
    const { status, body } = await check(server, { origin });
    assert.equal(status, 400, origin);
    assert.equal(body.originAllowed, false);
    assert.equal(typeof body.bundleLoads, 'boolean');
    assert.match(body.messages[0], /address/);
  }
});

test('GET /check: an https page cannot send to a receiver reached over plain http', async (t) => {
  const server = await startDeployReceiver(t, { ALLOWED_ORIGINS: CMS });
  const { port } = new URL(server.url);
  // As if the receiver were reached as http://surveys.example.nhs.uk (no TLS in front).
  const body = await new Promise((resolve, reject) => {
    httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: `/check?origin=${encodeURIComponent(CMS)}`,
        headers: { Host: 'surveys.example.nhs.uk' },
      },
      async (res) => {
        let text = '';
        for await (const chunk of res) text += chunk;
        resolve(JSON.parse(text));
      },
    )
      .on('error', reject)
      .end();
  });
  assert.equal(body.originAllowed, false);
  assert.ok(body.messages.some((m) => /reached over http .*browsers block that/.test(m)));
});

test('GET /check: whether the survey’s script loads, current, named, or not built', async (t) => {
  const server = await startDeployReceiver(t);
  const current = await check(server, { origin: CMS });
  assert.equal(current.body.bundleLoads, true);
  const manifest = await (await fetch(`${server.url}/assets/values-survey.json`)).json();
  assert.ok(
    current.body.messages.some((m) => m.includes(manifest.url) && m.includes(manifest.integrity)),
  );

  const named = await check(server, { origin: CMS, bundle: manifest.url });
  assert.equal(named.body.bundleLoads, true);
  const unknown = await check(server, {
    origin: CMS,
    bundle: `${server.url}/assets/values-survey-0.0.1-0000000000.js`,
  });
  assert.equal(unknown.body.bundleLoads, false);
  assert.ok(unknown.body.messages.some((m) => /has no script values-survey-0\.0\.1/.test(m)));
  const elsewhere = await check(server, { origin: CMS, bundle: 'https://cdn.example/vs.js' });
  assert.equal(elsewhere.body.bundleLoads, false);
  assert.ok(elsewhere.body.messages.some((m) => /is not on this receiver/.test(m)));

  const unbuilt = await startDeployReceiver(
    t,
    {},
    {
      surveyBundleFile: join(await tempDir(t), 'dist', 'values-survey.js'),
    },
  );
  const missing = await check(unbuilt, { origin: CMS });
  assert.equal(missing.body.bundleLoads, false);
  assert.ok(missing.body.messages.some((m) => /npm run build/.test(m)));
});

test('GET /check: whether the survey is open, from the receiver’s registry, in words', async (t) => {
  const dataDir = await tempDir(t);
  await mkdir(join(dataDir, 'surveys'));
  const closed = {
    id: 'last-year',
    version: '1',
    title: 'Last year',
    intro: 'Closed.',
    questions: [{ id: 'note', type: 'text', prompt: 'Your note' }],
  };
  await writeFile(
    join(dataDir, 'surveys', 'closed.json'),
    JSON.stringify({ closesAt: '2025-09-30T23:59:59+01:00', definition: closed }),
  );
  const server = await startDeployReceiver(t, { DATA_DIR: dataDir, ALLOWED_ORIGINS: CMS });
  const open = await check(server, { origin: CMS, survey: 'tp-values-refresh' });
  assert.equal(open.body.surveyOpen, true);
  assert.ok(open.body.messages.includes('The survey "tp-values-refresh" is open for responses.'));
  const over = await check(server, { origin: CMS, survey: 'last-year' });
  assert.equal(over.body.surveyOpen, false);
  assert.ok(over.body.messages.includes('This survey closed on 30 September 2025.'));
  const unknown = await check(server, { origin: CMS, survey: 'no-such-survey' });
  assert.equal(unknown.body.surveyOpen, false);
  assert.ok(
    unknown.body.messages.some((m) => /has no survey "no-such-survey": publish it/.test(m)),
  );
});
