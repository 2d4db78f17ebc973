/**
 * The survey definition contract (docs/contract.md, "Survey definition"), validated with zod/mini.
 * Field names here are the public contract: add optional fields, never rename.
 * Objects are strict, so a misspelt field ("requried") is reported instead of silently ignored.
 *
 * The schemas are built on first use, not when this module is evaluated: constructing them costs
 * a phone over 100 ms (issue 14), and most page loads (the built-in survey, a draft) never need
 * them. `getDefinitionSchema()` builds them once; `definitionSchema` is the same schema behind a
 * lazy handle, kept so existing imports (`definitionSchema.safeParse(...)`) keep working.
 */
import * as z from 'zod/mini';

/** Matches an HTML tag or entity: definition text is shown exactly as written, never as markup. */
const MARKUP = /<\/?[a-z!][^>]*>|&[a-z]+;|&#\d+;/i;

/** An email address, or a phone number of 6 to 15 digits (spaces, +, ( ) and - allowed). */
const CONTACT = /^(?:[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+|\+?(?:[\s()-]*\d){6,15}[\s()-]*)$/;

/** A privacy notice's address: absolute http(s), or a path on the page's own site. */
const PRIVACY_URL = /^(?:https?:\/\/[^\s/]+|\/(?!\/))\S*$/i;

/** The question types, in the order editors are told about them. */
export const QUESTION_TYPES = ['words', 'choice', 'choices', 'text', 'scale'] as const;

/**
 * Survey and question ids (a letter, then letters, digits, - and _; at most 64), so no id carries
 * control characters, white space or markup into a database or a CSV. The response schema checks
 * a response's survey id with the same rule.
 */
export const identifier = () =>
  z
    .string()
    .check(
      z.regex(
        /^[A-Za-z][A-Za-z0-9_-]{0,63}$/,
        'must start with a letter and use only letters, digits, - and _ (at most 64)',
      ),
    );

function build() {
  const text = () =>
    z.string().check(
      z.trim(),
      z.minLength(1, 'must not be empty'),
      // superRefine, as the whole definition's check below, rather than z.refine: the same
      // issue, and zod's custom schema type stays out of the bundle (168 B gzip).
      z.superRefine((value, ctx) => {
        if (MARKUP.test(value)) {
          ctx.addIssue({ code: 'custom', message: 'contains HTML markup; write plain text' });
        }
      }),
    );

  const questionBase = {
    id: identifier(),
    prompt: text(),
    hint: z.optional(text()),
    required: z.optional(z.boolean()),
    /** Shown when a required question is not answered; see `errorMessageFor` for the default. */
    errorMessage: z.optional(text()),
  };

  const option = z.strictObject({
    value: z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(200)),
    label: text(),
    hint: z.optional(text()),
    /** Of a `choices` question: choosing it clears the other options and choosing another clears
     * it, as GOV.UK's "None of these" (shown after an "or"). */
    exclusive: z.optional(z.boolean()),
  });

  const words = z.strictObject({
    ...questionBase,
    type: z.literal('words'),
    statements: z.array(text()).check(z.minLength(1, 'must include at least one statement')),
    exclude: z.optional(z.array(z.string())),
  });
  const choice = z.strictObject({
    ...questionBase,
    type: z.literal('choice'),
    options: z.array(option).check(z.minLength(2, 'must include at least two options')),
  });
  const choices = z.strictObject({
    ...questionBase,
    type: z.literal('choices'),
    options: z.array(option).check(z.minLength(1, 'must include at least one option')),
  });
  const textQuestion = z.strictObject({
    ...questionBase,
    type: z.literal('text'),
    maxLength: z.optional(z.int().check(z.gte(1), z.lte(10_000))),
  });
  const scale = z.strictObject({
    ...questionBase,
    type: z.literal('scale'),
    min: z.int().check(z.gte(0), z.lte(100)),
    max: z.int().check(z.gte(1), z.lte(100)),
    minLabel: z.optional(text()),
    maxLabel: z.optional(text()),
  });
  const question = z.discriminatedUnion('type', [words, choice, choices, textQuestion, scale]);

  const definition = z
    .strictObject({
      $schema: z.optional(z.string()),
      id: identifier(),
      version: z
        .string()
        .check(z.regex(/^[A-Za-z0-9._-]{1,32}$/, 'must be a short version label like "1"')),
      title: text(),
      intro: z.optional(text()),
      /** The language of the survey's text (BCP 47, e.g. "en-GB", "cy"); default: the page's. */
      lang: z.optional(
        z
          .string()
          .check(
            z.regex(
              /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/,
              'must be a language tag like "en-GB" or "cy"',
            ),
          ),
      ),
      questions: z.array(question).check(z.minLength(1, 'must include at least one question')),
      /** What the respondent reads after submitting: what happens next. Blank lines split paragraphs. */
      confirmation: z.optional(
        z.strictObject({ title: z.optional(text()), body: z.optional(text()) }),
      ),
      /** One line of signposting for people in distress, shown beside the questions and at the end. */
      support: z.optional(text()),
      /** An email address or phone number to offer when the answers cannot be sent. */
      contact: z.optional(
        z
          .string()
          .check(
            z.trim(),
            z.regex(
              CONTACT,
              'must be an email address (like surveys@example.nhs.uk) or a phone number (like 020 7946 0000)',
            ),
          ),
      ),
      /** About how many minutes the survey takes, for the start page; default: estimated. */
      estimatedMinutes: z.optional(z.int().check(z.gte(1), z.lte(120))),
      /** The web address of the Trust's privacy notice, linked from the start page. */
      privacyUrl: z.optional(
        z
          .string()
          .check(
            z.trim(),
            z.regex(
              PRIVACY_URL,
              'must be a web address starting with https:// or http:// (or a path starting with /)',
            ),
          ),
      ),
      /** Overrides for the widget's own text (see strings.ts for the keys). */
      strings: z.optional(z.record(z.string(), z.string())),
    })
    .check(
      z.superRefine((value, ctx) => {
        for (const issue of crossFieldIssues(value)) ctx.addIssue({ code: 'custom', ...issue });
      }),
    );

  return { definition, question, words, choice, choices, text: textQuestion, scale };
}

type Schemas = ReturnType<typeof build>;
let built: Schemas | undefined;

/** Every definition schema, built on the first call and shared after. */
export const definitionSchemas = (): Schemas => (built ??= build());

/** The schema of a whole survey definition, built on first use. */
export const getDefinitionSchema = () => definitionSchemas().definition;

/** A handle that builds the schema when it is first touched (method call, `_zod`, instanceof). */
function lazy<K extends keyof Schemas>(key: K): Schemas[K] {
  const target = () => definitionSchemas()[key] as object;
  return new Proxy({} as Schemas[K], {
    get: (_, property) => Reflect.get(target(), property),
    has: (_, property) => Reflect.has(target(), property),
    getPrototypeOf: () => Reflect.getPrototypeOf(target()),
  });
}

/** The definition schema (zod/mini), for code that validates definitions itself. Built on first use. */
export const definitionSchema = /* @__PURE__ */ lazy('definition');
export const questionSchema = /* @__PURE__ */ lazy('question');
export const wordsQuestionSchema = /* @__PURE__ */ lazy('words');
export const choiceQuestionSchema = /* @__PURE__ */ lazy('choice');
export const choicesQuestionSchema = /* @__PURE__ */ lazy('choices');
export const textQuestionSchema = /* @__PURE__ */ lazy('text');
export const scaleQuestionSchema = /* @__PURE__ */ lazy('scale');

/** A problem that needs more than one field to see, before it is worded for an editor. */
export interface CrossFieldIssue {
  path: (string | number)[];
  message: string;
  input: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks that compare fields (unique ids and option values, a scale's ends). They read the raw
 * input defensively, so they run even when other fields are wrong: an editor sees every problem
 * in one pass, not the next one only after fixing the last.
 */
export function crossFieldIssues(input: unknown): CrossFieldIssue[] {
  const issues: CrossFieldIssue[] = [];
  const questions = isRecord(input) && Array.isArray(input.questions) ? input.questions : [];
  const ids = new Map<unknown, number>();
  questions.forEach((question: unknown, index) => {
    if (!isRecord(question)) return;
    const { id, min, max, options } = question;
    const first = ids.get(id);
    if (typeof id === 'string' && first !== undefined) {
      issues.push({
        path: ['questions', index, 'id'],
        message: `is already used by question ${first + 1}; every question needs its own id`,
        input: id,
      });
    } else ids.set(id, index);
    if (question.type === 'scale' && typeof min === 'number' && typeof max === 'number') {
      if (min >= max) {
        issues.push({
          path: ['questions', index, 'min'],
          message: `must be below the highest (lowest ${min}, highest ${max})`,
          input: min,
        });
      } else if (max - min > 10) {
        issues.push({
          path: ['questions', index, 'max'],
          message: `is too far from the lowest: a scale can have at most 11 points (lowest ${min}, highest ${max})`,
          input: max,
        });
      }
    }
    if (Array.isArray(options)) {
      const values = new Map<unknown, number>();
      options.forEach((option: unknown, optionIndex) => {
        const value = isRecord(option) ? option.value : undefined;
        const earlier = values.get(value);
        if (typeof value === 'string' && earlier !== undefined) {
          issues.push({
            path: ['questions', index, 'options', optionIndex, 'value'],
            message: `"${value}" is used by option ${earlier + 1} too; each option needs its own value`,
            input: value,
          });
        } else values.set(value, optionIndex);
      });
    }
  });
  return issues;
}

/** A survey definition, as an editor writes it (docs/contract.md). */
export type SurveyDefinition = z.infer<Schemas['definition']>;
export type Question = z.infer<Schemas['question']>;
export type WordsQuestion = z.infer<Schemas['words']>;
export type ChoiceQuestion = z.infer<Schemas['choice']>;
export type ChoicesQuestion = z.infer<Schemas['choices']>;
export type TextQuestion = z.infer<Schemas['text']>;
export type ScaleQuestion = z.infer<Schemas['scale']>;
export type QuestionType = Question['type'];
/** The message shown after submitting (`definition.confirmation`). */
export type Confirmation = NonNullable<SurveyDefinition['confirmation']>;

/** Characters a text answer may have when the definition does not say. */
export const DEFAULT_TEXT_MAX_LENGTH = 1000;
