// `npm start`: serves the demo CMS pages, the built widget, and a local response endpoint.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEndpoint } from './endpoint/endpoint.mjs';
import { STRICT_CSP } from './csp.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const PORT = Number(process.env.PORT ?? 8000);
const HOST = process.env.HOST ?? '127.0.0.1';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const endpoint = await createEndpoint({
  dataDir: process.env.DATA_DIR ?? join(ROOT, 'demo', 'data'),
  allowedOrigins: (process.env.ALLOWED_ORIGINS ?? '').split(',').filter(Boolean),
  fault: process.env.DEMO_FAULT,
});

async function serveFile(req, res) {
  const url = new URL(req.url, 'http://localhost');
  let path = decodeURIComponent(url.pathname);
  if (path === '/') path = '/demo/index.html';
  if (path.endsWith('/')) path += 'index.html';
  // Only the demo pages and the build output are public.
  if (!/^\/(demo|dist)\//.test(path)) path = `/demo${path}`;
  const file = normalize(join(ROOT, path));
  if (!file.startsWith(join(ROOT, 'demo')) && !file.startsWith(join(ROOT, 'dist'))) {
    res.writeHead(403).end('Forbidden');
    return;
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      // The strict policy a careful Trust CMS would send.
      'Content-Security-Policy': STRICT_CSP,
      'Cache-Control': 'no-cache',
    });
    res.end(body);
  } catch (error) {
    if (error.code !== 'ENOENT' && error.code !== 'EISDIR') throw error;
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
  }
}

const server = createServer((req, res) => {
  const handled = endpoint.handle(req, res);
  if (handled) return;
  serveFile(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500).end('Server error');
  });
});

server.listen(PORT, HOST, () => {
  const base = `http://${HOST === '0.0.0.0' ? 'localhost' : HOST}:${server.address().port}`;
  console.log(`values-survey demo: ${base}/`);
  console.log(`  responses endpoint: ${base}/responses (GET /responses.csv, /responses/tallies)`);
});
