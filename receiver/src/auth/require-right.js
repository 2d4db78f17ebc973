// The receiver's guard for routes that need a token, and its audit log.
//
// Stable interface (other routes build on it):
//
//   app.register(async (app) => {
//     app.get('/responses', { onRequest: app.requireRight('read') }, handler);
//   });
//
// `app.requireRight(right)` returns a fastify hook (use it as onRequest, so a refused request
// costs no body, or as preHandler). It lets the request through only with
// `Authorization: Bearer <token>` for a valid token carrying `right` ('read', 'erase', 'publish'
// or 'metrics'), and then sets `request.tokenLabel` to that token's label. Otherwise it answers:
//
//   403 { error: 'reads off' }    no valid token has this right, so the routes needing it are off
//                                 ('erasure off', 'publishing off', 'metrics off' for the others)
//   401 { error: 'token required' } no token, or a token that is not valid (WWW-Authenticate)
//   403 { error: 'not allowed' }  a valid token without this right
//   429 { error: 'too many attempts' } over 10 wrong tokens a minute from this client (Retry-After)
//
// `audit(request, fields)` writes the audit line for a successful read, export or erasure: the
// token's label, the method and route, the count and whatever `fields` add. Never the token.
import { createRateLimiter } from '../rate-limit.js';
import { fail } from '../routes/replies.js';
import { RIGHTS, createTokenRegistry } from './tokens.js';

/** Wrong tokens allowed per client per minute before it must wait. */
export const FAILED_TOKENS_PER_MINUTE = 10;

/** What each right is called in the reply when no token has it. */
const OFF = {
  read: ['reads off', 'Reading responses is turned off on this receiver'],
  erase: ['erasure off', 'Erasing responses is turned off on this receiver'],
  publish: ['publishing off', 'Publishing surveys is turned off on this receiver'],
  metrics: ['metrics off', 'Metrics are turned off on this receiver'],
};

/**
 * Adds `app.requireRight` and `request.tokenLabel` to the root app (call before registering the
 * routes), and closes the token registry with the app.
 * @param {import('fastify').FastifyInstance} app
 * @param {{ config: import('../config.js').ReceiverConfig }} options
 * @returns {ReturnType<typeof createTokenRegistry>}
 */
export function installAuth(app, { config }) {
  const tokens = createTokenRegistry({
    resultsToken: config.resultsToken,
    tokensFile: config.tokensFile,
    log: app.log,
  });
  const failures = createRateLimiter({ perMinute: FAILED_TOKENS_PER_MINUTE });
  app.addHook('onClose', async () => tokens.close());
  app.decorateRequest('tokenLabel', null);

  app.decorate('requireRight', function requireRight(right) {
    if (!RIGHTS.includes(right)) {
      throw new TypeError(
        `requireRight: unknown right "${right}"; rights are ${RIGHTS.join(', ')}`,
      );
    }
    return async function guard(request, reply) {
      reply.header('Cache-Control', 'no-store');
      const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(request.headers.authorization ?? '');
      const entry = match ? await tokens.find(match[1]) : undefined;
      if (!entry && !tokens.anyHas(right)) {
        const [code, text] = OFF[right];
        return fail(
          reply,
          403,
          code,
          `${text}: no token has the ${right} right. Set RESULTS_TOKEN (read only) or ` +
            `add a line with the ${right} right to TOKENS_FILE.`,
        );
      }
      if (!entry) {
        // Guessing is slowed per client; a valid token is never limited.
        const wait = failures.take(request.clientKey);
        if (wait) {
          reply.header('Retry-After', String(wait));
          return fail(reply, 429, 'too many attempts', 'Too many wrong tokens from this address.');
        }
        request.log.warn({ route: request.routeOptions.url, right }, 'token missing or wrong');
        reply.header('WWW-Authenticate', 'Bearer realm="values-survey"');
        return fail(reply, 401, 'token required', 'Send a token as Authorization: Bearer <token>.');
      }
      if (!entry.rights.has(right)) {
        request.log.warn(
          { route: request.routeOptions.url, right, label: entry.label },
          'token lacks the right',
        );
        return fail(
          reply,
          403,
          'not allowed',
          `The token labelled ${entry.label} does not have the ${right} right.`,
        );
      }
      request.tokenLabel = entry.label;
    };
  });
  return tokens;
}

/**
 * The audit line for a successful read, export or erasure.
 * @param {import('fastify').FastifyRequest} request
 * @param {{ count: number } & Record<string, unknown>} fields
 */
export function audit(request, fields) {
  request.log.info(
    {
      event: 'audit',
      label: request.tokenLabel,
      method: request.method,
      route: request.routeOptions.url,
      ...fields,
    },
    'audit',
  );
}
