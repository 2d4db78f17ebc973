import { expect, fixture, html } from '@open-wc/testing';
import { a11ySnapshot, findAccessibilityNode } from '@web/test-runner-commands';
import { ValuesSurveyWords } from '../src/words/words-element.js';
import { byRole } from './support/queries.js';

if (!customElements.get('values-survey-words')) {
  customElements.define('values-survey-words', ValuesSurveyWords);
}

interface AxNode {
  role: string;
  name: string;
  expanded?: boolean;
  children: AxNode[];
}

/**
 * The browser's own accessibility tree. Only Chromium gives it to the runner reliably: WebKit's
 * driver has no such command, and Firefox's BiDi session answers only some of the time.
 */
const readsTree = /Chrome\//.test(navigator.userAgent);
const accessibilityTree = async () => (await a11ySnapshot({})) as unknown as AxNode;

describe('word chips in the browser accessibility tree (Chromium)', () => {
  it('announces each word with its decision, as a screen reader reads it', async function () {
    const el = await fixture<ValuesSurveyWords>(
      html`<values-survey-words
        .questionId=${'values'}
        .prompt=${'Which words would you keep or remove?'}
        .statements=${['we are caring and compassionate']}
        .exclude=${[]}
        .decisions=${[
          { statement: 0, position: 2, word: 'caring', choice: 'keep' },
          { statement: 0, position: 4, word: 'compassionate', choice: 'remove' },
        ]}
      ></values-survey-words>`,
    );
    await expect(el).to.be.accessible();
    if (!readsTree) this.skip();
    const tree = await accessibilityTree();
    const find = (role: string, name: string) =>
      findAccessibilityNode(tree, (node) => node.role === role && node.name === name);
    // Issue 13: each word's name ends with its place, so no two names are the same.
    expect(find('button', 'caring, kept, word 3 of Statement 1'), 'caring, kept').to.exist;
    expect(find('button', 'compassionate, removed, word 5 of Statement 1')).to.exist;
    expect(find('button', 'are, word 2 of Statement 1'), 'an undecided word').to.exist;
    // Issue 23: a closed word has no expanded state, so it is never announced as "collapsed".
    const closed = tree ? findAccessibilityNode<AxNode>(tree, (n) => n.role === 'button') : null;
    expect(closed?.name).to.equal('we, word 1 of Statement 1');
    expect(closed && 'expanded' in closed, 'a closed word is "collapsed"').to.equal(false);
    expect(find('heading', 'Which words would you keep or remove?\u00a0(optional)')).to.exist;

    byRole(el.shadowRoot!, 'button', 'are, word 2 of Statement 1').click();
    await el.updateComplete;
    const open = await accessibilityTree();
    const chip = findAccessibilityNode<AxNode>(
      open,
      (n) => n.role === 'button' && n.name === 'are, word 2 of Statement 1',
    );
    expect(chip?.expanded, 'the open word is expanded').to.equal(true);
    // The snapshot leaves out groups and toolbars, so their names are checked in words.test.ts.
    const keep = findAccessibilityNode<AxNode & { focused?: boolean }>(
      open,
      (n) => n.role === 'button' && n.name === 'Keep',
    );
    expect(keep?.focused, 'focus moves to Keep').to.equal(true);
    expect(
      (keep as { pressed?: unknown }).pressed ?? false,
      'an undecided word: Keep not pressed',
    ).to.equal(false);
    const tally = findAccessibilityNode<AxNode & { live?: string }>(
      open,
      (n) => n.role === 'status',
    );
    expect(tally?.live).to.equal('polite');
    expect(JSON.stringify(tally)).to.contain('You have kept 1 word and removed 1 word.');
  });

  it('names a statement by its text, and a word "continue" apart from a Continue button', async function () {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div>
        <values-survey-words
          .questionId=${'mission'}
          .prompt=${'Which words would you keep or remove?'}
          .statements=${['we continue to learn', 'and we continue']}
        ></values-survey-words>
        <button>Continue</button>
      </div>`,
    );
    const el = wrapper.querySelector<ValuesSurveyWords>('values-survey-words')!;
    await el.updateComplete;
    await expect(el).to.be.accessible();
    if (!readsTree) this.skip();
    // Entering a statement, a screen reader hears its whole text (the toolbar's name).
    const toolbars = Array.from(el.shadowRoot!.querySelectorAll('[role="toolbar"]'));
    expect(toolbars.map((t) => t.getAttribute('aria-label'))).to.deep.equal([
      'we continue to learn',
      'and we continue',
    ]);
    const tree = await accessibilityTree();
    const named = (name: string) => {
      const found: AxNode[] = [];
      const walk = (node: AxNode) => {
        if (node.name === name) found.push(node);
        node.children?.forEach(walk);
      };
      walk(tree);
      return found;
    };
    expect(
      named('Continue').map((n) => n.role),
      'one thing named Continue',
    ).to.deep.equal(['button']);
    expect(named('continue, word 2 of Statement 1')).to.have.length(1);
    expect(named('continue, word 3 of Statement 2')).to.have.length(1);
  });
});
