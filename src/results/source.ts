/**
 * Fetches the responses from the receiver (`GET /responses` or `/responses.jsonl`), with the
 * results token as a Bearer token, and says plainly what went wrong when it fails. This is the
 * only module of the results that calls `fetch` for responses.
 */

/** Why the responses could not be fetched. */
export type FetchFailure =
  | { kind: 'token'; status: number }
  | { kind: 'status'; status: number }
  | { kind: 'network'; reason: string }
  | { kind: 'timeout' }
  | { kind: 'not-data'; contentType: string };

export class FetchResponsesError extends Error {
  override name = 'FetchResponsesError';
  constructor(
    message: string,
    readonly failure: FetchFailure,
  ) {
    super(message);
  }
}

/**
 * The address to fetch for `src`: the receiver's responses address (a path ending in
 * `/responses`) becomes its summary, `/responses/summary?minGroup=N`, counted by the database;
 * any other address (a file of responses, or a saved summary) is fetched as it is. `filter`
 * applies to the receiver's summary only.
 */
export function sourceUrl(src: string, minGroup: number, filter: SummaryFilter = {}): string {
  const url = new URL(src, document.baseURI);
  if (/\/responses\/?$/.test(url.pathname)) {
    url.pathname = `${url.pathname.replace(/\/$/, '')}/summary`;
  }
  if (/\/responses\/summary$/.test(url.pathname)) {
    url.searchParams.set('minGroup', String(minGroup));
    if (filter.leaveOutFlagged) url.searchParams.set('flagged', 'exclude');
    if (filter.collection) url.searchParams.set('collection', filter.collection);
  }
  return url.href;
}

/** What the receiver's summary is asked to count (a file is always counted whole). */
export interface SummaryFilter {
  /** Leave out the responses the receiver's integrity checks flagged. */
  leaveOutFlagged?: boolean;
  /** Only the responses collected this way: `self`, `kiosk`, `assisted` or `paper`. */
  collection?: string;
}

/** Fetches `url` and returns its text; rejects with FetchResponsesError, or AbortError if aborted. */
export async function fetchResponses(
  url: string,
  token: string | null,
  signal: AbortSignal,
  timeoutMs = 60_000,
): Promise<string> {
  const href = new URL(url, document.baseURI).href;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const onAbort = () => timeout.abort();
  signal.addEventListener('abort', onAbort);
  const headers: Record<string, string> = {
    Accept: 'application/json, application/x-ndjson, application/jsonl;q=0.9',
  };
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    let response: Response;
    try {
      response = await fetch(href, {
        signal: timeout.signal,
        headers,
        credentials: 'same-origin',
        cache: 'no-store',
        // A redirect to a sign-in page is not the responses.
        redirect: 'error',
      });
      if (response.status === 401 || response.status === 403) {
        throw new FetchResponsesError(
          token
            ? 'The results token was not accepted. Check it and enter it again.'
            : `The server at ${href} asked for the results token (status ${response.status}).`,
          { kind: 'token', status: response.status },
        );
      }
      if (!response.ok) {
        throw new FetchResponsesError(
          `The server at ${href} answered with status ${response.status}, so the responses could not be read.`,
          { kind: 'status', status: response.status },
        );
      }
      const contentType = response.headers.get('Content-Type') ?? '';
      if (/text\/html/i.test(contentType)) {
        throw new FetchResponsesError(
          `The address ${href} returned a web page, not responses. Check the address.`,
          { kind: 'not-data', contentType },
        );
      }
      return await response.text();
    } catch (error) {
      if (error instanceof FetchResponsesError) throw error;
      if (signal.aborted) throw signal.reason ?? error;
      if (error instanceof DOMException && error.name === 'AbortError') {
        throw new FetchResponsesError(
          `The server at ${href} did not send the responses within ${Math.round(timeoutMs / 1000)} seconds.`,
          { kind: 'timeout' },
        );
      }
      if (error instanceof TypeError) {
        throw new FetchResponsesError(
          `The responses could not be fetched from ${href} (${error.message}). Check the address and your connection, then try again.`,
          { kind: 'network', reason: error.message },
        );
      }
      throw error;
    }
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}
