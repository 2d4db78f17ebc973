/**
 * `scale`: a row of numbered radios, with the end labels shown once below the row and read as
 * part of the end options' names ("1, Not at all").
 */
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ScaleQuestion } from '../definition/schema.js';
import {
  describedBy,
  errorMessage,
  hint,
  ids,
  promptHeading,
  type QuestionView,
} from './fields.js';

export function renderScale(view: QuestionView<ScaleQuestion>) {
  const { question, answer, error, strings, onAnswer } = view;
  const value = answer?.type === 'scale' ? answer.value : undefined;
  const points: number[] = [];
  for (let n = question.min; n <= question.max; n++) points.push(n);
  const endLabel = (n: number) =>
    n === question.min ? question.minLabel : n === question.max ? question.maxLabel : undefined;
  return html`<div class="field ${error ? 'field--error' : ''}" part="field">
    <fieldset aria-describedby=${describedBy(question, error)}>
      <legend>${promptHeading(question, strings)}</legend>
      ${hint(question)} ${errorMessage(question, error, strings)}
      <div class="scale-box">
        <div class="scale" part="scale">
          ${points.map((n, index) => {
            const id = index === 0 ? ids(question).field : `${ids(question).field}-${index}`;
            const label = endLabel(n);
            return html`<div class="scale-point">
              <input
                id=${id}
                type="radio"
                name=${question.id}
                value=${n}
                .checked=${live(value === n)}
                @change=${() => onAnswer({ type: 'scale', value: n })}
              />
              <label for=${id}
                >${n}${label ? html`<span class="visually-hidden">, ${label}</span>` : nothing}</label
              >
            </div>`;
          })}
        </div>
        ${
          // Shown once below the row; each is already in its end point's name.
          question.minLabel || question.maxLabel
            ? html`<div class="scale-ends" aria-hidden="true">
                <span>${question.minLabel}</span><span>${question.maxLabel}</span>
              </div>`
            : nothing
        }
      </div>
    </fieldset>
  </div>`;
}
