import { expect } from '@open-wc/testing';
import { DEFAULT_SURVEY } from '../src/definition/default-survey.js';
import { reportOf, cellsOf, type WordsResult } from '../src/results/aggregate.js';
import { everyoneElse, summarise, type CountSet } from '../src/results/counts.js';
import {
  benjaminiHochberg,
  groupDifferences,
  leanInterval,
  stepOf,
  twoSidedP,
  wilson,
  wordStats,
} from '../src/results/stats.js';
import { computeView, INITIAL_CHOICES } from '../src/results/view.js';
import type { ExpectedCounts } from '../scripts/generate-responses.mjs';
import { tokenize } from '../src/text/tokenize.js';
import { generated } from './support/results-data.js';

/** Rounds a share to two decimals of a percentage, as the issue states the reference values. */
const pct2 = (share: number) => Math.round(share * 10_000) / 100;

/**
 * Checks every word of both words questions in `set` against the generator's own count: n, kept,
 * removed, undecided, and the statistics that follow from them.
 */
function expectSetMatches(set: CountSet, expected: ExpectedCounts, label: string) {
  const report = reportOf(DEFAULT_SURVEY, set);
  expect(report.count, `${label} count`).to.equal(expected.count);
  let cells = 0;
  for (const question of DEFAULT_SURVEY.questions) {
    if (question.type !== 'words') continue;
    const result = report.questions.find((q) => q.questionId === question.id) as WordsResult;
    const n = expected.answered[question.id] ?? 0;
    expect(result.answered, `${label} ${question.id} n`).to.equal(n);
    const byPlace = new Map(cellsOf(result).map((c) => [`${c.statement}:${c.position}`, c]));
    question.statements.forEach((statement, s) => {
      for (const token of tokenize(statement)) {
        if (!token.word) continue;
        const key = `${s}:${token.position}`;
        const want = expected.words[question.id]?.[key] ?? { kept: 0, removed: 0 };
        const cell = byPlace.get(key)!;
        const where = `${label} ${question.id} ${key} ${token.word}`;
        expect(cell.kept, `${where} kept`).to.equal(want.kept);
        expect(cell.removed, `${where} removed`).to.equal(want.removed);
        expect(cell.undecided, `${where} undecided`).to.equal(n - want.kept - want.removed);
        const stats = wordStats(cell.kept, cell.removed, cell.total);
        expect(stats.lean, `${where} lean`).to.be.closeTo((want.removed - want.kept) / n, 1e-12);
        cells += 1;
      }
    });
  }
  return cells;
}

describe('results: the statistical model', () => {
  it("gives the issue's reference Wilson intervals", () => {
    const a = wilson(30, 314);
    expect(pct2(30 / 314)).to.equal(9.55);
    expect([pct2(a.low), pct2(a.high)]).to.deep.equal([6.77, 13.31]);
    const b = wilson(3, 59);
    expect([pct2(b.low), pct2(b.high)]).to.deep.equal([1.74, 13.92]);
    const c = wilson(0, 6);
    expect([pct2(c.low), pct2(c.high)]).to.deep.equal([0, 39.03]);
    expect(wilson(0, 0)).to.deep.equal({ low: 0, high: 1 });
  });

  it("gives Newcombe's hybrid score interval for the lean, as an independent implementation does", () => {
    // Reference values from a separate implementation of Newcombe (1998), method 10, written from
    // the published formulas (see docs/results-method.md), not from this code.
    const cases: [number, number, number, number, number][] = [
      // kept, removed, n, low %, high %
      [30, 30, 314, -4.9041, 4.9041],
      [20, 60, 314, 7.2936, 18.1901],
      [3, 0, 59, -13.9165, 1.8814],
      [5, 1, 6, -93.9893, 12.7006],
      [40, 2, 120, -40.694, -22.4685],
      [41, 12, 108, -38.4439, -14.1246],
    ];
    for (const [kept, removed, n, low, high] of cases) {
      const i = leanInterval(kept, removed, n);
      const label = `${kept} kept, ${removed} removed of ${n}`;
      expect(i.low * 100, label).to.be.closeTo(low, 0.0001);
      expect(i.high * 100, label).to.be.closeTo(high, 0.0001);
    }
    // Swapping kept and removed mirrors the interval.
    const i = leanInterval(12, 41, 108);
    expect(i.low).to.be.closeTo(0.141245564, 1e-9);
    expect(i.high).to.be.closeTo(0.384438862, 1e-9);
  });

  it('says a word leans only when the interval excludes 0, and shades on fixed steps', () => {
    // 30 kept and 30 removed of 314: even, whatever the counts.
    expect(wordStats(30, 30, 314)).to.include({ leans: 'none', step: 0 });
    // "kept by 3 of 59" earns no tick: the interval includes 0.
    expect(wordStats(3, 0, 59)).to.include({ leans: 'none', step: 0 });
    expect(wordStats(20, 60, 314)).to.include({ leans: 'remove', step: 2 });
    expect(wordStats(10, 80, 314)).to.include({ leans: 'remove', step: 3 });
    expect(wordStats(40, 2, 120)).to.include({ leans: 'keep', step: -3 });
    // Steps are points of lean, never relative to other words.
    expect(stepOf(0.03, 'remove')).to.equal(1);
    expect(stepOf(0.05, 'remove')).to.equal(2);
    expect(stepOf(0.149, 'keep')).to.equal(-2);
    expect(stepOf(-0.15, 'keep')).to.equal(-3);
    expect(stepOf(0.4, 'none')).to.equal(0);
    const none = wordStats(0, 0, 0);
    expect(none).to.include({ n: 0, leans: 'none', step: 0, lean: 0 });
  });

  it('compares groups with a MOVER interval and marks differences by Benjamini–Hochberg', () => {
    const a = wordStats(10, 40, 200);
    const b = wordStats(20, 20, 200);
    const [d] = groupDifferences([[a, b]]);
    expect(d.difference).to.be.closeTo(0.15, 1e-12);
    expect(d.interval.low).to.be.closeTo(0.05798, 1e-5);
    expect(d.interval.high).to.be.closeTo(0.242342, 1e-5);
    expect(d.p).to.be.lessThan(0.05);
    expect(d.marked).to.equal(true);
    // The p-value and the interval agree: a difference whose interval holds 0 has p over 0.05.
    const [same] = groupDifferences([[b, b]]);
    expect(same).to.include({ difference: 0, marked: false });
    expect(same.p).to.equal(1);
    // BH: 0.01 is a discovery among 5 (0.01 ≤ 0.05 × 1/5) but 0.04 is not (0.04 > 0.05 × 2/5 ... )
    expect(benjaminiHochberg([0.01, 0.04, 0.5, 0.8, 0.9])).to.deep.equal([
      true,
      false,
      false,
      false,
      false,
    ]);
    expect(benjaminiHochberg([0.01, 0.02, 0.03, 0.04, 0.05])).to.deep.equal([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(twoSidedP(1.959963984540054)).to.be.closeTo(0.05, 1e-6);
  });

  it('counts a generated data set cell by cell for everyone and every group, and suppresses small groups', () => {
    const { responses, expected } = generated(400);
    const summary = summarise(responses, { minGroup: 40 });
    expect(summary.versions).to.have.length(1);
    const [version] = summary.versions;
    expect(version.count).to.equal(400);
    const cells = expectSetMatches(version.all!, expected.all, 'everyone');
    expect(cells).to.be.greaterThan(150);
    let suppressed = 0;
    let shown = 0;
    for (const [key, want] of Object.entries(expected.groups)) {
      const [questionId, value] = key.split('=');
      const group = version.groups.find((g) => g.questionId === questionId && g.value === value)!;
      expect(group.count, key).to.equal(want.count);
      if (want.count < 40) {
        expect(group.counts, `${key} (${want.count} people) is not broken down`).to.equal(null);
        suppressed += 1;
      } else {
        expectSetMatches(group.counts!, want, key);
        shown += 1;
      }
    }
    expect(suppressed, 'some groups are under 40').to.be.greaterThan(0);
    expect(shown, 'some groups are 40 or more').to.be.greaterThan(1);
    expect(version.groups).to.have.length(Object.keys(expected.groups).length);
  });

  it('never breaks down a selection or a comparison under the threshold, in the view', () => {
    const { responses, expected } = generated(400);
    const small = Object.entries(expected.groups).find(([, g]) => g.count < 40)![0];
    const large = Object.entries(expected.groups).find(([, g]) => g.count >= 40)![0];
    const filter = (key: string) => {
      const [questionId, value] = key.split('=');
      return { questionId, value };
    };
    const summary = summarise(responses);
    // The element's own threshold is applied even above the summary's.
    const view = computeView(
      summary,
      DEFAULT_SURVEY,
      { ...INITIAL_CHOICES, filter: filter(small), compare: [filter(large), filter(small)] },
      40,
    );
    expect(view.minGroup).to.equal(40);
    expect(view.selection.report).to.equal(null);
    expect(view.rows).to.deep.equal([]);
    expect(view.compare!.sets[1].report).to.equal(null);
    expect(view.compare!.differences.size).to.equal(0);
    // A group against everyone else: the rest is counted by subtraction, cell by cell.
    const rest = computeView(summary, DEFAULT_SURVEY, {
      ...INITIAL_CHOICES,
      compare: [filter(large), 'rest'],
    });
    const [first, second] = rest.compare!.sets;
    expect(first.count + second.count).to.equal(400);
    expect(rest.compare!.compared).to.be.greaterThan(150);
    const version = summary.versions[0];
    const group = version.groups.find((g) => `${g.questionId}=${g.value}` === large)!.counts!;
    const others = everyoneElse(version.all!, group);
    const values = reportOf(DEFAULT_SURVEY, others).questions[0] as WordsResult;
    for (const cell of cellsOf(values)) {
      const key = `${cell.statement}:${cell.position}`;
      const all = expected.all.words.values?.[key] ?? { kept: 0, removed: 0 };
      const mine = expected.groups[large].words.values?.[key] ?? { kept: 0, removed: 0 };
      expect(cell.kept, key).to.equal(all.kept - mine.kept);
      expect(cell.removed, key).to.equal(all.removed - mine.removed);
    }
    // Comparing never changes the everyone view.
    const plain = computeView(summary, DEFAULT_SURVEY, INITIAL_CHOICES);
    expect(rest.rows.map((r) => r.stats)).to.deep.equal(plain.rows.map((r) => r.stats));
  });
});
