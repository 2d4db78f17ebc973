/** `text`: a textarea with a GOV.UK-style character count. */
import { html } from 'lit';
import { live } from 'lit/directives/live.js';
import type { TextQuestion } from '../definition/schema.js';
import { characterCountMessage, maxLengthOf } from '../flow/answers.js';
import { describedBy, errorMessage, hint, ids, optionalMarker } from './fields.js';
import type { QuestionView } from './fields.js';

export interface TextView extends QuestionView<TextQuestion> {
  /** The count as last announced to screen readers (updated after typing pauses). */
  announcedCount: string;
}

export function renderText(view: TextView) {
  const { question, answer, error, strings, onAnswer } = view;
  const value = answer?.type === 'text' ? answer.value : '';
  const max = maxLengthOf(question);
  const field = ids(question).field;
  const countId = `${field}-count`;
  const over = value.length > max;
  return html`<div class="field ${error ? 'field--error' : ''}" part="field">
    <h2 class="heading" part="heading" tabindex="-1" data-step-heading>
      <label for=${field}
        >${question.prompt}${question.required ? '' : optionalMarker(strings)}</label
      >
    </h2>
    ${hint(question)} ${errorMessage(question, error, strings)}
    <textarea
      id=${field}
      name=${question.id}
      rows="5"
      part="textarea"
      class=${over || error ? 'textarea--error' : ''}
      aria-describedby=${describedBy(question, error, `${countId}-static`)}
      aria-invalid=${error ? 'true' : 'false'}
      .value=${live(value)}
      @input=${(event: Event) =>
        onAnswer({ type: 'text', value: (event.target as HTMLTextAreaElement).value })}
    ></textarea>
    <div
      class="character-count ${over ? 'character-count--over' : ''}"
      id="${countId}-static"
      aria-hidden="true"
    >
      ${characterCountMessage(strings, value.length, max)}
    </div>
    <div class="visually-hidden" role="status">${view.announcedCount}</div>
  </div>`;
}
