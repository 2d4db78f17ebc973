import { fixture, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import type { SurveyDefinition } from '../../src/definition/schema.js';
import type { ValuesSurvey } from '../../src/values-survey.js';
import { byRole, deepActiveElement, nameOf } from './queries.js';
import '../../src/define.js';
import { DEFAULT_SURVEY } from '../../src/definition/default-survey.js';
import { DraftStore } from '../../src/storage/drafts.js';

/** A short survey with one question of each non-words type. Ids are unique per call. */
export function sampleDefinition(overrides: Partial<SurveyDefinition> = {}): SurveyDefinition {
  return {
    id: `test-${crypto.randomUUID().slice(0, 8)}`,
    version: '1',
    title: 'Tell us about the Trust',
    intro: 'First paragraph.\n\nSecond paragraph.',
    questions: [
      {
        id: 'role',
        type: 'choice',
        prompt: 'What is your main role?',
        hint: 'Choose one.',
        required: true,
        options: [
          { value: 'patient', label: 'Patient or service user' },
          { value: 'staff', label: 'Staff' },
        ],
      },
      {
        id: 'groups',
        type: 'choices',
        prompt: 'Which groups are you part of?',
        options: [
          { value: 'student', label: 'Student' },
          { value: 'alumni', label: 'Alumni' },
          { value: 'public', label: 'Member of the public' },
        ],
      },
      {
        id: 'vision',
        type: 'text',
        prompt: 'What should our vision be?',
        maxLength: 20,
      },
      {
        id: 'fit',
        type: 'scale',
        prompt: 'How well do the values fit?',
        min: 1,
        max: 5,
        minLabel: 'Not at all',
        maxLabel: 'Completely',
        required: true,
      },
    ],
    ...overrides,
  };
}

/** Forgets any draft of the built-in survey, so tests that use it start from the intro. */
export async function clearBuiltInDraft() {
  const store = new DraftStore({
    surveyId: DEFAULT_SURVEY.id,
    surveyVersion: DEFAULT_SURVEY.version,
  });
  await store.clear();
  store.dispose();
}

/** Renders a survey with `definition` and waits until it shows its first step. */
export async function renderSurvey(
  definition?: SurveyDefinition,
  // Each survey its own endpoint, so nothing one test queues is sent on another test's behalf.
  endpoint = `/endpoint/${crypto.randomUUID()}`,
) {
  if (!definition) await clearBuiltInDraft();
  const el = await fixture<ValuesSurvey>(
    html`<values-survey .definition=${definition} endpoint=${endpoint}></values-survey>`,
  );
  await waitUntil(
    () => el.shadowRoot!.querySelector('[data-step-heading]'),
    'survey did not render',
  );
  return el;
}

export const root = (el: ValuesSurvey) => el.shadowRoot!;

/** Waits for the focused element to be the heading named `name`. */
export async function focusedHeading(name: string | RegExp) {
  await waitUntil(
    () => {
      const active = deepActiveElement();
      return (
        active?.tagName === 'H2' &&
        (typeof name === 'string' ? nameOf(active) === name : name.test(nameOf(active)))
      );
    },
    `focus did not move to the heading ${String(name)} (focus is on ${deepActiveElement()?.outerHTML.slice(0, 80)})`,
  );
}

/** Presses a button by its accessible name and waits for the element to re-render. */
export async function press(el: ValuesSurvey, name: string | RegExp) {
  byRole(root(el), 'button', name).click();
  await el.updateComplete;
}

/**
 * Answers the sample survey's required questions (Staff, and `fit` on the scale) and goes on to
 * Check your answers.
 */
export async function answerToCheck(el: ValuesSurvey, fit = '2') {
  await press(el, 'Start');
  byRole(root(el), 'radio', 'Staff').click();
  await press(el, 'Continue');
  await press(el, 'Continue');
  await press(el, 'Continue');
  byRole(root(el), 'radio', fit).click();
  await press(el, 'Continue');
  await focusedHeading('Check your answers');
}

/** Answers the sample survey's required questions and presses Submit. */
export async function completeAndSubmit(el: ValuesSurvey) {
  await answerToCheck(el, '4');
  await press(el, 'Submit');
}
