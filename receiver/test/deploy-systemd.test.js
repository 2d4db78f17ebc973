// deploy/systemd/values-survey-receiver.service: a unit systemd accepts as it is, sandboxed, with
// its secrets handed over as credentials and never in the environment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startProcess } from './support/backends.js';
import { makeResponse, post } from './support/responses.js';
import { ROOT, tempDir } from './support/deploy.js';

const UNIT = join(ROOT, 'deploy', 'systemd', 'values-survey-receiver.service');
const NAME = 'values-survey-receiver.service';
const hasAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;
const skip = !hasAnalyze && 'systemd-analyze is not installed (Debian: apt-get install systemd)';

/** The unit as shipped, written to a temporary folder (with node's path here if it differs). */
async function unitCopy(t, edit = (text) => text) {
  let text = await readFile(UNIT, 'utf8');
  if (!existsSync('/usr/bin/node')) text = text.replace('/usr/bin/node', process.execPath);
  const file = join(await tempDir(t), NAME);
  await writeFile(file, edit(text));
  return file;
}

const analyze = (...args) => spawnSync('systemd-analyze', args, { encoding: 'utf8' });

test('systemd-analyze verify accepts the unit with nothing to say', { skip }, async (t) => {
  const result = analyze('verify', await unitCopy(t));
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stderr.trim(), '');
});

test(
  'systemd-analyze verify would catch a mistake in it (the check can fail)',
  { skip },
  async (t) => {
    const result = analyze(
      'verify',
      await unitCopy(t, (text) => text.replace('ProtectClock=yes', 'ProtectClok=yes')),
    );
    assert.match(result.stderr, /Unknown key 'ProtectClok'/);
  },
);

test(
  'the sandbox leaves little exposed (systemd-analyze security, offline)',
  { skip },
  async (t) => {
    const result = analyze('security', '--offline=yes', '--no-pager', await unitCopy(t));
    if (/unrecognized option|Unknown option/i.test(result.stderr)) {
      t.skip('this systemd-analyze has no --offline (systemd 250 or later)');
      return;
    }
    const match = /Overall exposure level for \S+: ([\d.]+)/.exec(result.stdout + result.stderr);
    assert.ok(match, result.stdout + result.stderr);
    assert.ok(Number(match[1]) <= 2, `exposure ${match[1]} (0 is best, 10 worst)`);
  },
);

test('secrets come as credentials, never in the environment', async () => {
  const text = await readFile(UNIT, 'utf8');
  const settings = text.split('\n').filter((line) => !line.startsWith('#'));
  assert.ok(settings.includes('LoadCredential=tokens:/etc/values-survey/tokens'));
  assert.ok(settings.includes('Environment=TOKENS_FILE=%d/tokens'));
  for (const line of settings.filter((l) => l.startsWith('Environment='))) {
    assert.doesNotMatch(line, /TOKEN=|PASSWORD|DATABASE_URL=.*:.*@/, line);
  }
  // The receiver listens on loopback behind the proxy and believes only that proxy.
  assert.ok(settings.includes('Environment=HOST=127.0.0.1'));
  assert.ok(settings.includes('Environment=TRUST_PROXY=127.0.0.1'));
  assert.ok(settings.includes('NoNewPrivileges=yes'));
  assert.ok(settings.includes('ProtectSystem=strict'));
  assert.ok(settings.includes('StateDirectory=values-survey'));
});

/** KEY=VALUE settings from `Environment=` lines (the unit) or plain lines (receiver.env). */
function settingsOf(text, prefix = '') {
  const settings = {};
  for (const line of text.split('\n')) {
    if (!line.startsWith(prefix) || line.startsWith('#')) continue;
    const match = /^([A-Z_]+)=(.*)$/.exec(line.slice(prefix.length));
    if (match) settings[match[1]] = match[2];
  }
  return settings;
}

test('the receiver starts with the unit’s settings and reads its tokens from the credential', async (t) => {
  const unit = settingsOf(await readFile(UNIT, 'utf8'), 'Environment=');
  const site = settingsOf(await readFile(join(ROOT, 'deploy', 'systemd', 'receiver.env'), 'utf8'));
  // What systemd does: the tokens file copied into the credentials folder, %d its path.
  const credentials = await tempDir(t);
  const token = randomBytes(32).toString('base64');
  await writeFile(join(credentials, 'tokens'), `board-reports read ${token}\n`, { mode: 0o600 });
  const env = Object.fromEntries(
    Object.entries({ ...unit, ...site }).map(([key, value]) => [
      key,
      value.replaceAll('%d', credentials),
    ]),
  );
  assert.equal(env.TOKENS_FILE, join(credentials, 'tokens'));
  const server = await startProcess(t, {
    ...env,
    // Only where it listens and keeps its data differ here.
    PORT: '0',
    DATA_DIR: await tempDir(t),
    SURVEYS_DIR: await tempDir(t),
    RESULTS_TOKEN: '',
  });
  const start = server.logs().find((line) => line.url);
  assert.equal(start.storage, 'sqlite');
  assert.ok(server.url.startsWith('http://127.0.0.1:'));
  assert.equal((await post(server, makeResponse())).status, 201);
  const read = await fetch(`${server.url}/responses`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  assert.equal(read.status, 200);
  assert.equal((await read.json()).length, 1);
  assert.ok(!server.stdout().includes(token));
});
