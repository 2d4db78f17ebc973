// GET /healthz: 200 when a response could be stored now, 503 (with Retry-After) when not, so that
// a monitor or load balancer sees a receiver that would refuse every POST. Open; it says which
// kind of storage is in use and, when it fails, which check failed, nothing else.
//
// Checks: a write probe (storage/store.js `probe`: a synced file write beside SQLite's database,
// or a rolled-back insert on PostgreSQL), then the free space where SQLite keeps its data against
// HEALTH_MIN_FREE_MB. One check runs at a time and its answer is reused for a second, so calling
// /healthz often costs the disk nothing more.
import { RETRY_AFTER_SECONDS } from './replies.js';
import { storageError } from './write.js';

const REUSE_MS = 1000;

/**
 * @param {import('fastify').FastifyInstance} app
 * @param {{ store: import('../storage/store.js').Store,
 *   config: import('../config.js').ReceiverConfig }} options
 */
export async function healthRoutes(app, { store, config }) {
  const floor = (config.healthMinFreeMb ?? 64) * 1024 * 1024;
  let last;

  /** Resolves with undefined when storage can write, else with the reason it cannot. */
  async function check(log) {
    try {
      await store.probe();
    } catch (error) {
      log.warn({ err: storageError(error) }, 'health check: storage cannot write');
      return 'storage cannot write';
    }
    const free = await store.freeBytes().catch(() => undefined);
    if (free !== undefined && free < floor) {
      log.warn({ freeBytes: free, floorBytes: floor }, 'health check: disk space low');
      return 'disk space low';
    }
    return undefined;
  }

  app.get('/healthz', { logLevel: 'warn' }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const now = Date.now();
    if (!last || now - last.at >= REUSE_MS) last = { at: now, result: check(request.log) };
    const reason = await last.result;
    if (!reason) return { status: 'ok', storage: store.kind };
    reply.header('Retry-After', RETRY_AFTER_SECONDS);
    return reply.code(503).send({ status: 'unavailable', storage: store.kind, reason });
  });
}
