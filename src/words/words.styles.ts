import { css } from 'lit';

/**
 * Styles for `<values-survey-words>`. State is always shown by more than colour: a tick and a
 * border for kept words, strike-through and a cross for removed ones, so the same rules still
 * work when forced colours replace every colour.
 */
export const wordsStyles = css`
  :host {
    display: block;
    --_text: var(--values-survey-color-text, #212b32);
    --_secondary-text: var(--values-survey-color-secondary-text, #4c6272);
    --_chip-border: var(--values-survey-color-chip-border, #aeb7bd);
    --_background: var(--values-survey-color-background, #ffffff);
    --_chip: var(--values-survey-color-chip, #f0f4f5);
    --_focus: var(--values-survey-color-focus, #ffeb3b);
    --_kept: var(--values-survey-color-kept, #007f3b);
    --_kept-background: var(--values-survey-color-kept-background, #e6f2eb);
    --_removed: var(--values-survey-color-removed, #d5281b);
    --_removed-background: var(--values-survey-color-removed-background, #fbeae8);
    --_error: var(--values-survey-color-error, #d5281b);
    color: var(--_text);
  }

  [hidden] {
    display: none !important;
  }

  fieldset {
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }

  fieldset.invalid {
    padding-inline-start: 16px;
    border-inline-start: 4px solid var(--_error);
  }

  legend {
    box-sizing: border-box;
    max-width: 100%;
    padding: 0;
    overflow-wrap: break-word;
  }
  /* Matches the survey's own step headings. */
  .heading {
    font-size: 1.35em;
    line-height: 1.3;
    margin: 0 0 12px;
  }
  .heading:focus {
    outline: none;
  }
  .optional {
    font-weight: normal;
    color: var(--_secondary-text);
  }

  .hint {
    margin: 0 0 16px;
    color: var(--_secondary-text);
  }

  .error {
    margin: 0 0 16px;
    color: var(--_error);
    font-weight: 600;
  }

  /* Each statement reads as a sentence: inline flow with real spaces, chips as atomic boxes. */
  .statement {
    margin: 0 0 16px;
    line-height: 1.5;
    overflow-wrap: anywhere;
  }

  .token {
    display: inline-flex;
    align-items: center;
    max-width: 100%;
    margin-block: 2px;
    vertical-align: middle;
    white-space: nowrap;
  }

  .chip {
    box-sizing: border-box;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 2px;
    min-width: 44px;
    min-height: 44px;
    max-width: 100%;
    margin: 0;
    padding: 0 6px;
    border: 2px solid var(--_chip-border);
    border-radius: 4px;
    background: var(--_chip);
    color: var(--_text);
    font: inherit;
    line-height: 1.2;
    white-space: normal;
    overflow-wrap: anywhere;
    cursor: pointer;
    touch-action: manipulation;
    -webkit-tap-highlight-color: transparent;
  }

  .chip:hover {
    border-color: var(--_text);
  }

  .chip[data-choice='kept'] {
    border-color: var(--_kept);
    background: var(--_kept-background);
  }

  .chip[data-choice='removed'] {
    border-color: var(--_removed);
    border-style: dashed;
    background: var(--_removed-background);
    text-decoration: line-through;
    text-decoration-thickness: 2px;
  }

  .glyph {
    font-weight: 700;
    text-decoration: none;
  }

  .chip[data-choice='kept'] .glyph {
    color: var(--_kept);
  }

  .chip[data-choice='removed'] .glyph {
    color: var(--_removed);
  }

  .chip[aria-expanded='true'] {
    border-color: var(--_text);
    border-style: solid;
  }

  /* The choice sits in the sentence's own flow right after its word, so it wraps like text and
     can never be positioned off-screen, however narrow the page. */
  .choice {
    box-sizing: border-box;
    display: inline-flex;
    flex-wrap: wrap;
    gap: 6px;
    max-width: 100%;
    margin: 2px 4px;
    padding: 4px;
    border: 2px solid var(--_text);
    border-radius: 4px;
    background: var(--_background);
    vertical-align: middle;
    white-space: normal;
  }

  .choice-button {
    box-sizing: border-box;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 4px;
    min-width: 44px;
    min-height: 44px;
    margin: 0;
    padding: 0 12px;
    border: 2px solid var(--_text);
    border-radius: 4px;
    background: var(--_background);
    color: var(--_text);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    touch-action: manipulation;
  }

  .choice-button[data-action='keep'] .glyph {
    color: var(--_kept);
  }

  .choice-button[data-action='remove'] .glyph {
    color: var(--_removed);
  }

  .choice-button[aria-current='true'] {
    border-width: 4px;
  }

  /* NHS.UK focus: yellow with a dark underline, on a transparent outline that forced colours
     turn into a visible system-colour outline. */
  .chip:focus,
  .choice-button:focus {
    outline: 4px solid transparent;
    outline-offset: 0;
  }

  .chip:focus-visible,
  .choice-button:focus-visible {
    border-color: var(--_focus);
    background: var(--_focus);
    box-shadow: 0 4px 0 0 var(--_text);
    color: var(--_text);
  }

  .chip:focus-visible .glyph,
  .choice-button:focus-visible .glyph {
    color: var(--_text);
  }

  .tally {
    margin: 0;
    color: var(--_secondary-text);
  }

  @media (prefers-reduced-motion: no-preference) {
    .chip,
    .choice-button {
      transition:
        background-color 120ms ease-out,
        border-color 120ms ease-out;
    }
  }

  @media (forced-colors: active) {
    .chip,
    .choice-button {
      border-color: ButtonText;
    }

    .chip[data-choice='kept'] {
      border-width: 4px;
      border-style: double;
      border-color: ButtonText;
    }

    .chip[data-choice='removed'] {
      border-style: dashed;
      border-color: ButtonText;
      text-decoration: line-through;
    }

    .chip[data-choice] .glyph,
    .choice-button .glyph {
      color: ButtonText;
    }

    .chip:focus-visible,
    .choice-button:focus-visible {
      outline: 3px solid Highlight;
      outline-offset: 2px;
      color: ButtonText;
    }

    .choice,
    .error,
    fieldset.invalid {
      border-color: CanvasText;
    }
  }
`;
