/** The whole survey as the session sees it: errors in place of it, notices, and the step. */
import { html, nothing } from 'lit';
import type { SessionView } from '../session/session.js';
import { format } from '../strings.js';
import { renderDone } from './done.js';
import { renderDefinitionError } from './errors.js';
import { renderClearConfirmation, renderNotices } from './notices.js';
import { renderCheck, renderIntro, renderQuestionStep, type StepActions } from './steps.js';

/** Everything the survey's templates call back into. */
export interface SurveyActions extends StepActions {
  /** The form's submit: Start, Continue or Submit, by step. */
  submit(event: SubmitEvent): void;
  askToClear(): void;
  cancelClear(): void;
  clear(): void;
  retry(): void;
  retryEarlier(): void;
}

/** The survey; `lang` is the language of its text (the definition's, else the page's). */
export function renderSurvey(view: SessionView, actions: SurveyActions, lang: string | undefined) {
  const { strings, survey } = view;
  if (view.status === 'error' && view.definitionError) {
    return html`<div class="survey" part="survey">
      ${renderDefinitionError(view.definitionError, strings)}
    </div>`;
  }
  if (view.endpointProblem) {
    return html`<div class="survey" part="survey">
      <div class="definition-error" part="definition-error" role="alert">
        <h2 class="error-summary-title">${strings.definitionErrorTitle}</h2>
        <p>${view.endpointProblem}</p>
      </div>
    </div>`;
  }
  if (view.status === 'loading' || !survey) {
    return html`<div class="survey" part="survey" aria-busy="true">
      <p role="status">${strings.loading}</p>
    </div>`;
  }
  const { step } = view;
  const body =
    step.kind === 'done'
      ? renderDone({
          strings,
          delivery: view.delivery,
          inMemoryOnly: view.inMemoryOnly,
          downloadUrl: view.downloadUrl,
          downloadName: `values-survey-${view.submitted?.id ?? 'answers'}.json`,
          retry: () => actions.retry(),
        })
      : step.kind === 'check'
        ? renderCheck(view, survey, actions)
        : view.question
          ? renderQuestionStep(view, survey, view.question, actions, lang)
          : renderIntro(view, survey);
  return html`<div class="survey" part="survey" lang=${lang ?? nothing}>
    ${renderNotices(view.notices, strings, () => actions.askToClear())}
    ${
      view.earlierRefused.size
        ? html`<div class="notice notice--warning" part="notice">
            <p>
              ${format(strings.earlierNotAccepted, {
                status: [...view.earlierRefused.values()][0],
              })}
            </p>
            <button
              type="button"
              class="link-button"
              part="button button-secondary"
              @click=${() => actions.retryEarlier()}
            >
              ${strings.tryAgain}
            </button>
          </div>`
        : nothing
    }
    ${
      view.confirmingClear
        ? renderClearConfirmation(
            strings,
            () => actions.clear(),
            () => actions.cancelClear(),
          )
        : html`<form novalidate @submit=${(event: SubmitEvent) => actions.submit(event)}>
            ${body}
          </form>`
    }
    ${
      view.canClear
        ? html`<p class="clear">
            <button
              type="button"
              class="link-button"
              part="button button-secondary"
              data-clear
              @click=${() => actions.askToClear()}
            >
              ${strings.clearAnswers}
            </button>
          </p>`
        : nothing
    }
  </div>`;
}
