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

/**
 * Waits until the browser history entry for a survey's step is written. The survey writes its
 * entries just after the step is painted (the History API is slow on phones), so a test, like a
 * person, presses Back only once the step it left is in the history.
 */
export function historyEntry(surveyId: string, step: string): Promise<void> {
  return waitUntil(
    () =>
      (history.state as { 'values-survey'?: Record<string, string> } | null)?.['values-survey']?.[
        surveyId
      ] === step,
    `no history entry for step "${step}" of survey ${surveyId}`,
  );
}
