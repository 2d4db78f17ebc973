/** Numbers and dates as the report writes them (en-GB). Pure, so the tests can check the text. */
import type { WordCell } from './aggregate.js';

/** A whole-number percentage of `total`: `share(41, 108)` is "38%"; 0 of 0 is "0%". */
export function share(count: number, total: number): string {
  return `${total === 0 ? 0 : Math.round((count * 100) / total)}%`;
}

/** "kept by 41 of 108 (38%), removed by 12 (11%), undecided 55" */
export function describeCell(cell: WordCell): string {
  return `kept by ${cell.kept} of ${cell.total} (${share(cell.kept, cell.total)}), removed by ${
    cell.removed
  } (${share(cell.removed, cell.total)}), undecided ${cell.undecided}`;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "3 March 2026" (UTC, so every reader of the same data sees the same dates). */
export function formatDate(iso: string | Date): string {
  return dateFormat.format(typeof iso === 'string' ? new Date(iso) : iso);
}

/** "3 March 2026 to 30 April 2026", or one date when both are the same day. */
export function formatRange(first: string | null, last: string | null): string {
  if (!first || !last) return '';
  const [a, b] = [formatDate(first), formatDate(last)];
  return a === b ? a : `${a} to ${b}`;
}

/** "1 response" / "2,345 responses" */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}
