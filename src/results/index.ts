/**
 * values-survey/results: the survey owner's report element, its counting functions and types,
 * with no side effects. Import `values-survey/results/define` (or include
 * dist/values-survey-results.js) to register `<values-survey-results>`.
 */
export { ValuesSurveyResults } from './results-element.js';
export { readResponses, ReadError } from './read.js';
export type { InvalidResponse, ReadResult } from './read.js';
export { aggregate, versionsOf, inGroup } from './aggregate.js';
export type {
  Report,
  QuestionResult,
  WordsResult,
  WordCell,
  ChoiceResult,
  ScaleResult,
  TextResult,
  GroupFilter,
  VersionGroup,
} from './aggregate.js';
export { allRows, sortRows, ranked } from './table.js';
export { summarise } from './counts.js';
export type { Summary, CountSet, VersionCounts, GroupCounts } from './counts.js';
export * from './stats.js';
export type { WordRow, Sort, SortKey } from './table.js';
export { toCsv } from './csv.js';
export type * from './events.js';
