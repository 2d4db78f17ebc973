// The snippets an editor pastes into the CMS, each naming the survey by its address on the survey
// server (the receiver), never carrying the definition inline. Pure functions, so the page can
// rebuild them on every keystroke of any field. docs/editors.md shows the same text (a test
// compares them), and test/cms-editors.test.ts pastes those into the real editors.

/**
 * Checks the survey server's address an editor typed. Returns the problem in words, or '' when
 * it is usable. Empty is a problem here: a snippet without a server collects answers that go
 * nowhere.
 */
export function receiverProblem(value) {
  const text = value.trim();
  if (!text) {
    return 'Enter the address of the survey server to get the snippets.';
  }
  let url;
  try {
    url = new URL(text);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return 'The survey server’s address must be a full web address starting with https://';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return 'The survey server’s address must start with https://';
  }
  if (url.search || url.hash || url.username || url.password) {
    return 'The survey server’s address is just the server, like https://surveys.your-trust.nhs.uk/ (nothing after ? or #, no user name).';
  }
  return '';
}

/**
 * The survey server's base address, without a trailing slash. An editor who pastes the
 * endpoint they were given (…/responses) gets the same server.
 */
export function receiverBase(value) {
  const url = new URL(value.trim());
  const path = url.pathname.replace(/\/+$/, '').replace(/\/responses$/, '');
  return `${url.origin}${path}`;
}

/** Text safe inside a double-quoted HTML attribute. */
const attribute = (text) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Text safe as HTML content. */
const content = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The addresses of one survey on the survey server at `base`. */
export function surveyAddresses(base, surveyId) {
  const id = encodeURIComponent(surveyId);
  return {
    definition: `${base}/surveys/${id}`,
    endpoint: `${base}/responses`,
    page: `${base}/s/${id}`,
    // The fragment marks a link the site-wide script turns into the survey itself.
    marker: `${base}/s/${id}#values-survey`,
    bundleInfo: `${base}/assets/values-survey.json`,
    check: `${base}/check`,
  };
}

/** The script tag for `bundle` ({ src, integrity? }), with integrity when the server gives one. */
export function scriptTag(bundle) {
  const integrity = bundle.integrity ? ` integrity="${attribute(bundle.integrity)}"` : '';
  return `<script type="module" src="${attribute(bundle.src)}"${integrity} crossorigin="anonymous"></script>`;
}

/** Each snippet: its key (as in docs/editors.md), heading, and one line on when to use it. */
export const SNIPPET_KINDS = [
  {
    key: 'marker',
    heading: 'The marker: works in every editor',
    when: 'Paste it into the editor’s source (HTML) view. Where the site-wide script runs, the survey appears in its place; elsewhere people see a link to the survey’s own page.',
  },
  {
    key: 'link',
    heading: 'The link alone',
    when: 'For editors that keep only text and links: make a link to this address with the toolbar. The site-wide script turns it into the survey.',
  },
  {
    key: 'element',
    heading: 'The element and script',
    when: 'For pages that allow scripts (a template, or an administrator’s HTML block); it needs no site-wide script.',
  },
  {
    key: 'hosted-link',
    heading: 'A link to the survey’s own page',
    when: 'For emails, newsletters and posters (make a QR code of the address): the survey opens on its own page on the survey server.',
  },
  {
    key: 'iframe',
    heading: 'An iframe',
    when: 'Only where iframes are allowed and no script can be added site-wide; TinyMCE blocks it at its defaults.',
  },
];

/**
 * The snippets for `definition` ({ id, title }) on the survey server at `base` (from
 * {@link receiverBase}), with `bundle` ({ src, integrity? }) for the script: `{ key: code }`.
 */
export function buildSnippets({ definition, base, bundle }) {
  const at = surveyAddresses(base, definition.id);
  const title = String(definition.title ?? '');
  const linkText = content(`Take the survey: ${title}`);
  const link = `<a href="${attribute(at.marker)}">${linkText}</a>`;
  return {
    marker: [
      `<div data-values-survey="${attribute(definition.id)}" data-src="${attribute(at.definition)}" data-endpoint="${attribute(at.endpoint)}">`,
      `  <p>${link}</p>`,
      '</div>',
    ].join('\n'),
    link: `<p>${link}</p>`,
    element: [
      scriptTag(bundle),
      `<values-survey survey="${attribute(definition.id)}" src="${attribute(at.definition)}" endpoint="${attribute(at.endpoint)}">`,
      `  ${link}`,
      '</values-survey>',
    ].join('\n'),
    'hosted-link': `<p><a href="${attribute(at.page)}">${linkText}</a></p>`,
    iframe: `<iframe src="${attribute(at.page)}" title="${attribute(`Survey: ${title}`)}" width="100%" height="900" loading="lazy"></iframe>`,
  };
}

/** "1 question", "7 questions". */
export const plural = (count, noun) => `${count} ${noun}${count === 1 ? '' : 's'}`;
