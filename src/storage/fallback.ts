/**
 * IndexedDB, else memory: the one place that decides where the drafts and the outbox are kept
 * when the browser refuses storage.
 */
import { StorageUnavailableError } from './errors.js';
import type { KeyValueStore, KeyValueTransaction } from './kv.js';
import { createMemoryStore } from './memory.js';

/** A {@link KeyValueStore} that falls back from IndexedDB to memory (see {@link fallbackStore}). */
export interface FallbackStore extends KeyValueStore {
  /** `'idb'` normally; `'memory'` once IndexedDB has failed during this visit. */
  readonly mode: 'idb' | 'memory';
  /** The page's memory, which holds what could not be written to IndexedDB. */
  readonly memory: KeyValueStore;
  /**
   * Runs the write `body` on IndexedDB, even after falling back to memory (something from an
   * earlier visit may still be on disk, and "Clear my answers" on a shared computer must mean
   * it), then on memory.
   */
  everywhere(body: (tx: KeyValueTransaction) => Promise<void>): Promise<void>;
}

/**
 * A store on `idb` that carries on in the page's memory for the rest of the visit once `idb`
 * fails with a {@link StorageUnavailableError} (any other error is a bug, and passes through).
 * Then it warns, once, that `kept` (what is stored, for the console) are kept in memory only,
 * and calls `onFallback`.
 */
export function fallbackStore(
  idb: KeyValueStore,
  kept: string,
  onFallback: () => void = () => undefined,
): FallbackStore {
  const memory = createMemoryStore();
  let mode: 'idb' | 'memory' = 'idb';
  const fallBack = (error: unknown) => {
    if (!(error instanceof StorageUnavailableError)) throw error;
    if (mode === 'memory') return;
    mode = 'memory';
    idb.close();
    console.warn(
      `values-survey: ${kept} are kept in memory only, because IndexedDB is unavailable.`,
      error,
    );
    onFallback();
  };
  return {
    get mode() {
      return mode;
    },
    memory,
    transact: async (txMode, body) => {
      if (mode === 'idb') {
        try {
          return await idb.transact(txMode, body);
        } catch (error) {
          fallBack(error);
        }
      }
      return memory.transact(txMode, body);
    },
    everywhere: async (body) => {
      try {
        await idb.transact('readwrite', body);
      } catch (error) {
        fallBack(error);
      }
      await memory.transact('readwrite', body);
    },
    close: () => idb.close(),
  };
}
