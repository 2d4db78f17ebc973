/**
 * The report itself, once the responses are read: header, controls, who answered, the statements,
 * two groups side by side, the table, scale questions and written answers. Pure templates over
 * the computed view and the owner's choices; the element passes in what it keeps and handles.
 */
import { html, nothing } from 'lit';
import type { SurveyDefinition } from '../../definition/schema.js';
import type { WordsResult } from '../aggregate.js';
import { formatDate, formatRange, plural } from '../format.js';
import type { InvalidResponse } from '../read.js';
import { scaleOf } from '../shade.js';
import { allRows, nextSort, sortRows, type SortKey, type WordRow } from '../table.js';
import { groupLabel, searchAnswers, type View, type ViewChoices } from '../view.js';
import { controls } from './controls.js';
import { choiceCounts, scaleCounts } from './counts.js';
import { firstWordKey, heatmap, legend } from './heatmap.js';
import { fileOpener, invalidList } from './source.js';
import { textAnswers } from './text-answers.js';
import { summaryLists, wordTable } from './word-table.js';

/** How many written answers show at first, and how many more each "Show more" adds. */
export const TEXT_PAGE = 100;

export interface ReportContext {
  view: View;
  survey: SurveyDefinition;
  choices: ViewChoices;
  invalid: readonly InvalidResponse[];
  /** The word showing its figures, and each question's tab stop (see heatmap.ts). */
  activeWord: string | null;
  tabStops: ReadonlyMap<string, string>;
  /** Each text question's search and how many matching answers show. */
  searches: ReadonlyMap<string, string>;
  limits: ReadonlyMap<string, number>;
  onChoose: (change: Partial<ViewChoices>) => void;
  onExport: () => void;
  onFile: (file: File) => void;
  onSearch: (questionId: string, query: string) => void;
  onMore: (questionId: string) => void;
  /** Listeners for the statements: roving focus, and figures on focus or pointer. */
  words: {
    keydown: (event: KeyboardEvent) => void;
    focusin: (event: FocusEvent) => void;
    pointerover: (event: PointerEvent) => void;
  };
}

export function report(ctx: ReportContext) {
  const { view, survey } = ctx;
  const { report } = view;
  const group = groupLabel(ctx.choices.filter, survey);
  const words = report.questions.filter((q): q is WordsResult => q.type === 'words');
  const today = formatDate(new Date());
  return html`
    <header class="report-header">
      <h2 class="title">Results: ${survey.title}</h2>
      <p class="print-only">Prepared ${today}.</p>
      <p class="headline">
        <strong>${plural(report.count, 'response')}</strong>${
          ctx.choices.filter
            ? html` from ${group} (of ${plural(view.versionCount, 'response')})`
            : nothing
        }${
          report.count
            ? html`, completed ${formatRange(report.firstCompleted, report.lastCompleted)}`
            : nothing
        }.
      </p>
      ${invalidList(ctx.invalid)}
      ${
        view.versionMatches
          ? nothing
          : html`<p class="warning" role="note">
              These responses are for ${view.version?.surveyId} version ${view.version?.version},
              but the definition is ${survey.id} version ${survey.version}: words may not line up.
            </p>`
      }
      ${
        report.mismatchedAnswers
          ? html`<p class="warning">
              ${plural(report.mismatchedAnswers, 'answer')} of another type than the definition's
              question were not counted.
            </p>`
          : nothing
      }
    </header>
    ${controls({ view, survey, choices: ctx.choices, onChoose: ctx.onChoose, onExport: ctx.onExport })}
    ${
      report.count === 0
        ? html`<p class="empty">
            There are no responses${ctx.choices.filter ? ` from ${group}` : ''} yet.
          </p>`
        : html`
            ${who(view)} ${words.length ? statements(ctx, words) : nothing} ${compare(ctx)}
            ${table(ctx, words, group)} ${others(ctx)}
          `
    }
    <div class="quiet-file">${fileOpener(ctx.onFile, false)}</div>
  `;
}

function who(view: View) {
  return html`<section class="who" aria-labelledby="who-heading">
    <h2 id="who-heading">Who answered</h2>
    ${view.report.questions.map((q) =>
      q.type === 'choice' || q.type === 'choices' ? choiceCounts(q, view.report.count) : nothing,
    )}
  </section>`;
}

function heatmapOptions(ctx: ReportContext, scope: string, result: WordsResult) {
  return {
    scale: scaleFor(ctx.view),
    scope,
    active: ctx.activeWord,
    tabStop: ctx.tabStops.get(`${scope}/${result.questionId}`) ?? firstWordKey(result, scope),
    headingLevel: 3 as const,
  };
}

function statements(ctx: ReportContext, words: WordsResult[]) {
  return html`<section
    class="words"
    aria-labelledby="words-heading"
    @keydown=${ctx.words.keydown}
    @focusin=${ctx.words.focusin}
    @pointerover=${ctx.words.pointerover}
  >
    <h2 id="words-heading">The statements, word by word</h2>
    ${legend(scaleFor(ctx.view))}
    ${words.map(
      (w) =>
        html`<div class="words-question">
          ${heatmap(w, heatmapOptions(ctx, 'main', w))}
          ${summaryLists(ctx.view.rows, w.questionId, 'main')}
        </div>`,
    )}
  </section>`;
}

function compare(ctx: ReportContext) {
  const { compare } = ctx.view;
  if (!compare) return nothing;
  const [a, b] = ctx.choices.compare;
  const labels = [groupLabel(a, ctx.survey), groupLabel(b, ctx.survey)];
  const words = compare.map((r) => r.questions.filter((q): q is WordsResult => q.type === 'words'));
  if (!words[0].length) return nothing;
  return html`<section
    class="compare"
    aria-labelledby="compare-heading"
    @keydown=${ctx.words.keydown}
    @focusin=${ctx.words.focusin}
    @pointerover=${ctx.words.pointerover}
  >
    <h2 id="compare-heading">${labels[0]} and ${labels[1]} side by side</h2>
    ${words[0].map(
      (_, qi) =>
        html`<div class="compare-grid">
          ${(['a', 'b'] as const).map(
            (scope, gi) =>
              html`<div class="compare-column" data-group=${scope}>
                <p class="compare-group">
                  <strong>${labels[gi]}</strong>: ${plural(compare[gi].count, 'response')}
                </p>
                ${heatmap(words[gi][qi], heatmapOptions(ctx, scope, words[gi][qi]))}
              </div>`,
          )}
        </div>`,
    )}
  </section>`;
}

function table(ctx: ReportContext, words: WordsResult[], group: string) {
  if (!words.length) return nothing;
  const { view, choices } = ctx;
  return html`<section class="table-section" aria-labelledby="table-heading">
    <h2 id="table-heading">Every word in a table</h2>
    ${wordTable({
      rows: sortRowsFor(view, choices.sort),
      sort: choices.sort,
      caption: `Kept, removed and undecided for each word: ${plural(view.report.count, 'response')} (${group}). Select a column heading to sort.`,
      questionLabels: new Map(words.map((w) => [w.questionId, w.prompt])),
      onSort: (key: SortKey) => ctx.onChoose({ sort: nextSort(choices.sort, key) }),
    })}
  </section>`;
}

function others(ctx: ReportContext) {
  const { report } = ctx.view;
  const scales = report.questions.filter((q) => q.type === 'scale');
  const texts = report.questions.filter((q) => q.type === 'text');
  return html`${
    scales.length
      ? html`<section class="scales" aria-labelledby="scales-heading">
          <h2 id="scales-heading">Scale questions</h2>
          ${scales.map((q) => (q.type === 'scale' ? scaleCounts(q, report.count) : nothing))}
        </section>`
      : nothing
  }
  ${
    texts.length
      ? html`<section class="texts" aria-labelledby="texts-heading">
          <h2 id="texts-heading">Written answers</h2>
          ${texts.map((q) => {
            if (q.type !== 'text') return nothing;
            const query = ctx.searches.get(q.questionId) ?? '';
            return textAnswers({
              result: q,
              query,
              matching: searchAnswers(q.answers, query),
              limit: ctx.limits.get(q.questionId) ?? TEXT_PAGE,
              onSearch: (value) => ctx.onSearch(q.questionId, value),
              onMore: () => ctx.onMore(q.questionId),
            });
          })}
        </section>`
      : nothing
  }`;
}

const scaleCache = new WeakMap<View, number>();
/** One scale for everything a view shows (the group and both compared groups), so shades compare. */
function scaleFor(view: View): number {
  let scale = scaleCache.get(view);
  if (scale === undefined) {
    const rows = [view.rows, ...(view.compare ?? []).map(allRows)].flat();
    scaleCache.set(view, (scale = scaleOf(rows)));
  }
  return scale;
}

const sorted = new WeakMap<View, Map<string, WordRow[]>>();
/** Sorting 500 rows is cheap, but hover re-renders often: remember each view's sorted rows. */
function sortRowsFor(view: View, sort: ViewChoices['sort']) {
  let byKey = sorted.get(view);
  if (!byKey) sorted.set(view, (byKey = new Map()));
  const key = `${sort.key} ${sort.direction}`;
  let rows = byKey.get(key);
  if (!rows) byKey.set(key, (rows = sortRows(view.rows, sort)));
  return rows;
}
