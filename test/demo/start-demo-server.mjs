// Starts `node demo/server.mjs` on a free port with its own data folder; stops it after the test.
// Resolves with its URL, the results token and the publishing token it printed.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function startDemoServer(t, { dataDir, env = {} } = {}) {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'values-survey-')));
  const child = spawn(process.execPath, ['demo/server.mjs'], {
    env: { ...process.env, PORT: '0', DATA_DIR: dir, RESULTS_TOKEN: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  let stdout = '';
  const { url, token, publishingToken } = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = stdout.match(/demo: (http:\/\/\S+?)\/\s[\s\S]*results token: (\S+)/);
      if (match) {
        const publishing = stdout.match(/publishing token[^:]*: (\S+)/);
        resolve({ url: match[1], token: match[2], publishingToken: publishing?.[1] });
      }
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
  return {
    url,
    token,
    publishingToken,
    dataDir: dir,
    stop,
    stdout: () => stdout,
    stderr: () => stderr,
  };
}
