import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { ContextConsumer } from '@lit/context';
import { stringsContext } from '../context.js';
import type { WordDecision } from '../response/schema.js';
import { DEFAULT_STRINGS, format, wordCount, type SurveyStrings } from '../strings.js';
import {
  buildStatements,
  DecisionIndex,
  keyOf,
  type Choice,
  type StatementView,
  type TokenView,
} from './decisions.js';
import { chipFor, tabStopOf } from './roving.js';
import { wordsStyles } from './words.styles.js';
import { visuallyHidden } from '../shared-styles.js';
import { describedBy, hint, ids, optionalMarker } from '../render/fields.js';
import { reportFault } from '../support/fault.js';

/** Detail of the `words-change` event: every decision now in force. */
export interface WordsChangeDetail {
  /** Sorted by statement, then position; a cleared word is absent. */
  decisions: WordDecision[];
}

export type WordsChangeEvent = CustomEvent<WordsChangeDetail>;

/** Lit's `hasChanged` for string lists: a parent re-rendering with equal new arrays is no change. */
function listChanged(a: readonly string[] = [], b: readonly string[] = []): boolean {
  return a.length !== b.length || a.some((item, index) => item !== b[index]);
}

/**
 * The keep-or-remove word chips of a `words` question: each statement reads as a sentence (words
 * look like text with a dotted underline, each in a 44 x 44 px target) and each of its words is a
 * button. Choosing a word opens a small Keep / Remove / Clear choice over the text beside it:
 * below the word, or above it where the viewport has no room below, kept inside the statement's
 * width and never over the word itself. It is taken out of the text's flow, so opening a word
 * never moves any other word. It closes with Escape, a second press on the word, or a decision.
 *
 * The answer is a list of decisions. `statement` is the zero-based index of the statement;
 * `position` is the zero-based index of the token among the statement's white-space separated
 * tokens, counting every token (excluded words and lone punctuation included), so positions are
 * stable and a back-end can map them back onto the statement text. `word` is the token without
 * leading or trailing punctuation, as written ("staff," gives `staff`; "co-create" stays whole).
 * A word decided twice keeps the last choice; a cleared word is absent. Decisions passed in that no
 * longer match a chip (the statement changed, or the word is now excluded) are dropped from the
 * next `words-change`.
 *
 * Names: each statement's toolbar is named by its text, so a screen reader hears the sentence on
 * entering it; each word is named with its place ("continue, word 12 of Statement 2"), so no word
 * shares a name with a button or with the same word elsewhere.
 *
 * Keyboard: each statement is a toolbar with one Tab stop, so Tab moves to the next statement;
 * the instructions show over the text above the statement while one of its words (or its open
 * choice) has keyboard focus, so they move no text and cover none of the statement or what
 * follows it; they are always in the group's description. Left and Right move between words
 * (mirrored right to left) and stop at the first and last word of the statement, as in the APG
 * toolbar pattern without wrapping; Home and End jump there. Enter or Space opens the choice
 * (focus moves to Keep; Left and Right move along its buttons), Escape closes it and returns to
 * the word; K and R keep or remove the focused word directly, Delete or Backspace clears it.
 * Only the open word has `aria-expanded` (true), so a screen reader does not hear "collapsed" on
 * every word.
 *
 * Strings come from the survey's `stringsContext` provider, or the en-GB defaults without one.
 *
 * @summary Word chips to keep or remove, for a `words` question.
 *
 * @fires words-change - `CustomEvent<{ decisions: WordDecision[] }>`, on user action only (never
 *   when a property is set), with every decision now in force. Bubbles, not composed. Cancelable:
 *   a listener that calls `preventDefault()` reverts the change.
 *
 * @csspart legend - The question prompt.
 * @csspart hint - The hint below the prompt.
 * @csspart error - The inline error message.
 * @csspart statement - One statement (a toolbar of chips).
 * @csspart chip - Every word chip.
 * @csspart chip-kept - A chip whose word is kept.
 * @csspart chip-removed - A chip whose word is removed.
 * @csspart choice - The open Keep / Remove / Clear group.
 * @csspart choice-button - Each button in the choice.
 * @csspart keys - The keyboard instructions (every key the words support), over the text above a statement whose word has keyboard focus.
 * @csspart tally - The live count of kept and removed words.
 *
 * @cssprop --values-survey-color-text - Text and borders (default NHS black `#212b32`).
 * @cssprop --values-survey-color-secondary-text - Hint and tally text (default `#4c6272`).
 * @cssprop --values-survey-color-chip-border - Dotted underline of an undecided word (default `#aeb7bd`).
 * @cssprop --values-survey-color-background - Choice background (default white).
 * @cssprop --values-survey-color-focus - Focus highlight (default NHS yellow `#ffeb3b`).
 * @cssprop --values-survey-color-error - Error text and border (default NHS red `#d5281b`).
 * @cssprop --values-survey-color-chip - Background of a hovered or open word, and of the keyboard instructions (default `#f0f4f5`).
 * @cssprop --values-survey-color-kept - Kept word's underline and tick (default NHS green `#007f3b`).
 * @cssprop --values-survey-color-kept-background - Background of a pressed Keep button.
 * @cssprop --values-survey-color-removed - Removed word's strike-through and cross (default NHS red `#d5281b`).
 * @cssprop --values-survey-color-removed-background - Background of a pressed Remove button.
 * @tag values-survey-words
 */
export class ValuesSurveyWords extends LitElement {
  static override styles = [visuallyHidden, wordsStyles];
  // Reactive properties declared here rather than with decorators, as on <values-survey>: the
  // same behaviour, without the decorator helpers in the bundle.
  static override properties = {
    questionId: { attribute: 'question-id' },
    prompt: {},
    hint: {},
    error: {},
    required: { type: Boolean },
    statements: { attribute: false, hasChanged: listChanged },
    exclude: { attribute: false, hasChanged: listChanged },
    decisions: { attribute: false },
    // Internal state (what @state() declares): reactive, never an attribute.
    openKey: { attribute: false },
    keysAt: { attribute: false },
  };

  /** The question id; the element's own ids are derived from it. */
  questionId = '';

  /** The question, shown as the fieldset's legend (as text). */
  prompt = '';

  /** Help text below the prompt; describes the group. */
  hint?: string;

  /** An inline error message; when set, the group is marked invalid and described by it. */
  error?: string;

  /** When false, "(optional)" follows the prompt, as on the survey's other questions. */
  required = false;

  /** The statements whose words are chips, in order. */
  statements: string[] = [];

  /** Words shown as plain text instead of chips (case-insensitive, punctuation ignored). */
  exclude: string[] = [];

  /** The decisions in force. Setting this never fires `words-change`. */
  decisions: WordDecision[] = [];

  /** The survey's strings; a new value re-renders (the consumer requests the update). */
  readonly #provided = new ContextConsumer(this, { context: stringsContext, subscribe: true });

  /** `statement:position` of the word whose choice is open. */
  private openKey?: string;

  /** Places the open choice again when the words reflow (a rotated phone, a zoomed page). */
  #reflow?: ResizeObserver;

  /** The statement whose word has keyboard focus: the keyboard instructions show above it. */
  private keysAt?: number;

  /**
   * Whether the respondent is using a pointer here (a mouse or a tap), until focus leaves the
   * words or a key is pressed. A word the choice gives focus back to after a tap can match
   * `:focus-visible` (focus moved by script), yet a pointer user needs no keyboard instructions
   * covering the text above the statement.
   */
  #pointer = false;

  /**
   * Per statement, the position of the chip holding the roving tab stop. Changed in place, with
   * an update requested (see #setTabStop).
   */
  #tabStops: (number | undefined)[] = [];

  // Derived in willUpdate, only when their inputs change, so a decision never re-tokenises.
  #views: StatementView[] = [];
  #index = new DecisionIndex([], []);

  get #strings(): SurveyStrings {
    return this.#provided.value ?? DEFAULT_STRINGS;
  }

  /** Moves focus to the question's heading: the survey calls this when the step opens. */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('.heading')?.focus();
  }

  /** Moves focus to the word with the first statement's tab stop (for the error summary link). */
  override focus(options?: FocusOptions): void {
    const chip = this.renderRoot.querySelector<HTMLElement>('.chip[tabindex="0"]');
    if (chip) chip.focus(options);
    else super.focus(options);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#reflow?.disconnect();
    this.#reflow = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Equal new arrays from a parent's render never get here (see listChanged).
    const textChanged = changed.has('statements') || changed.has('exclude');
    if (textChanged) {
      this.#views = buildStatements(this.statements ?? [], this.exclude ?? []);
      this.openKey = undefined;
      this.#tabStops = [];
    }
    if (textChanged || changed.has('decisions')) {
      this.#index = new DecisionIndex(this.#views, this.decisions ?? []);
    }
  }

  protected override updated(changed: PropertyValues): void {
    // Placed before the frame is painted, so the choice never shows where it does not belong.
    const choice = this.renderRoot.querySelector<HTMLElement>('.choice');
    if (choice) placeChoice(choice, this.#openChip());
    if (!changed.has('openKey')) return;
    this.#reflow?.disconnect();
    if (!choice) return;
    this.#reflow ??= new ResizeObserver(() =>
      placeChoice(this.renderRoot.querySelector<HTMLElement>('.choice'), this.#openChip()),
    );
    // The words reflow when the element's width changes, which changes its size too.
    this.#reflow.observe(this);
  }

  protected override render(): TemplateResult {
    const strings = this.#strings;
    const ids = idsOf(this.questionId);
    // The hint and its id as on the survey's other questions.
    const question = { id: this.questionId, hint: this.hint };
    return html`<fieldset
      lang=${this.lang || nothing}
      aria-describedby=${describedBy(question, this.error, ids.keys)}
      aria-invalid=${this.error ? 'true' : nothing}
    >
      <legend part="legend">
        <h2 class="heading" tabindex="-1">
          ${this.prompt}${this.required ? nothing : optionalMarker(strings)}
        </h2>
      </legend>
      ${hint(question)}
      <span class="visually-hidden" id=${ids.keys}>${strings.wordsKeyboardHint}</span>
      ${
        this.error
          ? html`<p class="error" part="error" id=${ids.error}>
              <span class="visually-hidden">${strings.errorPrefix}</span> ${this.error}
            </p>`
          : nothing
      }
      <div
        class="statements"
        @click=${this.#onClick}
        @mousedown=${this.#onMouseDown}
        @keydown=${this.#onKeyDown}
        @focusin=${this.#onFocusIn}
        @focusout=${this.#onFocusOut}
      >
        ${this.#views.map((view) => {
          const tabStop = tabStopOf(view, this.#tabStops);
          const open = this.openKey?.startsWith(`${view.index}:`) ? this.openKey : '';
          // A decision or a focus move re-renders one statement, not all 300 words.
          return guard(
            [
              view,
              strings,
              this.error,
              this.questionId,
              tabStop,
              open,
              this.keysAt === view.index,
              this.#index.signatures[view.index],
            ],
            () => this.#renderStatement(view, tabStop, ids),
          );
        })}
      </div>
      <p class="tally" part="tally" role="status">${this.#tallyText()}</p>
    </fieldset>`;
  }

  #tallyText(): string {
    const strings = this.#strings;
    const { kept, removed } = this.#index;
    if (kept === 0 && removed === 0) return strings.wordsNone;
    return format(strings.wordsTally, {
      kept: wordCount(strings, kept),
      removed: wordCount(strings, removed),
    });
  }

  #renderStatement(view: StatementView, tabStop: number | undefined, ids: Ids): TemplateResult {
    if (view.chips.length === 0) {
      // Its own text: white space collapses as it does between the tokens of a toolbar.
      return html`<p class="statement" part="statement">${this.statements[view.index]}</p>`;
    }
    return html`<div
      class="statement"
      part="statement"
      role="toolbar"
      aria-label=${this.statements[view.index]}
      aria-describedby=${this.error ? ids.error : nothing}
    >
      ${
        this.keysAt === view.index
          ? html`<p class="keys" part="keys" aria-hidden="true">
              ${this.#strings.wordsKeyboardHint}
            </p>`
          : nothing
      }${view.tokens.map((token) =>
        token.chip
          ? this.#renderChip(view, token, tabStop, ids)
          : html`<span class="plain">${token.before}${token.word}${token.after}</span> `,
      )}
    </div>`;
  }

  /** A word chip in its punctuation, then its choice if open, then the space after it. */
  #renderChip(
    view: StatementView,
    token: TokenView,
    tabStop: number | undefined,
    ids: Ids,
  ): TemplateResult {
    const key = keyOf(view.index, token.position);
    const choice = this.#index.choiceAt(key);
    const shown = choice && SHOWN[choice];
    const strings = this.#strings;
    // Unambiguous for voice control and screen readers: the word "continue" is not the
    // Continue button. The statement's own name (its text) is heard on entering it.
    const label = format(strings.wordName, {
      word: shown ? format(strings[shown.name], { word: token.word }) : token.word,
      n: view.chips.indexOf(token.position) + 1,
      statement: format(strings.statementLabel, { n: view.index + 1 }),
    });
    const open = this.openKey === key;
    return html`<span class="token"
        >${token.before}<button
          type="button"
          class="chip"
          part=${shown ? `chip chip-${shown.state}` : 'chip'}
          data-statement=${view.index}
          data-position=${token.position}
          tabindex=${token.position === tabStop ? 0 : -1}
          aria-label=${label}
          aria-expanded=${open ? 'true' : nothing}
          aria-controls=${open ? ids.choice : nothing}
        >
          ${token.word}${shown ? glyph(shown.glyph) : nothing}</button
        >${token.after}</span
      >${open ? this.#renderChoice(token, key, choice, ids) : nothing} `;
  }

  #renderChoice(
    token: TokenView,
    key: string,
    current: Choice | undefined,
    ids: Ids,
  ): TemplateResult {
    const strings = this.#strings;
    // Keep and Remove are toggle buttons showing the word's current choice; Clear is an action.
    const button = (action: Choice | 'clear', text: string) =>
      html`<button
        type="button"
        class="choice-button"
        part="choice-button"
        data-action=${action}
        aria-pressed=${action === 'clear' ? nothing : current === action}
      >
        ${action === 'clear' ? nothing : glyph(SHOWN[action].glyph)}${text}
      </button>`;
    return html`<span
      class="choice"
      part="choice"
      role="group"
      id=${ids.choice}
      data-key=${key}
      aria-label=${format(strings.wordChoiceLabel, { word: token.word })}
      >${button('keep', strings.keep)}${button('remove', strings.remove)}${
        current ? button('clear', strings.clear) : nothing
      }</span
    >`;
  }

  // --- Interaction -------------------------------------------------------------------------

  #chipAt(statement: number, position: number): HTMLButtonElement | null {
    return this.renderRoot.querySelector<HTMLButtonElement>(
      `.chip[data-statement="${statement}"][data-position="${position}"]`,
    );
  }

  /** The word whose choice is on screen. */
  #openChip(): HTMLButtonElement | null {
    return this.renderRoot.querySelector<HTMLButtonElement>('.chip[aria-expanded="true"]');
  }

  #setTabStop(statement: number, position: number): void {
    if (this.#tabStops[statement] === position) return;
    this.#tabStops[statement] = position;
    this.requestUpdate();
  }

  async #openChoice(statement: number, position: number): Promise<void> {
    this.#setTabStop(statement, position);
    // Focus may be in another word's choice, which this update removes: park it on the word
    // first, so removing the choice never drops focus on the page.
    if (this.openKey) focusInPlace(this.#chipAt(statement, position));
    this.openKey = keyOf(statement, position);
    await this.updateComplete;
    const keep = this.renderRoot.querySelector<HTMLElement>('.choice-button');
    focusInPlace(keep);
    // Placed inside the viewport where it fits; where nothing fits (a page zoomed to 400%),
    // scrolled into view, in the next frame when layout is due anyway.
    requestAnimationFrame(() => keep?.parentElement?.scrollIntoView({ block: 'nearest' }));
  }

  /** Opens the word's choice, or closes it if it is the one open (a click, Enter or Space). */
  #toggleChoice(statement: number, position: number): void {
    if (this.openKey === keyOf(statement, position)) this.#closeChoice(true);
    else this.#openChoice(statement, position).catch(reportFault);
  }

  /** Closes the choice; focus goes back to its word first, so it is never dropped on the page. */
  #closeChoice(refocus: boolean): void {
    // The word is on screen: its choice, just used, sits right after it.
    if (refocus) focusInPlace(this.#openChip());
    this.openKey = undefined;
  }

  #decide(statement: number, position: number, choice: Choice | undefined): void {
    const decisions = this.#index.decide(statement, position, choice);
    if (!decisions) return;
    const previous = this.decisions;
    this.decisions = decisions;
    // Not composed (the default): it stays in the shadow tree the element is in.
    const event = new CustomEvent<WordsChangeDetail>('words-change', {
      detail: { decisions },
      bubbles: true,
      cancelable: true,
    });
    // Like material-web's filter chip: a listener may veto the change.
    if (!this.dispatchEvent(event)) this.decisions = previous;
  }

  #onMouseDown(event: MouseEvent): void {
    this.#pointer = true;
    // A pointer on a chip must not move focus: focus goes where the choice puts it, and a
    // choice already open does not close under the pointer before its click arrives.
    if (chipOf(event.target)) event.preventDefault();
  }

  #onClick(event: MouseEvent): void {
    const target = event.target as Element;
    const action = target.closest<HTMLElement>('.choice-button')?.dataset.action;
    const chip = action ? this.#openChip() : chipOf(target);
    if (!chip) return;
    const { statement, position } = refOf(chip);
    if (action) {
      this.#closeChoice(true);
      this.#decide(statement, position, action === 'clear' ? undefined : (action as Choice));
    } else {
      this.#toggleChoice(statement, position);
    }
  }

  #onFocusIn(event: FocusEvent): void {
    const chip = chipOf(event.target);
    if (!chip) return;
    const { statement, position } = refOf(chip);
    // Shown for keyboard focus only: a pointer reaches words directly.
    if (!this.#pointer && chip.matches(':focus-visible')) this.keysAt = statement;
    this.#setTabStop(statement, position);
  }

  /** Focus leaving the open choice, except to its own word, closes it. */
  #onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Element | null;
    // The instructions stay while focus goes from a word into its choice, so they do not blink
    // as a word opens by keyboard; focus moving to another word sets them again in the focusin
    // that follows, in one update.
    if (!next?.closest('.choice')) this.keysAt = undefined;
    if (!next || !this.renderRoot.contains(next)) this.#pointer = false;
    const choice = (event.target as Element).closest<HTMLElement>('.choice');
    // Only the choice that is open may close itself (a replaced one can blur as it is removed).
    if (!choice || choice.dataset.key !== this.openKey || choice.contains(next)) return;
    // The window losing focus is not the respondent leaving the choice; Shift+Tab back to its
    // own word keeps the choice open, like a disclosure.
    if (next ? next === this.#openChip() : !document.hasFocus()) return;
    this.openKey = undefined;
  }

  #onKeyDown(event: KeyboardEvent): void {
    this.#pointer = false;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const { key } = event;
    const target = event.target as HTMLElement;
    const handled = (): void => {
      event.preventDefault();
      event.stopPropagation();
    };
    if (target.closest('.choice')) {
      if (key === 'Escape') {
        handled();
        this.#closeChoice(true);
      } else if (key === 'ArrowLeft' || key === 'ArrowRight') {
        // Along Keep, Remove and Clear (siblings), stopping at either end.
        event.preventDefault();
        const forwards = (key === 'ArrowRight') !== target.matches(':dir(rtl)');
        const next = forwards ? target.nextElementSibling : target.previousElementSibling;
        (next as HTMLElement | null)?.focus();
      }
      return;
    }
    const chip = chipOf(target);
    if (!chip) return;
    const { statement, position } = refOf(chip);
    if (key === 'Enter' || key === ' ') {
      // Handled here, not by the click the key would cause, so the key press cannot go on to
      // activate the choice button that receives focus.
      handled();
      this.#toggleChoice(statement, position);
    } else if (key === 'Escape') {
      if (!this.openKey) return;
      handled();
      this.#closeChoice(false);
    } else if (/^[kr]$/i.test(key)) {
      handled();
      this.openKey = undefined;
      this.#decide(statement, position, /k/i.test(key) ? 'keep' : 'remove');
    } else if (key === 'Delete' || key === 'Backspace') {
      handled();
      this.openKey = undefined;
      this.#decide(statement, position, undefined);
    } else {
      const rtl = key[0] === 'A' && chip.matches(':dir(rtl)');
      const next = chipFor(this.#views[statement], position, key, rtl);
      if (next === undefined) return;
      handled();
      this.#moveTo(statement, next);
    }
  }

  #moveTo(statement: number, position: number): void {
    this.openKey = undefined;
    this.#setTabStop(statement, position);
    this.#chipAt(statement, position)?.focus();
  }
}

/** The ids in the element's shadow root, made from the question id as on other questions. */
function idsOf(questionId: string) {
  const { field, error } = ids({ id: questionId });
  return { error, keys: `${field}-keys`, choice: `${field}-choice` };
}

type Ids = ReturnType<typeof idsOf>;

/** How a decided word shows its choice: its part (`chip-kept`), its glyph and its name's string. */
const SHOWN = {
  keep: { state: 'kept', glyph: '✓', name: 'wordKept' },
  remove: { state: 'removed', glyph: '✗', name: 'wordRemoved' },
} as const;

/** A tick or a cross, beside a word or on a choice button; screen readers hear the name instead. */
const glyph = (text: string) => html`<span class="glyph" aria-hidden="true">${text}</span>`;

/**
 * Puts the open choice over the text beside its word, never over the word itself: below it, or
 * above it when the viewport has no room below but has room above; its start lined up with the
 * word's start, moved in to stay inside the statement and the viewport. The choice is positioned
 * absolutely in its statement, so no other text moves.
 */
function placeChoice(choice: HTMLElement | null, chip: HTMLElement | null): void {
  const statement = choice?.offsetParent;
  if (!choice || !chip || !statement) return;
  const box = statement.getBoundingClientRect();
  const word = chip.getBoundingClientRect();
  const { width, height } = choice.getBoundingClientRect();
  const wanted = chip.matches(':dir(rtl)') ? word.right - width : word.left;
  const start = Math.max(box.left, 0);
  const end = Math.min(box.right, document.documentElement.clientWidth);
  const left = Math.max(start, Math.min(wanted, end - width));
  const above = word.bottom + height > innerHeight && word.top - height >= 0;
  // CSSOM, not a style attribute, so a strict Content Security Policy allows it.
  choice.style.left = `${left - box.left}px`;
  choice.style.top = `${(above ? word.top - height : word.bottom) - box.top}px`;
}

/** Focuses without scrolling, which would force a layout on the decision's path. */
function focusInPlace(element: HTMLElement | null): void {
  element?.focus({ preventScroll: true });
}

/** The chip an event inside the statements came from (its targets are always elements). */
function chipOf(target: EventTarget | null): HTMLButtonElement | null {
  return (target as Element).closest<HTMLButtonElement>('button.chip');
}

function refOf(chip: HTMLElement): { statement: number; position: number } {
  return { statement: Number(chip.dataset.statement), position: Number(chip.dataset.position) };
}

declare global {
  interface HTMLElementEventMap {
    'words-change': WordsChangeEvent;
  }
}
