// The per-survey rate alarm: a warning in the log when a survey receives more than `perHour`
// responses within an hour, at most once every ten minutes per survey. A Trust's survey gets a
// few thousand responses over weeks; hundreds in an hour is an event or an attack, and IT should
// know either way.

const MINUTE_MS = 60_000;
const REPEAT_MS = 10 * MINUTE_MS;
/** Surveys tracked at most (the receiver collects a handful). */
const MAX_SURVEYS = 1000;

/**
 * @param {{ perHour: number, log: { warn(obj: object, msg: string): void },
 *   now?: () => number }} options perHour 0: off.
 * @returns {{ add(surveyId: string): void }}
 */
export function createRateAlarm({ perHour, log, now = Date.now }) {
  /** @type {Map<string, { minutes: Map<number, number>, warnedAt: number }>} */
  const surveys = new Map();

  return {
    add(surveyId) {
      if (!perHour) return;
      const time = now();
      const minute = Math.floor(time / MINUTE_MS);
      let survey = surveys.get(surveyId);
      if (!survey) {
        if (surveys.size >= MAX_SURVEYS) surveys.delete(surveys.keys().next().value);
        survey = { minutes: new Map(), warnedAt: -Infinity };
        surveys.set(surveyId, survey);
      }
      survey.minutes.set(minute, (survey.minutes.get(minute) ?? 0) + 1);
      let lastHour = 0;
      for (const [at, count] of survey.minutes) {
        if (at <= minute - 60) survey.minutes.delete(at);
        else lastHour += count;
      }
      if (lastHour > perHour && time - survey.warnedAt >= REPEAT_MS) {
        survey.warnedAt = time;
        log.warn(
          { event: 'rate alarm', surveyId, responsesLastHour: lastHour, perHour },
          `survey ${surveyId} received more than ${perHour} responses in the last hour`,
        );
      }
    },
  };
}
