/**
 * Kiosk mode's rules (issue 23), a part of the session: what each of the kiosk's moments means.
 * The idle clock restarts on input; the warning comes, then this person's answers go; after the
 * confirmation, the survey returns to its start for the next person. Settings and the timer
 * itself are in kiosk.ts.
 */
import { firstStep, stepKey } from '../flow/steps.js';
import { hasContent } from '../flow/answers.js';
import { reportFault } from '../support/fault.js';
import { KioskTimer, kioskSettings, type KioskOptions } from './kiosk.js';
import type { SessionCore } from './core.js';
import type { DraftPort, FilePort, HistoryPort } from './ports.js';

export type KioskFlow = ReturnType<typeof kioskFlow>;

export function kioskFlow(
  core: SessionCore,
  drafts: Pick<DraftPort, 'clear'>,
  history: HistoryPort,
  files: FilePort,
) {
  const timer = new KioskTimer(
    // Nobody has touched the survey for a while.
    () => {
      core.set({ idleWarning: true });
      core.focus('still-here');
    },
    () => {
      flow.nextPerson().catch(reportFault);
    },
  );
  /** Responses submitted here, not yet sent, when the next person started. */
  const handedOn = new Set<string>();

  const flow = {
    /** Off unless `mode="kiosk"`. */
    settings: kioskSettings({
      mode: null,
      collection: null,
      kioskReturnAfter: 0,
      kioskIdleAfter: 0,
      kioskWarningFor: 0,
    }),

    /**
     * Kiosk mode and how responses are collected (the element's `mode`, `collection` and
     * `kiosk-*` attributes). Turning kiosk mode on keeps no draft from then on.
     */
    configure(options: KioskOptions) {
      flow.settings = kioskSettings(options);
      // Never the earlier visit's response: on a kiosk it would be someone else's.
      core.set(flow.settings.kiosk ? { previous: undefined } : {});
      flow.resume();
    },

    /** Starts the pause that fits the step: after the confirmation, or the idle clock. */
    resume() {
      if (core.state.step.kind === 'done') flow.confirmed();
      else flow.arm();
    },

    /** The element left the page. */
    stop() {
      timer.stop();
    },

    /**
     * The idle clock starts again (the warning, if shown, goes), once someone has started;
     * nothing to clear before that.
     */
    arm() {
      const { step, startedAt, answers, idleWarning } = core.state;
      if (idleWarning) core.set({ idleWarning: false });
      const started = startedAt !== undefined || Object.values(answers).some(hasContent);
      if (!flow.settings.kiosk || step.kind === 'done' || !started) {
        if (step.kind !== 'done') timer.stop();
        return;
      }
      timer.idle(flow.settings.idleAfterSeconds, flow.settings.warningForSeconds);
    },

    /** On the confirmation: back to the start after the pause. */
    confirmed() {
      if (flow.settings.kiosk) timer.afterConfirmation(flow.settings.returnAfterSeconds);
    },

    /** Input of any kind (a key, a tap, typing): the idle clock starts again. */
    noteActivity() {
      if (flow.settings.kiosk && core.state.step.kind !== 'done') flow.arm();
    },

    /** "I am still here" on the warning. */
    stillHere() {
      flow.arm();
      core.focus('heading');
    },

    /**
     * Whether `id` was submitted by someone before the next person started (then its delivery
     * is still this element's news); forgets it.
     */
    handedOn(id: string): boolean {
      return handedOn.delete(id);
    },

    /**
     * "Next person", the automatic return after the confirmation, or the idle clear. This
     * person's answers go from the screen and from the device's draft; a response they
     * submitted stays in the outbox until it is delivered. The survey starts again at its start.
     */
    async nextPerson(): Promise<void> {
      const { survey, downloadUrl, unsentUrl, submitted, delivery } = core.state;
      if (submitted && delivery?.state !== 'sent') handedOn.add(submitted.id);
      timer.stop();
      if (downloadUrl) files.unlink(downloadUrl);
      if (unsentUrl) files.unlink(unsentUrl);
      core.leaveChange();
      core.set({
        answers: {},
        startedAt: undefined,
        submitted: undefined,
        delivery: undefined,
        ending: 'confirmed',
        downloadUrl: undefined,
        unsentUrl: undefined,
        confirmingClear: false,
        idleWarning: false,
        previous: undefined,
      });
      if (survey) {
        core.showStep(firstStep(survey), false);
        history.replace(survey.id, stepKey(core.state.step));
      }
      // Nothing is saved in kiosk mode, but a draft from before it was turned on must not stay.
      await drafts.clear();
    },
  };
  return flow;
}
