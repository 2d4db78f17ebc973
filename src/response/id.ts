/**
 * Response ids: random (version 4) UUIDs, the Idempotency-Key of every attempt.
 *
 * `crypto.randomUUID` exists only in secure contexts, and many NHS intranets still serve pages
 * over plain http from an intranet host name, where it is missing; `crypto.getRandomValues`
 * exists everywhere, so the id is made from it there.
 */

/** A new random UUID (RFC 9562 version 4), in lower case. */
export function newResponseId(): string {
  const { crypto } = globalThis;
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  // The version (4) and variant (10xx) bits, as randomUUID sets them.
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
