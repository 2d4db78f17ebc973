/**
 * The report itself, once the responses are read: header, controls, who answered, the statements,
 * two groups side by side, the table, scale questions and written answers. Pure templates over
 * the computed view and the owner's choices; the element passes in what it keeps and handles.
 */
import { html, nothing } from 'lit';
import type { SurveyDefinition } from '../../definition/schema.js';
import type { Report, WordsResult } from '../aggregate.js';
import { formatDate, formatRange, plural } from '../format.js';
import type { InvalidResponse } from '../read.js';
import { FALSE_DISCOVERY_RATE } from '../stats.js';
import { allRows, nextSort, sortRows, type SortKey, type WordRow } from '../table.js';
import { searchAnswers, type View, type ViewChoices } from '../view.js';
import { boardSummary } from './board.js';
import { controls } from './controls.js';
import { choiceCounts, scaleCounts } from './counts.js';
import { firstWordKey, heatmap, legend } from './heatmap.js';
import { integrityNote, type IntegrityContext } from './integrity.js';
import { fileOpener, invalidList } from './source.js';
import { textAnswers } from './text-answers.js';
import { differenceList, summaryLists, wordTable } from './word-table.js';

/** How many written answers show at first, and how many more each "Show more" adds. */
export const TEXT_PAGE = 100;

export interface ReportContext {
  view: View;
  survey: SurveyDefinition;
  choices: ViewChoices;
  invalid: readonly InvalidResponse[];
  /** The receiver's integrity flags and what is counted; absent for a file. */
  integrity?: IntegrityContext;
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

/** The sentence every view shows in place of a group too small to break down. */
export const tooFew = (minGroup: number) =>
  `Fewer than ${minGroup} people: not shown, to protect their privacy and because so few answers say little.`;

export function report(ctx: ReportContext) {
  const { view, survey } = ctx;
  const { selection } = view;
  const filtered = Boolean(ctx.choices.filter);
  const today = formatDate(new Date());
  const shown = selection.report;
  return html`
    <header class="report-header">
      <h2 class="title">Results: ${survey.title}</h2>
      <p class="print-only">Prepared ${today}.</p>
      <p class="headline">
        <strong>${plural(selection.count, 'response')}</strong>${
          filtered
            ? html` from ${selection.label} (of ${plural(view.versionCount, 'response')})`
            : nothing
        }${
          shown?.count
            ? html`, completed ${formatRange(shown.firstCompleted, shown.lastCompleted)}`
            : nothing
        }.
      </p>
      ${invalidList(ctx.invalid)} ${ctx.integrity ? integrityNote(ctx.integrity) : nothing}
      ${
        view.versionMatches
          ? nothing
          : html`<p class="warning" role="note">
              These responses are for ${view.version?.surveyId} version ${view.version?.version},
              but the definition is ${survey.id} version ${survey.version}: words may not line up.
            </p>`
      }
      ${
        shown?.mismatchedAnswers
          ? html`<p class="warning">
              ${plural(shown.mismatchedAnswers, 'answer')} of another type than the definition's
              question were not counted.
            </p>`
          : nothing
      }
    </header>
    ${controls({
      view,
      survey,
      choices: ctx.choices,
      onChoose: ctx.onChoose,
      onExport: ctx.onExport,
      canExport: Boolean(shown),
    })}
    ${body(ctx, shown, filtered)}
    <div class="quiet-file">${fileOpener(ctx.onFile, false)}</div>
  `;
}

function body(ctx: ReportContext, shown: Report | null, filtered: boolean) {
  const { view } = ctx;
  if (view.selection.count === 0) {
    return html`<p class="empty">
      There are no responses${filtered ? ` from ${view.selection.label}` : ''} yet.
    </p>`;
  }
  if (!shown) {
    return html`<p class="suppressed" role="note">${tooFew(view.minGroup)}</p>
      ${compare(ctx)}`;
  }
  const words = shown.questions.filter((q): q is WordsResult => q.type === 'words');
  return html`
    ${boardSummary({ view, survey: ctx.survey, report: shown, words })} ${who(view, shown)}
    ${words.length ? statements(ctx, words) : nothing} ${compare(ctx)} ${table(ctx, words)}
    ${others(ctx, shown)}
  `;
}

function who(view: View, report: Report) {
  return html`<section class="who" aria-labelledby="who-heading">
    <h2 id="who-heading">Who answered</h2>
    ${report.questions.map((q) =>
      q.type === 'choice' || q.type === 'choices' ? choiceCounts(q, report.count) : nothing,
    )}
    <p class="meta">
      Groups of fewer than ${view.minGroup} people are counted here but never broken down.
    </p>
  </section>`;
}

function heatmapOptions(ctx: ReportContext, scope: string, result: WordsResult) {
  return {
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
    ${legend()}
    ${words.map((w) => {
      const n = w.answered;
      return html`<div class="words-question">
        ${
          n >= ctx.view.minGroup
            ? html`${heatmap(w, heatmapOptions(ctx, 'main', w))}
              ${summaryLists(ctx.view.rows, w.questionId, 'main')}`
            : html`<h3>${w.prompt}</h3>
                <p class="suppressed">${tooFew(ctx.view.minGroup)}</p>`
        }
      </div>`;
    })}
  </section>`;
}

function compare(ctx: ReportContext) {
  const { compare } = ctx.view;
  if (!compare) return nothing;
  const [a, b] = compare.sets;
  const labels: [string, string] = [a.label, b.label];
  const reports = [a.report, b.report];
  const heading = html`<h2 id="compare-heading">${labels[0]} and ${labels[1]} side by side</h2>`;
  const wordsOf = (r: Report | null) =>
    r ? r.questions.filter((q): q is WordsResult => q.type === 'words') : [];
  const [wa, wb] = reports.map(wordsOf);
  return html`<section
    class="compare"
    aria-labelledby="compare-heading"
    @keydown=${ctx.words.keydown}
    @focusin=${ctx.words.focusin}
    @pointerover=${ctx.words.pointerover}
  >
    ${heading}
    ${
      !reports[0] || !reports[1]
        ? html`<p class="suppressed" role="note">
            ${[a, b]
              .filter((s) => !s.report)
              .map((s) => `${s.label}: ${plural(s.count, 'person', 'people')}. `)}${tooFew(
              ctx.view.minGroup,
            )}
          </p>`
        : html`<div class="compare-differences">
              <h3>Where the two groups differ</h3>
              ${differenceList(allRows(reports[0]), compare.differences, labels)}
              <p class="meta">
                ${plural(compare.compared, 'word')} compared at once, so some would differ by
                chance: a difference is listed only when it holds after the Benjamini–Hochberg
                adjustment (false discovery rate ${Math.round(FALSE_DISCOVERY_RATE * 100)}%). The
                interval shown is each word's own 95% interval of the difference in lean, in points.
              </p>
            </div>
            ${wa.map(
              (_, qi) =>
                html`<div class="compare-grid">
                  ${(['a', 'b'] as const).map((scope, gi) => {
                    const w = (gi === 0 ? wa : wb)[qi];
                    return html`<div class="compare-column" data-group=${scope}>
                      <p class="compare-group">
                        <strong>${labels[gi]}</strong>:
                        ${plural(compare.sets[gi].count, 'response')}
                      </p>
                      ${
                        !w
                          ? nothing
                          : w.answered >= ctx.view.minGroup
                            ? heatmap(w, { ...heatmapOptions(ctx, scope, w), headingLevel: 4 })
                            : html`<h4>${w.prompt}</h4>
                                <p class="suppressed">${tooFew(ctx.view.minGroup)}</p>`
                      }
                    </div>`;
                  })}
                </div>`,
            )}`
    }
  </section>`;
}

function table(ctx: ReportContext, words: WordsResult[]) {
  if (!words.length) return nothing;
  const { view, choices } = ctx;
  return html`<section class="table-section" aria-labelledby="table-heading">
    <h2 id="table-heading">Every word in a table</h2>
    ${wordTable({
      rows: sortRowsFor(view, choices.sort),
      sort: choices.sort,
      caption: `Kept, removed and lean for each word, ${view.selection.label}: shares are of the people who answered the question, each with its 95% interval. Select a column heading to sort.`,
      questionLabels: new Map(words.map((w) => [w.questionId, w.prompt])),
      onSort: (key: SortKey) => ctx.onChoose({ sort: nextSort(choices.sort, key) }),
    })}
  </section>`;
}

function others(ctx: ReportContext, report: Report) {
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
