/**
 * The word table as CSV for a spreadsheet. Cells that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or carriage return) get a leading apostrophe, so a respondent's
 * text can never become a formula on the owner's machine.
 */
import { leanWords } from './format.js';
import type { WordRow } from './table.js';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: formula-safe, quoted when it has to be. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const HEADER = [
  'group',
  'question',
  'statement number',
  'statement',
  'word number',
  'word',
  'answered (n)',
  'kept',
  'kept %',
  'kept % 95% low',
  'kept % 95% high',
  'removed',
  'removed %',
  'removed % 95% low',
  'removed % 95% high',
  'undecided',
  'lean (points)',
  'lean 95% low',
  'lean 95% high',
  'leans',
];

/** A share as a percentage with one decimal, as a number a spreadsheet can sort. */
const pct = (share: number) => Math.round(share * 1000) / 10;

/**
 * The rows as CSV (CRLF line ends, as RFC 4180 says), with the group they were counted for. The
 * caller passes only rows of a set large enough to break down (view.ts never makes others).
 */
export function toCsv(rows: readonly WordRow[], group: string): string {
  const lines = [HEADER.map(csvCell).join(',')];
  for (const r of rows) {
    const s = r.stats;
    lines.push(
      [
        group,
        r.questionId,
        r.statement + 1,
        r.statementText,
        r.position + 1,
        r.word,
        s.n,
        s.kept,
        pct(s.keptShare),
        pct(s.keptInterval.low),
        pct(s.keptInterval.high),
        s.removed,
        pct(s.removedShare),
        pct(s.removedInterval.low),
        pct(s.removedInterval.high),
        s.undecided,
        pct(s.lean),
        pct(s.leanInterval.low),
        pct(s.leanInterval.high),
        leanWords(s),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
