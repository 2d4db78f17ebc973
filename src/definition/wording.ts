/**
 * Turns validation failures into messages an editor who does not write JSON can act on: where,
 * in words that count from one (`Question 3 (id "fit")`, `option 2`), and what is wrong, in plain
 * en-GB. zod/mini ships no messages of its own, so they are written here. Editor-side: the survey
 * bundle loads this only when a definition is wrong (see diagnose.ts).
 */
import type { core } from 'zod/mini';
import { formatPath, type DefinitionProblem } from './errors.js';

/** What each field is called in a message. */
const FIELDS: Record<string, string> = {
  id: 'the id',
  version: 'the version',
  title: 'the title',
  intro: 'the introduction',
  lang: 'the language',
  questions: 'the questions',
  type: 'the type',
  prompt: 'the prompt',
  hint: 'the hint',
  required: 'the "required" setting',
  errorMessage: 'the error message',
  statements: 'the statements',
  exclude: 'the excluded words',
  options: 'the options',
  value: 'the value',
  label: 'the label',
  maxLength: 'the character limit',
  min: 'the lowest point',
  max: 'the highest point',
  minLabel: 'the label for the lowest point',
  maxLabel: 'the label for the highest point',
  confirmation: 'the confirmation',
  body: 'the message',
  support: 'the support line',
  contact: 'the contact',
  estimatedMinutes: 'the time it takes (estimatedMinutes)',
  privacyUrl: 'the privacy notice address (privacyUrl)',
  strings: 'the strings',
};

/** What one item of each list is called: `statements[1]` is "statement 2". */
const ITEMS: Record<string, string> = {
  statements: 'statement',
  exclude: 'excluded word',
  options: 'option',
};

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
  string: 'text in quotes',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object ({ … })',
  array: 'a list ([ … ])',
};

/** What is wrong, worded to follow the field's name ("must be …", "is missing"). */
function whatIsWrong(issue: core.$ZodIssue, plural: boolean): string {
  // Messages written into the schema are already specific; use them as they are.
  if (issue.message && issue.message !== 'Invalid input') return issue.message;
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined
        ? `${plural ? 'are' : 'is'} missing`
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
        ? `must have at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`
        : `must be at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' || issue.origin === 'string'
        ? `must have at most ${issue.maximum} ${issue.origin === 'string' ? 'characters' : 'items'}`
        : `must be at most ${issue.maximum}`;
    default:
      return 'is not valid';
  }
}

/**
 * Words for a path, counting from one: `['questions', 2, 'min']` in a definition whose third
 * question has id "fit" reads `Question 3 (id "fit"): the lowest point`. The last part is the
 * subject the message follows; the parts before it say where.
 */
function subjectOf(
  path: readonly PropertyKey[],
  input: unknown,
): [where: string[], subject: string] {
  const where: string[] = [];
  let subject = '';
  let node = input as Record<PropertyKey, unknown> | undefined;
  for (let index = 0; index < path.length; index++) {
    const key = path[index];
    const next = path[index + 1];
    if (subject) where.push(subject);
    if (typeof next === 'number') {
      node = (node?.[key] as Record<number, Record<string, unknown>> | undefined)?.[next];
      const id = key === 'questions' && typeof node?.id === 'string' && node.id;
      subject =
        key === 'questions'
          ? `Question ${next + 1}${id ? ` (id ${describe(id)})` : ''}`
          : `${ITEMS[String(key)] ?? String(key)} ${next + 1}`;
      index++;
    } else {
      subject =
        path[index - 1] === 'strings'
          ? `the text "${String(key)}"`
          : (FIELDS[String(key)] ?? `"${String(key)}"`);
      node = node?.[key] as typeof node;
    }
  }
  return [where, subject || 'the definition'];
}

/** A sentence for one problem: where (counting from one), then what is wrong. */
export function problemFor(
  path: readonly PropertyKey[],
  what: string,
  input: unknown,
  at?: { line: number; column: number },
): DefinitionProblem {
  const [where, subject] = subjectOf(path, input);
  const sentence = `${where.length ? `${where.join(', ')}: ` : ''}${subject} ${what}`;
  return {
    path: formatPath(path),
    message: `${sentence[0].toUpperCase()}${sentence.slice(1)}${at ? ` (line ${at.line}, column ${at.column})` : ''}`,
    ...at,
  };
}

/**
 * One problem of a record that is not a definition (a stored response, say), for someone who
 * reads field paths: `answers.fit.value must be a number (got "high")`.
 */
export function issueAtPath(issue: { path: readonly PropertyKey[] }): string {
  return `${formatPath(issue.path)} ${whatIsWrong(issue as core.$ZodIssue, false)}`.trim();
}

/** Every problem zod found, in words; `locate` gives a path's place in the JSON text, if any. */
export function problemsFrom(
  issues: readonly { path: readonly PropertyKey[] }[],
  input: unknown,
  locate?: (path: readonly PropertyKey[]) => { line: number; column: number } | undefined,
): DefinitionProblem[] {
  return issues.map((issue) => {
    const last = issue.path[issue.path.length - 1];
    const plural = typeof last === 'string' && /s$/.test(FIELDS[last] ?? '');
    return problemFor(
      issue.path,
      whatIsWrong(issue as core.$ZodIssue, plural),
      input,
      locate?.(issue.path),
    );
  });
}
