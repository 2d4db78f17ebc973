/**
 * The decision state of a words question, with no DOM: which tokens are chips, the decisions in
 * force (only those that still point at a chip's word), the tally, and what one decision changes.
 */
import type { WordDecision } from '../response/schema.js';
import { normalizeWord, tokenize, type WordToken } from '../text/tokenize.js';

export type Choice = WordDecision['choice'];

export interface TokenView extends WordToken {
  /** Whether the token is a word chip (it has a word, and the word is not excluded). */
  readonly chip: boolean;
}

export interface StatementView {
  readonly index: number;
  readonly tokens: readonly TokenView[];
  /** Positions of the chips in reading order, for arrow keys, Home and End. */
  readonly chips: readonly number[];
}

export const keyOf = (statement: number, position: number) => `${statement}:${position}`;

/** Tokenises every statement once and marks which tokens are chips. */
export function buildStatements(
  statements: readonly string[],
  exclude: readonly string[],
): StatementView[] {
  const excluded = new Set(exclude.map(normalizeWord).filter((word) => word !== ''));
  return statements.map((text, index) => {
    const tokens = tokenize(text).map((token) => ({
      ...token,
      chip: token.word !== '' && !excluded.has(normalizeWord(token.word)),
    }));
    const chips = tokens.filter((token) => token.chip).map((token) => token.position);
    return { index, tokens, chips };
  });
}

/** The decisions in force over some statements, indexed for rendering. */
export class DecisionIndex {
  /** By `statement:position`. */
  readonly byKey = new Map<string, WordDecision>();
  /** Per statement, a short fingerprint of its decisions, so unchanged statements skip render. */
  readonly signatures: string[];
  kept = 0;
  removed = 0;
  readonly #views: readonly StatementView[];

  constructor(views: readonly StatementView[], decisions: readonly WordDecision[]) {
    this.#views = views;
    for (const decision of decisions) {
      const token = views[decision.statement]?.tokens[decision.position];
      // Drop decisions that no longer point at this chip's word.
      if (!token?.chip || token.word !== decision.word) continue;
      this.byKey.set(keyOf(decision.statement, decision.position), decision);
    }
    this.signatures = views.map(() => '');
    for (const decision of this.byKey.values()) {
      if (decision.choice === 'keep') this.kept++;
      else this.removed++;
      this.signatures[decision.statement] += `${decision.position}${decision.choice[0]},`;
    }
  }

  choiceAt(key: string): Choice | undefined {
    return this.byKey.get(key)?.choice;
  }

  /**
   * Every decision once the word at `statement`/`position` is given `choice` (undefined: cleared),
   * sorted by statement then position; undefined when nothing would change.
   */
  decide(
    statement: number,
    position: number,
    choice: Choice | undefined,
  ): WordDecision[] | undefined {
    const token = this.#views[statement]?.tokens[position];
    const key = keyOf(statement, position);
    if (!token?.chip || this.choiceAt(key) === choice) return undefined;
    const next = new Map(this.byKey);
    if (choice) next.set(key, { statement, position, word: token.word, choice });
    else next.delete(key);
    return [...next.values()].sort((a, b) => a.statement - b.statement || a.position - b.position);
  }
}
