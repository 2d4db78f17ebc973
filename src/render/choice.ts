/** `choice` (radios: one of) and `choices` (checkboxes: any of). */
import { html } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ChoiceQuestion, ChoicesQuestion } from '../definition/schema.js';
import {
  describedBy,
  errorMessage,
  hint,
  ids,
  promptHeading,
  type QuestionView,
} from './fields.js';

export function renderChoice(view: QuestionView<ChoiceQuestion | ChoicesQuestion>) {
  const { question, answer, error, strings, onAnswer } = view;
  const many = question.type === 'choices';
  const selected = new Set(
    answer?.type === 'choices' ? answer.values : answer?.type === 'choice' ? [answer.value] : [],
  );
  const toggle = (input: HTMLInputElement) => {
    if (!many) {
      onAnswer({ type: 'choice', value: input.value });
      return;
    }
    // Read every box as it is now (not as last rendered), in the definition's order.
    const boxes = input.closest('fieldset')?.querySelectorAll<HTMLInputElement>('input:checked');
    const values = [...(boxes ?? [])].map((box) => box.value);
    // "Prefer not to say" and the like cannot be chosen with anything else: the latest wins.
    const exclusive = (value: string) =>
      question.options.some((option) => option.exclusive && option.value === value);
    onAnswer({
      type: 'choices',
      values: !input.checked
        ? values
        : exclusive(input.value)
          ? [input.value]
          : values.filter((value) => !exclusive(value)),
    });
  };
  return html`<div class="field ${error ? 'field--error' : ''}" part="field">
    <fieldset aria-describedby=${describedBy(question, error)}>
      <legend>${promptHeading(question, strings)}</legend>
      ${hint(question)} ${errorMessage(question, error, strings)}
      <div>
        ${question.options.map((option, index) => {
          const id = index === 0 ? ids(question).field : `${ids(question).field}-${index}`;
          const hintId = `${id}-hint`;
          return html`${many && option.exclusive ? html`<p class="divider">${strings.or}</p>` : ''}
            <div class="option">
              <input
                id=${id}
                type=${many ? 'checkbox' : 'radio'}
                name=${question.id}
                value=${option.value}
                .checked=${live(selected.has(option.value))}
                aria-describedby=${option.hint ? hintId : ''}
                @change=${(event: Event) => toggle(event.target as HTMLInputElement)}
              />
              <label for=${id}>${option.label}</label>
              ${option.hint ? html`<div class="option-hint" id=${hintId}>${option.hint}</div>` : ''}
            </div>`;
        })}
      </div>
    </fieldset>
  </div>`;
}
