/**
 * The report's statistical model, as plain functions with no DOM: every share with a 95% Wilson
 * interval, each word's lean (removed % minus kept %) with a Newcombe interval, whether it leans
 * at all, the shading step on one fixed scale, and group differences adjusted for comparing many
 * words at once. docs/results-method.md writes the formulas down, with the reasons for each choice.
 */

/** z for a two-sided 95% interval (the 97.5th percentile of the standard normal). */
export const Z95 = 1.959963984540054;

/** Groups (or selections) smaller than this are never broken down. */
export const DEFAULT_MIN_GROUP = 10;

/** The false discovery rate the group differences are held to (Benjamini–Hochberg). */
export const FALSE_DISCOVERY_RATE = 0.05;

/**
 * The shading steps, in percentage points of lean, the same in every view and every group: a word
 * whose interval excludes 0 is step 1 below 5 points, step 2 from 5 to under 15, step 3 from 15.
 */
export const LEAN_STEPS = [5, 15] as const;

/** An interval on the 0..1 scale (or -1..1 for differences). */
export interface Interval {
  low: number;
  high: number;
}

/** Wilson's score interval for `x` of `n` (n = 0 gives the whole range, 0 to 1). */
export function wilson(x: number, n: number, z = Z95): Interval {
  if (n <= 0) return { low: 0, high: 1 };
  const p = x / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denominator = 1 + z2 / n;
  // Clamped: rounding can put 0 of n a hair below 0.
  return {
    low: Math.max(0, (centre - spread) / denominator),
    high: Math.min(1, (centre + spread) / denominator),
  };
}

/**
 * The interval of removed % minus kept % within one sample: Newcombe's hybrid score interval for
 * a difference of dependent proportions (1998, method 10). Each person is one pair: "removed it"
 * and "kept it", never both, so the 2×2 table is a = 0, b = removed, c = kept, d = neither, and
 * the correlation φ between the two (negative here) widens the interval as it should.
 */
export function leanInterval(kept: number, removed: number, n: number, z = Z95): Interval {
  if (n <= 0) return { low: -1, high: 1 };
  const p1 = removed / n;
  const p2 = kept / n;
  const w1 = wilson(removed, n, z);
  const w2 = wilson(kept, n, z);
  const neither = n - kept - removed;
  // φ = (ad − bc) / √((a+b)(c+d)(a+c)(b+d)) with a = 0; 0 when a margin is empty.
  const margins = removed * (kept + neither) * kept * (removed + neither);
  const phi = margins > 0 ? -(removed * kept) / Math.sqrt(margins) : 0;
  const d = p1 - p2;
  const below = Math.sqrt(
    Math.max(
      0,
      (p1 - w1.low) ** 2 - 2 * phi * (p1 - w1.low) * (w2.high - p2) + (w2.high - p2) ** 2,
    ),
  );
  const above = Math.sqrt(
    Math.max(
      0,
      (w1.high - p1) ** 2 - 2 * phi * (w1.high - p1) * (p2 - w2.low) + (p2 - w2.low) ** 2,
    ),
  );
  return { low: Math.max(-1, d - below), high: Math.min(1, d + above) };
}

/** Which way a word leans: only when the interval of its lean excludes 0. */
export type Lean = 'remove' | 'keep' | 'none';

/** Everything the report says about one word in one group. */
export interface WordStats {
  /** People who answered the question (decided at least one of its words). */
  n: number;
  kept: number;
  removed: number;
  undecided: number;
  keptShare: number;
  removedShare: number;
  keptInterval: Interval;
  removedInterval: Interval;
  /** Removed share minus kept share, -1 to 1. */
  lean: number;
  leanInterval: Interval;
  leans: Lean;
  /** The shading step: -3 (clearly kept, 15 points or more) to 3 (clearly removed); 0 no clear lean. */
  step: Step;
}

export type Step = -3 | -2 | -1 | 0 | 1 | 2 | 3;

/** The statistics of a word kept by `kept` and removed by `removed` of `n` people. */
export function wordStats(kept: number, removed: number, n: number): WordStats {
  const interval = leanInterval(kept, removed, n);
  const lean = n ? (removed - kept) / n : 0;
  const leans: Lean = interval.low > 0 ? 'remove' : interval.high < 0 ? 'keep' : 'none';
  return {
    n,
    kept,
    removed,
    undecided: n - kept - removed,
    keptShare: n ? kept / n : 0,
    removedShare: n ? removed / n : 0,
    keptInterval: wilson(kept, n),
    removedInterval: wilson(removed, n),
    lean,
    leanInterval: interval,
    leans,
    step: stepOf(lean, leans),
  };
}

/** The fixed shading step for a lean: never relative to the other words on screen. */
export function stepOf(lean: number, leans: Lean): Step {
  if (leans === 'none') return 0;
  const points = Math.abs(lean) * 100;
  const size = points >= LEAN_STEPS[1] ? 3 : points >= LEAN_STEPS[0] ? 2 : 1;
  return (leans === 'remove' ? size : -size) as Step;
}

/** The legend's words for each step, most clearly kept first. */
export function stepLabels(): [Step, string][] {
  const [a, b] = LEAN_STEPS;
  return [
    [-3, `Leans keep by ${b} points or more`],
    [-2, `Leans keep by ${a} to ${b} points`],
    [-1, `Leans keep by under ${a} points`],
    [0, 'No clear lean: the 95% interval of the lean includes 0'],
    [1, `Leans remove by under ${a} points`],
    [2, `Leans remove by ${a} to ${b} points`],
    [3, `Leans remove by ${b} points or more`],
  ];
}

/**
 * MOVER (Zou and Donner's "method of variance estimates recovery", which is Newcombe's
 * square-and-add for independent proportions): the interval of a − b from each one's own interval.
 */
export function differenceInterval(
  a: number,
  aInterval: Interval,
  b: number,
  bInterval: Interval,
): Interval {
  const d = a - b;
  return {
    low: Math.max(-2, d - Math.hypot(a - aInterval.low, bInterval.high - b)),
    high: Math.min(2, d + Math.hypot(aInterval.high - a, b - bInterval.low)),
  };
}

/** The difference in lean between two independent groups, with its 95% interval. */
export interface GroupDifference {
  /** Lean of the first group minus lean of the second (points / 100). */
  difference: number;
  interval: Interval;
  /** The two-sided p-value that goes with the interval (the level at which it touches 0). */
  p: number;
  /** Whether it holds after the Benjamini–Hochberg adjustment across all words compared. */
  marked: boolean;
}

function leanDifference(a: WordStats, b: WordStats, z: number) {
  const ia = leanInterval(a.kept, a.removed, a.n, z);
  const ib = leanInterval(b.kept, b.removed, b.n, z);
  return differenceInterval(a.lean, ia, b.lean, ib);
}

/** Two-sided normal tail: P(|Z| > z), from the complementary error function. */
export function twoSidedP(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}

/**
 * The p-value of a difference: the largest α at which its 1 − α interval still excludes 0,
 * found by bisection on the interval itself, so the p-value and the interval never disagree.
 */
function differenceP(a: WordStats, b: WordStats): number {
  if (a.n === 0 || b.n === 0) return 1;
  const excludes = (z: number) => {
    const i = leanDifference(a, b, z);
    return i.low > 0 || i.high < 0;
  };
  if (!excludes(1e-9)) return 1;
  let low = 0; // excludes at this z
  let high = 40;
  if (excludes(high)) return 0;
  for (let i = 0; i < 60; i++) {
    const mid = (low + high) / 2;
    if (excludes(mid)) low = mid;
    else high = mid;
  }
  return twoSidedP((low + high) / 2);
}

/**
 * Each word's difference in lean between two groups (first minus second) with its 95% interval,
 * marked only when it survives the Benjamini–Hochberg procedure at a 5% false discovery rate
 * across all the words compared (`pairs`, in any order; results in the same order).
 */
export function groupDifferences(
  pairs: readonly (readonly [WordStats, WordStats])[],
  rate = FALSE_DISCOVERY_RATE,
): GroupDifference[] {
  const results = pairs.map(([a, b]) => ({
    difference: a.lean - b.lean,
    interval: leanDifference(a, b, Z95),
    p: differenceP(a, b),
    marked: false,
  }));
  const marked = benjaminiHochberg(
    results.map((r) => r.p),
    rate,
  );
  marked.forEach((m, i) => (results[i].marked = m));
  return results;
}

/** Benjamini–Hochberg: which of `pValues` are discoveries at false discovery rate `rate`. */
export function benjaminiHochberg(pValues: readonly number[], rate = FALSE_DISCOVERY_RATE) {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((x, y) => x[0] - y[0]);
  let cutoff = -1;
  order.forEach(([p], rank) => {
    if (p <= ((rank + 1) / m) * rate) cutoff = rank;
  });
  const result = pValues.map(() => false);
  for (let rank = 0; rank <= cutoff; rank++) result[order[rank][1]] = true;
  return result;
}

/**
 * The complementary error function (Numerical Recipes' erfcc, fractional error under 1.2e-7):
 * enough for p-values that only decide whether a difference is marked.
 */
function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const y =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? y : 2 - y;
}

/** "9.5%" style: one decimal under 10%, whole numbers above; used in text and CSV alike. */
export function percent(share: number): string {
  const value = share * 100;
  return `${value < 10 && value > 0 ? value.toFixed(1) : Math.round(value)}%`;
}

/** A share's interval as text: "6.8% to 13.3%". */
export function intervalText(interval: Interval): string {
  return `${percent(interval.low)} to ${percent(interval.high)}`;
}

/**
 * A lean in points, signed: "+12", "−3", "0". Under half a point (but not 0) keeps one decimal,
 * "+0.3", so an interval that excludes 0 never reads as if it started at 0.
 */
export function points(lean: number): string {
  const value = lean * 100;
  const rounded = Math.round(value);
  const text =
    rounded === 0 && value !== 0 ? Math.abs(value).toFixed(1) : String(Math.abs(rounded));
  if (text === '0' || text === '0.0') return '0';
  return value > 0 ? `+${text}` : `−${text}`;
}

/** A lean's interval in points: "+6 to +18". */
export function pointsInterval(interval: Interval): string {
  return `${points(interval.low)} to ${points(interval.high)}`;
}
