// GET /results: a tiny page hosting <values-survey-results src="/responses">. The element asks
// for the results token itself (once per browser session); the page only loads its bundle, which
// is served from the values-survey package's dist/ at /results/values-survey-results.js.
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BUNDLE_PATH = '/results/values-survey-results.js';

const PAGE = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Survey results</title>
<script type="module" src="${BUNDLE_PATH}"></script>
</head>
<body>
<main>
<h1>Survey results</h1>
<values-survey-results src="/responses"></values-survey-results>
</main>
</body>
</html>
`;

// Scripts only from this receiver; the page sends nothing anywhere else.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const NOT_BUILT =
  'The results bundle (dist/values-survey-results.js in the values-survey package) is not built. ' +
  'In the values-survey repository, run `npm run build`, then reload this page.';

/** Where the results bundle is: the widget package's dist/, found by package resolution. */
export function defaultBundleFile() {
  const manifest = fileURLToPath(import.meta.resolve('values-survey/package.json'));
  return join(dirname(manifest), 'dist', 'values-survey-results.js');
}

/**
 * @param {import('fastify').FastifyInstance} app
 * @param {{ bundleFile?: string }} options
 */
export async function resultsPageRoutes(app, { bundleFile = defaultBundleFile() } = {}) {
  const security = (reply) =>
    reply
      .header('Content-Security-Policy', CSP)
      .header('Referrer-Policy', 'no-referrer')
      .header('X-Content-Type-Options', 'nosniff');

  app.get('/results', async (request, reply) => {
    security(reply).header('Cache-Control', 'no-cache');
    try {
      await stat(bundleFile);
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
      return reply.code(404).type('text/plain; charset=utf-8').send(NOT_BUILT);
    }
    return reply.type('text/html; charset=utf-8').send(PAGE);
  });

  app.get(BUNDLE_PATH, async (request, reply) => {
    security(reply).header('Cache-Control', 'no-cache');
    let body;
    try {
      body = await readFile(bundleFile);
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
      return reply.code(404).type('text/plain; charset=utf-8').send(NOT_BUILT);
    }
    return reply.type('text/javascript; charset=utf-8').send(body);
  });
}
