/** A promise nobody waits on failed: a fault in the widget, for the console rather than a crash. */
export function reportFault(error: unknown) {
  console.error('values-survey:', error);
}
