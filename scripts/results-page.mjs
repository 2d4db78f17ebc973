// A throw-away local server for the results bench and screenshot: one page under the demo's
// strict CSP, the results element bundled from src/ with esbuild (production Lit, minified), and
// GET /responses (and /responses.jsonl) serving the given JSON Lines only with
// "Authorization: Bearer <token>".
import { createServer } from 'node:http';
import { build } from 'esbuild';
import { STRICT_CSP } from '../demo/csp.mjs';

const ROOT = new URL('..', import.meta.url);

async function bundleResults() {
  const result = await build({
    entryPoints: [new URL('src/results-bundle.ts', ROOT).pathname],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    conditions: ['production'],
    tsconfig: new URL('tsconfig.json', ROOT).pathname,
    write: false,
    // package.json's "sideEffects" names the built files, not src/: keep the define import.
    ignoreAnnotations: true,
    logLevel: 'warning',
  });
  return result.outputFiles[0].contents;
}

/**
 * Starts the server; returns `{ url, close }`. `page` is the body's HTML; `responses` is a string
 * (JSON Lines) or a function of the request URL returning one. `connect` names another origin the
 * page may fetch from (a receiver on its own port), added to the policy's connect-src.
 */
export async function startResultsPage({
  page,
  responses,
  token,
  lang = 'en-GB',
  title = 'Results',
  connect = [],
}) {
  const csp = STRICT_CSP.replace(
    "connect-src 'self'",
    ["connect-src 'self'", ...connect].join(' '),
  );
  const script = await bundleResults();
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<script type="module" src="/results.js"></script>
<link rel="stylesheet" href="/page.css"></head><body>${page}</body></html>`;
  const css =
    'body{margin:0 auto;padding:24px;max-width:72rem;font:17px/1.5 "DejaVu Sans",Arial,sans-serif;color:#212b32}';
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const send = (status, type, body) => {
      res.writeHead(status, {
        'Content-Type': type,
        'Content-Security-Policy': csp,
        'Cache-Control': 'no-store',
      });
      res.end(body);
    };
    if (url.pathname === '/') return send(200, 'text/html; charset=utf-8', html);
    if (url.pathname === '/results.js') return send(200, 'text/javascript; charset=utf-8', script);
    if (url.pathname === '/favicon.ico') return send(204, 'image/x-icon', '');
    if (url.pathname === '/page.css') return send(200, 'text/css; charset=utf-8', css);
    if (url.pathname === '/responses' || url.pathname === '/responses.jsonl') {
      if (req.headers.authorization !== `Bearer ${token}`) {
        return send(401, 'application/json', '{"error":"results token required"}');
      }
      const body = typeof responses === 'function' ? responses(url) : responses;
      return send(200, 'application/x-ndjson', body);
    }
    return send(404, 'text/plain', 'Not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The built-in survey and the tokenizer, from the compiled modules (npm run build). */
export async function builtInSurvey() {
  try {
    const [{ DEFAULT_SURVEY }, { tokenize }] = await Promise.all([
      import('../dist/esm/definition/default-survey.js'),
      import('../dist/esm/text/tokenize.js'),
    ]);
    return { definition: DEFAULT_SURVEY, tokenize };
  } catch (error) {
    if (error.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    console.error('dist/esm is missing: run npm run build first.');
    process.exit(1);
  }
}
