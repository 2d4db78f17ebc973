/** Notices about the respondent's saved answers, and the "Clear my answers" confirmation. */
import { html, nothing } from 'lit';
import type { NoticeKind } from '../session/view.js';
import { format, type SurveyStrings } from '../strings.js';

const NOTICE_TEXT: Record<NoticeKind, keyof SurveyStrings> = {
  resumed: 'resumed',
  discarded: 'draftDiscarded',
  expired: 'draftExpired',
  'too-large': 'draftTooLarge',
  unavailable: 'storageUnavailable',
  'updated-elsewhere': 'draftUpdatedElsewhere',
  cleared: 'cleared',
  kept: 'draftKept',
};

export function renderNotices(
  notices: readonly NoticeKind[],
  strings: SurveyStrings,
  startAgain: () => void,
  /** How long drafts are kept, for the `expired` notice. */
  maxAgeDays: number,
  /** Another notice in the same live region (where earlier answers stand). */
  more: unknown = nothing,
) {
  // Always present and polite, so a notice added later is announced without moving focus.
  return html`<div role="status">
    ${more}
    ${notices.map(
      (kind) =>
        html`<div
          class="notice ${kind === 'unavailable' || kind === 'too-large' ? 'notice--warning' : ''}"
          part="notice"
        >
          <p>${format(strings[NOTICE_TEXT[kind]], { days: maxAgeDays })}</p>
          ${
            kind === 'resumed'
              ? html`<button
                  type="button"
                  class="link-button"
                  part="button button-secondary"
                  @click=${startAgain}
                >
                  ${strings.startAgain}
                </button>`
              : nothing
          }
        </div>`,
    )}
  </div>`;
}

export function renderClearConfirmation(
  strings: SurveyStrings,
  confirm: () => void,
  cancel: () => void,
  /** A link to undelivered answers that the clear would also remove, if there are any. */
  unsentUrl: string | undefined,
) {
  return html`<div class="notice notice--warning" part="notice clear-confirmation">
    <h2 class="heading" part="heading" tabindex="-1" data-step-heading>${strings.clearAnswers}</h2>
    <p>${strings.clearConfirm}</p>
    ${
      unsentUrl
        ? html`<p>${strings.clearConfirmUnsent}</p>
            <p>
              <a href=${unsentUrl} download="values-survey-unsent-answers.json" part="download"
                >${strings.downloadFirst}</a
              >
            </p>`
        : nothing
    }
    <div class="actions">
      <button type="button" class="button" part="button" @click=${confirm}>
        ${strings.clearConfirmYes}
      </button>
      <button
        type="button"
        class="button button--secondary"
        part="button button-secondary"
        @click=${cancel}
      >
        ${strings.clearConfirmNo}
      </button>
    </div>
  </div>`;
}
