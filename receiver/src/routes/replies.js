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
