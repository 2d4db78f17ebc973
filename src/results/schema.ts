/**
 * The only module of the results that imports the response schema: if the schema's module changes
 * shape (it may become lazily built), this is the one place to follow it.
 */
import { responseSchema, type SurveyResponse } from '../response/schema.js';
import { issueAtPath } from '../definition/wording.js';

export type { SurveyResponse };

/** A response that passed the widget's own schema, or the reasons it did not. */
export type Checked = { ok: true; response: SurveyResponse } | { ok: false; reason: string };

/** Validates one record with the same schema the widget and the receiver use. */
export function checkResponse(value: unknown): Checked {
  const result = responseSchema.safeParse(value, { reportInput: true });
  if (result.success) return { ok: true, response: result.data };
  const reason = result.error.issues.slice(0, 3).map(issueAtPath).join('; ');
  return { ok: false, reason };
}
