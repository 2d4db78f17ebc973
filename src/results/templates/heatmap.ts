/**
 * A words question as its statements, every word shaded by what respondents did with it. The
 * shade is the colour; the ticks or crosses after the word (one to three) and the bar under it
 * (solid kept, hatched removed, empty undecided) carry the same facts without colour, for print
 * in black and white and for colour-blind readers.
 */
import { html, nothing } from 'lit';
import { width } from './width.js';
import type { WordCell, WordsResult } from '../aggregate.js';
import { describeCell, plural } from '../format.js';
import { shadeLabels, shadeOf, type Shade } from '../shade.js';

/** Identifies a word within one report view ("main", "a" or "b"). */
export const wordKey = (scope: string, questionId: string, cell: WordCell) =>
  `${scope}/${questionId}/${cell.statement}/${cell.position}`;

export interface HeatmapOptions {
  /** Which view this is ("main", or "a" and "b" side by side), to keep keys unique. */
  scope: string;
  /** The word showing its figures (focused or under the pointer), by wordKey. */
  active: string | null;
  /** The word that holds the question's one tab stop, by wordKey. */
  tabStop: string | null;
  headingLevel: 3 | 4;
  /** The strongest lean in the report (see shade.ts), shared by every view so shades compare. */
  scale: number;
}

const pct = (n: number, total: number) => `${total ? (n * 100) / total : 0}%`;

export const marker = (shade: Shade) => (shade > 0 ? '✓' : '✗').repeat(Math.abs(shade));

function word(token: { word: string; cell: WordCell }, key: string, options: HeatmapOptions) {
  const { cell } = token;
  const shade = shadeOf(cell, options.scale);
  const tabStop = options.tabStop === key;
  return html`<span
    class="word shade${shade}"
    part="word"
    role="img"
    tabindex=${tabStop ? 0 : -1}
    data-word=${key}
    aria-label="${cell.word}: ${describeCell(cell)}"
    ><span class="word-text">${cell.word}</span><span class="marker">${marker(shade)}</span
    ><span class="bar"
      ><span class="bar-kept" ${width(pct(cell.kept, cell.total))}></span
      ><span class="bar-undecided" ${width(pct(cell.undecided, cell.total))}></span
      ><span class="bar-removed" ${width(pct(cell.removed, cell.total))}></span></span
  ></span>`;
}

/** The first word of a question: its tab stop until the owner moves along. */
export function firstWordKey(result: WordsResult, scope: string): string | null {
  for (const s of result.statements) {
    for (const t of s.tokens) if (t.cell) return wordKey(scope, result.questionId, t.cell);
  }
  return null;
}

/** The cell a key names, or undefined. */
export function cellFor(result: WordsResult, key: string): WordCell | undefined {
  for (const s of result.statements) {
    for (const t of s.tokens) {
      if (t.cell && key.endsWith(`/${result.questionId}/${t.cell.statement}/${t.cell.position}`)) {
        return t.cell;
      }
    }
  }
  return undefined;
}

export function heatmap(result: WordsResult, options: HeatmapOptions) {
  const headingId = `${options.scope}-${result.questionId}-heading`;
  const activeCell = options.active ? cellFor(result, options.active) : undefined;
  const heading =
    options.headingLevel === 3
      ? html`<h3 id=${headingId}>${result.prompt}</h3>`
      : html`<h4 id=${headingId}>${result.prompt}</h4>`;
  // A div, not a section: the same question shown for two groups would make two landmarks alike.
  return html`<div class="heatmap" data-question=${result.questionId}>
    ${heading}
    <p class="meta">
      ${plural(result.answered, 'response')} decided at least one word.
      ${
        result.unmatched
          ? html`<strong
              >${plural(result.unmatched, 'decision')} named a word this wording does not have there
              and ${result.unmatched === 1 ? 'is' : 'are'} not counted.</strong
            >`
          : nothing
      }
    </p>
    <ol class="statements" data-scope=${options.scope} data-question-id=${result.questionId}>
      ${result.statements.map(
        (s) =>
          html`<li class="statement">
            ${s.tokens.map((t, i) => {
              const space = i === 0 ? '' : ' ';
              return t.cell
                ? html`${space}${t.before}${word(
                    { word: t.word, cell: t.cell },
                    wordKey(options.scope, result.questionId, t.cell),
                    options,
                  )}${t.after}`
                : html`${space}${t.before}${t.word}${t.after}`;
            })}
          </li>`,
      )}
    </ol>
    <p class="detail" part="detail">
      ${
        activeCell
          ? html`<strong>${activeCell.word}</strong> (statement ${activeCell.statement + 1}):
              ${describeCell(activeCell)}`
          : html`<span class="detail-hint"
              >Move to a word (Tab, then the arrow keys) or point at it to see its figures.</span
            >`
      }
    </p>
  </div>`;
}

/** The key to the shades, ticks, crosses and bars. */
export function legend(scale: number) {
  return html`<div class="legend" part="legend">
    <h3>How to read the statements</h3>
    <ul class="legend-shades">
      ${shadeLabels(scale).map(
        ([shade, label]) =>
          html`<li>
            <span class="word shade${shade} swatch" aria-hidden="true"
              ><span class="word-text">word</span><span class="marker">${marker(shade)}</span></span
            >
            ${label}
          </li>`,
      )}
    </ul>
    <p>
      Ticks mean more kept the word than removed it, crosses the opposite; more marks mean a bigger
      difference. The bar under each word shows everyone who responded: solid for kept, empty for
      undecided, hatched for removed.
    </p>
  </div>`;
}
