/** Renders `<values-survey-results>` for the tests and finds things in it the way a person does. */
import { fixture, html } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/results/define.js';
import type { ValuesSurveyResults } from '../../src/results/results-element.js';
import type { SurveyDefinition } from '../../src/definition/schema.js';
import { queryByRole } from './queries.js';
import { waitUntil } from './wait.js';

export const shadow = (el: ValuesSurveyResults) => el.shadowRoot!;

/** Renders the element and waits until it shows the report (a "Results: ..." heading). */
export async function renderReport(
  src: string,
  options: { token?: string; definition?: SurveyDefinition; width?: number } = {},
) {
  const el = await renderResults(src, options);
  await waitUntil(
    () => queryByRole(shadow(el), 'heading', /^Results: /),
    `report did not render: ${shadow(el).textContent?.replace(/\s+/g, ' ').slice(0, 200)}`,
  );
  return el;
}

/** Renders the element without waiting for any particular state. */
export async function renderResults(
  src: string | undefined,
  options: { token?: string; definition?: SurveyDefinition; width?: number } = {},
) {
  const column = await fixture<HTMLDivElement>(
    html`<div style=${options.width ? `width: ${options.width}px` : ''}>
      <values-survey-results
        src=${ifDefined(src)}
        .token=${options.token ?? null}
        .definition=${options.definition}
      ></values-survey-results>
    </div>`,
  );
  return column.querySelector('values-survey-results')!;
}

/** The form control labelled `label` (a <label for> in the element's shadow root). */
export function control<T extends HTMLElement = HTMLSelectElement>(
  el: ValuesSurveyResults,
  label: string | RegExp,
): T {
  const labels = [...shadow(el).querySelectorAll('label')].filter((l) => {
    const text = l.textContent!.replace(/\s+/g, ' ').trim();
    return typeof label === 'string' ? text === label : label.test(text);
  });
  if (labels.length !== 1)
    throw new Error(`expected one label ${String(label)}, found ${labels.length}`);
  return shadow(el).getElementById(labels[0].htmlFor) as T;
}

/** Chooses an option by its visible text, as a person does, and waits for the re-render. */
export async function choose(el: ValuesSurveyResults, label: string | RegExp, option: string) {
  const select = control(el, label);
  const found = [...select.options].find((o) => o.textContent!.trim() === option);
  if (!found) throw new Error(`no option "${option}" in ${String(label)}`);
  select.value = found.value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

/**
 * The word table's body rows as text cells (the question, statement, word and figures), without
 * the labels a stacked row shows on a narrow screen.
 */
export function tableRows(el: ValuesSurveyResults): string[][] {
  const table = shadow(el).querySelector('table.words-table')!;
  return [...table.querySelectorAll('tbody tr')].map((row) =>
    [...row.children].map((cell) => {
      const copy = cell.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.cell-label').forEach((label) => label.remove());
      return copy.textContent!.replace(/\s+/g, ' ').trim();
    }),
  );
}

/** Forgets any results token kept for the session by an earlier test. */
export function forgetTokens() {
  for (const key of Object.keys(sessionStorage)) {
    if (key.startsWith('values-survey-results-token ')) sessionStorage.removeItem(key);
  }
}
