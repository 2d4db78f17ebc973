/**
 * The response contract (PRODUCT.md, "The response"): what the endpoint receives.
 * The widget validates every payload against this before it is queued, and the demo endpoint
 * validates what it receives with the same schema, so the two cannot drift.
 */
import * as z from 'zod/mini';
import { lazy } from './lazy.js';

// Plain patterns rather than z.uuid() and z.iso.datetime(): the same checks for this contract,
// without the weight of zod's general format machinery in the script-tag bundle.
/** An ISO 8601 date and time with a time zone (a plain pattern; also used by the draft record). */
export const isoDate = () =>
  z
    .string()
    .check(
      z.regex(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/,
        'must be an ISO 8601 date and time with a time zone',
      ),
    );
const uuid = () =>
  z
    .string()
    .check(
      z.regex(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i,
        'must be a UUID',
      ),
    );

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

/** The longest text answer a response may carry (PRODUCT.md, "The response"). */
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
      values: z.array(z.string().check(z.minLength(1))),
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

const buildAnswers = () => z.record(z.string(), answerSchemaWith(MAX_TEXT_LENGTH));

export const answerSchema = lazy(() => answerSchemaWith(MAX_TEXT_LENGTH));

export const answersSchema = lazy(buildAnswers);

const buildResponse = () =>
  z.strictObject({
    id: uuid(),
    surveyId: z.string().check(z.minLength(1), z.maxLength(64)),
    surveyVersion: z.string().check(z.minLength(1), z.maxLength(32)),
    startedAt: isoDate(),
    completedAt: isoDate(),
    answers: buildAnswers(),
    client: z.strictObject({ widget: z.literal('values-survey'), version: z.string() }),
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
