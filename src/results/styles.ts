import { css } from 'lit';

/**
 * The report's look on screen and on paper. The shades are a blue to orange diverging scale that
 * colour-blind readers can tell apart; every shade also has ticks or crosses and a bar, so the
 * report still reads in black and white and in forced colours. Sizes are in px so a host page's
 * `html { font-size: 62.5% }` cannot shrink the text.
 */
export const resultsStyles = css`
  :host {
    display: block;
    --kept: var(--values-survey-results-kept, #08519c);
    --removed: var(--values-survey-results-removed, #a63603);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .report {
    font-family: var(--values-survey-results-font-family, inherit);
    font-size: 17px;
    line-height: 1.5;
    color: #212b32;
    background: #ffffff;
    max-width: var(--values-survey-results-max-width, 60em);
    overflow-wrap: break-word;
    container: report / inline-size;
  }
  h2 {
    font-size: 1.45em;
    line-height: 1.3;
    margin: 32px 0 12px;
  }
  h3 {
    font-size: 1.2em;
    margin: 24px 0 8px;
  }
  h4 {
    font-size: 1em;
    margin: 16px 0 4px;
  }
  .title {
    font-size: 1.7em;
    margin-top: 0;
  }
  .print-only {
    display: none;
  }
  .headline {
    font-size: 1.15em;
  }
  .meta,
  .hint,
  .share,
  .detail-hint {
    color: #4c6272;
  }
  .warning {
    border-inline-start: 6px solid #ffb81c;
    padding: 4px 12px;
  }

  /* Controls */
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 24px;
    align-items: flex-end;
    margin: 16px 0;
    padding: 16px;
    border: 1px solid #d8dde0;
    border-radius: 4px;
    background: #f0f4f5;
  }
  .compare-pickers {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 16px;
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  .compare-pickers legend {
    padding: 0;
    font-weight: bold;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 4px;
    max-width: 100%;
    margin: 0 0 8px;
  }
  label {
    font-weight: bold;
  }
  select,
  input {
    font: inherit;
    min-height: 44px;
    max-width: 100%;
    padding: 4px 8px;
    border: 2px solid #4c6272;
    border-radius: 0;
    background: #ffffff;
    color: #212b32;
  }
  input[type='file'] {
    border: 0;
    padding: 8px 0;
  }
  .integrity-choice label {
    display: inline-flex;
    align-items: center;
    gap: 8px;
    min-height: 44px;
  }
  .integrity-choice input[type='checkbox'] {
    min-height: 0;
    width: 28px;
    height: 28px;
    margin: 0;
  }
  .integrity-choice select {
    margin-left: 8px;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  button {
    font: inherit;
    font-weight: 600;
    min-height: 44px;
    min-width: 44px;
    padding: 8px 16px;
    border: 2px solid #005eb8;
    border-radius: 4px;
    background: #005eb8;
    color: #ffffff;
    cursor: pointer;
  }
  button.secondary {
    background: #ffffff;
    color: #005eb8;
  }
  button:focus-visible,
  select:focus-visible,
  input:focus-visible,
  summary:focus-visible,
  .table-scroll:focus-visible,
  .word:focus-visible {
    outline: 3px solid #212b32;
    outline-offset: 2px;
    box-shadow: 0 0 0 6px #ffeb3b;
  }
  .field--error {
    border-inline-start: 4px solid #d5281b;
    padding-inline-start: 12px;
  }
  .error-message {
    color: #d5281b;
    font-weight: bold;
    margin: 0;
  }
  .failure {
    border: 4px solid #d5281b;
    padding: 16px;
    margin: 0 0 16px;
  }
  .failure h2 {
    margin-top: 0;
  }
  .token-form,
  .file-opener {
    margin: 0 0 24px;
  }
  .file-opener--quiet {
    margin-top: 32px;
    padding-top: 16px;
    border-top: 1px solid #d8dde0;
  }
  .invalid summary {
    cursor: pointer;
    color: #005eb8;
    text-decoration: underline;
    min-height: 44px;
    padding: 8px 0;
  }

  /* The statements, word by word */
  .legend {
    border: 1px solid #d8dde0;
    padding: 8px 16px;
    margin: 0 0 16px;
  }
  .legend h3 {
    margin-top: 8px;
  }
  .legend-shades {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .legend-shades li {
    margin: 4px 0;
  }
  .statements {
    margin: 0;
    padding-inline-start: 1.6em;
  }
  .statement {
    line-height: 2.5;
    margin: 0 0 12px;
    break-inside: avoid;
  }
  .word {
    display: inline-block;
    line-height: 1.3;
    padding: 2px 3px 0;
    border: 1px solid transparent;
    border-radius: 3px;
    cursor: default;
    vertical-align: baseline;
  }
  .marker {
    font-size: 0.7em;
    vertical-align: super;
    margin-inline-start: 1px;
  }
  .bar {
    display: flex;
    height: 6px;
    margin: 2px 0 2px;
    border: 1px solid #212b32;
    background: #ffffff;
  }
  .bar-kept {
    background: var(--kept);
  }
  .bar-removed {
    background: repeating-linear-gradient(135deg, var(--removed) 0 2px, #ffffff 2px 4px);
  }
  .shade3 {
    background: #9ecae1;
  }
  .shade2 {
    background: #c6dbef;
  }
  .shade1 {
    background: #e3eef8;
  }
  .shade0 {
    background: #f4f4f4;
  }
  .shade-1 {
    background: #fee6ce;
  }
  .shade-2 {
    background: #fdd0a2;
  }
  .shade-3 {
    background: #fdae6b;
  }
  .shade-1,
  .shade-2,
  .shade-3 {
    border-style: dashed;
    border-color: #7a2a00;
  }
  .shade1,
  .shade2,
  .shade3 {
    border-color: #08306b;
  }
  .swatch {
    min-width: 4.5em;
    margin-inline-end: 8px;
    text-align: center;
  }
  .detail {
    min-height: 3em;
    padding: 8px 12px;
    border-inline-start: 4px solid #005eb8;
    background: #f0f4f5;
  }
  .summary ol {
    margin: 0 0 12px;
  }
  .compare-grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 20em), 1fr));
    gap: 24px;
    border-top: 1px solid #d8dde0;
  }
  .compare-column {
    min-width: 0;
  }

  /* Tables */
  .table-scroll {
    max-width: 100%;
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    margin: 0 0 16px;
    width: 100%;
  }
  caption {
    text-align: start;
    font-weight: bold;
    padding: 0 0 8px;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: 6px 8px;
    border-bottom: 1px solid #d8dde0;
  }
  .numeric {
    text-align: end;
    white-space: nowrap;
  }
  th button.sort {
    background: transparent;
    color: #005eb8;
    border: 0;
    padding: 8px 4px;
    text-align: inherit;
    text-decoration: underline;
  }
  .sort-arrow {
    margin-inline-start: 4px;
  }
  /* Fixed columns, so a long answer wraps instead of pushing the bar off a narrow screen. */
  table.counts {
    table-layout: fixed;
  }
  table.counts th:first-child {
    width: 45%;
  }
  table.counts .numeric {
    width: 25%;
    white-space: normal;
  }
  .count-bar {
    display: block;
    height: 1em;
    min-width: 1px;
    background: var(--kept);
  }
  .answers {
    padding-inline-start: 1.2em;
  }
  .answers li {
    margin: 0 0 8px;
    white-space: pre-line;
  }

  .cell-label {
    display: none;
  }
  .suppressed {
    border-inline-start: 6px solid #4c6272;
    padding: 4px 12px;
    font-weight: 600;
  }
  .board {
    border: 1px solid #d8dde0;
    padding: 0 16px 8px;
    margin: 16px 0;
  }
  .board ul {
    padding-inline-start: 1.2em;
  }
  .differences li,
  .board li {
    margin: 0 0 6px;
  }
  .lean-cell {
    white-space: normal;
  }
  .words-table .numeric {
    white-space: normal;
    min-width: 8em;
  }

  /* A narrow report (a phone, 320 to 375 px): each word's row stacks into a card, so nothing
     needs sideways scrolling; the labels show which figure is which. */
  @container report (max-width: 40em) {
    .words-table,
    .words-table tbody,
    .words-table tr,
    .words-table th,
    .words-table td {
      display: block;
      width: 100%;
    }
    .words-table thead tr {
      display: flex;
      flex-wrap: wrap;
      gap: 0 8px;
    }
    .words-table thead th {
      display: block;
      width: auto;
      border: 0;
      padding: 0;
    }
    .words-table thead th:not(:has(button)) {
      display: none;
    }
    .words-table tbody tr {
      border-bottom: 2px solid #d8dde0;
      padding: 8px 0;
    }
    .words-table tbody th,
    .words-table tbody td {
      border: 0;
      padding: 2px 0;
      text-align: start;
      min-width: 0;
    }
    .words-table .word-cell {
      font-size: 1.1em;
    }
    .cell-label {
      display: inline;
      font-weight: 600;
    }
  }

  @media (max-width: 480px) {
    .report {
      font-size: 16px;
    }
    .controls {
      padding: 8px;
    }
  }

  /* Windows high contrast: backgrounds go, so the bars draw in system colours themselves. */
  @media (forced-colors: active) {
    .word {
      border: 1px solid CanvasText;
    }
    .shade-1,
    .shade-2,
    .shade-3 {
      border-style: dashed;
    }
    .bar {
      forced-color-adjust: none;
      border-color: CanvasText;
      background: Canvas;
    }
    .bar-kept,
    .count-bar {
      forced-color-adjust: none;
      background: CanvasText;
    }
    .bar-removed {
      forced-color-adjust: none;
      background: repeating-linear-gradient(135deg, CanvasText 0 2px, Canvas 2px 4px);
    }
    .word:focus-visible,
    button:focus-visible {
      outline: 3px solid Highlight;
    }
  }

  /* A Board paper: title, date, number of responses, the statements and the summary lists. */
  @media print {
    .report {
      font-size: 11pt;
      max-width: none;
      color: #000000;
      -webkit-print-color-adjust: exact;
      print-color-adjust: exact;
    }
    .print-only {
      display: block;
    }
    .controls,
    .detail,
    .detail-hint,
    .table-section,
    .texts,
    .quiet-file,
    .file-opener,
    .invalid,
    .token-form,
    button {
      display: none;
    }
    .words-question,
    .question-counts,
    .legend {
      break-inside: avoid;
    }
    /* The summary for the Board is page one of A4; the figures behind it follow. */
    .board {
      break-after: page;
      border: 0;
      padding: 0;
      font-size: 10.5pt;
    }
    .words-question + .words-question {
      break-before: page;
    }
    .compare {
      break-before: page;
    }
    .marker {
      font-size: 0.8em;
    }
  }
`;
