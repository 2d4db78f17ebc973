import type { SurveyDefinition } from '../definition/schema.js';
import { answersFor } from '../flow/answers.js';
import { VERSION } from '../version.js';
import { newResponseId } from './id.js';
import { responseSchema, type Answers, type SurveyResponse } from './schema.js';

/**
 * Builds the response once, at Submit: a new id (the Idempotency-Key on every retry), the
 * completion time, and only the answers this definition asks for. Validated before it leaves.
 */
export function buildResponse(
  survey: SurveyDefinition,
  answers: Answers,
  startedAt: string | undefined,
  now = new Date(),
): SurveyResponse {
  const completedAt = now.toISOString();
  return responseSchema.parse({
    id: newResponseId(),
    surveyId: survey.id,
    surveyVersion: survey.version,
    startedAt: startedAt ?? completedAt,
    completedAt,
    answers: answersFor(survey.questions, answers),
    client: { widget: 'values-survey', version: VERSION },
  });
}
