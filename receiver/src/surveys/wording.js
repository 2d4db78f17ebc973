// What the receiver says about a survey that does not take responses now, in one place: the
// refusal the widget shows the respondent, the hosted page and the editor's check all use it.

/** Dates are the Trust's local dates. */
const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});

/**
 * "This survey closed on 30 September 2026." or "This survey opens on …", for an entry whose
 * state (the registry's `stateOf`) is `closed` or `not-yet-open`; undefined while it is open.
 * @param {{ opensAt?: string | null, closesAt?: string | null }} entry
 * @param {'open' | 'not-yet-open' | 'closed'} state
 */
export function notOpenSentence(entry, state) {
  if (state === 'closed') return `This survey closed on ${DATE.format(new Date(entry.closesAt))}.`;
  if (state === 'not-yet-open') {
    return `This survey opens on ${DATE.format(new Date(entry.opensAt))}.`;
  }
  return undefined;
}
