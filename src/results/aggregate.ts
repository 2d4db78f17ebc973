/**
 * Turns counts (counts.ts: from the receiver's summary, or from a file counted here) and a
 * definition into the report's figures: pure functions with no DOM, so the figures can be checked
 * on their own. A word's shares are of the people who answered its question (n): someone who
 * skipped the question says nothing about its words.
 */
import type { SurveyDefinition, WordsQuestion } from '../definition/schema.js';
import { normalizeWord, tokenize } from '../text/tokenize.js';
import { countAll, type CountSet } from './counts.js';
import type { SurveyResponse } from './schema.js';

/** The responses of one survey version. */
export interface VersionGroup {
  /** `surveyId` and `surveyVersion` joined, for a picker's value. */
  key: string;
  surveyId: string;
  version: string;
  count: number;
}

/** One option of a choice question, as a group to filter by: "connection = staff". */
export interface GroupFilter {
  questionId: string;
  value: string;
}

/** What respondents did with one word. */
export interface WordCell {
  statement: number;
  position: number;
  word: string;
  kept: number;
  removed: number;
  /** People who answered the question but did neither with this word. */
  undecided: number;
  /** n: people in the set who answered the question (decided at least one of its words). */
  total: number;
}

/** One piece of a statement: a word with its counts, or only its text when it is not selectable. */
export interface StatementToken {
  before: string;
  word: string;
  after: string;
  cell?: WordCell;
}

export interface WordsResult {
  type: 'words';
  questionId: string;
  prompt: string;
  statements: { index: number; text: string; tokens: StatementToken[] }[];
  /** Responses that decided at least one word of this question. */
  answered: number;
  /** Decisions that name a word this definition does not have there (another wording). */
  unmatched: number;
}

export interface OptionCount {
  value: string;
  label: string;
  count: number;
}

export interface ChoiceResult {
  type: 'choice' | 'choices';
  questionId: string;
  prompt: string;
  options: OptionCount[];
  /** Answers naming a value the definition does not list, with their counts. */
  unknown: OptionCount[];
  answered: number;
}

export interface ScaleResult {
  type: 'scale';
  questionId: string;
  prompt: string;
  points: { value: number; label: string; count: number }[];
  /** Answers outside min..max. */
  outOfRange: number;
  answered: number;
  /** Mean of the answers in range, or null with none. */
  mean: number | null;
}

export interface TextAnswer {
  value: string;
}

export interface TextResult {
  type: 'text';
  questionId: string;
  prompt: string;
  /** How many wrote something (the list may hold fewer: the summary's text limit). */
  count: number;
  answers: TextAnswer[];
}

export type QuestionResult = WordsResult | ChoiceResult | ScaleResult | TextResult;

export interface Report {
  /** Responses counted. */
  count: number;
  /** Earliest and latest `completedAt`, as ISO strings; null with no responses. */
  firstCompleted: string | null;
  lastCompleted: string | null;
  questions: QuestionResult[];
  /** Answers whose type is not the definition's type for that question id. */
  mismatchedAnswers: number;
}

const versionKey = (surveyId: string, version: string) => `${surveyId}\u0000${version}`;

/** The survey versions present, most responses first. */
export function versionsOf(responses: readonly SurveyResponse[]): VersionGroup[] {
  const groups = new Map<string, VersionGroup>();
  for (const r of responses) {
    const key = versionKey(r.surveyId, r.surveyVersion);
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { key, surveyId: r.surveyId, version: r.surveyVersion, count: 1 });
  }
  return [...groups.values()].sort(
    (a, b) =>
      b.count - a.count ||
      a.surveyId.localeCompare(b.surveyId) ||
      a.version.localeCompare(b.version),
  );
}

/** The version to show first: the definition's own, else the one with most responses. */
export function defaultVersion(
  versions: readonly VersionGroup[],
  definition: SurveyDefinition,
): VersionGroup | undefined {
  return (
    versions.find((v) => v.key === versionKey(definition.id, definition.version)) ?? versions[0]
  );
}

/** The responses of one version (by `VersionGroup.key`). */
export function ofVersion(responses: readonly SurveyResponse[], key: string): SurveyResponse[] {
  return responses.filter((r) => versionKey(r.surveyId, r.surveyVersion) === key);
}

/** Whether `response` chose the filter's option (in a choice or a choices answer). */
export function inGroup(response: SurveyResponse, filter: GroupFilter | null): boolean {
  if (!filter) return true;
  const answer = response.answers[filter.questionId];
  if (!answer) return false;
  if (answer.type === 'choice') return answer.value === filter.value;
  if (answer.type === 'choices') return answer.values.includes(filter.value);
  return false;
}

/** The responses in a group (all of them for `null`). */
export function inGroupOnly(
  responses: readonly SurveyResponse[],
  filter: GroupFilter | null,
): SurveyResponse[] {
  return filter ? responses.filter((r) => inGroup(r, filter)) : [...responses];
}

/** A number for a word's place: cheaper to look up than a "statement:position" string. */
const place = (statement: number, position: number) => statement * 65_536 + position;

function wordsResult(question: WordsQuestion, set: CountSet): WordsResult {
  const n = set.answered[question.id]?.words ?? 0;
  const excluded = new Set((question.exclude ?? []).map(normalizeWord));
  const cells = new Map<number, { cell: WordCell; normal: string }>();
  const statements = question.statements.map((text, index) => ({
    index,
    text,
    tokens: tokenize(text).map((token): StatementToken => {
      const normal = normalizeWord(token.word);
      if (token.word === '' || excluded.has(normal)) return { ...token };
      const cell: WordCell = {
        statement: index,
        position: token.position,
        word: token.word,
        kept: 0,
        removed: 0,
        undecided: n,
        total: n,
      };
      cells.set(place(index, token.position), { cell, normal });
      return { ...token, cell };
    }),
  }));
  let unmatched = 0;
  for (const [statement, position, word, kept, removed] of set.words[question.id] ?? []) {
    const found = cells.get(place(statement, position));
    // The word as sent is almost always the word as tokenised; normalise only when not.
    if (!found || (found.cell.word !== word && found.normal !== normalizeWord(word))) {
      unmatched += kept + removed;
      continue;
    }
    found.cell.kept += kept;
    found.cell.removed += removed;
    found.cell.undecided -= kept + removed;
  }
  return {
    type: 'words',
    questionId: question.id,
    prompt: question.prompt,
    statements,
    answered: n,
    unmatched,
  };
}

/** Answers of `id` whose type is not compatible with the question's `type`. */
function mismatched(set: CountSet, id: string, type: string): number {
  const compatible = type === 'choice' || type === 'choices' ? ['choice', 'choices'] : [type];
  return Object.entries(set.answered[id] ?? {}).reduce(
    (sum, [t, count]) => sum + (compatible.includes(t) ? 0 : count),
    0,
  );
}

/** The figures of every question of `definition` from the counts of one set. */
export function reportOf(definition: SurveyDefinition, set: CountSet): Report {
  let mismatchedAnswers = 0;
  const questions = definition.questions.map((question): QuestionResult => {
    mismatchedAnswers += mismatched(set, question.id, question.type);
    const answered = set.answered[question.id] ?? {};
    switch (question.type) {
      case 'words':
        return wordsResult(question, set);
      case 'choice':
      case 'choices': {
        const counts = set.choices[question.id] ?? {};
        const known = new Set(question.options.map((o) => o.value));
        return {
          type: question.type,
          questionId: question.id,
          prompt: question.prompt,
          options: question.options.map((o) => ({
            value: o.value,
            label: o.label,
            count: counts[o.value] ?? 0,
          })),
          unknown: Object.entries(counts)
            .filter(([value, count]) => !known.has(value) && count > 0)
            .map(([value, count]) => ({ value, label: value, count })),
          answered: (answered.choice ?? 0) + (answered.choices ?? 0),
        };
      }
      case 'scale': {
        const counts = set.scales[question.id] ?? {};
        const points = [];
        let sum = 0;
        let inRange = 0;
        for (let value = question.min; value <= question.max; value++) {
          const label =
            value === question.min && question.minLabel
              ? `${value} (${question.minLabel})`
              : value === question.max && question.maxLabel
                ? `${value} (${question.maxLabel})`
                : String(value);
          const count = counts[value] ?? 0;
          points.push({ value, label, count });
          sum += value * count;
          inRange += count;
        }
        const total = answered.scale ?? 0;
        return {
          type: 'scale',
          questionId: question.id,
          prompt: question.prompt,
          points,
          outOfRange: total - inRange,
          answered: total,
          mean: inRange ? sum / inRange : null,
        };
      }
      case 'text': {
        const texts = set.texts[question.id] ?? { count: 0, answers: [] };
        return {
          type: 'text',
          questionId: question.id,
          prompt: question.prompt,
          count: texts.count,
          answers: texts.answers.map((value) => ({ value })),
        };
      }
    }
  });
  return {
    count: set.count,
    firstCompleted: set.firstCompleted,
    lastCompleted: set.lastCompleted,
    questions,
    mismatchedAnswers,
  };
}

/** Counts every question of `definition` over `responses` (already one version and one group). */
export function aggregate(
  definition: SurveyDefinition,
  responses: readonly SurveyResponse[],
): Report {
  return reportOf(definition, countAll(responses));
}

/** Every word cell of a words result, in statement and position order. */
export function cellsOf(result: WordsResult): WordCell[] {
  return result.statements.flatMap((s) => s.tokens.flatMap((t) => (t.cell ? [t.cell] : [])));
}
