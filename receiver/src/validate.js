// Validates a received response with the widget's own schema, imported from the widget package
// (`values-survey/response-schema`, built from src/response/schema.ts), so the two cannot drift.
// This is the only module of the receiver that imports the schema.
// zod/mini's messages are all "Invalid input", so each problem gets a short message written here.

let schemaModule;
try {
  schemaModule = await import('values-survey/response-schema');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  throw new Error(
    'values-survey-receiver: cannot load the response schema from the values-survey package ' +
      '(dist/esm/response/schema.js). In this repository, build it first: `npm run build`.',
    { cause: error },
  );
}
const { responseSchema, hiddenAnswerKeys } = schemaModule;

/**
 * @returns {{ ok: true, response: object } |
 *   { ok: false, problems: { path: string, message: string }[] }}
 */
export function validateResponse(value) {
  // A key zod would leave out without a word is refused here, before parsing.
  const hidden = hiddenAnswerKeys(value);
  if (hidden.length) {
    return {
      ok: false,
      problems: hidden.map((key) => ({
        path: formatPath(['answers', key]),
        message: 'is a reserved name, not a question id',
      })),
    };
  }
  const result = responseSchema.safeParse(value);
  if (result.success) return { ok: true, response: result.data };
  return { ok: false, problems: result.error.issues.flatMap((issue) => describe(issue, value)) };
}

/** `['answers', 'values', 'decisions', 0, 'statement']` → `answers.values.decisions[0].statement` */
export function formatPath(path) {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(String(key))) out += out ? `.${String(key)}` : String(key);
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function describe(issue, input) {
  const path = issue.path ?? [];
  const problem = (message, at = path) => ({ path: formatPath(at), message });
  switch (issue.code) {
    case 'invalid_type': {
      const actual = valueAt(input, path);
      if (actual === undefined) return [problem('is required')];
      return [
        problem(`must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${kind(actual)}`),
      ];
    }
    case 'too_small':
      return [problem(sizeMessage('at least', issue.minimum, issue))];
    case 'too_big':
      return [problem(sizeMessage('at most', issue.maximum, issue))];
    case 'unrecognized_keys':
      return (issue.keys ?? []).map((key) =>
        problem('is not a field of a response', [...path, key]),
      );
    case 'invalid_format':
      // The schema's own message names the format (e.g. "must be a UUID") where it has one.
      return [
        problem(
          issue.message && issue.message !== 'Invalid input'
            ? issue.message
            : (FORMATS[issue.format] ?? `must be a valid ${issue.format}`),
        ),
      ];
    case 'invalid_value':
      return [problem(oneOf(issue.values))];
    case 'invalid_union': {
      const actual = valueAt(input, path);
      if (issue.options) {
        const message = `${actual === undefined ? 'is required and ' : ''}${oneOf(issue.options)}`;
        return [problem(message)];
      }
      return [problem('does not match any of the allowed shapes')];
    }
    case 'invalid_key':
      return [
        problem(`is not a question id: it ${issue.issues?.[0]?.message ?? 'is not allowed'}`),
      ];
    case 'invalid_element':
      return [problem('has an element that is not allowed')];
    case 'not_multiple_of':
      return [problem(`must be a multiple of ${issue.divisor}`)];
    default:
      return [
        problem(issue.message && issue.message !== 'Invalid input' ? issue.message : 'is invalid'),
      ];
  }
}

const EXPECTED = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

const FORMATS = {
  uuid: 'must be a UUID, like 3f1c2b0e-8d4a-4c6e-9b1a-2f5d7e9c0a41',
  datetime: 'must be an ISO 8601 date and time with a time zone, like 2025-03-01T09:30:00Z',
  email: 'must be an email address',
  url: 'must be a URL',
};

function sizeMessage(bound, limit, issue) {
  const exclusive = issue.inclusive === false;
  switch (issue.origin) {
    case 'string':
      if (bound === 'at least' && limit === 1 && !exclusive) return 'must not be empty';
      return `must be ${bound} ${limit} characters long${exclusive ? ' (exclusive)' : ''}`;
    case 'array':
    case 'set':
      if (bound === 'at least' && limit === 1 && !exclusive) return 'must not be empty';
      return `must have ${bound} ${limit} items`;
    case 'number':
    case 'int':
    case 'bigint':
      if (exclusive) return `must be ${bound === 'at least' ? 'more' : 'less'} than ${limit}`;
      return `must be ${bound} ${limit}`;
    default:
      return `must be ${bound} ${limit}`;
  }
}

function oneOf(values = []) {
  const list = values.map((value) => JSON.stringify(value));
  return list.length === 1 ? `must be ${list[0]}` : `must be one of ${list.join(', ')}`;
}

function kind(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

function valueAt(input, path) {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return value;
}
