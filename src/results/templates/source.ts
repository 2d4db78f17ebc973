/** Where the responses come from: the token form, opening a file, failures, unreadable records. */
import { html, nothing } from 'lit';
import type { InvalidResponse } from '../read.js';
import { plural } from '../format.js';

export interface TokenFormOptions {
  url: string;
  /** Why the form is shown again: a rejected token, or an empty field. */
  error: string | null;
  onSubmit: (token: string) => void;
}

export function tokenForm({ url, error, onSubmit }: TokenFormOptions) {
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('token') as HTMLInputElement;
    onSubmit(input.value.trim());
  };
  return html`<form class="token-form" part="token-form" @submit=${submit} novalidate>
    <h2 id="token-heading" tabindex="-1">Enter the results token</h2>
    <p>
      The server at ${new URL(url, document.baseURI).href} asked for the results token before it
      shows the responses. Enter the token you were given. It is kept in this browser until you
      close it, and only sent to that address.
    </p>
    <div class="field ${error ? 'field--error' : ''}">
      <label for="token">Results token</label>
      ${error ? html`<p class="error-message" id="token-error">Error: ${error}</p>` : nothing}
      <input
        id="token"
        name="token"
        type="password"
        autocomplete="off"
        spellcheck="false"
        aria-describedby=${error ? 'token-error' : nothing}
        aria-invalid=${error ? 'true' : 'false'}
      />
    </div>
    <button type="submit">Show results</button>
  </form>`;
}

export function fileOpener(onFile: (file: File) => void, prominent: boolean) {
  const change = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file) onFile(file);
    input.value = '';
  };
  return html`<div class="file-opener ${prominent ? '' : 'file-opener--quiet'}" part="file-opener">
    ${prominent ? html`<h2>Open a file of responses</h2>` : nothing}
    <div class="field">
      <label for="file">${prominent ? 'Responses file' : 'Or open a file of responses'}</label>
      <p class="hint" id="file-hint">
        JSON or JSON Lines exported from the receiver. The file is read in this browser; nothing is
        sent anywhere.
      </p>
      <input
        id="file"
        type="file"
        accept=".json,.jsonl,.ndjson,application/json,application/x-ndjson"
        aria-describedby="file-hint"
        @change=${change}
      />
    </div>
  </div>`;
}

export function failure(message: string, onRetry: (() => void) | null) {
  return html`<div class="failure" role="alert" part="error">
    <h2>The responses could not be shown</h2>
    <p>${message}</p>
    ${onRetry ? html`<button type="button" @click=${onRetry}>Try again</button>` : nothing}
  </div>`;
}

/** The records that were not counted, each with where it was and why. */
export function invalidList(invalid: readonly InvalidResponse[]) {
  if (!invalid.length) return nothing;
  return html`<details class="invalid" part="invalid">
    <summary>
      ${plural(invalid.length, 'record')} could not be used and
      ${invalid.length === 1 ? 'is' : 'are'} not counted
    </summary>
    <ul>
      ${invalid
        .slice(0, 200)
        .map((r) => html`<li>${r.where}${r.id ? html` (id ${r.id})` : nothing}: ${r.reason}</li>`)}
    </ul>
    ${invalid.length > 200 ? html`<p>And ${invalid.length - 200} more like these.</p>` : nothing}
  </details>`;
}
