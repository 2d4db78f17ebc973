import { waitUntil as openWcWaitUntil } from '@open-wc/testing';

/**
 * `waitUntil` with a 5 s default instead of 1 s: these tests wait on IndexedDB, HTTP and other
 * pages, and CI runs three browsers on two cores. A condition met sooner ends the wait at once.
 */
export function waitUntil(
  predicate: () => unknown | Promise<unknown>,
  message?: string,
  options: { interval?: number; timeout?: number } = {},
): Promise<void> {
  return openWcWaitUntil(predicate, message, { interval: 20, timeout: 5000, ...options });
}
