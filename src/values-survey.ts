import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { stringsContext } from './context.js';
import { DefinitionError } from './definition/errors.js';
import { loadDefinition } from './definition/load.js';
import type { Question, SurveyDefinition } from './definition/schema.js';
import { emit, type ValuesSurveyErrorDetail } from './events.js';
import { answersFor, hasContent, maxLengthOf, validateAnswer, withAnswer } from './flow/answers.js';
import { DraftController } from './flow/drafts.js';
import { DeliveryController, isUsableEndpoint } from './delivery/delivery-controller.js';
import type { DeliveryState } from './delivery/outbox.js';
import type { DraftNotice } from './storage/drafts.js';
import { renderDone } from './render/done.js';
import { renderClearConfirmation, renderNotices, type NoticeKind } from './render/notices.js';
import { HistorySync } from './flow/history.js';
import {
  CHECK,
  DONE,
  INTRO,
  knownStep,
  nextStep,
  previousStep,
  questionFor,
  stepKeys,
} from './flow/steps.js';
import { renderChoice } from './render/choice.js';
import { renderDefinitionError, renderErrorSummary, type StepError } from './render/errors.js';
import { ids } from './render/fields.js';
import { renderScale } from './render/scale.js';
import { renderCheckAnswers } from './render/summary.js';
import { characterCountMessage, renderText } from './render/text.js';
import { renderWords } from './render/words.js';
import { buildResponse } from './response/build.js';
import type { Answer, Answers, SurveyResponse } from './response/schema.js';
import { DEFAULT_STRINGS, format, mergeStrings, type SurveyStrings } from './strings.js';
import { surveyStyles } from './styles.js';
import { visuallyHidden } from './shared-styles.js';
import type { ValuesSurveyWords } from './words/words-element.js';

/** How long typing must pause before the character count is read out. */
const COUNT_ANNOUNCE_DELAY_MS = 1000;

/**
 * A values survey for an NHS trust, embeddable with one script tag. With no definition it runs
 * the Trust's built-in values refresh survey.
 *
 * @summary Asks which words of the Trust's values to keep or remove, and what its vision should be.
 *
 * @fires values-survey-change - The respondent changed an answer. `detail: { questionId, answer }`.
 * @fires values-survey-submit - The respondent submitted; the response is queued. `detail: { response }`.
 * @fires values-survey-sent - The endpoint accepted the response (2xx or 409). `detail: { id, status }`.
 * @fires values-survey-error - A definition, storage or delivery failure. `detail: { kind, message, problems?, id?, status? }`.
 *
 * @csspart survey - The survey's outer box.
 * @csspart heading - Each step's heading.
 * @csspart progress - The "Question 2 of 6" line.
 * @csspart field - The box around one question.
 * @csspart hint - A question's hint text.
 * @csspart error-message - A question's inline error.
 * @csspart error-summary - The "There is a problem" box at the top of a step.
 * @csspart button - Every button.
 * @csspart button-primary - Start, Continue and Submit.
 * @csspart button-secondary - Back and other secondary actions.
 * @csspart textarea - Text answers.
 * @csspart scale - The row of scale points.
 * @csspart check-answers - The "Check your answers" list.
 * @csspart change-link - Each "Change" link on the check page.
 * @csspart confirmation - The panel shown once the answers are submitted.
 * @csspart notice - Status notices (preview, saved, sending).
 * @csspart definition-error - What an editor sees when the definition is wrong.
 *
 * @cssprop --values-survey-font-family - Font (default: inherited from the page).
 * @cssprop --values-survey-font-size - Base text size (default 19px; 16px on narrow screens).
 * @cssprop --values-survey-max-width - Widest the survey grows (default 44em).
 * @cssprop --values-survey-color-text - Text colour (default #212b32).
 * @cssprop --values-survey-color-secondary-text - Hints and progress (default #4c6272).
 * @cssprop --values-survey-color-background - Background (default #ffffff).
 * @cssprop --values-survey-color-primary - Accent colour for controls and notices (default NHS blue #005eb8).
 * @cssprop --values-survey-color-link - Links (default #005eb8).
 * @cssprop --values-survey-color-button - Primary button background (default NHS green #007f3b).
 * @cssprop --values-survey-color-button-text - Primary button text (default #ffffff).
 * @cssprop --values-survey-color-focus - Focus highlight (default NHS yellow #ffeb3b).
 * @cssprop --values-survey-color-focus-text - Text and underline on focus (default #212b32).
 * @cssprop --values-survey-color-error - Errors (default NHS red #d5281b).
 * @cssprop --values-survey-color-border-light - Dividers and the outer border (default #d8dde0).
 * @cssprop --values-survey-radius - Corner radius (default 4px).
 * @cssprop --values-survey-space - Padding inside the survey (default 24px).
 * @tag values-survey
 */
export class ValuesSurvey extends LitElement {
  static override styles = [visuallyHidden, surveyStyles];

  /** Where completed responses are POSTed. Without it the survey is a preview that says it cannot send. */
  @property({ reflect: true }) endpoint: string | null = null;

  /** URL of a JSON survey definition, fetched with a timeout. */
  @property({ reflect: true }) src: string | null = null;

  /**
   * The survey definition as an object (see `dist/definition.schema.json`). Wins over `src` and a
   * child `<script type="application/json">`; with none of them, the built-in survey runs.
   */
  @property({ attribute: false }) definition: SurveyDefinition | undefined = undefined;

  /** How long, in milliseconds, a `src` definition may take to load before an error is shown. */
  @property({ type: Number, attribute: 'definition-timeout' }) definitionTimeout = 10_000;

  /** Days a saved draft is kept on the device after its last change. */
  @property({ type: Number, attribute: 'draft-max-age' }) draftMaxAge = 30;

  /**
   * Whether responses are sent with cookies: `omit` (the default: no cookies), `same-origin`, or
   * `include` (for an endpoint that needs the intranet's session). Other values mean `omit`.
   */
  @property() credentials: 'omit' | 'same-origin' | 'include' = 'omit';

  /** Extra HTTP headers sent with every response (e.g. an API key the endpoint expects). */
  @property({ attribute: false }) headers: Record<string, string> | undefined = undefined;

  /** Overrides for the widget's own text, by key (see the README). Win over the definition's `strings`. */
  @property({ attribute: false }) strings: Partial<SurveyStrings> | undefined = undefined;

  /** The merged strings, provided to the parts inside (the word chips). */
  @provide({ context: stringsContext })
  @state()
  protected text: SurveyStrings = DEFAULT_STRINGS;

  @state() private status: 'loading' | 'ready' | 'error' = 'loading';
  @state() private survey: SurveyDefinition | undefined;
  @state() private definitionError: DefinitionError | undefined;
  @state() private step: string = INTRO;
  @state() private answers: Answers = {};
  @state() private stepErrors: StepError[] = [];
  @state() private announcedCount = '';
  @state() private notices: NoticeKind[] = [];
  @state() private confirmingClear = false;
  @state() private delivery: DeliveryState | undefined;
  @state() private submitted: SurveyResponse | undefined;
  @state() private downloadUrl: string | undefined;
  /** Responses refused on an earlier visit, by id, with the endpoint's status. */
  @state() private earlierRefused = new Map<string, number>();
  @state() private endpointProblem: string | undefined;

  /** Set when the respondent came from "Check your answers" to change one answer. */
  private returnToCheck = false;
  private startedAt: string | undefined;
  private submitting = false;
  private focusAfterRender: 'heading' | 'error-summary' | undefined;
  private loadController: AbortController | undefined;
  private countTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly history = new HistorySync(this, (step) => {
    // After Submit there is nothing to go back to: the answers have left the draft.
    if (this.step === DONE || !this.survey) return;
    this.returnToCheck = false;
    this.showStep(knownStep(this.survey, step), false);
    this.saveDraft();
  });
  private readonly drafts = new DraftController(this, {
    onRemoteChange: (draft) => {
      if (!this.survey || this.step === DONE) return;
      this.answers = draft ? answersFor(this.survey.questions, draft.answers) : {};
      this.startedAt = draft?.startedAt;
      if (!draft) {
        this.showStep(INTRO, false);
        // Another tab's action: show it, but do not pull focus into this survey.
        this.focusAfterRender = undefined;
      }
    },
    onNotice: (notice) => this.addNotice(notice),
  });
  private readonly deliveries = new DeliveryController(this, (id, state) =>
    this.onDeliveryState(id, state),
  );
  private scriptSeen: string | null = null;
  /** Re-reads the child script only when its text changed and nothing outranks it. */
  private readonly childObserver = new MutationObserver(() => {
    const text = this.scriptText();
    if (text === this.scriptSeen) return;
    this.scriptSeen = text;
    if (this.definition === undefined && !this.src) {
      this.resolveDefinition().catch(this.failed('definition'));
    }
  });

  override connectedCallback() {
    super.connectedCallback();
    // A child <script type="application/json"> edited at run time shows the new survey.
    this.childObserver.observe(this, { childList: true, subtree: true, characterData: true });
    // Moved or re-added while its definition was loading: that load was abandoned, so start again.
    if (this.hasUpdated && this.status === 'loading') {
      this.resolveDefinition().catch(this.failed('definition'));
    }
    // A new place on the page may have another lang.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.childObserver.disconnect();
    this.loadController?.abort();
    clearTimeout(this.countTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (!this.hasUpdated || changed.has('definition') || changed.has('src')) {
      this.resolveDefinition().catch(this.failed('definition'));
    }
    if (changed.has('strings')) this.text = mergeStrings(this.survey?.strings, this.strings);
    if (changed.has('endpoint') || changed.has('credentials') || changed.has('headers')) {
      const credentials = (['omit', 'same-origin', 'include'] as const).find(
        (value) => value === this.credentials,
      );
      const usable = !this.endpoint || isUsableEndpoint(this.endpoint);
      this.endpointProblem = usable
        ? undefined
        : format(this.text.endpointInvalid, { endpoint: this.endpoint ?? '' });
      if (this.endpointProblem) {
        console.error(`values-survey: ${this.endpointProblem}`);
        emit(this, 'values-survey-error', { kind: 'delivery', message: this.endpointProblem });
      }
      this.deliveries.configure(
        this.endpoint && usable
          ? {
              endpoint: this.endpoint,
              send: { credentials: credentials ?? 'omit', headers: this.headers },
            }
          : undefined,
      );
    }
  }

  protected override updated() {
    const target = this.focusAfterRender;
    this.focusAfterRender = undefined;
    if (target === 'error-summary') {
      this.renderRoot.querySelector<HTMLElement>('[data-error-summary]')?.focus();
    } else if (target === 'heading') {
      this.focusStepHeading();
    }
  }

  private scriptText(): string | null {
    const script = this.querySelector(':scope > script[type="application/json"]');
    return script ? (script.textContent ?? '') : null;
  }

  /** Works out which definition is in force; stale loads are abandoned. */
  private async resolveDefinition() {
    this.loadController?.abort();
    const controller = new AbortController();
    this.loadController = controller;
    this.scriptSeen = this.scriptText();
    const sources = { property: this.definition, src: this.src, scriptText: this.scriptSeen };
    if (sources.src && !sources.property) this.status = 'loading';
    try {
      const survey = await loadDefinition(
        sources,
        mergeStrings(this.strings),
        controller.signal,
        this.definitionTimeout,
      );
      if (!controller.signal.aborted) await this.useSurvey(survey, controller.signal);
    } catch (error) {
      if (controller.signal.aborted) return;
      if (!(error instanceof DefinitionError)) throw error;
      this.status = 'error';
      this.survey = undefined;
      this.definitionError = error;
      console.error(`values-survey: ${error.message}`);
      emit(this, 'values-survey-error', {
        kind: 'definition',
        message: error.message,
        problems: error.problems,
      });
    }
  }

  private async useSurvey(survey: SurveyDefinition, signal: AbortSignal) {
    const same = this.survey?.id === survey.id && this.survey.version === survey.version;
    this.definitionError = undefined;
    this.text = mergeStrings(survey.strings, this.strings);
    this.stepErrors = [];
    if (same) {
      // The same survey, re-supplied: keep what the respondent has done where it still fits.
      this.survey = survey;
      this.answers = answersFor(survey.questions, this.answers);
      // After Submit the confirmation stays: the answers have gone to the outbox.
      if (this.step !== DONE) this.step = knownStep(survey, this.step);
    } else {
      // Another survey: pick up this one's saved draft before showing anything.
      this.status = 'loading';
      const { draft, notices } = await this.drafts.open(
        survey.id,
        survey.version,
        this.draftMaxAge,
      );
      if (signal.aborted) return;
      this.survey = survey;
      this.answers = draft ? answersFor(survey.questions, draft.answers) : {};
      this.step = draft ? knownStep(survey, draft.step) : INTRO;
      this.startedAt = draft?.startedAt;
      this.returnToCheck = false;
      this.confirmingClear = false;
      this.notices = [];
      notices.forEach((notice) => this.addNotice(notice));
      const resumed = draft && (this.step !== INTRO || Object.keys(this.answers).length > 0);
      if (resumed) this.notices = [...this.notices, 'resumed'];
    }
    this.status = 'ready';
    this.history.replace(survey.id, this.step);
  }

  private addNotice(notice: DraftNotice) {
    const kind: NoticeKind | undefined =
      notice === 'unavailable'
        ? 'unavailable'
        : notice === 'updated-elsewhere'
          ? 'elsewhere'
          : notice.startsWith('discarded')
            ? 'discarded'
            : undefined;
    if (!kind || this.notices.includes(kind)) return;
    this.notices = [...this.notices, kind];
    if (kind === 'unavailable') {
      emit(this, 'values-survey-error', {
        kind: 'storage',
        message: this.text.storageUnavailable,
      });
    }
  }

  /**
   * Reports a failure nobody else catches (work started from an event or a lifecycle callback):
   * logged and fired as `values-survey-error`, never lost silently.
   */
  private failed(kind: ValuesSurveyErrorDetail['kind']) {
    return (error: unknown) => {
      console.error('values-survey:', error);
      emit(this, 'values-survey-error', {
        kind,
        message: error instanceof Error ? error.message : String(error),
      });
    };
  }

  /** Keeps the respondent's progress on the device; nothing is saved before they start. */
  private saveDraft() {
    if (!this.startedAt || this.step === DONE) return;
    this.drafts.save({ answers: this.answers, step: this.step, startedAt: this.startedAt });
  }

  private askToClear() {
    this.confirmingClear = true;
    this.focusAfterRender = 'heading';
  }

  private cancelClear() {
    this.confirmingClear = false;
    this.updateComplete
      .then(() => this.renderRoot.querySelector<HTMLElement>('[data-clear]')?.focus())
      .catch(this.failed('storage'));
  }

  /** Removes everything this survey stored on the device and starts again. */
  private async clearAnswers() {
    await this.drafts.clear();
    this.answers = {};
    this.startedAt = undefined;
    this.returnToCheck = false;
    this.showStep(INTRO);
    this.notices = [...this.notices, 'cleared'];
  }

  /** Moves to a step; `record` adds a browser history entry so Back returns here. */
  private showStep(step: string, record = true) {
    if (!this.survey) return;
    this.step = step;
    this.stepErrors = [];
    this.announcedCount = '';
    clearTimeout(this.countTimer);
    this.confirmingClear = false;
    // Notices about the last visit or a clear are read once; a storage warning stays.
    this.notices = this.notices.filter((kind) => kind === 'unavailable');
    this.focusAfterRender = 'heading';
    if (record) this.history.push(this.survey.id, step);
  }

  private focusStepHeading() {
    const heading = this.renderRoot.querySelector<HTMLElement>('[data-step-heading]');
    if (heading) {
      heading.focus({ preventScroll: false });
      return;
    }
    // The word chips render their own heading, inside their own shadow root, a moment later.
    const words = this.renderRoot.querySelector<ValuesSurveyWords>('values-survey-words');
    void words?.updateComplete.then(() => words.focusHeading());
  }

  private focusField(fieldId: string) {
    const field = this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(fieldId)}`);
    field?.focus();
    field?.scrollIntoView?.({ block: 'center' });
  }

  private start(survey: SurveyDefinition) {
    this.startedAt ??= new Date().toISOString();
    this.showStep(nextStep(survey, INTRO));
    this.saveDraft();
  }

  private continueFrom(survey: SurveyDefinition, question: Question) {
    const error = validateAnswer(question, this.answers[question.id], this.text);
    if (error) {
      this.stepErrors = [{ fieldId: ids(question).field, message: error }];
      this.focusAfterRender = 'error-summary';
      return;
    }
    const target = this.returnToCheck ? CHECK : nextStep(survey, question.id);
    this.returnToCheck = false;
    this.showStep(target);
    this.saveDraft();
  }

  private back() {
    if (!this.survey) return;
    this.returnToCheck = false;
    this.showStep(previousStep(this.survey, this.step));
    this.saveDraft();
  }

  private change(questionId: string) {
    this.returnToCheck = true;
    this.showStep(questionId);
    this.saveDraft();
  }

  private setAnswer(question: Question, answer: Answer | undefined) {
    this.answers = withAnswer(this.answers, question.id, answer);
    this.startedAt ??= new Date().toISOString();
    this.saveDraft();
    if (answer?.type === 'text') this.scheduleCountAnnouncement(question, answer.value);
    emit(this, 'values-survey-change', {
      questionId: question.id,
      answer: this.answers[question.id],
    });
  }

  /** Reads the character count out only once typing pauses, so it is polite and not chatty. */
  private scheduleCountAnnouncement(question: Question, value: string) {
    clearTimeout(this.countTimer);
    this.countTimer = setTimeout(() => {
      this.announcedCount = characterCountMessage(this.text, value.length, maxLengthOf(question));
    }, COUNT_ANNOUNCE_DELAY_MS);
  }

  /**
   * Builds the response once, writes it to the outbox before any attempt to send it, then
   * removes the draft: from here the outbox holds the answers, and a draft left behind would
   * invite a second submission under a new id.
   */
  private async submit(survey: SurveyDefinition) {
    if (this.submitting) return;
    // Browser Back or another tab can bring the check page back with an answer missing.
    const invalid = survey.questions.find((q) => validateAnswer(q, this.answers[q.id], this.text));
    if (invalid) {
      this.returnToCheck = true;
      this.showStep(invalid.id);
      this.stepErrors = [
        {
          fieldId: ids(invalid).field,
          message: validateAnswer(invalid, this.answers[invalid.id], this.text) ?? '',
        },
      ];
      this.focusAfterRender = 'error-summary';
      return;
    }
    this.submitting = true;
    try {
      const response = buildResponse(survey, this.answers, this.startedAt);
      if (this.endpoint) {
        this.submitted = response;
        this.delivery = { state: 'queued' };
        await this.deliveries.enqueue(response);
      }
      await this.drafts.clear();
      this.answers = {};
      this.startedAt = undefined;
      emit(this, 'values-survey-submit', { response });
      this.showStep(DONE, false);
    } finally {
      this.submitting = false;
    }
  }

  /** Delivery news about one queued response; this element speaks only of its own. */
  private onDeliveryState(id: string, state: DeliveryState) {
    if (id !== this.submitted?.id) {
      this.noteEarlierResponse(id, state);
      return;
    }
    this.delivery = state;
    if (state.state === 'sent') {
      if (this.downloadUrl) {
        // Delivered: the copy kept for "Download my answers" is no longer needed.
        URL.revokeObjectURL(this.downloadUrl);
        this.downloadUrl = undefined;
      }
      emit(this, 'values-survey-sent', { id, status: state.status });
      return;
    }
    if (state.state !== 'waiting' && state.state !== 'refused') return;
    if (!this.downloadUrl) {
      const file = new Blob([JSON.stringify(this.submitted, null, 2)], {
        type: 'application/json',
      });
      this.downloadUrl = URL.createObjectURL(file);
    }
    emit(this, 'values-survey-error', {
      kind: 'delivery',
      message:
        state.state === 'refused'
          ? format(this.text.notAccepted, { status: state.status })
          : state.offline
            ? this.text.savedOffline
            : this.text.retrying,
      id,
      status: state.status,
    });
  }

  /**
   * A response of this survey from an earlier visit that the endpoint refused stays on the
   * device until someone presses Try again: tell the respondent rather than keep it silently.
   */
  private noteEarlierResponse(id: string, state: DeliveryState) {
    const refused = new Map(this.earlierRefused);
    if (state.state === 'refused' && !this.deliveries.submittedHere(id)) {
      refused.set(id, state.status);
    } else {
      refused.delete(id);
    }
    if (refused.size !== this.earlierRefused.size) this.earlierRefused = refused;
  }

  private retryEarlier() {
    for (const id of this.earlierRefused.keys()) void this.deliveries.retry(id);
    this.earlierRefused = new Map();
  }

  override render() {
    if (this.status === 'error' && this.definitionError) {
      return html`<div class="survey" part="survey">
        ${renderDefinitionError(this.definitionError, this.text)}
      </div>`;
    }
    if (this.endpointProblem) {
      return html`<div class="survey" part="survey">
        <div class="definition-error" part="definition-error" role="alert">
          <h2 class="error-summary-title">${this.text.definitionErrorTitle}</h2>
          <p>${this.endpointProblem}</p>
        </div>
      </div>`;
    }
    if (this.status === 'loading' || !this.survey) {
      return html`<div class="survey" part="survey" aria-busy="true">
        <p role="status">${this.text.loading}</p>
      </div>`;
    }
    const done = this.step === DONE;
    return html`<div class="survey" part="survey" lang=${this.language() ?? nothing}>
      ${renderNotices(this.notices, this.text, () => this.askToClear())}
      ${
        this.earlierRefused.size
          ? html`<div class="notice notice--warning" part="notice">
              <p>
                ${format(this.text.earlierNotAccepted, {
                  status: [...this.earlierRefused.values()][0],
                })}
              </p>
              <button
                type="button"
                class="link-button"
                part="button button-secondary"
                @click=${this.retryEarlier}
              >
                ${this.text.tryAgain}
              </button>
            </div>`
          : nothing
      }
      ${
        this.confirmingClear
          ? renderClearConfirmation(
              this.text,
              () => {
                this.clearAnswers().catch(this.failed('storage'));
              },
              () => this.cancelClear(),
            )
          : html`<form novalidate @submit=${this.onSubmit}>${this.renderStep(this.survey)}</form>`
      }
      ${
        done || this.confirmingClear || !this.hasSomethingToClear()
          ? nothing
          : html`<p class="clear">
              <button
                type="button"
                class="link-button"
                part="button button-secondary"
                data-clear
                @click=${this.askToClear}
              >
                ${this.text.clearAnswers}
              </button>
            </p>`
      }
    </div>`;
  }

  /**
   * The language of the text: the definition's, else the page's nearest `lang`. Set explicitly
   * inside the shadow root because not every engine carries it across the boundary.
   */
  private language(): string | undefined {
    return this.survey?.lang ?? this.closest('[lang]')?.getAttribute('lang') ?? undefined;
  }

  private hasSomethingToClear() {
    return this.startedAt !== undefined || Object.values(this.answers).some(hasContent);
  }

  private onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const survey = this.survey;
    if (!survey) return;
    const question = questionFor(survey, this.step);
    if (this.step === INTRO) this.start(survey);
    else if (this.step === CHECK) this.submit(survey).catch(this.failed('delivery'));
    else if (question) this.continueFrom(survey, question);
  }

  private renderStep(survey: SurveyDefinition) {
    const question = questionFor(survey, this.step);
    if (question) return this.renderQuestionStep(survey, question);
    if (this.step === CHECK) {
      return html`${this.backButton()}
        ${renderCheckAnswers(survey, this.answers, this.text, (id) => this.change(id))}
        ${this.previewNotice()}
        <div class="actions">
          <button class="button" part="button button-primary" type="submit">
            ${this.text.submit}
          </button>
        </div>`;
    }
    if (this.step === DONE) {
      return renderDone({
        strings: this.text,
        delivery: this.delivery,
        inMemoryOnly: this.deliveries.inMemoryOnly,
        downloadUrl: this.downloadUrl,
        downloadName: `values-survey-${this.submitted?.id ?? 'answers'}.json`,
        retry: () => {
          if (!this.submitted) return;
          void this.deliveries.retry(this.submitted.id);
          // The button goes while it sends: keep focus on the step, not lost to the page.
          this.focusAfterRender = 'heading';
        },
      });
    }
    return html`<h2 class="heading title" part="heading" tabindex="-1" data-step-heading>
        ${survey.title}
      </h2>
      ${(survey.intro ?? '').split(/\n{2,}/).map((p) => (p ? html`<p>${p}</p>` : nothing))}
      ${this.previewNotice()}
      <div class="actions">
        <button class="button" part="button button-primary" type="submit">
          ${this.text.start}
        </button>
      </div>`;
  }

  private renderQuestionStep(survey: SurveyDefinition, question: Question) {
    const number = survey.questions.indexOf(question) + 1;
    const view = {
      answer: this.answers[question.id],
      error: this.stepErrors.find((e) => e.fieldId === ids(question).field)?.message,
      strings: this.text,
      onAnswer: (answer: Answer | undefined) => this.setAnswer(question, answer),
    };
    let body;
    switch (question.type) {
      case 'words':
        body = renderWords({ ...view, question, lang: this.language() });
        break;
      case 'choice':
      case 'choices':
        body = renderChoice({ ...view, question });
        break;
      case 'scale':
        body = renderScale({ ...view, question });
        break;
      case 'text':
        body = renderText({ ...view, question, announcedCount: this.announcedCount });
        break;
    }
    return html`${this.backButton()}
      <p class="progress" part="progress">
        ${format(this.text.progress, { n: number, total: survey.questions.length })}
      </p>
      ${
        this.stepErrors.length
          ? renderErrorSummary(this.stepErrors, this.text, (id) => this.focusField(id))
          : nothing
      }
      ${body}
      <div class="actions">
        <button class="button" part="button button-primary" type="submit">
          ${this.text.continue}
        </button>
      </div>`;
  }

  private backButton() {
    return html`<button
      type="button"
      class="link-button back-link"
      part="button button-secondary"
      @click=${this.back}
    >
      ${this.text.back}
    </button>`;
  }

  private previewNotice() {
    return this.endpoint
      ? nothing
      : html`<p class="notice" part="notice">${this.text.noEndpoint}</p>`;
  }

  /** The steps of the survey in force, for integrators' progress displays. */
  get steps(): string[] {
    return this.survey ? stepKeys(this.survey) : [];
  }
}
