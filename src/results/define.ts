/**
 * Registers `<values-survey-results>`. Importing the class (`values-survey/results`) registers
 * nothing; importing this module does. A page that loads the script twice gets one warning.
 */
import { ValuesSurveyResults } from './results-element.js';

export const RESULTS_TAG_NAME = 'values-survey-results';

const existing = customElements.get(RESULTS_TAG_NAME);
if (!existing) {
  customElements.define(RESULTS_TAG_NAME, ValuesSurveyResults);
} else if (existing !== ValuesSurveyResults) {
  console.warn(
    `<${RESULTS_TAG_NAME}> is already registered, probably because the values-survey-results script is included twice on this page. The first copy is used.`,
  );
}

declare global {
  interface HTMLElementTagNameMap {
    'values-survey-results': ValuesSurveyResults;
  }
}
