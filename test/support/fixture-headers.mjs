// Serves fixture pages under test/fixtures/ with the headers a strict CMS would send.
export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

export async function fixtureHeaders(ctx, next) {
  await next();
  if (/^\/test\/fixtures\/.*csp.*\.html$/.test(ctx.path)) {
    ctx.set('Content-Security-Policy', STRICT_CSP);
  }
}
