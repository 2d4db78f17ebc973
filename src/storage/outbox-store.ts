/**
 * The outbox: completed responses waiting for the endpoint to accept them. One outbox per origin,
 * shared by every survey on it, keyed by response id, so a response queued on an earlier visit
 * (or by another survey) is still sent, and re-queuing the same response replaces it.
 */
import { responseSchema, type SurveyResponse } from '../response/schema.js';
import { StorageUnavailableError } from './errors.js';
import { openIdbStore } from './idb.js';
import type { KeyValueStore } from './kv.js';
import { createMemoryStore } from './memory.js';

export { StorageUnavailableError };

const PREFIX = 'outbox:';

/** The key a response is queued under. */
export function outboxKey(id: string): string {
  return `${PREFIX}${id}`;
}

/** Where completed responses wait until the endpoint says 2xx or 409. */
export interface OutboxStore {
  /**
   * Adds or replaces a queued response (by id); resolves only once it is durably written
   * (strict durability where the browser supports it). Falls back to memory if IndexedDB fails,
   * so it rejects with {@link StorageUnavailableError} only if memory failed too, which it does
   * not. Throws if `response` does not match the response schema (a programming error).
   */
  put(response: SurveyResponse): Promise<void>;
  /**
   * Every queued response on this origin, oldest `completedAt` first, each validated with the
   * response schema. Corrupt records are removed with a console warning.
   */
  list(): Promise<SurveyResponse[]>;
  /** Removes a response once the endpoint has it. Removing an absent id is not an error. */
  remove(id: string): Promise<void>;
  /**
   * `'idb'` normally; `'memory'` once IndexedDB has failed during this visit, after which queued
   * responses do not survive closing the page.
   */
  readonly mode: 'idb' | 'memory';
}

class FallbackOutboxStore implements OutboxStore {
  mode: 'idb' | 'memory' = 'idb';
  readonly #idb: KeyValueStore = openIdbStore({ durability: 'strict' });
  readonly #memory: KeyValueStore = createMemoryStore();

  async put(response: SurveyResponse): Promise<void> {
    const valid = responseSchema.parse(response);
    await this.#use((store) => store.set(outboxKey(valid.id), valid));
  }

  async list(): Promise<SurveyResponse[]> {
    const entries = await this.#use((store) => store.entries(PREFIX));
    const queued: SurveyResponse[] = [];
    for (const [key, value] of entries) {
      const parsed = responseSchema.safeParse(value);
      if (parsed.success && key === outboxKey(parsed.data.id)) {
        queued.push(parsed.data);
      } else {
        console.warn(`values-survey: removed a corrupt response from the outbox (${key}).`);
        await this.#use((store) => store.delete(key));
      }
    }
    const time = (response: SurveyResponse) => Date.parse(response.completedAt);
    return queued.sort((a, b) => time(a) - time(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async remove(id: string): Promise<void> {
    await this.#use((store) => store.delete(outboxKey(id)));
  }

  /** Runs `operation` on IndexedDB, or on memory for the rest of the visit once IndexedDB fails. */
  async #use<T>(operation: (store: KeyValueStore) => Promise<T>): Promise<T> {
    if (this.mode === 'idb') {
      try {
        return await operation(this.#idb);
      } catch (error) {
        if (!(error instanceof StorageUnavailableError)) throw error;
        console.warn(
          'values-survey: the outbox cannot use IndexedDB, so responses are kept in memory until they are sent.',
          error,
        );
        this.mode = 'memory';
        this.#idb.close();
      }
    }
    return operation(this.#memory);
  }
}

/**
 * A new outbox with its own connection and its own fallback state. The widget uses
 * {@link openOutboxStore}; this exists so tests can start from a clean state.
 */
export function createOutboxStore(): OutboxStore {
  return new FallbackOutboxStore();
}

let shared: OutboxStore | undefined;

/** The page's outbox, shared by every `<values-survey>` on it; connects on first use. */
export function openOutboxStore(): OutboxStore {
  shared ??= createOutboxStore();
  return shared;
}
