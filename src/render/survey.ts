/** The whole survey as the session sees it: errors in place of it, notices, and the step. */
import { html, nothing } from 'lit';
import type { SurveyDefinition } from '../definition/schema.js';
import { reportFault } from '../support/fault.js';
import type { SessionActions, SessionView } from '../session/view.js';
import { renderDone } from './done.js';
import { renderDefinitionError } from './errors.js';
import { renderClearConfirmation, renderNotices } from './notices.js';
import { renderIdleWarning, renderNextPerson, renderPrevious } from './start.js';
import { renderCheck, renderIntro, renderQuestionStep } from './steps.js';

const surveyBox = (content: unknown) => html`<div class="survey" part="survey">${content}</div>`;

/** The survey. `lang` is the language of the survey's text (the definition's, else the page's). */
export function renderSurvey(view: SessionView, actions: SessionActions, lang: string | undefined) {
  const { strings, survey, definitionError, endpointProblem } = view;
  if (view.status === 'error' && definitionError) {
    // Each problem is a whole sentence that names its question or field.
    const { problems, message } = definitionError;
    return surveyBox(
      renderDefinitionError(
        strings,
        strings.definitionErrorIntro,
        problems.length ? problems.map((problem) => problem.message) : [message],
      ),
    );
  }
  if (endpointProblem) return surveyBox(renderDefinitionError(strings, endpointProblem));
  if (view.status === 'loading' || !survey) {
    return html`<div class="survey" part="survey" aria-busy="true">
      <p role="status">${strings.loading}</p>
    </div>`;
  }
  return html`<div class="survey" part="survey" lang=${lang ?? nothing}>
    ${renderSteps(view, survey, actions, lang)}
  </div>`;
}

/** The survey in force: notices, the step (or the clear confirmation) and "Clear my answers". */
function renderSteps(
  view: SessionView,
  survey: SurveyDefinition,
  actions: SessionActions,
  lang: string | undefined,
) {
  const { strings, step } = view;
  const nextPerson = () => {
    actions.nextPerson().catch(reportFault);
  };
  const body =
    step.kind === 'done'
      ? html`${renderDone(view, survey, () => actions.retry())}
        ${view.kiosk ? renderNextPerson(view, nextPerson) : nothing}`
      : step.kind === 'check'
        ? renderCheck(view, survey, actions)
        : view.question
          ? renderQuestionStep(view, survey, view.question, actions, lang)
          : renderIntro(view, survey);
  return html`${view.idleWarning ? renderIdleWarning(view, () => actions.stillHere()) : nothing}
  ${renderNotices(
    view.notices,
    strings,
    () => actions.askToClear(),
    view.draftMaxAge,
    renderPrevious(view),
  )}
  ${
    view.earlierRefused.size
      ? html`<div class="notice notice--warning" part="notice">
          <p>${strings.earlierNotAccepted}</p>
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
          () => {
            actions.clear().catch(reportFault);
          },
          () => actions.cancelClear(),
          view.unsentUrl,
        )
      : html`<form
          novalidate
          @submit=${(event: SubmitEvent) => {
            event.preventDefault();
            // Start, Continue or Submit, by step; a failed Submit is shown by the session.
            actions.continue().catch(reportFault);
          }}
        >
          ${body}
        </form>`
  }
  ${
    view.canClear
      ? html`<p>
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
  }`;
}
