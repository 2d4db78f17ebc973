/**
 * The fallback when IndexedDB refuses: a page-lifetime store. It keeps the survey usable end to
 * end, but nothing in it survives closing the page.
 */
import type { KeyValueStore } from './kv.js';
import { serialQueue } from '../support/serial.js';

/**
 * One map per page, so a survey element that is removed and added again (a CMS re-rendering its
 * content) finds the answers its earlier instance kept in memory.
 */
const pageMemory = new Map<string, unknown>();

/** A {@link KeyValueStore} over `map` (the page's shared memory unless given). */
export function createMemoryStore(map: Map<string, unknown> = pageMemory): KeyValueStore {
  // Transactions run one at a time, so their reads and writes never interleave.
  const inTurn = serialQueue();
  return {
    transact: (_mode, body) =>
      inTurn(async () => {
        // Cloning on the way in and out gives memory the same copy semantics as IndexedDB.
        // Writes wait in `writes` (undefined for a delete) until the body has finished.
        const writes = new Map<string, unknown>();
        const result = await body({
          get: async (key) => structuredClone(writes.has(key) ? writes.get(key) : map.get(key)),
          entries: async (prefix) =>
            [...map.entries()]
              .filter(([key]) => key.startsWith(prefix))
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([key, value]): [string, unknown] => [key, structuredClone(value)]),
          put: (key, value) => void writes.set(key, structuredClone(value)),
          delete: (key) => void writes.set(key, undefined),
        });
        for (const [key, value] of writes) {
          if (value === undefined) map.delete(key);
          else map.set(key, value);
        }
        return result;
      }),
    close: () => undefined,
  };
}
