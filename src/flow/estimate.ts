/**
 * How long a survey takes, for the start page: the definition's `estimatedMinutes`, else an
 * estimate from its questions. Generous rather than flattering: someone told "5 minutes" who
 * needs 12 may give up half way.
 */
import type { Question, SurveyDefinition } from '../definition/schema.js';

/** Seconds to read one word of a statement and decide whether to keep or remove it. */
const SECONDS_PER_STATEMENT_WORD = 1;
/** Seconds for a choice, choices or scale question: read, pick, continue. */
const SECONDS_PER_PICK = 20;
/** Seconds for a written answer. */
const SECONDS_PER_TEXT = 90;

function secondsFor(question: Question): number {
  switch (question.type) {
    case 'words': {
      const words = question.statements.join(' ').split(/\s+/).length;
      return words * SECONDS_PER_STATEMENT_WORD;
    }
    case 'text':
      return SECONDS_PER_TEXT;
    default:
      return SECONDS_PER_PICK;
  }
}

/**
 * Whole minutes, at least 1: the definition's own figure when it gives one; otherwise the
 * questions' estimate rounded up, and beyond 10 minutes up to the next 5 (an estimate, not a
 * promise to the minute).
 */
export function estimatedMinutes(survey: SurveyDefinition): number {
  if (survey.estimatedMinutes) return survey.estimatedMinutes;
  const seconds = survey.questions.reduce((total, question) => total + secondsFor(question), 0);
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return minutes > 10 ? Math.ceil(minutes / 5) * 5 : minutes;
}
