/**
 * Runs code as if the page's schedulers or visibility were otherwise, restoring them before it
 * returns: for proving what saves a change when the usual "after the next paint" never comes.
 */

/** Runs `change` with setTimeout, requestAnimationFrame and requestIdleCallback doing nothing. */
export function withoutSchedulers(change: () => void): void {
  const held = {
    setTimeout: window.setTimeout,
    requestAnimationFrame: window.requestAnimationFrame,
    requestIdleCallback: window.requestIdleCallback,
  };
  const never = (() => 0) as never;
  Object.assign(window, {
    setTimeout: never,
    requestAnimationFrame: never,
    requestIdleCallback: never,
  });
  try {
    change();
  } finally {
    Object.assign(window, held);
  }
}

/** Runs `action` while `document.visibilityState` reads `'hidden'`. */
export function whileHidden(action: () => void): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
  try {
    action();
  } finally {
    // Back to the prototype's own getter.
    delete (document as { visibilityState?: unknown }).visibilityState;
  }
}
