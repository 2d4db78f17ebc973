/**
 * The response contract (docs/contract.md, "The response"): what the endpoint receives.
 * The widget validates every payload against this before it is queued, and the demo endpoint
 * validates what it receives with the same schema, so the two cannot drift.
 */
import * as z from 'zod/mini';
import { identifier } from '../definition/schema.js';
import { lazy } from './lazy.js';

// Plain patterns rather than z.uuid() and z.iso.datetime(): the same checks for this contract,
// without the weight of zod's general format machinery in the script-tag bundle.
/**
 * An ISO 8601 date and time with a time zone that names a real moment (`2026-13-45T99:99:99Z`
 * has the shape but is refused); also used by the draft record.
 */
export const isoDate = () =>
  z.string().check(
    z.regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/, {
      message: 'must be an ISO 8601 date and time with a time zone',
      // Only a date of the right shape is checked for being real.
      abort: true,
    }),
    // superRefine rather than z.refine: the same issue without zod's custom schema type.
    z.superRefine((value, ctx) => {
      if (!isRealDate(value)) {
        ctx.addIssue({ code: 'custom', message: 'must be a real date and time' });
      }
    }),
  );

/** Month 1 to 12, a day that month has, hours below 24, minutes and seconds below 60. */
function isRealDate(text: string): boolean {
  const [year, month, day, hour, minute, second] = text.split(/\D/, 6).map(Number);
  const offset = /([+-])(\d\d):(\d\d)$/.exec(text);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    hour < 24 &&
    minute < 60 &&
    second < 60 &&
    (!offset || (Number(offset[2]) < 24 && Number(offset[3]) < 60))
  );
}

/**
 * A response id: a UUID, canonical in lower case. An upper-case copy of an id is the same id, so
 * it is normalised to lower case (an endpoint then sees one response, not two).
 */
const uuid = () =>
  z
    .string()
    .check(
      z.regex(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i,
        'must be a UUID',
      ),
      z.toLowerCase(),
    );

/**
 * An answer's key: a question id, and never a name every object already has (`constructor`,
 * `prototype`), which code reading `answers[id]` would find whether answered or not.
 */
const answerKey = () =>
  z
    .string()
    .check(
      z.regex(
        /^(?!(constructor|prototype)$)[A-Za-z][A-Za-z0-9_-]{0,63}$/,
        'must start with a letter and use only letters, digits, - and _ (at most 64), and not be "constructor" or "prototype"',
      ),
    );

/** The most answers a response may carry, and the most values one `choices` answer may have. */
export const MAX_ANSWERS = 200;
export const MAX_CHOICES = 200;

const buildWordDecision = () =>
  z.strictObject({
    statement: z.int().check(z.gte(0)),
    position: z.int().check(z.gte(0)),
    word: z.string().check(z.minLength(1)),
    // A literal of two values, not z.enum: the same check, issue and JSON Schema, and the
    // bundle needs no enum type (205 B gzip).
    choice: z.literal(['keep', 'remove']),
  });

// Every schema below is built on first use (see lazy.ts), not when this module loads.
export const wordDecisionSchema = lazy(buildWordDecision);

/** The longest text answer a response may carry (docs/contract.md, "The response"). */
export const MAX_TEXT_LENGTH = 10_000;

/**
 * One answer; `maxTextLength` caps text answers. Drafts pass none: a draft keeps exactly what
 * the respondent typed, and the question's own limit is explained when they press Continue.
 */
export function answerSchemaWith(maxTextLength?: number) {
  const text = z.string();
  return z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('words'), decisions: z.array(buildWordDecision()) }),
    z.strictObject({ type: z.literal('choice'), value: z.string().check(z.minLength(1)) }),
    z.strictObject({
      type: z.literal('choices'),
      values: z.array(z.string().check(z.minLength(1))).check(z.maxLength(MAX_CHOICES)),
    }),
    z.strictObject({
      type: z.literal('text'),
      value: maxTextLength === undefined ? text : text.check(z.maxLength(maxTextLength)),
    }),
    z.strictObject({ type: z.literal('scale'), value: z.int() }),
  ]);
}

// How the response was collected (issue 23): in the widget's own lines, apart from the rest.
/**
 * How a response was collected: `self` (the respondent on their own device), `kiosk` (a shared
 * tablet at an event or in a waiting room), `assisted` (a staff member helped), `paper` (staff
 * keyed in a paper form).
 */
export const COLLECTION_METHODS = ['self', 'kiosk', 'assisted', 'paper'] as const;
/** One of {@link COLLECTION_METHODS}. */
export type CollectionMethod = (typeof COLLECTION_METHODS)[number];

const buildAnswers = () =>
  z.record(answerKey(), answerSchemaWith(MAX_TEXT_LENGTH)).check(
    z.superRefine((answers, ctx) => {
      if (Object.keys(answers).length > MAX_ANSWERS) {
        ctx.addIssue({ code: 'custom', message: `must have at most ${MAX_ANSWERS} answers` });
      }
    }),
  );

/**
 * Where `input` has an answer keyed `__proto__`, which zod's record leaves out of its result
 * without an issue: a receiver refuses it before parsing, so no answer vanishes unseen. (The
 * widget never makes one: a question id starts with a letter.)
 */
export function hiddenAnswerKeys(input: unknown): string[] {
  const answers = (input as { answers?: unknown } | null)?.answers;
  return answers && typeof answers === 'object' && Object.hasOwn(answers, '__proto__')
    ? ['__proto__']
    : [];
}

export const answerSchema = lazy(() => answerSchemaWith(MAX_TEXT_LENGTH));

export const answersSchema = lazy(buildAnswers);

const buildResponse = () =>
  z.strictObject({
    id: uuid(),
    surveyId: identifier(),
    surveyVersion: z
      .string()
      .check(z.regex(/^[A-Za-z0-9._-]{1,32}$/, 'must be a short version label like "1"')),
    startedAt: isoDate(),
    completedAt: isoDate(),
    answers: buildAnswers(),
    client: z.strictObject({
      widget: z.literal('values-survey'),
      version: z.string().check(z.regex(/^[0-9A-Za-z.+-]{1,64}$/, 'must be a version like 1.2.0')),
    }),
    // Optional: responses queued before the field existed have none (read them as `self`).
    collection: z.optional(z.literal(COLLECTION_METHODS)),
  });

export const responseSchema = lazy(buildResponse);

/** One keep-or-remove decision about one word. `statement` and `position` are zero-based. */
export type WordDecision = z.infer<ReturnType<typeof buildWordDecision>>;
/** One question's answer, in the shape the endpoint receives. */
export type Answer = z.infer<ReturnType<typeof answerSchemaWith>>;
/** Answers keyed by question id; unanswered questions are absent. */
export type Answers = z.infer<ReturnType<typeof buildAnswers>>;
/** A completed response, exactly as POSTed to the endpoint. */
export type SurveyResponse = z.infer<ReturnType<typeof buildResponse>>;
