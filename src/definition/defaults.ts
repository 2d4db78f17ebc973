/**
 * Defaults for the optional definition fields the survey shows to respondents, so the renderer
 * and the editor page word them the same way.
 */
import type { Question } from './schema.js';

/**
 * The error shown when a required question is not answered: the question's own `errorMessage`,
 * or one built from its prompt in the GOV.UK pattern (say what to do, name the question):
 * `Select an answer to "How are you connected to the Trust?"`, `Enter an answer to "…"`, and for
 * words `Keep or remove at least one word in "…"`. A definition can do better for its own
 * questions ("Select how you are connected to the Trust"), which is why the field exists.
 */
export function errorMessageFor(question: Question): string {
  if (question.errorMessage) return question.errorMessage;
  const prompt = `"${question.prompt}"`;
  if (question.type === 'text') return `Enter an answer to ${prompt}`;
  if (question.type === 'words') return `Keep or remove at least one word in ${prompt}`;
  return `Select an answer to ${prompt}`;
}

/** A `mailto:` or `tel:` link for a definition's `contact` (validated as one or the other). */
export function contactHref(contact: string): string {
  return contact.includes('@')
    ? `mailto:${contact.trim()}`
    : `tel:${contact.replace(/[^\d+]/g, '')}`;
}
