// `npm run demo:fill`: posts a few hundred generated, valid responses to the running demo, so the
// results page (/results.html) has something to show.
//
//   npm run demo:fill                                   # 300 responses to http://127.0.0.1:8000/responses
//   npm run demo:fill -- --count 1000 --seed 42
//   npm run demo:fill -- --url http://127.0.0.1:9000/responses   (or DEMO_FILL_URL=...)
//   PORT=9000 npm run demo:fill                          # the demo started with PORT=9000 npm start
//
// Without --url or DEMO_FILL_URL it posts to the demo as `npm start` serves it: PORT (default
// 8000) and HOST (default 127.0.0.1; a wildcard such as 0.0.0.0 or :: means this machine).
//
// Each response is POSTed as the widget does (JSON, Idempotency-Key). The receiver's rate limit
// answers a script like this with 429 and Retry-After; the script waits as told and carries on.
// Needs the build (`npm start` builds first): it uses the built-in survey from dist/esm.
import { parseArgs } from 'node:util';
import { generateResponses } from './generate-responses.mjs';

/** Where `npm start` (demo/server.mjs) listens, from the same environment variables. */
function demoUrl(env = process.env) {
  const port = env.PORT || '8000';
  const host = env.HOST || '127.0.0.1';
  // A wildcard address listens on every interface, this machine's loopback included.
  const reachable = ['0.0.0.0', '::', '[::]'].includes(host) ? '127.0.0.1' : host;
  const bracketed = reachable.includes(':') && !reachable.startsWith('[');
  return `http://${bracketed ? `[${reachable}]` : reachable}:${port}/responses`;
}

const { values } = parseArgs({
  options: {
    url: {
      type: 'string',
      default: process.env.DEMO_FILL_URL ?? demoUrl(),
    },
    count: { type: 'string', default: '300' },
    seed: { type: 'string' },
    concurrency: { type: 'string', default: '4' },
  },
});
const count = Number(values.count);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
const concurrency = Number(values.concurrency);
for (const [name, n] of [
  ['--count', count],
  ['--seed', seed],
  ['--concurrency', concurrency],
]) {
  if (!Number.isInteger(n) || n < (name === '--seed' ? 0 : 1)) {
    console.error(`${name} must be a whole number${name === '--seed' ? '' : ' of at least 1'}.`);
    process.exit(1);
  }
}

let survey;
try {
  const [{ DEFAULT_SURVEY }, { tokenize }, { VERSION }] = await Promise.all([
    import('../dist/esm/definition/default-survey.js'),
    import('../dist/esm/text/tokenize.js'),
    import('../dist/esm/version.js'),
  ]);
  survey = { definition: DEFAULT_SURVEY, tokenize, widgetVersion: VERSION };
} catch (error) {
  if (error.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  console.error('dist/esm is missing: run npm run build (or npm start) first.');
  process.exit(1);
}

// Spread over the last 30 days, so the report's date range looks like a real survey.
const start = new Date(Date.now() - 30 * 86_400_000).toISOString();
const { responses } = generateResponses({ ...survey, count, seed, start, days: 30 });
const tally = new Map();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function post(response) {
  for (let attempt = 1; ; attempt++) {
    let res;
    try {
      res = await fetch(values.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': response.id },
        body: JSON.stringify(response),
        redirect: 'manual',
      });
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      throw new Error(
        `Could not reach ${values.url} (${error.cause?.code ?? error.message}). Is the demo running (npm start)?`,
      );
    }
    await res.arrayBuffer();
    if ((res.status === 429 || res.status === 503) && attempt < 20) {
      const seconds = Number(res.headers.get('Retry-After'));
      await sleep(Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 500 * attempt);
      continue;
    }
    tally.set(res.status, (tally.get(res.status) ?? 0) + 1);
    return;
  }
}

let next = 0;
async function worker() {
  while (next < responses.length) await post(responses[next++]);
}
try {
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

const stored = tally.get(201) ?? 0;
const already = tally.get(409) ?? 0;
const other = [...tally].filter(([status]) => status !== 201 && status !== 409);
console.log(`Posted ${count} generated responses (seed ${seed}) to ${values.url}:`);
console.log(`  ${stored} stored (201), ${already} already there (409)`);
for (const [status, n] of other) console.log(`  ${n} answered ${status}`);
console.log('Open /results.html on the demo and enter the results token it printed at start.');
if (other.length) process.exit(1);
