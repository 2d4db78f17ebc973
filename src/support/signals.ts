/**
 * The abort signal for one delivery attempt: a timeout, combined with the caller's signal.
 *
 * `AbortSignal.timeout` and `AbortSignal.any` are in every engine we test (Chromium, Firefox ESR,
 * WebKitGTK 2.50), but `AbortSignal.any` only arrived in 2024 (Chrome 116, Firefox 124, Safari 17.4)
 * and respondents use old phones and locked-down desktops, so there is a small fallback here.
 */

/** A signal, and a `dispose` that releases its timer and listeners once it is no longer needed. */
export interface DisposableSignal {
  signal: AbortSignal;
  dispose(): void;
}

/**
 * The signal for one delivery attempt: aborts after `timeoutMs` (a `TimeoutError`) or when
 * `signal` aborts (its reason), whichever comes first. Call `dispose` once the attempt settles.
 */
export function attemptSignal(timeoutMs: number, signal?: AbortSignal): DisposableSignal {
  if (typeof AbortSignal.any === 'function' && typeof AbortSignal.timeout === 'function') {
    // The platform drops its timer and listeners with the signals.
    const timeout = AbortSignal.timeout(timeoutMs);
    return {
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      dispose: () => undefined,
    };
  }
  // One controller, aborted by a timer (as AbortSignal.timeout does) or by the caller's signal.
  const controller = new AbortController();
  const follow = () => controller.abort(signal?.reason);
  const timer = setTimeout(
    () => controller.abort(new DOMException('The delivery attempt timed out.', 'TimeoutError')),
    timeoutMs,
  );
  if (signal?.aborted) follow();
  else signal?.addEventListener('abort', follow, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', follow);
    },
  };
}
