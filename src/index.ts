/**
 * The values-survey package: the element class and its types, with no side effects.
 * Import `values-survey/define` (or include dist/values-survey.js) to register the tag.
 */
export { ValuesSurvey } from './values-survey.js';
export { VERSION } from './version.js';
