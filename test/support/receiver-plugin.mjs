// Real receivers (receiver/src/receiver.js) for the browser tests, as a test runner plugin. Each
// runs in the test runner's process on SQLite in a temporary directory, listening on a loopback
// port of its own: a page on the test server (another port) meets it on another origin, as a
// Trust's CMS page meets the survey server. A test starts the receivers it needs through these
// commands (test/support/receiver.ts) and stops them; whatever is left stops when the run ends.
//
//   receiver-start      { allowedOrigins, surveys }  a receiver allowing those page origins
//                       (ALLOWED_ORIGINS), with those definitions published to its registry
//                       (PUT /surveys/<id>/<version> with a publishing token): { url }
//   receiver-responses  { url }  the responses it stored (GET /responses with a read token)
//   receiver-log        { url, event }  its log lines with that `event` (JSON, as pino wrote them)
//   receiver-stop       { url }
//
// The bundle it serves is this checkout's dist/values-survey.js (`npm run build` first).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../../receiver/src/receiver.js';
import { serveReceiver } from '../../receiver/test/support/backends.js';

const SURVEY_BUNDLE = fileURLToPath(new URL('../../dist/values-survey.js', import.meta.url));

/** A token the receiver accepts (32 characters or more, RFC 6750's characters). */
const newToken = () => randomBytes(32).toString('base64url');

/**
 * Starts one receiver. Its log lines are kept in memory for `receiver-log` (a test receiver logs
 * a few dozen lines; info and above, where refusals and warnings are).
 */
async function startOne({ allowedOrigins = [], surveys = [] }) {
  const dir = await mkdtemp(join(tmpdir(), 'values-survey-wtr-receiver-'));
  const token = newToken();
  const tokensFile = join(dir, 'tokens');
  await writeFile(tokensFile, `browser-tests read,publish ${token}\n`);
  const config = readConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: join(dir, 'data'),
    TOKENS_FILE: tokensFile,
    ALLOWED_ORIGINS: allowedOrigins.join(','),
    // Every test page posts from the same address, many times a run.
    RATE_LIMIT: '0',
    // Only the surveys a test publishes: a response to anything else is refused, as it should be.
    BUILT_IN_SURVEY: 'off',
    LOG_LEVEL: 'info',
  });
  const server = await serveReceiver(config, { surveyBundleFile: SURVEY_BUNDLE });
  const receiver = {
    url: server.url,
    token,
    logs: server.logs,
    async stop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  try {
    for (const definition of surveys) await publish(receiver, definition);
  } catch (error) {
    await receiver.stop();
    throw error;
  }
  return receiver;
}

/** Publishes a definition as the editor page or IT's tools do. */
async function publish({ url, token }, definition) {
  const { id, version } = definition;
  const response = await fetch(
    `${url}/surveys/${encodeURIComponent(id)}/${encodeURIComponent(version)}`,
    {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ definition }),
    },
  );
  if (response.status !== 201) {
    throw new Error(`publishing ${id}@${version}: ${response.status} ${await response.text()}`);
  }
}

/** The plugin: `plugins: [receiverPlugin()]` in web-test-runner.config.mjs. */
export function receiverPlugin() {
  /** @type {Map<string, Awaited<ReturnType<typeof startOne>>>} by url */
  const running = new Map();
  const named = (url) => {
    const receiver = running.get(url);
    if (!receiver) throw new Error(`no test receiver at ${url}`);
    return receiver;
  };
  return {
    name: 'receiver',
    async executeCommand({ command, payload }) {
      switch (command) {
        case 'receiver-start': {
          const receiver = await startOne(payload ?? {});
          running.set(receiver.url, receiver);
          return { url: receiver.url };
        }
        case 'receiver-responses': {
          const { url, token } = named(payload.url);
          const response = await fetch(`${url}/responses`, {
            headers: { Authorization: `Bearer ${token}` },
          });
          if (!response.ok) throw new Error(`GET /responses: ${response.status}`);
          return response.json();
        }
        case 'receiver-log':
          return named(payload.url)
            .logs()
            .filter((line) => line.event === payload.event);
        case 'receiver-stop': {
          const receiver = running.get(payload.url);
          running.delete(payload.url);
          await receiver?.stop();
          return true;
        }
        default:
          return undefined;
      }
    },
    async serverStop() {
      const left = [...running.values()];
      running.clear();
      await Promise.all(left.map((receiver) => receiver.stop()));
    },
  };
}
