// The survey owner's routes, each behind a token with the right it needs (auth/require-right.js):
//
//   GET    /responses        read: JSON array, in the order received (?surveyId=…&version=…)
//   GET    /responses.jsonl  read: the same, one response per line (JSON Lines)
//   GET    /responses.csv    read: one row per answer value (see csv.js)
//   GET    /responses/summary  read: the results report's counts, by the database (summary.js)
//   GET    /responses/flags  read: how many responses are flagged, and for which reasons
//   DELETE /responses/{id}   erase: 204, or 404 if no such response is stored
//
// The lists take ?flagged=include (default), exclude or only, and always say in X-Flagged-Count
// and X-Flagged-Reasons how many of the responses the filter matches are flagged, and why.
//
// With no token holding the right, the routes needing it answer 403. All three lists are
// streamed from the database in batches, so a large survey is never held in memory; each
// successful read or erasure writes an audit line (token label, route, count).
import { Readable } from 'node:stream';
import { csvHeader, csvRows } from '../csv.js';
import { audit } from '../auth/require-right.js';
import { RETRY_AFTER_SECONDS, fail } from './replies.js';
import { storageError } from './write.js';
import { summaryRoutes } from './summary.js';

const selection = {
  surveyId: { type: 'string', minLength: 1 },
  version: { type: 'string', minLength: 1 },
};
const countsSchema = { type: 'object', properties: selection, additionalProperties: false };
const filterSchema = {
  type: 'object',
  properties: {
    ...selection,
    // Flagged responses (integrity/index.js) are included unless the reader says otherwise.
    flagged: { type: 'string', enum: ['include', 'exclude', 'only'] },
  },
  additionalProperties: false,
};

/** `burst=3, time=0, duplicate=1`: how many responses carry each reason. */
function reasonsHeader(reasons) {
  return Object.entries(reasons)
    .map(([reason, count]) => `${reason}=${count}`)
    .join(', ');
}

/**
 * @param {import('fastify').FastifyInstance} app
 * @param {{ store: import("../storage/store.js").Store,
 *   config: import("../config.js").ReceiverConfig }} options
 */
export async function readRoutes(app, { store, config }) {
  /**
   * Streams `chunks(first)` after reading the first row, so that a database that cannot be
   * reached answers 503 rather than a 200 cut short.
   */
  async function list(request, reply, { type, head = '', each, separator = '', tail = '' }) {
    const rows = store.rows(request.query);
    let first;
    try {
      // How many of the responses the filter matches are flagged, and why, whatever `flagged`.
      const counts = await store.flagCounts(request.query);
      reply.header('X-Flagged-Count', String(counts.flagged));
      reply.header('X-Flagged-Reasons', reasonsHeader(counts.reasons));
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
      // Logged once the last row is sent: a read cut short is not recorded as complete.
      audit(request, { action: 'read', count: index, filter: request.query });
    }
    reply.type(type);
    return reply.send(Readable.from(body(), { objectMode: false }));
  }

  const readRoute = { onRequest: app.requireRight('read'), schema: { querystring: filterSchema } };

  app.get('/responses', readRoute, (request, reply) =>
    list(request, reply, {
      type: 'application/json; charset=utf-8',
      head: '[',
      each: ({ json }) => json,
      separator: ',',
      tail: ']',
    }),
  );

  app.get('/responses.jsonl', readRoute, (request, reply) =>
    list(request, reply, {
      type: 'application/jsonl; charset=utf-8',
      each: ({ json }) => `${json}\n`,
    }),
  );

  app.get('/responses.csv', readRoute, (request, reply) => {
    reply.header('Content-Disposition', 'attachment; filename="responses.csv"');
    return list(request, reply, {
      type: 'text/csv; charset=utf-8; header=present',
      head: csvHeader(),
      each: ({ json, flags }) => csvRows(JSON.parse(json), flags),
    });
  });

  // How many responses are flagged and why: { responses, flagged, reasons: { burst, time,
  // duplicate } } for the filter (surveyId, version).
  app.get(
    '/responses/flags',
    {
      onRequest: app.requireRight('read'),
      schema: { querystring: countsSchema },
    },
    async (request, reply) => {
      try {
        const counts = await store.flagCounts(request.query);
        audit(request, { action: 'count flags', count: counts.responses, filter: request.query });
        return counts;
      } catch (error) {
        request.log.error({ err: storageError(error) }, 'flag counts not read');
        reply.header('Retry-After', RETRY_AFTER_SECONDS);
        return fail(reply, 503, 'unavailable', 'The counts could not be read. Try again later.');
      }
    },
  );

  summaryRoutes(app, {
    store,
    allowedOrigins: config.allowedOrigins,
    authorise: app.requireRight('read'),
  });

  app.delete(
    '/responses/:id',
    {
      onRequest: app.requireRight('erase'),
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
      // The record of an erasure: which response, by whom and when, never what it said.
      audit(request, { action: 'erase', count: 1, id });
      return reply.code(204).send();
    },
  );
}
