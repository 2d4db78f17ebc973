/**
 * Where a word sits on the diverging scale from "most kept" to "most removed". The lean is the
 * difference between kept and removed as a share of all responses in the set, so a word most
 * people left alone stays pale however the few who decided split.
 */
import type { WordCell } from './aggregate.js';

/** Seven steps, from strongly kept (3) through even (0) to strongly removed (-3). */
export type Shade = -3 | -2 | -1 | 0 | 1 | 2 | 3;

/** Lower bounds of |kept - removed| / total for shades 1, 2 and 3. */
export const SHADE_STEPS = [0.05, 0.2, 0.4] as const;

export function shadeOf(cell: WordCell): Shade {
  if (cell.total === 0) return 0;
  const lean = (cell.kept - cell.removed) / cell.total;
  const size = Math.abs(lean);
  const step =
    size >= SHADE_STEPS[2] ? 3 : size >= SHADE_STEPS[1] ? 2 : size >= SHADE_STEPS[0] ? 1 : 0;
  // Never -0: an even word is shade 0 whichever way the tiny difference goes.
  return (step === 0 ? 0 : Math.sign(lean) * step) as Shade;
}

/** The legend's words for each shade, strongest kept first. */
export const SHADE_LABELS: [Shade, string][] = [
  [3, 'Kept by 40% more of respondents than removed it'],
  [2, 'Kept by 20% to 40% more'],
  [1, 'Kept by 5% to 20% more'],
  [0, 'Even (within 5%)'],
  [-1, 'Removed by 5% to 20% more'],
  [-2, 'Removed by 20% to 40% more'],
  [-3, 'Removed by 40% more of respondents than kept it'],
];
