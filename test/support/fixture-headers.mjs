// Serves fixture pages under test/fixtures/ with the headers a strict CMS would send.
import { STRICT_CSP } from '../../demo/csp.mjs';

export async function fixtureHeaders(ctx, next) {
  await next();
  if (/^\/test\/fixtures\/.*csp.*\.html$/.test(ctx.path)) {
    ctx.set('Content-Security-Policy', STRICT_CSP);
  }
}
