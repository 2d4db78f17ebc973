/**
 * The events `<values-survey>` fires. All bubble and are composed, so a page can listen on the
 * element or on `document`. Change events fire on user action only, never when code sets a property.
 */
import type { Answer, SurveyResponse, WordDecision } from './response/schema.js';
import type { DefinitionProblem } from './definition/errors.js';

export interface ValuesSurveyChangeDetail {
  /** The question whose answer changed. */
  questionId: string;
  /** Its answer now; `undefined` when it was cleared. */
  answer: Answer | undefined;
}

export interface ValuesSurveySubmitDetail {
  /** The response, queued in the outbox before any send. */
  response: SurveyResponse;
}

export interface ValuesSurveySentDetail {
  /** The response id (also its Idempotency-Key). */
  id: string;
  /**
   * The endpoint's HTTP status: 2xx, or 409 for one it already had; 0 when another tab on this
   * device delivered it (and saw the status there).
   */
  status: number;
}

export interface ValuesSurveyErrorDetail {
  /** What failed. */
  kind: 'definition' | 'storage' | 'delivery';
  /** A plain description of the failure. */
  message: string;
  /** Definition problems, one per field. */
  problems?: DefinitionProblem[];
  /** For delivery: the response id and the HTTP status (0 for a network failure or timeout). */
  id?: string;
  status?: number;
}

export interface ValuesSurveyEventMap {
  'values-survey-change': CustomEvent<ValuesSurveyChangeDetail>;
  'values-survey-submit': CustomEvent<ValuesSurveySubmitDetail>;
  'values-survey-sent': CustomEvent<ValuesSurveySentDetail>;
  'values-survey-error': CustomEvent<ValuesSurveyErrorDetail>;
}

export interface WordsChangeDetail {
  /** Every decision now in force. */
  decisions: WordDecision[];
}

/**
 * The event `<values-survey-words>` fires. It bubbles but is not composed, so it stays inside
 * the survey: typed for element listeners only.
 */
export interface ValuesSurveyWordsEventMap {
  'words-change': CustomEvent<WordsChangeDetail>;
}

/** The `detail` of event `K` in the event map `M`. */
type DetailOf<M, K extends keyof M> = M[K] extends CustomEvent<infer D> ? D : never;

/**
 * A dispatcher of bubbling, composed custom events typed by the event map `M`: one for the
 * survey's `values-survey-*` events, one for the results element's.
 */
export function emitterOf<M>() {
  return <K extends keyof M & string>(
    target: EventTarget,
    type: K,
    detail: DetailOf<M, K>,
  ): boolean =>
    target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

/** Dispatches a bubbling, composed `values-survey-*` event from `target`. */
export const emit = emitterOf<ValuesSurveyEventMap>();

declare global {
  // Declaration merging: listeners on any element, on `document` and on `window` get the typed
  // details (HTMLElementEventMap, DocumentEventMap and WindowEventMap all extend this map).
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends ValuesSurveyEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends ValuesSurveyWordsEventMap {}
}
