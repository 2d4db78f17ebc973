// A stand-in for the receiver's read routes, for the results tests, over real HTTP:
//   PUT /results-data/<name>   stores the request body (a test's responses) in memory
//   GET /results-data/<name>   serves it, only with "Authorization: Bearer results-test-token"
//                              (401 otherwise), as JSON, or as JSON Lines for a name ending .jsonl
//   GET /results-data/open-<name>  served without a token (a file on an intranet share, say)
//   GET /results-data/server-error  500;  GET /results-data/web-page  200 text/html
//   GET /results-data/held-<name>   answers only once POST /results-data/release-<name> is made
//                                   (so a test can act while a fetch is certainly in flight)
//   GET /results-data/<name>/responses/summary?flagged=exclude&collection=<way>
//                                   the receiver's summary route, with the token: serves what was
//                                   stored as <name>, <name>.without-flagged, <name>.<way> or
//                                   <name>.without-flagged.<way> (the summary the receiver would
//                                   count for those filters), so the integrity controls can be
//                                   tested in every engine
export const RESULTS_TEST_TOKEN = 'results-test-token';
const stored = new Map();
const held = new Map();

function gate(name) {
  let entry = held.get(name);
  if (!entry) {
    let open;
    entry = { promise: new Promise((resolve) => (open = resolve)), open };
    held.set(name, entry);
  }
  return entry;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The stored name of the summary a receiver would count for the request's filters. */
function summaryName(ctx, name) {
  const flagged = ctx.query.flagged === 'exclude' ? '.without-flagged' : '';
  const collection = ctx.query.collection ? `.${ctx.query.collection}` : '';
  return `${name}${flagged}${collection}`;
}

export async function resultsEndpoint(ctx, next) {
  const summary = /^\/results-data\/([\w-]+)\/responses\/summary$/.exec(ctx.path);
  const match = summary ?? /^\/results-data\/([\w.-]+)$/.exec(ctx.path);
  if (!match) return next();
  if (summary && ctx.method !== 'GET') {
    ctx.status = 405;
    return;
  }
  const name = summary ? summaryName(ctx, match[1]) : match[1];
  if (ctx.method === 'POST' && name.startsWith('release-')) {
    gate(name.slice('release-'.length)).open();
    ctx.status = 204;
    return;
  }
  if (ctx.method === 'PUT') {
    stored.set(name, await readBody(ctx.req));
    ctx.status = 204;
    return;
  }
  if (ctx.method !== 'GET') {
    ctx.status = 405;
    return;
  }
  if (name.startsWith('open-') && stored.has(name)) {
    ctx.type = name.endsWith('.jsonl') ? 'application/x-ndjson' : 'application/json';
    ctx.body = stored.get(name);
    return;
  }
  if (ctx.get('Authorization') !== `Bearer ${RESULTS_TEST_TOKEN}`) {
    ctx.status = 401;
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({ error: 'results token required' });
    return;
  }
  if (name.startsWith('held-')) await gate(name).promise;
  if (name === 'server-error') {
    ctx.status = 500;
    ctx.body = 'Internal error';
    return;
  }
  if (name === 'web-page') {
    ctx.type = 'text/html';
    ctx.body = '<!doctype html><title>Sign in</title>';
    return;
  }
  if (!stored.has(name)) {
    ctx.status = 404;
    return;
  }
  ctx.type = name.endsWith('.jsonl') ? 'application/x-ndjson' : 'application/json';
  ctx.body = stored.get(name);
}
