/**
 * The small key-value surface the drafts and the outbox are written against, so they run the
 * same way on IndexedDB and, when the browser refuses storage, on memory.
 */

/** What {@link KeyValueStore.update} should do with a key, decided from its current value. */
export type KeyValueChange = { put: unknown } | { delete: true } | undefined;

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
  /** Releases the connection, if any; a later call reconnects. */
  close(): void;
}
