// GET /s/{surveyId}: a plain page with one survey on it, served by the receiver, for a link, a
// QR code on a poster, or an iframe on a page that allows one. The survey loads its definition
// from this receiver (/surveys/{id}) and sends to it (/responses), so no other site is involved
// and ALLOWED_ORIGINS is not needed to post from it.
//
//   /s/{surveyId}[?version=]           the page (404 page if unknown; a notice if not open)
//   /s/page.css, /s/page.js            its style, and the script that tells a parent page its
//                                      height when it is inside an iframe
//   /assets/values-survey-frame.js     for the parent page: sizes such iframes to their content
//
// Strict CSP: scripts, styles and requests only from this receiver, Trusted Types enforced; it
// may be framed only by the sites in ALLOWED_ORIGINS.
import { MANIFEST_PATH } from './assets.js';
import { viewSurvey } from '../surveys-view.js';

const PAGE_CSS = `html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
body { margin: 0; }
main { box-sizing: border-box; max-width: 46rem; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.75rem; margin: 0 0 16px; }
p { font-size: 1.1875rem; line-height: 1.5; margin: 0 0 16px; }
/* The page's h1 names the survey for assistive technology; the survey shows the title itself. */
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: 0; padding: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); border: 0; white-space: nowrap; }
`;

// Inside an iframe, tell the parent how tall the content is whenever it changes. The height is
// all it says, so any parent may hear it.
const PAGE_JS = `if (window.parent !== window) {
  const send = () =>
    window.parent.postMessage(
      { type: 'values-survey-height', height: Math.ceil(document.body.getBoundingClientRect().height) },
      '*',
    );
  new ResizeObserver(send).observe(document.body);
}
`;

// On the parent page: size each iframe showing a hosted survey page to the height it reports.
const FRAME_JS = `// values-survey: sizes iframes of the receiver's hosted survey pages (/s/...) to their content.
window.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'values-survey-height' || !Number.isFinite(data.height)) return;
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow !== event.source) continue;
    if (new URL(frame.src, location.href).origin !== event.origin) continue;
    frame.style.height = Math.max(0, Math.ceil(data.height)) + 'px';
  }
});
`;

export const FRAME_SCRIPT_PATH = '/assets/values-survey-frame.js';

/** Text for HTML: the survey's title comes from its definition. */
export function escapeHtml(text) {
  return String(text).replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char],
  );
}

/** The hosted page's Content Security Policy. */
export function hostedPageCsp(allowedOrigins) {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${["'self'", ...allowedOrigins].join(' ')}`,
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
  ].join('; ');
}

function page({ title, head = '', body }) {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/s/page.css">
${head}<script type="module" src="/s/page.js"></script>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function notice(title, text) {
  return page({ title, body: `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(text)}</p>` });
}

/**
 * @param {import('fastify').FastifyInstance} app
 * @param {{ config: import('../config.js').ReceiverConfig,
 *   bundles: ReturnType<typeof import('./assets.js').bundleSource> }} options
 */
export async function hostedRoutes(app, { config, bundles }) {
  const csp = hostedPageCsp(config.allowedOrigins);
  const html = (reply, status, text) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('Content-Security-Policy', csp)
      .header('Referrer-Policy', 'no-referrer')
      .header('Cache-Control', 'no-cache')
      .send(text);

  app.get('/s/page.css', async (request, reply) =>
    reply
      .type('text/css; charset=utf-8')
      .header('Cache-Control', 'public, max-age=3600')
      .send(PAGE_CSS),
  );
  app.get('/s/page.js', async (request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('Cache-Control', 'public, max-age=3600')
      .send(PAGE_JS),
  );
  app.get(FRAME_SCRIPT_PATH, async (request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('Cache-Control', 'public, max-age=3600')
      .header('Access-Control-Allow-Origin', '*')
      .header('Cross-Origin-Resource-Policy', 'cross-origin')
      .send(FRAME_JS),
  );

  app.get('/s/:surveyId', async (request, reply) => {
    const { surveyId } = request.params;
    const version = typeof request.query.version === 'string' ? request.query.version : undefined;
    const survey = await viewSurvey(app.surveys, surveyId, { version });
    if (!survey.known) {
      return html(
        reply,
        404,
        notice(
          'Survey not found',
          'There is no survey at this address. Check the link, or ask whoever gave it to you.',
        ),
      );
    }
    const title = survey.title ?? 'Survey';
    if (!survey.open) return html(reply, 200, notice(title, survey.message));
    const bundle = await bundles.current();
    if (!bundle) {
      request.log.warn(`GET /s/${surveyId}: the survey bundle is not built (${MANIFEST_PATH})`);
      return html(
        reply,
        503,
        notice(title, 'This survey cannot be shown just now. Please try again later.'),
      );
    }
    const src = `/surveys/${encodeURIComponent(surveyId)}${
      version ? `/${encodeURIComponent(version)}` : ''
    }`;
    return html(
      reply,
      200,
      page({
        title,
        head: `<script type="module" src="${bundle.path}" integrity="${bundle.integrity}" crossorigin="anonymous"></script>\n`,
        body:
          `<h1 class="visually-hidden">${escapeHtml(title)}</h1>\n` +
          `<values-survey survey="${escapeHtml(surveyId)}" src="${escapeHtml(src)}" endpoint="/responses"></values-survey>\n` +
          '<noscript><p>This survey needs JavaScript, which is turned off in this browser.</p></noscript>',
      }),
    );
  });
}
