/** A text question's answers: a search box, how many match, and the answers as a list. */
import { html, nothing } from 'lit';
import type { TextAnswer, TextResult } from '../aggregate.js';
import { plural } from '../format.js';

export interface TextOptions {
  result: TextResult;
  query: string;
  matching: TextAnswer[];
  /** How many of the matching answers to show (the rest behind "Show more"). */
  limit: number;
  onSearch: (query: string) => void;
  onMore: () => void;
}

export function textAnswers({ result, query, matching, limit, onSearch, onMore }: TextOptions) {
  const id = `text-${result.questionId}`;
  const shown = matching.slice(0, limit);
  return html`<section
    class="text-answers"
    aria-labelledby="${id}-heading"
    data-question=${result.questionId}
  >
    <h3 id="${id}-heading">${result.prompt}</h3>
    ${
      result.answers.length
        ? html`<div class="field">
              <label for="${id}-search"
                >Search these answers<span class="visually-hidden">
                  to: ${result.prompt}</span
                ></label
              >
              <input
                id="${id}-search"
                type="search"
                .value=${query}
                @input=${(e: Event) => onSearch((e.target as HTMLInputElement).value)}
              />
            </div>
            <p class="text-count" role="status">
              ${
                query.trim()
                  ? `${plural(matching.length, 'answer')} of ${result.answers.length} contain “${query.trim()}”`
                  : plural(result.answers.length, 'answer')
              }${shown.length < matching.length ? `; showing the first ${shown.length}` : ''}
            </p>
            <ul class="answers">
              ${shown.map((a) => html`<li>${a.value}</li>`)}
            </ul>
            ${
              shown.length < matching.length
                ? html`<button type="button" class="secondary" @click=${onMore}>
                    Show ${Math.min(100, matching.length - shown.length)} more
                  </button>`
                : nothing
            }`
        : html`<p>No one answered this question.</p>`
    }
  </section>`;
}
