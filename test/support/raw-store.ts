/**
 * The widget's database read and written directly, one transaction per call, as another tab, an
 * earlier build or another script would: for setting up and checking what is stored.
 */
import { openIdbStore } from '../../src/storage/idb.js';

export function rawStore() {
  const store = openIdbStore();
  return {
    get: (key: string) => store.transact('readonly', (tx) => tx.get(key)),
    entries: (prefix: string) => store.transact('readonly', (tx) => tx.entries(prefix)),
    set: (key: string, value: unknown) =>
      store.transact('readwrite', async (tx) => tx.put(key, value)),
    delete: (key: string) => store.transact('readwrite', async (tx) => tx.delete(key)),
    close: () => store.close(),
  };
}
