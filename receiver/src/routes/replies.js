// Reply helpers shared by the routes: every error is `{ error, message }` JSON.

/** Seconds a client is asked to wait after a 503 before trying again. */
export const RETRY_AFTER_SECONDS = '5';

/**
 * Sends `{ error, message }` with `status`.
 * @param {import('fastify').FastifyReply} reply
 */
export function fail(reply, status, error, message) {
  return reply.code(status).send({ error, message });
}

/** Seconds a browser may keep a preflight's answer. */
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/**
 * Answers a CORS preflight (204): pages on `origins` may call this path with `methods` and send
 * `headers`; any other origin gets no CORS headers, so its browser refuses the call.
 * @param {import('fastify').FastifyRequest} request
 * @param {import('fastify').FastifyReply} reply
 * @param {{ origins: Set<string>, allow: string, methods: string, headers: string }} cors
 */
export function answerPreflight(request, reply, { origins, allow, methods, headers }) {
  reply.header('Vary', 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers');
  reply.header('Allow', allow);
  const origin = request.headers.origin;
  if (origin && origins.has(origin)) {
    reply.header('Access-Control-Allow-Origin', origin);
    reply.header('Access-Control-Allow-Methods', methods);
    reply.header('Access-Control-Allow-Headers', headers);
    reply.header('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_SECONDS);
    // Chrome's Private Network Access: a public CMS page may call a receiver on the intranet.
    if (request.headers['access-control-request-private-network'] === 'true') {
      reply.header('Access-Control-Allow-Private-Network', 'true');
    }
  }
  return reply.code(204).send();
}
