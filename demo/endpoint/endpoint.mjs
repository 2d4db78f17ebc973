// The demo's response endpoint (served by `npm start`, see demo/server.mjs).
//
//   POST    /responses          receive one response (PRODUCT.md, "The response")
//   OPTIONS /responses          CORS preflight
//   GET     /responses          every stored response, as a JSON array, in the order received
//   GET     /responses.csv      the same as CSV: one row per response, one column per question
//   GET     /responses/tallies  per-word keep and remove counts, by survey, version and question
//
// POST answers:
//   201 { id }                 stored (on disk and fsynced)
//   409 { id, error }          a response with this id is already stored; nothing is stored again
//   400 { error, message }     the body is not JSON, or Idempotency-Key is missing or is not body.id
//   413 { error, message }     the body is over 64 KB
//   415 { error, message }     Content-Type is not application/json
//   422 { error: "invalid response", problems: [{ path, message }] }   fails the response schema
//   503 { error, message }     storing failed (Retry-After: 5)
//
// Environment (read by demo/server.mjs):
//   DATA_DIR         where responses.jsonl is kept (default demo/data/, created if missing)
//   ALLOWED_ORIGINS  comma-separated origins that may POST from other sites, for example
//                    "https://cms.example.nhs.uk,http://localhost:8080". Same-origin pages need
//                    nothing. Other origins get no CORS headers, so browsers block them.
//   DEMO_FAULT       fault switch for manual demos. DEMO_FAULT=503 npm start makes every POST answer
//                    503 with Retry-After: 5 (nothing is stored), so you can watch the widget keep
//                    the response in its outbox and retry. Any 4xx or 5xx code works the same way;
//                    DEMO_FAULT=400, for example, shows a rejection that is not retried.
//
// The read routes are a demo convenience with no authentication: they are same-origin only (no
// CORS), and the demo server listens on 127.0.0.1 unless HOST says otherwise.
import { openStore } from './store.mjs';
import { validateResponse } from './validate.mjs';
import { toCsv } from './csv.mjs';
import { tally } from './tallies.mjs';

export const MAX_BODY_BYTES = 64 * 1024;
/** After refusing an oversized body, how much more of it to read and discard before hanging up. */
const DRAIN_BYTES = 1024 * 1024;
const RETRY_AFTER_SECONDS = '5';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/**
 * @param {{ dataDir: string, allowedOrigins?: string[], fault?: string | number }} options
 * @returns {Promise<{ handle(req: import('node:http').IncomingMessage,
 *   res: import('node:http').ServerResponse): boolean, store: object }>}
 */
export async function createEndpoint({ dataDir, allowedOrigins = [], fault } = {}) {
  const store = await openStore(dataDir);
  const origins = new Set(allowedOrigins.map(normaliseOrigin).filter(Boolean));
  const faultStatus = parseFault(fault);
  if (faultStatus) {
    console.warn(`values-survey demo: DEMO_FAULT: every POST /responses answers ${faultStatus}`);
  }

  /** CORS headers for this request: none unless its Origin is allowed. */
  function corsHeaders(req) {
    const origin = req.headers.origin;
    if (!origin || !origins.has(origin)) return { Vary: 'Origin' };
    return {
      Vary: 'Origin',
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Expose-Headers': 'Retry-After',
    };
  }

  function preflight(req, res) {
    const headers = {
      Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
      Allow: 'GET, HEAD, POST, OPTIONS',
      'Content-Length': '0',
    };
    const origin = req.headers.origin;
    if (origin && origins.has(origin)) {
      Object.assign(headers, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key',
        'Access-Control-Max-Age': PREFLIGHT_MAX_AGE_SECONDS,
      });
      // Chrome's Private Network Access: a public CMS page may call this endpoint on localhost.
      if (req.headers['access-control-request-private-network'] === 'true') {
        headers['Access-Control-Allow-Private-Network'] = 'true';
      }
    }
    res.writeHead(204, headers).end();
  }

  async function receive(req, res) {
    const cors = corsHeaders(req);
    const fail = (status, error, message, extra = {}) =>
      sendJson(res, status, { error, message }, { ...cors, ...extra });

    if (faultStatus) {
      return fail(faultStatus, 'simulated fault', 'DEMO_FAULT is set: nothing was stored.', {
        'Retry-After': RETRY_AFTER_SECONDS,
      });
    }
    if (!isJsonContentType(req.headers['content-type'])) {
      return fail(415, 'unsupported media type', 'Send the response as application/json.');
    }
    const tooBig = () => {
      refuseBody(req);
      fail(413, 'too large', `The body is over ${MAX_BODY_BYTES / 1024} KB.`);
    };
    if (Number(req.headers['content-length']) > MAX_BODY_BYTES) return tooBig();
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === null) return tooBig();

    let value;
    try {
      value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
    } catch (error) {
      return fail(400, 'not JSON', `The body is not valid UTF-8 JSON: ${error.message}`);
    }
    const key = req.headers['idempotency-key']?.trim();
    if (!key) {
      return fail(
        400,
        'missing Idempotency-Key',
        'Send the header Idempotency-Key: <response id>.',
      );
    }
    const result = validateResponse(value);
    if (!result.ok) {
      return sendJson(res, 422, { error: 'invalid response', problems: result.problems }, cors);
    }
    const { response } = result;
    if (key !== response.id) {
      return fail(400, 'Idempotency-Key mismatch', 'Idempotency-Key must be the response id.');
    }

    let stored;
    try {
      stored = await store.add(response);
    } catch (error) {
      console.error('values-survey demo: could not store a response:', error);
      return fail(503, 'not stored', 'The response could not be stored. Try again later.', {
        'Retry-After': RETRY_AFTER_SECONDS,
      });
    }
    if (!stored) {
      return sendJson(
        res,
        409,
        { id: response.id, error: 'already received', message: 'This response is already stored.' },
        cors,
      );
    }
    return sendJson(res, 201, { id: response.id }, cors);
  }

  async function route(req, res, pathname) {
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    if (pathname === '/responses') {
      if (method === 'POST') return receive(req, res);
      if (method === 'OPTIONS') return preflight(req, res);
      if (method === 'GET') return sendJson(res, 200, store.all());
      return notAllowed(res, 'GET, HEAD, POST, OPTIONS');
    }
    if (pathname === '/responses.csv') {
      if (method !== 'GET') return notAllowed(res, 'GET, HEAD');
      return send(res, 200, toCsv(store.all()), {
        'Content-Type': 'text/csv; charset=utf-8; header=present',
        'Content-Disposition': 'attachment; filename="responses.csv"',
      });
    }
    if (pathname === '/responses/tallies') {
      if (method !== 'GET') return notAllowed(res, 'GET, HEAD');
      return sendJson(res, 200, tally(store.all()));
    }
    return sendJson(res, 404, { error: 'not found', message: `No route for ${pathname}.` });
  }

  return {
    store,
    /** Handles the request if it is for /responses, /responses.csv or /responses/…; else false. */
    handle(req, res) {
      let pathname;
      try {
        pathname = new URL(req.url, 'http://localhost').pathname;
      } catch {
        return false;
      }
      if (pathname !== '/responses' && pathname !== '/responses.csv') {
        if (!pathname.startsWith('/responses/')) return false;
      }
      route(req, res, pathname).catch((error) => {
        if (error?.code === 'ECONNRESET' || req.destroyed) return; // the client went away
        console.error(error);
        if (res.headersSent) res.destroy();
        else sendJson(res, 500, { error: 'server error', message: 'Something went wrong.' });
      });
      return true;
    },
  };
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, {
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

function sendJson(res, status, value, headers = {}) {
  send(res, status, JSON.stringify(value), {
    'Content-Type': 'application/json; charset=utf-8',
    ...headers,
  });
}

function notAllowed(res, allow) {
  sendJson(res, 405, { error: 'method not allowed', message: `Use ${allow}.` }, { Allow: allow });
}

/** `application/json`, optionally with `; charset=utf-8`; any other type or charset is refused. */
export function isJsonContentType(header) {
  if (!header) return false;
  const [type, ...params] = header.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((param) => {
    const [name, value] = param.split('=').map((part) => part.trim().replace(/^"|"$/g, ''));
    return name !== 'charset' || value === 'utf-8' || value === 'utf8';
  });
}

/**
 * Reads the body up to `limit` bytes. Resolves with the bytes, or null as soon as the body goes
 * over the limit (nothing more is buffered). Rejects if the client goes away.
 */
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk) => {
      size += chunk.length;
      if (size > limit) {
        done();
        resolve(null);
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error) => {
      done();
      reject(error);
    };
    const onClose = () => {
      done();
      reject(Object.assign(new Error('The client went away.'), { code: 'ECONNRESET' }));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/**
 * Stops accepting an oversized body: nothing more of it is buffered. Up to DRAIN_BYTES more are read
 * and thrown away, so a client still sending gets the 413 instead of a reset connection (cutting
 * the connection while it writes loses the reply); past that, the connection is cut.
 */
function refuseBody(req) {
  let drained = 0;
  req.on('data', (chunk) => {
    drained += chunk.length;
    if (drained > DRAIN_BYTES) req.destroy();
  });
  req.on('error', () => {});
  req.resume();
}

function normaliseOrigin(origin) {
  const trimmed = origin.trim();
  if (!trimmed) return '';
  try {
    return new URL(trimmed).origin;
  } catch {
    return trimmed;
  }
}

function parseFault(fault) {
  if (fault === undefined || fault === null || fault === '') return 0;
  const status = Number(fault);
  if (Number.isInteger(status) && status >= 400 && status <= 599) return status;
  console.warn(`values-survey demo: ignoring DEMO_FAULT=${fault}: use a status code such as 503`);
  return 0;
}
