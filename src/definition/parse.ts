import { crossFieldIssues, getDefinitionSchema, type SurveyDefinition } from './schema.js';
import { DefinitionError, formatPath, problemsFrom, type DefinitionProblem } from './errors.js';
import { placeOf, scanJson } from './json-text.js';

type Source = DefinitionError['source'];

/**
 * Validates a definition object; throws a DefinitionError listing every problem at once, in words
 * that count from one. With the JSON `text` it came from, each problem also gets its line.
 */
export function parseDefinition(input: unknown, source: Source, text?: string): SurveyDefinition {
  const result = getDefinitionSchema().safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  // zod runs the cross-field checks only once every field is right; run them on the raw input
  // too, so "min above max" is reported alongside a missing prompt, not after it is fixed.
  const issues: { path: PropertyKey[]; message?: string }[] = [...result.error.issues];
  const seen = new Set(issues.map((issue) => formatPath(issue.path) + issue.message));
  for (const issue of crossFieldIssues(input)) {
    if (!seen.has(formatPath(issue.path) + issue.message)) issues.push(issue);
  }
  let locate;
  if (text !== undefined) {
    const { places } = scanJson(text);
    // A missing field has no place of its own: point at the object that lacks it.
    locate = (path: readonly PropertyKey[]) => {
      for (let n = path.length; n >= 0; n--) {
        const at = places.get(JSON.stringify(path.slice(0, n)));
        if (at !== undefined) return placeOf(text, at);
      }
      return undefined;
    };
  }
  const problems = problemsFrom(issues, input, locate);
  if (locate)
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  throw new DefinitionError(
    `The survey definition is not valid: ${problems.map((p) => p.message).join('; ')}`,
    problems,
    source,
  );
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
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const { mistakes } = scanJson(text);
    const problems: DefinitionProblem[] = [];
    for (const { at, reason } of mistakes.length ? mistakes : [{ at: -1, reason: error.message }]) {
      // A document full of curly quotes is one mistake to fix, not fifty: say it once, first place.
      const again = mistakes.filter((m) => m.reason === reason).length - 1;
      if (problems.some((p) => p.message.includes(reason))) continue;
      const place = at < 0 ? undefined : placeOf(text, at);
      const where = place && `line ${place.line}, column ${place.column}`;
      const message = notJson.replace(
        '{reason}',
        where ? `${reason} (${where}${again > 0 ? `, and ${again} more` : ''})` : reason,
      );
      problems.push({ path: source === 'src' ? 'src' : '', message, ...place });
    }
    throw new DefinitionError(problems.map((p) => p.message).join(' '), problems, source);
  }
  return parseDefinition(data, source, text);
}
