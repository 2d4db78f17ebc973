/**
 * Reads the receiver's summary (`GET /responses/summary`, counts.ts's `Summary`) and checks its
 * shape before anything trusts it: a summary from another version of the receiver, or a proxy's
 * page, must give a clear error, never a report of wrong numbers.
 */
import * as z from 'zod/mini';
import { issueAtPath } from '../definition/wording.js';
import type { Summary } from './counts.js';
import { ReadError } from './read.js';

const count = z.int().check(z.minimum(0));
const tally = z.record(z.string(), count);

const countSet = z.object({
  count,
  firstCompleted: z.nullable(z.string()),
  lastCompleted: z.nullable(z.string()),
  answered: z.record(z.string(), tally),
  words: z.record(z.string(), z.array(z.tuple([count, count, z.string(), count, count]))),
  choices: z.record(z.string(), tally),
  scales: z.record(z.string(), tally),
  texts: z.record(z.string(), z.object({ count, answers: z.array(z.string()) })),
});

const summarySchema = z.object({
  format: z.literal('values-survey-summary'),
  formatVersion: z.literal(1),
  minGroup: z.int().check(z.minimum(1)),
  textLimit: count,
  versions: z.array(
    z.object({
      surveyId: z.string(),
      version: z.string(),
      count,
      all: z.nullable(countSet),
      groups: z.array(
        z.object({
          questionId: z.string(),
          value: z.string(),
          count,
          counts: z.nullable(countSet),
        }),
      ),
    }),
  ),
  integrity: z.optional(
    z.object({ responses: count, flagged: count, reasons: z.record(z.string(), count) }),
  ),
});

/**
 * The summary in `text`, or null when the text is not a summary at all (responses, say).
 * Throws ReadError when it says it is a summary but its shape is wrong.
 */
export function readSummary(text: string): Summary | null {
  const body = text.replace(/^\uFEFF/, '').trim();
  // A summary is one JSON object that names its format; responses are an array or JSON Lines.
  if (!body.startsWith('{') || !body.includes('"values-survey-summary"')) return null;
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return null;
  }
  if ((data as { format?: unknown })?.format !== 'values-survey-summary') return null;
  const result = summarySchema.safeParse(data);
  if (!result.success) {
    const reason = result.error.issues.slice(0, 3).map(issueAtPath).join('; ');
    throw new ReadError(`This summary could not be used (${reason}).`);
  }
  return result.data as Summary;
}
