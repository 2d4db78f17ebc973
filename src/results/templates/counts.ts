/** Choice and scale questions as counts: a table with the numbers as text and a bar for each. */
import { html, nothing } from 'lit';
import { width } from './width.js';
import type { ChoiceResult, ScaleResult } from '../aggregate.js';
import { plural, share } from '../format.js';

function countsTable(
  id: string,
  rows: { label: string; count: number }[],
  total: number,
  caption: string,
) {
  const most = Math.max(1, ...rows.map((r) => r.count));
  return html`<table class="counts" part="counts" data-question=${id}>
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        <th scope="col">Answer</th>
        <th scope="col" class="numeric">Responses</th>
        <th scope="col"><span class="visually-hidden">Bar</span></th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          html`<tr>
            <th scope="row">${r.label}</th>
            <td class="numeric">
              ${r.count} <span class="share">(${share(r.count, total)})</span>
            </td>
            <td class="bar-cell" aria-hidden="true">
              <span class="count-bar" ${width(`${(r.count * 100) / most}%`)}></span>
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** A choice question's options with their counts; shares are of all responses in the set. */
export function choiceCounts(result: ChoiceResult, total: number) {
  const rows = [
    ...result.options,
    ...result.unknown.map((u) => ({ ...u, label: `${u.value} (not in this definition)` })),
  ];
  return html`<section class="question-counts">
    ${countsTable(
      result.questionId,
      rows,
      total,
      `${result.prompt} (${plural(result.answered, 'response')} answered${
        result.type === 'choices' ? '; people could choose more than one' : ''
      })`,
    )}
  </section>`;
}

export function scaleCounts(result: ScaleResult, total: number) {
  const mean = result.mean === null ? '' : `; average ${result.mean.toFixed(1)}`;
  return html`<section class="question-counts">
    ${countsTable(
      result.questionId,
      result.points,
      total,
      `${result.prompt} (${plural(result.answered, 'response')} answered${mean})`,
    )}
    ${
      result.outOfRange
        ? html`<p>${plural(result.outOfRange, 'answer')} outside the scale not counted.</p>`
        : nothing
    }
  </section>`;
}
