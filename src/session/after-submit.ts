/**
 * What happens at and after Submit, a part of the session: the response is built and queued
 * with its draft removed; delivery news decides the ending (a refusal is never a thank-you);
 * a stuck response is offered as a download; responses from earlier visits are spoken of (the
 * last one on the first step, refused ones with Try again).
 */
import { buildResponse } from '../response/build.js';
import { firstStep, DONE, stepKey } from '../flow/steps.js';
import { reportFault } from '../support/fault.js';
import { deliveryText } from '../text/delivery-text.js';
import { answersAsText } from '../text/answer-text.js';
import { queueAndClearDraft } from './hand-over.js';
import type { SurveyDefinition } from '../definition/schema.js';
import type { DeliveryState } from '../delivery/outbox.js';
import type { SessionCore } from './core.js';
import type { KioskFlow } from './kiosk-flow.js';
import type { DeliveryPort, DraftPort, FilePort } from './ports.js';
import type { Emitter, Ending } from './view.js';

export type AfterSubmit = ReturnType<typeof afterSubmit>;

export function afterSubmit(
  core: SessionCore,
  emit: Emitter,
  {
    deliveries,
    drafts,
    files,
    kiosk,
  }: {
    deliveries: DeliveryPort;
    drafts: Pick<DraftPort, 'clear'>;
    files: FilePort;
    kiosk: KioskFlow;
  },
) {
  /** The id of the response {@link SessionView.previous} speaks of. */
  let previousId: string | undefined;
  /** Delivery news heard on this visit about responses from earlier visits, by id. */
  const heard = new Map<string, DeliveryState>();

  /**
   * Confirmed once sent or waiting to be retried by itself; a retry under way does not take the
   * confirmation back, but Try again after a refusal promises nothing until it is answered.
   */
  const endingAfter = ({ state }: DeliveryState): Ending => {
    const { ending } = core.state;
    if (state === 'refused') return 'refused';
    if (state === 'sent' || state === 'waiting') return 'confirmed';
    return ending === 'refused' ? 'sending' : ending;
  };

  /** News of the response the first step speaks of: "received" replaces "waiting" at once. */
  const updatePrevious = (id: string, delivery: DeliveryState) => {
    const { previous } = core.state;
    if (!previous || id !== previousId) return;
    // A refusal has its own notice (with Try again) instead.
    core.set({ previous: delivery.state === 'refused' ? undefined : { ...previous, delivery } });
  };

  /**
   * A response of this survey from an earlier visit that the endpoint refused stays on the
   * device until someone presses Try again: tell the respondent rather than keep it silently.
   */
  const noteEarlierResponse = (id: string, delivery: DeliveryState) => {
    const previous = core.state.earlierRefused;
    const refused = new Map(previous);
    if (delivery.state === 'refused' && !deliveries.submittedHere(id)) {
      refused.set(id, delivery.status);
    } else {
      refused.delete(id);
    }
    if (refused.size !== previous.size) core.set({ earlierRefused: refused });
  };

  return {
    /** Whether the outbox could keep responses only in memory (lost if the page closes). */
    get inMemoryOnly(): boolean {
      return deliveries.inMemoryOnly;
    },

    /**
     * Builds the response once, queues it and clears the draft (answers already checked). A
     * failure keeps the answers and says so. Never rejects.
     */
    async submit(survey: SurveyDefinition): Promise<void> {
      core.set({ submitError: undefined });
      try {
        const { answers, startedAt, endpoint } = core.state;
        const { collection } = kiosk.settings;
        let response = buildResponse(survey, answers, startedAt, new Date(), collection);
        // Known as ours before it is queued: the outbox reports on it at once.
        core.set({ ending: endpoint ? 'sending' : 'confirmed' });
        if (endpoint) core.set({ submitted: response, delivery: { state: 'queued' } });
        await queueAndClearDraft(
          endpoint ? deliveries : undefined,
          drafts,
          response,
          (submission) => {
            // A draft submitted before (another tab, a restored page) comes back as that response.
            response = submission.response;
            const { delivery, submitted } = core.state;
            const news = submission.response.id === submitted?.id ? delivery : undefined;
            const now = news ?? submission.state;
            core.set({ submitted: response, delivery: now, ending: endingAfter(now) });
          },
        );
        core.set({ answers: {}, startedAt: undefined });
        emit('values-survey-submit', { response });
        core.showStep(DONE, false);
        kiosk.confirmed();
      } catch (error) {
        const message = core.state.strings.submitFailed;
        core.set({ submitted: undefined, delivery: undefined, submitError: message });
        core.focus('error-summary');
        reportFault(error);
        emit('values-survey-error', { kind: 'storage', message });
      }
    },

    /** Try again, for this visit's response that the endpoint refused. */
    retry() {
      const id = core.state.submitted?.id;
      if (!id) return;
      deliveries.retry(id).catch(reportFault);
      // The button goes while it sends: keep focus on the step, not lost to the page.
      core.focus('heading');
    },

    /** Try again, for responses refused on earlier visits. */
    retryEarlier() {
      for (const id of core.state.earlierRefused.keys()) {
        deliveries.retry(id).catch(reportFault);
      }
      core.set({ earlierRefused: new Map() });
    },

    /**
     * Someone came back with no draft: if this device submitted this survey before (on an
     * earlier visit), say where that response stands, on the first step, until they move on.
     * News of its delivery heard meanwhile wins over what the store said when it was read.
     */
    async tellPrevious(survey: SurveyDefinition, signal: AbortSignal) {
      // A preview sends nothing: no need to open the outbox's storage just to say so.
      if (!core.state.endpoint) return;
      const last = await deliveries.lastSubmitted(survey.id);
      const { step, startedAt, submitted } = core.state;
      const untouched = startedAt === undefined && stepKey(step) === stepKey(firstStep(survey));
      // Refused answers have their own notice, with Try again; this visit's own are on screen.
      if (!last || last.where === 'refused' || last.id === submitted?.id) return;
      if (signal.aborted || !untouched || kiosk.settings.kiosk) return;
      const stored: DeliveryState =
        last.where === 'sent' ? { state: 'sent', status: 0 } : { state: 'queued' };
      const delivery = heard.get(last.id) ?? stored;
      if (delivery.state === 'refused') return;
      previousId = last.id;
      core.set({ previous: { completedAt: last.completedAt, delivery } });
    },

    /** Delivery news about one queued response; this session speaks only of its own. */
    onDelivery(id: string, delivery: DeliveryState) {
      const { submitted, strings } = core.state;
      if (id !== submitted?.id) {
        // Kiosk mode moved on to the next person before it arrived: still this element's news.
        if (delivery.state === 'sent' && kiosk.handedOn(id)) {
          emit('values-survey-sent', { id, status: delivery.status });
        }
        heard.set(id, delivery);
        noteEarlierResponse(id, delivery);
        updatePrevious(id, delivery);
        return;
      }
      core.set({ delivery, ending: endingAfter(delivery) });
      if (delivery.state === 'sent') {
        if (core.state.downloadUrl) {
          // Delivered: the copy kept for "Download my answers" is no longer needed.
          files.unlink(core.state.downloadUrl);
          core.set({ downloadUrl: undefined });
        }
        emit('values-survey-sent', { id, status: delivery.status });
        return;
      }
      if (delivery.state !== 'waiting' && delivery.state !== 'refused') return;
      const { downloadUrl, survey } = core.state;
      // Not on a kiosk: the file would stay on a shared device for the next person to find.
      if (!downloadUrl && survey && !kiosk.settings.kiosk) {
        // A copy the respondent can read, with the JSON the Trust needs at the end.
        const text = answersAsText(survey, submitted, strings);
        const file = new Blob([text], { type: 'text/plain;charset=utf-8' });
        core.set({ downloadUrl: files.link(file) });
      }
      emit('values-survey-error', {
        kind: 'delivery',
        message: deliveryText(strings, delivery),
        id,
        status: delivery.status,
      });
    },
  };
}
