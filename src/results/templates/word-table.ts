/**
 * The word table (sortable, one row per word, every share with its 95% interval) and the rankings
 * drawn from it. On a narrow report each row stacks into a card (word, n, kept, removed, lean), so
 * a phone never scrolls the page sideways; explicit table roles keep it a table for screen readers
 * when the CSS turns its rows into blocks.
 */
import { html, nothing } from 'lit';
import { leanFigure, leanWords, shareFigure } from '../format.js';
import { ranked, type Sort, type SortKey, type WordRow } from '../table.js';
import type { GroupDifference } from '../stats.js';
import { points, pointsInterval } from '../stats.js';
import { rowKey } from '../view.js';

const COLUMNS: { key: SortKey | null; label: string; numeric: boolean }[] = [
  { key: 'order', label: 'Statement', numeric: false },
  { key: 'word', label: 'Word', numeric: false },
  { key: null, label: 'Answered (n)', numeric: true },
  { key: 'kept', label: 'Kept', numeric: true },
  { key: 'removed', label: 'Removed', numeric: true },
  { key: 'lean', label: 'Lean (removed − kept)', numeric: true },
];

const excerpt = (text: string) => {
  const words = text.split(/\s+/);
  return words.length > 6 ? `${words.slice(0, 6).join(' ')}…` : text;
};

/** The label a cell shows when the row is stacked (hidden from assistive technology: the header is there). */
const label = (text: string) => html`<span class="cell-label" aria-hidden="true">${text}: </span>`;

export interface TableOptions {
  rows: WordRow[];
  sort: Sort;
  caption: string;
  /** Prompts by question id, when there is more than one words question. */
  questionLabels: Map<string, string>;
  onSort: (key: SortKey) => void;
}

export function wordTable({ rows, sort, caption, questionLabels, onSort }: TableOptions) {
  const many = questionLabels.size > 1;
  return html`<div class="table-scroll" role="region" aria-label="Word table" tabindex="0">
    <table class="words-table" part="table" role="table">
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr role="row">
          ${many ? html`<th scope="col" role="columnheader">Question</th>` : nothing}
          ${COLUMNS.map(
            (c) =>
              html`<th
                scope="col"
                role="columnheader"
                class=${c.numeric ? 'numeric' : ''}
                aria-sort=${c.key && sort.key === c.key ? sort.direction : nothing}
              >
                ${
                  c.key
                    ? html`<button
                        type="button"
                        class="sort"
                        @click=${() => c.key && onSort(c.key)}
                      >
                        ${c.label}<span class="sort-arrow" aria-hidden="true"
                          >${
                            sort.key === c.key ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'
                          }</span
                        >
                      </button>`
                    : c.label
                }
              </th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr role="row" data-row=${rowKey(r)}>
              ${
                many
                  ? html`<td role="cell" class="question-cell">
                      ${questionLabels.get(r.questionId)}
                    </td>`
                  : nothing
              }
              <td role="cell" class="statement-cell">
                ${label('Statement')}${r.statement + 1}. ${excerpt(r.statementText)}
              </td>
              <th scope="row" role="rowheader" class="word-cell">${r.word}</th>
              <td role="cell" class="numeric">${label('Answered')}${r.stats.n}</td>
              <td role="cell" class="numeric">
                ${label('Kept')}${shareFigure(r.kept, r.stats, 'kept')}
              </td>
              <td role="cell" class="numeric">
                ${label('Removed')}${shareFigure(r.removed, r.stats, 'removed')}
              </td>
              <td role="cell" class="numeric lean-cell" data-leans=${r.stats.leans}>
                ${label('Lean')}${leanWords(r.stats)}: ${leanFigure(r.stats)}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

const rankItem = (r: WordRow) =>
  html`<li>
    <strong>${r.word}</strong> (statement ${r.statement + 1}): lean ${leanFigure(r.stats)}; of
    ${r.stats.n} who answered, removed by ${r.removed}, kept by ${r.kept}
  </li>`;

/**
 * "Most clearly removed" and "Most clearly kept": ordered by lean, only words whose interval
 * excludes 0, so the rankings agree with the shading.
 */
export function summaryLists(rows: WordRow[], questionId: string, scope: string) {
  const own = rows.filter((r) => r.questionId === questionId);
  const removed = ranked(own, 'remove');
  const kept = ranked(own, 'keep');
  return html`<div class="summary" part="summary">
    <h4 id="${scope}-removed-${questionId}">Most clearly removed</h4>
    ${
      removed.length
        ? html`<ol aria-labelledby="${scope}-removed-${questionId}">
            ${removed.map(rankItem)}
          </ol>`
        : html`<p>No word leans remove (no lean's 95% interval is above 0).</p>`
    }
    <h4 id="${scope}-kept-${questionId}">Most clearly kept</h4>
    ${
      kept.length
        ? html`<ol aria-labelledby="${scope}-kept-${questionId}">
            ${kept.map(rankItem)}
          </ol>`
        : html`<p>No word leans keep (no lean's 95% interval is below 0).</p>`
    }
    <p class="meta">
      Ordered by lean. A word kept by as many as removed it, or with too few answers to tell, is in
      neither list.
    </p>
  </div>`;
}

/** The words whose difference between two groups holds after the adjustment, largest first. */
export function differenceList(
  rows: readonly WordRow[],
  differences: ReadonlyMap<string, GroupDifference>,
  labels: [string, string],
) {
  const marked = rows
    .flatMap((r) => {
      const d = differences.get(rowKey(r));
      return d?.marked ? [{ r, d }] : [];
    })
    .sort((x, y) => Math.abs(y.d.difference) - Math.abs(x.d.difference));
  if (!marked.length) {
    return html`<p class="differences-none">
      No word's lean differs between ${labels[0]} and ${labels[1]} clearly enough once the number of
      words compared is allowed for.
    </p>`;
  }
  return html`<ul class="differences">
    ${marked.map(
      ({ r, d }) =>
        html`<li>
          <strong>${r.word}</strong> (statement ${r.statement + 1}): ${labels[0]}'s lean is
          ${points(d.difference)} points from ${labels[1]}'s (95% interval
          ${pointsInterval(d.interval)})
        </li>`,
    )}
  </ul>`;
}
