import type { Question, SurveyDefinition } from '../definition/schema.js';
import { VERSION } from '../version.js';
import { newResponseId } from './id.js';
import {
  responseSchema,
  type Answers,
  type CollectionMethod,
  type SurveyResponse,
} from './schema.js';

/**
 * Builds the response once, at Submit: a new id (the Idempotency-Key on every retry), the
 * completion time, only the answers this definition asks for, and how it was collected
 * (`collection`, default `self`). Validated before it leaves.
 */
export function buildResponse(
  survey: SurveyDefinition,
  answers: Answers,
  startedAt: string | undefined,
  now = new Date(),
  collection: CollectionMethod = 'self',
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
    collection,
  });
}

/** Drops answers that no longer fit the definition (a question removed or its type changed). */
export function answersFor(questions: readonly Question[], answers: Answers): Answers {
  const kept: Answers = {};
  for (const question of questions) {
    const answer = answers[question.id];
    if (answer?.type === question.type) kept[question.id] = answer;
  }
  return kept;
}
