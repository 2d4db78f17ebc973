/**
 * "Clear my answers", a part of the session: asked first; clearing removes everything the widget
 * keeps on this device, so when that includes responses not yet delivered, the confirmation
 * says so and offers them as a download. On a kiosk it clears this person's answers only.
 */
import { firstStep } from '../flow/steps.js';
import { reportFault } from '../support/fault.js';
import type { SessionCore } from './core.js';
import type { KioskFlow } from './kiosk-flow.js';
import type { DeliveryPort, DraftPort, FilePort } from './ports.js';

export type Clearing = ReturnType<typeof clearing>;

export function clearing(
  core: SessionCore,
  {
    drafts,
    deliveries,
    files,
    kiosk,
  }: {
    drafts: Pick<DraftPort, 'clear'>;
    deliveries: DeliveryPort;
    files: FilePort;
    kiosk: KioskFlow;
  },
) {
  const releaseUnsent = () => {
    const { unsentUrl } = core.state;
    if (unsentUrl) files.unlink(unsentUrl);
    core.set({ unsentUrl: undefined });
  };

  return {
    /** "Clear my answers" (or "Start again"): asks first, at once. */
    ask() {
      core.set({ confirmingClear: true });
      core.focus('heading');
      // A kiosk's Clear is this person's answers only: other people's unsent answers stay queued.
      if (kiosk.settings.kiosk) return;
      deliveries
        .undelivered()
        .then((unsent) => {
          releaseUnsent();
          if (!unsent.length || !core.state.confirmingClear) return;
          const file = new Blob([JSON.stringify(unsent, null, 2)], { type: 'application/json' });
          core.set({ unsentUrl: files.link(file) });
        })
        .catch(reportFault);
    },

    cancel() {
      releaseUnsent();
      core.set({ confirmingClear: false });
      core.focus('clear-button');
    },

    /**
     * Removes everything the widget stored on this device (this survey's draft, telling other
     * tabs; then every other draft and every undelivered response) and starts again.
     */
    async clear(): Promise<void> {
      if (kiosk.settings.kiosk) {
        await kiosk.nextPerson();
        core.addNotice('cleared');
        return;
      }
      // A draft still being read is about to be gone from the device: whichever finishes
      // first, the read or the clear, it must not come back.
      core.set({ restoring: false });
      await drafts.clear();
      await deliveries.clearDevice();
      releaseUnsent();
      core.leaveChange();
      core.set({ answers: {}, startedAt: undefined, earlierRefused: new Map() });
      if (core.state.survey) core.showStep(firstStep(core.state.survey));
      core.addNotice('cleared');
    },
  };
}
