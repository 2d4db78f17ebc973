/**
 * Helpers shared by the words tests: finding chips and buttons the way a respondent or a screen
 * reader does (by role and accessible name, through the shadow root), and real pointer input.
 */
import { fixture, html } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import type { WordDecision } from '../src/response/schema.js';
import type { ValuesSurveyWords } from '../src/words/words-element.js';

/** Three short statements with a repeated word ("we"), punctuation, a hyphen and an apostrophe. */
export const STATEMENTS = [
  'we work with people, to co-create (and improve) our services',
  'we are caring and compassionate',
  'we value a person’s wellbeing – always.',
];

export interface Setup {
  statements?: string[];
  exclude?: string[];
  decisions?: WordDecision[];
  hint?: string;
  error?: string;
  width?: string;
  dir?: 'ltr' | 'rtl';
}

/** Renders the element between two buttons, so Tab has somewhere to come from and go to. */
export async function renderWords(setup: Setup = {}): Promise<ValuesSurveyWords> {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div dir=${setup.dir ?? 'ltr'} style=${setup.width ? `width: ${setup.width}` : ''}>
      <button id="before">Before</button>
      <values-survey-words
        .questionId=${'values'}
        .prompt=${'Which words would you keep or remove?'}
        .hint=${setup.hint}
        .error=${setup.error}
        .statements=${setup.statements ?? STATEMENTS}
        .exclude=${setup.exclude ?? []}
        .decisions=${setup.decisions ?? []}
      ></values-survey-words>
      <button id="after">After</button>
    </div>`,
  );
  const el = wrapper.querySelector<ValuesSurveyWords>('values-survey-words')!;
  await el.updateComplete;
  return el;
}

/** The accessible name of a button: aria-label, else its text without aria-hidden parts. */
export function accessibleName(element: Element): string {
  const label = element.getAttribute('aria-label');
  if (label) return label.trim();
  const text = (node: Node): string => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
    if (!(node instanceof Element) || node.getAttribute('aria-hidden') === 'true') return '';
    return Array.from(node.childNodes).map(text).join('');
  };
  return text(element).replace(/\s+/g, ' ').trim();
}

/** Every element with the given role in the shadow root (implicit role for button and group). */
export function byRole(el: ValuesSurveyWords, role: string): HTMLElement[] {
  const implicit: Record<string, string> = { button: 'button', group: 'fieldset' };
  const selector = [`[role="${role}"]`, implicit[role] ? `${implicit[role]}:not([role])` : '']
    .filter(Boolean)
    .join(', ');
  return Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>(selector));
}

/**
 * A word chip's name without its place, which every chip's name ends with so that it is
 * unambiguous: "caring, kept" for "caring, kept, word 3 of Statement 2".
 */
export function wordName(button: Element): string {
  return accessibleName(button).replace(/, word \d+ of Statement \d+$/, '');
}

/** The button named `name`, or the word chip whose name without its place is `name`. */
export function buttonNamed(el: ValuesSurveyWords, name: string): HTMLButtonElement | undefined {
  const buttons = byRole(el, 'button');
  return (buttons.find((b) => accessibleName(b) === name) ??
    buttons.find((b) => b.matches('.chip') && wordName(b) === name)) as
    HTMLButtonElement | undefined;
}

export function chips(el: ValuesSurveyWords): HTMLButtonElement[] {
  return Array.from(el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.chip'));
}

export function chipAt(el: ValuesSurveyWords, statement: number, position: number) {
  const chip = el.shadowRoot!.querySelector<HTMLButtonElement>(
    `button.chip[data-statement="${statement}"][data-position="${position}"]`,
  );
  if (!chip) throw new Error(`no chip at ${statement}:${position}`);
  return chip;
}

/** The open choice group, if any. */
export function openChoice(el: ValuesSurveyWords): HTMLElement | undefined {
  return byRole(el, 'group').find((g) => g.matches('.choice'));
}

export function focused(el: ValuesSurveyWords): Element | null {
  return el.shadowRoot!.activeElement;
}

export function tally(el: ValuesSurveyWords): HTMLElement {
  return byRole(el, 'status')[0];
}

/** Records every `words-change` detail. */
export function recordChanges(el: ValuesSurveyWords): WordDecision[][] {
  const seen: WordDecision[][] = [];
  el.addEventListener('words-change', (event) => seen.push(event.detail.decisions));
  return seen;
}

/** A real mouse click (through the test runner's browser driver) at the element's centre. */
export async function mouseClick(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center', inline: 'nearest' });
  const rect = element.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(rect.left + rect.width / 2), Math.round(rect.top + rect.height / 2)],
  });
}
