import { expect } from '@open-wc/testing';
import { DEFAULT_SURVEY } from '../src/definition/default-survey.js';
import type { ValuesSurveyResults } from '../src/results/results-element.js';
import { tokenize } from '../src/text/tokenize.js';
import type { ExpectedCounts } from '../scripts/generate-responses.mjs';
import { allByRole, byRole } from './support/queries.js';
import { choose, renderReport, shadow, tableRows } from './support/results-fixtures.js';
import { generatedReport, RESULTS_TEST_TOKEN } from './support/results-data.js';

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

describe('results report', function () {
  // Axe checks the whole report (several hundred words and table rows): slow on a shared machine.
  this.timeout(60_000);
  const report = generatedReport();

  it('shows who answered, the statements, the table, counts and text answers', async () => {
    const el = await renderReport(report.url, { token: RESULTS_TEST_TOKEN });
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
      const count = report.data.expected.all.options.connection?.[option.value] ?? 0;
      const row = [...connection.querySelectorAll('tbody tr')].find(
        (r) => r.querySelector('th')!.textContent!.trim() === option.label,
      )!;
      expect(row.querySelector('td')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
        `${count} (${pct(count, 300)})`,
      );
    }
    // A word says its figures by name, and the same words are in the table.
    const caring = report.data.expected.all.words.values['1:2'];
    const n = report.data.expected.all.answered.values;
    const img = byRole(root, 'img', /^caring: /);
    expect(img.getAttribute('aria-label')).to.contain(
      `; of ${n} who answered, removed by ${caring.removed} (`,
    );
    expect(img.getAttribute('aria-label')).to.contain(
      `kept by ${caring.kept} (${(caring.kept * 100) / n < 10 ? ((caring.kept * 100) / n).toFixed(1) : Math.round((caring.kept * 100) / n)}%), undecided ${n - caring.kept - caring.removed}`,
    );
    expectTableMatches(el, report.data.expected.all);
    // One ranking per words question, and the summary for the Board.
    expect(allByRole(root, 'heading', 'Most clearly removed')).to.have.length(2);
    expect(allByRole(root, 'heading', 'Most clearly kept')).to.have.length(2);
    byRole(root, 'heading', 'Summary for the Board');
    expect(root.querySelector('.board')!.textContent).to.contain(`Of ${n} people who answered`);
    // Scale and written answers.
    const fit = root.querySelector('table[data-question="fit"]')!;
    expect(fit.querySelectorAll('tbody tr')).to.have.length(5);
    const add = report.data.expected.all.text.add ?? [];
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
    const el = await renderReport(report.url, { token: RESULTS_TEST_TOKEN });
    await choose(el, 'Show responses from', 'Staff');
    const staff = report.data.expected.groups['connection=staff'];
    expect(shadow(el).querySelector('.headline')!.textContent!.replace(/\s+/g, ' ')).to.match(
      new RegExp(`^ ?${staff.count} responses from Staff \\(of 300 responses\\)`),
    );
    expectTableMatches(el, staff);
    await choose(el, 'Show responses from', 'Patient or service user');
    expectTableMatches(el, report.data.expected.groups['connection=patient']);
    await expect(el).to.be.accessible();
    await choose(el, 'Show responses from', 'Everyone');
    expectTableMatches(el, report.data.expected.all);
  });

  it('shows two groups side by side for the words questions', async () => {
    const el = await renderReport(report.url, { token: RESULTS_TEST_TOKEN });
    await choose(el, 'First group', 'Staff');
    expect(shadow(el).querySelector('.compare')).to.equal(null);
    await choose(el, 'Second group', 'Patient or service user');
    const compare = byRole(shadow(el), 'heading', 'Staff and Patient or service user side by side');
    const section = compare.closest('section')!;
    for (const [slot, group] of [
      ['a', 'connection=staff'],
      ['b', 'connection=patient'],
    ] as const) {
      const expected = report.data.expected.groups[group];
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
});
