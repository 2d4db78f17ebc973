import type { PropertyValues } from 'lit';
import { ContextProvider } from '@lit/context';
import { stringsContext } from './context.js';
import { emit } from './events.js';
import { renderSurvey } from './render/survey.js';
import { surveySession } from './session/session.js';
import { visuallyHidden } from './shared-styles.js';
import { DEFAULT_STRINGS } from './strings.js';
import { surveyStyles } from './styles.js';
import { reportFault } from './support/fault.js';
import { ValuesSurveyProperties } from './survey-properties.js';
import type { ValuesSurveyWords } from './words/words-element.js';

/** Input that means someone is at the survey (kiosk mode's idle clock). */
const ACTIVITY = ['pointerdown', 'keydown', 'input'] as const;

/**
 * A values survey for an NHS trust, embeddable with one script tag. With no definition, and no
 * survey named by `survey`, it runs the Trust's built-in values refresh survey.
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
 * @csspart caption - The survey's title above each question, when the survey has no intro page.
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
 * @csspart start-details - On the start page: how long it takes, anonymity, contact, privacy notice.
 * @csspart previous - Coming back after Submit: where the earlier answers stand (also `notice`).
 * @csspart kiosk-warning - Kiosk mode: "Are you still there?" before the answers are cleared.
 * @csspart kiosk-next - Kiosk mode: on the confirmation, when it returns to the start, and Next person.
 *
 * @cssprop --values-survey-font-family - Font (default: inherited from the page).
 * @cssprop --values-survey-font-size - Base text size (default 1.1875em of the browser's default text size, 19px at 16px; 1em below 30em wide).
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
export class ValuesSurvey extends ValuesSurveyProperties {
  static override styles = [visuallyHidden, surveyStyles];

  /** The merged strings, provided to the parts inside (the word chips). */
  readonly #text = new ContextProvider(this, {
    context: stringsContext,
    initialValue: DEFAULT_STRINGS,
  });

  /** The survey's state and rules; this element renders its view and forwards input to it. */
  readonly #session = surveySession(this, (type, detail) => emit(this, type, detail), {
    // Download links for the files the session offers (a stuck response, unsent answers).
    link: (file) => URL.createObjectURL(file),
    unlink: (url) => URL.revokeObjectURL(url),
  });
  #scriptSeen: string | null = null;
  /** Re-reads the child script only when its text changed and nothing outranks it. */
  readonly #childObserver = new MutationObserver(() => {
    const text = this.#scriptText();
    if (text === this.#scriptSeen) return;
    this.#scriptSeen = text;
    if (this.definition === undefined && !this.src) this.#resolveDefinition();
  });

  override connectedCallback() {
    super.connectedCallback();
    // A child <script type="application/json"> edited at run time shows the new survey.
    this.#childObserver.observe(this, { childList: true, subtree: true, characterData: true });
    // Kiosk mode's idle clock: any input inside the survey (events from its shadow root too).
    for (const type of ACTIVITY) this.addEventListener(type, this.#onActivity);
    // Moved or re-added while its definition was loading: that load was abandoned, so start again.
    if (this.hasUpdated && this.#session.view.status === 'loading') this.#resolveDefinition();
    // A new place on the page may have another lang.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#childObserver.disconnect();
    for (const type of ACTIVITY) this.removeEventListener(type, this.#onActivity);
  }

  readonly #onActivity = () => this.#session.noteActivity();

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('strings')) this.#session.setStrings(this.strings);
    // Before the definition: a kiosk never reads the draft it finds as someone's to resume.
    if (
      (
        ['mode', 'collection', 'kioskReturnAfter', 'kioskIdleAfter', 'kioskWarningFor'] as const
      ).some((key) => changed.has(key))
    ) {
      this.#session.configureKiosk(this);
    }
    if (
      !this.hasUpdated ||
      changed.has('definition') ||
      changed.has('src') ||
      changed.has('survey')
    ) {
      this.#resolveDefinition();
    }
    if (
      (['endpoint', 'credentials', 'headers', 'sendTimeout'] as const).some((key) =>
        changed.has(key),
      )
    ) {
      this.#session.configureDelivery(this);
    }
    // Provided to the word chips, which render inside their own shadow roots.
    const strings = this.#session.view.strings;
    this.#text.setValue(strings);
  }

  protected override updated() {
    const target = this.#session.takeFocus();
    if (target === 'error-summary') {
      this.renderRoot.querySelector<HTMLElement>('[data-error-summary]')?.focus();
    } else if (target === 'clear-button') {
      this.renderRoot.querySelector<HTMLElement>('[data-clear]')?.focus();
    } else if (target === 'still-here') {
      this.renderRoot.querySelector<HTMLElement>('[data-still-here]')?.focus();
    } else if (target === 'heading') {
      this.#focusStepHeading();
    }
  }

  #scriptText(): string | null {
    const script = this.querySelector(':scope > script[type="application/json"]');
    return script ? (script.textContent ?? '') : null;
  }

  /** Hands the session every source of a definition; it decides which is in force. */
  #resolveDefinition() {
    this.#scriptSeen = this.#scriptText();
    const sources = {
      property: this.definition,
      src: this.src,
      scriptText: this.#scriptSeen,
      named: this.survey,
    };
    // Never rejects: the session shows and reports a definition it cannot use.
    this.#session.load(sources, this.definitionTimeout, this.draftMaxAge).catch(reportFault);
  }

  #focusStepHeading() {
    const heading = this.renderRoot.querySelector<HTMLElement>('[data-step-heading]');
    if (heading) {
      heading.focus();
      this.#revealStepTop();
      return;
    }
    // The word chips render their own heading, inside their own shadow root, a moment later.
    const words = this.renderRoot.querySelector<ValuesSurveyWords>('values-survey-words');
    words?.updateComplete
      .then(() => {
        words.focusHeading();
        this.#revealStepTop();
      })
      .catch(reportFault);
  }

  /**
   * Focusing the heading scrolls only as far as the heading, so after a long step a phone shows
   * the new step with Back and "Question n of 6" above the top of the screen: bring them back.
   */
  #revealStepTop() {
    const form = this.renderRoot.querySelector('form');
    if (form && form.getBoundingClientRect().top < 0) form.scrollIntoView({ block: 'start' });
  }

  override render() {
    return renderSurvey(this.#session.view, this.#session, this.#language());
  }

  /**
   * The language of the text: the definition's, else the page's nearest `lang`. Set explicitly
   * inside the shadow root because not every engine carries it across the boundary.
   */
  #language(): string | undefined {
    return (
      this.#session.view.survey?.lang ?? this.closest('[lang]')?.getAttribute('lang') ?? undefined
    );
  }

  /**
   * Whether the respondent's saved answers are still being read from the device. The survey is
   * shown and usable meanwhile; the answers are applied when they arrive, with a "Welcome back"
   * notice, unless the respondent has answered something by then (their new answers are kept,
   * and a notice says so).
   */
  get restoring(): boolean {
    return this.#session.view.restoring;
  }

  /** The steps of the survey in force, for integrators' progress displays. */
  get steps(): string[] {
    return this.#session.stepKeys;
  }
}
