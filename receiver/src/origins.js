// Which web pages may send responses, and saying so loudly when one may not.
//
// A page on a site that is not in ALLOWED_ORIGINS fails its CORS preflight, so its POST is never
// sent: the widget keeps the response and says it "could not reach the Trust's server yet", and
// without these warnings nobody would know why. The receiver logs each refused origin (the origin
// only, never the respondent's address), at most once per origin per quarter of an hour, and warns
// at start when no other site may post at all.

/** How often one refused origin is logged again, at most. */
export const REFUSED_LOG_INTERVAL_MS = 15 * 60_000;
/** How many refused origins are remembered for rate-limiting their log lines (bounded memory). */
const MAX_REMEMBERED = 1000;

/**
 * The origin of a page address or an origin, or an error message in words.
 * Accepts `https://www.example.nhs.uk/our-values?x=1`, `https://www.example.nhs.uk`, and an address
 * without its scheme (`www.example.nhs.uk/page`, taken as https).
 * @param {string | undefined} input
 * @returns {{ origin: string } | { problem: string }}
 */
export function originOf(input) {
  const text = input?.trim();
  if (!text) {
    return { problem: 'Type the address of the page where the survey will be, starting https://.' };
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  let url;
  try {
    url = new URL(withScheme);
  } catch {
    return {
      problem: `"${text}" is not a web address like https://www.example.nhs.uk/our-values.`,
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { problem: `"${text}" is not a web page address: it must start https:// or http://.` };
  }
  return { origin: url.origin };
}

/**
 * The receiver's own origin as the browser sees it (behind a trusted proxy, from
 * X-Forwarded-Proto and the Host it passes on).
 * @param {import('fastify').FastifyRequest} request
 */
export function ownOrigin(request) {
  return `${request.protocol}://${request.host}`;
}

/**
 * The origin policy: which origins may post, and a rate-limited log of the ones refused.
 * @param {{ allowedOrigins: string[], now?: () => number }} options
 */
export function createOriginPolicy({ allowedOrigins, now = () => Date.now() }) {
  const allowed = new Set(allowedOrigins);
  /** @type {Map<string, { at: number, since: number }>} origin -> last logged, refusals since */
  const refusals = new Map();

  return {
    allowedOrigins: [...allowed],

    /** Whether a page on `origin` may post (its preflight is answered with CORS headers). */
    allows(origin) {
      return allowed.has(origin);
    },

    /**
     * Records a refused request from `origin`; logs a warning the first time and then at most once
     * per interval, with how many were refused since the last line.
     * @param {string} origin
     * @param {{ warn(obj: object, msg: string): void }} log
     */
    refused(origin, log) {
      const time = now();
      const seen = refusals.get(origin);
      if (seen && time - seen.at < REFUSED_LOG_INTERVAL_MS) {
        seen.since += 1;
        return;
      }
      if (!seen && refusals.size >= MAX_REMEMBERED) {
        // The oldest entry goes: a flood of made-up origins cannot grow memory without bound.
        refusals.delete(refusals.keys().next().value);
      }
      const count = (seen?.since ?? 0) + 1;
      refusals.delete(origin);
      refusals.set(origin, { at: time, since: 0 });
      log.warn(
        { event: 'origin refused', origin, refused: count },
        `A page on ${origin} tried to send a response, but that site is not in ALLOWED_ORIGINS, ` +
          'so the browser was told not to send it. If the survey is meant to be on that site, ' +
          `add ${origin} to ALLOWED_ORIGINS and restart the receiver.`,
      );
    },
  };
}

/**
 * Logs refused origins on POST /responses and its preflight. Registered on the root app (not in a
 * plugin) so the hook sees the write route's requests; a same-origin request (the hosted survey
 * page posting to its own receiver) is never refused.
 * @param {import('fastify').FastifyInstance} app
 * @param {ReturnType<typeof createOriginPolicy>} policy
 */
export function logRefusedOrigins(app, policy) {
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.url !== '/responses') return;
    if (request.method !== 'POST' && request.method !== 'OPTIONS') return;
    const origin = request.headers.origin;
    if (!origin || origin === 'null' || policy.allows(origin)) return;
    if (request.headers['sec-fetch-site'] === 'same-origin' || origin === ownOrigin(request)) {
      return;
    }
    policy.refused(origin, request.log);
  });
}

/**
 * Warns at start when no other site may post: only the receiver's own hosted pages can send.
 * @param {{ allowedOrigins: string[] }} config
 * @param {{ warn(msg: string): void }} log
 */
export function warnIfNoOrigins(config, log) {
  if (config.allowedOrigins.length) return;
  log.warn(
    'No other site may send responses: ALLOWED_ORIGINS is empty, so only the survey pages this ' +
      'receiver hosts (/s/<survey>) can send. A survey on a CMS page will keep its responses ' +
      'waiting on the respondent’s device. Set ALLOWED_ORIGINS=https://www.example.nhs.uk ' +
      '(comma-separated) to the sites whose pages hold the survey.',
  );
}
