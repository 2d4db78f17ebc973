// The survey definitions, served to any page (they are public: a survey's questions are what every
// respondent sees), with CORS for any origin and caching headers:
//
//   GET /surveys                      { surveys: [{ id, version, title, state, opensAt, closesAt, url }] }
//   GET /surveys/{id}                 the latest version's definition (see Registry.get)
//   GET /surveys/{id}/{version}       that version's definition
//
// A definition is the JSON the widget's `src` attribute loads, exactly as the widget validates it.
// Dates and state are in the list, not in the definition (the widget's definition is strict).
import { RETRY_AFTER_SECONDS, fail } from './replies.js';
import { SurveyError } from '../surveys/index.js';

/** Latest: a new version is picked up within a minute. A named version changes only if IT edits
 * its file, so it may be cached for an hour; both revalidate with their ETag. */
const LATEST_CACHE = 'public, max-age=60';
const VERSION_CACHE = 'public, max-age=3600';
const LIST_CACHE = 'public, max-age=60';

/**
 * @param {import('fastify').FastifyInstance} app
 * @param {{ registry: import('../surveys/registry.js').Registry }} options
 */
export async function surveyRoutes(app, { registry }) {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('Access-Control-Allow-Origin', '*');
    reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
  });

  app.get('/surveys', async (request, reply) => {
    const entries = await registry.list();
    reply.header('Cache-Control', LIST_CACHE);
    return {
      surveys: entries.map((entry) => ({
        id: entry.id,
        version: entry.version,
        title: entry.definition.title,
        state: entry.state,
        opensAt: entry.opensAt,
        closesAt: entry.closesAt,
        url: versionUrl(entry),
      })),
    };
  });

  app.get('/surveys/:id', async (request, reply) => {
    const entry = await registry.get(request.params.id);
    if (!entry) return unknown(reply, request.params.id);
    reply.header('Content-Location', versionUrl(entry));
    return sendDefinition(request, reply, entry, LATEST_CACHE);
  });

  app.get('/surveys/:id/:version', async (request, reply) => {
    const { id, version } = request.params;
    const entry = await registry.get(id, version);
    if (!entry) return unknown(reply, id, version);
    return sendDefinition(request, reply, entry, VERSION_CACHE);
  });
}

/** The URL of one version's definition. */
export function versionUrl(entry) {
  return `/surveys/${encodeURIComponent(entry.id)}/${encodeURIComponent(entry.version)}`;
}

function sendDefinition(request, reply, entry, cache) {
  reply.header('Cache-Control', cache).header('ETag', entry.etag);
  if (matches(request.headers['if-none-match'], entry.etag)) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(entry.text);
}

function matches(header, etag) {
  if (!header) return false;
  return header === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function unknown(reply, id, version) {
  reply.header('Cache-Control', 'no-store');
  return version === undefined
    ? fail(reply, 404, 'unknown survey', `This receiver has no survey "${id}".`)
    : fail(
        reply,
        404,
        'unknown survey version',
        `This receiver has no version "${version}" of survey "${id}".`,
      );
}

/** A definition with many long statements is still far below this. */
export const MAX_DEFINITION_BYTES = 256 * 1024;

/**
 * Publishing over HTTP, for a token with the `publish` right (auth/require-right.js):
 *
 *   PUT /surveys/{id}/{version}  { definition, opensAt?, closesAt? }
 *     201 { id, version, url, state, opensAt, closesAt, outcome: 'created' }   (Location: url)
 *     200 the same with outcome 'updated' (new dates) or 'unchanged'
 *     400 the path's id or version is not the definition's
 *     409 { error: 'version exists' | 'survey defined elsewhere', message }
 *     422 { error: 'invalid survey', message, problems: [{ path, message }] }
 *     503 the database is unavailable (Retry-After)
 *
 * The token's label is kept as the survey's label, never the token. No CORS: publishing is done
 * from the receiver's own pages or by IT's tools, not from other sites.
 * @param {import('fastify').FastifyInstance} app
 * @param {{ registry: import('../surveys/registry.js').Registry }} options
 */
export async function publishRoutes(app, { registry }) {
  app.put(
    '/surveys/:id/:version',
    { onRequest: app.requireRight('publish'), bodyLimit: MAX_DEFINITION_BYTES },
    async (request, reply) => {
      const { id, version } = request.params;
      const body = request.body;
      if (!body || typeof body !== 'object' || Array.isArray(body) || !('definition' in body)) {
        return fail(
          reply,
          400,
          'bad request',
          'Send { "definition": { ... }, "opensAt"?: "...", "closesAt"?: "..." } as JSON.',
        );
      }
      const unknown = Object.keys(body).filter(
        (key) => !['definition', 'opensAt', 'closesAt'].includes(key),
      );
      if (unknown.length) {
        return fail(reply, 400, 'bad request', `Unknown fields: ${unknown.join(', ')}.`);
      }
      const named = body.definition;
      if (named && typeof named === 'object' && (named.id !== id || named.version !== version)) {
        return fail(
          reply,
          400,
          'bad request',
          `The URL names survey "${id}" version "${version}", the definition ` +
            `"${named.id}" version "${named.version}": they must be the same.`,
        );
      }
      let published;
      try {
        published = await registry.publish(body.definition, {
          opensAt: body.opensAt,
          closesAt: body.closesAt,
          label: request.tokenLabel,
        });
      } catch (error) {
        if (error instanceof SurveyError) {
          return reply
            .code(error.status)
            .send({ error: error.code, message: error.message, problems: error.problems });
        }
        request.log.error(
          { err: { message: error.message, code: error.code } },
          'survey not published',
        );
        reply.header('Retry-After', RETRY_AFTER_SECONDS);
        return fail(reply, 503, 'not stored', 'The survey could not be stored. Try again later.');
      }
      const { outcome, entry } = published;
      const url = versionUrl(entry);
      if (outcome === 'created') reply.code(201).header('Location', url);
      return {
        id: entry.id,
        version: entry.version,
        url,
        state: registry.stateOf(entry),
        opensAt: entry.opensAt,
        closesAt: entry.closesAt,
        outcome,
      };
    },
  );
}
