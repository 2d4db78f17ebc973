/**
 * What the owner has chosen (version, group, groups to compare, sort, text searches) and the
 * figures that follow from it: plain data and functions, kept apart from the element so that the
 * same choices always give the same report. Everything is read from one summary (counts.ts), with
 * the small-group rule applied here as well as where it was counted.
 */
import type { SurveyDefinition } from '../definition/schema.js';
import { reportOf, type GroupFilter, type Report, type VersionGroup } from './aggregate.js';
import { everyoneElse, type CountSet, type Summary, type VersionCounts } from './counts.js';
import { groupDifferences, type GroupDifference } from './stats.js';
import { allRows, SURVEY_ORDER, type Sort, type WordRow } from './table.js';

/** The second group of a comparison: an option, or everyone not in the first group. */
export type CompareWith = GroupFilter | 'rest' | null;

export interface ViewChoices {
  /** `VersionGroup.key`; null for the default. */
  version: string | null;
  filter: GroupFilter | null;
  compare: [GroupFilter | null, CompareWith];
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

/** One set of people the report shows: its size, and its figures unless it is too small. */
export interface SetView {
  label: string;
  count: number;
  /** Null when the set has fewer than `minGroup` people: never broken down. */
  report: Report | null;
}

/** Two groups compared word by word. */
export interface Comparison {
  sets: [SetView, SetView];
  /** Each word's difference in lean (first minus second), by row key; empty when suppressed. */
  differences: Map<string, GroupDifference>;
  /** How many words were compared (the Benjamini–Hochberg family). */
  compared: number;
}

export interface View {
  versions: VersionGroup[];
  version: VersionGroup | undefined;
  /** Whether the chosen version is the definition's own (else statements may not line up). */
  versionMatches: boolean;
  /** Responses of the chosen version, before the group filter. */
  versionCount: number;
  /** Groups and selections smaller than this are not broken down. */
  minGroup: number;
  /** The selection the report shows (everyone, or the chosen group). */
  selection: SetView;
  rows: WordRow[];
  compare: Comparison | null;
}

/** Identifies a word across views: "questionId/statement/position". */
export const rowKey = (r: Pick<WordRow, 'questionId' | 'statement' | 'position'>) =>
  `${r.questionId}/${r.statement}/${r.position}`;

const versionKey = (surveyId: string, version: string) => `${surveyId}\u0000${version}`;

function groupSet(version: VersionCounts | undefined, filter: GroupFilter | null) {
  if (!version) return { count: 0, counts: null };
  if (!filter) return { count: version.count, counts: version.all };
  const group = version.groups.find(
    (g) => g.questionId === filter.questionId && g.value === filter.value,
  );
  return { count: group?.count ?? 0, counts: group?.counts ?? null };
}

/** Computes everything the report shows for `choices`, from `summary`. */
export function computeView(
  summary: Summary,
  definition: SurveyDefinition,
  choices: ViewChoices,
  minGroupOption = summary.minGroup,
): View {
  const minGroup = Math.max(minGroupOption, summary.minGroup);
  const versions: VersionGroup[] = summary.versions.map((v) => ({
    key: versionKey(v.surveyId, v.version),
    surveyId: v.surveyId,
    version: v.version,
    count: v.count,
  }));
  const version =
    versions.find((v) => v.key === choices.version) ??
    versions.find((v) => v.key === versionKey(definition.id, definition.version)) ??
    versions[0];
  const counts = summary.versions.find(
    (v) => version && versionKey(v.surveyId, v.version) === version.key,
  );
  const setView = (label: string, count: number, set: CountSet | null): SetView => ({
    label,
    count,
    report: set && count >= minGroup ? reportOf(definition, set) : null,
  });
  const chosen = groupSet(counts, choices.filter);
  const selection = setView(groupLabel(choices.filter, definition), chosen.count, chosen.counts);
  return {
    versions,
    version,
    versionMatches:
      !version || (version.surveyId === definition.id && version.version === definition.version),
    versionCount: counts?.count ?? 0,
    minGroup,
    selection,
    rows: selection.report ? shownRows(selection.report, minGroup) : [],
    compare: comparison(counts, definition, choices.compare, setView, minGroup),
  };
}

/** The rows of the words questions that at least `minGroup` people answered. */
function shownRows(report: Report, minGroup: number): WordRow[] {
  return allRows(report).filter((r) => r.total >= minGroup);
}

function comparison(
  counts: VersionCounts | undefined,
  definition: SurveyDefinition,
  [a, b]: ViewChoices['compare'],
  setView: (label: string, count: number, set: CountSet | null) => SetView,
  minGroup: number,
): Comparison | null {
  if (!a || !b || !counts) return null;
  const first = groupSet(counts, a);
  let second: { count: number; counts: CountSet | null };
  if (b === 'rest') {
    const count = counts.count - first.count;
    second = {
      count,
      counts: first.counts && counts.all ? everyoneElse(counts.all, first.counts) : null,
    };
  } else {
    second = groupSet(counts, b);
  }
  const sets: [SetView, SetView] = [
    setView(groupLabel(a, definition), first.count, first.counts),
    setView(
      b === 'rest' ? 'Everyone else' : groupLabel(b, definition),
      second.count,
      second.counts,
    ),
  ];
  const differences = new Map<string, GroupDifference>();
  const [ra, rb] = sets.map((s) => s.report);
  if (!ra || !rb) return { sets, differences, compared: 0 };
  const rowsB = new Map(shownRows(rb, minGroup).map((r) => [rowKey(r), r]));
  const pairs = shownRows(ra, minGroup).flatMap((r) => {
    const other = rowsB.get(rowKey(r));
    return other ? [[r, other] as const] : [];
  });
  const results = groupDifferences(pairs.map(([x, y]) => [x.stats, y.stats] as const));
  pairs.forEach(([r], i) => differences.set(rowKey(r), results[i]));
  return { sets, differences, compared: pairs.length };
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
