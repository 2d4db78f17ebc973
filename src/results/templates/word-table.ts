/** The word table (sortable, one row per word) and the summary lists drawn from it. */
import { html, nothing } from 'lit';
import { share } from '../format.js';
import { mostOften, type Sort, type SortKey, type WordRow } from '../table.js';

const COLUMNS: { key: SortKey; label: string; numeric: boolean }[] = [
  { key: 'order', label: 'Statement', numeric: false },
  { key: 'word', label: 'Word', numeric: false },
  { key: 'kept', label: 'Kept', numeric: true },
  { key: 'removed', label: 'Removed', numeric: true },
  { key: 'undecided', label: 'Undecided', numeric: true },
];

const excerpt = (text: string) => {
  const words = text.split(/\s+/);
  return words.length > 6 ? `${words.slice(0, 6).join(' ')}…` : text;
};

const figure = (n: number, total: number) =>
  html`${n} <span class="share">(${share(n, total)})</span>`;

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
    <table class="words-table" part="table">
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          ${many ? html`<th scope="col">Question</th>` : nothing}
          ${COLUMNS.map(
            (c) =>
              html`<th
                scope="col"
                class=${c.numeric ? 'numeric' : ''}
                aria-sort=${sort.key === c.key ? sort.direction : 'none'}
              >
                <button type="button" class="sort" @click=${() => onSort(c.key)}>
                  ${c.label}<span class="sort-arrow" aria-hidden="true"
                    >${sort.key === c.key ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}</span
                  >
                </button>
              </th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr>
              ${many ? html`<td>${questionLabels.get(r.questionId)}</td>` : nothing}
              <td>${r.statement + 1}. ${excerpt(r.statementText)}</td>
              <th scope="row">${r.word}</th>
              <td class="numeric">${figure(r.kept, r.total)}</td>
              <td class="numeric">${figure(r.removed, r.total)}</td>
              <td class="numeric">${figure(r.undecided, r.total)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

const summaryItem = (r: WordRow, choice: 'kept' | 'removed') =>
  html`<li>
    <strong>${r.word}</strong> (statement ${r.statement + 1}): ${choice} by ${r[choice]} of
    ${r.total} (${share(r[choice], r.total)})
  </li>`;

/** "Most often removed: ..." and "Most often kept: ..." */
export function summaryLists(rows: WordRow[], questionId: string, scope: string) {
  const own = rows.filter((r) => r.questionId === questionId);
  const removed = mostOften(own, 'removed');
  const kept = mostOften(own, 'kept');
  return html`<div class="summary" part="summary">
    <h4 id="${scope}-removed-${questionId}">Most often removed</h4>
    ${
      removed.length
        ? html`<ol aria-labelledby="${scope}-removed-${questionId}">
            ${removed.map((r) => summaryItem(r, 'removed'))}
          </ol>`
        : html`<p>No word was removed.</p>`
    }
    <h4 id="${scope}-kept-${questionId}">Most often kept</h4>
    ${
      kept.length
        ? html`<ol aria-labelledby="${scope}-kept-${questionId}">
            ${kept.map((r) => summaryItem(r, 'kept'))}
          </ol>`
        : html`<p>No word was kept.</p>`
    }
  </div>`;
}
