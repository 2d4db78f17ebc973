/** What the respondent is told about where their submitted answers stand. */
import type { DeliveryState } from '../delivery/outbox.js';
import type { SurveyStrings } from '../strings.js';

/**
 * The sentence for a delivery state: undefined is a preview with no endpoint. Shared by the
 * confirmation page and the `values-survey-error` event, so both say the same thing.
 */
export function deliveryText(strings: SurveyStrings, delivery: DeliveryState | undefined): string {
  if (!delivery) return strings.noEndpoint;
  switch (delivery.state) {
    case 'sent':
      return strings.sent;
    case 'refused':
      return strings.notAccepted;
    case 'waiting':
      return delivery.offline ? strings.savedOffline : strings.retrying;
    default:
      return strings.sending;
  }
}
