/** The GOV.UK-style error summary, and the editor-facing definition error. */
import { html } from 'lit';
import type { DefinitionError } from '../definition/errors.js';
import type { SurveyStrings } from '../strings.js';

/** One line of the error summary: a message, linked to its field when it has one. */
export interface ErrorLink {
  /** The id of the field to focus (in this shadow root). */
  fieldId?: string;
  message: string;
}

export function renderErrorSummary(
  errors: readonly ErrorLink[],
  strings: SurveyStrings,
  focusField?: (fieldId: string) => void,
) {
  return html`<div
    class="error-summary"
    part="error-summary"
    role="alert"
    tabindex="-1"
    aria-labelledby="error-summary-title"
    data-error-summary
  >
    <h2 class="error-summary-title" id="error-summary-title">${strings.errorSummaryTitle}</h2>
    <ul class="error-summary-list">
      ${errors.map(({ fieldId, message }) =>
        fieldId
          ? html`<li>
              <a
                href="#${fieldId}"
                @click=${(event: Event) => {
                  // Fragment links cannot reach into a shadow root, so focus the field directly.
                  event.preventDefault();
                  focusField?.(fieldId);
                }}
                >${message}</a
              >
            </li>`
          : html`<li>${message}</li>`,
      )}
    </ul>
  </div>`;
}

/** What an editor sees in place of the survey when the definition is wrong. */
export function renderDefinitionError(error: DefinitionError, strings: SurveyStrings) {
  return html`<div class="definition-error" part="definition-error" role="alert">
    <h2 class="error-summary-title">${strings.definitionErrorTitle}</h2>
    <p>${strings.definitionErrorIntro}</p>
    <ul class="definition-problems">
      ${
        error.problems.length
          ? // Each message is a whole sentence that names its question or field.
            error.problems.map((problem) => html`<li>${problem.message}</li>`)
          : html`<li>${error.message}</li>`
      }
    </ul>
  </div>`;
}
