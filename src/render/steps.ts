/** The intro, one question's step, and "Check your answers": templates over the session's view. */
import { html, nothing } from 'lit';
import type { Question, SurveyDefinition } from '../definition/schema.js';
import type { Answer } from '../response/schema.js';
import type { SessionActions, SessionView } from '../session/view.js';
import { format } from '../strings.js';
import { renderChoice } from './choice.js';
import { renderErrorSummary } from './errors.js';
import { ids, paragraphs } from './fields.js';
import { renderScale } from './scale.js';
import { renderStartDetails } from './start.js';
import { renderCheckAnswers } from './summary.js';
import { renderText } from './text.js';
import { renderWords } from './words.js';

/** What the step templates call: the session's actions. */
export type StepActions = Pick<SessionActions, 'back' | 'change' | 'answer'>;

const primaryButton = (text: string) =>
  html`<div class="actions">
    <button class="button" part="button button-primary" type="submit">${text}</button>
  </div>`;

function backButton({ canGoBack, strings }: SessionView, actions: StepActions) {
  if (!canGoBack) return nothing;
  return html`<button
    type="button"
    class="link-button"
    part="button button-secondary"
    @click=${() => actions.back()}
  >
    ${strings.back}
  </button>`;
}

function previewNotice(view: SessionView) {
  return view.preview
    ? html`<p class="notice" part="notice">${view.strings.noEndpoint}</p>`
    : nothing;
}

export function renderIntro(view: SessionView, survey: SurveyDefinition) {
  const { strings } = view;
  return html`<h2 class="heading" part="heading" tabindex="-1" data-step-heading>
      ${survey.title}
    </h2>
    ${paragraphs(survey.intro)} ${renderStartDetails(view, survey)} ${previewNotice(view)}
    ${primaryButton(view.previous ? strings.startNew : strings.start)}`;
}

export function renderCheck(view: SessionView, survey: SurveyDefinition, actions: StepActions) {
  const { strings } = view;
  return html`${backButton(view, actions)}
  ${view.submitError ? renderErrorSummary(strings, view.submitError) : nothing}
  ${renderCheckAnswers(survey, view.answers, strings, (id) => actions.change(id))}
  ${previewNotice(view)} ${primaryButton(strings.submit)}`;
}

export function renderQuestionStep(
  view: SessionView,
  survey: SurveyDefinition,
  question: Question,
  actions: StepActions,
  lang: string | undefined,
) {
  const { strings, error } = view;
  const field = {
    answer: view.answers[question.id],
    error,
    strings,
    onAnswer: (answer: Answer | undefined) => actions.answer(question.id, answer),
  };
  let body;
  switch (question.type) {
    case 'words':
      body = renderWords({ ...field, question, lang });
      break;
    case 'choice':
    case 'choices':
      body = renderChoice({ ...field, question });
      break;
    case 'scale':
      body = renderScale({ ...field, question });
      break;
    case 'text':
      body = renderText({ ...field, question, announcedCount: view.announcedCount });
      break;
  }
  return html`${backButton(view, actions)}
    ${
      // With no intro page there is nowhere else to see which survey this is.
      survey.intro ? nothing : html`<p class="caption" part="caption">${survey.title}</p>`
    }
    <p class="progress" part="progress">
      ${format(strings.progress, {
        n: survey.questions.indexOf(question) + 1,
        total: survey.questions.length,
      })}
    </p>
    ${error ? renderErrorSummary(strings, error, ids(question).field) : nothing} ${body}
    ${primaryButton(strings.continue)}`;
}
