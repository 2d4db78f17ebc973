import { expect } from '@open-wc/testing';
import { DEFAULT_SURVEY } from '../src/definition/default-survey.js';
import type { ValuesSurveyResults } from '../src/results/results-element.js';
import { byRole, queryByRole } from './support/queries.js';
import { waitUntil } from './support/wait.js';
import { choose, renderReport, shadow, tableRows } from './support/results-fixtures.js';
import { generatedReport, RESULTS_TEST_TOKEN } from './support/results-data.js';

/** "30 of 314 (9.6%, 95% interval …)": the count and n, as the table starts each share. */
const countOf = (cell: string) => {
  const match = /^(\d+) of (\d+) \(/.exec(cell);
  if (!match) throw new Error(`not a share: ${cell}`);
  return [Number(match[1]), Number(match[2])];
};

/** The shading of every word in the Everyone statements, by key. */
const shading = (el: ValuesSurveyResults) =>
  [...shadow(el).querySelectorAll<HTMLElement>('.words [data-word]')].map(
    (w) => `${w.dataset.word} ${w.className} ${w.dataset.step} ${w.getAttribute('aria-label')}`,
  );

describe('results findings: rankings, one scale, small groups', function () {
  // Axe checks the whole report (several hundred words and table rows): slow on a shared machine.
  this.timeout(60_000);
  const report = generatedReport();

  it('ranks words by lean, with n, counts and interval, leaving out words with no clear lean', async () => {
    const el = await renderReport(report.url, { token: RESULTS_TEST_TOKEN });
    const root = shadow(el);
    /** The table's lean cell for a word, found by its statement and counts (a word may repeat). */
    const leanOf = (word: string, statement: number, removed: number, kept: number) => {
      const row = tableRows(el).find(
        (r) =>
          r[0] === DEFAULT_SURVEY.questions[0].prompt &&
          r[2] === word &&
          r[1].startsWith(`${statement}. `) &&
          countOf(r[4])[0] === kept &&
          countOf(r[5])[0] === removed,
      );
      return row?.[6] ?? '';
    };
    for (const [heading, leans] of [
      ['Most clearly removed', 'leans remove'],
      ['Most clearly kept', 'leans keep'],
    ] as const) {
      const list = root.querySelector<HTMLElement>(
        `ol[aria-labelledby="main-${heading === 'Most clearly removed' ? 'removed' : 'kept'}-values"]`,
      );
      if (!list) continue;
      const items = [...list.querySelectorAll('li')].map((li) =>
        li.textContent!.replace(/\s+/g, ' ').trim(),
      );
      expect(items.length).to.be.greaterThan(0);
      const leansIn = items.map((item) => {
        const match =
          /^(.+?) \(statement (\d+)\): lean ([+−][\d.]+) points \(95% interval ([+−]?[\d.]+) to ([+−]?[\d.]+)\); of (\d+) who answered, removed by (\d+), kept by (\d+)$/.exec(
            item,
          );
        expect(match, item).to.not.equal(null);
        const [, word, statement, lean, , , n, removed, kept] = match!;
        // Agrees with the table, and with the counts it states.
        expect(
          leanOf(word, Number(statement), Number(removed), Number(kept)).startsWith(`${leans}: `),
          item,
        ).to.equal(true);
        expect(((Number(removed) - Number(kept)) * 100) / Number(n)).to.be.closeTo(
          Number(lean.replace('−', '-')),
          0.5,
        );
        return Number(lean.replace('−', '-'));
      });
      const sorted = [...leansIn].sort((a, b) => (leans === 'leans remove' ? b - a : a - b));
      expect(leansIn).to.deep.equal(sorted);
    }
    await expect(el).to.be.accessible();
  });

  it('never changes the Everyone view when two groups are compared (one fixed scale)', async () => {
    const el = await renderReport(report.url, { token: RESULTS_TEST_TOKEN });
    const before = shading(el);
    const legend = shadow(el).querySelector('.legend')!.textContent;
    expect(legend).to.contain('5 and 15 points');
    await choose(el, 'First group', 'Staff');
    await choose(el, 'Second group', 'Patient or service user');
    expect(shadow(el).querySelector('.compare')).to.not.equal(null);
    expect(shading(el)).to.deep.equal(before);
    expect(shadow(el).querySelector('.legend')!.textContent).to.equal(legend);
    await choose(el, 'Second group', 'Everyone else');
    expect(shading(el)).to.deep.equal(before);
  });

  it('never breaks down a group under the threshold: statements, table, rankings, text answers, CSV, print', async () => {
    const el = await renderReport(report.url, { token: RESULTS_TEST_TOKEN });
    // The smallest group in this data set, and a threshold above it.
    const [key, group] = Object.entries(report.data.expected.groups).sort(
      (a, b) => a[1].count - b[1].count,
    )[0];
    el.minGroup = group.count + 1;
    await el.updateComplete;
    await waitUntil(() => queryByRole(shadow(el), 'heading', /^Results: /));
    const option = DEFAULT_SURVEY.questions
      .flatMap((q) => (q.type === 'choices' || q.type === 'choice' ? q.options : []))
      .find((o) => `connection=${o.value}` === key)!;
    await choose(el, 'Show responses from', option.label);
    const root = shadow(el);
    const sentence = `Fewer than ${group.count + 1} people: not shown, to protect their privacy and because so few answers say little.`;
    expect(root.querySelector('.suppressed')!.textContent!.trim()).to.equal(sentence);
    for (const gone of [
      '.heatmap',
      '.words-table',
      '.summary',
      '.texts',
      '.text-answers',
      '.board',
      '.who',
    ]) {
      expect(root.querySelector(gone), gone).to.equal(null);
    }
    expect(
      byRole(root, 'button', 'Download the word table (CSV)').hasAttribute('disabled'),
    ).to.equal(true);
    expect(root.querySelector('.headline')!.textContent).to.contain(`${group.count} response`);
    await expect(el).to.be.accessible();
    // In a comparison, too.
    await choose(el, 'Show responses from', 'Everyone');
    await choose(el, 'First group', 'Staff');
    await choose(el, 'Second group', option.label);
    const compare = root.querySelector('.compare')!;
    expect(compare.querySelector('.suppressed')!.textContent).to.contain(sentence);
    expect(compare.querySelector('.heatmap')).to.equal(null);
    expect(compare.querySelector('.differences')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
