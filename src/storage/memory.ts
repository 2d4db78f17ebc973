/**
 * The fallback when IndexedDB refuses: a page-lifetime store. It keeps the survey usable end to
 * end, but nothing in it survives closing the page.
 */
import type { KeyValueStore, KeyValueChange } from './kv.js';

/**
 * One map per page, so a survey element that is removed and added again (a CMS re-rendering its
 * content) finds the answers its earlier instance kept in memory.
 */
const pageMemory = new Map<string, unknown>();

/** A {@link KeyValueStore} over `map` (the page's shared memory unless given). */
export function createMemoryStore(map: Map<string, unknown> = pageMemory): KeyValueStore {
  // Cloning on the way in and out gives memory the same copy semantics as IndexedDB.
  const apply = (key: string, change: KeyValueChange) => {
    if (change === undefined) return;
    if ('put' in change) map.set(key, structuredClone(change.put));
    else map.delete(key);
  };
  return {
    get: async (key) => structuredClone(map.get(key)),
    entries: async (prefix) =>
      [...map.entries()]
        .filter(([key]) => key.startsWith(prefix))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, value]): [string, unknown] => [key, structuredClone(value)]),
    set: async (key, value) => apply(key, { put: value }),
    delete: async (key) => apply(key, { delete: true }),
    update: async (key, decide) => apply(key, decide(structuredClone(map.get(key)))),
    close: () => undefined,
  };
}
