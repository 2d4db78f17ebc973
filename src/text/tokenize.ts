/**
 * Splits a statement into the tokens a words question shows. Pure, with no DOM, so the element,
 * the tests and a back-end that maps `position` back onto the statement agree on one rule.
 */

/** One white-space separated piece of a statement. */
export interface WordToken {
  /**
   * Zero-based index of this token among all of the statement's white-space separated tokens,
   * counting tokens that are excluded or only punctuation, so it is stable for a given statement.
   */
  readonly position: number;
  /** Punctuation before the word, shown as text: `(` in `(optional)`. */
  readonly before: string;
  /** The word without leading or trailing punctuation; empty when the token is only punctuation. */
  readonly word: string;
  /** Punctuation after the word, shown as text: `,` in `staff,`. */
  readonly after: string;
}

// A word starts and ends with a letter, digit or combining mark; anything else at either end is
// punctuation that stays visible but is not part of the word. Inner characters are kept, so
// "co-create" and "person’s" stay whole.
const TOKEN = /^([^\p{L}\p{N}\p{M}]*)(.*?)([^\p{L}\p{N}\p{M}]*)$/su;

/**
 * Tokenises a statement: split on white space, then peel punctuation off each end of each token.
 *
 * `tokenize('we value all our staff,')[4]` is `{ position: 4, before: '', word: 'staff', after: ',' }`.
 */
export function tokenize(statement: string): WordToken[] {
  const pieces = statement.split(/\s+/u).filter((piece) => piece !== '');
  return pieces.map((piece, position) => {
    // The pattern matches every string. A token that is only punctuation ("–") is all "before"
    // and has no word.
    const [, before, word, after] = TOKEN.exec(piece) as RegExpExecArray;
    return { position, before, word, after };
  });
}

/**
 * The form words are compared in (for `exclude`): punctuation at either end removed, case folded,
 * straight and curly apostrophes treated alike, Unicode normalised.
 */
export function normalizeWord(text: string): string {
  const [, , word] = TOKEN.exec(text.trim().normalize('NFC')) as RegExpExecArray;
  return word.replace(/[\u2019\u02BC]/gu, "'").toLocaleLowerCase('en-GB');
}
