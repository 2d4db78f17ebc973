/**
 * One outbox flush at a time per origin, so two tabs (or two surveys on one page) never send the
 * same queued response at once. Web Locks where the browser has them; otherwise a queue within
 * this page, which still serialises the surveys on it.
 */
import { serialQueue } from '../support/serial.js';

/** The Web Locks name every copy of the widget on an origin shares. */
export const OUTBOX_LOCK = 'values-survey-outbox';

/** The fallback: tasks of this page, one after another. */
const pageQueue = serialQueue();

function runInPageQueue<T>(task: () => Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  return pageQueue(() => (signal.aborted ? undefined : task()));
}

/** `navigator.locks`, which is missing outside secure contexts and in older browsers. */
function lockManager(): LockManager | undefined {
  return (navigator as { locks?: LockManager }).locks ?? undefined;
}

/**
 * Runs `task` while holding the outbox lock, waiting for other tabs to finish theirs first (a
 * waiting tab then sees what the other tab left in the store, so nothing is sent twice and no
 * newly queued response is overlooked). Resolves `undefined` without running `task` if `signal`
 * aborts while waiting.
 */
export async function withOutboxLock<T>(
  task: () => Promise<T>,
  signal: AbortSignal,
): Promise<T | undefined> {
  if (signal.aborted) return undefined;
  const locks = lockManager();
  if (!locks) return runInPageQueue(task, signal);
  let started = false;
  try {
    return await locks.request(OUTBOX_LOCK, { signal }, () => {
      started = true;
      return task();
    });
  } catch (error) {
    if (started || !(error instanceof DOMException)) throw error;
    // Aborted while waiting: the caller stopped.
    if (error.name === 'AbortError') return undefined;
    // Opaque origins (sandboxed iframes) have `navigator.locks` but may not use it.
    if (error.name === 'SecurityError' || error.name === 'InvalidStateError') {
      return runInPageQueue(task, signal);
    }
    throw error;
  }
}
