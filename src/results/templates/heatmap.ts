/**
 * A words question as its statements, every word shaded by its lean on one fixed scale (stats.ts:
 * the same steps in every view and group, never relative to the words on screen). The shade is
 * the colour; the ticks or crosses after the word (one to three) and the bar under it (solid kept,
 * hatched removed, empty undecided) carry the same facts without colour, for print in black and
 * white and for colour-blind readers.
 */
import { html, nothing } from 'lit';
import { width } from './width.js';
import type { WordCell, WordsResult } from '../aggregate.js';
import { describeStats, plural } from '../format.js';
import { LEAN_STEPS, stepLabels, wordStats, type Step } from '../stats.js';

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
}

const pct = (n: number, total: number) => `${total ? (n * 100) / total : 0}%`;

/** Ticks for a word that leans keep, crosses for one that leans remove; more for a bigger lean. */
export const marker = (step: Step) => (step < 0 ? '✓' : '✗').repeat(Math.abs(step));

/** The CSS class of a step: shade3 is clearly kept (blue), shade-3 clearly removed (orange). */
const shadeClass = (step: Step) => `shade${-step || 0}`;

function word(token: { word: string; cell: WordCell }, key: string, options: HeatmapOptions) {
  const { cell } = token;
  const stats = wordStats(cell.kept, cell.removed, cell.total);
  const tabStop = options.tabStop === key;
  return html`<span
    class="word ${shadeClass(stats.step)}"
    part="word"
    role="img"
    tabindex=${tabStop ? 0 : -1}
    data-word=${key}
    data-step=${stats.step}
    aria-label="${cell.word}: ${describeStats(stats)}"
    ><span class="word-text">${cell.word}</span><span class="marker">${marker(stats.step)}</span
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
      ${plural(result.answered, 'person', 'people')} answered this question (decided at least one
      word): every share is of them.
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
              ${describeStats(wordStats(activeCell.kept, activeCell.removed, activeCell.total))}`
          : html`<span class="detail-hint"
              >Move to a word (Tab, then the arrow keys) or point at it to see its figures.</span
            >`
      }
    </p>
  </div>`;
}

/** The key to the shades: one fixed scale in percentage points of lean, stated in numbers. */
export function legend() {
  return html`<div class="legend" part="legend">
    <h3>How to read the statements</h3>
    <p>
      A word's <strong>lean</strong> is the share of people who removed it minus the share who kept
      it, in percentage points, of everyone who answered the question. A word is shaded only when
      the 95% interval of its lean excludes 0; the steps are the same in every view and group
      (${LEAN_STEPS[0]} and ${LEAN_STEPS[1]} points).
    </p>
    <ul class="legend-shades">
      ${stepLabels().map(
        ([step, label]) =>
          html`<li>
            <span class="word ${shadeClass(step)} swatch" aria-hidden="true"
              ><span class="word-text">word</span><span class="marker">${marker(step)}</span></span
            >
            ${label}
          </li>`,
      )}
    </ul>
    <p>
      Ticks mean the word leans keep, crosses that it leans remove; more marks mean a bigger lean.
      The bar under each word shows everyone who answered the question: solid for kept, empty for
      undecided, hatched for removed.
    </p>
  </div>`;
}
