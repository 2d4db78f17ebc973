// The duplicate mark: a response whose answers are exactly those of another response to the same
// survey and version received within `windowMs` (a copied payload replayed under new ids).
//
// Answers are compared by a SHA-256 digest of their JSON with the question ids in sorted order
// (a copy cannot hide by reordering questions; within an answer the order is the widget's own),
// kept in memory only. Responses with no answers are never marked: identical emptiness says
// nothing.
import { createHash } from 'node:crypto';

/** Digests held at most; the oldest go first (bounded memory, about 30 MB at most). */
const MAX_DIGESTS = 200_000;

/** SHA-256 of the survey, version and answers, question ids in sorted order. */
export function answersDigest({ surveyId, surveyVersion, answers }) {
  const hash = createHash('sha256').update(`${surveyId}\u0000${surveyVersion}`);
  for (const key of Object.keys(answers).sort()) {
    hash.update(`\u0000${key}\u0000${JSON.stringify(answers[key])}`);
  }
  return hash.digest('base64url');
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
      const digest = answersDigest(response);
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
