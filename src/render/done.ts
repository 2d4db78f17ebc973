/** The confirmation step, with where the response stands on its way to the endpoint. */
import { html, nothing } from 'lit';
import type { DeliveryState } from '../session/view.js';
import { format, type SurveyStrings } from '../strings.js';

export interface DoneView {
  strings: SurveyStrings;
  /** Undefined when there is no endpoint: a preview that sends nothing. */
  delivery: DeliveryState | undefined;
  /** The queued response kept only in memory: say it will be lost if the page closes. */
  inMemoryOnly: boolean;
  /** A link to the response as a JSON file, offered while it is stuck. */
  downloadUrl: string | undefined;
  downloadName: string;
  retry: () => void;
}

function statusText(view: DoneView): string {
  const { strings, delivery } = view;
  if (!delivery) return strings.noEndpoint;
  switch (delivery.state) {
    case 'queued':
    case 'sending':
      return strings.sending;
    case 'sent':
      return strings.sent;
    case 'waiting':
      return delivery.offline ? strings.savedOffline : strings.retrying;
    case 'refused':
      return format(strings.notAccepted, { status: delivery.status });
  }
}

export function renderDone(view: DoneView) {
  const { strings, delivery } = view;
  const stuck = delivery?.state === 'waiting' || delivery?.state === 'refused';
  const refused = delivery?.state === 'refused';
  // Two live regions that stay put: screen readers miss a region whose role changes.
  return html`<div class="confirmation" part="confirmation">
      <h2 class="heading" part="heading" tabindex="-1" data-step-heading>
        ${strings.confirmationTitle}
      </h2>
      <p role="status" class="delivery-status">${refused ? '' : statusText(view)}</p>
      <p role="alert" class="delivery-alert">${refused ? statusText(view) : ''}</p>
      ${
        view.inMemoryOnly && delivery?.state !== 'sent'
          ? html`<p>${strings.storageUnavailable}</p>`
          : nothing
      }
    </div>
    ${
      stuck
        ? html`<div class="actions">
            ${
              refused
                ? html`<button
                    type="button"
                    class="button"
                    part="button button-primary"
                    @click=${view.retry}
                  >
                    ${strings.tryAgain}
                  </button>`
                : nothing
            }
            ${
              view.downloadUrl
                ? html`<a href=${view.downloadUrl} download=${view.downloadName} part="download"
                    >${strings.downloadAnswers}</a
                  >`
                : nothing
            }
          </div>`
        : nothing
    }`;
}
