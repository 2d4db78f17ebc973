import { DB_NAME, STORE_NAME } from '../../src/storage/idb.js';

/**
 * Holds the widget's real IndexedDB store in a read-write transaction until the returned
 * function is called: every read and write of the widget waits behind it, as on a slow device.
 */
export async function holdStorage(): Promise<() => Promise<void>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE_NAME);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  let held = true;
  const released = new Promise<void>((resolve) => {
    const transaction = db.transaction(STORE_NAME, 'readwrite');
    const store = transaction.objectStore(STORE_NAME);
    // A transaction stays open while it has requests: keep one going until released.
    const spin = () => {
      if (held) store.get('held').onsuccess = spin;
    };
    spin();
    transaction.oncomplete = () => {
      db.close();
      resolve();
    };
  });
  return () => {
    held = false;
    return released;
  };
}
