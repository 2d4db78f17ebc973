/**
 * Issue 23's templates around the steps: what the start page says before anyone begins (how long,
 * anonymity and the device, the contact, the privacy notice), where an earlier response stands
 * for someone who comes back after Submit, and kiosk mode's warning and "Next person".
 */
import { html, nothing } from 'lit';
import { contactHref } from '../definition/defaults.js';
import type { SurveyDefinition } from '../definition/schema.js';
import { estimatedMinutes } from '../flow/estimate.js';
import type { PreviousResponse, SessionView } from '../session/view.js';
import { format, type SurveyStrings } from '../strings.js';

/** Text with `{contact}` replaced by a link to the survey's contact. */
function withContact(template: string, contact: string) {
  const [before, after] = template.split('{contact}');
  return html`${before}<a href=${contactHref(contact)}>${contact.trim()}</a>${after ?? ''}`;
}

/** The start page's plain facts, under the introduction and above Start. */
export function renderStartDetails(view: SessionView, survey: SurveyDefinition) {
  const { strings } = view;
  const minutes = estimatedMinutes(survey);
  return html`<div class="start-details" part="start-details">
    <p>${minutes === 1 ? strings.startTimeOne : format(strings.startTime, { minutes })}</p>
    <p>${view.kiosk ? strings.startKiosk : strings.startAnonymous}</p>
    ${survey.contact ? html`<p>${withContact(strings.startContact, survey.contact)}</p>` : nothing}
    ${
      survey.privacyUrl
        ? html`<p><a href=${survey.privacyUrl.trim()}>${strings.privacyLink}</a></p>`
        : nothing
    }
  </div>`;
}

/**
 * "14:02" in the respondent's local time (en-GB, 24-hour), with the day when it was not today
 * by this device's calendar: "14:02 on 5 December". The time is the one the device recorded.
 */
export function completedTime(completedAt: string, strings: SurveyStrings): string {
  const date = new Date(completedAt);
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  const dayOf = (d: Date) => d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long' });
  const day = dayOf(date);
  return day === dayOf(new Date()) ? time : format(strings.timeOnDay, { time, day });
}

/** Where the earlier response stands, in one sentence. */
function previousText({ completedAt, delivery }: PreviousResponse, strings: SurveyStrings) {
  const time = completedTime(completedAt, strings);
  return format(delivery.state === 'sent' ? strings.returnSent : strings.returnWaiting, { time });
}

/**
 * Where the earlier answers stand, for the notices' live region: it is always present and
 * polite, so "waiting" turning into "received" on this visit is announced without moving focus.
 */
export function renderPrevious({ previous, strings }: SessionView) {
  if (!previous) return nothing;
  return html`<div
    class="notice previous previous--${previous.delivery.state}"
    part="notice previous"
  >
    <p>${previousText(previous, strings)}</p>
  </div>`;
}

/** Kiosk mode: nobody has touched the survey for a while. Focus goes to "I am still here". */
export function renderIdleWarning(view: SessionView, stillHere: () => void) {
  const { strings } = view;
  return html`<div
    class="notice notice--warning kiosk-warning"
    part="notice kiosk-warning"
    role="alert"
  >
    <h2 class="heading">${strings.kioskIdleTitle}</h2>
    <p>${format(strings.kioskIdle, { seconds: view.kioskWarningSeconds })}</p>
    <div class="actions">
      <button
        type="button"
        class="button"
        part="button button-primary"
        data-still-here
        @click=${stillHere}
      >
        ${strings.kioskStillHere}
      </button>
    </div>
  </div>`;
}

/** Kiosk mode, on the confirmation: when it goes back to the start, and "Next person". */
export function renderNextPerson(view: SessionView, nextPerson: () => void) {
  const { strings } = view;
  return html`<div class="kiosk-next" part="kiosk-next">
    <p>${format(strings.kioskReturn, { seconds: view.kioskReturnSeconds })}</p>
    <div class="actions">
      <button type="button" class="button" part="button button-primary" @click=${nextPerson}>
        ${strings.nextPerson}
      </button>
    </div>
  </div>`;
}
