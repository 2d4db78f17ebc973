/**
 * The page side of `npm run bench` (scripts/bench.mjs bundles this with esbuild, production
 * Lit, and drives it in headless Chromium). Exposes `globalThis.wordsBench`; nothing here sleeps.
 */
import { ValuesSurveyWords } from '../src/words/words-element.js';
import { DEFAULT_SURVEY } from '../src/definition/default-survey.js';
import type { WordDecision } from '../src/response/schema.js';
import { tokenize } from '../src/text/tokenize.js';

customElements.define('values-survey-words', ValuesSurveyWords);

interface Scenario {
  statements: string[];
  decisions: WordDecision[];
}

function wordsQuestion(id: string): string[] {
  const question = DEFAULT_SURVEY.questions.find((q) => q.id === id);
  if (question?.type !== 'words') throw new Error(`no words question "${id}"`);
  return question.statements;
}

/** 300 words from the Trust's own values, in ten statements of thirty. */
function synthetic(count: number): string[] {
  const pool = wordsQuestion('values').join(' ').split(/\s+/);
  const words = Array.from({ length: count }, (_, i) => pool[i % pool.length]);
  const statements: string[] = [];
  for (let i = 0; i < words.length; i += 30) statements.push(words.slice(i, i + 30).join(' '));
  return statements;
}

/** A decision for every word, alternating keep and remove: the heaviest answer there can be. */
function decideAll(statements: string[]): WordDecision[] {
  return statements.flatMap((text, statement) =>
    tokenize(text)
      .filter((token) => token.word !== '')
      .map((token) => ({
        statement,
        position: token.position,
        word: token.word,
        choice: token.position % 2 ? ('remove' as const) : ('keep' as const),
      })),
  );
}

const big = synthetic(300);
const scenarios: Record<string, Scenario> = {
  values: { statements: wordsQuestion('values'), decisions: [] },
  mission: { statements: wordsQuestion('mission'), decisions: [] },
  'synthetic 300': { statements: big, decisions: [] },
  'synthetic 300, all decided': { statements: big, decisions: decideAll(big) },
};

/** Resolves after the next frame has run its rendering steps (rAF, then a task after paint). */
function nextFrame(): Promise<void> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    }),
  );
}

function create(name: string): ValuesSurveyWords {
  const scenario = scenarios[name];
  if (!scenario) throw new Error(`unknown scenario "${name}"`);
  const el = document.createElement('values-survey-words') as ValuesSurveyWords;
  el.questionId = 'bench';
  el.prompt = 'Which words would you keep or remove?';
  el.statements = scenario.statements;
  el.decisions = scenario.decisions;
  return el;
}

interface Timing {
  /** Until Lit has committed the DOM and layout has been forced. */
  updated: number;
  /** Until the next frame has been produced. */
  frame: number;
}

let current: ValuesSurveyWords | undefined;

function shadow(el: ValuesSurveyWords): ShadowRoot {
  if (!el.shadowRoot) throw new Error('not rendered');
  return el.shadowRoot;
}

function rendered(): ValuesSurveyWords {
  if (!current) throw new Error('call render() first');
  return current;
}

/** Middle word of the middle statement: neither best nor worst case for DOM lookups. */
function middleChip(el: ValuesSurveyWords): HTMLButtonElement {
  const chips = shadow(el).querySelectorAll<HTMLButtonElement>('button.chip');
  return chips[Math.floor(chips.length / 2)];
}

async function timed(action: () => void, done: () => Promise<unknown>): Promise<Timing> {
  const start = performance.now();
  action();
  await done();
  // Reading layout makes the browser do style and layout now, so "updated" includes them.
  document.body.getBoundingClientRect();
  const updated = performance.now() - start;
  await nextFrame();
  return { updated, frame: performance.now() - start };
}

const api = {
  scenarios: Object.keys(scenarios),

  /** Words that are chips in a scenario. */
  async wordCount(name: string): Promise<number> {
    const el = create(name);
    document.body.append(el);
    await el.updateComplete;
    const count = shadow(el).querySelectorAll('button.chip').length;
    el.remove();
    return count;
  },

  /** Time from inserting the element to its first render. */
  async render(name: string): Promise<Timing> {
    current?.remove();
    await nextFrame();
    const el = create(name);
    const timing = await timed(
      () => document.body.append(el),
      () => el.updateComplete,
    );
    current = el;
    return timing;
  },

  /** Time from clicking a word to its choice being shown. */
  async open(): Promise<Timing> {
    const el = rendered();
    const chip = middleChip(el);
    return timed(
      () => chip.click(),
      async () => {
        await el.updateComplete;
        if (!shadow(el).querySelector('.choice')) throw new Error('choice did not open');
      },
    );
  },

  /** Time from clicking Keep or Remove in the open choice to the word showing its new state. */
  async decide(): Promise<Timing> {
    const el = rendered();
    const chip = middleChip(el);
    const next = chip.part.contains('chip-kept') ? 'remove' : 'keep';
    const button = shadow(el).querySelector<HTMLButtonElement>(
      `.choice-button[data-action="${next}"]`,
    );
    if (!button) throw new Error('no open choice');
    return timed(
      () => button.click(),
      async () => {
        await el.updateComplete;
        const expected = next === 'keep' ? 'kept' : 'removed';
        if (!chip.part.contains(`chip-${expected}`)) throw new Error('the chip did not update');
      },
    );
  },
};

(globalThis as unknown as { wordsBench: typeof api }).wordsBench = api;
