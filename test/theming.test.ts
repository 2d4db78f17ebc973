import { expect, fixture, html } from '@open-wc/testing';
import { byRole } from './support/queries.js';
import { renderSurvey, root, sampleDefinition } from './support/fixtures.js';

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
