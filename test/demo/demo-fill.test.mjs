// `npm run demo:fill` finds the demo where `npm start` put it: PORT (and HOST), as the demo reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startDemoServer } from './start-demo-server.mjs';

const run = promisify(execFile);

test('demo:fill posts to the demo on the PORT it was started with', async (t) => {
  const server = await startDemoServer(t);
  const { port } = new URL(server.url);
  assert.notEqual(port, '8000');
  const env = { ...process.env, PORT: port, HOST: '0.0.0.0' };
  delete env.DEMO_FILL_URL;
  const { stdout } = await run(
    process.execPath,
    ['scripts/demo-fill.mjs', '--count', '3', '--seed', '7'],
    { env },
  );
  assert.match(stdout, new RegExp(`to http://127\\.0\\.0\\.1:${port}/responses:`));
  assert.match(stdout, /3 stored \(201\)/);
  const list = await fetch(`${server.url}/responses`, {
    headers: { Authorization: `Bearer ${server.token}` },
  });
  assert.equal((await list.json()).length, 3);
});
