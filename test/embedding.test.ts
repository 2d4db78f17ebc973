import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import { byRole, queryByRole } from './support/queries.js';
// Storage only: this file must not register the element, the bundle does that.
import { DraftStore } from '../src/storage/drafts.js';

/**
 * Forgets the drafts of both surveys on the fixture page: other test files (and earlier tests
 * here, if their last save landed before the page was removed) leave them on this origin.
 */
async function clearFixtureDrafts() {
  for (const surveyId of ['tp-values-refresh', 'second-survey']) {
    const store = new DraftStore({ surveyId, surveyVersion: '1' });
    await store.clear();
    store.dispose();
  }
}

/** What page-watch.js records inside the fixture page. */
interface WatchedWindow extends Window {
  violations: string[];
  pageErrors: string[];
  warnings: string[];
  listenerCount: number;
}

type Survey = HTMLElement & { updateComplete: Promise<boolean> };

async function openFixture(path: string) {
  const iframe = document.createElement('iframe');
  iframe.style.width = '800px';
  iframe.style.height = '900px';
  iframe.src = path;
  document.body.append(iframe);
  await new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
  const win = iframe.contentWindow as WatchedWindow;
  const doc = iframe.contentDocument!;
  await waitUntil(() => win.customElements.get('values-survey'), 'the widget did not register');
  const survey = (id: string) => doc.getElementById(id) as Survey;
  await waitUntil(
    () => survey('first').shadowRoot?.querySelector('[data-step-heading]'),
    'the first survey did not render',
  );
  return { iframe, win, doc, survey, close: () => iframe.remove() };
}

async function press(el: Survey, name: string | RegExp) {
  byRole(el.shadowRoot!, 'button', name).click();
  await el.updateComplete;
}

describe('embedded in a CMS page with a strict CSP and hostile global CSS', () => {
  let page: Awaited<ReturnType<typeof openFixture>>;
  beforeEach(async () => {
    await clearFixtureDrafts();
    page = await openFixture('/test/fixtures/csp-page.html');
  });
  afterEach(() => page.close());

  it('completes and sends the built-in survey with no CSP violations and no errors', async () => {
    const first = page.survey('first');
    const shadow = first.shadowRoot!;
    await press(first, 'Start');
    await waitUntil(() => queryByRole(shadow, 'button', 'Continue'));
    await press(first, 'Continue'); // values: optional
    byRole(shadow, 'checkbox', 'Staff').click();
    await press(first, 'Continue');
    await press(first, 'Continue'); // mission: optional
    await press(first, 'Continue'); // add: optional
    byRole(shadow, 'radio', '4').click();
    await press(first, 'Continue');
    await press(first, 'Continue'); // vision: optional
    byRole(shadow, 'heading', 'Check your answers');
    const sent = new Promise<CustomEvent>((resolve) =>
      first.addEventListener('values-survey-sent', (e) => resolve(e as CustomEvent), {
        once: true,
      }),
    );
    await press(first, 'Submit');
    await waitUntil(() =>
      queryByRole(shadow, 'heading', 'Thank you for helping to refresh our values'),
    );
    // Sent to the endpoint under connect-src 'self'.
    expect((await sent).detail.status).to.be.oneOf([201, 409]);
    await waitUntil(() =>
      shadow.querySelector('.delivery-status')?.textContent?.includes('have been sent'),
    );
    expect(page.win.violations).to.deep.equal([]);
    expect(page.win.pageErrors).to.deep.equal([]);
  });

  it('warns once when the script is included twice, and still works', async () => {
    expect(page.win.warnings.filter((w) => w.includes('included twice'))).to.have.length(1);
    expect(page.win.pageErrors).to.deep.equal([]);
  });

  it('runs two surveys on one page independently', async () => {
    const first = page.survey('first');
    const second = page.survey('second');
    await waitUntil(() => queryByRole(second.shadowRoot!, 'heading', 'A second survey'));
    byRole(first.shadowRoot!, 'heading', 'Refresh our values, vision and mission');
    await press(second, 'Begin the survey');
    byRole(second.shadowRoot!, 'radio', '2').click();
    await second.updateComplete;
    // The first survey has not moved.
    byRole(first.shadowRoot!, 'button', 'Start');
    expect(queryByRole(first.shadowRoot!, 'radio')).to.equal(null);
  });

  it('honours a property set before the script upgraded the element', async () => {
    const second = page.survey('second');
    await waitUntil(() => queryByRole(second.shadowRoot!, 'button', 'Begin the survey'));
  });

  it('keeps its layout and readable sizes despite the page CSS', async () => {
    const first = page.survey('first');
    const start = byRole(first.shadowRoot!, 'button', 'Start');
    const view = page.win;
    const rect = start.getBoundingClientRect();
    expect(rect.height).to.be.at.least(44);
    expect(rect.width).to.be.at.least(44);
    expect(view.getComputedStyle(start).cursor).to.equal('pointer');
    const paragraph = first.shadowRoot!.querySelector('p')!;
    expect(parseFloat(view.getComputedStyle(paragraph).fontSize)).to.be.at.least(16);
    expect(view.getComputedStyle(paragraph).color).not.to.equal('rgb(255, 0, 255)');
    expect(view.getComputedStyle(first.shadowRoot!.querySelector('.survey')!).boxSizing).to.equal(
      'border-box',
    );
    await press(first, 'Start');
    await press(first, 'Continue');
    const box = byRole(first.shadowRoot!, 'checkbox', 'Staff');
    expect(view.getComputedStyle(box).display).not.to.equal('none');
  });

  it('adds nothing to the page outside itself', async () => {
    expect(page.doc.querySelectorAll('style').length).to.equal(0);
    expect(page.doc.adoptedStyleSheets.length).to.equal(0);
    // Compare with the page as served: the widget must not have added anything to it.
    const served = new DOMParser().parseFromString(
      await (await fetch('/test/fixtures/csp-page.html')).text(),
      'text/html',
    );
    const tags = (doc: Document) => [...doc.querySelectorAll('*')].map((el) => el.tagName);
    expect(tags(page.doc)).to.deep.equal(tags(served));
  });

  it('removes every window listener when taken off the page, and works when put back', async () => {
    const first = page.survey('first');
    const before = page.win.listenerCount;
    const parent = first.parentElement!;
    first.remove();
    expect(page.win.listenerCount).to.be.below(before);
    const second = page.survey('second');
    second.remove();
    parent.prepend(first);
    parent.append(second);
    expect(page.win.listenerCount).to.equal(before);
    await first.updateComplete;
    await press(first, 'Start');
    await waitUntil(() => queryByRole(first.shadowRoot!, 'button', 'Continue'));
    expect(page.win.pageErrors).to.deep.equal([]);
  });
});

describe('the built bundle under hostile global CSS, in this page', () => {
  it('renders from dist/values-survey.js and passes axe', async () => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = '/test/fixtures/hostile.css';
    document.head.append(link);
    await new Promise((resolve) => link.addEventListener('load', resolve, { once: true }));
    try {
      const bundle = '/dist/values-survey.js';
      await import(/* @vite-ignore */ bundle);
      const el = await fixture<Survey>(
        html`<values-survey endpoint="/endpoint/axe"></values-survey>`,
      );
      await waitUntil(() => el.shadowRoot?.querySelector('[data-step-heading]'));
      await expect(el).to.be.accessible();
      // "Start a new response" once this file's first test has sent the built-in survey.
      await press(el, /^Start/);
      await waitUntil(() => queryByRole(el.shadowRoot!, 'button', 'Continue'));
      await expect(el).to.be.accessible();
    } finally {
      link.remove();
    }
  });
});
