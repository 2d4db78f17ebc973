/** Pieces every question shares: the heading, hint, inline error, and their ids. */
import { html, nothing } from 'lit';
import type { Question } from '../definition/schema.js';
import type { Answer } from '../response/schema.js';
import type { SurveyStrings } from '../strings.js';

/** What a question template needs. Templates render; they never keep state. */
export interface QuestionView<Q extends Question = Question> {
  question: Q;
  answer: Answer | undefined;
  error: string | undefined;
  strings: SurveyStrings;
  /** Called on user input with the new answer (undefined: cleared). */
  onAnswer: (answer: Answer | undefined) => void;
}

/** Ids are per shadow root, so two surveys on one page never collide. */
export const ids = (question: Pick<Question, 'id'>) => ({
  field: `q-${question.id}`,
  hint: `q-${question.id}-hint`,
  error: `q-${question.id}-error`,
});

/** The ids a field is described by: its hint and its error, when present. */
export function describedBy(
  question: Pick<Question, 'id' | 'hint'>,
  error: string | undefined,
  ...extra: string[]
) {
  const { hint, error: errorId } = ids(question);
  const list = [question.hint ? hint : '', error ? errorId : '', ...extra].filter(Boolean);
  return list.length ? list.join(' ') : nothing;
}

/**
 * "(optional)" after a prompt. The space is a no-break space inside the marker: browsers drop a
 * plain space before an element from the accessible name ("remove?(optional)").
 */
const NO_BREAK_SPACE = '\u00a0';

export const optionalMarker = (strings: SurveyStrings) =>
  html`<span class="optional">${NO_BREAK_SPACE}${strings.optional}</span>`;

/** The step heading: the question prompt, focusable so focus can move to it on each step. */
export function promptHeading(question: Question, strings: SurveyStrings) {
  return html`<h2 class="heading" part="heading" tabindex="-1" data-step-heading>
    ${question.prompt}${question.required ? nothing : optionalMarker(strings)}
  </h2>`;
}

export function hint(question: Pick<Question, 'id' | 'hint'>) {
  return question.hint
    ? html`<div class="hint" part="hint" id=${ids(question).hint}>${question.hint}</div>`
    : nothing;
}

/** The inline error, with the same words as the error summary (GOV.UK pattern). */
export function errorMessage(
  question: Question,
  error: string | undefined,
  strings: SurveyStrings,
) {
  return error
    ? html`<p class="error-message" part="error-message" id=${ids(question).error}>
        <span class="visually-hidden">${strings.errorPrefix}</span> ${error}
      </p>`
    : nothing;
}

/** Paragraphs split on blank lines, as the definition's intro and confirmation are written. */
export const paragraphs = (text: string | undefined) =>
  (text ?? '').split(/\n{2,}/).map((p) => (p.trim() ? html`<p>${p}</p>` : nothing));
