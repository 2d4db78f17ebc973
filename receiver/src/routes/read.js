// The survey owner's routes, each behind `Authorization: Bearer <RESULTS_TOKEN>`:
//
//   GET    /responses        JSON array, in the order received (?surveyId=…&version=…)
//   GET    /responses.jsonl  the same, one response per line (JSON Lines)
//   GET    /responses.csv    one row per answer value (see csv.js)
//   GET    /responses/summary  the results report's counts, by the database (summary.js)
//   DELETE /responses/{id}   erasure: 204, or 404 if no such response is stored
//
// Without RESULTS_TOKEN every one of them answers 403: reads are off. All three lists are
// streamed from the database in batches, so a large survey is never held in memory.
import { Readable } from 'node:stream';
import { createHash, timingSafeEqual } from 'node:crypto';
import { csvHeader, csvRows } from '../csv.js';
import { clientKey, createRateLimiter } from '../rate-limit.js';
import { RETRY_AFTER_SECONDS, fail } from './replies.js';
import { storageError } from './write.js';
import { summaryRoutes } from './summary.js';

/** Wrong tokens allowed per client address per minute before it must wait. */
const FAILED_TOKENS_PER_MINUTE = 10;

const filterSchema = {
  type: 'object',
  properties: {
    surveyId: { type: 'string', minLength: 1 },
    version: { type: 'string', minLength: 1 },
  },
  additionalProperties: false,
};

/**
 * @param {import('fastify').FastifyInstance} app
 * @param {{ store: import('../storage/store.js').Store,
 *   config: import('../config.js').ReceiverConfig }} options
 */
export async function readRoutes(app, { store, config }) {
  const expected = config.resultsToken ? digest(config.resultsToken) : undefined;
  const failures = createRateLimiter({ perMinute: FAILED_TOKENS_PER_MINUTE });

  /** onRequest for every read route: refuses unless the token is right. */
  async function authorise(request, reply) {
    reply.header('Cache-Control', 'no-store');
    if (!expected) {
      return fail(
        reply,
        403,
        'reads off',
        'Reading responses is turned off on this receiver: set RESULTS_TOKEN to turn it on.',
      );
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (match && timingSafeEqual(digest(match[1]), expected)) return;
    // Guessing is slowed per address; the right token is never limited.
    const wait = failures.take(clientKey(request.ip));
    if (wait) {
      reply.header('Retry-After', String(wait));
      return fail(reply, 429, 'too many attempts', 'Too many wrong tokens from this address.');
    }
    request.log.warn({ route: request.routeOptions.url }, 'results token missing or wrong');
    reply.header('WWW-Authenticate', 'Bearer realm="values-survey results"');
    return fail(
      reply,
      401,
      'token required',
      'Send the results token as Authorization: Bearer <token>.',
    );
  }

  /**
   * Streams `chunks(first)` after reading the first row, so that a database that cannot be
   * reached answers 503 rather than a 200 cut short.
   */
  async function list(request, reply, { type, head = '', each, separator = '', tail = '' }) {
    const rows = store.rows(request.query);
    let first;
    try {
      first = await rows.next();
    } catch (error) {
      request.log.error({ err: storageError(error) }, 'responses not read');
      reply.header('Retry-After', RETRY_AFTER_SECONDS);
      return fail(reply, 503, 'unavailable', 'The responses could not be read. Try again later.');
    }
    async function* body() {
      yield head;
      let index = 0;
      for (let next = first; !next.done; next = await rows.next()) {
        yield (index++ ? separator : '') + each(next.value);
      }
      yield tail;
    }
    reply.type(type);
    return reply.send(Readable.from(body(), { objectMode: false }));
  }

  const readRoute = { onRequest: authorise, schema: { querystring: filterSchema } };

  app.get('/responses', readRoute, (request, reply) =>
    list(request, reply, {
      type: 'application/json; charset=utf-8',
      head: '[',
      each: (json) => json,
      separator: ',',
      tail: ']',
    }),
  );

  app.get('/responses.jsonl', readRoute, (request, reply) =>
    list(request, reply, {
      type: 'application/jsonl; charset=utf-8',
      each: (json) => `${json}\n`,
    }),
  );

  app.get('/responses.csv', readRoute, (request, reply) => {
    reply.header('Content-Disposition', 'attachment; filename="responses.csv"');
    return list(request, reply, {
      type: 'text/csv; charset=utf-8; header=present',
      head: csvHeader(),
      each: (json) => csvRows(JSON.parse(json)),
    });
  });

  summaryRoutes(app, { store, allowedOrigins: config.allowedOrigins, authorise });

  app.delete(
    '/responses/:id',
    {
      onRequest: authorise,
      schema: {
        params: {
          type: 'object',
          properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      let erased;
      try {
        erased = await store.erase(id);
      } catch (error) {
        request.log.error({ err: storageError(error), id }, 'response not erased');
        reply.header('Retry-After', RETRY_AFTER_SECONDS);
        return fail(
          reply,
          503,
          'unavailable',
          'The response could not be erased. Try again later.',
        );
      }
      if (!erased) return fail(reply, 404, 'not found', `No response with id ${id} is stored.`);
      // The record of an erasure: which response and when, never what it said.
      request.log.info({ id, event: 'erasure' }, 'response erased');
      return reply.code(204).send();
    },
  );
}

function digest(token) {
  return createHash('sha256').update(token).digest();
}
