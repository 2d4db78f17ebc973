/**
 * Where a definition comes from, in order of precedence (first present wins):
 *   1. the `definition` property (set by code),
 *   2. the `src` attribute (a URL, fetched with a timeout),
 *   3. a child `<script type="application/json">`,
 *   4. the built-in values refresh survey.
 * Fetching a definition is a GET of a public file, so it lives here rather than in delivery/.
 */
import { DEFAULT_SURVEY } from './default-survey.js';
import { DefinitionError } from './errors.js';
import { parseDefinition, parseDefinitionJson } from './parse.js';
import type { SurveyDefinition } from './schema.js';
import { format, type SurveyStrings } from '../strings.js';

export interface DefinitionSources {
  property: unknown;
  src: string | null;
  scriptText: string | null;
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
  if (sources.property !== undefined && sources.property !== null) {
    return parseDefinition(sources.property, 'property');
  }
  if (sources.src) return undefined;
  if (sources.scriptText !== null) {
    return parseDefinitionJson(sources.scriptText, 'script', strings.definitionNotJson);
  }
  return DEFAULT_SURVEY;
}

/**
 * Fetches and validates the definition at `src`; rejects with a DefinitionError, or the abort
 * reason when `signal` says the load was superseded. `timeoutMs` bounds the headers and the body.
 */
export async function fetchDefinition(
  src: string,
  strings: SurveyStrings,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<SurveyDefinition> {
  const url = new URL(src, document.baseURI).href;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const abortOnSuperseded = () => timeout.abort();
  signal.addEventListener('abort', abortOnSuperseded);
  const fail = (message: string): never => {
    throw new DefinitionError(message, [{ path: 'src', message }], 'src');
  };
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
    return parseDefinitionJson(text, 'src', strings.definitionNotJson);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', abortOnSuperseded);
  }
}

/**
 * The definition in force, from whichever source: at hand at once, else fetched from `src`.
 * Rejects with a DefinitionError for one that cannot be used (the results report uses this; the
 * survey calls the two steps itself so that an inline definition renders with no wait).
 */
export async function loadDefinition(
  sources: DefinitionSources,
  strings: SurveyStrings,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<SurveyDefinition> {
  return (
    definitionAtHand(sources, strings) ??
    fetchDefinition(sources.src ?? '', strings, signal, timeoutMs)
  );
}
