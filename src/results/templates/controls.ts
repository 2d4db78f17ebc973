/** The report's controls: survey version, group, two groups to compare, CSV and print. */
import { html, nothing } from 'lit';
import type { SurveyDefinition } from '../../definition/schema.js';
import { plural } from '../format.js';
import {
  filterValue,
  groupQuestions,
  parseFilterValue,
  type View,
  type ViewChoices,
} from '../view.js';

export interface ControlsOptions {
  view: View;
  survey: SurveyDefinition;
  choices: ViewChoices;
  onChoose: (change: Partial<ViewChoices>) => void;
  onExport: () => void;
  /** False when the selection is too small to break down: there is no word table to export. */
  canExport: boolean;
}

/** The value of "Everyone else" in the second comparison picker (ids cannot contain "="). */
const REST = '=rest';

export function controls({
  view,
  survey,
  choices,
  onChoose,
  onExport,
  canExport,
}: ControlsOptions) {
  const groups = groupQuestions(survey);
  const groupOptions = (selected: string) =>
    groups.map(
      (q) =>
        html`<optgroup label=${q.prompt}>
          ${q.options.map(
            (o) =>
              html`<option
                value=${filterValue({ questionId: q.questionId, value: o.value })}
                ?selected=${selected === `${q.questionId}=${o.value}`}
              >
                ${o.label}
              </option>`,
          )}
        </optgroup>`,
    );
  const [a, b] = choices.compare;
  return html`<div class="controls" part="controls">
    ${
      view.versions.length > 1
        ? html`<div class="field">
            <label for="version">Survey version</label>
            <select
              id="version"
              @change=${(e: Event) =>
                onChoose({
                  version: (e.target as HTMLSelectElement).value,
                  filter: null,
                  compare: [null, null],
                })}
            >
              ${view.versions.map(
                (v) =>
                  html`<option value=${v.key} ?selected=${v.key === view.version?.key}>
                    ${v.surveyId} version ${v.version} (${plural(v.count, 'response')})
                  </option>`,
              )}
            </select>
          </div>`
        : nothing
    }
    ${
      groups.length
        ? html`<div class="field">
              <label for="group">Show responses from</label>
              <select
                id="group"
                @change=${(e: Event) =>
                  onChoose({
                    filter: parseFilterValue((e.target as HTMLSelectElement).value, survey),
                  })}
              >
                <option value="" ?selected=${!choices.filter}>Everyone</option>
                ${groupOptions(filterValue(choices.filter))}
              </select>
            </div>
            <fieldset class="compare-pickers">
              <legend>Compare two groups side by side</legend>
              ${(['a', 'b'] as const).map((slot, i) => {
                const current = i === 0 ? a : b;
                return html`<div class="field">
                  <label for="compare-${slot}">${i === 0 ? 'First group' : 'Second group'}</label>
                  <select
                    id="compare-${slot}"
                    @change=${(e: Event) => {
                      const value = (e.target as HTMLSelectElement).value;
                      const filter = parseFilterValue(value, survey);
                      const compare: ViewChoices['compare'] =
                        i === 0 ? [filter, b] : [a, value === REST ? 'rest' : filter];
                      onChoose({ compare });
                    }}
                  >
                    <option value="" ?selected=${!current}>None</option>
                    ${
                      i === 1
                        ? html`<option value=${REST} ?selected=${current === 'rest'}>
                            Everyone else
                          </option>`
                        : nothing
                    }
                    ${groupOptions(current === 'rest' ? '' : filterValue(current))}
                  </select>
                </div>`;
              })}
            </fieldset>`
        : nothing
    }
    <div class="actions">
      <button type="button" class="secondary" ?disabled=${!canExport} @click=${onExport}>
        Download the word table (CSV)
      </button>
      <button type="button" class="secondary" @click=${() => window.print()}>
        Print or save as PDF
      </button>
    </div>
  </div>`;
}
