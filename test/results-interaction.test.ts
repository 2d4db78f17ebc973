import { expect } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { DEFAULT_SURVEY } from '../src/definition/default-survey.js';
import { tokenize } from '../src/text/tokenize.js';
import { byRole, deepActiveElement } from './support/queries.js';
import { choose, control, renderReport, shadow, tableRows } from './support/results-fixtures.js';
import { generatedReport, RESULTS_TEST_TOKEN } from './support/results-data.js';
import { waitUntil } from './support/wait.js';

/** A share as the CSV writes it: a percentage with one decimal. */
const pct1 = (n: number, total: number) => Math.round((n * 1000) / total) / 10;

describe('results report: keyboard, sorting, search, CSV and print', function () {
  // Axe checks the whole report (several hundred words and table rows): slow on a shared machine.
  this.timeout(60_000);
  const report = generatedReport();

  it('moves along the words with the keyboard (one tab stop per question) and shows each figure', async () => {
    const el = await renderReport(report.url, { token: RESULTS_TEST_TOKEN });
    const root = shadow(el);
    const values = root.querySelector('[data-question-id="values"]')!;
    expect(values.querySelectorAll('[tabindex="0"]')).to.have.length(1);
    // Tab from the control before the statements reaches the first word.
    root.querySelector<HTMLElement>('.legend')!.tabIndex = -1;
    root.querySelector<HTMLElement>('.legend')!.focus();
    await sendKeys({ press: 'Tab' });
    await waitUntil(() => deepActiveElement()?.getAttribute('data-word') === 'main/values/0/0');
    const detail = () =>
      values.closest('section')!.querySelector('.detail')!.textContent!.replace(/\s+/g, ' ').trim();
    const we = report.data.expected.all.words.values['0:0'] ?? { kept: 0, removed: 0 };
    const n = report.data.expected.all.answered.values;
    await waitUntil(() => detail().startsWith('we (statement 1): '));
    expect(detail()).to.contain(`of ${n} who answered, removed by ${we.removed} (`);
    expect(detail()).to.contain(`kept by ${we.kept} (`);
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => deepActiveElement()?.getAttribute('data-word') === 'main/values/0/1');
    await waitUntil(() => detail().startsWith('work (statement 1)'));
    expect(values.querySelectorAll('[tabindex="0"]')).to.have.length(1);
    await sendKeys({ press: 'End' });
    const statements =
      DEFAULT_SURVEY.questions[0].type === 'words' ? DEFAULT_SURVEY.questions[0].statements : [];
    const last = tokenize(statements[statements.length - 1]).length - 1;
    await waitUntil(
      () =>
        deepActiveElement()?.getAttribute('data-word') ===
        `main/values/${statements.length - 1}/${last}`,
    );
    await sendKeys({ press: 'Home' });
    await waitUntil(() => deepActiveElement()?.getAttribute('data-word') === 'main/values/0/0');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => detail().startsWith('Move to a word'));
    await expect(el).to.be.accessible();
  });

  it('sorts the table by a column either way, saying so to assistive technology', async () => {
    const el = await renderReport(report.url, { token: RESULTS_TEST_TOKEN });
    const header = () =>
      [...shadow(el).querySelectorAll('table.words-table th[scope="col"]')].find((th) =>
        th.textContent!.includes('Removed'),
      )!;
    // Question, statement, word, n, kept, removed, lean: "14 of 247 (5.7%, 95% interval …)".
    const removed = () => tableRows(el).map((r) => Number(/^(\d+) of /.exec(r[5])![1]));
    byRole(header() as HTMLElement, 'button', /^Removed/).click();
    await el.updateComplete;
    expect(header().getAttribute('aria-sort')).to.equal('descending');
    expect(removed()).to.deep.equal([...removed()].sort((a, b) => b - a));
    byRole(header() as HTMLElement, 'button', /^Removed/).click();
    await el.updateComplete;
    expect(header().getAttribute('aria-sort')).to.equal('ascending');
    expect(removed()).to.deep.equal([...removed()].sort((a, b) => a - b));
    await expect(el).to.be.accessible();
  });

  it('searches the written answers and says how many match', async () => {
    const el = await renderReport(report.url, { token: RESULTS_TEST_TOKEN });
    const search = control<HTMLInputElement>(el, /^Search these answers to: Are there any words/);
    expect(search.closest('[data-question]')!.getAttribute('data-question')).to.equal('add');
    search.focus();
    await sendKeys({ type: 'kind' });
    const want = (report.data.expected.all.text.add ?? []).filter((t) =>
      t.toLowerCase().includes('kind'),
    );
    await waitUntil(() =>
      shadow(el)
        .querySelector('[data-question="add"] .text-count')!
        .textContent!.includes(`contain “kind”`),
    );
    const section = shadow(el).querySelector('[data-question="add"]')!;
    expect(section.querySelector('.text-count')!.textContent!.trim()).to.equal(
      `${want.length} answers of ${(report.data.expected.all.text.add ?? []).length} contain “kind”`,
    );
    expect([...section.querySelectorAll('.answers li')].map((li) => li.textContent)).to.deep.equal(
      want,
    );
    await expect(el).to.be.accessible();
  });

  it('downloads the table as formula-safe CSV for the group shown', async () => {
    const el = await renderReport(report.url, { token: RESULTS_TEST_TOKEN });
    await choose(el, 'Show responses from', 'Staff');
    let link: HTMLAnchorElement | null = null;
    // Keep the browser from saving a file; read what it would have saved instead.
    const keep = (event: Event) => {
      const target = event.composedPath()[0] as HTMLElement;
      if (target instanceof HTMLAnchorElement && target.download) {
        event.preventDefault();
        link = target;
      }
    };
    shadow(el).addEventListener('click', keep, true);
    byRole(shadow(el), 'button', 'Download the word table (CSV)').click();
    shadow(el).removeEventListener('click', keep, true);
    expect(link).to.not.equal(null);
    const anchor = link as unknown as HTMLAnchorElement;
    expect(anchor.download).to.equal('tp-values-refresh-v1-words.csv');
    const text = await (await fetch(anchor.href)).text();
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).to.equal(
      'group,question,statement number,statement,word number,word,answered (n),kept,kept %,kept % 95% low,kept % 95% high,removed,removed %,removed % 95% low,removed % 95% high,undecided,lean (points),lean 95% low,lean 95% high,leans',
    );
    const staff = report.data.expected.groups['connection=staff'];
    const n = staff.answered.values;
    const caring = staff.words.values?.['1:2'] ?? { kept: 0, removed: 0 };
    const line = lines.find((l) =>
      l.startsWith('Staff,values,2,we are caring and compassionate,3,caring,'),
    )!;
    const cells = line.split(',');
    expect(cells.slice(6, 8).map(Number)).to.deep.equal([n, caring.kept]);
    expect(Number(cells[8])).to.equal(pct1(caring.kept, n));
    expect(Number(cells[11])).to.equal(caring.removed);
    expect(Number(cells[12])).to.equal(pct1(caring.removed, n));
    expect(Number(cells[15])).to.equal(n - caring.kept - caring.removed);
    expect(Number(cells[16])).to.equal(pct1(caring.removed - caring.kept, n));
    // Every interval holds its estimate.
    expect(Number(cells[9])).to.be.at.most(Number(cells[8]));
    expect(Number(cells[10])).to.be.at.least(Number(cells[8]));
    expect(Number(cells[17])).to.be.at.most(Number(cells[16]));
    expect(Number(cells[18])).to.be.at.least(Number(cells[16]));
    expect(['leans keep', 'leans remove', 'no clear lean']).to.include(cells[19]);
  });

  it('prints a Board paper: title, date, responses, statements and summaries, without controls', async function () {
    const el = await renderReport(report.url, { token: RESULTS_TEST_TOKEN });
    try {
      await emulateMedia({ media: 'print' });
    } catch (error) {
      // Only Chromium can emulate print media here (Firefox over BiDi and WebKit cannot).
      if (/not supported|unsupported|CDP support/i.test(String(error))) this.skip();
      throw error;
    }
    try {
      await waitUntil(() => matchMedia('print').matches, 'print media not emulated');
      const root = shadow(el);
      const shown = (selector: string) =>
        getComputedStyle(root.querySelector(selector)!).display !== 'none';
      expect(shown('.print-only'), 'date line').to.equal(true);
      expect(root.querySelector('.print-only')!.textContent).to.match(/^Prepared \d+ \w+ \d{4}\.$/);
      expect(shown('.title')).to.equal(true);
      expect(shown('.headline')).to.equal(true);
      expect(shown('.heatmap')).to.equal(true);
      expect(shown('.summary')).to.equal(true);
      expect(shown('.legend')).to.equal(true);
      expect(shown('.board'), 'the summary for the Board').to.equal(true);
      expect(getComputedStyle(root.querySelector('.board')!).breakAfter).to.equal('page');
      for (const hidden of ['.controls', '.table-section', '.texts', '.quiet-file', '.detail']) {
        expect(shown(hidden), hidden).to.equal(false);
      }
      // Shades and bars are printed, not dropped as backgrounds.
      expect(getComputedStyle(root.querySelector('.report')!).printColorAdjust ?? 'exact').to.equal(
        'exact',
      );
    } finally {
      await emulateMedia({ media: 'screen' });
    }
  });
});
