/**
 * What the receiver's integrity checks flagged, and the two choices of what to count: with or
 * without the flagged responses, and one way of collecting answers or all. Shown only for a
 * receiver's summary (a file carries no flags).
 */
import { html } from 'lit';
import type { IntegrityCounts } from '../counts.js';
import { plural } from '../format.js';

/** Each reason in words for the Board. */
const REASONS: Record<string, string> = {
  burst: 'many from one device in a short time',
  time: 'completed implausibly fast',
  duplicate: 'the same answers as another response',
};

/** How answers were collected, as the response's `collection` names it. */
const COLLECTIONS: [value: string, label: string][] = [
  ['', 'Every way'],
  ['self', 'On their own device'],
  ['kiosk', 'On a shared tablet (kiosk)'],
  ['assisted', 'With a member of staff'],
  ['paper', 'From a paper form'],
];

export interface IntegrityContext {
  integrity: IntegrityCounts;
  leaveOutFlagged: boolean;
  collection: string;
  onChange: (change: { leaveOutFlagged?: boolean; collection?: string }) => void;
}

export function integrityNote(ctx: IntegrityContext) {
  const { integrity } = ctx;
  const reasons = Object.entries(integrity.reasons)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${n} ${REASONS[reason] ?? reason}`);
  return html`<div class="integrity" part="integrity">
    <p class="integrity-count">
      ${
        integrity.flagged === 0
          ? `None of the ${plural(integrity.responses, 'response')} was flagged by the receiver's checks.`
          : `${integrity.flagged} of ${plural(integrity.responses, 'response')} were flagged by the receiver's checks (${reasons.join('; ')}). They are ${
              ctx.leaveOutFlagged ? 'left out of' : 'counted in'
            } these figures.`
      }
    </p>
    <p class="integrity-choice">
      <label>
        <input
          type="checkbox"
          .checked=${ctx.leaveOutFlagged}
          @change=${(event: Event) =>
            ctx.onChange({ leaveOutFlagged: (event.target as HTMLInputElement).checked })}
        />
        Leave out flagged responses
      </label>
    </p>
    <p class="integrity-choice">
      <label for="collection">How the answers were collected</label>
      <select
        id="collection"
        .value=${ctx.collection}
        @change=${(event: Event) =>
          ctx.onChange({ collection: (event.target as HTMLSelectElement).value })}
      >
        ${COLLECTIONS.map(
          ([value, label]) =>
            html`<option value=${value} ?selected=${value === ctx.collection}>${label}</option>`,
        )}
      </select>
    </p>
  </div>`;
}
