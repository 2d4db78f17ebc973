// GET /healthz: 200 when the database answers, 503 (with Retry-After) when it does not. Open, for
// load balancers and monitoring; it says which kind of storage is in use and nothing else.
import { RETRY_AFTER_SECONDS } from './replies.js';
import { storageError } from './write.js';

/**
 * @param {import('fastify').FastifyInstance} app
 * @param {{ store: import('../storage/store.js').Store }} options
 */
export async function healthRoutes(app, { store }) {
  app.get('/healthz', { logLevel: 'warn' }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    try {
      await store.ping();
      return { status: 'ok', storage: store.kind };
    } catch (error) {
      request.log.warn({ err: storageError(error) }, 'health check: database unavailable');
      reply.header('Retry-After', RETRY_AFTER_SECONDS);
      return reply.code(503).send({ status: 'unavailable', storage: store.kind });
    }
  });
}
