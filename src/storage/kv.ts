/**
 * The small key-value surface the drafts and the outbox are written against, so they run the
 * same way on IndexedDB and, when the browser refuses storage, on memory.
 */

/**
 * The operations of one {@link KeyValueStore.transact} body. Reads are awaited; writes are queued
 * in the same transaction and land together with it, or not at all.
 */
export interface KeyValueTransaction {
  /** The stored value, or `undefined`. Not validated: callers must parse what they read. */
  get(key: string): Promise<unknown>;
  /**
   * Every `[key, value]` whose key starts with `prefix`, in key order, as stored before this
   * transaction's own writes.
   */
  entries(prefix: string): Promise<[string, unknown][]>;
  put(key: string, value: unknown): void;
  delete(key: string): void;
}

/** Values are stored as structured clones: the caller's objects are never shared with the store. */
export interface KeyValueStore {
  /**
   * Runs `body` in one transaction (`'readonly'` for a body that only reads): every write it
   * makes lands together, or none does (a crash, a quota error), and two tabs cannot interleave
   * between its reads and its writes. `body` must only await the transaction's own reads, or the
   * transaction ends under it. It may run twice (a retry on a fresh connection, a fallback to
   * memory), so it must not act on the world outside the store. Resolves with its result once
   * the transaction has committed.
   */
  transact<T>(mode: IDBTransactionMode, body: (tx: KeyValueTransaction) => Promise<T>): Promise<T>;
  /** Releases the connection, if any; a later call reconnects. */
  close(): void;
}

/**
 * Field `name` of a stored value read leniently, or `undefined` if it is not an object: for
 * records of any format, which are not validated as a whole.
 */
export function fieldOf(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[name]
    : undefined;
}
