import { expect } from '@open-wc/testing';
import { DEFAULT_SURVEY } from '../src/definition/default-survey.js';
import type { ValuesSurveyResults } from '../src/results/results-element.js';
import { tokenize } from '../src/words/tokenize.js';
import type { ExpectedCounts } from '../scripts/generate-responses.mjs';
import { allByRole, byRole, queryByRole } from './support/queries.js';
import { waitUntil } from './support/wait.js';
import {
  choose,
  forgetTokens,
  renderReport,
  shadow,
  tableRows,
} from './support/results-fixtures.js';
import { generated, jsonLines, RESULTS_TEST_TOKEN, serve } from './support/results-data.js';

const pct = (n: number, total: number) => `${total ? Math.round((n * 100) / total) : 0}%`;

/** "30 of 314 (9.6%, 95% interval …)": the count and n, as the table starts each share. */
const countOf = (cell: string) => {
  const match = /^(\d+) of (\d+) \(/.exec(cell);
  if (!match) throw new Error(`not a share: ${cell}`);
  return [Number(match[1]), Number(match[2])];
};

/** The word table, as rendered, against the generator's own count: every row, every figure. */
function expectTableMatches(el: ValuesSurveyResults, expected: ExpectedCounts) {
  const rows = tableRows(el);
  let i = 0;
  for (const question of DEFAULT_SURVEY.questions) {
    if (question.type !== 'words') continue;
    const n = expected.answered[question.id] ?? 0;
    question.statements.forEach((statement, s) => {
      for (const token of tokenize(statement)) {
        if (!token.word) continue;
        const want = expected.words[question.id]?.[`${s}:${token.position}`] ?? {
          kept: 0,
          removed: 0,
        };
        const [prompt, where, word, answered, kept, removed, lean] = rows[i];
        const label = `row ${i + 1} (${question.id} ${s}:${token.position})`;
        expect(prompt, label).to.equal(question.prompt);
        expect(where.startsWith(`${s + 1}. `), label).to.equal(true);
        expect(word, label).to.equal(token.word);
        expect(answered, label).to.equal(String(n));
        expect(countOf(kept), label).to.deep.equal([want.kept, n]);
        expect(countOf(removed), label).to.deep.equal([want.removed, n]);
        const value = ((want.removed - want.kept) * 100) / n;
        const whole = Math.round(value);
        const shown =
          value === 0
            ? '0'
            : `${value > 0 ? '+' : '-'}${whole === 0 ? Math.abs(value).toFixed(1) : Math.abs(whole)}`;
        expect(lean, label).to.match(/^(leans keep|leans remove|no clear lean): /);
        expect(lean.replace('−', '-'), label).to.contain(` ${shown} points (95% interval `);
        i += 1;
      }
    });
  }
  expect(rows).to.have.length(i);
}

/** The shading of every word in the Everyone statements, by key. */
const shading = (el: ValuesSurveyResults) =>
  [...shadow(el).querySelectorAll<HTMLElement>('.words [data-word]')].map(
    (w) => `${w.dataset.word} ${w.className} ${w.dataset.step} ${w.getAttribute('aria-label')}`,
  );

describe('results report', function () {
  // Axe checks the whole report (several hundred words and table rows): slow on a shared machine.
  this.timeout(60_000);
  let data: ReturnType<typeof generated>;
  let url: string;
  before(async () => {
    data = generated(300, 11);
    url = await serve(jsonLines(data.responses), '.jsonl');
  });
  beforeEach(forgetTokens);

  it('shows who answered, the statements, the table, counts and text answers', async () => {
    const el = await renderReport(url, { token: RESULTS_TEST_TOKEN });
    const root = shadow(el);
    byRole(root, 'heading', 'Results: Refresh our values, vision and mission');
    expect(root.querySelector('.headline')!.textContent).to.match(
      /^\s*300 responses, completed \d+ June 2026 to \d+ (June|July) 2026\.\s*$/,
    );
    // Who answered: every option of the connection question with its count and share.
    const connection = root.querySelector('table[data-question="connection"]')!;
    for (const option of DEFAULT_SURVEY.questions[1].type === 'choices'
      ? DEFAULT_SURVEY.questions[1].options
      : []) {
      const count = data.expected.all.options.connection?.[option.value] ?? 0;
      const row = [...connection.querySelectorAll('tbody tr')].find(
        (r) => r.querySelector('th')!.textContent!.trim() === option.label,
      )!;
      expect(row.querySelector('td')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
        `${count} (${pct(count, 300)})`,
      );
    }
    // A word says its figures by name, and the same words are in the table.
    const caring = data.expected.all.words.values['1:2'];
    const n = data.expected.all.answered.values;
    const img = byRole(root, 'img', /^caring: /);
    expect(img.getAttribute('aria-label')).to.contain(
      `; of ${n} who answered, removed by ${caring.removed} (`,
    );
    expect(img.getAttribute('aria-label')).to.contain(
      `kept by ${caring.kept} (${(caring.kept * 100) / n < 10 ? ((caring.kept * 100) / n).toFixed(1) : Math.round((caring.kept * 100) / n)}%), undecided ${n - caring.kept - caring.removed}`,
    );
    expectTableMatches(el, data.expected.all);
    // One ranking per words question, and the summary for the Board.
    expect(allByRole(root, 'heading', 'Most clearly removed')).to.have.length(2);
    expect(allByRole(root, 'heading', 'Most clearly kept')).to.have.length(2);
    byRole(root, 'heading', 'Summary for the Board');
    expect(root.querySelector('.board')!.textContent).to.contain(`Of ${n} people who answered`);
    // Scale and written answers.
    const fit = root.querySelector('table[data-question="fit"]')!;
    expect(fit.querySelectorAll('tbody tr')).to.have.length(5);
    const add = data.expected.all.text.add ?? [];
    expect(add.length).to.be.greaterThan(100);
    const section = root.querySelector('[data-question="add"]')!;
    expect(section.querySelector('.text-count')!.textContent!.trim()).to.equal(
      `${add.length} answers; showing the first 100`,
    );
    expect(section.querySelectorAll('.answers li')).to.have.length(100);
    byRole(section as HTMLElement, 'button', `Show ${add.length - 100} more`).click();
    await el.updateComplete;
    expect(section.querySelector('.text-count')!.textContent!.trim()).to.equal(
      `${add.length} answers`,
    );
    expect([...section.querySelectorAll('.answers li')].map((li) => li.textContent)).to.deep.equal(
      add,
    );
    await expect(el).to.be.accessible();
  });

  it('recomputes everything for one group, checked cell by cell through the table', async () => {
    const el = await renderReport(url, { token: RESULTS_TEST_TOKEN });
    await choose(el, 'Show responses from', 'Staff');
    const staff = data.expected.groups['connection=staff'];
    expect(shadow(el).querySelector('.headline')!.textContent!.replace(/\s+/g, ' ')).to.match(
      new RegExp(`^ ?${staff.count} responses from Staff \\(of 300 responses\\)`),
    );
    expectTableMatches(el, staff);
    await choose(el, 'Show responses from', 'Patient or service user');
    expectTableMatches(el, data.expected.groups['connection=patient']);
    await expect(el).to.be.accessible();
    await choose(el, 'Show responses from', 'Everyone');
    expectTableMatches(el, data.expected.all);
  });

  it('shows two groups side by side for the words questions', async () => {
    const el = await renderReport(url, { token: RESULTS_TEST_TOKEN });
    await choose(el, 'First group', 'Staff');
    expect(shadow(el).querySelector('.compare')).to.equal(null);
    await choose(el, 'Second group', 'Patient or service user');
    const compare = byRole(shadow(el), 'heading', 'Staff and Patient or service user side by side');
    const section = compare.closest('section')!;
    for (const [slot, group] of [
      ['a', 'connection=staff'],
      ['b', 'connection=patient'],
    ] as const) {
      const expected = data.expected.groups[group];
      const column = section.querySelectorAll<HTMLElement>(`[data-group="${slot}"]`)[0];
      expect(column.querySelector('.compare-group')!.textContent).to.contain(
        `${expected.count} responses`,
      );
      const word = column.querySelector<HTMLElement>('[data-word$="/values/1/2"]')!;
      const cell = expected.words.values?.['1:2'] ?? { kept: 0, removed: 0 };
      const n = expected.answered.values;
      expect(word.getAttribute('aria-label')).to.contain(
        `; of ${n} who answered, removed by ${cell.removed} (`,
      );
      expect(word.getAttribute('aria-label')).to.contain(`kept by ${cell.kept} (`);
    }
    // The differences: each listed word with its interval, and the note on many comparisons.
    const differences = section.querySelector('.compare-differences')!;
    expect(differences.textContent).to.match(/Benjamini–Hochberg/);
    expect(differences.textContent!.replace(/\s+/g, ' ')).to.match(/\d+ words compared at once/);
    for (const li of differences.querySelectorAll('.differences li')) {
      expect(li.textContent!.replace(/\s+/g, ' ')).to.match(
        /: Staff's lean is [+−][\d.]+ points from Patient or service user's \(95% interval [+−]?[\d.]+ to [+−]?[\d.]+\)/,
      );
    }
    await expect(el).to.be.accessible();
  });

  it('ranks words by lean, with n, counts and interval, leaving out words with no clear lean', async () => {
    const el = await renderReport(url, { token: RESULTS_TEST_TOKEN });
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
    const el = await renderReport(url, { token: RESULTS_TEST_TOKEN });
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
    const el = await renderReport(url, { token: RESULTS_TEST_TOKEN });
    // The smallest group in this data set, and a threshold above it.
    const [key, group] = Object.entries(data.expected.groups).sort(
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
