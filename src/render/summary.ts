/** "Check your answers": one row per question, each with a change link. */
import { html } from 'lit';
import type { Question, SurveyDefinition } from '../definition/schema.js';
import type { Answer, Answers } from '../response/schema.js';
import { hasContent } from '../flow/answers.js';
import { format, wordCount, type SurveyStrings } from '../strings.js';

/** The words answer summarised as the kept and removed words, in statement order. */
function wordsSummary(answer: Extract<Answer, { type: 'words' }>, strings: SurveyStrings) {
  const kept = answer.decisions.filter((d) => d.choice === 'keep').map((d) => d.word);
  const removed = answer.decisions.filter((d) => d.choice === 'remove').map((d) => d.word);
  const line = (label: string, words: string[]) =>
    words.length
      ? html`<p class="summary-words">
          <strong>${label} (${wordCount(strings, words.length)}):</strong> ${words.join(', ')}
        </p>`
      : '';
  return html`${line(strings.keptWords, kept)}${line(strings.removedWords, removed)}`;
}

/** How an answer reads on the check page. */
export function answerText(question: Question, answer: Answer | undefined, strings: SurveyStrings) {
  if (!hasContent(answer)) {
    return html`<span class="not-answered"
      >${question.type === 'words' ? strings.noWordsChosen : strings.notAnswered}</span
    >`;
  }
  switch (answer.type) {
    case 'words':
      return wordsSummary(answer, strings);
    case 'choice':
    case 'choices': {
      const values = answer.type === 'choice' ? [answer.value] : answer.values;
      const options =
        question.type === 'choice' || question.type === 'choices' ? question.options : [];
      const labels = values.map((v) => options.find((o) => o.value === v)?.label ?? v);
      return labels.length === 1
        ? html`${labels[0]}`
        : html`<ul class="summary-list-values">
            ${labels.map((label) => html`<li>${label}</li>`)}
          </ul>`;
    }
    case 'scale': {
      const label =
        question.type === 'scale'
          ? answer.value === question.min
            ? question.minLabel
            : answer.value === question.max
              ? question.maxLabel
              : undefined
          : undefined;
      return html`${answer.value}${label ? ` (${label})` : ''}`;
    }
    case 'text':
      return html`<span class="summary-text">${answer.value}</span>`;
  }
}

export function renderCheckAnswers(
  definition: SurveyDefinition,
  answers: Answers,
  strings: SurveyStrings,
  onChange: (questionId: string) => void,
) {
  return html`<h2 class="heading" part="heading" tabindex="-1" data-step-heading>
      ${strings.checkTitle}
    </h2>
    <p>${strings.checkIntro}</p>
    <dl class="summary-list" part="check-answers">
      ${definition.questions.map(
        (question) =>
          html`<div class="summary-row">
            <dt>${question.prompt}</dt>
            <dd class="summary-value">${answerText(question, answers[question.id], strings)}</dd>
            <dd class="summary-action">
              <button
                type="button"
                class="link-button"
                part="change-link"
                data-change=${question.id}
                @click=${() => onChange(question.id)}
              >
                ${strings.change}<span class="visually-hidden">
                  ${format(strings.changeAnswerTo, { prompt: question.prompt })}</span
                >
              </button>
            </dd>
          </div>`,
      )}
    </dl>`;
}
