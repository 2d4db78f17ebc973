/** "Check your answers": one row per question, each with a change link. */
import { html, nothing } from 'lit';
import type { Question, SurveyDefinition, WordsQuestion } from '../definition/schema.js';
import type { Answer, Answers } from '../response/schema.js';
import { hasContent } from '../flow/answers.js';
import { format, type SurveyStrings } from '../strings.js';
import { choiceLabels, markedStatements, scaleText } from '../text/answer-text.js';

/**
 * The words answer as the statements themselves, with kept words underlined and removed words
 * crossed out, so "our" kept in one statement and removed in another cannot be confused. Screen
 * readers hear "(kept)" or "(removed)" after each decided word.
 */
function wordsSummary(
  question: WordsQuestion,
  answer: Extract<Answer, { type: 'words' }>,
  strings: SurveyStrings,
) {
  return html`<p class="summary-words-key">${strings.checkWordsKey}</p>
    <ul class="summary-statements">
      ${markedStatements(question, answer.decisions).map(
        (tokens) =>
          html`<li>
            ${tokens.map(
              ({ before, word, after, choice }) =>
                html`${before}${
                  choice
                    ? html`<span class="summary-word summary-word--${choice}"
                        >${word}<span class="visually-hidden">
                          (${choice === 'keep' ? strings.keptMark : strings.removedMark})</span
                        ></span
                      >`
                    : word
                }${after} `,
            )}
          </li>`,
      )}
    </ul>`;
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
      return question.type === 'words' ? wordsSummary(question, answer, strings) : nothing;
    case 'choice':
    case 'choices': {
      const labels = choiceLabels(question, answer);
      return labels.length === 1
        ? html`${labels[0]}`
        : html`<ul class="summary-list-values">
            ${labels.map((label) => html`<li>${label}</li>`)}
          </ul>`;
    }
    case 'scale':
      return question.type === 'scale'
        ? scaleText(question, answer.value, strings)
        : String(answer.value);
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
            <dd>
              <button
                type="button"
                class="link-button"
                part="change-link"
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
