/**
 * The docs' snippets through WordPress's own sanitiser: what an author (no `unfiltered_html`)
 * saves is wp_kses_post() of it, run by WordPress's PHP code (test/fixtures/wp-kses-post.php,
 * through test/support/wordpress-plugin.mjs), then shown on a CMS page with and without the
 * site-wide script, the survey server a real receiver on another origin.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import {
  docsSnippets,
  docsTable,
  expectOutcome,
  startSurveyServer,
  type Outcome,
  type SurveyServer,
} from './fixtures/cms-page.js';

/** What WordPress keeps of a snippet: all of it, its link alone, or nothing. */
type Kept = 'as written' | 'the link' | 'nothing';

/** What a person sees on the page with the site-wide script (WordPress keeps no iframe). */
type Shown = Exclude<Outcome, 'iframe'>;

/** Each outcome in words, for the tests' names. */
const SHOWN: Record<Shown, string> = {
  survey: 'the survey',
  link: 'its link',
  nothing: 'nothing',
};

/**
 * Measured here, and written up in docs/editors.md's WordPress table. The element loses its
 * script and `<values-survey>` but keeps the #values-survey link inside, which becomes the survey.
 */
const EXPECTED: Record<string, { kept: Kept; outcome: Shown }> = {
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
      await expectOutcome(kept, outcome, label, server);
      // Where the site-wide script is missing or cannot load, what is left is the link (or,
      // for the iframe, nothing was kept to begin with).
      await expectOutcome(kept, outcome === 'nothing' ? 'nothing' : 'link', label, server, {
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
    const [, ...rows] = await docsTable('wordpress');
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
