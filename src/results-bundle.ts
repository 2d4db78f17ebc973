/**
 * The entry of dist/values-survey-results.js, the survey owner's one-file bundle: it registers
 * `<values-survey-results>` and exports nothing. It shares no code at run time with
 * dist/values-survey.js, so the respondent's script does not grow by a byte.
 */
import './results/define.js';
