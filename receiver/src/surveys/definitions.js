// Survey definitions as the receiver checks them: with the widget's own parser (imported from the
// widget package, `values-survey/definition/parse`, built from src/definition/parse.ts), so a
// definition the receiver accepts is one the widget runs, and the other way round. Plus what only
// a receiver needs: open and close dates, and question ids a response could not carry.

let parseModule;
try {
  parseModule = await import('values-survey/definition/parse');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  throw new Error(
    'values-survey-receiver: cannot load the definition parser from the values-survey package ' +
      '(dist/esm/definition/parse.js). In this repository, build it first: `npm run build`.',
    { cause: error },
  );
}

/** Question ids a response cannot carry as answer keys (the response schema refuses them). */
const RESERVED_IDS = new Set(['__proto__', 'constructor', 'prototype']);

/** An ISO 8601 date and time with a time zone, as the response schema's dates. */
const ISO_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

/**
 * Why a survey definition, a version or its dates cannot be used.
 * `status` is the HTTP status a route answers with: 422 for a definition or dates that are
 * wrong, 409 for a version that already holds other questions.
 */
export class SurveyError extends Error {
  /**
   * @param {string} message
   * @param {{ status?: number, code?: string, problems?: { path: string, message: string }[] }} [details]
   */
  constructor(message, { status = 422, code = 'invalid survey', problems = [] } = {}) {
    super(message);
    this.name = 'SurveyError';
    this.status = status;
    this.code = code;
    this.problems = problems;
  }
}

/**
 * Validates a definition (an object, or JSON text) with the widget's parser.
 * @param {unknown} input
 * @returns {object} the definition as the widget would run it (text trimmed)
 * @throws {SurveyError} listing every problem, each `{ path, message }` in the widget's words
 */
export function checkDefinition(input) {
  let definition;
  try {
    definition =
      typeof input === 'string'
        ? parseModule.parseDefinitionJson(input, 'src', 'The definition is not JSON: {reason}.')
        : parseModule.parseDefinition(input, 'property');
  } catch (error) {
    if (error?.name !== 'DefinitionError') throw error;
    const problems = error.problems.map(({ path, message }) => ({ path, message }));
    throw new SurveyError(error.message, { problems });
  }
  const reserved = definition.questions
    .map((question, index) => ({ question, index }))
    .filter(({ question }) => RESERVED_IDS.has(question.id));
  if (reserved.length) {
    const problems = reserved.map(({ question, index }) => ({
      path: `questions[${index}].id`,
      message: `Question ${index + 1}: the id "${question.id}" is reserved; choose another`,
    }));
    throw new SurveyError(problems.map((p) => p.message).join('; '), { problems });
  }
  return definition;
}

/**
 * Checks open and close dates (each optional: ISO 8601 with a time zone), returning them as UTC
 * ISO strings or null.
 * @param {{ opensAt?: unknown, closesAt?: unknown }} dates
 * @returns {{ opensAt: string | null, closesAt: string | null }}
 * @throws {SurveyError}
 */
export function checkDates({ opensAt, closesAt } = {}) {
  const problems = [];
  const date = (value, name) => {
    if (value === undefined || value === null || value === '') return null;
    const parsed = typeof value === 'string' && ISO_DATE.test(value) ? new Date(value) : undefined;
    if (!parsed || Number.isNaN(parsed.getTime()) || !sameFields(value, parsed)) {
      problems.push({
        path: name,
        message: `${name} must be a date and time with a time zone, like 2026-09-30T23:59:59+01:00`,
      });
      return null;
    }
    return parsed.toISOString();
  };
  const opens = date(opensAt, 'opensAt');
  const closes = date(closesAt, 'closesAt');
  if (opens && closes && opens >= closes) {
    problems.push({ path: 'closesAt', message: 'closesAt must be after opensAt' });
  }
  if (problems.length)
    throw new SurveyError(problems.map((p) => p.message).join('; '), { problems });
  return { opensAt: opens, closesAt: closes };
}

/** Whether the written year, month and day survived parsing (Date rolls 31 April on to 1 May). */
function sameFields(text, parsed) {
  const [, year, month, day, hour, minute] = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(text);
  const offset = /(Z|([+-])(\d\d):(\d\d))$/.exec(text);
  const minutes =
    offset[1] === 'Z'
      ? 0
      : (offset[2] === '-' ? -1 : 1) * (Number(offset[3]) * 60 + Number(offset[4]));
  const local = new Date(parsed.getTime() + minutes * 60_000);
  return (
    local.getUTCFullYear() === Number(year) &&
    local.getUTCMonth() + 1 === Number(month) &&
    local.getUTCDate() === Number(day) &&
    local.getUTCHours() === Number(hour) &&
    local.getUTCMinutes() === Number(minute)
  );
}
