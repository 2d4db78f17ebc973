/** The GOV.UK-style error summary, and the editor-facing definition error. */
import { html, nothing } from 'lit';
import type { SurveyStrings } from '../strings.js';

/**
 * The summary of what stops the respondent going on: `message`, linked to the field it is about
 * (its id in this shadow root), when there is one.
 */
export function renderErrorSummary(strings: SurveyStrings, message: string, fieldId?: string) {
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
      <li>
        ${
          fieldId
            ? html`<a
                href="#${fieldId}"
                @click=${(event: Event) => {
                  // Fragment links cannot reach into a shadow root, so focus the field directly.
                  event.preventDefault();
                  const root = (event.currentTarget as Element).getRootNode() as ShadowRoot;
                  const field = root.getElementById(fieldId);
                  field?.focus();
                  field?.scrollIntoView?.({ block: 'center' });
                }}
                >${message}</a
              >`
            : message
        }
      </li>
    </ul>
  </div>`;
}

/**
 * What an editor sees in place of the survey when the definition (or the endpoint) is wrong:
 * `message` says what happened, `problems` lists each thing to fix.
 */
export function renderDefinitionError(
  strings: SurveyStrings,
  message: string,
  problems?: readonly string[],
) {
  return html`<div class="definition-error" part="definition-error" role="alert">
    <h2 class="error-summary-title">${strings.definitionErrorTitle}</h2>
    <p>${message}</p>
    ${
      problems
        ? html`<ul class="definition-problems">
            ${problems.map((problem) => html`<li>${problem}</li>`)}
          </ul>`
        : nothing
    }
  </div>`;
}
