/**
 * IndexedDB, else memory: the one place that decides where the drafts and the outbox are kept
 * when the browser refuses storage.
 */
import { StorageUnavailableError } from './errors.js';
import type { KeyValueStore, KeyValueTransaction } from './kv.js';
import { createMemoryStore } from './memory.js';

/**
 * A {@link KeyValueStore} on IndexedDB that carries on in the page's memory for the rest of the
 * visit once IndexedDB fails with a {@link StorageUnavailableError}; any other error is a bug
 * and passes through.
 */
export class FallbackStore implements KeyValueStore {
  /** `'idb'` normally; `'memory'` once IndexedDB has failed during this visit. */
  mode: 'idb' | 'memory' = 'idb';
  /** The page's memory, which holds what could not be written to IndexedDB. */
  readonly memory = createMemoryStore();
  readonly #idb: KeyValueStore;
  readonly #onFallback: (error: StorageUnavailableError) => void;

  /** `onFallback` is told once, when IndexedDB fails and memory takes over. */
  constructor(idb: KeyValueStore, onFallback: (error: StorageUnavailableError) => void) {
    this.#idb = idb;
    this.#onFallback = onFallback;
  }

  async transact<T>(
    mode: IDBTransactionMode,
    body: (tx: KeyValueTransaction) => Promise<T>,
  ): Promise<T> {
    if (this.mode === 'idb') {
      try {
        return await this.#idb.transact(mode, body);
      } catch (error) {
        this.#fallBack(error);
      }
    }
    return this.memory.transact(mode, body);
  }

  /**
   * Runs the write `body` on IndexedDB, even after falling back to memory (something from an
   * earlier visit may still be on disk, and "Clear my answers" on a shared computer must mean
   * it), then on memory.
   */
  async everywhere(body: (tx: KeyValueTransaction) => Promise<void>): Promise<void> {
    try {
      await this.#idb.transact('readwrite', body);
    } catch (error) {
      this.#fallBack(error);
    }
    await this.memory.transact('readwrite', body);
  }

  close(): void {
    this.#idb.close();
  }

  /** Rethrows a bug; otherwise carries on in memory from now on, and says so the first time. */
  #fallBack(error: unknown): void {
    if (!(error instanceof StorageUnavailableError)) throw error;
    if (this.mode === 'memory') return;
    this.mode = 'memory';
    this.#idb.close();
    this.#onFallback(error);
  }
}
