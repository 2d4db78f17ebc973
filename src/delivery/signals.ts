/**
 * Abort signals for delivery: a timeout per attempt, combined with the caller's signal.
 *
 * `AbortSignal.timeout` and `AbortSignal.any` are in every engine we test (Chromium, Firefox ESR,
 * WebKitGTK 2.50), but `AbortSignal.any` only arrived in 2024 (Chrome 116, Firefox 124, Safari 17.4)
 * and respondents use old phones and locked-down desktops, so both have a small fallback here.
 */

/** A signal, and a `dispose` that releases its timer and listeners once it is no longer needed. */
export interface DisposableSignal {
  signal: AbortSignal;
  dispose(): void;
}

const nothingToRelease = () => undefined;

/** Aborts after `ms` with a `TimeoutError` DOMException, as `AbortSignal.timeout` does. */
export function timeoutSignal(ms: number): DisposableSignal {
  if (typeof AbortSignal.timeout === 'function') {
    return { signal: AbortSignal.timeout(ms), dispose: nothingToRelease };
  }
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The delivery attempt timed out.', 'TimeoutError')),
    ms,
  );
  return { signal: controller.signal, dispose: () => clearTimeout(timer) };
}

/** Aborts when any of `signals` aborts, with that signal's reason, as `AbortSignal.any` does. */
export function anySignal(signals: AbortSignal[]): DisposableSignal {
  if (typeof AbortSignal.any === 'function') {
    // The platform drops its listeners with the signals.
    return { signal: AbortSignal.any(signals), dispose: nothingToRelease };
  }
  const controller = new AbortController();
  const aborted = signals.find((signal) => signal.aborted);
  if (aborted) {
    controller.abort(aborted.reason);
    return { signal: controller.signal, dispose: nothingToRelease };
  }
  const listeners = signals.map((signal) => {
    const listener = () => controller.abort(signal.reason);
    signal.addEventListener('abort', listener, { once: true });
    return () => signal.removeEventListener('abort', listener);
  });
  return {
    signal: controller.signal,
    dispose: () => listeners.forEach((remove) => remove()),
  };
}

/**
 * The signal for one delivery attempt: aborts after `timeoutMs` (a `TimeoutError`) or when
 * `signal` aborts (its reason), whichever comes first. Call `dispose` once the attempt settles.
 */
export function attemptSignal(timeoutMs: number, signal?: AbortSignal): DisposableSignal {
  const timeout = timeoutSignal(timeoutMs);
  if (!signal) return timeout;
  const either = anySignal([signal, timeout.signal]);
  return {
    signal: either.signal,
    dispose() {
      either.dispose();
      timeout.dispose();
    },
  };
}
