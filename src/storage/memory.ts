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
  // Transactions run one at a time, so their reads and writes never interleave.
  let queue: Promise<unknown> = Promise.resolve();
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
    transact: (body) => {
      const run = queue.then(async () => {
        const writes = new Map<string, KeyValueChange>();
        const tx = {
          get: async (key: string) => {
            const written = writes.get(key);
            if (written) return 'put' in written ? structuredClone(written.put) : undefined;
            return structuredClone(map.get(key));
          },
          keys: async (prefix: string) => [...map.keys()].filter((key) => key.startsWith(prefix)),
          put: (key: string, value: unknown) => void writes.set(key, { put: value }),
          delete: (key: string) => void writes.set(key, { delete: true }),
        };
        const result = await body(tx);
        for (const [key, change] of writes) apply(key, change);
        return result;
      });
      queue = run.catch(() => undefined);
      return run;
    },
    close: () => undefined,
  };
}
