/** The events `<values-survey-results>` fires; they bubble and are composed. */
import { emitterOf } from '../events.js';

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

/** Dispatches a bubbling, composed `values-survey-results-*` event from `target`. */
export const emitResults = emitterOf<ValuesSurveyResultsEventMap>();
