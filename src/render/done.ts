/**
 * The last step: "Sending your answers…" while the first attempt is under way, then the
 * confirmation (what happens next, in the survey's words) once the answers are sent or queued to
 * be sent by themselves, or a problem page when the endpoint refused them.
 */
import { html, nothing } from 'lit';
import { contactHref } from '../definition/defaults.js';
import type { SurveyDefinition } from '../definition/schema.js';
import type { SessionView } from '../session/view.js';
import { deliveryText } from '../text/delivery-text.js';
import { paragraphs } from './fields.js';

/** What to do about a refusal, naming the survey's contact (a link) when it has one. */
function refusedAdvice(strings: SessionView['strings'], survey: SurveyDefinition) {
  if (!survey.contact) return html`<p>${strings.refusedNoContact}</p>`;
  const [before, after] = strings.refusedContact.split('{contact}');
  return html`<p>
    ${before}<a href=${contactHref(survey.contact)}>${survey.contact.trim()}</a>${after ?? ''}
  </p>`;
}

/** Why the answers were not sent: the endpoint's own sentence first when it gave one. */
function refusalText(strings: SessionView['strings'], delivery: SessionView['delivery']) {
  const message = delivery?.state === 'refused' ? delivery.message : undefined;
  return message ? `${message} ${strings.notAccepted}` : strings.notAccepted;
}

/** `retry` is Try again, after a refusal. */
export function renderDone(view: SessionView, survey: SurveyDefinition, retry: () => void) {
  const { strings, delivery, ending, downloadUrl } = view;
  const refused = ending === 'refused';
  const title =
    ending === 'sending'
      ? strings.sending
      : refused
        ? strings.notSentTitle
        : (survey.confirmation?.title ?? strings.confirmationTitle);
  // A readable copy of the answers, offered while they are not delivered.
  const download = downloadUrl
    ? html`<a
        href=${downloadUrl}
        download="my-answers-${view.submitted?.id.slice(0, 8) ?? ''}.txt"
        part="download"
        >${strings.downloadAnswers}</a
      >`
    : nothing;
  // One heading and two live regions that stay put whatever the ending, so focus stays on the
  // heading and each change is announced: screen readers miss a region whose role changes.
  return html`<div class="confirmation confirmation--${ending}" part="confirmation">
      <h2 class="heading" part="heading" tabindex="-1" data-step-heading>${title}</h2>
      <p role="status" class="delivery-status ${ending === 'sending' ? 'visually-hidden' : ''}">
        ${refused ? '' : deliveryText(strings, delivery)}
      </p>
      <p role="alert" class="delivery-alert">${refused ? refusalText(strings, delivery) : ''}</p>
      ${
        view.inMemoryOnly && delivery?.state !== 'sent'
          ? html`<p>${strings.storageUnavailable}</p>`
          : nothing
      }
    </div>
    ${
      refused
        ? html`${refusedAdvice(strings, survey)}
            <div class="actions">
              <button type="button" class="button" part="button button-primary" @click=${retry}>
                ${strings.tryAgain}
              </button>
              ${download}
            </div>`
        : ending === 'confirmed'
          ? html`${download === nothing ? nothing : html`<p>${download}</p>`}
            ${
              survey.confirmation?.body
                ? html`<h3 class="subheading">${strings.whatHappensNext}</h3>
                    ${paragraphs(survey.confirmation.body)}`
                : nothing
            }`
          : nothing
    }
    ${survey.support && ending !== 'sending' ? html`<p class="support">${survey.support}</p>` : nothing}`;
}
