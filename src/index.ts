/**
 * The values-survey package: the element class and its types, with no side effects.
 * Import `values-survey/define` (or include dist/values-survey.js) to register the tag.
 */
export { ValuesSurvey } from './values-survey.js';
export { ValuesSurveyWords } from './words/words-element.js';
export { DEFAULT_SURVEY } from './definition/default-survey.js';
export { definitionSchema } from './definition/schema.js';
export { responseSchema } from './response/schema.js';
export { DEFAULT_STRINGS } from './strings.js';
export type {
  SurveyDefinition,
  Question,
  QuestionType,
  WordsQuestion,
  ChoiceQuestion,
  ChoicesQuestion,
  TextQuestion,
  ScaleQuestion,
} from './definition/schema.js';
export type { SurveyResponse, Answer, Answers, WordDecision } from './response/schema.js';
export type { SurveyStrings } from './strings.js';
export type { DefinitionProblem } from './definition/errors.js';
export type * from './events.js';
export { VERSION } from './version.js';
