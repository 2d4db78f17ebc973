// Whether the receiver accepts a response for the survey it names: the survey and version are in
// the registry, open at receipt (the receiver's clock, never the respondent's device), and the
// answers fit the definition. Each refusal is a 4xx the widget does not retry, in words:
//
//   422 { error: 'unknown survey' | 'unknown survey version', message }
//   403 { error: 'survey closed', message, closesAt }      message shown to the respondent
//   403 { error: 'survey not open', message, opensAt }     message shown to the respondent
//   422 { error: 'invalid response', problems: [{ path, message }] }   answers that do not fit
import { checkAnswers } from './check-answers.js';
import { notOpenSentence } from './wording.js';

/**
 * @typedef {{ status: number, body: object, reason: string }} Refusal
 *   `reason` is for the log (no answers in it).
 */

/**
 * @param {import('./registry.js').Registry} registry
 * @param {{ surveyId: string, surveyVersion: string, answers: object }} response valid against
 *   the response schema
 * @param {Date} now
 * @returns {Promise<Refusal | undefined>} undefined when the response may be stored. Rejects when
 *   the registry needs the database and cannot reach it (the caller answers 503).
 */
export async function refusalFor(registry, response, now) {
  const { surveyId, surveyVersion } = response;
  const entry = await registry.get(surveyId, surveyVersion);
  if (!entry) {
    const known = await registry.get(surveyId);
    return known
      ? refusal(
          422,
          'unknown survey version',
          `This receiver does not collect version "${surveyVersion}" of survey "${surveyId}".`,
        )
      : refusal(422, 'unknown survey', `This receiver does not collect the survey "${surveyId}".`);
  }
  const state = registry.stateOf(entry, now);
  if (state === 'closed') {
    return {
      status: 403,
      reason: 'survey closed',
      body: {
        error: 'survey closed',
        message: notOpenSentence(entry, state),
        closesAt: entry.closesAt,
      },
    };
  }
  if (state === 'not-yet-open') {
    return {
      status: 403,
      reason: 'survey not open',
      body: {
        error: 'survey not open',
        message: notOpenSentence(entry, state),
        opensAt: entry.opensAt,
      },
    };
  }
  const problems = checkAnswers(response, entry.definition);
  if (problems.length) {
    return {
      status: 422,
      reason: 'answers do not fit the survey',
      body: { error: 'invalid response', problems },
    };
  }
  return undefined;
}

function refusal(status, error, message) {
  return { status, reason: error, body: { error, message } };
}
