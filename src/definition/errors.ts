/**
 * Turns validation failures into messages an editor can act on: where (`questions[2].type`) and
 * what is wrong, in plain en-GB. zod/mini ships no messages of its own, so they are written here.
 */
import type { core } from 'zod/mini';

/** One specific problem with a survey definition. */
export interface DefinitionProblem {
  /** Where the problem is, e.g. `questions[2].type`; empty for the definition as a whole. */
  path: string;
  /** What is wrong, e.g. `must be one of: words, choice, choices, text, scale (got "slider")`. */
  message: string;
}

/** Why a definition could not be used: not fetched, not JSON, or not valid. */
export class DefinitionError extends Error {
  override name = 'DefinitionError';
  constructor(
    message: string,
    readonly problems: DefinitionProblem[] = [],
    readonly source: 'src' | 'script' | 'property' | 'built-in' = 'property',
  ) {
    super(message);
  }
}

/** `['questions', 2, 'type']` becomes `questions[2].type`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object ({ … })',
  array: 'a list ([ … ])',
};

function messageFor(issue: core.$ZodIssue): string {
  // Messages written into the schema are already specific; use them as they are.
  if (issue.message && issue.message !== 'Invalid input') return issue.message;
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined
        ? 'is missing'
        : `must be ${EXPECTED[issue.expected] ?? issue.expected} (got ${describe(input)})`;
    case 'invalid_union':
      if ('options' in issue && Array.isArray(issue.options)) {
        // zod reports the whole object; the editor wants the value of the field itself.
        const key = 'discriminator' in issue ? String(issue.discriminator) : '';
        const value =
          input && typeof input === 'object' ? (input as Record<string, unknown>)[key] : input;
        return `must be one of: ${issue.options.join(', ')} (got ${describe(value)})`;
      }
      return 'is not in a form this survey understands';
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'unrecognized_keys':
      return `has ${issue.keys.length === 1 ? 'a field' : 'fields'} this survey does not know: ${issue.keys
        .map((key) => `"${key}"`)
        .join(', ')} (check the spelling)`;
    case 'too_small':
      return issue.origin === 'array'
        ? `needs at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`
        : `must be at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' || issue.origin === 'string'
        ? `must have at most ${issue.maximum} ${issue.origin === 'string' ? 'characters' : 'items'}`
        : `must be at most ${issue.maximum}`;
    case 'invalid_format':
      return 'is not in the expected format';
    default:
      return 'is not valid';
  }
}

/** Every problem zod found, as paths and plain messages. */
export function problemsFrom(issues: readonly core.$ZodIssue[]): DefinitionProblem[] {
  return issues.map((issue) => {
    const path = formatPath(issue.path);
    // A problem with the whole definition reads as a sentence of its own.
    return { path, message: path ? messageFor(issue) : `The definition ${messageFor(issue)}` };
  });
}
