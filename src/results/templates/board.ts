/**
 * The summary for the Board paper: the findings in words with their figures, who answered, and
 * what the figures can and cannot say. It is the first page when the report is printed (A4), and
 * reads the same figures as every other view (stats.ts), so it can never disagree with them.
 */
import { html, nothing } from 'lit';
import type { SurveyDefinition } from '../../definition/schema.js';
import type { Report, WordsResult } from '../aggregate.js';
import { formatRange, plural } from '../format.js';
import { points, pointsInterval } from '../stats.js';
import { ranked, rowsOf, type WordRow } from '../table.js';
import type { View } from '../view.js';

export interface BoardOptions {
  view: View;
  survey: SurveyDefinition;
  report: Report;
  words: WordsResult[];
}

const finding = (r: WordRow, n: number) =>
  html`<li>
    “${r.word}” (statement ${r.statement + 1}): removed by ${r.removed}, kept by ${r.kept} of ${n};
    lean ${points(r.stats.lean)} points, 95% interval ${pointsInterval(r.stats.leanInterval)}
  </li>`;

function wordsFindings(result: WordsResult, index: number, minGroup: number) {
  const n = result.answered;
  if (n < minGroup) {
    return html`<p>
      “${result.prompt}”: fewer than ${minGroup} people answered, so it is not broken down.
    </p>`;
  }
  const rows = rowsOf(result, index);
  const removed = ranked(rows, 'remove', 3);
  const kept = ranked(rows, 'keep', 3);
  const none = rows.filter((r) => r.stats.leans === 'none').length;
  return html`<div class="board-question">
    <h3>${result.prompt}</h3>
    <p>
      Of ${plural(n, 'person', 'people')} who answered,
      ${
        removed.length
          ? html`more removed than kept these words (largest lean first):`
          : html`no word was removed by clearly more people than kept it.`
      }
    </p>
    ${
      removed.length
        ? html`<ul>
            ${removed.map((r) => finding(r, n))}
          </ul>`
        : nothing
    }
    <p>
      ${
        kept.length
          ? html`More kept than removed:`
          : html`No word was kept by clearly more people than removed it.`
      }
    </p>
    ${
      kept.length
        ? html`<ul>
            ${kept.map((r) => finding(r, n))}
          </ul>`
        : nothing
    }
    <p>${none} of ${plural(rows.length, 'word')} show no clear lean either way.</p>
  </div>`;
}

export function boardSummary({ view, survey, report, words }: BoardOptions) {
  const groups = report.questions.flatMap((q) =>
    q.type === 'choice' || q.type === 'choices' ? [q] : [],
  );
  const scales = report.questions.flatMap((q) => (q.type === 'scale' ? [q] : []));
  return html`<section class="board" aria-labelledby="board-heading">
    <h2 id="board-heading">Summary for the Board</h2>
    <p>
      ${plural(report.count, 'person', 'people')}${
        view.selection.label === 'Everyone' ? '' : ` (${view.selection.label})`
      }
      answered
      “${survey.title}”${
        report.firstCompleted
          ? `, from ${formatRange(report.firstCompleted, report.lastCompleted)}`
          : ''
      }.
      ${groups.map(
        (q) =>
          html`${q.prompt}
          ${q.options
            .map(
              (o) =>
                `${o.label}: ${o.count >= view.minGroup ? o.count : `fewer than ${view.minGroup}`}`,
            )
            .join('; ')}${q.type === 'choices' ? ' (people could choose more than one)' : ''}. `,
      )}
    </p>
    ${words.map((w) => wordsFindings(w, report.questions.indexOf(w), view.minGroup))}
    ${scales.map(
      (q) =>
        html`<p>
          “${q.prompt}”: average ${q.mean === null ? 'not available' : q.mean.toFixed(1)} on a scale
          of ${q.points[0]?.value} to ${q.points[q.points.length - 1]?.value}, from
          ${plural(q.answered, 'answer')}.
        </p>`,
    )}
    <h3>What these figures can and cannot say</h3>
    <ul class="board-caveats">
      <li>
        They describe the people who chose to answer, not everyone connected to the Trust: nobody
        was sampled at random, so they cannot say how many people in each group hold a view.
      </li>
      <li>
        A word's lean is the share who removed it minus the share who kept it, of the people who
        answered the question. Someone who left a word alone is undecided, not a vote to keep it.
      </li>
      <li>
        Each 95% interval is the range of values these answers are consistent with. A word is said
        to lean one way only when its whole interval is on that side of 0.
      </li>
      <li>
        Many words are looked at together, so about 1 in 20 words with no real lean can still show
        one by chance; differences between groups are adjusted for this (Benjamini–Hochberg).
      </li>
      <li>
        Groups of fewer than ${view.minGroup} people are never broken down, to protect their privacy
        and because so few answers say little.
      </li>
    </ul>
  </section>`;
}
