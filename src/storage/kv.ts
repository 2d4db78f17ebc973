/**
 * The small key-value surface the drafts and the outbox are written against, so they run the
 * same way on IndexedDB and, when the browser refuses storage, on memory.
 */

/** What {@link KeyValueStore.update} should do with a key, decided from its current value. */
export type KeyValueChange = { put: unknown } | { delete: true } | undefined;

/**
 * The operations of one {@link KeyValueStore.transact} body. Reads are awaited; writes are queued
 * in the same transaction and land together with it, or not at all.
 */
export interface KeyValueTransaction {
  get(key: string): Promise<unknown>;
  /** Every key that starts with `prefix`, as stored before this transaction's own writes. */
  keys(prefix: string): Promise<string[]>;
  put(key: string, value: unknown): void;
  delete(key: string): void;
}

/** Values are stored as structured clones: the caller's objects are never shared with the store. */
export interface KeyValueStore {
  /** The stored value, or `undefined`. Not validated: callers must parse what they read. */
  get(key: string): Promise<unknown>;
  /** Every `[key, value]` whose key starts with `prefix`, in key order. */
  entries(prefix: string): Promise<[string, unknown][]>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Reads `key` and applies `decide`'s change atomically (one transaction), so two tabs writing
   * the same key cannot interleave between the read and the write. `undefined` leaves it alone.
   */
  update(key: string, decide: (current: unknown) => KeyValueChange): Promise<void>;
  /**
   * Runs `body` in one read-write transaction over several keys: every write it makes lands
   * together, or none does (a crash, a quota error). `body` must only await the transaction's
   * own reads, or the transaction ends under it. It may run twice (a retry on a fresh
   * connection), so it must not act on the world outside the store. Resolves with its result
   * once the transaction has committed.
   */
  transact<T>(body: (tx: KeyValueTransaction) => Promise<T>): Promise<T>;
  /** Releases the connection, if any; a later call reconnects. */
  close(): void;
}
