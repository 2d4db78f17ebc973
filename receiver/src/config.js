// The receiver's settings, read only from the environment. Every setting has a default that is
// safe on its own: listen on loopback only (put TLS in front), SQLite under ./data, reads off until
// RESULTS_TOKEN or TOKENS_FILE is set, no cross-origin callers, a rate limit on.
import { join, resolve } from 'node:path';
import { checkTokenSettings } from './auth/tokens.js';
import { parseTrustProxy } from './rate-limit.js';

/**
 * @typedef {object} ReceiverConfig
 * @property {string} host
 * @property {number} port
 * @property {string} dataDir SQLite's folder (used when databaseUrl is not set).
 * @property {string | undefined} databaseUrl postgres://... to use PostgreSQL.
 * @property {string | undefined} resultsToken A read-only Bearer token (label RESULTS_TOKEN).
 * @property {string | undefined} tokensFile Labelled tokens with their rights (auth/tokens.js).
 * @property {string[]} allowedOrigins Origins whose pages may POST responses (CORS).
 * @property {number} rateLimit POSTs per minute per client address; 0 turns the limit off.
 * @property {string[]} trustProxy Addresses or CIDR ranges of the proxies in front, whose
 *   X-Forwarded-For is believed (rate-limit.js); empty: none.
 * @property {number | undefined} retentionDays Delete responses received longer ago than this.
 * @property {string} logLevel
 * @property {number} poolSize PostgreSQL connections per receiver process.
 * @property {string} surveysDir SURVEYS_DIR: survey definition files IT places (default: the
 *   `surveys` folder in DATA_DIR).
 * @property {boolean} builtInSurvey BUILT_IN_SURVEY (on or off, default on): accept responses to
 *   the widget's built-in survey (tp-values-refresh version 1), which runs where no definition is
 *   named.
 * @property {number} maxConnections Open connections at most; more are closed at once.
 * @property {number} requestTimeoutSeconds A request (headers and body) must arrive within this.
 * @property {number} statementTimeoutSeconds PostgreSQL: a statement (or its lock wait) longer
 *   than this is cancelled and the request answered 503.
 * @property {number} healthMinFreeMb /healthz fails below this much free space (SQLite).
 * @property {import('./integrity/index.js').IntegritySettings} integrity
 */

/**
 * Reads the configuration from `env`. Throws one error listing every setting that is wrong, so a
 * mistake stops the receiver at start instead of surfacing on the first response.
 * @param {Record<string, string | undefined>} env
 * @returns {ReceiverConfig}
 */
export function readConfig(env = process.env) {
  const problems = [];
  const text = (name) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const integer = (name, fallback, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}) => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };

  const databaseUrl = text('DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const resultsToken = text('RESULTS_TOKEN');
  const tokensFile = text('TOKENS_FILE') && resolve(text('TOKENS_FILE'));
  problems.push(...checkTokenSettings({ resultsToken, tokensFile }));
  const allowedOrigins = [];
  for (const origin of (text('ALLOWED_ORIGINS') ?? '').split(',')) {
    const trimmed = origin.trim();
    if (!trimmed) continue;
    try {
      allowedOrigins.push(new URL(trimmed).origin);
    } catch {
      problems.push(
        `ALLOWED_ORIGINS: "${trimmed}" is not an origin like https://cms.example.nhs.uk`,
      );
    }
  }
  const proxies = parseTrustProxy(text('TRUST_PROXY'));
  problems.push(...proxies.problems);
  const retention = text('RETENTION_DAYS');
  const builtInSurvey = text('BUILT_IN_SURVEY') ?? 'on';
  if (!['on', 'off'].includes(builtInSurvey)) {
    problems.push(`BUILT_IN_SURVEY must be on or off (got "${builtInSurvey}")`);
  }
  const dataDir = resolve(text('DATA_DIR') ?? 'data');
  const config = {
    host: text('HOST') ?? '127.0.0.1',
    port: integer('PORT', 8080, { max: 65535 }),
    dataDir,
    databaseUrl,
    resultsToken,
    tokensFile,
    allowedOrigins,
    rateLimit: integer('RATE_LIMIT', 60),
    trustProxy: proxies.proxies,
    retentionDays: retention === undefined ? undefined : integer('RETENTION_DAYS', 0, { min: 1 }),
    logLevel: text('LOG_LEVEL') ?? 'info',
    poolSize: integer('DATABASE_POOL_SIZE', 10, { min: 1, max: 1000 }),
    surveysDir: resolve(text('SURVEYS_DIR') ?? join(dataDir, 'surveys')),
    builtInSurvey: builtInSurvey !== 'off',
    // Limits and timeouts (receiver.js, storage/postgres.js).
    maxConnections: integer('MAX_CONNECTIONS', 1000, { min: 1 }),
    requestTimeoutSeconds: integer('REQUEST_TIMEOUT_SECONDS', 15, { min: 1, max: 25 }),
    statementTimeoutSeconds: integer('DATABASE_STATEMENT_TIMEOUT_SECONDS', 5, { min: 1, max: 600 }),
    // Health and metrics (routes/health.js, routes/metrics.js).
    healthMinFreeMb: integer('HEALTH_MIN_FREE_MB', 64),
    // Integrity signals stored beside each response (integrity/index.js); 0 turns one off.
    integrity: {
      burstResponses: integer('FLAG_BURST_RESPONSES', 10),
      burstMinutes: integer('FLAG_BURST_MINUTES', 10, { min: 1, max: 1440 }),
      minSeconds: integer('FLAG_MIN_SECONDS', 20),
      duplicateHours: integer('FLAG_DUPLICATE_HOURS', 24, { max: 24 * 31 }),
      alarmPerHour: integer('ALERT_RESPONSES_PER_HOUR', 500),
    },
  };
  if (problems.length) {
    throw new Error(`values-survey-receiver: cannot start:\n  - ${problems.join('\n  - ')}`);
  }
  return config;
}
