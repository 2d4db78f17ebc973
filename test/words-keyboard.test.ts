import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ValuesSurveyWords } from '../src/words/words-element.js';
import {
  wordName,
  buttonNamed,
  chipAt,
  focused,
  openChoice,
  recordChanges,
  renderWords,
  tally,
} from './words-support.js';

if (!customElements.get('values-survey-words')) {
  customElements.define('values-survey-words', ValuesSurveyWords);
}

/** A real key press, sent by the browser driver (never a synthetic KeyboardEvent). ' ' is Space. */
const press = (key: string) => sendKeys({ press: key });

/** Renders the words and Tabs into the first statement from the button before it. */
async function tabIn(setup: Parameters<typeof renderWords>[0] = {}) {
  const el = await renderWords(setup);
  (el.parentElement!.querySelector('#before') as HTMLElement).focus();
  await press('Tab');
  await waitUntil(() => focused(el) === chipAt(el, 0, 0), 'Tab did not reach the first word');
  return el;
}

describe('<values-survey-words>: keyboard (real key presses)', () => {
  it('has one Tab stop per statement, then leaves the question', async () => {
    const el = await tabIn();
    await press('Tab');
    await waitUntil(() => focused(el) === chipAt(el, 1, 0));
    await press('Tab');
    await waitUntil(() => focused(el) === chipAt(el, 2, 0));
    await press('Tab');
    await waitUntil(() => document.activeElement?.id === 'after', 'Tab did not leave');
  });

  it('moves between words with Left and Right, stopping at the ends, and jumps with Home and End', async () => {
    const el = await tabIn();
    await press('ArrowRight');
    await waitUntil(() => focused(el) === chipAt(el, 0, 1));
    await press('ArrowLeft');
    await waitUntil(() => focused(el) === chipAt(el, 0, 0));
    // Issue 23: the APG toolbar pattern without wrapping; Left on the first word stays there.
    await press('ArrowLeft');
    await press('End');
    await waitUntil(() => focused(el) === chipAt(el, 0, 9));
    await press('Home');
    await waitUntil(() => focused(el) === chipAt(el, 0, 0), 'Left on the first word moved');
    await press('End');
    await waitUntil(() => focused(el) === chipAt(el, 0, 9));
    // Right on the last word stays there too (Tab goes on to the next statement).
    await press('ArrowRight');
    await press('ArrowLeft');
    await waitUntil(() => focused(el) === chipAt(el, 0, 8), 'Right on the last word moved');
    await press('End');
    await waitUntil(() => focused(el) === chipAt(el, 0, 9));
    // The roving tab stop follows focus: only the focused word is in the Tab order.
    const stops = Array.from(
      el.shadowRoot!.querySelectorAll('[role="toolbar"]')[0].querySelectorAll('[tabindex="0"]'),
    );
    expect(stops).to.deep.equal([chipAt(el, 0, 9)]);
  });

  it('skips excluded words and punctuation-only tokens', async () => {
    const el = await renderWords({ exclude: ['a'] });
    chipAt(el, 2, 1).focus();
    await press('ArrowRight');
    await waitUntil(() => focused(el) === chipAt(el, 2, 3), 'did not skip the excluded "a"');
    await press('ArrowRight');
    await press('ArrowRight');
    await waitUntil(() => focused(el) === chipAt(el, 2, 6), 'did not skip "–"');
  });

  it('opens the choice with Enter, and Escape closes it and returns to the word', async () => {
    const el = await tabIn();
    await press('ArrowRight');
    await waitUntil(() => focused(el) === chipAt(el, 0, 1));
    await press('Enter');
    await waitUntil(() => focused(el) === buttonNamed(el, 'Keep'), 'Keep did not take focus');
    expect(openChoice(el)!.getAttribute('aria-label')).to.equal('Keep or remove "work"');
    await press('Escape');
    await waitUntil(() => !openChoice(el), 'Escape did not close the choice');
    expect(focused(el)).to.equal(chipAt(el, 0, 1));
    expect(wordName(chipAt(el, 0, 1))).to.equal('work');
  });

  it('opens with Space, moves to Remove with Right, and Enter removes the word', async () => {
    const el = await tabIn();
    const changes = recordChanges(el);
    await press(' ');
    await waitUntil(() => focused(el) === buttonNamed(el, 'Keep'));
    await press('ArrowRight');
    await waitUntil(() => focused(el) === buttonNamed(el, 'Remove'));
    await press('Enter');
    await waitUntil(() => wordName(chipAt(el, 0, 0)) === 'we, removed');
    expect(openChoice(el)).to.equal(undefined);
    expect(focused(el)).to.equal(chipAt(el, 0, 0));
    expect(changes).to.deep.equal([[{ statement: 0, position: 0, word: 'we', choice: 'remove' }]]);
  });

  it('clears a decided word from the choice with the keyboard', async () => {
    const el = await tabIn({
      decisions: [{ statement: 0, position: 0, word: 'we', choice: 'keep' }],
    });
    await press('Enter');
    await waitUntil(() => buttonNamed(el, 'Clear'));
    await press('End');
    await press('ArrowRight');
    await press('ArrowRight');
    await waitUntil(() => focused(el) === buttonNamed(el, 'Clear'));
    await press(' ');
    await waitUntil(() => wordName(chipAt(el, 0, 0)) === 'we');
    expect(focused(el)).to.equal(chipAt(el, 0, 0));
    expect(el.decisions).to.deep.equal([]);
  });

  it('keeps with K and removes with R on the focused word, last choice winning', async () => {
    const el = await tabIn();
    const changes = recordChanges(el);
    await press('k');
    await waitUntil(() => wordName(chipAt(el, 0, 0)) === 'we, kept');
    await press('ArrowRight');
    await press('r');
    await waitUntil(() => wordName(chipAt(el, 0, 1)) === 'work, removed');
    await press('k');
    await waitUntil(() => wordName(chipAt(el, 0, 1)) === 'work, kept');
    expect(changes.at(-1)).to.deep.equal([
      { statement: 0, position: 0, word: 'we', choice: 'keep' },
      { statement: 0, position: 1, word: 'work', choice: 'keep' },
    ]);
    expect(tally(el).textContent!.trim()).to.equal('You have kept 2 words and removed 0 words.');
    expect(focused(el)).to.equal(chipAt(el, 0, 1));
  });

  it('clears the focused word with Delete or Backspace', async () => {
    const el = await tabIn({
      decisions: [
        { statement: 0, position: 0, word: 'we', choice: 'keep' },
        { statement: 0, position: 1, word: 'work', choice: 'remove' },
      ],
    });
    const changes = recordChanges(el);
    await press('Delete');
    await waitUntil(() => wordName(chipAt(el, 0, 0)) === 'we', 'Delete did not clear');
    await press('ArrowRight');
    await press('Backspace');
    await waitUntil(() => wordName(chipAt(el, 0, 1)) === 'work', 'Backspace did not clear');
    expect(changes).to.deep.equal([
      [{ statement: 0, position: 1, word: 'work', choice: 'remove' }],
      [],
    ]);
    expect(focused(el)).to.equal(chipAt(el, 0, 1));
    // An undecided word: nothing to clear, no change.
    await press('Delete');
    await press('k');
    await waitUntil(() => wordName(chipAt(el, 0, 1)) === 'work, kept');
    expect(changes).to.have.length(3);
  });

  it('does what the visible help says, for every key it lists', async () => {
    const el = await tabIn();
    const changes = recordChanges(el);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="keys"]'), 'no help shown');
    const help = el.shadowRoot!.querySelector('[part="keys"]')!.textContent!;
    // Every key the words support is named in the help a keyboard user sees.
    for (const key of [
      'left and right arrow keys',
      'Home',
      'End',
      'Enter',
      'Space',
      'K to keep',
      'R to remove',
      'Delete',
      'Backspace',
      'Escape',
      'Tab',
    ]) {
      expect(help, key).to.contain(key);
    }
    // ...and each does what it says.
    const at = async (position: number, why: string) =>
      waitUntil(() => focused(el) === chipAt(el, 0, position), why);
    await press('ArrowRight');
    await at(1, 'Right');
    await press('ArrowLeft');
    await at(0, 'Left');
    await press('End');
    await at(9, 'End');
    await press('Home');
    await at(0, 'Home');
    await press('Enter');
    await waitUntil(() => focused(el) === buttonNamed(el, 'Keep'), 'Enter did not open');
    await press('Escape');
    await waitUntil(() => !openChoice(el), 'Escape did not close');
    await at(0, 'Escape did not return to the word');
    await press(' ');
    await waitUntil(() => focused(el) === buttonNamed(el, 'Keep'), 'Space did not open');
    await press('Escape');
    await at(0, 'Escape');
    await press('k');
    await waitUntil(() => wordName(chipAt(el, 0, 0)) === 'we, kept', 'K');
    await press('r');
    await waitUntil(() => wordName(chipAt(el, 0, 0)) === 'we, removed', 'R');
    await press('Delete');
    await waitUntil(() => wordName(chipAt(el, 0, 0)) === 'we', 'Delete');
    await press('k');
    await press('Backspace');
    await waitUntil(() => changes.length === 5 && wordName(chipAt(el, 0, 0)) === 'we', 'Backspace');
    await press('Tab');
    await waitUntil(() => focused(el) === chipAt(el, 1, 0), 'Tab did not reach the next statement');
  });

  it('marks only the open word as expanded, so no word is announced as collapsed', async () => {
    const el = await tabIn();
    const expandable = () =>
      Array.from(el.shadowRoot!.querySelectorAll('[aria-expanded]')).map((e) => [
        wordName(e),
        e.getAttribute('aria-expanded'),
      ]);
    expect(expandable()).to.deep.equal([]);
    await press('ArrowRight');
    await press('Enter');
    await waitUntil(() => openChoice(el));
    expect(expandable()).to.deep.equal([['work', 'true']]);
    expect(chipAt(el, 0, 1).getAttribute('aria-controls')).to.equal(openChoice(el)!.id);
    await press('Escape');
    await waitUntil(() => !openChoice(el));
    expect(expandable()).to.deep.equal([]);
  });

  it('ignores K and R while focus is in the choice or outside the words', async () => {
    const el = await tabIn();
    const changes = recordChanges(el);
    await press('Enter');
    await waitUntil(() => focused(el) === buttonNamed(el, 'Keep'));
    await press('r');
    await press('Escape');
    await waitUntil(() => !openChoice(el));
    (el.parentElement!.querySelector('#after') as HTMLElement).focus();
    await press('k');
    expect(changes).to.deep.equal([]);
  });

  it('closes the choice when focus Tabs out of it', async () => {
    const el = await tabIn();
    await press('Enter');
    await waitUntil(() => focused(el) === buttonNamed(el, 'Keep'));
    await press('Tab');
    await waitUntil(() => focused(el) === buttonNamed(el, 'Remove'));
    expect(openChoice(el)).to.exist;
    await press('Tab');
    await waitUntil(() => !openChoice(el), 'the choice stayed open');
    expect(focused(el)).to.equal(chipAt(el, 1, 0));
  });

  it('mirrors Left and Right in a right-to-left page', async () => {
    const el = await tabIn({ dir: 'rtl' });
    await press('ArrowLeft');
    await waitUntil(() => focused(el) === chipAt(el, 0, 1), 'Left did not move forwards');
    await press('ArrowRight');
    await waitUntil(() => focused(el) === chipAt(el, 0, 0));
  });

  it('shows the keyboard instructions above the statement whose word has keyboard focus', async () => {
    const el = await renderWords();
    const text = 'Use the left and right arrow keys to move between the words of a statement';
    // Announced once, with the question's group, whether or not they are shown.
    const fieldset = el.shadowRoot!.querySelector('fieldset')!;
    const described = fieldset.getAttribute('aria-describedby')!.split(' ');
    const announced = described.map((id) => el.shadowRoot!.getElementById(id)!.textContent);
    expect(announced.join(' ')).to.contain(text);
    const shown = () =>
      Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('[part="keys"]')).filter(
        (keys) => keys.getBoundingClientRect().height > 20,
      );
    expect(shown(), 'hidden before a word has focus').to.have.length(0);
    (el.parentElement!.querySelector('#before') as HTMLElement).focus();
    await press('Tab');
    await waitUntil(() => focused(el) === chipAt(el, 0, 0));
    await waitUntil(() => shown().length === 1, 'the instructions did not show on a focused word');
    const [keys] = shown();
    expect(keys.textContent).to.contain(text);
    expect(keys.getAttribute('aria-hidden'), 'not read twice').to.equal('true');
    // Right above the focused word's statement, never over its words.
    const toolbar = chipAt(el, 0, 0).closest('[role="toolbar"]')!;
    expect(keys.closest('[role="toolbar"]')).to.equal(toolbar);
    const first = chipAt(el, 0, 0).getBoundingClientRect();
    expect(Math.abs(keys.getBoundingClientRect().bottom - first.top)).to.be.below(0.5);
    await expect(el).to.be.accessible();
    await press('ArrowRight');
    await waitUntil(() => focused(el) === chipAt(el, 0, 1));
    expect(shown(), 'still shown on the next word').to.deep.equal([keys]);
    await press('Tab');
    await waitUntil(() => focused(el) === chipAt(el, 1, 0));
    await waitUntil(() => shown().length === 1 && shown()[0] !== keys, 'they did not follow focus');
    await press('Tab');
    await press('Tab');
    await waitUntil(() => document.activeElement?.id === 'after', 'Tab did not leave');
    await waitUntil(() => shown().length === 0, 'the instructions stayed after focus left');
  });

  it('passes axe after keyboard use, with the choice open', async () => {
    const el = await tabIn();
    await press('k');
    await press('ArrowRight');
    await press('Enter');
    await waitUntil(() => openChoice(el));
    await expect(el).to.be.accessible();
  });
});
