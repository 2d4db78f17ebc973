/**
 * Validates a definition for the survey bundle: valid or not is decided here, with zod, and a
 * definition that cannot be used throws a {@link DefinitionError} whose problems name each path
 * with zod's message. The editor's sentences are added later, only when needed, by
 * `DefinitionError.explained()` (the diagnostics live in a second file: see errors.ts).
 * `parse.ts` is the same check with the sentences at once, for code that can afford them.
 */
import { crossFieldIssues, getDefinitionSchema, type SurveyDefinition } from './schema.js';
import {
  DefinitionError,
  formatPath,
  type DefinitionFailure,
  type DefinitionProblem,
  type SchemaIssue,
} from './errors.js';

type Source = DefinitionError['source'];

/** Each issue with its path, in zod's words: what the error box shows without the diagnostics. */
function pathProblems(issues: readonly SchemaIssue[]): DefinitionProblem[] {
  return issues.map((issue) => {
    const path = formatPath(issue.path);
    return { path, message: `${path || 'The definition'}: ${issue.message ?? 'Invalid input'}` };
  });
}

function invalid(failure: DefinitionFailure & { kind: 'schema' }, source: Source): never {
  const problems = pathProblems(failure.issues);
  throw new DefinitionError(
    `The survey definition is not valid: ${problems.map((p) => p.message).join('; ')}`,
    problems,
    source,
    failure,
  );
}

/**
 * Validates a definition object; throws a DefinitionError listing every problem at once. `text`
 * is the JSON it came from, if any, so the diagnostics can give each problem its line.
 */
export function validateDefinition(
  input: unknown,
  source: Source,
  text?: string,
): SurveyDefinition {
  const result = getDefinitionSchema().safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  // zod runs the cross-field checks only once every field is right; run them on the raw input
  // too, so "min above max" is reported alongside a missing prompt, not after it is fixed.
  const issues: SchemaIssue[] = [...result.error.issues];
  const seen = new Set(issues.map((issue) => formatPath(issue.path) + issue.message));
  for (const issue of crossFieldIssues(input)) {
    if (!seen.has(formatPath(issue.path) + issue.message)) issues.push(issue);
  }
  return invalid({ kind: 'schema', issues, input, text }, source);
}

/**
 * Parses JSON text then validates it. Text that is not JSON throws a DefinitionError with the
 * browser's own reason; the diagnostics name the mistakes (trailing commas, curly quotes…) with
 * line and column. `notJson` has a `{reason}` slot.
 */
export function validateDefinitionJson(
  text: string,
  source: Source,
  notJson: string,
): SurveyDefinition {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const message = notJson.replace('{reason}', error.message);
    throw new DefinitionError(message, [{ path: source === 'src' ? 'src' : '', message }], source, {
      kind: 'json',
      text,
      reason: error.message,
      notJson,
    });
  }
  return validateDefinition(data, source, text);
}
