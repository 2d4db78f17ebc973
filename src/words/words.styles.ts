import { css } from 'lit';

/**
 * Styles for `<values-survey-words>`. Statements read as prose: words are text with a dotted
 * underline, not boxes, yet every word is a 44 x 44 px target (padding, never a visible box).
 * Text follows the size it inherits (the survey's, which follows the browser's default text
 * size): line heights are relative to it, so larger text makes taller rows, never overlapping
 * ones; the 44 px minimums, borders and lines stay in CSS px, which page zoom scales.
 * State is always shown by more than colour: a solid underline and a tick for kept words,
 * strike-through and a cross for removed ones, so the same rules still work when forced colours
 * replace every colour. Nothing transitions: a colour transition repaints the text every frame
 * of every decision.
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

  fieldset {
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }

  /* An invalid question's red bar is drawn by the survey's field, around the heading too, as
     for every other question type; one here as well would draw a second bar inside it. */

  legend {
    max-width: 100%;
    padding: 0;
    overflow-wrap: break-word;
  }
  /* Matches the survey's own step headings. */
  .heading {
    font-size: 1.35em;
    line-height: 1.3;
    margin: 0 0 12px;
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

  /* A paragraph of prose with real spaces; each line is one row of targets, 44 px for 16 px
     text (a 1.5 line + 2 x 10 px). Statements are a whole 1em further apart than lines, so
     each reads as its own sentence; the tally follows the last line's targets, whose 10 px
     below the text space it off. The open choice is positioned in its statement. */
  .statement {
    position: relative;
    margin: 0;
    /* Room for the first and last words' targets, which reach into the spaces beside them. */
    padding: 0 0.125em;
    line-height: 1.5;
    overflow-wrap: anywhere;
  }
  .statement ~ .statement {
    margin-top: 1em;
  }

  /* Punctuation stays on the line of its word. */
  .token {
    white-space: nowrap;
  }

  /* A word: text with a dotted underline in a 44 x 44 px target (the 1.5 line + 2 x 10 px).
     Its box reaches half-way into the spaces either side (a space is at least 0.25em in text
     fonts), with as much padding, so text keeps the spacing of prose, a short word's 44 px takes
     in the spaces beside it, and targets never overlap. */
  .chip {
    display: inline-block;
    min-width: 44px;
    max-width: 100%;
    margin: 0 -0.125em;
    padding: 10px 0.125em;
    border: 0;
    border-radius: 4px;
    background: none;
    color: inherit;
    font: inherit;
    white-space: normal;
    /* Longhands: WebKit drops a text-decoration shorthand that has a thickness. */
    text-decoration-line: underline;
    text-decoration-style: dotted;
    text-decoration-color: var(--_chip-border);
    text-decoration-thickness: 2px;
    text-underline-offset: 5px;
    cursor: pointer;
    touch-action: manipulation;
    -webkit-tap-highlight-color: transparent;
  }

  .chip:hover,
  .chip[aria-expanded='true'] {
    background: var(--_chip);
    text-decoration-color: var(--_text);
    text-decoration-style: solid;
  }

  /* A decided word's state is in its part (chip-kept or chip-removed), as the page sees it. */
  .chip[part~='chip-kept'] {
    text-decoration-style: solid;
    text-decoration-color: var(--_kept);
    text-decoration-thickness: 3px;
  }

  .chip[part~='chip-removed'] {
    text-decoration-line: line-through;
    text-decoration-style: solid;
    text-decoration-color: var(--_removed);
  }

  /* An atomic inline, so the word's underline or strike-through does not run through it. */
  .glyph {
    display: inline-block;
    margin-inline-start: 2px;
    font-weight: 700;
  }

  [part~='chip-kept'] .glyph,
  [data-action='keep'] .glyph {
    color: var(--_kept);
  }

  [part~='chip-removed'] .glyph,
  [data-action='remove'] .glyph {
    color: var(--_removed);
  }

  /* The choice lies over the text beside its word, out of the flow, so opening a word moves no
     other text; the element places it (below or above the word, inside the statement's width).
     As wide as its buttons, it wraps them when the statement is narrower. */
  .choice {
    box-sizing: border-box;
    position: absolute;
    z-index: 1;
    top: 100%;
    left: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    width: max-content;
    max-width: 100%;
    padding: 4px;
    border: 2px solid var(--_text);
    border-radius: 4px;
    background: var(--_background);
    box-shadow: 0 4px 8px rgb(33 43 50 / 0.35);
  }

  .choice-button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 4px;
    min-width: 44px;
    min-height: 44px;
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

  /* The word's current choice: a thicker border (shape, not only colour) and its tint. */
  .choice-button[aria-pressed='true'] {
    border-width: 4px;
  }
  [data-action='keep'][aria-pressed='true'] {
    background: var(--_kept-background);
  }
  [data-action='remove'][aria-pressed='true'] {
    background: var(--_removed-background);
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

  :focus-visible .glyph {
    color: var(--_text);
  }

  /* The keyboard instructions, shown while a word of the statement has keyboard focus: out of
     the flow, so no text moves when they show, and above the statement, over the text the
     respondent has passed (for the first statement, the heading and hint), never over the
     statement's own words or what follows it. A pointer reaches the words beneath them. Screen
     readers hear them once, from the group's description. */
  .keys {
    position: absolute;
    z-index: 1;
    bottom: 100%;
    inset-inline: 0;
    margin: 0;
    padding: 8px 12px;
    border: 2px solid var(--_text);
    border-inline-start-width: 4px;
    background: var(--_chip);
    pointer-events: none;
  }

  .tally {
    margin: 0;
    color: var(--_secondary-text);
  }

  @media (forced-colors: active) {
    /* Text, glyph and line colours are forced to system colours by the browser itself. */
    .choice-button {
      border-color: ButtonText;
    }

    .chip[part~='chip-kept'] {
      text-decoration-style: double;
    }

    .chip:focus-visible,
    .choice-button:focus-visible {
      outline: 3px solid Highlight;
      outline-offset: 2px;
    }

    .choice {
      border-color: CanvasText;
    }
  }
`;
