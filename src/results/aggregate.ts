/**
 * Counts responses for the report: pure functions over validated responses and a definition, with
 * no DOM, so the figures can be checked on their own. Every share is of the responses in the set
 * (a respondent who skipped a question is undecided about each of its words).
 */
import type { SurveyDefinition, WordsQuestion } from '../definition/schema.js';
import { normalizeWord, tokenize } from '../words/tokenize.js';
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
  /** Responses in the set that did neither (including those that skipped the question). */
  undecided: number;
  /** Responses in the set. */
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
  responseId: string;
  value: string;
}

export interface TextResult {
  type: 'text';
  questionId: string;
  prompt: string;
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

function wordsResult(question: WordsQuestion, responses: readonly SurveyResponse[]): WordsResult {
  const total = responses.length;
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
        undecided: total,
        total,
      };
      cells.set(place(index, token.position), { cell, normal });
      return { ...token, cell };
    }),
  }));
  let answered = 0;
  let unmatched = 0;
  // A word decided twice counts once, with its last choice (PRODUCT.md, "The response").
  const last = new Map<WordCell, 'keep' | 'remove'>();
  for (const response of responses) {
    const answer = response.answers[question.id];
    if (answer?.type !== 'words') continue;
    last.clear();
    for (const d of answer.decisions) {
      const found = cells.get(place(d.statement, d.position));
      // The word as sent is almost always the word as tokenised; normalise only when not.
      if (!found || (found.cell.word !== d.word && found.normal !== normalizeWord(d.word))) {
        unmatched += 1;
        continue;
      }
      last.set(found.cell, d.choice);
    }
    if (last.size > 0) answered += 1;
    for (const [cell, choice] of last) {
      if (choice === 'keep') cell.kept += 1;
      else cell.removed += 1;
      cell.undecided -= 1;
    }
  }
  return {
    type: 'words',
    questionId: question.id,
    prompt: question.prompt,
    statements,
    answered,
    unmatched,
  };
}

/** Counts every question of `definition` over `responses` (already one version and one group). */
export function aggregate(
  definition: SurveyDefinition,
  responses: readonly SurveyResponse[],
): Report {
  let first: string | null = null;
  let last: string | null = null;
  let firstTime = Infinity;
  let lastTime = -Infinity;
  for (const r of responses) {
    const time = Date.parse(r.completedAt);
    if (time < firstTime) [firstTime, first] = [time, r.completedAt];
    if (time > lastTime) [lastTime, last] = [time, r.completedAt];
  }
  let mismatchedAnswers = 0;
  const answersOf = (id: string, type: string) =>
    responses.flatMap((r) => {
      const answer = r.answers[id];
      if (!answer) return [];
      // "choice" and "choices" answers are counted alike; anything else of the wrong type is not.
      const compatible =
        answer.type === type ||
        ((type === 'choice' || type === 'choices') &&
          (answer.type === 'choice' || answer.type === 'choices'));
      if (!compatible) {
        mismatchedAnswers += 1;
        return [];
      }
      return [{ answer, responseId: r.id }];
    });

  const questions = definition.questions.map((question): QuestionResult => {
    switch (question.type) {
      case 'words': {
        const result = wordsResult(question, responses);
        mismatchedAnswers += responses.filter(
          (r) => r.answers[question.id] && r.answers[question.id].type !== 'words',
        ).length;
        return result;
      }
      case 'choice':
      case 'choices': {
        const counts = new Map(question.options.map((o) => [o.value, 0]));
        const unknown = new Map<string, number>();
        const answers = answersOf(question.id, question.type);
        for (const { answer } of answers) {
          const values =
            answer.type === 'choice'
              ? [answer.value]
              : answer.type === 'choices'
                ? answer.values
                : [];
          for (const value of new Set(values)) {
            if (counts.has(value)) counts.set(value, (counts.get(value) ?? 0) + 1);
            else unknown.set(value, (unknown.get(value) ?? 0) + 1);
          }
        }
        return {
          type: question.type,
          questionId: question.id,
          prompt: question.prompt,
          options: question.options.map((o) => ({
            value: o.value,
            label: o.label,
            count: counts.get(o.value) ?? 0,
          })),
          unknown: [...unknown].map(([value, count]) => ({ value, label: value, count })),
          answered: answers.length,
        };
      }
      case 'scale': {
        const points = [];
        for (let value = question.min; value <= question.max; value++) {
          const label =
            value === question.min && question.minLabel
              ? `${value} (${question.minLabel})`
              : value === question.max && question.maxLabel
                ? `${value} (${question.maxLabel})`
                : String(value);
          points.push({ value, label, count: 0 });
        }
        let outOfRange = 0;
        let sum = 0;
        let inRange = 0;
        const answers = answersOf(question.id, 'scale');
        for (const { answer } of answers) {
          if (answer.type !== 'scale') continue;
          const point = points[answer.value - question.min];
          if (answer.value < question.min || !point) {
            outOfRange += 1;
            continue;
          }
          point.count += 1;
          sum += answer.value;
          inRange += 1;
        }
        return {
          type: 'scale',
          questionId: question.id,
          prompt: question.prompt,
          points,
          outOfRange,
          answered: answers.length,
          mean: inRange ? sum / inRange : null,
        };
      }
      case 'text': {
        const answers: TextAnswer[] = [];
        for (const { answer, responseId } of answersOf(question.id, 'text')) {
          if (answer.type === 'text' && answer.value.trim() !== '') {
            answers.push({ responseId, value: answer.value.trim() });
          }
        }
        return { type: 'text', questionId: question.id, prompt: question.prompt, answers };
      }
    }
  });
  return {
    count: responses.length,
    firstCompleted: first,
    lastCompleted: last,
    questions,
    mismatchedAnswers,
  };
}

/** Every word cell of a words result, in statement and position order. */
export function cellsOf(result: WordsResult): WordCell[] {
  return result.statements.flatMap((s) => s.tokens.flatMap((t) => (t.cell ? [t.cell] : [])));
}
