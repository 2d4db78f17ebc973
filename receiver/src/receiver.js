// The receiver as a fastify application: routes, error replies, logging and shutdown. Importing
// this module starts nothing; `start()` (used by the bin) reads the environment and listens.
import { join } from 'node:path';
import Fastify from 'fastify';
import compress from '@fastify/compress';
import pino from 'pino';
import { readConfig } from './config.js';
import { openStore } from './storage/store.js';
import { writeRoutes, MAX_BODY_BYTES } from './routes/write.js';
import { readRoutes } from './routes/read.js';
import { healthRoutes } from './routes/health.js';
import { resultsPageRoutes } from './routes/results-page.js';
import { RETRY_AFTER_SECONDS } from './routes/replies.js';
import { startRetention } from './retention.js';
import { openRegistry } from './surveys/index.js';
import { publishRoutes, surveyRoutes } from './routes/surveys.js';
import { installAuth } from './auth/require-right.js';
import { installMetrics } from './routes/metrics.js';
import { createClientResolver } from './rate-limit.js';
import { createOriginPolicy, logRefusedOrigins, warnIfNoOrigins } from './origins.js';
import { assetRoutes, bundleSource, defaultSurveyBundleFile } from './routes/assets.js';
import { hostedRoutes } from './routes/hosted.js';
import { checkRoutes } from './routes/check.js';

export { readConfig } from './config.js';
export { openStore } from './storage/store.js';
/** How a static file server picks br or gzip from Accept-Encoding (the demo serves its pages so). */
export { chooseEncoding } from './routes/assets.js';

/** How long shutdown waits for requests in flight before closing their connections. */
const SHUTDOWN_GRACE_MS = 10_000;

/** How often Node looks for requests past their timeout. */
const CONNECTIONS_CHECK_MS = 2000;

/**
 * Builds the receiver's fastify app over an open store (not yet listening). The caller may add
 * routes (the demo adds its pages) before `listen`. Closing the app closes the store, after the
 * requests in flight have finished.
 *
 * The app is decorated with `app.surveys`, the survey registry (see surveys/registry.js): the
 * surveys whose responses it accepts, from SURVEYS_DIR, the database, the widget's built-in survey
 * (unless BUILT_IN_SURVEY=off) and `surveys`, definitions the caller adds (the demo's).
 * @param {{ config: import('./config.js').ReceiverConfig,
 *   store: import('./storage/store.js').Store,
 *   logger?: object | boolean, bundleFile?: string, surveyBundleFile?: string,
 *   surveys?: object[] }} options
 *   bundleFile: the results bundle; surveyBundleFile: the survey's (dist/values-survey.js).
 * @returns {Promise<import('fastify').FastifyInstance>}
 */
export async function createReceiver({
  config,
  store,
  logger,
  bundleFile,
  surveyBundleFile,
  surveys = [],
}) {
  let closing = false;
  const app = Fastify({
    // A pino instance (the bin's) or pino options (tests pass a stream to read the logs).
    ...(typeof logger?.child === 'function'
      ? { loggerInstance: logger }
      : { logger: logger ?? loggerOptions(config) }),
    // Request lines are logged by the hook below, without addresses (respondents are anonymous).
    logController: new Fastify.LogController({ disableRequestLogging: true }),
    // The rate limits key on request.clientKey (rate-limit.js), never on request.ip: proxy-addr
    // takes X-Forwarded-For text unchecked. This only gives request.protocol the proxy's view.
    trustProxy: config.trustProxy.length ? config.trustProxy : false,
    bodyLimit: MAX_BODY_BYTES,
    // A request whose headers or body stall is answered 408 and closed: Node checks every
    // 2 s, so within requestTimeoutSeconds + 2 s (17 s by default, 27 s at most).
    requestTimeout: config.requestTimeoutSeconds * 1000,
    http: {
      headersTimeout: config.requestTimeoutSeconds * 1000,
      connectionsCheckingInterval: CONNECTIONS_CHECK_MS,
    },
    return503OnClosing: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
  });

  // Connections past the cap are closed as they open (a flood cannot exhaust file descriptors).
  app.server.maxConnections = config.maxConnections;

  // One JSON parser, strict: UTF-8 only (a wrong charset was refused before the body was read).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)));
    } catch (error) {
      done(Object.assign(new Error(error.message), { statusCode: 400, code: 'NOT_JSON' }));
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    if (closing) {
      reply.header('Connection', 'close').header('Retry-After', RETRY_AFTER_SECONDS);
      return reply.code(503).send({ error: 'shutting down', message: 'Try again shortly.' });
    }
  });
  // A request still in flight when shutdown began gets its answer, then its connection closes:
  // left open, a keep-alive connection would hold the process for fastify's 72 s keep-alive.
  app.addHook('onSend', async (request, reply) => {
    if (closing) reply.header('Connection', 'close');
  });
  app.addHook('onResponse', async (request, reply) => {
    const line = {
      method: request.method,
      path: request.routeOptions.url ?? 'unknown',
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    };
    if (reply.statusCode >= 500) request.log.warn(line, 'request failed');
    else request.log.debug(line, 'request');
  });
  app.addHook('preClose', async () => {
    closing = true;
    // A client that never finishes sending its request must not hold the shutdown open: after
    // the grace period its connection is cut (a request still running by then is very late).
    setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
  });
  app.addHook('onClose', async () => {
    await store.close();
  });

  app.setErrorHandler((error, request, reply) => {
    const send = (status, code, message) => reply.code(status).send({ error: code, message });
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(413, 'too large', `The body is over ${MAX_BODY_BYTES / 1024} KB.`);
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(415, 'unsupported media type', 'Send the response as application/json.');
      case 'NOT_JSON':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(400, 'not JSON', `The body is not valid UTF-8 JSON: ${error.message}`);
      case 'FST_ERR_VALIDATION':
        return send(400, 'bad request', error.message);
      default:
        if (error.statusCode >= 400 && error.statusCode < 500) {
          return send(error.statusCode, 'bad request', error.message);
        }
        request.log.error({ err: { message: error.message, code: error.code } }, 'server error');
        return send(500, 'server error', 'Something went wrong.');
    }
  });

  // Which methods each route answers, collected as routes are added (the demo's too), for 405
  // replies with an Allow header.
  const routeMethods = [];
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    const pattern = new RegExp(
      `^${route.url
        .split('/')
        .map((part) => (part.startsWith(':') ? '[^/]+' : part === '*' ? '.*' : escapeRegExp(part)))
        .join('/')}$`,
    );
    routeMethods.push({ pattern, methods });
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    const allow = allowedMethods(routeMethods, path);
    if (allow) {
      reply.header('Allow', allow);
      return reply
        .code(405)
        .send({ error: 'method not allowed', message: `${path} answers ${allow}.` });
    }
    return reply.code(404).send({ error: 'not found', message: `No route for ${path}.` });
  });

  // Replies of 1 KB or more are compressed (brotli or gzip, as the client accepts): the read
  // routes' JSON, JSON Lines and CSV shrink about tenfold.
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    customTypes: /^text\/(?!event-stream)|\/(?:[\w.-]+\+)?json(?:l)?(?:;|$)|\/x-ndjson/,
  });

  const clientOf = createClientResolver(config.trustProxy);
  app.decorateRequest('clientKey', {
    getter() {
      return clientOf(this);
    },
  });
  // Tokens first: every route registered after may use app.requireRight(right).
  const tokens = installAuth(app, { config });
  app.decorate('tokens', tokens);
  installMetrics(app, { store });
  const registry = await openRegistry({
    store,
    dir: config.surveysDir,
    log: app.log,
    builtIn: [...(config.builtInSurvey ? [await builtInSurvey()] : []), ...surveys],
  });
  app.decorate('surveys', registry);

  await app.register(surveyRoutes, { registry });
  await app.register(publishRoutes, { registry });

  // Origins, the bundle, the hosted page and the check route (IT's one server: docs/it-guide.md).
  const policy = createOriginPolicy(config);
  logRefusedOrigins(app, policy);
  const bundles = bundleSource({
    file: surveyBundleFile ?? defaultSurveyBundleFile(),
    archiveDir: join(config.dataDir, 'bundles'),
    log: app.log,
  });
  await app.register(assetRoutes, { bundles });
  await app.register(hostedRoutes, { config, bundles });
  await app.register(checkRoutes, { policy, bundles });
  await app.register(writeRoutes, { store, config });
  await app.register(readRoutes, { store, config });
  await app.register(healthRoutes, { store, config });
  await app.register(resultsPageRoutes, bundleFile ? { bundleFile } : {});
  return app;
}

/** "GET, HEAD, POST" for a path some route answers with other methods; undefined for none. */
function allowedMethods(routes, path) {
  const methods = new Set(
    routes.filter((route) => route.pattern.test(path)).flatMap((r) => r.methods),
  );
  if (!methods.size) return undefined;
  if (methods.has('GET')) methods.add('HEAD');
  const order = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'];
  return [...methods].sort((a, b) => order.indexOf(a) - order.indexOf(b)).join(', ');
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The widget's built-in survey, from the widget package. */
async function builtInSurvey() {
  const { DEFAULT_SURVEY } = await import('values-survey/definition/default-survey');
  return DEFAULT_SURVEY;
}

/** pino options: JSON lines on stdout; answers are never passed to the logger. */
export function loggerOptions(config) {
  return {
    level: config.logLevel,
    base: { service: 'values-survey-receiver' },
    // Request objects are never logged whole: their headers carry the results token.
    serializers: { req: () => undefined, res: () => undefined },
  };
}

/**
 * Reads the environment, opens the store (running migrations), listens, deletes old responses
 * daily if RETENTION_DAYS is set, and shuts down gracefully on SIGTERM or SIGINT: no new
 * requests, the ones in flight finish (their writes commit), then the database is closed.
 * @param {Record<string, string | undefined>} env
 */
export async function start(env = process.env) {
  const config = readConfig(env);
  // The store opens before the app, so its warnings go through a logger of their own.
  const log = pino(loggerOptions(config));
  const store = await openStore(config, log);
  const app = await createReceiver({ config, store, logger: log });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${address.port}`;
  app.log.info(
    {
      url,
      storage: store.kind,
      location: store.location,
      readsOn: app.tokens.anyHas('read'),
      tokens: app.tokens.describe(),
      allowedOrigins: config.allowedOrigins,
      rateLimitPerMinute: config.rateLimit,
      retentionDays: config.retentionDays ?? null,
      surveysDir: config.surveysDir,
      surveys: (await app.surveys.list()).map(
        (entry) => `${entry.id}@${entry.version} (${entry.state})`,
      ),
    },
    `values-survey receiver listening on ${url}, storing responses in ${store.kind} (${store.location})`,
  );
  if (!app.tokens.anyHas('read')) {
    app.log.warn(
      'Reading responses is off: neither RESULTS_TOKEN nor a read token in TOKENS_FILE is set, ' +
        'so GET /responses, /responses.jsonl and /responses.csv answer 403.',
    );
  }
  warnIfNoOrigins(config, app.log);
  const retention = config.retentionDays
    ? startRetention({ store, days: config.retentionDays, log: app.log })
    : undefined;

  let stopping;
  const stop = (signal) => {
    stopping ??= (async () => {
      app.log.info({ signal }, 'shutting down: finishing the requests in flight');
      retention?.stop();
      await app.close();
      app.log.info('stopped');
    })();
    return stopping;
  };
  for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => stop(signal));
  // SIGHUP re-reads SURVEYS_DIR: a file that is not valid is logged and keeps its last definition.
  process.on('SIGHUP', () => {
    app.surveys.reload().then(
      (problems) =>
        app.log.info(
          { event: 'surveys reloaded', problems: problems.length },
          'survey files re-read',
        ),
      (error) => app.log.warn({ err: { message: error.message } }, 'survey files not re-read'),
    );
  });
  return { app, store, config, url, stop };
}
