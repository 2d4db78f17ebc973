// The survey's one file, served by the receiver to pages on any site, so IT runs one server:
//
//   GET /assets/values-survey.json        { url, integrity, version }: the current bundle's
//                                         address and Subresource Integrity hash (sha384), for
//                                         the snippet's <script integrity crossorigin>
//   GET /assets/values-survey-<tag>.js    the bundle, <tag> = package version + content hash:
//                                         cached for a year (immutable), compressed by
//                                         Accept-Encoding, loadable from any origin (CORS, CORP)
//   GET /assets/values-survey-diagnostics.js   the editor's diagnostics, which the bundle loads
//                                         from beside itself only when a definition is wrong
//                                         (also at /values-survey-diagnostics.js, beside the
//                                         stable bundle); revalidated on each load
//
// The bundle is `dist/values-survey.js` of the values-survey package (`npm run build`). Each
// bundle served is also kept in DATA_DIR/bundles/, so a page whose snippet names an older tag
// still loads after the receiver is upgraded (its integrity hash still matches that file).
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { ownOrigin } from '../origins.js';

export const MANIFEST_PATH = '/assets/values-survey.json';
/** The diagnostics' file name, beside the bundle in dist/ and wherever the bundle is served. */
export const DIAGNOSTICS_NAME = 'values-survey-diagnostics.js';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const NAME = /^values-survey-([0-9A-Za-z.+-]{1,80})\.js$/;

export const NOT_BUILT =
  'The survey bundle (dist/values-survey.js in the values-survey package) is not built. ' +
  'In the values-survey repository, run `npm run build`; the receiver picks it up without a restart.';

/** Where the survey bundle is: the widget package's dist/, found by package resolution. */
export function defaultSurveyBundleFile() {
  const manifest = fileURLToPath(import.meta.resolve('values-survey/package.json'));
  return join(dirname(manifest), 'dist', 'values-survey.js');
}

/**
 * @typedef {object} Bundle
 * @property {string} name File name served, `values-survey-<version>-<hash>.js`.
 * @property {string} path `/assets/<name>`.
 * @property {string} integrity `sha384-<base64>`, the Subresource Integrity value.
 * @property {string} version The values-survey package version.
 * @property {Buffer} body
 */

/**
 * The current bundle, read again only when the file changes (a rebuild needs no restart).
 * @param {{ file: string, archiveDir?: string, log?: { warn(o: object, m: string): void } }} o
 * @returns {{ current(): Promise<Bundle | undefined>, archived(name: string): Promise<Buffer | undefined>, diagnostics(): Promise<Buffer | undefined> }}
 */
export function bundleSource({ file, archiveDir, log }) {
  const read = watchedFile(file);
  let cached;
  return {
    diagnostics: watchedFile(join(dirname(file), DIAGNOSTICS_NAME)),
    async current() {
      const body = await read();
      if (!body) return undefined;
      if (body !== cached?.body) {
        cached = describe(body, await packageVersion(file));
        if (archiveDir) await archive(archiveDir, cached, log);
      }
      return cached;
    },
    async archived(name) {
      if (!archiveDir || !NAME.test(name)) return undefined;
      try {
        return await readFile(join(archiveDir, name));
      } catch (error) {
        if (error.code !== 'ENOENT') throw error;
        return undefined;
      }
    },
  };
}

/**
 * A file's bytes, read again only when it changes (the same Buffer until then); undefined while
 * it does not exist.
 */
function watchedFile(path) {
  let body;
  let key;
  return async () => {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
      return undefined;
    }
    const now = `${info.size}:${info.mtimeMs}`;
    if (now !== key) [body, key] = [await readFile(path), now];
    return body;
  };
}

function describe(body, version) {
  const digest = createHash('sha384').update(body).digest();
  const name = `values-survey-${version}-${digest.toString('hex').slice(0, 10)}.js`;
  return {
    name,
    path: `/assets/${name}`,
    integrity: `sha384-${digest.toString('base64')}`,
    version,
    body,
  };
}

/** The version in the package.json beside the bundle's dist/ folder, else "0". */
async function packageVersion(file) {
  try {
    const manifest = JSON.parse(await readFile(join(dirname(file), '..', 'package.json'), 'utf8'));
    return /^[0-9A-Za-z.+-]{1,40}$/.test(manifest.version) ? manifest.version : '0';
  } catch {
    return '0';
  }
}

async function archive(dir, bundle, log) {
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, bundle.name), bundle.body, { flag: 'wx' });
  } catch (error) {
    if (error.code === 'EEXIST') return;
    // Serving still works; only a later upgrade would stop older snippets loading.
    log?.warn(
      { err: { message: error.message, code: error.code } },
      `could not keep a copy of ${bundle.name} in ${dir}`,
    );
  }
}

/** Compressed bodies by content and encoding: each bundle is compressed once per encoding. */
const ENCODERS = {
  br: (body) =>
    promisify(brotliCompress)(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  gzip: (body) => promisify(gzip)(body, { level: 9 }),
};

/** br if the client accepts it, else gzip, else none (q=0 refuses an encoding). */
export function chooseEncoding(header = '') {
  const accepted = new Map();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  const ok = (name) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return undefined;
}

/**
 * @param {import('fastify').FastifyInstance} app
 * @param {{ bundles: ReturnType<typeof bundleSource> }} options
 */
export async function assetRoutes(app, { bundles }) {
  const compressed = new Map();
  const crossOrigin = (reply) =>
    reply
      .header('Access-Control-Allow-Origin', '*')
      .header('Cross-Origin-Resource-Policy', 'cross-origin');

  app.get(MANIFEST_PATH, async (request, reply) => {
    crossOrigin(reply).header('Cache-Control', 'no-cache');
    const bundle = await bundles.current();
    if (!bundle) return reply.code(404).send({ error: 'not built', message: NOT_BUILT });
    return {
      url: `${ownOrigin(request)}${bundle.path}`,
      integrity: bundle.integrity,
      version: bundle.version,
    };
  });

  // The current bundle at a stable address, for a site-wide script that follows upgrades (no
  // `integrity` then: a pinned hash needs the versioned URL the manifest names). Revalidated on
  // each load through its ETag.
  app.get('/values-survey.js', async (request, reply) => {
    const bundle = await bundles.current();
    if (!bundle) return reply.code(404).type('text/plain; charset=utf-8').send(NOT_BUILT);
    return sendBundle(request, reply, bundle.name, bundle.body, 'no-cache');
  });

  // The diagnostics beside either address of the bundle: the bundle imports
  // `./values-survey-diagnostics.js` relative to itself. Not versioned: an older bundle (kept for
  // an older snippet) hands the current file the same data, a definition's problems.
  const sendDiagnostics = async (request, reply) => {
    const body = await bundles.diagnostics();
    if (!body) return reply.code(404).type('text/plain; charset=utf-8').send(NOT_BUILT);
    const tag = createHash('sha256').update(body).digest('hex').slice(0, 16);
    return sendBundle(request, reply, `${DIAGNOSTICS_NAME}-${tag}`, body, 'no-cache');
  };
  app.get(`/assets/${DIAGNOSTICS_NAME}`, sendDiagnostics);
  app.get(`/${DIAGNOSTICS_NAME}`, sendDiagnostics);

  app.get('/assets/:name', async (request, reply) => {
    const { name } = request.params;
    const bundle = await bundles.current();
    const body = bundle?.name === name ? bundle.body : await bundles.archived(name);
    if (!body) {
      const message = NAME.test(name)
        ? `${name} is not a bundle this receiver has served. ${MANIFEST_PATH} names the current one.`
        : `No file ${name}.`;
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .send(bundle ? message : NOT_BUILT);
    }
    return sendBundle(request, reply, name, body, IMMUTABLE);
  });

  /** One bundle's bytes, compressed as the client accepts, with CORS, caching and an ETag. */
  async function sendBundle(request, reply, name, body, cacheControl) {
    const encoding = chooseEncoding(request.headers['accept-encoding']);
    const tag = `"${name}${encoding ? `-${encoding}` : ''}"`;
    crossOrigin(reply)
      .type('text/javascript; charset=utf-8')
      .header('Cache-Control', cacheControl)
      .header('Vary', 'Accept-Encoding')
      .header('ETag', tag);
    if (request.headers['if-none-match'] === tag) return reply.code(304).send();
    if (!encoding) return reply.send(body);
    const key = `${name}:${encoding}`;
    if (!compressed.has(key)) compressed.set(key, ENCODERS[encoding](body));
    return reply.header('Content-Encoding', encoding).send(await compressed.get(key));
  }
}
