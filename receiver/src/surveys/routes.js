// The survey definitions, served to any page (they are public: a survey's questions are what every
// respondent sees), with CORS for any origin and caching headers:
//
//   GET /surveys                      { surveys: [{ id, version, title, state, opensAt, closesAt, url }] }
//   GET /surveys/{id}                 the latest version's definition (see Registry.get)
//   GET /surveys/{id}/{version}       that version's definition
//
// A definition is the JSON the widget's `src` attribute loads, exactly as the widget validates it.
// Dates and state are in the list, not in the definition (the widget's definition is strict).
import { fail } from '../routes/replies.js';

/** Latest: a new version is picked up within a minute. A named version changes only if IT edits
 * its file, so it may be cached for an hour; both revalidate with their ETag. */
const LATEST_CACHE = 'public, max-age=60';
const VERSION_CACHE = 'public, max-age=3600';
const LIST_CACHE = 'public, max-age=60';

/**
 * @param {import('fastify').FastifyInstance} app
 * @param {{ registry: import('./registry.js').Registry }} options
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
