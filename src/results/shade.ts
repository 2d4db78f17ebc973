/**
 * Where a word sits on the diverging scale from "most kept" to "most removed". A word's lean is
 * the difference between kept and removed as a share of all responses in the set, so a word most
 * people left alone stays pale however the few who decided split. The scale runs to the
 * strongest lean in the report, so "most kept" is the most kept word of this survey, whatever
 * its share; the legend says what each shade means in numbers.
 */
import type { WordCell } from './aggregate.js';

/** Seven steps, from most kept (3) through even (0) to most removed (-3). */
export type Shade = -3 | -2 | -1 | 0 | 1 | 2 | 3;

/** Kept minus removed, as a share of everyone in the set (-1 to 1). */
export const leanOf = (cell: WordCell) =>
  cell.total === 0 ? 0 : (cell.kept - cell.removed) / cell.total;

/** The strongest lean among `cells` (at least 1%, so a quiet survey is not all extremes). */
export function scaleOf(cells: Iterable<WordCell>): number {
  let max = 0.01;
  for (const cell of cells) max = Math.max(max, Math.abs(leanOf(cell)));
  return max;
}

/** Below a tenth of the scale a word counts as even; above, thirds of the scale. */
const bounds = (max: number) => [max / 10, max / 3, (2 * max) / 3] as const;

export function shadeOf(cell: WordCell, max: number): Shade {
  const lean = leanOf(cell);
  const size = Math.abs(lean);
  const [one, two, three] = bounds(max);
  const step = size >= three ? 3 : size >= two ? 2 : size >= one ? 1 : 0;
  // Never -0: an even word is shade 0 whichever way the tiny difference goes.
  return (step === 0 ? 0 : Math.sign(lean) * step) as Shade;
}

const percent = (share: number) => {
  const value = share * 100;
  return `${value < 10 ? value.toFixed(1).replace(/\.0$/, '') : Math.round(value)}%`;
};

/** The legend's words for each shade on a scale up to `max`, most kept first. */
export function shadeLabels(max: number): [Shade, string][] {
  const [one, two, three] = bounds(max).map(percent);
  const top = percent(max);
  return [
    [3, `Most often kept: ${three} to ${top} more of respondents kept it than removed it`],
    [2, `Kept by ${two} to ${three} more`],
    [1, `Kept by ${one} to ${two} more`],
    [0, `Even: the difference is under ${one} of respondents`],
    [-1, `Removed by ${one} to ${two} more`],
    [-2, `Removed by ${two} to ${three} more`],
    [-3, `Most often removed: ${three} to ${top} more of respondents removed it than kept it`],
  ];
}
