/** Numbers and dates as the report writes them (en-GB). Pure, so the tests can check the text. */
import { intervalText, percent, points, pointsInterval, type WordStats } from './stats.js';

/** A whole-number percentage of `total`: `share(41, 108)` is "38%"; 0 of 0 is "0%". */
export function share(count: number, total: number): string {
  return `${total === 0 ? 0 : Math.round((count * 100) / total)}%`;
}

/** "leans remove", "leans keep" or "no clear lean". */
export function leanWords(stats: WordStats): string {
  return stats.leans === 'none' ? 'no clear lean' : `leans ${stats.leans}`;
}

/** "+12 points (95% interval +6 to +18)" */
export function leanFigure(stats: WordStats): string {
  return `${points(stats.lean)} points (95% interval ${pointsInterval(stats.leanInterval)})`;
}

/** "30 of 314 (9.6%, 95% interval 6.8% to 13.3%)" */
export function shareFigure(count: number, stats: WordStats, which: 'kept' | 'removed'): string {
  const share = which === 'kept' ? stats.keptShare : stats.removedShare;
  const interval = which === 'kept' ? stats.keptInterval : stats.removedInterval;
  return `${count} of ${stats.n} (${percent(share)}, 95% interval ${intervalText(interval)})`;
}

/**
 * A word's figures in one sentence: "leans remove, +12 points (95% interval +6 to +18); of 314
 * who answered, removed by 40 (12.7%), kept by 2 (0.6%), undecided 272".
 */
export function describeStats(stats: WordStats): string {
  return `${leanWords(stats)}, lean ${leanFigure(stats)}; of ${stats.n} who answered, removed by ${
    stats.removed
  } (${percent(stats.removedShare)}), kept by ${stats.kept} (${percent(stats.keptShare)}), undecided ${
    stats.undecided
  }`;
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
