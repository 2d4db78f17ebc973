/**
 * The floor of the pages bench: a bare Lit element that renders the same 106 word buttons as the
 * survey's values question, with the same word-then-Keep interaction (click a word, a Keep /
 * Remove choice opens after it; click Keep and the word shows it is kept), and nothing else: no
 * validation, no storage, no focus management, no context, no transitions.
 */
import { LitElement, html, nothing, unsafeCSS } from 'lit';
import { CHIPS_CSS } from './chips.js';
import { PROMPT, TOKENS } from './statements.js';

type Choice = 'keep' | 'remove';

class FloorWords extends LitElement {
  static override styles = unsafeCSS(CHIPS_CSS);
  static override properties = { open: { state: true }, choices: { state: true } };

  declare open: string | undefined;
  declare choices: ReadonlyMap<string, Choice>;

  constructor() {
    super();
    this.open = undefined;
    this.choices = new Map();
  }

  override render() {
    return html`<h2>${PROMPT}</h2>
      ${TOKENS.map(
        (tokens, s) =>
          html`<p class="statement">
            ${tokens.map((token) => {
              if (!token.word) return `${token.before} `;
              const key = `${s}:${token.position}`;
              const choice = this.choices.get(key);
              return html`${token.before}<button
                  type="button"
                  class="chip"
                  data-choice=${choice === 'keep' ? 'kept' : choice === 'remove' ? 'removed' : nothing}
                  @click=${() => (this.open = this.open === key ? undefined : key)}
                >
                  ${token.word}${choice === 'keep' ? ' ✓' : choice === 'remove' ? ' ✗' : ''}</button
                >${this.open === key ? this.choice(key) : nothing}${token.after} `;
            })}
          </p>`,
      )}`;
  }

  private choice(key: string) {
    const decide = (choice: Choice) => () => {
      this.choices = new Map(this.choices).set(key, choice);
      this.open = undefined;
    };
    return html`<span class="choice"
      ><button type="button" class="choice-button" data-action="keep" @click=${decide('keep')}>
        Keep</button
      ><button type="button" class="choice-button" data-action="remove" @click=${decide('remove')}>
        Remove
      </button></span
    >`;
  }
}

customElements.define('floor-words', FloorWords);
