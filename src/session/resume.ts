/**
 * Resuming a draft, a part of the session: the saved answers are applied when storage answers,
 * settled against what the respondent did meanwhile, and kept in step with other tabs showing
 * the same survey. Nothing waits for this: the survey is usable from its first step meanwhile.
 */
import { answersFor } from '../response/build.js';
import { firstStep, stepFromKey, stepKey } from '../flow/steps.js';
import { hasContent } from '../flow/answers.js';
import { reportFault } from '../support/fault.js';
import type { SurveyDefinition } from '../definition/schema.js';
import type { Draft } from '../storage/drafts.js';
import type { AfterSubmit } from './after-submit.js';
import type { SessionCore } from './core.js';
import type { KioskFlow } from './kiosk-flow.js';
import type { DraftPort, HistoryPort } from './ports.js';

export type Resume = ReturnType<typeof resume>;

export function resume(
  core: SessionCore,
  {
    drafts,
    history,
    kiosk,
    afterSubmit,
  }: {
    drafts: DraftPort;
    history: HistoryPort;
    kiosk: KioskFlow;
    afterSubmit: AfterSubmit;
  },
) {
  return {
    /**
     * Applies the survey's saved draft once storage answers, if the respondent has not answered
     * anything meanwhile: then it resumes where they left off, with the "Welcome back" notice.
     * If they have, their new answers are newer than the draft and stay (they have already
     * replaced it on disk), and a notice says so.
     */
    async restore(survey: SurveyDefinition, signal: AbortSignal) {
      const { draft, notices } = await drafts.open(
        survey.id,
        survey.version,
        core.state.draftMaxAge,
      );
      // Superseded, or the respondent cleared everything meanwhile: nothing to apply.
      if (signal.aborted || !core.state.restoring) return;
      core.set({ restoring: false });
      notices.forEach((notice) => core.addNotice(notice));
      // Submitted meanwhile: the answers on screen were queued and their draft removed.
      if (core.state.step.kind === 'done') return;
      if (kiosk.settings.kiosk) {
        // Never another person's answers: a draft left from before kiosk mode is removed unread.
        if (draft) await drafts.clear();
        return;
      }
      const { startedAt, answers: fresh } = core.state;
      if (!draft) {
        // Perhaps they submitted on an earlier visit, and should hear where that stands. Not
        // waited for: storage slow to answer delays only this notice.
        afterSubmit.tellPrevious(survey, signal).catch(reportFault);
        return;
      }
      // The respondent's own first save read back: no earlier visit to speak of.
      if (draft.startedAt === startedAt) return;
      if (Object.values(fresh).some(hasContent)) {
        core.addNotice('kept');
        // Saved again now that the earlier draft has been read: the store numbers this change
        // after it, so the fresh answers replace it on the device (a save made before the read
        // came second to the earlier visit's later revision).
        core.saveDraft();
        return;
      }
      const answers = answersFor(survey.questions, draft.answers);
      const step = stepFromKey(survey, draft.step);
      const resumed =
        stepKey(step) !== stepKey(firstStep(survey)) || Object.keys(answers).length > 0;
      core.set({ answers, step, startedAt: draft.startedAt });
      if (resumed) core.addNotice('resumed');
      history.replace(survey.id, stepKey(step));
      // Only moved on (Start) before it arrived: that move saved over the draft, so save it back.
      if (startedAt !== undefined) core.saveDraft();
    },

    /** Another tab saved (or cleared: `undefined`) this survey's answers. */
    onRemoteChange(draft: Draft | undefined) {
      const { survey, step } = core.state;
      // A kiosk keeps no drafts: another tab's are nobody's here.
      if (!survey || step.kind === 'done' || kiosk.settings.kiosk) return;
      core.set({
        answers: draft ? answersFor(survey.questions, draft.answers) : {},
        startedAt: draft?.startedAt,
      });
      if (!draft) {
        core.showStep(firstStep(survey), false);
        // Another tab's action: show it, but do not pull focus into this survey.
        core.focus(undefined);
      }
    },
  };
}
