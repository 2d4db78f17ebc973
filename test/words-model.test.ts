/** The word chips' decision state and roving tab stop, without rendering. */
import { expect } from '@open-wc/testing';
import { buildStatements, DecisionIndex } from '../src/words/decisions.js';
import { chipFor, tabStopOf } from '../src/words/roving.js';

const views = buildStatements(['we care, and we – listen', '– –'], ['and']);

describe('words model: decisions and the roving tab stop', () => {
  it('marks chips, leaving excluded words and lone punctuation as text', () => {
    expect(views[0].chips).to.deep.equal([0, 1, 3, 5]);
    expect(views[1].chips).to.deep.equal([]);
  });

  it('keeps only decisions that still point at a chip, and counts them', () => {
    const index = new DecisionIndex(views, [
      { statement: 0, position: 1, word: 'care', choice: 'keep' },
      { statement: 0, position: 2, word: 'and', choice: 'remove' },
      { statement: 0, position: 3, word: 'they', choice: 'remove' },
      { statement: 0, position: 5, word: 'listen', choice: 'remove' },
    ]);
    expect([...index.byKey.keys()]).to.deep.equal(['0:1', '0:5']);
    expect([index.kept, index.removed]).to.deep.equal([1, 1]);
    expect(index.signatures).to.deep.equal(['1k,5r,', '']);
  });

  it('works out every decision after one more, sorted, and nothing for no change', () => {
    const index = new DecisionIndex(views, [
      { statement: 0, position: 5, word: 'listen', choice: 'remove' },
    ]);
    expect(index.decide(0, 0, 'keep')).to.deep.equal([
      { statement: 0, position: 0, word: 'we', choice: 'keep' },
      { statement: 0, position: 5, word: 'listen', choice: 'remove' },
    ]);
    expect(index.decide(0, 5, undefined)).to.deep.equal([]);
    expect(index.decide(0, 5, 'remove')).to.equal(undefined);
    expect(index.decide(0, 2, 'keep')).to.equal(undefined);
  });

  it('moves the tab stop with the arrow keys, Home and End, mirrored right to left', () => {
    const view = views[0];
    expect(tabStopOf(view, [])).to.equal(0);
    expect(tabStopOf(view, [3])).to.equal(3);
    // A stop left on a word that is no longer a chip falls back to the first chip.
    expect(tabStopOf(view, [2])).to.equal(0);
    expect(chipFor(view, 3, 'ArrowRight', false)).to.equal(5);
    // The ends stop, as in the APG toolbar pattern without wrapping.
    expect(chipFor(view, 5, 'ArrowRight', false)).to.equal(5);
    expect(chipFor(view, 0, 'ArrowLeft', false)).to.equal(0);
    expect(chipFor(view, 0, 'ArrowRight', true)).to.equal(0);
    expect(chipFor(view, 3, 'ArrowRight', true)).to.equal(1);
    expect(chipFor(view, 3, 'Home', false)).to.equal(0);
    expect(chipFor(view, 0, 'End', false)).to.equal(5);
    expect(chipFor(view, 0, 'Enter', false)).to.equal(undefined);
  });
});
