// The duplicate mark: a response whose answers are exactly those of another response to the same
// survey and version received within `windowMs` (a copied payload replayed under new ids).
//
// Answers are compared by a SHA-256 digest of their canonical JSON (keys sorted), kept in memory
// only. Responses with no answers are never marked: identical emptiness says nothing.
import { createHash } from 'node:crypto';

/** Digests held at most; the oldest go first (bounded memory, about 30 MB at most). */
const MAX_DIGESTS = 200_000;

/** JSON with object keys sorted, so that key order cannot hide a copy. */
export function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * @param {{ windowMs: number, now?: () => number }} options windowMs 0: off.
 * @returns {{ add(response: { id: string, surveyId: string, surveyVersion: string,
 *   answers: object }): string | undefined, readonly size: number }} add: the id of the earlier
 *   response with the same answers, if any, and remembers this one.
 */
export function createDuplicateFinder({ windowMs, now = Date.now }) {
  /** @type {Map<string, { id: string, at: number }>} in the order received */
  const seen = new Map();

  return {
    add(response) {
      if (!windowMs || !Object.keys(response.answers ?? {}).length) return undefined;
      const time = now();
      for (const [digest, entry] of seen) {
        if (time - entry.at < windowMs && seen.size < MAX_DIGESTS) break;
        seen.delete(digest);
      }
      const digest = createHash('sha256')
        .update(`${response.surveyId}\u0000${response.surveyVersion}\u0000`)
        .update(canonicalJson(response.answers))
        .digest('base64url');
      const earlier = seen.get(digest);
      // The same id again is a retry of one response, not a copy.
      if (earlier && earlier.id !== response.id) return earlier.id;
      if (!earlier) seen.set(digest, { id: response.id, at: time });
      return undefined;
    },
    get size() {
      return seen.size;
    },
  };
}
