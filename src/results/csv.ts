/**
 * The word table as CSV for a spreadsheet. Cells that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or carriage return) get a leading apostrophe, so a respondent's
 * text can never become a formula on the owner's machine.
 */
import { share } from './format.js';
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
  'responses',
  'kept',
  'kept share',
  'removed',
  'removed share',
  'undecided',
  'undecided share',
];

/** The rows as CSV (CRLF line ends, as RFC 4180 says), with the group they were counted for. */
export function toCsv(rows: readonly WordRow[], group: string): string {
  const lines = [HEADER.map(csvCell).join(',')];
  for (const r of rows) {
    lines.push(
      [
        group,
        r.questionId,
        r.statement + 1,
        r.statementText,
        r.position + 1,
        r.word,
        r.total,
        r.kept,
        share(r.kept, r.total),
        r.removed,
        share(r.removed, r.total),
        r.undecided,
        share(r.undecided, r.total),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
