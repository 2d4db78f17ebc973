/**
 * The survey's core rules, with no DOM, no templates and no storage of its own: the current
 * step, the answers and their validation, "return to Check your answers after a change", the
 * notices and where focus goes next. The rest are parts passed in ({@link SessionParts}): kiosk
 * mode, what happens at and after Submit, the draft and browser history; the session's other
 * collaborators (resume, configuration, clearing) change the state through this core. Every
 * change is a new state object, and the host is asked to update after it.
 */
import {
  CHECK,
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
import {
  characterCountMessage,
  hasContent,
  maxLengthOf,
  validateAnswer,
  withAnswer,
} from '../flow/answers.js';
import { DEFAULT_STRINGS } from '../strings.js';
import type { Question, SurveyDefinition } from '../definition/schema.js';
import type { Answer } from '../response/schema.js';
import type { DraftNotice } from '../storage/drafts.js';
import type { KioskSettings } from './kiosk.js';
import type { DraftPort, HistoryPort } from './ports.js';
import type { Emitter, FocusTarget, NoticeKind, SessionView } from './view.js';

/** How long typing must pause before the character count is read out. */
const COUNT_ANNOUNCE_DELAY_MS = 1000;

/** What the session keeps: the view less what is worked out from it, plus two things unshown. */
export type SessionState = Omit<
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

/** The parts the core calls, made by the factory given to its constructor. */
export interface SessionParts {
  /** Kiosk mode: its settings, and its idle clock, started again on each move. */
  readonly kiosk: { readonly settings: KioskSettings; arm(): void };
  /** Submit, once every answer is fine; and whether the outbox can keep responses only in memory. */
  readonly afterSubmit: {
    submit(survey: SurveyDefinition): Promise<void>;
    readonly inMemoryOnly: boolean;
  };
  readonly drafts: Pick<DraftPort, 'save'>;
  readonly history: Pick<HistoryPort, 'push'>;
}

/** Only what the core needs of a Lit host: to be asked to render again. */
export interface UpdateHost {
  requestUpdate(): void;
}

/**
 * The core. `P` is what the factory made: the parts the core calls, and any others the
 * assembly (session.ts) keeps with them.
 */
export class SessionCore<P extends SessionParts = SessionParts> {
  #state: SessionState = {
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
  /** Set when the respondent came from "Check your answers" to change one answer. */
  #returnToCheck = false;
  #submitting = false;
  #focus: FocusTarget | undefined;
  #countTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #host: UpdateHost;
  readonly #emit: Emitter;
  /** The parts, as the factory made them. */
  readonly parts: P;

  /** `parts` makes the parts, given this core (they read and change its state through it). */
  constructor(host: UpdateHost, emit: Emitter, parts: (core: SessionCore) => P) {
    this.#host = host;
    this.#emit = emit;
    this.parts = parts(this);
  }

  /** The state to render. A new object after every change; never mutated. */
  get view(): SessionView {
    const state = this.#state;
    const { survey, step } = state;
    const done = step.kind === 'done';
    const { settings } = this.parts.kiosk;
    return {
      ...state,
      question: survey && questionFor(survey, step),
      canGoBack: !!survey && !done && stepKey(step) !== stepKey(firstStep(survey)),
      canClear:
        !done &&
        !state.confirmingClear &&
        (state.startedAt !== undefined || Object.values(state.answers).some(hasContent)),
      preview: !state.endpoint,
      inMemoryOnly: this.parts.afterSubmit.inMemoryOnly,
      kiosk: settings.kiosk,
      kioskReturnSeconds: settings.returnAfterSeconds,
      kioskWarningSeconds: settings.warningForSeconds,
    };
  }

  /** The state as kept, for the parts. */
  get state(): SessionState {
    return this.#state;
  }

  /** Changes the state (a new object) and asks the host to render it. */
  set(patch: Partial<SessionState>) {
    this.#state = { ...this.#state, ...patch };
    this.#host.requestUpdate();
  }

  /** Where focus should go after this render, once: the element asks after each update. */
  takeFocus(): FocusTarget | undefined {
    const target = this.#focus;
    this.#focus = undefined;
    return target;
  }

  /** Sets where focus goes after the next render (undefined: leave it where it is). */
  focus(target: FocusTarget | undefined) {
    this.#focus = target;
    this.#host.requestUpdate();
  }

  /** The element left the page: a count not yet read out is not read out. */
  disconnect() {
    clearTimeout(this.#countTimer);
  }

  /** The steps of the survey in force, as stored keys. */
  get stepKeys(): string[] {
    const { survey } = this.#state;
    return survey ? stepsOf(survey).map(stepKey) : [];
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
      this.set({ startedAt: this.#state.startedAt ?? new Date().toISOString() });
    } else {
      // A question is left only once its answer is fine (and the confirmation has no next step).
      const question = questionFor(survey, step);
      if (!question || this.#showError(question)) return Promise.resolve();
    }
    const target = this.#returnToCheck ? CHECK : nextStep(survey, step);
    this.#returnToCheck = false;
    this.showStep(target);
    this.saveDraft();
    return Promise.resolve();
  }

  /** The respondent changed an answer (undefined: cleared it). */
  answer(questionId: string, answer: Answer | undefined) {
    const { survey } = this.#state;
    const question = survey?.questions.find((q) => q.id === questionId);
    if (!question) return;
    const answers = withAnswer(this.#state.answers, questionId, answer);
    this.set({ answers, startedAt: this.#state.startedAt ?? new Date().toISOString() });
    this.saveDraft();
    this.parts.kiosk.arm();
    if (answer?.type === 'text') this.#announceCountLater(question, answer.value);
    this.#emit('values-survey-change', { questionId, answer: answers[questionId] });
  }

  back() {
    const { survey, step } = this.#state;
    if (!survey) return;
    this.#returnToCheck = false;
    this.showStep(previousStep(survey, step));
    this.saveDraft();
  }

  /** A Change link on "Check your answers": after this question, Continue goes back there. */
  change(questionId: string) {
    this.#returnToCheck = true;
    this.showStep(questionStep(questionId));
    this.saveDraft();
  }

  /**
   * Checks every answer again (browser Back or another tab can bring this step back with one
   * missing), then hands over to the after-Submit part, which queues the response. A second
   * call while one runs, or after it succeeded, does nothing.
   */
  async submit(): Promise<void> {
    const { survey, answers, strings, step } = this.#state;
    if (!survey || this.#submitting || step.kind === 'done') return;
    const invalid = survey.questions.find((q) => validateAnswer(q, answers[q.id], strings));
    if (invalid) {
      this.#returnToCheck = true;
      this.showStep(questionStep(invalid.id));
      this.#showError(invalid);
      return;
    }
    this.#submitting = true;
    try {
      await this.parts.afterSubmit.submit(survey);
    } finally {
      this.#submitting = false;
    }
  }

  /** Browser Back or Forward moved to a step recorded earlier. */
  fromHistory(key: string) {
    const { survey, step } = this.#state;
    // After Submit there is nothing to go back to: the answers have left the draft.
    if (step.kind === 'done' || !survey) return;
    this.#returnToCheck = false;
    this.showStep(stepFromKey(survey, key), false);
    this.saveDraft();
  }

  // --- For the parts -----------------------------------------------------------------------

  /** The respondent is no longer changing one answer from "Check your answers". */
  leaveChange() {
    this.#returnToCheck = false;
  }

  /** Moves to a step; `record` adds a browser history entry so Back returns here. */
  showStep(step: Step, record = true) {
    const { survey } = this.#state;
    if (!survey) return;
    clearTimeout(this.#countTimer);
    this.set({
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
    if (record) this.parts.history.push(survey.id, stepKey(step));
    this.parts.kiosk.arm();
  }

  /** Keeps the respondent's progress on the device; nothing is saved before they start. */
  saveDraft() {
    const { startedAt, step, answers } = this.#state;
    // A kiosk keeps each person's answers in memory only, so nobody can resume another's.
    if (!startedAt || step.kind === 'done' || this.parts.kiosk.settings.kiosk) return;
    this.parts.drafts.save({ answers, step: stepKey(step), startedAt });
  }

  /** Tells the respondent something once, however often it happens. */
  addNotice(notice: DraftNotice | NoticeKind) {
    // The store's own names, but its three kinds of discarded draft are one notice here.
    const kind = notice.startsWith('discarded') ? 'discarded' : (notice as NoticeKind);
    if (this.#state.notices.includes(kind)) return;
    this.set({ notices: [...this.#state.notices, kind] });
    if (kind === 'unavailable') {
      this.#emit('values-survey-error', {
        kind: 'storage',
        message: this.#state.strings.storageUnavailable,
      });
    }
  }

  // --- Internals ---------------------------------------------------------------------------

  /** Shows what is wrong with the answer to `question`, if anything; returns whether it did. */
  #showError(question: Question): boolean {
    const message = validateAnswer(question, this.#state.answers[question.id], this.#state.strings);
    if (message) {
      this.set({ error: message });
      this.#focus = 'error-summary';
    }
    return !!message;
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
      this.set({ announcedCount });
    }, COUNT_ANNOUNCE_DELAY_MS);
  }
}
