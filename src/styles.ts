import { css } from 'lit';

/**
 * A calm NHS.UK-like default. Text follows the reader's own default text size: the host is sized
 * `medium` (the browser's default, 16 px unless the reader changed it) and every text size inside
 * is in em from there, so a host page's `html { font-size: 62.5% }` (which shrinks rem) or small
 * body text cannot shrink the survey, while a reader's larger default enlarges it. Boxes, borders
 * and the 44 px minimum targets stay in CSS px, which page zoom scales as it does text. The font
 * is inherited from the host page unless themed.
 */
export const surveyStyles = css`
  /* The page's own rules outrank :host, so only display, the base text size and private tokens
     are set here; everything else that must hold (sizes, colours, box model) is set on the
     elements inside the shadow root. A page rule that sizes the element itself
     (values-survey { font-size: ... }) therefore replaces the browser's default as the size
     the survey scales from, as a theme may. Colour tokens: each public
     --values-survey-color-* property that several rules use is read once, with its default,
     into a private --_* property of the same name (the word chips' styles follow the same
     convention); one that a single rule uses is read there. */
  :host {
    display: block;
    font-size: medium;
    --_text: var(--values-survey-color-text, #212b32);
    --_background: var(--values-survey-color-background, #ffffff);
    --_border-light: var(--values-survey-color-border-light, #d8dde0);
    --_secondary-text: var(--values-survey-color-secondary-text, #4c6272);
    --_error: var(--values-survey-color-error, #d5281b);
    --_primary: var(--values-survey-color-primary, #005eb8);
    --_link: var(--values-survey-color-link, #005eb8);
    --_focus: var(--values-survey-color-focus, #ffeb3b);
    --_focus-text: var(--values-survey-color-focus-text, #212b32);
    --_notice: var(--values-survey-color-notice, #eef7ff);
  }
  :host([hidden]) {
    display: none;
  }
  /* No rule here makes ::before or ::after boxes. */
  * {
    box-sizing: border-box;
  }
  .survey {
    font-family: var(--values-survey-font-family, inherit);
    /* 19 px for the default 16 px. */
    font-size: var(--values-survey-font-size, 1.1875em);
    line-height: 1.5;
    color: var(--_text);
    text-align: start;
    max-width: var(--values-survey-max-width, 44em);
    background: var(--_background);
    border: 1px solid var(--_border-light);
    border-radius: var(--values-survey-radius, 4px);
    padding: var(--values-survey-space, 24px);
  }
  /* A phone, or a window narrower than 30 times the reader's default text size (480 px at
     16 px): media queries measure em against the browser's default, so larger text switches
     sooner. */
  @media (max-width: 30em) {
    /* On a phone every pixel of width is a shorter words question: 12 px of padding (with the
       page's own margin, about GOV.UK's 15 px gutter) fits the values in 26 lines, not 28. */
    .survey {
      font-size: var(--values-survey-font-size, 1em);
      padding: 12px;
    }
  }
  p,
  ul,
  dl {
    margin: 0 0 16px;
  }
  /* Each statement of a words question keeps 0.125em either side for its first and last words'
     targets, which reach that far into the spaces beside them. Here that room is the survey's
     own padding, so the words take the column's full width and line up with the heading: with
     4 px less, a slightly wider default font (Firefox's serif) sets the values on a 27th line
     at 320 px. */
  values-survey-words::part(statement) {
    margin-inline: -0.125em;
  }
  .heading {
    font-size: 1.35em;
    line-height: 1.3;
    margin: 0 0 12px;
  }
  .heading:focus {
    outline: none;
  }
  .progress {
    color: var(--_secondary-text);
    margin: 0 0 8px;
  }
  .caption {
    color: var(--_secondary-text);
    font-weight: bold;
    margin: 0 0 4px;
  }
  .optional {
    font-weight: normal;
    color: var(--_secondary-text);
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    max-width: 100%;
  }
  .hint {
    color: var(--_secondary-text);
    margin: 0 0 16px;
  }
  .field--error {
    border-inline-start: 4px solid var(--_error);
    padding-inline-start: 16px;
  }
  .error-message {
    color: var(--_error);
    font-weight: bold;
  }
  /* Radios, checkboxes and scale points, state shown by the control's own mark. The label and
     the input share one grid cell: the label is the 44px target around the input (which sits
     on top of it), so a tap anywhere on the option, even beside a short label, chooses it. */
  .option,
  .scale-point {
    display: grid;
  }
  .option {
    grid-template-columns: 44px 1fr;
    margin: 0 0 8px;
  }
  input[type='radio'],
  input[type='checkbox'] {
    grid-area: 1 / 1;
    z-index: 1;
    width: 32px;
    height: 32px;
    margin: 6px;
    accent-color: var(--_primary);
    cursor: pointer;
  }
  .option label,
  .scale-point label {
    min-height: 44px;
    cursor: pointer;
  }
  .option label {
    grid-area: 1 / 1 / 2 / 3;
    padding: 8px 8px 8px 56px;
  }
  .divider {
    width: 44px;
    margin: 0 0 8px;
    text-align: center;
  }
  .option-hint {
    grid-column: 2;
    color: var(--_secondary-text);
    padding-inline-start: 12px;
  }
  /* The scale: one row of points down to 320px (each at least 44px wide), the end labels on a
     line of their own below it, so long labels never push the row apart. */
  .scale-box {
    max-width: 28em;
    margin: 0 0 8px;
  }
  .scale {
    display: flex;
    flex-wrap: wrap;
  }
  .scale-point {
    flex: 1 1 0;
    min-width: 44px;
    grid-template-columns: 1fr;
    justify-items: center;
  }
  .scale-point label {
    grid-area: 1 / 1;
    width: 100%;
    padding: 40px 0 4px;
    text-align: center;
    font-weight: bold;
  }
  .scale-ends {
    display: flex;
    justify-content: space-between;
    gap: 16px;
    font-size: 0.85em;
    color: var(--_secondary-text);
  }
  .scale-ends :last-child {
    text-align: end;
  }

  textarea {
    display: block;
    width: 100%;
    font: inherit;
    color: inherit;
    padding: 8px;
    border: 2px solid var(--values-survey-color-input-border, #4c6272);
    border-radius: 0;
    background: var(--_background);
    resize: vertical;
    min-height: 6em;
  }
  textarea.textarea--error {
    border-color: var(--_error);
  }
  .character-count {
    margin: 8px 0 0;
    color: var(--_secondary-text);
  }
  .character-count--over {
    color: var(--_error);
    font-weight: bold;
  }

  /* Buttons. Host pages' "button { all: unset }" cannot reach into the shadow root. */
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 16px;
    align-items: center;
    margin: 24px 0 0;
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-height: 44px;
    min-width: 44px;
    padding: 8px 16px;
    font: inherit;
    font-weight: 600;
    line-height: 1.2;
    border: 2px solid transparent;
    border-radius: var(--values-survey-radius, 4px);
    box-shadow: 0 4px 0 var(--values-survey-color-button-shadow, #00401e);
    color: var(--values-survey-color-button-text, #ffffff);
    background: var(--values-survey-color-button, #007f3b);
    cursor: pointer;
  }
  .button--secondary {
    color: var(--_text);
    background: var(--values-survey-color-secondary-button, #d9e1e2);
    box-shadow: 0 4px 0 var(--values-survey-color-secondary-button-shadow, #768692);
  }
  .button:hover {
    filter: brightness(0.92);
  }
  .link-button {
    font: inherit;
    min-height: 44px;
    min-width: 44px;
    padding: 8px 0;
    border: 0;
    background: none;
    color: var(--_link);
    text-decoration: underline;
    cursor: pointer;
  }
  a {
    color: var(--_link);
  }

  /* The NHS.UK focus style: yellow with a dark underline, never colour alone. */
  .button:focus-visible,
  .link-button:focus-visible,
  a:focus-visible,
  input:focus-visible {
    outline: 4px solid transparent;
    background-color: var(--_focus);
    color: var(--_focus-text);
    box-shadow:
      0 -2px var(--_focus),
      0 4px var(--_focus-text);
    text-decoration: none;
  }
  textarea:focus-visible {
    color: var(--_focus-text);
    box-shadow: inset 0 0 0 2px var(--_focus-text);
    outline: 4px solid var(--_focus);
    outline-offset: 0;
  }
  input:focus-visible {
    outline: 4px solid var(--_focus);
    outline-offset: 2px;
    box-shadow: 0 0 0 6px var(--_focus-text);
  }

  .error-summary {
    border: 4px solid var(--_error);
    padding: 16px;
    margin: 0 0 24px;
  }
  .error-summary:focus {
    outline: 4px solid var(--_focus);
    outline-offset: 0;
  }
  .error-summary-title {
    font-size: 1.2em;
    margin: 0 0 12px;
  }
  .error-summary-list {
    margin: 0;
    padding-inline-start: 0;
    list-style: none;
  }
  .error-summary-list a {
    color: var(--_error);
    font-weight: bold;
  }
  .definition-error {
    border: 4px solid var(--_error);
    padding: 16px;
  }
  .definition-problems {
    overflow-wrap: anywhere;
  }

  .summary-list {
    margin: 0 0 24px;
  }
  .summary-row {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 4px 16px;
    padding: 12px 0;
    border-bottom: 1px solid var(--_border-light);
  }
  .summary-row dt {
    font-weight: bold;
    grid-column: 1 / -1;
  }
  .summary-row dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .summary-text {
    white-space: pre-wrap;
  }
  .summary-list-values,
  .summary-statements {
    margin: 0 0 4px;
  }
  .summary-words-key {
    color: var(--_secondary-text);
    margin: 0 0 4px;
  }
  .summary-statements {
    padding-inline-start: 0;
    list-style: none;
  }
  .summary-statements li {
    margin: 0 0 4px;
  }
  /* Decided words: marked by their line (underlined or crossed out) and weight, not colour. */
  .summary-word--keep {
    font-weight: bold;
    text-decoration-line: underline;
    text-decoration-thickness: 2px;
    text-underline-offset: 3px;
  }
  .summary-word--remove {
    text-decoration-line: line-through;
    text-decoration-thickness: 2px;
  }
  .not-answered {
    color: var(--_secondary-text);
  }

  .notice {
    border-inline-start: 8px solid var(--_primary);
    background: var(--_notice);
    padding: 12px 16px;
    margin: 0 0 16px;
  }
  .notice--warning {
    border-color: var(--values-survey-color-warning, #ffb81c);
    background: var(--values-survey-color-warning-background, #fff9c4);
  }
  .confirmation {
    background: var(--values-survey-color-confirmation, #007f3b);
    color: #ffffff;
    padding: 24px;
    margin: 0 0 24px;
  }
  /* Live regions stay in place (empty) so later messages are announced. */
  .delivery-alert:empty {
    margin: 0;
  }
  /* Nothing is promised while the answers are on their way; a refusal is a problem, not a
     thank-you. */
  .confirmation--sending {
    background: var(--_notice);
    color: var(--_text);
  }
  .confirmation--refused {
    background: var(--_background);
    color: var(--_text);
    border: 4px solid var(--_error);
  }
  .subheading {
    font-size: 1.15em;
    margin: 24px 0 8px;
  }
  .support {
    border-inline-start: 4px solid var(--_border-light);
    padding-inline-start: 16px;
    margin: 24px 0 0;
  }

  @media (forced-colors: active) {
    .survey,
    .error-summary,
    .definition-error,
    .notice,
    .confirmation {
      border: 2px solid CanvasText;
    }
    .button {
      border: 2px solid ButtonText;
    }
    .button:focus-visible,
    .link-button:focus-visible,
    a:focus-visible,
    input:focus-visible,
    textarea:focus-visible {
      outline: 4px solid Highlight;
    }
    .field--error {
      border-inline-start-color: CanvasText;
    }
  }

  /* Issue 23: the start page's facts, the earlier response on coming back, kiosk mode. In em
     and rem, so they follow the reader's text size. */
  .start-details {
    border-inline-start: 0.25rem solid var(--_border-light);
    padding-inline-start: 1em;
    margin: 1.5em 0;
  }
  .start-details p {
    margin: 0 0 0.5em;
  }
  .start-details p:last-child {
    margin-bottom: 0;
  }
  /* Received: said with a tick as well as the colour of the bar. */
  .previous--sent {
    border-inline-start-color: var(--values-survey-color-confirmation, #007f3b);
  }
  .previous--sent p::before {
    content: '✓ ';
    content: '✓ ' / '';
    font-weight: bold;
  }
  .previous p,
  .kiosk-warning p {
    margin: 0;
  }
  .kiosk-warning .heading {
    margin: 0 0 0.5em;
  }
  .kiosk-warning .actions {
    margin: 1em 0 0;
  }
  .kiosk-next {
    border-top: 0.0625rem solid var(--_border-light);
    margin: 2em 0 0;
    padding: 1em 0 0;
  }
  @media (forced-colors: active) {
    .start-details {
      border-inline-start-color: CanvasText;
    }
    .kiosk-warning {
      border-width: 0.25rem;
    }
  }
`;
