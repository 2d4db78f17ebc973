/**
 * The editor's diagnostics: turns a definition that cannot be used into sentences an editor can
 * act on (where, counting from one; what is wrong; the JSON mistake by name, with line and
 * column). The script-tag build makes this its own file, `values-survey-diagnostics.js`, loaded
 * beside the bundle only when a definition is wrong, so respondents never download it (see
 * docs/performance.md). It is given the failure as plain data and imports nothing at run time
 * from the bundle, so the two files share no code.
 */
import type { DefinitionFailure, DefinitionProblem, Explanation } from './errors.js';
import { placeOf, scanJson } from './json-text.js';
import { problemsFrom } from './wording.js';

type Source = 'src' | 'script' | 'property' | 'built-in';

/** The failure in the editor's words. */
export function explain(failure: DefinitionFailure, source: Source): Explanation {
  if (failure.kind === 'json') {
    const problems = notJsonProblems(failure.text, failure.reason, failure.notJson, source);
    return { message: problems.map((p) => p.message).join(' '), problems };
  }
  const { issues, input, text } = failure;
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
  return {
    message: `The survey definition is not valid: ${problems.map((p) => p.message).join('; ')}`,
    problems,
  };
}

/** Each JSON mistake found, by name and place; the browser's reason when none is recognised. */
function notJsonProblems(
  text: string,
  reason: string,
  notJson: string,
  source: Source,
): DefinitionProblem[] {
  const { mistakes } = scanJson(text);
  const problems: DefinitionProblem[] = [];
  for (const mistake of mistakes.length ? mistakes : [{ at: -1, reason }]) {
    // A document full of curly quotes is one mistake to fix, not fifty: say it once, first place.
    const again = mistakes.filter((m) => m.reason === mistake.reason).length - 1;
    if (problems.some((p) => p.message.includes(mistake.reason))) continue;
    const place = mistake.at < 0 ? undefined : placeOf(text, mistake.at);
    const where = place && `line ${place.line}, column ${place.column}`;
    const message = notJson.replace(
      '{reason}',
      where
        ? `${mistake.reason} (${where}${again > 0 ? `, and ${again} more` : ''})`
        : mistake.reason,
    );
    problems.push({ path: source === 'src' ? 'src' : '', message, ...place });
  }
  return problems;
}
