/**
 * What the session shows the outside: its read-only view and the types around it. Templates
 * import these types only, never the session's machinery.
 */
import type { DefinitionError } from '../definition/errors.js';
import type { Question, SurveyDefinition } from '../definition/schema.js';
import type { DeliveryState } from '../delivery/outbox.js';
import type { DraftNotice } from '../storage/drafts.js';
import type { emit } from '../events.js';
import type { Step } from '../flow/steps.js';
import type { Answer, Answers, SurveyResponse } from '../response/schema.js';
import type { SurveyStrings } from '../strings.js';

export type { Step } from '../flow/steps.js';
export type { DeliveryState } from '../delivery/outbox.js';

/**
 * What the respondent may need to be told about their answers on this device: the draft store's
 * notices under their own names (its three kinds of discarded draft read as one), and `resumed`,
 * `cleared` and `kept`. `kept`: answers saved earlier arrived after the respondent had answered
 * again, so their new answers were kept.
 */
export type NoticeKind =
  Exclude<DraftNotice, `discarded-${string}`> | 'discarded' | 'resumed' | 'cleared' | 'kept';

/** Where focus should go once the next render is on screen (the element moves it). */
export type FocusTarget = 'heading' | 'error-summary' | 'clear-button' | 'still-here';

/**
 * The response this device last submitted for the survey on screen, on an earlier visit: when
 * it was completed (as the device recorded it) and where it stands now.
 */
export interface PreviousResponse {
  readonly completedAt: string;
  readonly delivery: DeliveryState;
}

/**
 * What the last step shows. `sending`: the first attempt (or a Try again) is under way, so
 * nothing is promised yet. `confirmed`: the endpoint has the answers, or they are queued on the
 * device to be sent automatically (or this is a preview). `refused`: the endpoint refused them;
 * they are still on the device. A refusal is never shown as a thank-you.
 */
export type Ending = 'sending' | 'confirmed' | 'refused';

/** Everything there is to render, as of now. Read only: change it through the actions. */
export interface SessionView {
  readonly status: 'loading' | 'ready' | 'error';
  readonly survey?: SurveyDefinition;
  readonly definitionError?: DefinitionError;
  /** A configuration problem with the endpoint, shown in place of the survey. */
  readonly endpointProblem?: string;
  /** The merged strings: defaults, then the definition's, then the `strings` property. */
  readonly strings: SurveyStrings;
  readonly step: Step;
  /** The question on screen, when the step is a question. */
  readonly question: Question | undefined;
  readonly answers: Readonly<Answers>;
  /**
   * What is wrong with the answer to the question on screen, once Continue or Submit found it:
   * shown in the error summary and beside the field.
   */
  readonly error?: string;
  /** The character count as last read out (updated once typing pauses). */
  readonly announcedCount: string;
  readonly notices: readonly NoticeKind[];
  /**
   * The saved answers are still being read from the device. The survey is shown and usable
   * meanwhile (from its first step); when they arrive they are applied, unless the respondent
   * has answered something by then (see {@link NoticeKind}).
   */
  readonly restoring: boolean;
  readonly confirmingClear: boolean;
  /** Whether "Clear my answers" is offered: the respondent started, and the survey is not over. */
  readonly canClear: boolean;
  /** Whether there is a step before this one (not on the first step, nor after Submit). */
  readonly canGoBack: boolean;
  /** No endpoint: the survey can be tried, and says it cannot send. */
  readonly preview: boolean;
  /** Why the last Submit failed (the answers are still here), if it did. */
  readonly submitError?: string;
  /** The response submitted on this visit, once queued. */
  readonly submitted?: SurveyResponse;
  /** Where the submitted response stands; undefined in a preview. */
  readonly delivery?: DeliveryState;
  /** What the last step shows, once the answers are submitted. */
  readonly ending: Ending;
  /** A link to the submitted response as a file, offered while it is stuck. */
  readonly downloadUrl?: string;
  /**
   * While "Clear my answers" is being confirmed: a link to the undelivered responses on this
   * device as a file, when there are any (the clear would remove them too).
   */
  readonly unsentUrl?: string;
  /** Days a saved draft is kept after its last change (for the notice when one expires). */
  readonly draftMaxAge: number;
  /** The outbox could keep responses only in memory (lost if the page closes). */
  readonly inMemoryOnly: boolean;
  /** Responses refused on an earlier visit, by id, with the endpoint's status. */
  readonly earlierRefused: ReadonlyMap<string, number>;
  /**
   * Someone came back after Submit: the response last submitted for this survey on this device
   * (waiting to be sent, or received), shown on the first step until they move on. Never in
   * kiosk mode, where it would be someone else's.
   */
  readonly previous?: PreviousResponse;
  /** Kiosk mode (`mode="kiosk"`): a shared tablet, cleared for each person. */
  readonly kiosk: boolean;
  /** Kiosk mode: nobody has touched the survey for a while; their answers are about to go. */
  readonly idleWarning: boolean;
  /** Kiosk mode: seconds from the confirmation to the start, and the warning's seconds. */
  readonly kioskReturnSeconds: number;
  readonly kioskWarningSeconds: number;
}

/**
 * Everything the templates may ask of the session, besides reading its {@link SessionView}:
 * what the respondent's buttons, links and fields do.
 */
export interface SessionActions {
  /** The step's main button: Start, Continue or Submit. */
  continue(): Promise<void>;
  back(): void;
  /** A Change link on "Check your answers". */
  change(questionId: string): void;
  /** The respondent changed an answer (undefined: cleared it). */
  answer(questionId: string, answer: Answer | undefined): void;
  askToClear(): void;
  cancelClear(): void;
  clear(): Promise<void>;
  /** Try again, for this visit's refused response. */
  retry(): void;
  /** Try again, for responses refused on earlier visits. */
  retryEarlier(): void;
  /** Kiosk mode: Next person. */
  nextPerson(): Promise<void>;
  /** Kiosk mode: "I am still here". */
  stillHere(): void;
}

/** Fires one of the element's events (the element dispatches it from itself). */
export type Emitter = <K extends Parameters<typeof emit>[1]>(
  type: K,
  detail: Parameters<typeof emit<K>>[2],
) => void;

/**
 * How responses are sent: the endpoint and the fetch options the integrator chose (the element's
 * properties of the same names).
 */
export interface DeliveryOptions {
  endpoint: string | null;
  credentials: string;
  headers: Record<string, string> | undefined;
  /** How long one attempt to send may take, in milliseconds (0 or less: the default). */
  sendTimeout: number;
}
