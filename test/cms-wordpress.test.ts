/**
 * The docs' snippets through WordPress's own sanitiser: what an author (no `unfiltered_html`)
 * saves is wp_kses_post() of it, run by WordPress's PHP code (test/fixtures/wp-kses-post.php,
 * through test/support/wordpress-plugin.mjs), then shown on a CMS page with and without the
 * site-wide script, the survey server a real receiver on another origin.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { waitUntil } from './support/wait.js';
import { queryByRole } from './support/queries.js';
import {
  answerAndSubmit,
  cmsPage,
  docsSnippets,
  isShown,
  pointed,
  startSurveyServer,
  type SurveyServer,
} from './fixtures/cms-page.js';

const TITLE = 'Name our new clinic';
const LINK_TEXT = 'Take the survey: Name our new clinic';

/** What WordPress keeps of a snippet: all of it, its link alone, or nothing. */
type Kept = 'as written' | 'the link' | 'nothing';

/** What a person sees on the page with the site-wide script. */
type Outcome = 'survey' | 'link' | 'nothing';

/** Each outcome in words, for the tests' names. */
const SHOWN: Record<Outcome, string> = {
  survey: 'the survey',
  link: 'its link',
  nothing: 'nothing',
};

/**
 * Measured here, and written up in docs/editors.md's WordPress table. The element loses its
 * script and `<values-survey>` but keeps the #values-survey link inside, which becomes the survey.
 */
const EXPECTED: Record<string, { kept: Kept; outcome: Outcome }> = {
  marker: { kept: 'as written', outcome: 'survey' },
  link: { kept: 'as written', outcome: 'survey' },
  element: { kept: 'the link', outcome: 'survey' },
  'hosted-link': { kept: 'as written', outcome: 'link' },
  iframe: { kept: 'nothing', outcome: 'nothing' },
};

/** wp_kses_post() of `html`, run by WordPress's PHP code, and the WordPress version that ran. */
async function savedByAuthor(html: string) {
  const result = await executeServerCommand<{ kept: string; version: string }, object>(
    'wordpress-kses',
    { html },
  );
  if (!result) throw new Error('the wordpress plugin is not installed (web-test-runner.config)');
  return result;
}

/** The `<a>…</a>` a snippet carries. */
const anchorOf = (snippet: string) => /<a [^>]*>[^<]*<\/a>/.exec(snippet)![0];

function expectKept(snippet: string, kept: string, expected: Kept, label: string) {
  if (expected === 'as written') expect(kept, label).to.equal(snippet);
  else if (expected === 'the link') expect(kept.trim(), label).to.equal(anchorOf(snippet));
  else expect(kept.trim(), label).to.equal('');
}

/** Submits the survey in `el` and checks that `server` received it once, with its answers. */
async function expectSubmitted(el: Element, label: string, server: SurveyServer) {
  const before = new Set((await server.responses()).map((r) => r.id));
  expect(await answerAndSubmit(el), label).to.equal('Your answers have been sent.');
  const added = (await server.responses()).filter((r) => !before.has(r.id));
  expect(
    added.map(({ surveyId, surveyVersion, answers }) => ({ surveyId, surveyVersion, answers })),
    label,
  ).to.deep.equal([
    {
      surveyId: 'tp-clinic-name',
      surveyVersion: '1',
      answers: { fit: { type: 'scale', value: 4 } },
    },
  ]);
}

/**
 * Shows what WordPress kept on a CMS page, with the site-wide script unless `siteWide` is false,
 * and checks what a person sees: the survey (answered, submitted and read back from the
 * receiver), the link, or nothing at all.
 */
async function expectShown(
  kept: string,
  outcome: Outcome,
  label: string,
  server: SurveyServer,
  { siteWide = true } = {},
) {
  const page = await cmsPage(pointed(kept, server), server, { siteWide });
  try {
    const surveys = () => [...page.doc.querySelectorAll('values-survey')];
    const links = () =>
      [...page.doc.querySelectorAll('a')].filter((a) => a.textContent === LINK_TEXT);
    if (outcome === 'survey') {
      await waitUntil(
        () =>
          surveys().some(
            (el) => el.shadowRoot && isShown(el) && queryByRole(el.shadowRoot, 'heading', TITLE),
          ),
        `${label}: the survey did not appear`,
      );
      // Once, never twice, and the fallback link has given way to it.
      expect(surveys(), label).to.have.length(1);
      expect(links().filter(isShown), label).to.deep.equal([]);
      await expectSubmitted(surveys()[0], label, server);
    } else if (outcome === 'link') {
      // Never a blank space: the link to the survey is there and shown.
      expect(links().filter(isShown), label).to.have.length(1);
      expect(links()[0].getAttribute('href'), label).to.match(
        new RegExp(`^${server.url}/s/tp-clinic-name(#values-survey)?$`),
      );
      expect(surveys(), label).to.deep.equal([]);
    } else {
      expect(page.doc.body.textContent!.trim(), label).to.equal('News from the Trust');
    }
    expect(page.win.violations, label).to.deep.equal([]);
    expect(page.win.pageErrors, label).to.deep.equal([]);
  } finally {
    page.close();
  }
}

describe('snippets saved by a WordPress author (wp_kses_post), then on a page', function () {
  // Each test runs PHP twice, renders two pages and may submit a survey.
  this.timeout(60_000);
  let snippets: Map<string, string>;
  let server: SurveyServer;
  before(async () => {
    snippets = await docsSnippets();
    expect([...snippets.keys()]).to.deep.equal(Object.keys(EXPECTED));
    server = await startSurveyServer();
  });
  after(() => server?.stop());

  for (const [name, { kept: expectedKept, outcome }] of Object.entries(EXPECTED)) {
    it(`${name}: WordPress keeps ${expectedKept}; the page shows ${SHOWN[outcome]}`, async () => {
      const snippet = snippets.get(name)!;
      const { kept, version } = await savedByAuthor(snippet);
      const label = `WordPress ${version} / ${name}`;
      expectKept(snippet, kept, expectedKept, label);
      await expectShown(kept, outcome, label, server);
      // Where the site-wide script is missing or cannot load, what is left is the link (or,
      // for the iframe, nothing was kept to begin with).
      await expectShown(kept, outcome === 'nothing' ? 'nothing' : 'link', label, server, {
        siteWide: false,
      });
    });
  }

  it("keeps the marker whole inside the block editor's Custom HTML block", async () => {
    // What the block editor saves for a Custom HTML block: the HTML between block comments.
    const block = `<!-- wp:html -->\n${snippets.get('marker')!}\n<!-- /wp:html -->`;
    const { kept } = await savedByAuthor(block);
    expect(kept).to.equal(block);
  });

  it("docs/editors.md's WordPress table says what these tests measured", async () => {
    const text = await (await fetch('/docs/editors.md')).text();
    const table = text.split('<!-- table: wordpress -->')[1].trim().split('\n\n')[0].split('\n');
    const cells = (row: string) =>
      row
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim());
    const [, , ...rows] = table.map(cells);
    const documented = Object.fromEntries(
      rows.map(([name, kept, outcome]) => [name, { kept, outcome }]),
    );
    expect(documented).to.deep.equal(EXPECTED);
  });

  it("the README's editor snippet, the marker, is kept whole for WordPress authors", async () => {
    const readme = await (await fetch('/README.md')).text();
    const section = readme.split('## For editors: putting the survey on a page')[1];
    const [first] = /```html\n([\s\S]*?)\n```/.exec(section)!.slice(1);
    const { kept } = await savedByAuthor(first);
    expect(kept).to.equal(first);
    expect(EXPECTED.marker).to.deep.equal({ kept: 'as written', outcome: 'survey' });
  });
});
