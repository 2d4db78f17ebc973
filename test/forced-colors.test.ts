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
    byRole(words.shadowRoot!, 'button', /^caring, word/).click();
    await words.updateComplete;
    byRole(words.shadowRoot!, 'button', 'Keep').click();
    await words.updateComplete;
    byRole(words.shadowRoot!, 'button', /^compassionate, word/).click();
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
    // Issue 13: words are prose, not boxes; kept, removed and undecided differ in the line under
    // or through the word (it was the border), not in colour alone.
    const line = (chip: Element) =>
      `${getComputedStyle(chip).textDecorationLine} ${getComputedStyle(chip).textDecorationStyle}`;
    const plain = byRole(words.shadowRoot!, 'button', 'are, word 2 of Statement 2');
    expect(new Set([kept, removed, plain].map(line)).size).to.equal(3);
    // Kept is a double underline here, so it does not rely on thickness either.
    expect(getComputedStyle(kept).textDecorationStyle).to.equal('double');
    await expect(el).to.be.accessible();
  });

  // Issue 23: the choice lies over the text, so it must stay opaque and outlined without colour.
  it('shows the open choice opaque and outlined, over the text beside its word', async () => {
    const el = await renderSurvey(undefined);
    await press(el, 'Start');
    const words = root(el).querySelector('values-survey-words')!;
    await waitUntil(() => words.shadowRoot?.querySelector('.chip'));
    const caring = byRole(words.shadowRoot!, 'button', /^caring, word/);
    caring.click();
    await waitUntil(() => words.shadowRoot!.querySelector('[part="choice"]'), 'no choice');
    const choice = words.shadowRoot!.querySelector<HTMLElement>('[part="choice"]')!;
    const style = getComputedStyle(choice);
    expect(style.borderTopStyle).to.equal('solid');
    expect(parseFloat(style.borderTopWidth)).to.be.at.least(2);
    // The system's Canvas colour, so the words it covers never show through it.
    expect(style.backgroundColor).not.to.equal('rgba(0, 0, 0, 0)');
    for (const button of choice.querySelectorAll('button')) {
      expect(getComputedStyle(button).borderTopStyle).to.equal('solid');
      expect(parseFloat(getComputedStyle(button).borderTopWidth)).to.be.at.least(2);
    }
    // Beside the word, never over it.
    const word = caring.getBoundingClientRect();
    expect(choice.getBoundingClientRect().top).to.be.at.least(word.bottom - 0.5);
    await expect(el).to.be.accessible();
  });
});
