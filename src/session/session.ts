/**
 * The survey's state and rules in one place, with no DOM and no templates: which definition is
 * in force, the current step, the answers and their validation, "return to Check your answers
 * after a change", the notices, browser Back, the submit sequence and what became of the
 * response. The element renders {@link SurveySession.view} and calls the actions; the session
 * asks its host to update after every change.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
// Import order decides the bundle's order (see values-survey.ts): storage and delivery first,
// the definition and the strings last, next to the templates that read them.
import { answersFor, buildResponse } from '../response/build.js';
import { DeliveryController } from '../controllers/delivery.js';
import { endpointProblem } from '../delivery/send.js';
import { DEFAULT_TIMEOUT_MS } from '../delivery/send.js';
import { DraftController } from '../controllers/drafts.js';
import { HistorySync } from '../controllers/history.js';
import {
  CHECK,
  DONE,
  firstStep,
  INTRO,
  nextStep,
  previousStep,
  questionFor,
  questionStep,
  stepFromKey,
  stepKey,
  stepsOf,
  type Step,
} from '../flow/steps.js';
import { reportFault } from '../support/fault.js';
import { deliveryText } from '../text/delivery-text.js';
import { queueAndClearDraft } from './hand-over.js';
import { KioskTimer, kioskSettings, type KioskOptions, type KioskSettings } from './kiosk.js';
// Pure text, no templates: the readable copy of the answers offered for download.
import { answersAsText } from '../text/answer-text.js';
import { DefinitionError } from '../definition/errors.js';
import { definitionAtHand, fetchDefinition, type DefinitionSources } from '../definition/load.js';
import {
  characterCountMessage,
  hasContent,
  maxLengthOf,
  validateAnswer,
  withAnswer,
} from '../flow/answers.js';
import { DEFAULT_STRINGS, format, mergeStrings, type SurveyStrings } from '../strings.js';
import type { Question, SurveyDefinition } from '../definition/schema.js';
import type { DeliveryState } from '../delivery/outbox.js';
import type { Answer } from '../response/schema.js';
import type { DraftNotice } from '../storage/drafts.js';
import type {
  DeliveryOptions,
  Emitter,
  Ending,
  FocusTarget,
  NoticeKind,
  SessionView,
} from './view.js';

export type * from './view.js';

/** How long typing must pause before the character count is read out. */
const COUNT_ANNOUNCE_DELAY_MS = 1000;

type State = Omit<
  SessionView,
  | 'question'
  | 'canClear'
  | 'canGoBack'
  | 'preview'
  | 'inMemoryOnly'
  | 'kiosk'
  | 'kioskReturnSeconds'
  | 'kioskWarningSeconds'
> & {
  endpoint?: string;
  startedAt?: string;
};

const CREDENTIALS = ['omit', 'same-origin', 'include'] as const;

export class SurveySession implements ReactiveController {
  #state: State = {
    status: 'loading',
    strings: DEFAULT_STRINGS,
    step: INTRO,
    answers: {},
    announcedCount: '',
    notices: [],
    confirmingClear: false,
    ending: 'confirmed',
    draftMaxAge: 30,
    earlierRefused: new Map(),
    restoring: false,
    idleWarning: false,
  };
  /** The `strings` property: wins over the definition's. */
  #overrides: Partial<SurveyStrings> | undefined;
  /** Set when the respondent came from "Check your answers" to change one answer. */
  #returnToCheck = false;
  #submitting = false;
  #focus: FocusTarget | undefined;
  #load: AbortController | undefined;
  #countTimer: ReturnType<typeof setTimeout> | undefined;
  /** Kiosk mode's settings (off unless `mode="kiosk"`) and its timer. */
  #kiosk: KioskSettings = kioskSettings({
    mode: null,
    collection: null,
    kioskReturnAfter: 0,
    kioskIdleAfter: 0,
    kioskWarningFor: 0,
  });
  readonly #kioskTimer = new KioskTimer(
    () => this.#warnIdle(),
    () => {
      this.#nextPerson().catch(reportFault);
    },
  );
  /** Kiosk mode: responses submitted here, not yet sent, when the next person started. */
  readonly #handedOn = new Set<string>();
  /** The id of the response {@link SessionView.previous} speaks of. */
  #previousId: string | undefined;
  /** Delivery news heard on this visit about responses from earlier visits, by id. */
  readonly #heard = new Map<string, DeliveryState>();

  readonly #history: HistorySync;
  readonly #drafts: DraftController;
  readonly #deliveries: DeliveryController;

  readonly #host: ReactiveControllerHost;
  readonly #emit: Emitter;

  constructor(host: ReactiveControllerHost, emit: Emitter) {
    this.#host = host;
    this.#emit = emit;
    host.addController(this);
    this.#history = new HistorySync(host, (key) => this.#onHistory(key));
    this.#drafts = new DraftController(host, {
      onRemoteChange: (draft) => {
        const { survey, step } = this.#state;
        // A kiosk keeps no drafts: another tab's are nobody's here.
        if (!survey || step.kind === 'done' || this.#kiosk.kiosk) return;
        this.#set({
          answers: draft ? answersFor(survey.questions, draft.answers) : {},
          startedAt: draft?.startedAt,
        });
        if (!draft) {
          this.#showStep(firstStep(survey), false);
          // Another tab's action: show it, but do not pull focus into this survey.
          this.#focus = undefined;
        }
      },
      onNotice: (notice) => this.#addNotice(notice),
    });
    this.#deliveries = new DeliveryController(host, (id, state) => this.#onDelivery(id, state));
  }

  /** The state to render. A new object after every change; never mutated. */
  get view(): SessionView {
    const state = this.#state;
    const { survey, step } = state;
    const done = step.kind === 'done';
    return {
      ...state,
      question: survey && questionFor(survey, step),
      canGoBack: !!survey && !done && stepKey(step) !== stepKey(firstStep(survey)),
      canClear:
        !done &&
        !state.confirmingClear &&
        (state.startedAt !== undefined || Object.values(state.answers).some(hasContent)),
      preview: !state.endpoint,
      inMemoryOnly: this.#deliveries.inMemoryOnly,
      kiosk: this.#kiosk.kiosk,
      kioskReturnSeconds: this.#kiosk.returnAfterSeconds,
      kioskWarningSeconds: this.#kiosk.warningForSeconds,
    };
  }

  /** Where focus should go after this render, once: the element asks after each update. */
  takeFocus(): FocusTarget | undefined {
    const target = this.#focus;
    this.#focus = undefined;
    return target;
  }

  hostDisconnected() {
    this.#load?.abort();
    clearTimeout(this.#countTimer);
    this.#kioskTimer.stop();
  }

  hostConnected() {
    // Moved or re-added: the kiosk's pause starts again rather than being lost.
    if (this.#state.step.kind === 'done') this.#afterConfirmation();
    else this.#armKiosk();
    // Moved or re-added while the saved answers were being read: that read was abandoned.
    const { survey, status, restoring } = this.#state;
    if (survey && status === 'ready' && restoring && this.#load?.signal.aborted) {
      this.#load = new AbortController();
      this.#restore(survey, this.#load.signal).catch(reportFault);
    }
  }

  // --- Configuration -----------------------------------------------------------------------

  /**
   * Works out which definition is in force and switches to it; a load still running is
   * abandoned. A definition at hand (property, child script, built-in) is in force before this
   * returns, so the element's current render shows it; only a `src` shows "Loading…" first.
   * Resolves once the survey's saved answers have been read and applied (or set aside: see
   * {@link SessionView.restoring}). Never rejects: a definition that cannot be used is shown
   * and reported.
   */
  load(sources: DefinitionSources, timeoutMs: number, draftMaxAge: number): Promise<void> {
    this.#load?.abort();
    const controller = new AbortController();
    this.#load = controller;
    const { signal } = controller;
    const strings = mergeStrings(this.#overrides);
    this.#set({ draftMaxAge });
    const fail = async (caught: unknown) => {
      // Anything but a DefinitionError is a fault in the widget.
      const error =
        caught instanceof DefinitionError ? caught : new DefinitionError(String(caught));
      const explained = await error.explained();
      if (!signal.aborted) this.#fail(explained);
    };
    try {
      const survey = definitionAtHand(sources, strings);
      if (survey) return this.#use(survey, signal).catch(fail);
    } catch (caught) {
      return fail(caught);
    }
    this.#set({ status: 'loading' });
    return fetchDefinition(sources.src ?? '', strings, signal, timeoutMs, sources.named)
      .then((survey) => (signal.aborted ? undefined : this.#use(survey, signal)))
      .catch(fail);
  }

  /** A definition that cannot be used: shown in place of the survey and reported, never half a survey. */
  #fail(error: DefinitionError) {
    this.#set({ status: 'error', survey: undefined, definitionError: error, restoring: false });
    console.error(`values-survey: ${error.message}`);
    this.#emit('values-survey-error', {
      kind: 'definition',
      message: error.message,
      problems: error.problems,
    });
  }

  /** The `strings` property changed. */
  setStrings(overrides: Partial<SurveyStrings> | undefined) {
    this.#overrides = overrides;
    this.#set({ strings: mergeStrings(this.#state.survey?.strings, overrides) });
  }

  /** Points delivery at the endpoint; one that cannot be a web address is shown and reported. */
  configureDelivery({ endpoint, credentials, headers, sendTimeout }: DeliveryOptions) {
    const problem = endpoint ? endpointProblem(endpoint) : undefined;
    const { strings } = this.#state;
    const shownProblem =
      problem?.kind === 'credentials'
        ? format(strings.endpointCredentials, { endpoint: problem.shown })
        : problem
          ? format(strings.endpointInvalid, { endpoint: endpoint ?? '' })
          : undefined;
    this.#set({ endpoint: endpoint ?? undefined, endpointProblem: shownProblem });
    if (shownProblem) {
      console.error(`values-survey: ${shownProblem}`);
      this.#emit('values-survey-error', { kind: 'delivery', message: shownProblem });
    }
    this.#deliveries.configure(
      endpoint && !problem
        ? {
            endpoint,
            send: {
              credentials: CREDENTIALS.find((value) => value === credentials) ?? 'omit',
              headers,
              timeoutMs: sendTimeout > 0 ? sendTimeout : DEFAULT_TIMEOUT_MS,
            },
          }
        : undefined,
    );
  }

  /**
   * Kiosk mode and how responses are collected (the element's `mode`, `collection` and
   * `kiosk-*` attributes). Turning kiosk mode on keeps no draft from then on.
   */
  configureKiosk(options: KioskOptions) {
    this.#kiosk = kioskSettings(options);
    if (this.#kiosk.kiosk) this.#set({ previous: undefined });
    if (this.#state.step.kind === 'done') this.#afterConfirmation();
    else this.#armKiosk();
    this.#host.requestUpdate();
  }

  // --- Actions -----------------------------------------------------------------------------

  /**
   * The step's main button: Start (the intro is left for the first question), Continue (after
   * the question's answer is checked) or Submit.
   */
  continue(): Promise<void> {
    const { survey, step } = this.#state;
    if (!survey) return Promise.resolve();
    if (step.kind === 'check') return this.submit();
    if (step.kind === 'intro') {
      this.#set({ startedAt: this.#state.startedAt ?? new Date().toISOString() });
    } else {
      // A question is left only once its answer is fine (and the confirmation has no next step).
      const question = questionFor(survey, step);
      if (!question || this.#showError(question)) return Promise.resolve();
    }
    const target = this.#returnToCheck ? CHECK : nextStep(survey, step);
    this.#returnToCheck = false;
    this.#showStep(target);
    this.#saveDraft();
    return Promise.resolve();
  }

  /** The respondent changed an answer (undefined: cleared it). */
  answer(questionId: string, answer: Answer | undefined) {
    const { survey } = this.#state;
    const question = survey?.questions.find((q) => q.id === questionId);
    if (!question) return;
    const answers = withAnswer(this.#state.answers, questionId, answer);
    this.#set({ answers, startedAt: this.#state.startedAt ?? new Date().toISOString() });
    this.#saveDraft();
    this.#armKiosk();
    if (answer?.type === 'text') this.#announceCountLater(question, answer.value);
    this.#emit('values-survey-change', { questionId, answer: answers[questionId] });
  }

  back() {
    const { survey, step } = this.#state;
    if (!survey) return;
    this.#returnToCheck = false;
    this.#showStep(previousStep(survey, step));
    this.#saveDraft();
  }

  /** A Change link on "Check your answers": after this question, Continue goes back there. */
  change(questionId: string) {
    this.#returnToCheck = true;
    this.#showStep(questionStep(questionId));
    this.#saveDraft();
  }

  /**
   * Checks every answer again (browser Back or another tab can bring this step back with one
   * missing), builds the response once, queues it and clears the draft. A failure keeps the
   * answers and says so. A second call while one runs, or after it succeeded, does nothing.
   */
  async submit(): Promise<void> {
    const { survey, answers, strings, step, startedAt } = this.#state;
    if (!survey || this.#submitting || step.kind === 'done') return;
    const invalid = survey.questions.find((q) => validateAnswer(q, answers[q.id], strings));
    if (invalid) {
      this.#returnToCheck = true;
      this.#showStep(questionStep(invalid.id));
      this.#showError(invalid);
      return;
    }
    this.#submitting = true;
    this.#set({ submitError: undefined });
    try {
      let response = buildResponse(survey, answers, startedAt, new Date(), this.#kiosk.collection);
      const endpoint = this.#state.endpoint;
      // Known as ours before it is queued: the outbox reports on it at once.
      this.#set({ ending: endpoint ? 'sending' : 'confirmed' });
      if (endpoint) this.#set({ submitted: response, delivery: { state: 'queued' } });
      await queueAndClearDraft(
        endpoint ? this.#deliveries : undefined,
        this.#drafts,
        response,
        (submission) => {
          // A draft submitted before (another tab, a restored page) comes back as that response.
          response = submission.response;
          const { delivery } = this.#state;
          const news = submission.response.id === this.#state.submitted?.id ? delivery : undefined;
          const now = news ?? submission.state;
          this.#set({ submitted: response, delivery: now, ending: this.#endingAfter(now) });
        },
      );
      this.#set({ answers: {}, startedAt: undefined });
      this.#emit('values-survey-submit', { response });
      this.#showStep(DONE, false);
      this.#afterConfirmation();
    } catch (error) {
      const message = this.#state.strings.submitFailed;
      this.#set({ submitted: undefined, delivery: undefined, submitError: message });
      this.#focus = 'error-summary';
      reportFault(error);
      this.#emit('values-survey-error', { kind: 'storage', message });
    } finally {
      this.#submitting = false;
    }
  }

  /**
   * "Clear my answers" (or "Start again"): asks first, at once. Clearing removes everything the
   * widget keeps on this device, so when the device answers that this includes responses not yet
   * delivered, the confirmation says so and offers them as a download.
   */
  askToClear() {
    this.#set({ confirmingClear: true });
    this.#focus = 'heading';
    // A kiosk's Clear is this person's answers only: other people's unsent answers stay queued.
    if (this.#kiosk.kiosk) return;
    this.#deliveries
      .undelivered()
      .then((unsent) => {
        this.#releaseUnsent();
        if (!unsent.length || !this.#state.confirmingClear) return;
        const file = new Blob([JSON.stringify(unsent, null, 2)], { type: 'application/json' });
        this.#set({ unsentUrl: URL.createObjectURL(file) });
      })
      .catch(reportFault);
  }

  cancelClear() {
    this.#releaseUnsent();
    this.#set({ confirmingClear: false });
    this.#focus = 'clear-button';
  }

  /**
   * Removes everything the widget stored on this device (this survey's draft, telling other tabs;
   * then every other draft and every undelivered response) and starts again.
   */
  async clear(): Promise<void> {
    if (this.#kiosk.kiosk) {
      await this.#nextPerson();
      this.#addNotice('cleared');
      return;
    }
    // A draft still being read is about to be gone from the device: whichever finishes first,
    // the read or the clear, it must not come back.
    this.#set({ restoring: false });
    await this.#drafts.clear();
    await this.#deliveries.clearDevice();
    this.#releaseUnsent();
    this.#returnToCheck = false;
    this.#set({ answers: {}, startedAt: undefined, earlierRefused: new Map() });
    if (this.#state.survey) this.#showStep(firstStep(this.#state.survey));
    this.#addNotice('cleared');
  }

  /** Try again, for this visit's response that the endpoint refused. */
  retry() {
    const id = this.#state.submitted?.id;
    if (!id) return;
    this.#deliveries.retry(id).catch(reportFault);
    // The button goes while it sends: keep focus on the step, not lost to the page.
    this.#focus = 'heading';
    this.#host.requestUpdate();
  }

  /** Try again, for responses refused on earlier visits. */
  retryEarlier() {
    for (const id of this.#state.earlierRefused.keys()) {
      this.#deliveries.retry(id).catch(reportFault);
    }
    this.#set({ earlierRefused: new Map() });
  }

  /**
   * Input of any kind (a key, a tap, typing): in kiosk mode the idle clock starts again and the
   * warning, if shown, goes. Called by the element for every input inside it.
   */
  noteActivity() {
    if (this.#kiosk.kiosk && this.#state.step.kind !== 'done') this.#armKiosk();
  }

  /** "I am still here" on the kiosk's warning. */
  stillHere() {
    this.#armKiosk();
    this.#focus = 'heading';
    this.#host.requestUpdate();
  }

  /**
   * Kiosk mode: "Next person", the automatic return after the confirmation, or the idle clear.
   * This person's answers go from the screen and from the device's draft; a response they
   * submitted stays in the outbox until it is delivered. The survey starts again at its start.
   */
  async nextPerson(): Promise<void> {
    await this.#nextPerson();
  }

  /** The steps of the survey in force, as stored keys. */
  get stepKeys(): string[] {
    const { survey } = this.#state;
    return survey ? stepsOf(survey).map(stepKey) : [];
  }

  // --- Internals ---------------------------------------------------------------------------

  async #nextPerson() {
    const { survey, downloadUrl, submitted, delivery } = this.#state;
    if (submitted && delivery?.state !== 'sent') this.#handedOn.add(submitted.id);
    this.#kioskTimer.stop();
    if (downloadUrl) URL.revokeObjectURL(downloadUrl);
    this.#releaseUnsent();
    this.#returnToCheck = false;
    this.#set({
      answers: {},
      startedAt: undefined,
      submitted: undefined,
      delivery: undefined,
      ending: 'confirmed',
      downloadUrl: undefined,
      confirmingClear: false,
      idleWarning: false,
      previous: undefined,
    });
    if (survey) {
      this.#showStep(firstStep(survey), false);
      this.#history.replace(survey.id, stepKey(this.#state.step));
    }
    // Nothing is saved in kiosk mode, but a draft from before it was turned on must not stay.
    await this.#drafts.clear();
  }

  /** Kiosk mode: nobody has touched the survey for a while. */
  #warnIdle() {
    this.#set({ idleWarning: true });
    this.#focus = 'still-here';
  }

  /** Kiosk mode, on the confirmation: back to the start after the pause. */
  #afterConfirmation() {
    if (this.#kiosk.kiosk) this.#kioskTimer.afterConfirmation(this.#kiosk.returnAfterSeconds);
  }

  /**
   * Kiosk mode, during the survey: the idle clock starts again (the warning, if shown, goes),
   * once someone has started; nothing to clear before that.
   */
  #armKiosk() {
    const { step, startedAt, answers, idleWarning } = this.#state;
    if (idleWarning) this.#set({ idleWarning: false });
    const started = startedAt !== undefined || Object.values(answers).some(hasContent);
    if (!this.#kiosk.kiosk || step.kind === 'done' || !started) {
      if (step.kind !== 'done') this.#kioskTimer.stop();
      return;
    }
    this.#kioskTimer.idle(this.#kiosk.idleAfterSeconds, this.#kiosk.warningForSeconds);
  }

  #releaseUnsent() {
    if (this.#state.unsentUrl) URL.revokeObjectURL(this.#state.unsentUrl);
    this.#set({ unsentUrl: undefined });
  }

  #set(patch: Partial<State>) {
    this.#state = { ...this.#state, ...patch };
    this.#host.requestUpdate();
  }

  /**
   * Puts `survey` in force at once (synchronously), then reads its saved answers. Another
   * survey starts fresh on its first step; the same survey, re-supplied, keeps what the
   * respondent has done where it still fits.
   */
  #use(survey: SurveyDefinition, signal: AbortSignal): Promise<void> {
    const current = this.#state.survey;
    const same = current?.id === survey.id && current.version === survey.version;
    const base = {
      survey,
      status: 'ready' as const,
      definitionError: undefined,
      strings: mergeStrings(survey.strings, this.#overrides),
      error: undefined,
    };
    if (same) {
      const { step } = this.#state;
      this.#set({
        ...base,
        answers: answersFor(survey.questions, this.#state.answers),
        // After Submit the confirmation stays: the answers have gone to the outbox.
        step: step.kind === 'done' ? step : stepFromKey(survey, stepKey(step)),
      });
    } else {
      this.#returnToCheck = false;
      this.#set({
        ...base,
        answers: {},
        step: firstStep(survey),
        startedAt: undefined,
        confirmingClear: false,
        notices: [],
        restoring: true,
      });
    }
    this.#history.replace(survey.id, stepKey(this.#state.step));
    // The same survey again after a move abandoned the read: read again.
    return this.#state.restoring ? this.#restore(survey, signal) : Promise.resolve();
  }

  /**
   * Applies the survey's saved draft once storage answers, if the respondent has not answered
   * anything meanwhile: then it resumes where they left off, with the "Welcome back" notice. If
   * they have, their new answers are newer than the draft and stay (they have already replaced
   * it on disk), and a notice says so. Nothing waits for this.
   */
  async #restore(survey: SurveyDefinition, signal: AbortSignal) {
    const { draft, notices } = await this.#drafts.open(
      survey.id,
      survey.version,
      this.#state.draftMaxAge,
    );
    // Superseded, or the respondent cleared everything meanwhile: nothing to apply.
    if (signal.aborted || !this.#state.restoring) return;
    this.#set({ restoring: false });
    notices.forEach((notice) => this.#addNotice(notice));
    // Submitted meanwhile: the answers on screen were queued and their draft removed.
    if (this.#state.step.kind === 'done') return;
    if (this.#kiosk.kiosk) {
      // Never another person's answers: a draft left from before kiosk mode is removed unread.
      if (draft) await this.#drafts.clear();
      return;
    }
    const { startedAt, answers: fresh } = this.#state;
    if (!draft) {
      // Perhaps they submitted on an earlier visit, and should hear where that stands. Not
      // waited for: storage slow to answer delays only this notice.
      this.#tellPrevious(survey, signal).catch(reportFault);
      return;
    }
    // The respondent's own first save read back: no earlier visit to speak of.
    if (draft.startedAt === startedAt) return;
    if (Object.values(fresh).some(hasContent)) {
      this.#addNotice('kept');
      // Saved again now that the earlier draft has been read: the store numbers this change
      // after it, so the fresh answers replace it on the device (a save made before the read
      // came second to the earlier visit's later revision).
      this.#saveDraft();
      return;
    }
    const answers = answersFor(survey.questions, draft.answers);
    const step = stepFromKey(survey, draft.step);
    const resumed = stepKey(step) !== stepKey(firstStep(survey)) || Object.keys(answers).length > 0;
    this.#set({ answers, step, startedAt: draft.startedAt });
    if (resumed) this.#addNotice('resumed');
    this.#history.replace(survey.id, stepKey(step));
    // Only moved on (Start) before it arrived: that move saved over the draft, so save it back.
    if (startedAt !== undefined) this.#saveDraft();
  }

  /**
   * Someone came back with no draft: if this device submitted this survey before (on an earlier
   * visit), say where that response stands, on the first step, until they move on. News of its
   * delivery heard meanwhile wins over what the store said when it was read.
   */
  async #tellPrevious(survey: SurveyDefinition, signal: AbortSignal) {
    // A preview sends nothing: no need to open the outbox's storage just to say so.
    if (!this.#state.endpoint) return;
    const last = await this.#deliveries.lastSubmitted(survey.id);
    const { step, startedAt, submitted } = this.#state;
    const untouched = startedAt === undefined && stepKey(step) === stepKey(firstStep(survey));
    // Refused answers have their own notice, with Try again; this visit's own are on screen.
    if (!last || last.where === 'refused' || last.id === submitted?.id) return;
    if (signal.aborted || !untouched || this.#kiosk.kiosk) return;
    const stored: DeliveryState =
      last.where === 'sent' ? { state: 'sent', status: 0 } : { state: 'queued' };
    const delivery = this.#heard.get(last.id) ?? stored;
    if (delivery.state === 'refused') return;
    this.#previousId = last.id;
    this.#set({ previous: { completedAt: last.completedAt, delivery } });
  }

  /** Shows what is wrong with the answer to `question`, if anything; returns whether it did. */
  #showError(question: Question): boolean {
    const message = validateAnswer(question, this.#state.answers[question.id], this.#state.strings);
    if (message) {
      this.#set({ error: message });
      this.#focus = 'error-summary';
    }
    return !!message;
  }

  /** Browser Back or Forward moved to a step recorded earlier. */
  #onHistory(key: string) {
    const { survey, step } = this.#state;
    // After Submit there is nothing to go back to: the answers have left the draft.
    if (step.kind === 'done' || !survey) return;
    this.#returnToCheck = false;
    this.#showStep(stepFromKey(survey, key), false);
    this.#saveDraft();
  }

  /** Moves to a step; `record` adds a browser history entry so Back returns here. */
  #showStep(step: Step, record = true) {
    const { survey } = this.#state;
    if (!survey) return;
    clearTimeout(this.#countTimer);
    this.#set({
      step,
      error: undefined,
      announcedCount: '',
      confirmingClear: false,
      submitError: undefined,
      // Notices about the last visit or a clear are read once; a storage warning stays.
      notices: this.#state.notices.filter((kind) => kind === 'unavailable'),
      previous: undefined,
    });
    this.#focus = 'heading';
    if (record) this.#history.push(survey.id, stepKey(step));
    this.#armKiosk();
  }

  /** Keeps the respondent's progress on the device; nothing is saved before they start. */
  #saveDraft() {
    const { startedAt, step, answers } = this.#state;
    // A kiosk keeps each person's answers in memory only, so nobody can resume another's.
    if (!startedAt || step.kind === 'done' || this.#kiosk.kiosk) return;
    this.#drafts.save({ answers, step: stepKey(step), startedAt });
  }

  /** Tells the respondent something once, however often it happens. */
  #addNotice(notice: DraftNotice | NoticeKind) {
    // The store's own names, but its three kinds of discarded draft are one notice here.
    const kind = notice.startsWith('discarded') ? 'discarded' : (notice as NoticeKind);
    if (this.#state.notices.includes(kind)) return;
    this.#set({ notices: [...this.#state.notices, kind] });
    if (kind === 'unavailable') {
      this.#emit('values-survey-error', {
        kind: 'storage',
        message: this.#state.strings.storageUnavailable,
      });
    }
  }

  /** Reads the character count out only once typing pauses, so it is polite and not chatty. */
  #announceCountLater(question: Question, value: string) {
    clearTimeout(this.#countTimer);
    this.#countTimer = setTimeout(() => {
      const announcedCount = characterCountMessage(
        this.#state.strings,
        value.length,
        maxLengthOf(question),
      );
      this.#set({ announcedCount });
    }, COUNT_ANNOUNCE_DELAY_MS);
  }

  /**
   * Confirmed once sent or waiting to be retried by itself; a retry under way does not take the
   * confirmation back, but Try again after a refusal promises nothing until it is answered.
   */
  #endingAfter({ state }: DeliveryState): Ending {
    const { ending } = this.#state;
    if (state === 'refused') return 'refused';
    if (state === 'sent' || state === 'waiting') return 'confirmed';
    return ending === 'refused' ? 'sending' : ending;
  }

  /** Delivery news about one queued response; this session speaks only of its own. */
  #onDelivery(id: string, delivery: DeliveryState) {
    const { submitted, strings } = this.#state;
    if (id !== submitted?.id) {
      // Kiosk mode moved on to the next person before it arrived: still this element's news.
      if (delivery.state === 'sent' && this.#handedOn.delete(id)) {
        this.#emit('values-survey-sent', { id, status: delivery.status });
      }
      this.#heard.set(id, delivery);
      this.#noteEarlierResponse(id, delivery);
      this.#updatePrevious(id, delivery);
      return;
    }
    this.#set({ delivery, ending: this.#endingAfter(delivery) });
    if (delivery.state === 'sent') {
      if (this.#state.downloadUrl) {
        // Delivered: the copy kept for "Download my answers" is no longer needed.
        URL.revokeObjectURL(this.#state.downloadUrl);
        this.#set({ downloadUrl: undefined });
      }
      this.#emit('values-survey-sent', { id, status: delivery.status });
      return;
    }
    if (delivery.state !== 'waiting' && delivery.state !== 'refused') return;
    // Not on a kiosk: the file would stay on a shared device for the next person to find.
    if (!this.#state.downloadUrl && this.#state.survey && !this.#kiosk.kiosk) {
      // A copy the respondent can read, with the JSON the Trust needs at the end.
      const text = answersAsText(this.#state.survey, submitted, strings);
      const file = new Blob([text], { type: 'text/plain;charset=utf-8' });
      this.#set({ downloadUrl: URL.createObjectURL(file) });
    }
    this.#emit('values-survey-error', {
      kind: 'delivery',
      message: deliveryText(strings, delivery),
      id,
      status: delivery.status,
    });
  }

  /** News of the response the first step speaks of: "received" replaces "waiting" at once. */
  #updatePrevious(id: string, delivery: DeliveryState) {
    const { previous } = this.#state;
    if (!previous || id !== this.#previousId) return;
    // A refusal has its own notice (with Try again) instead.
    this.#set({ previous: delivery.state === 'refused' ? undefined : { ...previous, delivery } });
  }

  /**
   * A response of this survey from an earlier visit that the endpoint refused stays on the
   * device until someone presses Try again: tell the respondent rather than keep it silently.
   */
  #noteEarlierResponse(id: string, delivery: DeliveryState) {
    const previous = this.#state.earlierRefused;
    const refused = new Map(previous);
    if (delivery.state === 'refused' && !this.#deliveries.submittedHere(id)) {
      refused.set(id, delivery.status);
    } else {
      refused.delete(id);
    }
    if (refused.size !== previous.size) this.#set({ earlierRefused: refused });
  }
}
