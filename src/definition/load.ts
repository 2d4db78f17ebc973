/**
 * Where a definition comes from, in order of precedence (first present wins):
 *   1. the `definition` property (set by code),
 *   2. the `src` attribute (a URL, fetched with a timeout),
 *   3. a child `<script type="application/json">`,
 *   4. the built-in values refresh survey, only when the page names no survey.
 * A page that names its survey (the `survey` attribute, as every snippet does) gets that survey
 * or the editor's error box: never the built-in survey, never another one. A sanitiser that
 * strips a `src` or a child script would otherwise swap in a survey nobody chose, unnoticed.
 * Fetching a definition is a GET of a public file, so it lives here rather than in delivery/.
 */
import { DEFAULT_SURVEY } from './default-survey.js';
import { DefinitionError } from './errors.js';
import { validateDefinition, validateDefinitionJson } from './validate.js';
import type { SurveyDefinition } from './schema.js';
import { format, type SurveyStrings } from '../strings.js';

export interface DefinitionSources {
  property: unknown;
  src: string | null;
  scriptText: string | null;
  /** The id of the survey the page names (the `survey` attribute); '' names none by id. */
  named?: string | null;
}

/**
 * Checks that `survey` is the one the page names; throws the editor's error otherwise. A
 * `named` of null or '' accepts any definition.
 */
export function checkNamed(
  survey: SurveyDefinition,
  named: string | null | undefined,
  source: DefinitionError['source'],
  strings: SurveyStrings,
): SurveyDefinition {
  if (!named || survey.id === named) return survey;
  const message = format(strings.definitionWrongSurvey, { survey: named, id: survey.id });
  throw new DefinitionError(message, [{ path: 'id', message }], source);
}

/**
 * The definition in force when no network is needed: the property, else (without `src`) the
 * child script, else the built-in survey. Synchronous, so the survey shows in the element's
 * first render with no "Loading…" step between. Returns undefined when a `src` must be fetched
 * (see {@link fetchDefinition}); throws a DefinitionError for a definition that cannot be used.
 * The built-in survey is not validated here: a test does that (test/definition.test.ts).
 */
export function definitionAtHand(
  sources: DefinitionSources,
  strings: SurveyStrings,
): SurveyDefinition | undefined {
  const { named } = sources;
  if (sources.property !== undefined && sources.property !== null) {
    return checkNamed(validateDefinition(sources.property, 'property'), named, 'property', strings);
  }
  if (sources.src) return undefined;
  if (sources.scriptText !== null) {
    const survey = validateDefinitionJson(sources.scriptText, 'script', strings.definitionNotJson);
    return checkNamed(survey, named, 'script', strings);
  }
  if (named !== null && named !== undefined) {
    const message = named
      ? format(strings.definitionMissing, { survey: named })
      : strings.definitionNotNamed;
    throw new DefinitionError(message, [{ path: 'src', message }], 'src');
  }
  return DEFAULT_SURVEY;
}

/**
 * Fetches and validates the definition at `src`; rejects with a DefinitionError, or the abort
 * reason when `signal` says the load was superseded. `timeoutMs` bounds the headers and the body.
 * With `named`, the definition must be that survey.
 */
export async function fetchDefinition(
  src: string,
  strings: SurveyStrings,
  signal: AbortSignal,
  timeoutMs: number,
  named?: string | null,
): Promise<SurveyDefinition> {
  const fail = (message: string): never => {
    throw new DefinitionError(message, [{ path: 'src', message }], 'src');
  };
  let url: string;
  try {
    url = new URL(src, document.baseURI).href;
  } catch (error) {
    // A marker or snippet mangled by an editor (`http://[`) is the editor's to fix: say so.
    if (!(error instanceof TypeError)) throw error;
    return fail(format(strings.definitionUnreachable, { url: src, reason: 'not a web address' }));
  }
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const abortOnSuperseded = () => timeout.abort();
  signal.addEventListener('abort', abortOnSuperseded);
  try {
    let status: number;
    let text = '';
    try {
      const response = await fetch(url, {
        signal: timeout.signal,
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
      });
      status = response.status;
      // The body can stall after the headers arrive, so it is read under the same timeout.
      if (response.ok) text = await response.text();
    } catch (error) {
      if (signal.aborted) throw signal.reason ?? error;
      if (error instanceof DOMException && error.name === 'AbortError') {
        return fail(format(strings.definitionTimeout, { url, seconds: timeoutMs / 1000 }));
      }
      if (error instanceof TypeError) {
        return fail(format(strings.definitionUnreachable, { url, reason: error.message }));
      }
      throw error;
    }
    if (status < 200 || status > 299) {
      return fail(format(strings.definitionNotFound, { url, status }));
    }
    return checkNamed(
      validateDefinitionJson(text, 'src', strings.definitionNotJson),
      named,
      'src',
      strings,
    );
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', abortOnSuperseded);
  }
}

/**
 * The definition in force, from whichever source: at hand at once, else fetched from `src`.
 * Rejects with a DefinitionError, in the editor's words, for one that cannot be used (the results
 * report uses this; the
 * survey calls the two steps itself so that an inline definition renders with no wait).
 */
export async function loadDefinition(
  sources: DefinitionSources,
  strings: SurveyStrings,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<SurveyDefinition> {
  try {
    return (
      definitionAtHand(sources, strings) ??
      (await fetchDefinition(sources.src ?? '', strings, signal, timeoutMs, sources.named))
    );
  } catch (error) {
    throw error instanceof DefinitionError ? await error.explained() : error;
  }
}
