// Integrity signals: at receipt each response gets the marks that make stuffing visible later,
// stored beside it (storage `flags`), never the address. Flags, not refusals: a flagged response
// is stored like any other, and the results can include or exclude flagged responses and say how
// many were flagged and why.
//
//   burst      more than FLAG_BURST_RESPONSES from one client within FLAG_BURST_MINUTES
//   time       completed less than FLAG_MIN_SECONDS after it started (or before it started)
//   duplicate  the same answers as another response to the same survey within FLAG_DUPLICATE_HOURS
//
// Counts live in this process's memory: with several receiver processes each sees its share.
import { createRateAlarm } from './alarm.js';
import { createBurstCounter } from './burst.js';
import { createDuplicateFinder } from './duplicates.js';

/** The reasons a response can be flagged, in the order they are stored. */
export const FLAG_REASONS = Object.freeze(['burst', 'time', 'duplicate']);

/**
 * @typedef {object} IntegritySettings
 * @property {number} burstResponses 0: no burst mark.
 * @property {number} burstMinutes
 * @property {number} minSeconds 0: no time mark.
 * @property {number} duplicateHours 0: no duplicate mark.
 * @property {number} alarmPerHour 0: no rate alarm.
 */

/**
 * @param {{ settings: IntegritySettings, log: { warn(obj: object, msg: string): void },
 *   now?: () => number }} options
 */
export function createIntegrity({ settings, log, now = Date.now }) {
  const bursts = createBurstCounter({
    limit: settings.burstResponses,
    windowMs: settings.burstMinutes * 60_000,
    now,
  });
  const duplicates = createDuplicateFinder({ windowMs: settings.duplicateHours * 3_600_000, now });
  const alarm = createRateAlarm({ perHour: settings.alarmPerHour, log, now });

  return {
    /**
     * Counts a valid response from `clientKey` and returns its flags: the reasons joined by
     * commas, or null when there are none.
     * @param {{ id: string, surveyId: string, surveyVersion: string, startedAt: string,
     *   completedAt: string, answers: object }} response
     * @param {string} clientKey
     * @returns {string | null}
     */
    assess(response, clientKey) {
      alarm.add(response.surveyId);
      const flags = [];
      if (bursts.add(clientKey)) flags.push('burst');
      if (implausibleTime(response, settings.minSeconds)) flags.push('time');
      if (duplicates.add(response)) flags.push('duplicate');
      return flags.length ? flags.join(',') : null;
    },
  };
}

/** Completed less than `minSeconds` after it started, or before it started. */
export function implausibleTime({ startedAt, completedAt }, minSeconds) {
  if (!minSeconds) return false;
  const seconds = (Date.parse(completedAt) - Date.parse(startedAt)) / 1000;
  return !(seconds >= minSeconds);
}
