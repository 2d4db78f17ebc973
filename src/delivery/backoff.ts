/**
 * When to try a response again: exponential backoff with full jitter, so many phones coming back
 * online at once do not all retry in step, and a struggling endpoint gets room to recover.
 */

/** The first retry waits up to this long; each later one up to twice the last. */
export const BASE_DELAY_MS = 2_000;
/** The longest the backoff itself waits between attempts. */
export const MAX_DELAY_MS = 5 * 60_000;
/** The longest a server's `Retry-After` is honoured for, so a bad header cannot park a response for days. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;
/** The shortest wait, whatever the jitter or the server says: nothing retries in a tight loop. */
export const MIN_DELAY_MS = 250;

/**
 * Milliseconds to wait before retry number `attempt` (1 for the first retry).
 *
 * Full jitter: a random delay between 0 and `min(MAX_DELAY_MS, BASE_DELAY_MS * 2^(attempt-1))`,
 * raised to at least `MIN_DELAY_MS`. A server's `Retry-After` (`retryAfterMs`, capped at
 * `MAX_RETRY_AFTER_MS`) is a lower bound: the result is the larger of the two.
 *
 * @param random Returns a number in [0, 1); inject one for deterministic tests.
 */
export function retryDelay(
  attempt: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const n = Number.isFinite(attempt) && attempt >= 1 ? Math.floor(attempt) : 1;
  // 2 ** n overflows to Infinity for huge n, which Math.min turns back into the cap.
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (n - 1));
  const fraction = Math.min(Math.max(random(), 0), 1);
  const jittered = Math.max(MIN_DELAY_MS, fraction * ceiling);
  if (retryAfterMs === undefined || !(retryAfterMs > 0)) return Math.round(jittered);
  return Math.round(Math.max(jittered, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS)));
}
