/**
 * What the owner has chosen (version, group, groups to compare, sort, text searches) and the
 * figures that follow from it: plain data and functions, kept apart from the element so that the
 * same choices always give the same report.
 */
import type { SurveyDefinition } from '../definition/schema.js';
import {
  aggregate,
  defaultVersion,
  inGroupOnly,
  ofVersion,
  versionsOf,
  type GroupFilter,
  type Report,
  type VersionGroup,
} from './aggregate.js';
import type { SurveyResponse } from './schema.js';
import { allRows, SURVEY_ORDER, type Sort, type WordRow } from './table.js';

export interface ViewChoices {
  /** `VersionGroup.key`; null for the default. */
  version: string | null;
  filter: GroupFilter | null;
  compare: [GroupFilter | null, GroupFilter | null];
  sort: Sort;
}

export const INITIAL_CHOICES: ViewChoices = {
  version: null,
  filter: null,
  compare: [null, null],
  sort: SURVEY_ORDER,
};

/** A choice question's options, as groups to filter by. */
export interface GroupQuestion {
  questionId: string;
  prompt: string;
  options: { value: string; label: string }[];
}

export function groupQuestions(definition: SurveyDefinition): GroupQuestion[] {
  return definition.questions.flatMap((q) =>
    q.type === 'choice' || q.type === 'choices'
      ? [
          {
            questionId: q.id,
            prompt: q.prompt,
            options: q.options.map(({ value, label }) => ({ value, label })),
          },
        ]
      : [],
  );
}

/** A filter as a `<select>` value: "questionId=value" (ids cannot contain "="); "" for everyone. */
export function filterValue(filter: GroupFilter | null): string {
  return filter ? `${filter.questionId}=${filter.value}` : '';
}

/** The filter a `<select>` value names, if the definition has that option. */
export function parseFilterValue(value: string, definition: SurveyDefinition): GroupFilter | null {
  const at = value.indexOf('=');
  if (at < 1) return null;
  const filter = { questionId: value.slice(0, at), value: value.slice(at + 1) };
  const known = groupQuestions(definition).some(
    (q) => q.questionId === filter.questionId && q.options.some((o) => o.value === filter.value),
  );
  return known ? filter : null;
}

/** "Everyone", or the option's label: "Staff". */
export function groupLabel(filter: GroupFilter | null, definition: SurveyDefinition): string {
  if (!filter) return 'Everyone';
  const question = groupQuestions(definition).find((q) => q.questionId === filter.questionId);
  return question?.options.find((o) => o.value === filter.value)?.label ?? filter.value;
}

export interface View {
  versions: VersionGroup[];
  version: VersionGroup | undefined;
  /** Whether the chosen version is the definition's own (else statements may not line up). */
  versionMatches: boolean;
  /** Responses of the chosen version, before the group filter. */
  versionCount: number;
  report: Report;
  rows: WordRow[];
  /** The two groups side by side, when both are chosen. */
  compare: [Report, Report] | null;
}

/** Computes everything the report shows for `choices`. */
export function computeView(
  responses: readonly SurveyResponse[],
  definition: SurveyDefinition,
  choices: ViewChoices,
): View {
  const versions = versionsOf(responses);
  const version =
    versions.find((v) => v.key === choices.version) ?? defaultVersion(versions, definition);
  const ofThis = version ? ofVersion(responses, version.key) : [];
  const report = aggregate(definition, inGroupOnly(ofThis, choices.filter));
  const [a, b] = choices.compare;
  return {
    versions,
    version,
    versionMatches:
      !version || (version.surveyId === definition.id && version.version === definition.version),
    versionCount: ofThis.length,
    report,
    rows: allRows(report),
    compare:
      a && b
        ? [
            aggregate(definition, inGroupOnly(ofThis, a)),
            aggregate(definition, inGroupOnly(ofThis, b)),
          ]
        : null,
  };
}

/** Text answers containing `query` (case and accents ignored); all of them for an empty query. */
export function searchAnswers<T extends { value: string }>(
  answers: readonly T[],
  query: string,
): T[] {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('en-GB');
  const q = fold(query.trim());
  return q ? answers.filter((a) => fold(a.value).includes(q)) : [...answers];
}
