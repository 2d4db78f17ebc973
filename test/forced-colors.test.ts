import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import { executeServerCommand } from '@web/test-runner-commands';
import { byRole } from './support/queries.js';
import { press, renderSurvey, root, sampleDefinition } from './support/fixtures.js';

/** Real forced colours (Windows high contrast), emulated by Chromium; false elsewhere. */
const forcedColors = (active: boolean) =>
  executeServerCommand<boolean, { active: boolean }>('emulate-forced-colors', { active });

describe('forced colours (real emulation, Chromium only)', () => {
  beforeEach(async function () {
    // Firefox and WebKit here cannot emulate forced colours; the word chips' tests also check
    // the forced-colours rules directly in every engine.
    if (!(await forcedColors(true))) this.skip();
    await waitUntil(() => matchMedia('(forced-colors: active)').matches, 'not in forced colours');
  });
  afterEach(async () => {
    await forcedColors(false);
  });

  it('keeps buttons, the error summary and focus visible without colour', async () => {
    const el = await renderSurvey(sampleDefinition());
    const start = byRole(root(el), 'button', 'Start');
    const border = getComputedStyle(start);
    expect(border.borderTopStyle).to.equal('solid');
    expect(parseFloat(border.borderTopWidth)).to.be.at.least(2);
    await press(el, 'Start');
    await press(el, 'Continue');
    const summary = byRole(root(el), 'alert', /There is a problem/);
    expect(getComputedStyle(summary).borderTopStyle).to.equal('solid');
    expect(parseFloat(getComputedStyle(summary).borderTopWidth)).to.be.at.least(2);
    await expect(el).to.be.accessible();
  });

  it('shows kept and removed words by a tick, a cross and strike-through', async () => {
    const el = await renderSurvey(undefined);
    await press(el, 'Start');
    const words = root(el).querySelector('values-survey-words')!;
    await waitUntil(() => words.shadowRoot?.querySelector('.chip'));
    byRole(words.shadowRoot!, 'button', 'caring').click();
    await words.updateComplete;
    byRole(words.shadowRoot!, 'button', 'Keep').click();
    await words.updateComplete;
    byRole(words.shadowRoot!, 'button', 'compassionate').click();
    await words.updateComplete;
    byRole(words.shadowRoot!, 'button', 'Remove').click();
    await words.updateComplete;
    const kept = byRole(words.shadowRoot!, 'button', /^caring, kept/);
    const removed = byRole(words.shadowRoot!, 'button', /^compassionate, removed/);
    expect(kept.querySelector('.glyph')?.textContent).to.equal('✓');
    expect(removed.querySelector('.glyph')?.textContent).to.equal('✗');
    const decoration = (chip: Element) =>
      [chip, ...chip.querySelectorAll('*')].map((e) => getComputedStyle(e).textDecorationLine);
    expect(decoration(removed)).to.include('line-through');
    expect(decoration(kept)).not.to.include('line-through');
    // The two states differ in border style too, not in colour alone.
    expect(getComputedStyle(kept).borderStyle).not.to.equal(getComputedStyle(removed).borderStyle);
    await expect(el).to.be.accessible();
  });
});
