/**
 * The `<values-survey>` element's public attributes and properties, with their defaults: what an
 * integrator sets. The element (values-survey.ts) extends this class and reads them; the API
 * tables in docs/integrators.md are generated from the JSDoc here and there.
 */
import { LitElement } from 'lit';
import type { SurveyDefinition } from './definition/schema.js';
import type { SurveyStrings } from './strings.js';

/** The survey element's attributes and properties (see `ValuesSurvey`). */
export class ValuesSurveyProperties extends LitElement {
  // Reactive properties declared here rather than with decorators, and (in the element) the
  // strings provided with a ContextProvider rather than @provide: the same behaviour, 133 B gzip
  // less in the bundle.
  static override properties = {
    endpoint: { reflect: true },
    src: { reflect: true },
    survey: { reflect: true },
    definition: { attribute: false },
    definitionTimeout: { type: Number, attribute: 'definition-timeout' },
    draftMaxAge: { type: Number, attribute: 'draft-max-age' },
    credentials: {},
    sendTimeout: { type: Number, attribute: 'send-timeout' },
    headers: { attribute: false },
    strings: { attribute: false },
    mode: { reflect: true },
    collection: { reflect: true },
    kioskReturnAfter: { type: Number, attribute: 'kiosk-return-after' },
    kioskIdleAfter: { type: Number, attribute: 'kiosk-idle-after' },
    kioskWarningFor: { type: Number, attribute: 'kiosk-warning-for' },
  };

  /** Where completed responses are POSTed. Without it the survey is a preview that says it cannot send. */
  endpoint: string | null = null;

  /** URL of a JSON survey definition, fetched with a timeout. */
  src: string | null = null;

  /**
   * The id of the survey this place is for. When set, the definition must be that survey, from
   * `src`, a child script or the `definition` property: if it is missing (an editor or sanitiser
   * removed it) or is another survey, the editor's error box shows why, never the built-in survey.
   */
  survey: string | null = null;

  /**
   * The survey definition as an object (see `dist/definition.schema.json`). Wins over `src` and a
   * child `<script type="application/json">`; with none of them (and no `survey` named), the
   * built-in survey runs.
   */
  definition: SurveyDefinition | undefined = undefined;

  /** How long, in milliseconds, a `src` definition may take to load before an error is shown. */
  definitionTimeout = 10_000;

  /** Days a saved draft is kept on the device after its last change. */
  draftMaxAge = 30;

  /**
   * Whether responses are sent with cookies: `omit` (the default: no cookies), `same-origin`, or
   * `include` (for an endpoint that needs the intranet's session). Other values mean `omit`.
   */
  credentials: 'omit' | 'same-origin' | 'include' = 'omit';

  /**
   * How long, in milliseconds, one attempt to send a response may take before it is given up
   * and tried again later (default 30000). Raise it for an endpoint that is slow to store.
   */
  // A literal so the manifest shows it: the same as DEFAULT_TIMEOUT_MS in delivery/send.ts.
  sendTimeout = 30_000;

  /** Extra HTTP headers sent with every response (e.g. an API key the endpoint expects). */
  headers: Record<string, string> | undefined = undefined;

  /** Overrides for the widget's own text, by key (the Strings table in docs/integrators.md). Win over the definition's `strings`. */
  strings: Partial<SurveyStrings> | undefined = undefined;

  /**
   * `kiosk` for events and shared tablets: each person starts afresh and nothing of theirs is
   * kept for the next. After the confirmation a Next person button, and a return to the start
   * after `kiosk-return-after` seconds (said on screen); after `kiosk-idle-after` seconds without
   * input, a warning with "I am still here", then the answers are cleared after
   * `kiosk-warning-for` seconds. No draft is saved or restored; completed responses still queue
   * and are sent exactly once. Responses record `collection: "kiosk"`. Other values: the
   * ordinary survey.
   */
  mode: 'kiosk' | null = null;

  /**
   * How responses are collected, recorded in each one's `collection`: `self` (the respondent's
   * own device; the default), `kiosk` (the default in kiosk mode), `assisted` (a staff member
   * helps) or `paper` (staff key in a paper form). Wins over the mode's default; an unknown
   * value is warned about in the console and means the default.
   */
  collection: 'self' | 'kiosk' | 'assisted' | 'paper' | null = null;

  // The kiosk's pauses: literals here so the manifest shows them; the same as KIOSK_DEFAULTS.
  /** Kiosk mode: seconds from the confirmation to the automatic return to the start (default 60). */
  kioskReturnAfter = 60;

  /** Kiosk mode: seconds without input before "Are you still there?" (default 180). */
  kioskIdleAfter = 180;

  /** Kiosk mode: seconds the warning stays before the answers are cleared (default 60). */
  kioskWarningFor = 60;
}
