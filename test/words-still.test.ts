/**
 * Issue 23: opening a word never moves other text. The Keep / Remove choice lies over the text
 * beside its word (below it, or above it at the viewport's bottom edge), inside the statement and
 * the viewport, never over the word itself.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ValuesSurveyWords } from '../src/words/words-element.js';
import { DEFAULT_SURVEY } from '../src/definition/default-survey.js';
import {
  buttonNamed,
  chipAt,
  chips,
  focused,
  mouseClick,
  openChoice,
  renderWords,
  tally,
  wordName,
} from './words-support.js';

if (!customElements.get('values-survey-words')) {
  customElements.define('values-survey-words', ValuesSurveyWords);
}

const values = DEFAULT_SURVEY.questions.find((q) => q.id === 'values');
const statements = values?.type === 'words' ? values.statements : [];

/**
 * Where every word, every statement and the tally are, relative to the element, to 1/100 px
 * (Firefox's boxes on a scrolled page differ from one read to the next by a millionth of a px).
 */
function layout(el: ValuesSurveyWords): string[] {
  const origin = el.getBoundingClientRect();
  const boxes = [...chips(el), ...el.shadowRoot!.querySelectorAll('.statement'), tally(el)];
  return boxes.map((box) => {
    const rect = box.getBoundingClientRect();
    const px = [rect.left - origin.left, rect.top - origin.top, rect.width, rect.height];
    return px.map((n) => n.toFixed(2)).join(',');
  });
}

/** Whether two boxes share any area (touching edges do not count). */
function overlaps(a: DOMRect, b: DOMRect): boolean {
  const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return across > 0.5 && down > 0.5;
}

/** The open choice is beside its word, inside the element's width and the viewport. */
function expectPlaced(el: ValuesSurveyWords, chip: HTMLElement) {
  const choice = openChoice(el)!.getBoundingClientRect();
  const word = chip.getBoundingClientRect();
  const host = el.getBoundingClientRect();
  expect(overlaps(choice, word), 'the choice covers its word').to.equal(false);
  // Right under or right over the word's target, not somewhere else on the page.
  const gap = Math.min(Math.abs(choice.top - word.bottom), Math.abs(word.top - choice.bottom));
  expect(gap, 'the choice is not next to its word').to.be.below(1);
  expect(choice.left).to.be.at.least(host.left - 0.5);
  expect(choice.right).to.be.at.most(host.right + 0.5);
  expect(choice.left).to.be.at.least(-0.5);
  expect(choice.right).to.be.at.most(document.documentElement.clientWidth + 0.5);
}

describe('<values-survey-words>: opening a word moves no text', () => {
  it('leaves every word, statement and the tally where they were (pointer)', async () => {
    const el = await renderWords({ statements, width: '320px' });
    const before = layout(el);
    // A word in the middle of a line, with words after it on its line and below it.
    const chip = chipAt(el, 0, 3);
    await mouseClick(chip);
    await waitUntil(() => openChoice(el), 'the choice did not open');
    const next = chipAt(el, 0, 4);
    expect(next.getBoundingClientRect().top, 'the next word moved').to.be.closeTo(
      parseFloat(before[chips(el).indexOf(next)].split(',')[1]) + el.getBoundingClientRect().top,
      0.01,
    );
    expect(layout(el), 'other text moved when the word opened').to.deep.equal(before);
    expectPlaced(el, chip);
    await expect(el).to.be.accessible();
    // Closing (a second press on the word) moves nothing either.
    await mouseClick(chip);
    await waitUntil(() => !openChoice(el), 'a second press did not close the choice');
    expect(layout(el)).to.deep.equal(before);
  });

  // Issue 23: the keyboard help showing when a statement first gets focus was the last movement.
  it('moves no text when the keyboard help shows, and covers none of the focused statement', async () => {
    const el = await renderWords({ statements, width: '320px' });
    // Page above the words, as a survey's heading and hint give them.
    el.parentElement!.style.paddingTop = `${innerHeight}px`;
    el.scrollIntoView({ block: 'start' });
    const help = () => el.shadowRoot!.querySelector<HTMLElement>('[part="keys"]');
    const before = layout(el);
    // The focused statement's words and every word after them.
    const following = (statement: number) =>
      chips(el).filter((chip) => Number(chip.dataset.statement) >= statement);
    const expectStill = (statement: number) => {
      // Every word, statement and the tally in the same place: 0 px of movement.
      expect(layout(el), `text moved when statement ${statement + 1}'s help showed`).to.deep.equal(
        before,
      );
      const box = help()!.getBoundingClientRect();
      const host = el.getBoundingClientRect();
      for (const chip of following(statement)) {
        expect(overlaps(box, chip.getBoundingClientRect()), wordName(chip)).to.equal(false);
      }
      expect(box.left).to.be.at.least(host.left - 0.5);
      expect(box.right).to.be.at.most(host.right + 0.5);
    };
    (el.parentElement!.querySelector('#before') as HTMLElement).focus();
    await sendKeys({ press: 'Tab' });
    await waitUntil(() => focused(el) === chipAt(el, 0, 0) && help(), 'no keyboard help');
    expectStill(0);
    await expect(el).to.be.accessible();
    // A later statement: the help follows focus, and still nothing moves.
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await waitUntil(() => focused(el) === chipAt(el, 2, 0), 'Tab did not reach statement 3');
    await waitUntil(() => help()?.closest('.statement') === chipAt(el, 2, 0).closest('.statement'));
    expectStill(2);
    // Right above the statement, over the text already passed.
    expect(help()!.getBoundingClientRect().bottom).to.be.closeTo(
      chipAt(el, 2, 0).getBoundingClientRect().top,
      0.5,
    );
    el.parentElement!.style.paddingTop = '';
  });

  it('leaves every word where it was when a word opens and closes by keyboard', async () => {
    const el = await renderWords({ statements, width: '320px' });
    (el.parentElement!.querySelector('#before') as HTMLElement).focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => focused(el) === chipAt(el, 0, 1));
    // The keyboard help shows above the statement once a word has keyboard focus.
    await waitUntil(() => el.shadowRoot!.querySelector('[part="keys"]'), 'no keyboard help');
    const before = layout(el);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused(el) === buttonNamed(el, 'Keep'), 'Keep did not take focus');
    expect(layout(el), 'other text moved when the word opened').to.deep.equal(before);
    expect(el.shadowRoot!.querySelector('[part="keys"]'), 'the help went away').to.exist;
    expectPlaced(el, chipAt(el, 0, 1));
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !openChoice(el));
    expect(focused(el)).to.equal(chipAt(el, 0, 1));
    expect(layout(el)).to.deep.equal(before);
  });

  it('places the choice beside the word for words at the start, middle and end of lines', async () => {
    const el = await renderWords({ statements, width: '320px' });
    const all = chips(el);
    for (const chip of [all[0], all[5], all.at(-1)!, chipAt(el, 3, 0)]) {
      chip.click();
      await waitUntil(() => openChoice(el), 'the choice did not open');
      expectPlaced(el, chip);
      chip.click();
      await waitUntil(() => !openChoice(el));
    }
  });

  it('opens above the word when the viewport has no room below it, and below otherwise', async () => {
    const el = await renderWords({ statements });
    const chip = chips(el).at(-1)!;
    // Room to scroll either way: a viewport's height of page above the words and below them.
    el.parentElement!.style.padding = `${innerHeight}px 0`;
    // The word's bottom 10 px above the viewport's bottom edge.
    scrollBy(0, chip.getBoundingClientRect().bottom - (innerHeight - 10));
    await waitUntil(() => Math.abs(chip.getBoundingClientRect().bottom - (innerHeight - 10)) < 1);
    chip.click();
    await waitUntil(() => openChoice(el), 'the choice did not open');
    const choice = openChoice(el)!.getBoundingClientRect();
    expect(choice.bottom, 'not above the word').to.be.at.most(
      chip.getBoundingClientRect().top + 0.5,
    );
    expect(choice.top, 'outside the viewport').to.be.at.least(0);
    expectPlaced(el, chip);
    chip.click();
    await waitUntil(() => !openChoice(el));
    // With room below, it opens below.
    scrollBy(0, innerHeight / 2);
    await waitUntil(() => chip.getBoundingClientRect().bottom < innerHeight / 2);
    chip.click();
    await waitUntil(() => openChoice(el), 'the choice did not open');
    expect(openChoice(el)!.getBoundingClientRect().top).to.be.at.least(
      chip.getBoundingClientRect().bottom - 0.5,
    );
    await expect(el).to.be.accessible();
    el.parentElement!.style.padding = '';
  });

  it('follows its word when the words reflow while it is open', async () => {
    const el = await renderWords({ statements, width: '320px' });
    const chip = chipAt(el, 2, 6);
    chip.click();
    await waitUntil(() => openChoice(el));
    expectPlaced(el, chip);
    el.parentElement!.style.width = '600px';
    await waitUntil(
      () =>
        Math.abs(
          openChoice(el)!.getBoundingClientRect().top - chip.getBoundingClientRect().bottom,
        ) < 1,
      'the choice did not follow its word',
    );
    expectPlaced(el, chip);
  });

  it("lines the choice up with the word's start in right-to-left text", async () => {
    const el = await renderWords({ dir: 'rtl', width: '600px' });
    // A short word in the middle of its line, where the choice needs no moving in.
    const chip = chipAt(el, 1, 2);
    chip.click();
    await waitUntil(() => openChoice(el), 'the choice did not open');
    expectPlaced(el, chip);
    const choice = openChoice(el)!.getBoundingClientRect();
    const word = chip.getBoundingClientRect();
    expect(word.right - choice.width, 'needs moving in').to.be.at.least(
      el.getBoundingClientRect().left,
    );
    expect(choice.right).to.be.closeTo(word.right, 0.5);
    await expect(el).to.be.accessible();
  });
});
