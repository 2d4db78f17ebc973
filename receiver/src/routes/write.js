// POST /responses (open: respondents are anonymous) and its CORS preflight.
//
//   201 { id }                 stored and committed
//   409 { id, error, message } this id is already stored (or was erased); nothing stored again
//   400 { error, message }     not JSON, or Idempotency-Key missing or not the response id
//   413 { error, message }     the body is over 64 KB
//   415 { error, message }     Content-Type is not application/json (UTF-8)
//   422 { error, problems }    fails the published response schema: [{ path, message }]
//   429 { error, message }     this client is over the rate limit (Retry-After)
//   503 { error, message }     the database is unavailable (Retry-After); nothing stored
import { validateResponse } from '../validate.js';
import { createRateLimiter } from '../rate-limit.js';
import { RETRY_AFTER_SECONDS, fail } from './replies.js';
import { createIntegrity } from '../integrity/index.js';

export const MAX_BODY_BYTES = 64 * 1024;
const PREFLIGHT_MAX_AGE_SECONDS = '600';

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
      if (key !== response.id) {
        return fail(
          reply,
          400,
          'Idempotency-Key mismatch',
          'Idempotency-Key must be the response id.',
        );
      }
      const flags = integrity.assess(response, request.clientKey);
      request.integrityFlags = flags;
      let outcome;
      try {
        outcome = await store.add(response, new Date(), flags);
      } catch (error) {
        request.log.error({ err: storageError(error), id: response.id }, 'response not stored');
        reply.header('Retry-After', RETRY_AFTER_SECONDS);
        return fail(reply, 503, 'not stored', 'The response could not be stored. Try again later.');
      }
      const about = {
        id: response.id,
        surveyId: response.surveyId,
        version: response.surveyVersion,
      };
      if (outcome === 'stored') {
        request.log.info(flags ? { ...about, flags } : about, 'response stored');
        return reply.code(201).send({ id: response.id });
      }
      request.log.info({ ...about, outcome }, 'response already received');
      return reply.code(409).send({
        id: response.id,
        error: 'already received',
        message:
          outcome === 'erased'
            ? 'This response was erased on request and is not stored again.'
            : 'This response is already stored.',
      });
    },
  });

  app.options('/responses', async (request, reply) => {
    reply.header('Vary', 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers');
    reply.header('Allow', 'GET, HEAD, POST, OPTIONS');
    const origin = request.headers.origin;
    if (origin && origins.has(origin)) {
      reply.header('Access-Control-Allow-Origin', origin);
      reply.header('Access-Control-Allow-Methods', 'POST');
      reply.header('Access-Control-Allow-Headers', 'Content-Type, Idempotency-Key');
      reply.header('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_SECONDS);
      // Chrome's Private Network Access: a public CMS page may call a receiver on the intranet.
      if (request.headers['access-control-request-private-network'] === 'true') {
        reply.header('Access-Control-Allow-Private-Network', 'true');
      }
    }
    return reply.code(204).send();
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

/** What is logged about a storage failure: the database's message and code, no query values. */
export function storageError(error) {
  return { message: error?.message, code: error?.code };
}
