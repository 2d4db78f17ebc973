// `npm start`: the demo CMS pages and the built widget, with the receiver (receiver/) on SQLite in
// demo/data/, in one process on http://127.0.0.1:8000/.
//
// Environment: PORT, HOST, DATA_DIR (default demo/data), ALLOWED_ORIGINS, TOKENS_FILE (without
// it, a tokens file with a publishing token for the editor page is made for the run and the token
// printed), RESULTS_TOKEN (a new
// one is made at each start if unset, in the demo only, and printed), and DEMO_FAULT: every
// POST /responses answers that status (e.g. DEMO_FAULT=503, with Retry-After: 5) and stores
// nothing, to watch the widget keep and retry a response, or DEMO_FAULT=400 for a refusal.
//
// Static files are served compressed (brotli or gzip, as Accept-Encoding allows, with
// Vary: Accept-Encoding), with an ETag; dist/ files may be cached for five minutes, the pages are
// revalidated on each load.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { chooseEncoding, createReceiver, openStore, readConfig } from 'values-survey-receiver';
import { STRICT_CSP } from './csp.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg']);
const DIST_CACHE = 'public, max-age=300';
const PAGE_CACHE = 'no-cache';

const env = { ...process.env };
env.PORT ??= '8000';
env.DATA_DIR ??= join(ROOT, 'demo', 'data');
// The demo always keeps its responses in SQLite, whatever DATABASE_URL the shell has.
delete env.DATABASE_URL;
env.LOG_LEVEL ??= 'warn';
// `npm run demo:fill` posts hundreds of responses from this machine: no rate limit in the demo.
env.RATE_LIMIT ??= '0';
const generatedToken = !env.RESULTS_TOKEN;
if (generatedToken) env.RESULTS_TOKEN = randomBytes(32).toString('base64url');
// The editor page publishes surveys with a token that has the publish right: without a
// TOKENS_FILE of its own, the demo makes one for this run in DATA_DIR (readable by this user only).
let publishingToken;
if (!env.TOKENS_FILE) {
  publishingToken = randomBytes(32).toString('base64url');
  await mkdir(env.DATA_DIR, { recursive: true });
  env.TOKENS_FILE = join(env.DATA_DIR, 'tokens');
  await writeFile(
    env.TOKENS_FILE,
    `# made by npm start for one run\neditor publish ${publishingToken}\n`,
    {
      mode: 0o600,
    },
  );
}

const config = readConfig(env);
const store = await openStore(config, console);
// The receiver accepts the built-in survey (BUILT_IN_SURVEY, on by default) and, in the demo, the
// refreshed survey that demo/refreshed.html loads: responses to any other survey are refused.
const refreshedSurvey = JSON.parse(
  await readFile(join(ROOT, 'demo', 'refreshed-survey.json'), 'utf8'),
);
const app = await createReceiver({ config, store, surveys: [refreshedSurvey] });

const fault = parseFault(process.env.DEMO_FAULT);
if (fault) {
  console.warn(`values-survey demo: DEMO_FAULT: every POST /responses answers ${fault}`);
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'POST' || request.routeOptions.url !== '/responses') return;
    return reply
      .code(fault)
      .header('Retry-After', '5')
      .send({ error: 'simulated fault', message: 'DEMO_FAULT is set: nothing was stored.' });
  });
}

/** Compressed bodies, by file, modification time and encoding: each is compressed once. */
const compressed = new Map();
const ENCODERS = {
  br: (body) =>
    promisify(brotliCompress)(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  gzip: (body) => promisify(gzip)(body, { level: 9 }),
};

app.get('/*', async (request, reply) => {
  let path = decodeURIComponent(request.url.split('?')[0]);
  if (path === '/') path = '/demo/index.html';
  if (path.endsWith('/')) path += 'index.html';
  // Only the demo pages and the build output are public.
  if (!/^\/(demo|dist)\//.test(path)) path = `/demo${path}`;
  const file = normalize(join(ROOT, path));
  const isDist = file.startsWith(join(ROOT, 'dist/'));
  if ((!file.startsWith(join(ROOT, 'demo/')) && !isDist) || file.startsWith(config.dataDir)) {
    return reply.code(403).type('text/plain').send('Forbidden');
  }
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  if (!info?.isFile()) return reply.code(404).type('text/plain').send('Not found');

  const extension = extname(file);
  const encoding = COMPRESSIBLE.has(extension)
    ? chooseEncoding(request.headers['accept-encoding'])
    : undefined;
  const tag = `"${info.size.toString(36)}-${info.mtimeMs.toString(36)}${encoding ? `-${encoding}` : ''}"`;
  reply
    .header('Content-Type', TYPES[extension] ?? 'application/octet-stream')
    // The strict policy a careful Trust CMS would send.
    .header('Content-Security-Policy', STRICT_CSP)
    .header('Cache-Control', isDist ? DIST_CACHE : PAGE_CACHE)
    .header('ETag', tag);
  if (COMPRESSIBLE.has(extension)) reply.header('Vary', 'Accept-Encoding');
  if (request.headers['if-none-match'] === tag) return reply.code(304).send();

  let body = await readFile(file);
  if (encoding) {
    const key = `${file}:${info.mtimeMs}:${encoding}`;
    if (!compressed.has(key)) compressed.set(key, await ENCODERS[encoding](body));
    body = compressed.get(key);
    reply.header('Content-Encoding', encoding);
  }
  return reply.send(body);
});

await app.listen({ host: config.host, port: config.port });
const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${app.server.address().port}`;
console.log(`values-survey demo: ${base}/`);
console.log(`  receiver: ${base}/responses (SQLite: ${store.location})`);
console.log(`  results:  ${base}/results`);
if (publishingToken) {
  console.log(
    `  publishing token (the editor page's Publish): ${publishingToken} (made for this run; set TOKENS_FILE to keep your own)`,
  );
}
console.log(
  `  results token: ${config.resultsToken}${generatedToken ? ' (made for this run; set RESULTS_TOKEN to keep one)' : ''}`,
);

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    app.close().then(() => process.exit(0));
  });
}

function parseFault(value) {
  if (value === undefined || value === '') return 0;
  const status = Number(value);
  if (Number.isInteger(status) && status >= 400 && status <= 599) return status;
  console.warn(`values-survey demo: ignoring DEMO_FAULT=${value}: use a status code such as 503`);
  return 0;
}
