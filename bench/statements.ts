/**
 * The words every page of the pages bench shows: the six statements of the built-in survey's
 * values question, tokenised by the widget's own rule, so all pages render the same 106 words.
 */
import { DEFAULT_SURVEY } from '../src/definition/default-survey.js';
import { tokenize, type WordToken } from '../src/text/tokenize.js';

const question = DEFAULT_SURVEY.questions.find((q) => q.id === 'values');
if (question?.type !== 'words')
  throw new Error('the built-in survey has no "values" words question');

/** The question's prompt, shown above the words on the floor and static pages. */
export const PROMPT = question.prompt;

/** The statements as the widget shows them. */
export const STATEMENTS: readonly string[] = question.statements;

/** Each statement's tokens (a token with an empty `word` is punctuation only). */
export const TOKENS: readonly (readonly WordToken[])[] = STATEMENTS.map((s) => tokenize(s));

/** The words that are chips, in reading order. */
export const WORDS: readonly string[] = TOKENS.flat()
  .map((token) => token.word)
  .filter((word) => word !== '');
