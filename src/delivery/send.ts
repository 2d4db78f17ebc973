/**
 * One delivery attempt: POST one response to the endpoint and say what the answer means for the
 * outbox. This is the only place in the package that calls `fetch` for responses.
 */
import type { SurveyResponse } from '../response/schema.js';
import { parseRetryAfter } from './retry-after.js';
import { attemptSignal } from '../support/signals.js';

/** What one attempt came to. `status` is the HTTP status, or 0 when no HTTP answer arrived. */
export type SendResult =
  /** The endpoint has the response: 2xx, or 409 ("already have it"). */
  | { outcome: 'delivered'; status: number }
  /**
   * Try again later: network failure or timeout (status 0), 408, 425, 429 or 5xx. Also status 0
   * when something other than the endpoint answered: a redirect, or a 2xx HTML page (a captive
   * portal's login page on hospital or public Wi-Fi). Neither means the endpoint has it.
   */
  | { outcome: 'retry'; status: number; retryAfterMs?: number }
  /**
   * The endpoint said no (other 4xx, anything else): retrying will not help by itself. `message`
   * is the endpoint's own sentence for the respondent, when it gave one (see respondentMessage).
   */
  | { outcome: 'refused'; status: number; message?: string };

/** Options for one attempt. */
export interface SendOptions {
  /** Give up on an attempt after this long, as a network failure. Default 30000. */
  timeoutMs?: number;
  /** Default `'omit'`: the widget sends no cookies (docs/contract.md, "Privacy"). */
  credentials?: RequestCredentials;
  /** Extra request headers. `Content-Type` and `Idempotency-Key` are always the widget's own. */
  headers?: Record<string, string>;
  /** Aborts the attempt; it then resolves as a retry with status 0. */
  signal?: AbortSignal;
}

/**
 * Default attempt timeout: long enough for a slow endpoint on a slow mobile upload (every
 * attempt that times out is sent again, so too short a timeout multiplies the load on a
 * struggling endpoint), short enough to try again soon. The element's `send-timeout` overrides it.
 */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Bodies at least this big go without `keepalive`. The Fetch standard fails keepalive requests
 * once the page's in-flight keepalive bodies pass 64 KiB; the margin leaves room for a second survey.
 */
export const KEEPALIVE_MAX_BYTES = 60 * 1024;

/** Statuses worth retrying (docs/contract.md, "Delivery"): the server may say yes later. */
const RETRYABLE = new Set([408, 425, 429]);

/** What an HTTP status means for delivery. */
export function outcomeFor(status: number): SendResult['outcome'] {
  if ((status >= 200 && status < 300) || status === 409) return 'delivered';
  if (RETRYABLE.has(status) || (status >= 500 && status < 600)) return 'retry';
  return 'refused';
}

/**
 * Refusals whose JSON `message` is written for the respondent: the receiver's reply for a survey
 * that has closed or is not open yet ("This survey closed on 30 September 2026.").
 */
const RESPONDENT_REFUSALS = ['survey closed', 'survey not open'];

/** The endpoint's sentence for the respondent, if its refusal carries one (plain, short text). */
async function respondentMessage(reply: Response): Promise<string | undefined> {
  let body: { error?: unknown; message?: unknown } | null;
  try {
    body = (await reply.json()) as typeof body;
  } catch (error) {
    // Not JSON (SyntaxError), or the body did not arrive (a network failure or an abort): the
    // widget's own words are used.
    if (error instanceof SyntaxError || isNetworkFailure(error)) return undefined;
    throw error;
  }
  const { error, message } = body ?? {};
  if (RESPONDENT_REFUSALS.includes(error as string) && typeof message === 'string') {
    return message.length <= 300 ? message : undefined;
  }
  return undefined;
}

/** No HTTP answer from the endpoint (offline, a network failure, a timeout, a captive portal). */
export function unreachable(): SendResult {
  return { outcome: 'retry', status: 0 };
}

function isRedirect(status: number): boolean {
  return status >= 300 && status < 400;
}

/** An HTML page: what captive portals answer with. An endpoint acknowledges with anything else. */
function isWebPage(reply: Response): boolean {
  return /^\s*(text\/html|application\/xhtml\+xml)\b/i.test(
    reply.headers.get('Content-Type') ?? '',
  );
}

/** What is wrong with an endpoint address, if anything (see {@link endpointProblem}). */
export type EndpointProblem = { kind: 'invalid' } | { kind: 'credentials'; shown: string };

/**
 * What is wrong with `endpoint`, if anything, for the editor's error box:
 * - `invalid`: not an http(s) address (a typo such as "https://").
 * - `credentials`: it carries a user name or password, which `fetch` refuses (so it would be
 *   retried for ever as if offline). `shown` is the address without them, safe to display.
 */
export function endpointProblem(endpoint: string): EndpointProblem | undefined {
  let url: URL;
  try {
    url = new URL(endpoint, document.baseURI);
  } catch (error) {
    if (error instanceof TypeError) return { kind: 'invalid' };
    throw error;
  }
  if (!/^https?:$/.test(url.protocol)) return { kind: 'invalid' };
  if (url.username || url.password) {
    url.username = '';
    url.password = '';
    return { kind: 'credentials', shown: url.href };
  }
  return undefined;
}

/**
 * `endpoint` resolved against the page.
 * @throws TypeError if {@link endpointProblem} finds a problem with it (not an http(s) URL, or a
 * user name or password in it, which `fetch` refuses): a configuration error, never retried as if
 * it were a network failure.
 */
export function absoluteEndpoint(endpoint: string): string {
  const problem = endpointProblem(endpoint);
  if (problem?.kind === 'credentials') {
    throw new TypeError('values-survey: an endpoint cannot contain a user name or password.');
  }
  if (problem) throw new TypeError(`values-survey: "${endpoint}" is not an http(s) address.`);
  return new URL(endpoint, document.baseURI).href;
}

/** Errors that mean "no HTTP answer": offline, DNS, CORS, reset socket, timeout, aborted. */
function isNetworkFailure(error: unknown): boolean {
  if (error instanceof TypeError) return true;
  return (
    error instanceof DOMException && (error.name === 'AbortError' || error.name === 'TimeoutError')
  );
}

/**
 * POSTs `response` to `endpoint` as JSON with `Idempotency-Key: <response.id>`, so a retry after a
 * lost reply is recognised by the endpoint (409) rather than stored twice.
 *
 * Resolves for every HTTP answer and for network failures, timeouts and aborts (status 0); rejects
 * only for something unexpected (a programming error), and for an `endpoint` that is not a URL.
 */
export async function sendResponse(
  endpoint: string,
  response: SurveyResponse,
  options: SendOptions = {},
): Promise<SendResult> {
  // Resolve first, so a malformed endpoint is reported as the configuration error it is rather
  // than retried forever as if it were a network failure.
  const url = absoluteEndpoint(endpoint);
  const body = JSON.stringify(response);
  const bytes = new TextEncoder().encode(body).byteLength;
  const attempt = attemptSignal(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.signal);
  try {
    const reply = await fetch(url, {
      method: 'POST',
      headers: {
        ...options.headers,
        'Content-Type': 'application/json',
        'Idempotency-Key': response.id,
      },
      body,
      credentials: options.credentials ?? 'omit',
      cache: 'no-store',
      // A redirect would turn the POST into a GET on 301/302/303, and the page it lands on could
      // answer 200 for answers it never received. Surface it instead (an opaque redirect).
      redirect: 'manual',
      // The respondent's page URL is not part of the response (docs/contract.md, "Privacy").
      referrerPolicy: 'no-referrer',
      // Lets the request finish if the respondent closes the tab straight after Submit.
      keepalive: bytes < KEEPALIVE_MAX_BYTES,
      signal: attempt.signal,
    });
    // A redirect (never followed) or a 2xx web page is a captive portal or a misrouted proxy,
    // not the endpoint: the response did not arrive, so it waits and is tried again like a
    // network failure, and is sent as soon as the person signs in to the Wi-Fi.
    if (reply.type === 'opaqueredirect' || isRedirect(reply.status)) return unreachable();
    const outcome = outcomeFor(reply.status);
    if (outcome === 'delivered' && reply.status < 300 && isWebPage(reply)) return unreachable();
    if (outcome === 'refused') {
      const message = await respondentMessage(reply);
      return message
        ? { outcome, status: reply.status, message }
        : { outcome, status: reply.status };
    }
    if (outcome !== 'retry') return { outcome, status: reply.status };
    const retryAfterMs = parseRetryAfter(reply.headers.get('Retry-After'));
    return retryAfterMs === undefined
      ? { outcome, status: reply.status }
      : { outcome, status: reply.status, retryAfterMs };
  } catch (error) {
    if (isNetworkFailure(error)) return unreachable();
    throw error;
  } finally {
    attempt.dispose();
  }
}
