/**
 * Registers `<values-survey>`. Importing this module is the only side effect in the package;
 * `import { ValuesSurvey } from 'values-survey'` registers nothing.
 *
 * A CMS page that includes the script twice gets one console warning, never an exception.
 */
import { ValuesSurvey } from './values-survey.js';
import { ValuesSurveyWords } from './words/words-element.js';

export const TAG_NAME = 'values-survey';

/** Defines `tag` as `constructor` unless something already owns that name; returns whether it did. */
export function defineOnce(tag: string, constructor: CustomElementConstructor): boolean {
  const existing = customElements.get(tag);
  if (existing) {
    if (existing !== constructor) {
      console.warn(
        `<${tag}> is already registered, probably because the values-survey script is included twice on this page. The first copy is used.`,
      );
    }
    return false;
  }
  customElements.define(tag, constructor);
  return true;
}

// The word chips first, so the survey finds them defined when it first renders.
defineOnce('values-survey-words', ValuesSurveyWords);
defineOnce(TAG_NAME, ValuesSurvey);

declare global {
  interface HTMLElementTagNameMap {
    'values-survey': ValuesSurvey;
    'values-survey-words': ValuesSurveyWords;
  }
}
