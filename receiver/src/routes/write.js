// POST /responses (open: respondents are anonymous) and its CORS preflight.
//
//   201 { id }                 stored and committed (the id in lower case, as stored)
//   409 { id, error: 'already received', reason, message }  this response is already stored, or
//                              was erased or deleted by retention (reason: stored, erased,
//                              expired); nothing stored again
//   409 { id, error: 'id conflict', message }  a different response is stored under this id;
//                              nothing stored, and the conflict is logged
//   400 { error, message }     not JSON, or Idempotency-Key missing or not the response id
//   403 { error, message, … }  the survey is closed or not open yet (surveys/accept.js); the
//                              message is written for the respondent
//   413 { error, message }     the body is over 64 KB
//   415 { error, message }     Content-Type is not application/json (UTF-8), or the body is
//                              compressed (Content-Encoding)
//   422 { error, problems }    fails the published response schema or the survey's definition:
//                              [{ path, message }]
//   422 { error, message }     a survey or version this receiver does not collect
//   429 { error, message }     this client is over the rate limit (Retry-After)
//   503 { error, message }     the database is unavailable (Retry-After); nothing stored
import { validateResponse } from '../validate.js';
import { createRateLimiter } from '../rate-limit.js';
import { RETRY_AFTER_SECONDS, answerPreflight, fail } from './replies.js';
import { refusalFor } from '../surveys/accept.js';
import { createIntegrity } from '../integrity/index.js';

export const MAX_BODY_BYTES = 64 * 1024;

/**
 * @param {import('fastify').FastifyInstance} app
 * @param {{ store: import('../storage/store.js').Store,
 *   config: import('../config.js').ReceiverConfig }} options
 */
export async function writeRoutes(app, { store, config }) {
  const origins = new Set(config.allowedOrigins);
  const limiter = createRateLimiter({ perMinute: config.rateLimit });
  const integrity = createIntegrity({ settings: config.integrity, log: app.log });

  /** CORS for pages on the allowed origins: they may POST and read Retry-After. */
  function cors(request, reply) {
    reply.header('Vary', 'Origin');
    const origin = request.headers.origin;
    if (origin && origins.has(origin)) {
      reply.header('Access-Control-Allow-Origin', origin);
      reply.header('Access-Control-Expose-Headers', 'Retry-After');
    }
  }

  app.route({
    method: 'POST',
    url: '/responses',
    bodyLimit: MAX_BODY_BYTES,
    // @fastify/compress (registered for the read routes) stays out of this route: its three
    // hooks ran on every response for a reply of a few bytes, and the widget never compresses
    // what it sends (a compressed body is refused 415 below).
    compress: false,
    decompress: false,
    // Checks that need no body run before it is read: a refused request costs nothing.
    onRequest: async (request, reply) => {
      cors(request, reply);
      const wait = limiter.take(request.clientKey);
      if (wait) {
        reply.header('Retry-After', String(wait));
        return fail(reply, 429, 'too many requests', 'Too many responses from this address.');
      }
      if (!isJsonContentType(request.headers['content-type'])) {
        return fail(reply, 415, 'unsupported media type', 'Send the response as application/json.');
      }
      if (!isIdentityEncoding(request.headers['content-encoding'])) {
        return fail(reply, 415, 'unsupported media type', 'Send the response uncompressed.');
      }
    },
    handler: async (request, reply) => {
      const key = request.headers['idempotency-key']?.trim();
      if (!key) {
        return fail(
          reply,
          400,
          'missing Idempotency-Key',
          'Send the header Idempotency-Key: <response id>.',
        );
      }
      const result = validateResponse(request.body);
      if (!result.ok) {
        // Which top-level fields were wrong, never values or answer keys: both come from the
        // client and may hold anything.
        const fields = [
          ...new Set(result.problems.map((p) => p.path.split(/[.[]/)[0] || '(body)')),
        ];
        request.log.info({ problems: result.problems.length, fields }, 'response refused');
        return reply.code(422).send({ error: 'invalid response', problems: result.problems });
      }
      const { response } = result;
      // The schema gives the id in lower case; an upper-case key names the same response.
      if (key.toLowerCase() !== response.id) {
        return fail(
          reply,
          400,
          'Idempotency-Key mismatch',
          'Idempotency-Key must be the response id.',
        );
      }
      const now = new Date();
      let refusal;
      try {
        refusal = await refusalFor(app.surveys, response, now);
      } catch (error) {
        return unavailable(request, reply, error, response);
      }
      if (refusal) {
        request.log.info(
          { surveyId: response.surveyId, version: response.surveyVersion, reason: refusal.reason },
          'response refused',
        );
        return reply.code(refusal.status).send(refusal.body);
      }
      const flags = integrity.assess(response, request.clientKey);
      request.integrityFlags = flags;
      let outcome;
      try {
        outcome = await store.add(response, now, flags);
      } catch (error) {
        return unavailable(request, reply, error, response);
      }
      return answerOutcome(request, reply, response, outcome, flags);
    },
  });

  app.options('/responses', async (request, reply) =>
    answerPreflight(request, reply, {
      origins,
      allow: 'GET, HEAD, POST, OPTIONS',
      methods: 'POST',
      headers: 'Content-Type, Idempotency-Key',
    }),
  );
}

/** 503: nothing stored, try again (the widget keeps the response and retries). */
function unavailable(request, reply, error, response) {
  request.log.error({ err: storageError(error), id: response.id }, 'response not stored');
  reply.header('Retry-After', RETRY_AFTER_SECONDS);
  return fail(reply, 503, 'not stored', 'The response could not be stored. Try again later.');
}

/** What the store said, as the reply: the widget settles its outbox on every 409. */
const ALREADY = {
  duplicate: 'This response is already stored.',
  erased: 'This response was erased on request and is not stored again.',
  expired: 'This response was deleted when its retention period ended and is not stored again.',
};

function answerOutcome(request, reply, response, outcome, flags) {
  const about = { id: response.id, surveyId: response.surveyId, version: response.surveyVersion };
  if (outcome === 'stored') {
    request.log.info(flags ? { ...about, flags } : about, 'response stored');
    return reply.code(201).send({ id: response.id });
  }
  if (outcome === 'conflict') {
    // Not a resend: a device (or someone) reused an id for other answers. Nothing is stored.
    request.log.warn({ ...about, event: 'id conflict' }, 'response refused: id already used');
    return reply.code(409).send({
      id: response.id,
      error: 'id conflict',
      message: 'A different response is already stored under this id; this one was not stored.',
    });
  }
  request.log.info({ ...about, outcome }, 'response already received');
  return reply.code(409).send({
    id: response.id,
    error: 'already received',
    reason: outcome === 'duplicate' ? 'stored' : outcome,
    message: ALREADY[outcome],
  });
}

/** `application/json`, optionally with `; charset=utf-8`; any other type or charset is refused. */
export function isJsonContentType(header) {
  if (!header) return false;
  const [type, ...params] = header.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((param) => {
    const [name, value = ''] = param.split('=').map((part) => part.trim().replace(/^"|"$/g, ''));
    return name !== 'charset' || value === 'utf-8' || value === 'utf8';
  });
}

/** No Content-Encoding, or `identity`: the body is the JSON itself. */
function isIdentityEncoding(header) {
  return !header || header.trim().toLowerCase() === 'identity';
}

/** What is logged about a storage failure: the database's message and code, no query values. */
export function storageError(error) {
  return { message: error?.message, code: error?.code };
}
