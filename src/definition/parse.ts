/**
 * Validates a definition and says what is wrong in the editor's words at once, synchronously:
 * for code that is not a respondent's page (the receiver, an editor's tools, tests). The survey
 * bundle uses validate.ts, whose errors get the same sentences later, from a second file.
 */
import { DefinitionError } from './errors.js';
import { explain } from './diagnose.js';
import type { SurveyDefinition } from './schema.js';
import { validateDefinition, validateDefinitionJson } from './validate.js';

type Source = DefinitionError['source'];

/** Rethrows a DefinitionError with the editor's sentences in place of zod's paths. */
function explainedNow(error: unknown): never {
  if (!(error instanceof DefinitionError) || !error.failure) throw error;
  const { message, problems } = explain(error.failure, error.source);
  throw new DefinitionError(message, problems, error.source);
}

/**
 * Validates a definition object; throws a DefinitionError listing every problem at once, in words
 * that count from one. With the JSON `text` it came from, each problem also gets its line.
 */
export function parseDefinition(input: unknown, source: Source, text?: string): SurveyDefinition {
  try {
    return validateDefinition(input, source, text);
  } catch (error) {
    return explainedNow(error);
  }
}

/**
 * Parses JSON text then validates it. Text that is not JSON is reported by the mistakes found
 * (trailing commas, curly quotes…) with line and column; `notJson` has a `{reason}` slot.
 */
export function parseDefinitionJson(
  text: string,
  source: Source,
  notJson: string,
): SurveyDefinition {
  try {
    return validateDefinitionJson(text, source, notJson);
  } catch (error) {
    return explainedNow(error);
  }
}
