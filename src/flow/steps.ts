/**
 * The survey's steps: the intro (when the definition has one), one step per question, "Check
 * your answers", and the confirmation. A step is a tagged value, so no question id can be mistaken for one of the
 * widget's own steps (a question may be called `check`, `intro` or `done`).
 *
 * Drafts and browser history store a step as a string key: the widget's steps by name and a
 * question by its id, except a question whose id is one of those names, which is stored as
 * `question:<id>` (ids cannot contain `:`, so the two never meet). Drafts written before this
 * change read back unchanged.
 */
import type { Question, SurveyDefinition } from '../definition/schema.js';

export type Step =
  | { readonly kind: 'intro' }
  | { readonly kind: 'question'; readonly id: string }
  | { readonly kind: 'check' }
  | { readonly kind: 'done' };

export const INTRO: Step = { kind: 'intro' };
export const CHECK: Step = { kind: 'check' };
export const DONE: Step = { kind: 'done' };

export const questionStep = (id: string): Step => ({ kind: 'question', id });

const RESERVED: ReadonlySet<string> = new Set(['intro', 'check', 'done']);
const QUESTION_PREFIX = 'question:';

/** Every step of the survey, in order. Without an intro, the survey opens on its first question. */
export function stepsOf(definition: SurveyDefinition): Step[] {
  const questions = definition.questions.map((q) => questionStep(q.id));
  return [...(definition.intro ? [INTRO] : []), ...questions, CHECK, DONE];
}

/** Where the survey starts: the intro, or the first question when there is none. */
export const firstStep = (definition: SurveyDefinition): Step => stepsOf(definition)[0];

/** The string a step is stored under (drafts, browser history, the element's `steps`). */
export function stepKey(step: Step): string {
  if (step.kind !== 'question') return step.kind;
  return RESERVED.has(step.id) ? `${QUESTION_PREFIX}${step.id}` : step.id;
}

/**
 * The step a stored key names in this definition. Unknown keys (from an old draft) and the
 * confirmation (nothing to resume there) go to the first step.
 */
export function stepFromKey(definition: SurveyDefinition, key: string | undefined): Step {
  const step = stepsOf(definition).find((candidate) => stepKey(candidate) === key);
  return step && step.kind !== 'done' ? step : firstStep(definition);
}

export function questionFor(definition: SurveyDefinition, step: Step): Question | undefined {
  return step.kind === 'question' ? definition.questions.find((q) => q.id === step.id) : undefined;
}

/** The step `offset` places from `step`, stopping at the intro and the confirmation. */
function stepFrom(definition: SurveyDefinition, step: Step, offset: number): Step {
  const steps = stepsOf(definition);
  const index = steps.map(stepKey).indexOf(stepKey(step)) + offset;
  return steps[Math.min(Math.max(index, 0), steps.length - 1)];
}

/** The step after `step`, or `step` itself at the end. */
export const nextStep = (definition: SurveyDefinition, step: Step) => stepFrom(definition, step, 1);

/** The step before `step`, or `step` itself at the start. */
export const previousStep = (definition: SurveyDefinition, step: Step) =>
  stepFrom(definition, step, -1);
