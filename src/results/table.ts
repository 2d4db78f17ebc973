/**
 * The word table: one row per word of every words question, sortable, and the rankings drawn from
 * it. The table is the source of truth; the heat-map is its picture. Every row carries its
 * statistics (stats.ts), so the table, the shading, the rankings, the CSV and the print agree.
 */
import { cellsOf, type Report, type WordCell, type WordsResult } from './aggregate.js';
import { wordStats, type WordStats } from './stats.js';

export interface WordRow extends WordCell {
  questionId: string;
  /** The question's place in the definition, so survey order spans questions. */
  questionIndex: number;
  /** The statement's text. */
  statementText: string;
  stats: WordStats;
}

export type SortKey = 'order' | 'word' | 'kept' | 'removed' | 'lean';
export type SortDirection = 'ascending' | 'descending';
export interface Sort {
  key: SortKey;
  direction: SortDirection;
}

/** The order a table starts in: as the words appear in the survey. */
export const SURVEY_ORDER: Sort = { key: 'order', direction: 'ascending' };

/** The direction a column sorts in when first chosen: numbers biggest first, text A to Z. */
export function firstDirection(key: SortKey): SortDirection {
  return key === 'order' || key === 'word' ? 'ascending' : 'descending';
}

/** The next sort when a column header is pressed: a new column, or the same one reversed. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key !== key) return { key, direction: firstDirection(key) };
  return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}

/** The rows of one words question, in survey order. */
export function rowsOf(result: WordsResult, questionIndex = 0): WordRow[] {
  return cellsOf(result).map((cell) => ({
    ...cell,
    questionId: result.questionId,
    questionIndex,
    statementText: result.statements[cell.statement].text,
    stats: wordStats(cell.kept, cell.removed, cell.total),
  }));
}

/** The rows of every words question in a report. */
export function allRows(report: Report): WordRow[] {
  return report.questions.flatMap((q, index) => (q.type === 'words' ? rowsOf(q, index) : []));
}

const byOrder = (a: WordRow, b: WordRow) =>
  a.questionIndex - b.questionIndex || a.statement - b.statement || a.position - b.position;
const collator = new Intl.Collator('en-GB', { sensitivity: 'base' });

/** A sorted copy of `rows`; ties keep survey order, so the result is stable and predictable. */
export function sortRows(rows: readonly WordRow[], sort: Sort): WordRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const compare = (a: WordRow, b: WordRow): number => {
    switch (sort.key) {
      case 'order':
        return 0;
      case 'word':
        return collator.compare(a.word, b.word);
      case 'lean':
        return a.stats.lean - b.stats.lean;
      default:
        return a[sort.key] - b[sort.key];
    }
  };
  return [...rows].sort((a, b) => sign * compare(a, b) || byOrder(a, b));
}

/**
 * The words that most clearly lean remove (or keep): at most `limit` words whose lean's interval
 * excludes 0 that way, by lean (largest first), then by the bound of the interval nearer 0 (the
 * surer word first), then survey order. A word as many kept as removed is in neither list.
 */
export function ranked(rows: readonly WordRow[], leans: 'remove' | 'keep', limit = 5): WordRow[] {
  const sign = leans === 'remove' ? 1 : -1;
  const nearer = (r: WordRow) =>
    leans === 'remove' ? r.stats.leanInterval.low : -r.stats.leanInterval.high;
  return rows
    .filter((r) => r.stats.leans === leans)
    .sort((a, b) => sign * (b.stats.lean - a.stats.lean) || nearer(b) - nearer(a) || byOrder(a, b))
    .slice(0, limit);
}
