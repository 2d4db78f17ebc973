/**
 * Which storage failures the widget expects, and what it does about each. Everything else is a
 * programming error and is rethrown, so a bug is never mistaken for a full disk.
 */

/**
 * Thrown by the storage layer when IndexedDB cannot be used: missing, blocked by the browser
 * (private modes, sandboxed iframes), full, or broken. Callers fall back to memory.
 */
export class StorageUnavailableError extends Error {
  override readonly name = 'StorageUnavailableError';
}

/**
 * - `reconnect`: the connection went away under us (WebKit loses its IndexedDB server process;
 *   a transaction aborted without a reason). Worth one retry on a fresh connection.
 * - `unavailable`: the browser will not let us store anything; fall back to memory.
 */
export type StorageFailure = 'reconnect' | 'unavailable';

/** DOMException names that mean "this browser will not store data for us right now". */
const UNAVAILABLE = new Set([
  'SecurityError', // opaque origins, sandboxed iframes, storage blocked by settings
  'InvalidStateError', // Firefox private browsing (older releases), a closed connection
  'QuotaExceededError', // disk or origin quota full
  'UnknownError', // backing store corrupt or could not be opened
  'NotFoundError', // the object store is missing (a database we did not create)
  'VersionError', // a newer widget upgraded the database past what we can open
]);

/** Messages that WebKit and others use when a connection is gone rather than refused. */
const CONNECTION_GONE = /\b(lost|closing|closed)\b/i;

/**
 * Classifies an error thrown by IndexedDB. Returns `undefined` for anything that is not an
 * expected storage failure, which the caller must rethrow.
 */
export function classifyStorageError(error: unknown): StorageFailure | undefined {
  if (!(error instanceof DOMException)) return undefined;
  if (error.name === 'AbortError') return 'reconnect';
  if (
    (error.name === 'UnknownError' || error.name === 'InvalidStateError') &&
    CONNECTION_GONE.test(error.message)
  ) {
    return 'reconnect';
  }
  return UNAVAILABLE.has(error.name) ? 'unavailable' : undefined;
}
