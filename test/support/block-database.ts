/**
 * A database blocked the way another tab blocks it: one connection that ignores `versionchange`
 * (an old tab, frozen in the background) while another asks to upgrade. Every open after that
 * waits until the block lifts, which it does when the test ends.
 */
import { STORE_NAME } from '../../src/storage/idb.js';
import { onRestore } from './overrides.js';

function opened(request: IDBOpenDBRequest): Promise<IDBDatabase> {
  // If the test is the first to open it, the database gets the widget's store as usual.
  request.onupgradeneeded = () => {
    if (!request.result.objectStoreNames.contains(STORE_NAME)) {
      request.result.createObjectStore(STORE_NAME);
    }
  };
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Blocks `name` until the test's overrides are restored (`restoreAll`). */
export async function blockDatabase(name: string): Promise<void> {
  const holder = await opened(indexedDB.open(name));
  const upgrade = indexedDB.open(name, holder.version + 1);
  const upgraded = opened(upgrade);
  await new Promise((resolve) => (upgrade.onblocked = resolve));
  onRestore(async () => {
    holder.close();
    (await upgraded).close();
  });
}
