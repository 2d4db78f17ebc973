import { expect, fixture, html } from '@open-wc/testing';
import { byRole, queryByRole } from './support/queries.js';
import { press, renderSurvey, root, sampleDefinition } from './support/fixtures.js';
import { waitUntil } from './support/wait.js';

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
