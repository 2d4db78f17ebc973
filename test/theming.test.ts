import { expect, fixture, html } from '@open-wc/testing';
import { byRole, queryByRole } from './support/queries.js';
import { press, renderSurvey, root, sampleDefinition } from './support/fixtures.js';
import { waitUntil } from './support/wait.js';
import { executeServerCommand } from '@web/test-runner-commands';
import type { ValuesSurvey } from '../src/values-survey.js';

describe('theming and wording', () => {
  it('takes colours from --values-survey-* custom properties set by the page', async () => {
    const el = await renderSurvey(sampleDefinition());
    el.style.setProperty('--values-survey-color-button', 'rgb(1, 2, 3)');
    el.style.setProperty('--values-survey-color-text', 'rgb(4, 5, 6)');
    const start = byRole(root(el), 'button', 'Start');
    expect(getComputedStyle(start).backgroundColor).to.equal('rgb(1, 2, 3)');
    const survey = root(el).querySelector('[part~="survey"]')!;
    expect(getComputedStyle(survey).color).to.equal('rgb(4, 5, 6)');
  });

  it('lets the page style documented parts with ::part()', async () => {
    const style = document.createElement('style');
    style.textContent = `values-survey::part(button-primary) { text-transform: uppercase; }
      values-survey::part(heading) { letter-spacing: 3px; }`;
    document.head.append(style);
    try {
      const el = await renderSurvey(sampleDefinition());
      expect(getComputedStyle(byRole(root(el), 'button', 'Start')).textTransform).to.equal(
        'uppercase',
      );
      const heading = byRole(root(el), 'heading', 'Tell us about the Trust');
      expect(getComputedStyle(heading).letterSpacing).to.equal('3px');
    } finally {
      style.remove();
    }
  });

  it('lets the page style the word chips through values-survey::part()', async () => {
    // The chips live in <values-survey-words>, inside the survey's shadow root: only parts the
    // survey exports (exportparts) can be reached from the page.
    const style = document.createElement('style');
    style.textContent = `values-survey::part(chip) { letter-spacing: 2px; }
      values-survey::part(chip-kept) { text-transform: uppercase; }
      values-survey::part(tally) { word-spacing: 7px; }
      values-survey::part(legend) { padding-left: 9px; }`;
    document.head.append(style);
    try {
      const el = await renderSurvey(
        sampleDefinition({
          questions: [{ id: 'w', type: 'words', prompt: 'Pick words', statements: ['we care'] }],
        }),
      );
      await press(el, 'Start');
      await waitUntil(
        () => root(el).querySelector('values-survey-words')?.shadowRoot,
        'the words step did not render',
      );
      const words = root(el).querySelector('values-survey-words')!;
      await words.updateComplete;
      const chips = words.shadowRoot!;
      const care = byRole(chips, 'button', 'care, word 2 of Statement 1');
      expect(getComputedStyle(care).letterSpacing).to.equal('2px');
      expect(getComputedStyle(care).textTransform).to.equal('none');
      expect(getComputedStyle(chips.querySelector('[part~="tally"]')!).wordSpacing).to.equal('7px');
      expect(getComputedStyle(chips.querySelector('legend')!).paddingLeft).to.equal('9px');

      care.click();
      await words.updateComplete;
      byRole(chips, 'button', 'Keep').click();
      await waitUntil(
        () => queryByRole(chips, 'button', 'care, kept, word 2 of Statement 1'),
        'the word was not kept',
      );
      const kept = byRole(chips, 'button', 'care, kept, word 2 of Statement 1');
      expect(getComputedStyle(kept).textTransform).to.equal('uppercase');
      expect(getComputedStyle(kept).letterSpacing).to.equal('2px');
      await expect(el).to.be.accessible();
    } finally {
      style.remove();
    }
  });

  it("inherits the page's font unless themed", async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="font-family: Georgia, serif"></div>`,
    );
    const el = await renderSurvey(sampleDefinition());
    wrapper.append(el);
    const survey = root(el).querySelector('[part~="survey"]')!;
    expect(getComputedStyle(survey).fontFamily).to.contain('Georgia');
  });

  it('uses a strings block in the definition, and the strings property over it', async () => {
    const el = await renderSurvey(
      sampleDefinition({ strings: { start: 'Let us begin', continue: 'Next question' } }),
    );
    byRole(root(el), 'button', 'Let us begin').click();
    await el.updateComplete;
    byRole(root(el), 'button', 'Next question');
    el.strings = { continue: 'Onwards' };
    await el.updateComplete;
    byRole(root(el), 'button', 'Onwards');
    await expect(el).to.be.accessible();
  });

  it('ignores an unknown or empty string override with a warning, never blanking text', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      const el = await renderSurvey(sampleDefinition({ strings: { strat: 'Typo', start: '   ' } }));
      byRole(root(el), 'button', 'Start');
      expect(warnings.join('\n')).to.contain('"strat"');
      expect(warnings.join('\n')).to.contain('"start"');
    } finally {
      console.warn = warn;
    }
  });

  it('respects the lang the page gives it', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="cy"></div>`);
    const el = await renderSurvey(
      sampleDefinition({ title: 'Dweud eich dweud', strings: { start: 'Dechrau' } }),
    );
    wrapper.append(el);
    await el.updateComplete;
    const start = byRole(root(el), 'button', 'Dechrau');
    expect(start.matches(':lang(cy)')).to.equal(true);
  });

  it('uses the lang of the definition over the page', async () => {
    const el = await renderSurvey(sampleDefinition({ lang: 'cy', strings: { start: 'Dechrau' } }));
    expect(byRole(root(el), 'button', 'Dechrau').matches(':lang(cy)')).to.equal(true);
    expect(byRole(root(el), 'button', 'Dechrau').matches(':lang(en)')).to.equal(false);
  });
});

describe("text that follows the reader's default text size (issue 23)", () => {
  /** The browser's default text size now: what `font-size: medium` is, whatever the page says. */
  function medium(): number {
    const probe = document.createElement('div');
    probe.style.fontSize = 'medium';
    document.body.append(probe);
    const px = size(probe);
    probe.remove();
    return px;
  }
  const size = (element: Element) => parseFloat(getComputedStyle(element).fontSize);
  const surveyBox = (el: ValuesSurvey) => root(el).querySelector('[part~="survey"]')!;
  /** The survey's body text for a default of `base` px: 19 px at 16 px, 1em below 30em wide. */
  const bodyText = (base: number) => (innerWidth > 30 * base ? 1.1875 : 1) * base;

  /**
   * Sets the browser's own default text size, as a reader does in its settings: only Chromium
   * lets the test runner change it (test/support/default-font-size-plugin.mjs).
   */
  const setDefaultFontSize = (px: number) =>
    executeServerCommand<boolean, { px: number }>('set-default-font-size', { px });

  it("sizes the survey from the browser's default, not from the page's root or body size", async () => {
    // A CMS's `html { font-size: 62.5% }` shrinks rem, and its 12 px body text is inherited:
    // neither shrinks the survey.
    document.documentElement.style.fontSize = '62.5%';
    try {
      const wrapper = await fixture<HTMLDivElement>(html`<div style="font-size: 12px"></div>`);
      const el = await renderSurvey(
        sampleDefinition({
          questions: [{ id: 'w', type: 'words', prompt: 'Pick words', statements: ['we care'] }],
        }),
      );
      wrapper.append(el);
      const text = bodyText(medium());
      expect(size(surveyBox(el))).to.be.closeTo(text, 0.01);
      expect(size(byRole(root(el), 'heading', 'Tell us about the Trust'))).to.be.closeTo(
        text * 1.35,
        0.05,
      );
      expect(size(byRole(root(el), 'button', 'Start'))).to.be.closeTo(text, 0.01);
      await press(el, 'Start');
      const words = root(el).querySelector('values-survey-words')!;
      await waitUntil(() => words.shadowRoot?.querySelector('.chip'), 'no words');
      const care = byRole(words.shadowRoot!, 'button', 'care, word 2 of Statement 1');
      expect(size(care)).to.be.closeTo(text, 0.01);
      // Its row follows the text: a 1.5 line and 10 px above and below, at least 44 px.
      expect(care.getBoundingClientRect().height).to.be.closeTo(Math.max(44, text * 1.5 + 20), 1);
      await expect(el).to.be.accessible();
    } finally {
      document.documentElement.style.fontSize = '';
    }
  });

  it('still takes its base size from --values-survey-font-size when a theme sets one', async () => {
    const el = await renderSurvey(sampleDefinition());
    el.style.setProperty('--values-survey-font-size', '22px');
    expect(size(surveyBox(el))).to.equal(22);
  });

  it('grows with a 24 px default text size and still reflows in 320 px (Chromium)', async function () {
    const el = await renderSurvey(undefined);
    const at16 = size(surveyBox(el));
    expect(at16).to.be.closeTo(bodyText(medium()), 0.01);
    if (!(await setDefaultFontSize(24))) this.skip();
    try {
      await waitUntil(() => medium() === 24, 'the default text size did not change');
      // The body text and headings grow by the same 1.5 (19 px becomes 28.5 px).
      await waitUntil(() => size(surveyBox(el)) > at16, 'the survey text did not grow');
      expect(size(surveyBox(el))).to.be.closeTo(bodyText(24), 0.01);
      // On a 320 px column (a phone, or 1280 px at 400% zoom): no sideways scrolling, and the
      // words' rows grow with the text, so targets stay 44 px and never overlap.
      el.style.width = '320px';
      await press(el, 'Start');
      const words = root(el).querySelector('values-survey-words')!;
      await waitUntil(() => words.shadowRoot?.querySelectorAll('.chip').length, 'no words');
      const survey = surveyBox(el);
      expect(survey.scrollWidth, 'sideways scrolling').to.be.at.most(survey.clientWidth);
      const chips = [...words.shadowRoot!.querySelectorAll('.chip')];
      expect(size(chips[0])).to.be.closeTo(bodyText(24), 0.01);
      const rows = new Set(chips.map((chip) => Math.round(chip.getBoundingClientRect().top)));
      const pitch = Math.min(
        ...[...rows].sort((a, b) => a - b).flatMap((top, i, all) => (i ? [top - all[i - 1]] : [])),
      );
      expect(pitch, 'rows overlap').to.be.at.least(bodyText(24) * 1.5 + 20 - 1);
      for (const chip of chips) {
        const rect = chip.getBoundingClientRect();
        expect(rect.width).to.be.at.least(44);
        expect(rect.right, 'a word outside the column').to.be.at.most(
          el.getBoundingClientRect().right + 0.5,
        );
      }
      await expect(el).to.be.accessible();
    } finally {
      await setDefaultFontSize(16);
    }
  });
});
