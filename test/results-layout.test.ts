import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { ValuesSurveyResults } from '../src/results/results-element.js';
import { byRole, queryByRole } from './support/queries.js';
import {
  choose,
  control,
  forgetTokens,
  renderReport,
  renderResults,
  shadow,
} from './support/results-fixtures.js';
import { generated, jsonLines, RESULTS_TEST_TOKEN, serve } from './support/results-data.js';
import { waitUntil } from './support/wait.js';

const text = (el: ValuesSurveyResults, selector: string) =>
  shadow(el).querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('results layout: 320 px, 44 px targets, forced colours', function () {
  this.timeout(60_000);
  let url: string;
  before(async () => {
    url = await serve(jsonLines(generated(60, 4).responses), '.jsonl');
  });

  for (const width of [320, 375]) {
    it(`has no sideways scrolling at ${width} px: each word's row stacks, Kept and Removed in view`, async () => {
      const el = await renderReport(url, { token: RESULTS_TEST_TOKEN, width });
      await choose(el, 'First group', 'Staff');
      await choose(el, 'Second group', 'Everyone else');
      const report = shadow(el).querySelector<HTMLElement>('.report')!;
      const { left, right } = report.getBoundingClientRect();
      // Nothing at all pokes out of the report: not even the word table.
      const over = [...shadow(el).querySelectorAll('*')].filter((e) => {
        const rect = e.getBoundingClientRect();
        return rect.width > 0 && (rect.right > right + 0.5 || rect.left < left - 0.5);
      });
      expect(over.map((e) => e.outerHTML.slice(0, 80))).to.deep.equal([]);
      expect(report.scrollWidth, 'report scrolls sideways').to.be.at.most(report.clientWidth);
      const scroller = shadow(el).querySelector<HTMLElement>('.table-scroll')!;
      expect(scroller.scrollWidth, 'table scrolls sideways').to.be.at.most(scroller.clientWidth);
      expect(el.getBoundingClientRect().width).to.be.at.most(width);
      // The first word's row: its Kept and Removed figures, labelled, inside the report.
      const row = shadow(el).querySelector('table.words-table tbody tr')!;
      for (const name of ['Kept', 'Removed', 'Answered', 'Lean']) {
        const cell = [...row.querySelectorAll('td')].find((td) =>
          td.querySelector('.cell-label')?.textContent?.startsWith(name),
        )!;
        expect(cell, name).to.not.equal(undefined);
        const label = cell.querySelector<HTMLElement>('.cell-label')!;
        expect(getComputedStyle(label).display, `${name} label shown`).to.not.equal('none');
        const rect = cell.getBoundingClientRect();
        expect(rect.right, name).to.be.at.most(right + 0.5);
        expect(rect.height, name).to.be.greaterThan(0);
      }
      for (const target of shadow(el).querySelectorAll<HTMLElement>(
        'button, select, input:not([type="file"])',
      )) {
        const rect = target.getBoundingClientRect();
        expect(rect.height, target.outerHTML.slice(0, 60)).to.be.at.least(44);
        expect(rect.width, target.outerHTML.slice(0, 60)).to.be.at.least(44);
      }
      byRole(shadow(el), 'region', 'Word table');
      await expect(el).to.be.accessible();
    });
  }

  it('keeps the table as a table on a wide screen (labels hidden, figures in columns)', async () => {
    const el = await renderReport(url, { token: RESULTS_TEST_TOKEN, width: 1000 });
    const label = shadow(el).querySelector<HTMLElement>('.cell-label')!;
    expect(getComputedStyle(label).display).to.equal('none');
    const row = shadow(el).querySelector<HTMLElement>('table.words-table tbody tr')!;
    expect(getComputedStyle(row).display).to.equal('table-row');
  });

  it('draws the bars and word borders in system colours under forced colours', async function () {
    const active = await executeServerCommand<boolean, { active: boolean }>(
      'emulate-forced-colors',
      { active: true },
    );
    if (!active) this.skip();
    try {
      await waitUntil(() => matchMedia('(forced-colors: active)').matches);
      const el = await renderReport(url, { token: RESULTS_TEST_TOKEN });
      const word = shadow(el).querySelector<HTMLElement>('.word')!;
      expect(getComputedStyle(word).borderTopStyle).to.match(/solid|dashed/);
      const kept = shadow(el).querySelector<HTMLElement>('.bar-kept')!;
      expect(getComputedStyle(kept).forcedColorAdjust).to.equal('none');
      const removed = shadow(el).querySelector<HTMLElement>('.bar-removed')!;
      expect(getComputedStyle(removed).backgroundImage).to.contain('repeating-linear-gradient');
      await expect(el).to.be.accessible();
    } finally {
      await executeServerCommand('emulate-forced-colors', { active: false });
    }
  });
});

describe('results lifecycle', function () {
  this.timeout(60_000);
  beforeEach(forgetTokens);

  it("keeps the chosen group when moved on the page, and shows a word's figures on hover", async () => {
    const url = await serve(JSON.stringify(generated(90, 8).responses));
    const el = await renderReport(url, { token: RESULTS_TEST_TOKEN });
    await choose(el, 'Show responses from', 'Staff');
    const parent = el.parentElement!;
    const other = document.createElement('div');
    parent.after(other);
    other.append(el);
    await el.updateComplete;
    await waitUntil(() => queryByRole(shadow(el), 'heading', /^Results: /));
    expect(control(el, 'Show responses from').value).to.equal('connection=staff');
    expect(text(el, '.headline')).to.match(/ from Staff \(of 90 responses\)/);
    const word = shadow(el).querySelector<HTMLElement>('[data-word="main/values/1/2"]')!;
    word.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
    await waitUntil(() =>
      text(el, '.heatmap[data-question="values"] .detail').startsWith('caring (statement 2): '),
    );
    other.remove();
  });

  it('abandons the fetch when taken off the page, and fetches again when put back', async () => {
    const name = `held-${crypto.randomUUID()}.json`;
    await fetch(`/results-data/${name}`, {
      method: 'PUT',
      body: JSON.stringify(generated(5).responses),
    });
    const el = await renderResults(`/results-data/${name}`, { token: RESULTS_TEST_TOKEN });
    let events = 0;
    el.addEventListener('values-survey-results-load', () => (events += 1));
    el.addEventListener('values-survey-results-error', () => (events += 1));
    // The server holds the answer, so the fetch is in flight when the element is taken off.
    await waitUntil(() => queryByRole(shadow(el), 'status', 'Fetching the responses…'));
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await fetch(`/results-data/release-${name}`, { method: 'POST' });
    await waitUntil(() => queryByRole(shadow(el), 'heading', /^Results: /));
    // Shown once: the abandoned fetch's answer was ignored.
    expect(events).to.equal(1);
    expect(text(el, '.headline')).to.match(/^5 responses/);
  });
});
