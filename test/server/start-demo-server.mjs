// Starts `node demo/server.mjs` on a free port with its own data folder; stops it after the test.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function startDemoServer(t, { dataDir, env = {} } = {}) {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'values-survey-')));
  const child = spawn(process.execPath, ['demo/server.mjs'], {
    env: { ...process.env, PORT: '0', DATA_DIR: dir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const url = await new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = stdout.match(/demo: (http:\/\/\S+?)\/\s/);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`demo server exited (${code}): ${stderr}`)));
  });
  const stop = async () => {
    // A child stopped by a signal has signalCode set and exitCode still null.
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    }
  };
  t.after(async () => {
    await stop();
    if (!dataDir) await rm(dir, { recursive: true, force: true });
  });
  // stderr so far: warnings such as a skipped torn line are written there.
  return { url, dataDir: dir, stop, stderr: () => stderr };
}
