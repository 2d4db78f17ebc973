/**
 * The outbox: completed responses waiting for an endpoint to accept them. One outbox per origin,
 * shared by every survey on it, keyed by response id, so a response queued on an earlier visit
 * (or by another survey) is still sent, and re-queuing the same response replaces it. Each record
 * says where its response goes, so two surveys with different endpoints never send each other's.
 */
import * as z from 'zod/mini';
import { responseSchema, type SurveyResponse } from '../response/schema.js';
import { StorageUnavailableError } from './errors.js';
import { openIdbStore } from './idb.js';
import type { KeyValueStore } from './kv.js';
import { createMemoryStore } from './memory.js';

export { StorageUnavailableError };

const PREFIX = 'outbox:';

const queuedSchema = z.strictObject({
  endpoint: z.string().check(z.minLength(1)),
  response: responseSchema,
  refusedStatus: z.optional(z.int()),
});

/** One queued response and where it goes. */
export interface QueuedResponse {
  /**
   * The absolute URL (resolved against `document.baseURI`) the response is POSTed to. `''` only
   * in what {@link OutboxStore.list} returns for a record from a build that stored bare responses:
   * the first outbox runner that lists it adopts it for its own endpoint.
   */
  endpoint: string;
  response: SurveyResponse;
  /** The endpoint refused it (another 4xx) with this status: it waits for Try again. */
  refusedStatus?: number | undefined;
}

/** The key a response is queued under. */
export function outboxKey(id: string): string {
  return `${PREFIX}${id}`;
}

/** Where completed responses wait until their endpoint says 2xx or 409. */
export interface OutboxStore {
  /**
   * Adds or replaces a queued response (by response id); resolves only once it is durably written
   * (strict durability where the browser supports it). Falls back to memory if IndexedDB fails,
   * so it rejects with {@link StorageUnavailableError} only if memory failed too, which it does
   * not. Throws if `entry` does not match the schema, or has no endpoint (a programming error).
   */
  put(entry: QueuedResponse): Promise<void>;
  /**
   * Every queued response on this origin, for every endpoint, oldest `completedAt` first, each
   * validated. Corrupt records are removed with a console warning. A bare response (stored by an
   * earlier build, before records had an endpoint) is listed with `endpoint: ''`, never dropped.
   */
  list(): Promise<QueuedResponse[]>;
  /** Removes a response once the endpoint has it. Removing an absent id is not an error. */
  remove(id: string): Promise<void>;
  /**
   * Records that the endpoint refused response `id` with `status`, or with no `status` clears
   * that (Try again). Atomic, and does nothing if `id` is not queued (with an endpoint).
   */
  markRefused(id: string, status?: number): Promise<void>;
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

  async put(entry: QueuedResponse): Promise<void> {
    const valid = queuedSchema.parse(entry);
    await this.#use((store) => store.set(outboxKey(valid.response.id), valid));
  }

  async list(): Promise<QueuedResponse[]> {
    const entries = await this.#use((store) => store.entries(PREFIX));
    const queued: QueuedResponse[] = [];
    for (const [key, value] of entries) {
      const parsed = queuedSchema.safeParse(value);
      const bare = parsed.success ? undefined : responseSchema.safeParse(value).data;
      const entry = bare ? { endpoint: '', response: bare } : parsed.data;
      if (entry && key === outboxKey(entry.response.id)) {
        queued.push(entry);
      } else {
        console.warn(`values-survey: removed a corrupt response from the outbox (${key}).`);
        await this.#use((store) => store.delete(key));
      }
    }
    const time = ({ response }: QueuedResponse) => Date.parse(response.completedAt);
    const id = ({ response }: QueuedResponse) => response.id;
    return queued.sort((a, b) => time(a) - time(b) || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
  }

  async remove(id: string): Promise<void> {
    await this.#use((store) => store.delete(outboxKey(id)));
  }

  async markRefused(id: string, status?: number): Promise<void> {
    await this.#use((store) =>
      store.update(outboxKey(id), (current) => {
        const parsed = queuedSchema.safeParse(current);
        if (!parsed.success || parsed.data.refusedStatus === status) return undefined;
        const { endpoint, response } = parsed.data;
        return {
          put:
            status === undefined
              ? { endpoint, response }
              : { endpoint, response, refusedStatus: status },
        };
      }),
    );
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
