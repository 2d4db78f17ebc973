import { css } from 'lit';

/**
 * A calm NHS.UK-like default. Sizes are in px so a host page's `html { font-size: 62.5% }` cannot
 * shrink the text; the font is inherited from the host page unless themed.
 */
export const surveyStyles = css`
  /* The page's own rules outrank :host, so only display and private tokens are set here;
     everything that must hold (sizes, colours, box model) is set on the elements inside the
     shadow root. Colour tokens: each public --values-survey-color-* property is read once, with
     its default, into a private --_* property of the same name that the rules use (the word
     chips' styles follow the same convention). */
  :host {
    display: block;
    --_text: var(--values-survey-color-text, #212b32);
    --_background: var(--values-survey-color-background, #ffffff);
    --_border-light: var(--values-survey-color-border-light, #d8dde0);
    --_secondary-text: var(--values-survey-color-secondary-text, #4c6272);
    --_error: var(--values-survey-color-error, #d5281b);
    --_primary: var(--values-survey-color-primary, #005eb8);
    --_input-border: var(--values-survey-color-input-border, #4c6272);
    --_button-shadow: var(--values-survey-color-button-shadow, #00401e);
    --_button-text: var(--values-survey-color-button-text, #ffffff);
    --_button: var(--values-survey-color-button, #007f3b);
    --_secondary-button: var(--values-survey-color-secondary-button, #d9e1e2);
    --_secondary-button-shadow: var(--values-survey-color-secondary-button-shadow, #768692);
    --_link: var(--values-survey-color-link, #005eb8);
    --_focus: var(--values-survey-color-focus, #ffeb3b);
    --_focus-text: var(--values-survey-color-focus-text, #212b32);
    --_notice: var(--values-survey-color-notice, #eef7ff);
    --_warning: var(--values-survey-color-warning, #ffb81c);
    --_warning-background: var(--values-survey-color-warning-background, #fff9c4);
    --_confirmation: var(--values-survey-color-confirmation, #007f3b);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .survey {
    font-family: var(--values-survey-font-family, inherit);
    font-size: var(--values-survey-font-size, 19px);
    line-height: 1.5;
    color: var(--_text);
    text-align: start;
    max-width: var(--values-survey-max-width, 44em);
    background: var(--_background);
    border: 1px solid var(--_border-light);
    border-radius: var(--values-survey-radius, 4px);
    padding: var(--values-survey-space, 24px);
  }
  @media (max-width: 480px) {
    .survey {
      font-size: var(--values-survey-font-size, 16px);
      padding: 16px;
    }
  }
  p,
  ul,
  dl {
    margin: 0 0 16px;
  }
  .title {
    font-size: 1.6em;
    line-height: 1.25;
    margin: 0 0 16px;
  }
  .heading {
    font-size: 1.35em;
    line-height: 1.3;
    margin: 0 0 12px;
  }
  .heading:focus,
  [data-error-summary]:focus {
    outline: none;
  }
  .progress {
    color: var(--_secondary-text);
    margin: 0 0 8px;
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
    margin: 0 0 16px;
  }
  /* Radios, checkboxes and scale points: 44px targets, state shown by the control's own mark. */
  .option,
  .scale-point {
    position: relative;
    display: flex;
    align-items: flex-start;
    gap: 12px;
    margin: 0 0 8px;
    min-height: 44px;
  }
  input[type='radio'],
  input[type='checkbox'] {
    flex: none;
    width: 32px;
    height: 32px;
    margin: 6px 0 0;
    accent-color: var(--_primary);
    cursor: pointer;
  }
  .option label,
  .scale-point label {
    padding: 8px 0;
    min-height: 44px;
    cursor: pointer;
  }
  .option-hint {
    color: var(--_secondary-text);
    flex-basis: 100%;
    margin: -8px 0 0 44px;
  }
  .option {
    flex-wrap: wrap;
  }
  .scale {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 16px;
  }
  .scale-point {
    flex-direction: column;
    align-items: center;
    gap: 0;
    min-width: 56px;
  }
  .scale-point label {
    display: flex;
    flex-direction: column;
    align-items: center;
    text-align: center;
    padding: 4px 0;
  }
  .scale-number {
    font-weight: bold;
  }
  .scale-label {
    font-size: 0.85em;
    color: var(--_secondary-text);
    max-width: 7em;
  }

  textarea {
    display: block;
    width: 100%;
    font: inherit;
    color: inherit;
    padding: 8px;
    border: 2px solid var(--_input-border);
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
    box-shadow: 0 4px 0 var(--_button-shadow);
    color: var(--_button-text);
    background: var(--_button);
    cursor: pointer;
  }
  .button--secondary {
    color: var(--_text);
    background: var(--_secondary-button);
    box-shadow: 0 4px 0 var(--_secondary-button-shadow);
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
  textarea:focus-visible,
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
    background-color: var(--_background);
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
  .definition-problems code {
    font-weight: bold;
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
  .summary-words,
  .summary-list-values {
    margin: 0 0 4px;
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
  .notice:empty {
    display: none;
  }
  .notice--warning {
    border-color: var(--_warning);
    background: var(--_warning-background);
  }
  .confirmation {
    background: var(--_confirmation);
    color: #ffffff;
    padding: 24px;
    margin: 0 0 24px;
  }
  /* Live regions stay in place (empty) so later messages are announced. */
  .delivery-status:empty,
  .delivery-alert:empty {
    margin: 0;
  }
  .confirmation .heading {
    color: inherit;
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
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
      scroll-behavior: auto !important;
    }
  }
`;
