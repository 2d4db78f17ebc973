/**
 * Keeps the results token for the browser session (sessionStorage), per address of the responses,
 * so the owner types it once per session and it is gone when the browser is closed. Storage that
 * is blocked (a privacy setting, a sandboxed frame) falls back to this page's memory.
 */
const PREFIX = 'values-survey-results-token ';
const memory = new Map<string, string>();

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch (error) {
    // Blocked storage throws SecurityError on access.
    if (error instanceof DOMException) return null;
    throw error;
  }
}

/** The key for `url`: its address without query or fragment. */
export function tokenKey(url: string): string {
  const { origin, pathname } = new URL(url, document.baseURI);
  return `${PREFIX}${origin}${pathname}`;
}

export function loadToken(url: string): string | null {
  const key = tokenKey(url);
  try {
    return storage()?.getItem(key) ?? memory.get(key) ?? null;
  } catch (error) {
    if (error instanceof DOMException) return memory.get(key) ?? null;
    throw error;
  }
}

export function saveToken(url: string, token: string): void {
  const key = tokenKey(url);
  memory.set(key, token);
  try {
    storage()?.setItem(key, token);
  } catch (error) {
    // Full or blocked: the copy in memory still lasts as long as the page.
    if (!(error instanceof DOMException)) throw error;
  }
}

export function forgetToken(url: string): void {
  const key = tokenKey(url);
  memory.delete(key);
  try {
    storage()?.removeItem(key);
  } catch (error) {
    if (!(error instanceof DOMException)) throw error;
  }
}
