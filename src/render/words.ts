/** `words`: the keep-or-remove word chips, rendered by <values-survey-words>. */
import { html, nothing } from 'lit';
import type { WordsQuestion } from '../definition/schema.js';
import type { WordDecision } from '../response/schema.js';
import { ids, type QuestionView } from './fields.js';

export function renderWords(view: QuestionView<WordsQuestion> & { lang: string | undefined }) {
  const { question, answer, error, onAnswer } = view;
  const decisions = answer?.type === 'words' ? answer.decisions : [];
  // The word chips' parts are exported through <values-survey>, so a page can style them as
  // `values-survey::part(chip)`; their `error` is the survey's `error-message`, as on other
  // questions.
  return html`<div class="field ${error ? 'field--error' : ''}" part="field">
    <values-survey-words
      id=${ids(question).field}
      exportparts="legend, hint, error: error-message, statement, chip, chip-kept, chip-removed, choice, choice-button, tally"
      lang=${view.lang ?? nothing}
      .questionId=${question.id}
      .prompt=${question.prompt}
      .hint=${question.hint}
      .error=${error}
      .required=${question.required}
      .statements=${question.statements}
      .exclude=${question.exclude}
      .decisions=${decisions}
      @words-change=${(event: CustomEvent<{ decisions: WordDecision[] }>) =>
        onAnswer({ type: 'words', decisions: event.detail.decisions })}
    ></values-survey-words>
  </div>`;
}
