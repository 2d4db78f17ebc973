/** The events `<values-survey-results>` fires; they bubble and are composed. */

export interface ValuesSurveyResultsLoadDetail {
  /** Valid responses read (all versions). */
  responses: number;
  /** Records that could not be used (listed in the report). */
  invalid: number;
  /** Where they came from: the `src` URL or a file the owner opened. */
  source: 'src' | 'file';
}

export interface ValuesSurveyResultsErrorDetail {
  kind: 'definition' | 'responses';
  message: string;
}

export interface ValuesSurveyResultsEventMap {
  'values-survey-results-load': CustomEvent<ValuesSurveyResultsLoadDetail>;
  'values-survey-results-error': CustomEvent<ValuesSurveyResultsErrorDetail>;
}

type Detail<K extends keyof ValuesSurveyResultsEventMap> =
  ValuesSurveyResultsEventMap[K] extends CustomEvent<infer D> ? D : never;

export function emitResults<K extends keyof ValuesSurveyResultsEventMap>(
  target: EventTarget,
  type: K,
  detail: Detail<K>,
): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
