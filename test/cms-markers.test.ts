import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import { byRole, queryByRole } from './support/queries.js';
import '../src/define.js';
import { watchMarkers } from '../src/embed/markers.js';
import type { ValuesSurvey } from '../src/values-survey.js';
import {
  cmsPage,
  docsSnippets,
  isShown,
  pointed,
  startSurveyServer,
  type SurveyServer,
} from './fixtures/cms-page.js';

const TITLE = 'Name our new clinic';
const LINK_TEXT = 'Take the survey';

/** Silences the console.error every definition error also logs (expected in these tests). */
function quietDefinitionErrors() {
  const original = console.error;
  console.error = (...args: unknown[]) => {
    if (!String(args[0]).startsWith('values-survey: ')) original(...args);
  };
  return () => (console.error = original);
}

/** A block marker for `survey` on `base`, as the editor page writes it. */
const block = (base: string, survey = 'tp-clinic-name', src = `${base}/surveys/${survey}`) =>
  `<div data-values-survey="${survey}" data-src="${src}" data-endpoint="${base}/responses">
    <p><a href="${base}/s/${survey}#values-survey">${LINK_TEXT}</a></p>
  </div>`;

/** Puts markup on this page the way a CMS's script or template would (after the watcher runs). */
async function place(markup: string) {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  const parsed = new DOMParser().parseFromString(markup, 'text/html');
  host.append(...[...parsed.body.childNodes].map((node) => document.importNode(node, true)));
  return host;
}

const surveysIn = (host: Element) => [...host.querySelectorAll<ValuesSurvey>('values-survey')];
const linkIn = (host: Element) =>
  [...host.querySelectorAll('a')].find((a) => a.textContent === LINK_TEXT);

async function surveyShown(host: Element) {
  await waitUntil(
    () =>
      surveysIn(host).some(
        (el) => el.shadowRoot && isShown(el) && queryByRole(el.shadowRoot, 'heading', TITLE),
      ),
    'the survey did not appear',
  );
  return surveysIn(host)[0];
}

async function errorShown(host: Element, reason: RegExp) {
  await waitUntil(
    () =>
      surveysIn(host).some(
        (el) =>
          el.shadowRoot &&
          isShown(el) &&
          queryByRole(el.shadowRoot, 'alert', /This survey cannot be shown/),
      ),
    'no error box',
  );
  const el = surveysIn(host)[0];
  const alert = byRole(el.shadowRoot!, 'alert', /This survey cannot be shown/);
  expect(alert.textContent).to.match(reason);
  // Never a blank space: the marker's own link stays beside the error box.
  if (linkIn(host)) expect(isShown(linkIn(host)!)).to.equal(true);
  return el;
}

describe('markers upgraded in place', function () {
  this.timeout(30_000);
  let restore: () => void;
  let observer: MutationObserver;
  let server: SurveyServer;
  before(async () => {
    observer = watchMarkers();
    server = await startSurveyServer();
  });
  after(async () => {
    observer.disconnect();
    await server?.stop();
  });
  beforeEach(() => {
    restore = quietDefinitionErrors();
  });
  afterEach(() => restore());

  it('replaces a block marker with its survey once the survey is ready, and only once', async () => {
    const base = server.url;
    const host = await place(`<h2>Our clinic</h2>${block(base)}`);
    const el = await surveyShown(host);
    expect(el.getAttribute('survey')).to.equal('tp-clinic-name');
    expect(el.getAttribute('endpoint')).to.equal(`${base}/responses`);
    expect(isShown(linkIn(host)!)).to.equal(false);
    await expect(host).to.be.accessible();

    // Moved on the page (a CMS widget re-rendering, a tab panel): still one survey.
    const marker = host.querySelector('[data-values-survey]')!;
    marker.remove();
    host.append(marker);
    await el.updateComplete;
    expect(surveysIn(host)).to.have.length(1);
  });

  it('upgrades a link to the hosted page marked #values-survey, alone or within text', async () => {
    const base = server.url;
    const host = await place(
      `<p><a href="${base}/s/tp-clinic-name#values-survey">${LINK_TEXT}</a></p>
       <p>Or read about it <a href="${base}/s/tp-clinic-name">on its own page</a>.</p>`,
    );
    const el = await surveyShown(host);
    expect(el.getAttribute('src')).to.equal(`${base}/surveys/tp-clinic-name`);
    // The paragraph gave way; the unmarked link is an ordinary link still.
    expect(isShown(linkIn(host)!.parentElement!)).to.equal(false);
    expect(surveysIn(host)).to.have.length(1);
    expect(isShown(byRole(host, 'link', 'on its own page'))).to.equal(true);

    const inText = await place(
      `<p>Please <a href="${base}/s/tp-clinic-name#values-survey">${LINK_TEXT}</a> today.</p>`,
    );
    await surveyShown(inText);
    const paragraph = inText.querySelector('p')!;
    expect(isShown(paragraph)).to.equal(true);
    expect(paragraph.textContent!.replace(/\s+/g, ' ')).to.match(/Please .*today\./);
    expect(isShown(linkIn(inText)!)).to.equal(false);
    await expect(inText).to.be.accessible();
  });

  it("leaves the page's own #values-survey anchors and copies of an upgraded marker alone", async () => {
    const base = server.url;
    const host = await place(
      `<p><a href="#values-survey">Skip to the survey</a></p>
       <p><a href="/news/clinic#values-survey">Read about the survey</a></p>`,
    );
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(surveysIn(host)).to.deep.equal([]);
    expect(isShown(byRole(host, 'link', 'Skip to the survey'))).to.equal(true);

    const original = await place(block(base));
    await surveyShown(original);
    // A CMS that re-renders by copying the HTML: the copy carries its survey; no second one.
    const copy = await place(original.innerHTML);
    await surveyShown(copy);
    expect(surveysIn(copy)).to.have.length(1);
  });

  it('keeps the link and shows why when the definition cannot be loaded', async () => {
    const base = server.url;
    const host = await place(block(base, 'missing-survey'));
    await errorShown(host, /could not be loaded from .*missing-survey \(status 404\)/);
    await expect(host).to.be.accessible();
  });

  it('never shows another survey: a definition for a different survey is an error', async () => {
    const base = server.url;
    const host = await place(block(base, 'other-survey', `${base}/surveys/tp-clinic-name`));
    await errorShown(
      host,
      /The survey "other-survey" is named here but its definition is for "tp-clinic-name"/,
    );
  });

  it('never shows the built-in survey where a survey was named but its address was stripped', async () => {
    const host = await place(
      `<div data-values-survey="tp-clinic-name"><p>Our survey will be here.</p></div>`,
    );
    await errorShown(
      host,
      /The survey "tp-clinic-name" is named here but its definition is missing/,
    );
    expect(isShown(host.querySelector('p')!)).to.equal(true);
    expect(queryByRole(surveysIn(host)[0].shadowRoot!, 'button', 'Start')).to.equal(null);
    await expect(host).to.be.accessible();
  });

  it('says so when a marker names nothing, or its address is not a web address', async () => {
    const nothing = await place(`<div data-values-survey><p>Survey</p></div>`);
    await errorShown(nothing, /does not say which survey/);
    const base = server.url;
    const broken = await place(block(base, 'tp-clinic-name', 'http://[broken'));
    await errorShown(broken, /could not be loaded from http:\/\/\[broken: not a web address/);
  });

  it('leaves markers inside an editing area alone', async () => {
    const base = server.url;
    const host = await place(`<div contenteditable="true">${block(base)}</div>`);
    // Markers are upgraded in the observer's callback, a microtask after they are added: it has
    // run by the next frame.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(surveysIn(host)).to.deep.equal([]);
    expect(host.querySelector('[data-values-survey]')!.children).to.have.length(1);
  });
});

describe('<values-survey> that names its survey', () => {
  let restore: () => void;
  beforeEach(() => {
    restore = quietDefinitionErrors();
  });
  afterEach(() => restore());

  it('shows the error box, not the built-in survey, when its src was removed', async () => {
    const el = await fixture<ValuesSurvey>(
      html`<values-survey survey="tp-clinic-name" endpoint="/endpoint/named"></values-survey>`,
    );
    await waitUntil(() => queryByRole(el.shadowRoot!, 'alert', /This survey cannot be shown/));
    expect(queryByRole(el.shadowRoot!, 'heading', /Refresh our values/)).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows the error box when its child JSON is another survey, and the survey when it matches', async () => {
    const el = await fixture<ValuesSurvey>(
      html`<values-survey survey="second">
        <script type="application/json">
          {
            "id": "first",
            "version": "1",
            "title": "First",
            "questions": [{ "id": "a", "type": "text", "prompt": "A?" }]
          }
        </script>
      </values-survey>`,
    );
    await waitUntil(() =>
      queryByRole(
        el.shadowRoot!,
        'alert',
        /The survey "second" is named here but its definition is for "first"/,
      ),
    );
    el.survey = 'first';
    await waitUntil(() => el.steps.length > 0, 'the named survey did not start');
    expect(queryByRole(el.shadowRoot!, 'alert')).to.equal(null);
  });
});

describe('markers on a CMS page with the strict policy and Trusted Types', function () {
  this.timeout(30_000);
  let server: SurveyServer;
  before(async () => {
    server = await startSurveyServer({ surveys: ['tp-clinic-name', 'tp-later'] });
  });
  after(() => server?.stop());

  it('upgrades markers present on load and added later, with no violations', async () => {
    const base = server.url;
    const page = await cmsPage(block(base), server);
    try {
      await surveyShown(page.doc.body);
      // Added later by the page's own script (a CMS's "load more", a tab panel).
      const later = new DOMParser().parseFromString(block(base, 'tp-later'), 'text/html');
      const section = page.doc.createElement('section');
      section.append(page.doc.importNode(later.body.firstElementChild!, true));
      page.doc.body.append(section);
      await waitUntil(
        () => section.querySelector('values-survey')?.shadowRoot?.querySelector('h2, h1'),
        'the later marker was not upgraded',
      );
      expect(page.doc.querySelectorAll('values-survey')).to.have.length(2);
      expect(page.win.violations).to.deep.equal([]);
      expect(page.win.pageErrors).to.deep.equal([]);
    } finally {
      page.close();
    }
  });

  it('loads the element snippet’s script from the survey server with its integrity hash', async () => {
    const element = (await docsSnippets()).get('element')!;
    const page = await cmsPage(pointed(element, server), server, { siteWide: false });
    try {
      await surveyShown(page.doc.body);
      expect(page.win.violations).to.deep.equal([]);
    } finally {
      page.close();
    }
  });

  it('leaves the link in place when the script cannot load (a wrong integrity hash)', async () => {
    const element = (await docsSnippets()).get('element')!;
    const wrong = {
      ...server,
      bundle: { ...server.bundle, integrity: `sha384-${'A'.repeat(64)}` },
    };
    const page = await cmsPage(pointed(element, wrong), wrong, { siteWide: false });
    try {
      // The script is refused (integrity), so the element never upgrades: its link shows.
      const link = [...page.doc.querySelectorAll('a')].find((a) => a.textContent?.includes(TITLE));
      expect(link && isShown(link)).to.equal(true);
      expect(page.win.customElements.get('values-survey')).to.equal(undefined);
    } finally {
      page.close();
    }
  });
});
