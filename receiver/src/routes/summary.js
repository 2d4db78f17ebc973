// GET /responses/summary: the counts the results report needs, computed by the database, behind
// the same results token as the other read routes (read.js passes its `authorise` in, so the
// rule for who may read lives in one place).
//
//   ?surveyId=…&version=…   only those responses (default: every survey and version)
//   ?minGroup=N             groups smaller than N are not broken down (never below 10)
//   ?textLimit=N            at most N text answers per question and set (default 500, max 5000)
//   ?flagged=include|exclude|only  with or without the responses integrity checks flagged
//   ?collection=self|kiosk|assisted|paper  only the responses collected that way
//
//   The reply always carries `integrity`: { responses, flagged, reasons } for the survey and
//   version, whatever the filter, so the report can say how many were flagged and why.
//
//   200 the summary (src/results/counts.ts's Summary; storage/summary.js builds it)
//   401/403/429 as the other read routes; 503 when the database cannot be read (Retry-After)
//
// Pages on ALLOWED_ORIGINS may call it from the browser with the token (CORS for GET with
// Authorization), so a results page can live on the intranet while the receiver is elsewhere.
import { COLLECTION_METHODS } from 'values-survey/response-schema';
import { audit } from '../auth/require-right.js';
import { DEFAULT_TEXT_LIMIT, MIN_GROUP_FLOOR } from '../storage/summary.js';
import { RETRY_AFTER_SECONDS, answerPreflight, fail } from './replies.js';
import { storageError } from './write.js';

const MAX_TEXT_LIMIT = 5000;

const querySchema = {
  type: 'object',
  properties: {
    surveyId: { type: 'string', minLength: 1 },
    version: { type: 'string', minLength: 1 },
    // Strings of digits: the app does not coerce query types.
    minGroup: { type: 'string', pattern: '^[0-9]{1,6}$' },
    textLimit: { type: 'string', pattern: '^[0-9]{1,6}$' },
    flagged: { type: 'string', enum: ['include', 'exclude', 'only'] },
    collection: { type: 'string', enum: COLLECTION_METHODS },
  },
  additionalProperties: false,
};

/**
 * @param {import('fastify').FastifyInstance} app
 * @param {{ store: import('../storage/store.js').Store, allowedOrigins: string[],
 *   authorise: (request: object, reply: object) => Promise<unknown> }} options
 */
export function summaryRoutes(app, { store, allowedOrigins, authorise }) {
  const origins = new Set(allowedOrigins);

  /** CORS first, so a 401 reaches the page as a 401 (the page then asks for the token). */
  async function cors(request, reply) {
    reply.header('Vary', 'Origin');
    const origin = request.headers.origin;
    if (origin && origins.has(origin)) {
      reply.header('Access-Control-Allow-Origin', origin);
      reply.header('Access-Control-Expose-Headers', 'Retry-After, WWW-Authenticate');
    }
  }

  app.get(
    '/responses/summary',
    { onRequest: [cors, authorise], schema: { querystring: querySchema } },
    async (request, reply) => {
      const { surveyId, version, flagged, collection } = request.query;
      const minGroup = Math.max(MIN_GROUP_FLOOR, Number(request.query.minGroup ?? 0));
      const textLimit = Math.min(
        MAX_TEXT_LIMIT,
        Number(request.query.textLimit ?? DEFAULT_TEXT_LIMIT),
      );
      // The summary carries `integrity`: how many of the survey's responses the integrity checks
      // flagged, and why, whatever the filter (the report always says it), from the same counts.
      let summary;
      try {
        summary = await store.summary({
          minGroup,
          textLimit,
          filter: { surveyId, version, flagged, collection },
        });
      } catch (error) {
        request.log.error({ err: storageError(error) }, 'summary not counted');
        reply.header('Retry-After', RETRY_AFTER_SECONDS);
        return fail(reply, 503, 'unavailable', 'The responses could not be read. Try again later.');
      }
      audit(request, {
        action: 'summary',
        count: summary.integrity.responses,
        filter: request.query,
      });
      reply.type('application/json; charset=utf-8');
      return reply.send(JSON.stringify(summary));
    },
  );

  app.options('/responses/summary', async (request, reply) =>
    answerPreflight(request, reply, {
      origins,
      allow: 'GET, HEAD, OPTIONS',
      methods: 'GET',
      headers: 'Authorization',
    }),
  );
}
