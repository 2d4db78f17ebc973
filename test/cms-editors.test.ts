import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import { EDITORS } from './fixtures/cms-editors.js';
import {
  cmsPage,
  docsSnippets,
  docsTable,
  expectOutcome,
  expectSubmitted,
  pointed,
  startSurveyServer,
  type Outcome,
  type SurveyServer,
} from './fixtures/cms-page.js';

/**
 * The outcome each snippet has after each editor, on a page with the site-wide script: measured,
 * and written up in docs/editors.md's table. The marker and the element carry a #values-survey
 * link, so wherever an editor strips the rest, the link is left and becomes the survey.
 */
const EXPECTED: Record<string, Record<string, Outcome>> = {
  marker: {
    'TinyMCE 8 (defaults)': 'survey',
    'TinyMCE 8 (custom elements allowed)': 'survey',
    'CKEditor 5 (paragraphs, headings, links)': 'survey',
    'CKEditor 5 (General HTML Support)': 'survey',
    'DOMPurify 3 (defaults)': 'survey',
  },
  link: {
    'TinyMCE 8 (defaults)': 'survey',
    'TinyMCE 8 (custom elements allowed)': 'survey',
    'CKEditor 5 (paragraphs, headings, links)': 'survey',
    'CKEditor 5 (General HTML Support)': 'survey',
    'DOMPurify 3 (defaults)': 'survey',
  },
  element: {
    'TinyMCE 8 (defaults)': 'survey',
    'TinyMCE 8 (custom elements allowed)': 'survey',
    'CKEditor 5 (paragraphs, headings, links)': 'survey',
    'CKEditor 5 (General HTML Support)': 'survey',
    'DOMPurify 3 (defaults)': 'survey',
  },
  'hosted-link': {
    'TinyMCE 8 (defaults)': 'link',
    'TinyMCE 8 (custom elements allowed)': 'link',
    'CKEditor 5 (paragraphs, headings, links)': 'link',
    'CKEditor 5 (General HTML Support)': 'link',
    'DOMPurify 3 (defaults)': 'link',
  },
  iframe: {
    'TinyMCE 8 (defaults)': 'iframe',
    'TinyMCE 8 (custom elements allowed)': 'iframe',
    'CKEditor 5 (paragraphs, headings, links)': 'nothing',
    'CKEditor 5 (General HTML Support)': 'iframe',
    'DOMPurify 3 (defaults)': 'nothing',
  },
};

describe('snippets through real CMS editors, then on a page with the site-wide script', function () {
  // Each test starts an editor (TinyMCE and CKEditor 5 are large), renders five pages and
  // submits three surveys.
  this.timeout(90_000);
  let snippets: Map<string, string>;
  let server: SurveyServer;
  const consoleWarn = console.warn;
  before(async () => {
    snippets = await docsSnippets();
    expect([...snippets.keys()]).to.deep.equal(Object.keys(EXPECTED));
    server = await startSurveyServer();
  });
  after(() => server?.stop());
  beforeEach(() => {
    // CKEditor 5 with General HTML Support warns that it keeps a script: expected here.
    console.warn = (...args: unknown[]) => {
      if (!String(args[0]).startsWith('domconverter-unsafe-script-element-detected')) {
        consoleWarn(...args);
      }
    };
  });
  afterEach(() => {
    console.warn = consoleWarn;
  });

  for (const editor of EDITORS) {
    it(`${editor.name}: each snippet shows what docs/editors.md says`, async () => {
      for (const [name, expected] of Object.entries(EXPECTED)) {
        const kept = await editor.roundTrip(snippets.get(name)!);
        await expectOutcome(kept, expected[editor.name], `${editor.name} / ${name}`, server);
      }
    });
  }

  it('docs/editors.md tabulates the outcomes these tests check', async () => {
    const [header, ...rows] = await docsTable('kept');
    expect(header.slice(1)).to.deep.equal(EDITORS.map((e) => e.name));
    const documented = Object.fromEntries(
      rows.map(([name, ...outcomes]) => [
        name,
        Object.fromEntries(outcomes.map((outcome, i) => [header[i + 1], outcome])),
      ]),
    );
    expect(documented).to.deep.equal(EXPECTED);
  });

  it("the README's editor snippet is the docs' marker, the one that survives every editor", async () => {
    const readme = await (await fetch('/README.md')).text();
    const section = readme.split('## For editors: putting the survey on a page')[1];
    const [first] = /```html\n([\s\S]*?)\n```/.exec(section)!.slice(1);
    expect(first).to.equal(snippets.get('marker'));
    for (const editor of EDITORS) expect(EXPECTED.marker[editor.name]).to.equal('survey');
  });

  it('TinyMCE sandboxes a pasted iframe at its defaults (so the docs prefer the marker there)', async () => {
    const kept = await EDITORS[0].roundTrip(snippets.get('iframe')!);
    expect(kept).to.match(/<iframe [^>]*sandbox=""/);
  });
});

describe('the snippet published in the docs, submitted from a CMS page to another origin', function () {
  this.timeout(60_000);

  it('CKEditor 5 keeps only the link of the marker; the survey appears and its response arrives', async () => {
    const snippets = await docsSnippets();
    const ckeditor = EDITORS.find((e) => e.name.startsWith('CKEditor 5 (paragraphs'))!;
    const kept = await ckeditor.roundTrip(snippets.get('marker')!);
    expect(kept).not.to.contain('data-values-survey');
    const server = await startSurveyServer();
    const page = await cmsPage(pointed(kept, server), server);
    try {
      await waitUntil(() => page.doc.querySelector('values-survey'), 'the link was not upgraded');
      await expectSubmitted(page.doc.querySelector('values-survey')!, 'CKEditor 5', server);
      expect(page.win.violations).to.deep.equal([]);
      expect(page.win.pageErrors).to.deep.equal([]);
      // Nothing refused on the way: the page's origin is one the receiver allows.
      expect(await server.log('origin refused')).to.deep.equal([]);
    } finally {
      page.close();
      await server.stop();
    }
  });
});
