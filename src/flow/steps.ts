/**
 * The survey's steps: the intro, one step per question, "Check your answers", and the
 * confirmation. A step is named by a stable key (a question id, or one of the fixed keys), so a
 * saved draft still lands on the right step if the order of questions changes.
 */
import type { Question, SurveyDefinition } from '../definition/schema.js';

export const INTRO = 'intro';
export const CHECK = 'check';
export const DONE = 'done';

export type StepKey = string;

export function stepKeys(definition: SurveyDefinition): StepKey[] {
  return [INTRO, ...definition.questions.map((q) => q.id), CHECK, DONE];
}

export function questionFor(definition: SurveyDefinition, step: StepKey): Question | undefined {
  return definition.questions.find((q) => q.id === step);
}

/** The step after `step`, or `step` itself at the end. */
export function nextStep(definition: SurveyDefinition, step: StepKey): StepKey {
  const keys = stepKeys(definition);
  return keys[Math.min(keys.indexOf(step) + 1, keys.length - 1)];
}

/** The step before `step`, or the intro. */
export function previousStep(definition: SurveyDefinition, step: StepKey): StepKey {
  const keys = stepKeys(definition);
  return keys[Math.max(keys.indexOf(step) - 1, 0)];
}

/** A step key that exists in this definition: unknown keys (from an old draft) go to the intro. */
export function knownStep(definition: SurveyDefinition, step: StepKey | undefined): StepKey {
  return step && stepKeys(definition).includes(step) && step !== DONE ? step : INTRO;
}
