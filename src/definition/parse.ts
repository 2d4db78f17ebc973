import { definitionSchema, type SurveyDefinition } from './schema.js';
import { DefinitionError, problemsFrom } from './errors.js';

type Source = DefinitionError['source'];

/** Validates a definition object; throws a DefinitionError listing every problem, by path. */
export function parseDefinition(input: unknown, source: Source): SurveyDefinition {
  const result = definitionSchema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const problems = problemsFrom(result.error.issues);
  throw new DefinitionError(
    `The survey definition is not valid: ${problems.map((p) => `${p.path || '(definition)'} ${p.message}`).join('; ')}`,
    problems,
    source,
  );
}

/** Parses JSON text then validates it; "not JSON" is reported with the parser's own reason. */
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
    const message = notJson.replace('{reason}', error.message);
    throw new DefinitionError(message, [{ path: source === 'src' ? 'src' : '', message }], source);
  }
  return parseDefinition(data, source);
}
