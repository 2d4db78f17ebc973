import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { waitUntil } from './support/wait.js';
import type { ValuesSurvey } from '../src/values-survey.js';
import { allByRole, byRole, queryByRole } from './support/queries.js';
import { clearBuiltInDraft, root } from './support/fixtures.js';

/** The built-in survey in a 320 px wide column, as on a small phone (or 1280 px at 400% zoom). */
async function narrowSurvey() {
  await clearBuiltInDraft();
  const column = await fixture<HTMLDivElement>(
    html`<div style="width: 320px">
      <values-survey endpoint="/endpoint/layout"></values-survey>
    </div>`,
  );
  const el = column.querySelector('values-survey') as ValuesSurvey;
  await waitUntil(() => queryByRole(root(el), 'button', 'Start'), 'survey did not render');
  return { column, el };
}

/** Everything a finger can press on the step, with its box. */
function targets(el: ValuesSurvey) {
  const shadow = root(el);
  const buttons = allByRole(shadow, 'button');
  // A radio or checkbox is pressed through its whole row: the control and its label.
  const rows = [...shadow.querySelectorAll('.option, .scale-point')] as HTMLElement[];
  return [...buttons, ...rows].map((target) => ({
    target,
    rect: target.getBoundingClientRect(),
  }));
}

function expectFits(el: ValuesSurvey, column: HTMLElement, step: string) {
  const survey = root(el).querySelector('[part~="survey"]') as HTMLElement;
  expect(survey.scrollWidth, `${step}: sideways scrolling`).to.be.at.most(survey.clientWidth);
  expect(el.getBoundingClientRect().width, `${step}: wider than 320 px`).to.be.at.most(
    column.getBoundingClientRect().width,
  );
  for (const { target, rect } of targets(el)) {
    const name = target.textContent?.trim().slice(0, 30);
    expect(rect.height, `${step}: "${name}" is ${rect.height}px high`).to.be.at.least(44);
    expect(rect.width, `${step}: "${name}" is ${rect.width}px wide`).to.be.at.least(44);
  }
}

describe('layout at 320 px: no sideways scrolling, 44 px targets', () => {
  it('holds on every step of the built-in survey', async () => {
    const { column, el } = await narrowSurvey();
    const press = async (name: string) => {
      byRole(root(el), 'button', name).click();
      await el.updateComplete;
    };
    expectFits(el, column, 'intro');
    await press('Start');
    const words = root(el).querySelector('values-survey-words')!;
    await waitUntil(() => words.shadowRoot?.querySelector('.chip'));
    expectFits(el, column, 'values (words)');
    await press('Continue');
    expectFits(el, column, 'connection (choices)');
    await press('Continue');
    byRole(root(el), 'alert', /There is a problem/);
    expectFits(el, column, 'connection with an error');
    byRole(root(el), 'checkbox', 'Member of the public').click();
    await press('Continue');
    await press('Continue');
    expectFits(el, column, 'add (text)');
    await press('Continue');
    expectFits(el, column, 'fit (scale)');
    await press('Continue');
    await press('Continue');
    expectFits(el, column, 'check your answers');
    await press('Clear my answers');
    expectFits(el, column, 'clear confirmation');
    await expect(el).to.be.accessible();
  });

  // Issue 13: as 106 boxed words the values question was 2,200 px tall on a 320 x 640 phone.
  it('shows the values question as prose, much shorter than as boxes, on a 320 x 640 screen', async function () {
    // WebKit runs over classic WebDriver, where the test runner cannot resize the viewport;
    // the height is checked where scrollbars overlay the page, as on a phone (Chromium here).
    if (!/Chrome\/|Firefox\//.test(navigator.userAgent)) this.skip();
    const before = { width: innerWidth, height: innerHeight };
    // A phone's scrollbar overlays the page; Firefox on Linux would take some of the 320 px for
    // one. Hidden (the page still scrolls), every engine lays out the phone's full width.
    document.documentElement.style.scrollbarWidth = 'none';
    await setViewport({ width: 320, height: 640 });
    try {
      await waitUntil(() => innerWidth === 320, 'the viewport did not resize');
      await clearBuiltInDraft();
      const el = await fixture<ValuesSurvey>(
        html`<values-survey endpoint="/endpoint/layout"></values-survey>`,
      );
      await waitUntil(() => queryByRole(root(el), 'button', 'Start'), 'survey did not render');
      byRole(root(el), 'button', 'Start').click();
      const chips = () =>
        root(el).querySelector('values-survey-words')?.shadowRoot?.querySelectorAll('.chip');
      await waitUntil(() => chips()?.length === 106, 'the 106 words did not show');
      // From the top of the survey's box to the bottom of the step's Continue button.
      const survey = root(el).querySelector('[part~="survey"]')!.getBoundingClientRect();
      const bottom = byRole(root(el), 'button', 'Continue').getBoundingClientRect().bottom;
      const height = bottom - survey.top;
      expect(document.documentElement.clientWidth, 'a scrollbar takes width').to.equal(320);
      console.log(`values question at 320 x 640: ${Math.round(height)} px tall`);
      // Issues 13 and 23 ask for at most 1,700 px, with 44 x 44 px targets that never overlap,
      // prose word spacing and statements 1em further apart than lines: 1,689 here in Chromium
      // and Firefox (26 lines of words; 1,657 with statements 8 px apart, 2,213 as boxes).
      expect(height).to.be.at.most(1700);
      expect(document.documentElement.scrollWidth, 'sideways scrolling').to.be.at.most(320);
      await expect(el).to.be.accessible();
    } finally {
      document.documentElement.style.scrollbarWidth = '';
      await setViewport(before);
    }
  });

  // The same measure in every engine, WebKit included (its driver cannot resize the viewport):
  // a 304 px column (320 px less the page's 8 px margins) with the phone's 16 px text and 12 px
  // padding set through the survey's own custom properties.
  it('keeps the values question at most 1,700 px tall in a phone-sized column, in every engine', async () => {
    await clearBuiltInDraft();
    const column = await fixture<HTMLDivElement>(
      html`<div style="width: 304px">
        <values-survey
          endpoint="/endpoint/layout"
          style="--values-survey-font-size: 16px; --values-survey-space: 12px"
        ></values-survey>
      </div>`,
    );
    const el = column.querySelector('values-survey') as ValuesSurvey;
    await waitUntil(() => queryByRole(root(el), 'button', 'Start'), 'survey did not render');
    byRole(root(el), 'button', 'Start').click();
    const words = () => root(el).querySelector('values-survey-words')?.shadowRoot;
    await waitUntil(() => words()?.querySelectorAll('.chip').length === 106, 'no words');
    const survey = root(el).querySelector('[part~="survey"]')!.getBoundingClientRect();
    const bottom = byRole(root(el), 'button', 'Continue').getBoundingClientRect().bottom;
    const height = bottom - survey.top;
    // Statements stand apart: the step from one statement's last row of words to the next
    // statement's first is at least 1em (16 px) more than the step between rows.
    const rows = [...words()!.querySelectorAll('.statement')].map((statement) => {
      const tops = [...statement.querySelectorAll('.chip')].map(
        (c) => c.getBoundingClientRect().top,
      );
      return [...new Set(tops)].sort((a, b) => a - b);
    });
    const line = Math.max(...rows.flatMap((tops) => tops.slice(1).map((top, i) => top - tops[i])));
    const apart = Math.min(...rows.slice(1).map((tops, i) => tops[0] - rows[i].at(-1)!));
    expect(line, 'rows of 44 px targets').to.be.at.least(44);
    expect(apart - line, 'statements no further apart than lines').to.be.at.least(15.5);
    // 26 rows in every engine: 1,689 px in Chromium and Firefox, 1,677 in WebKit (its heading
    // sets on fewer lines). Firefox's default serif is a little wider than Chromium's; while the
    // statements kept 2 px of the column either side it set one on a 27th row (1,733 px).
    const count = rows.reduce((sum, tops) => sum + tops.length, 0);
    console.log(`values question in a 304 px column: ${Math.round(height)} px tall, ${count} rows`);
    expect(height).to.be.at.most(1700);
  });
});
