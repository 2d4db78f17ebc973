/**
 * The survey definition contract (PRODUCT.md, "Survey definition"), validated with zod/mini.
 * Field names here are the public contract: add optional fields, never rename.
 * Objects are strict, so a misspelt field ("requried") is reported instead of silently ignored.
 */
import * as z from 'zod/mini';

/** Matches an HTML tag or entity: definition text is shown exactly as written, never as markup. */
const MARKUP = /<\/?[a-z!][^>]*>|&[a-z]+;|&#\d+;/i;

const text = () =>
  z.string().check(
    z.trim(),
    z.minLength(1, 'must not be empty'),
    z.refine((value) => !MARKUP.test(value), 'contains HTML markup; write plain text'),
  );

const identifier = () =>
  z
    .string()
    .check(
      z.regex(
        /^[A-Za-z][A-Za-z0-9_-]{0,63}$/,
        'must start with a letter and use only letters, digits, - and _ (at most 64)',
      ),
    );

const questionBase = {
  id: identifier(),
  prompt: text(),
  hint: z.optional(text()),
  required: z.optional(z.boolean()),
};

const option = z.strictObject({
  value: z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(200)),
  label: text(),
  hint: z.optional(text()),
});

export const wordsQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('words'),
  statements: z.array(text()).check(z.minLength(1, 'needs at least one statement')),
  exclude: z.optional(z.array(z.string())),
});

export const choiceQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('choice'),
  options: z.array(option).check(z.minLength(2, 'needs at least two options')),
});

export const choicesQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('choices'),
  options: z.array(option).check(z.minLength(1, 'needs at least one option')),
});

export const textQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('text'),
  maxLength: z.optional(z.int().check(z.gte(1), z.lte(10_000))),
});

export const scaleQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('scale'),
  min: z.int().check(z.gte(0), z.lte(100)),
  max: z.int().check(z.gte(1), z.lte(100)),
  minLabel: z.optional(text()),
  maxLabel: z.optional(text()),
});

export const QUESTION_TYPES = ['words', 'choice', 'choices', 'text', 'scale'] as const;

export const questionSchema = z.discriminatedUnion('type', [
  wordsQuestionSchema,
  choiceQuestionSchema,
  choicesQuestionSchema,
  textQuestionSchema,
  scaleQuestionSchema,
]);

export const definitionSchema = z
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
    questions: z.array(questionSchema).check(z.minLength(1, 'needs at least one question')),
    /** Overrides for the widget's own text (see strings.ts for the keys). */
    strings: z.optional(z.record(z.string(), z.string())),
  })
  .check(
    z.superRefine((definition, ctx) => {
      const seen = new Map<string, number>();
      definition.questions.forEach((question, index) => {
        const first = seen.get(question.id);
        if (first !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['questions', index, 'id'],
            message: `"${question.id}" is already used by questions[${first}]; question ids must be unique`,
            input: question.id,
          });
        } else {
          seen.set(question.id, index);
        }
        if (question.type === 'scale' && question.min >= question.max) {
          ctx.addIssue({
            code: 'custom',
            path: ['questions', index, 'min'],
            message: `must be less than max (min is ${question.min}, max is ${question.max})`,
            input: question.min,
          });
        }
        if (question.type === 'scale' && question.max - question.min > 10) {
          ctx.addIssue({
            code: 'custom',
            path: ['questions', index, 'max'],
            message: 'a scale can have at most 11 points',
            input: question.max,
          });
        }
        if (question.type === 'choice' || question.type === 'choices') {
          const values = new Set<string>();
          question.options.forEach((opt, optionIndex) => {
            if (values.has(opt.value)) {
              ctx.addIssue({
                code: 'custom',
                path: ['questions', index, 'options', optionIndex, 'value'],
                message: `"${opt.value}" is used by another option; option values must be unique`,
                input: opt.value,
              });
            }
            values.add(opt.value);
          });
        }
      });
    }),
  );

/** A survey definition, as an editor writes it (PRODUCT.md). */
export type SurveyDefinition = z.infer<typeof definitionSchema>;
export type Question = z.infer<typeof questionSchema>;
export type WordsQuestion = z.infer<typeof wordsQuestionSchema>;
export type ChoiceQuestion = z.infer<typeof choiceQuestionSchema>;
export type ChoicesQuestion = z.infer<typeof choicesQuestionSchema>;
export type TextQuestion = z.infer<typeof textQuestionSchema>;
export type ScaleQuestion = z.infer<typeof scaleQuestionSchema>;
export type QuestionType = Question['type'];

/** Characters a text answer may have when the definition does not say. */
export const DEFAULT_TEXT_MAX_LENGTH = 1000;
