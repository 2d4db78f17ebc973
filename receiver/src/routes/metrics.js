// GET /metrics: the receiver's figures in the Prometheus text format, for a token with the
// `metrics` right (a scraper sends it as a Bearer token; Prometheus: `authorization: credentials`).
//
//   values_survey_posts_total{status}              POST /responses answered, by status
//   values_survey_responses_stored_total           responses stored (201)
//   values_survey_responses_flagged_total{reason}  responses stored with an integrity flag
//   values_survey_conflicts_total                  ids already received (409)
//   values_survey_write_errors_total               responses not stored: storage failed (503)
//   values_survey_post_duration_seconds            POST /responses latency (histogram)
//   values_survey_free_disk_bytes                  free space for SQLite's data (absent on
//                                                  PostgreSQL, whose disk the receiver cannot see)
//   process_resident_memory_bytes, process_heap_used_bytes, process_cpu_seconds_total
//
// prom-client's default set is not collected: its garbage-collection observer alone cost about a
// third of the CPU of a POST (measured with npm run bench:receiver); these are read at scrape.
// Counts are this process's since it started; Prometheus adds up several processes.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { FLAG_REASONS } from '../integrity/index.js';

/**
 * Counts every POST /responses (a hook on the root app, so call before `listen`) and adds
 * GET /metrics. The write route sets `request.integrityFlags` to a stored response's flags.
 * @param {import('fastify').FastifyInstance} app
 * @param {{ store: import('../storage/store.js').Store }} options
 */
export function installMetrics(app, { store }) {
  const register = new Registry();
  processMetrics(register);
  const posts = new Counter({
    name: 'values_survey_posts_total',
    help: 'POST /responses answered, by status.',
    labelNames: ['status'],
    registers: [register],
  });
  const stored = new Counter({
    name: 'values_survey_responses_stored_total',
    help: 'Responses stored.',
    registers: [register],
  });
  const flagged = new Counter({
    name: 'values_survey_responses_flagged_total',
    help: 'Responses stored with an integrity flag, by reason.',
    labelNames: ['reason'],
    registers: [register],
  });
  const conflicts = new Counter({
    name: 'values_survey_conflicts_total',
    help: 'Responses whose id was already received (409).',
    registers: [register],
  });
  const writeErrors = new Counter({
    name: 'values_survey_write_errors_total',
    help: 'Responses not stored because storage failed (503).',
    registers: [register],
  });
  const latency = new Histogram({
    name: 'values_survey_post_duration_seconds',
    help: 'POST /responses latency, from request to answer.',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [register],
  });
  // PostgreSQL's disk is on its server, out of the receiver's sight: no gauge rather than 0.
  if (store.kind === 'sqlite') {
    new Gauge({
      name: 'values_survey_free_disk_bytes',
      help: 'Free space where SQLite keeps the responses.',
      registers: [register],
      async collect() {
        const free = await store.freeBytes().catch(() => undefined);
        if (free !== undefined) this.set(free);
      },
    });
  }
  // Every label shows from the start, so a rate is defined before the first flag.
  for (const reason of FLAG_REASONS) flagged.inc({ reason }, 0);
  for (const status of ['201', '409', '503']) posts.inc({ status }, 0);

  app.decorateRequest('integrityFlags', null);
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'POST' || request.routeOptions.url !== '/responses') return;
    const status = reply.statusCode;
    posts.inc({ status: String(status) });
    latency.observe(reply.elapsedTime / 1000);
    if (status === 201) {
      stored.inc();
      for (const reason of request.integrityFlags?.split(',') ?? []) flagged.inc({ reason });
    } else if (status === 409) conflicts.inc();
    else if (status === 503) writeErrors.inc();
  });

  app.get('/metrics', { onRequest: app.requireRight('metrics') }, async (request, reply) => {
    reply.type(register.contentType);
    return register.metrics();
  });
}

/** Memory and CPU of this process, read when scraped (nothing runs between scrapes). */
function processMetrics(register) {
  new Gauge({
    name: 'process_resident_memory_bytes',
    help: 'Resident memory size in bytes.',
    registers: [register],
    collect() {
      this.set(process.memoryUsage.rss());
    },
  });
  new Gauge({
    name: 'process_heap_used_bytes',
    help: 'V8 heap in use, in bytes.',
    registers: [register],
    collect() {
      this.set(process.memoryUsage().heapUsed);
    },
  });
  new Gauge({
    name: 'process_cpu_seconds_total',
    help: 'User and system CPU time spent, in seconds.',
    registers: [register],
    collect() {
      const { user, system } = process.cpuUsage();
      this.set((user + system) / 1e6);
    },
  });
}
