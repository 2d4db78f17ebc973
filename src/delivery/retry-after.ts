/**
 * Reads an HTTP `Retry-After` header (RFC 9110, section 10.2.3): either a number of seconds or an
 * HTTP date.
 */

/**
 * Returns how long the server asked us to wait, in milliseconds, or `undefined` when the header
 * is missing or unreadable. A date in the past means "now" (0).
 */
export function parseRetryAfter(
  value: string | null,
  now: number = Date.now(),
): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only a date with letters in it: Date.parse would also read "1.5" or "-3" as a date.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
