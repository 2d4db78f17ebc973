/**
 * The widget's IndexedDB database: the only module that imports `idb-keyval` or opens a
 * connection. It turns every expected failure into a {@link StorageUnavailableError} (after one
 * retry on a fresh connection when the old one was lost) and rethrows everything else.
 *
 * The database has its own name because a store cannot be added to an existing database without
 * a version upgrade, and the host page may already use idb-keyval's default database.
 */
import { promisifyRequest } from 'idb-keyval';
import { classifyStorageError, StorageUnavailableError } from './errors.js';
import type { KeyValueStore, KeyValueTransaction } from './kv.js';

/** The database every `<values-survey>` on an origin shares. */
export const DB_NAME = 'values-survey';
/** Its single object store; keys are namespaced strings (`draft:…`, `outbox:…`). */
export const STORE_NAME = 'kv';

/**
 * How long one operation may take, opening included, before the widget stops waiting and falls
 * back to memory. An open waits for as long as another tab blocks a version upgrade, and some
 * engines' IndexedDB hangs outright; a healthy operation takes milliseconds even on a busy phone.
 */
export const STORAGE_TIMEOUT_MS = 5_000;

/** The page's IndexedDB factory; reading it can itself throw in sandboxed iframes. */
function factory(): IDBFactory {
  const idb = (globalThis as { indexedDB?: IDBFactory | null }).indexedDB;
  if (!idb) throw new StorageUnavailableError('IndexedDB is not available in this browser.');
  return idb;
}

/** The page's connections that are open or opening, and their transactions not yet over. */
const connections = new Set<{ close(): void }>();
const unfinished = new Set<IDBTransaction>();

/**
 * While the page is in the back-forward cache: settles when it is shown again. WebKit freezes a
 * cached page with its unfinished transactions, each waiting for the frozen page to take its
 * results, so the page's connection cannot close and the rest of the origin waits behind it
 * (writes to the same store, a version change, a deletion) until the cached page is evicted. So
 * on the way into the cache the page aborts what it has in flight and lets go of its
 * connections, and nothing opens until the page is shown again, when what was aborted is run
 * again (see `transact`).
 */
let cached: Promise<void> | undefined;
/** How many times the page went into the back-forward cache. */
let timesCached = 0;
let watching = false;

function watchForCaching() {
  if (watching) return;
  watching = true;
  addEventListener('pagehide', (event) => {
    // Unloaded for good: the browser aborts and closes everything itself.
    if (!event.persisted) return;
    timesCached += 1;
    cached ??= new Promise((resolve) => {
      addEventListener(
        'pageshow',
        () => {
          cached = undefined;
          resolve();
        },
        { once: true },
      );
    });
    for (const transaction of unfinished) {
      try {
        transaction.abort();
      } catch (error) {
        // Already committing: that finishes without the page, so it holds nothing.
        if (!(error instanceof DOMException && error.name === 'InvalidStateError')) throw error;
      }
    }
    unfinished.clear();
    for (const connection of connections) connection.close();
  });
}

/**
 * A connection opened on first use, like idb-keyval's `createStore`, which hides the database:
 * we need it to request durability, to step aside when another version of the widget upgrades
 * the database, and to close on dispose and when the page is cached.
 */
function connect() {
  let pending: Promise<IDBDatabase> | undefined;
  const connection = {
    database: (): Promise<IDBDatabase> => {
      if (pending) return pending;
      const request = factory().open(DB_NAME);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE_NAME);
      const opening = promisifyRequest(request);
      const forget = () => {
        if (pending !== opening) return;
        pending = undefined;
        connections.delete(connection);
      };
      pending = opening;
      connections.add(connection);
      opening.then(
        (db) => {
          // WebKit may close a connection on its own; the next call then opens a new one.
          db.onclose = forget;
          db.onversionchange = () => {
            db.close();
            forget();
          };
        },
        // The caller of this open sees the rejection; here we only allow a later retry.
        forget,
      );
      return opening;
    },
    close: () => {
      const opening = pending;
      pending = undefined;
      connections.delete(connection);
      // A failed open was already reported to the operation that awaited it.
      opening?.then(
        (db) => db.close(),
        () => undefined,
      );
    },
  };
  return connection;
}

/** The rejection of an operation that ran out of time (never a real storage error). */
const TIMED_OUT = Symbol('timed out');

/**
 * A {@link KeyValueStore} on the widget's database. Connects lazily, on the first operation.
 * Rejects with {@link StorageUnavailableError} when IndexedDB cannot be used (or does not answer
 * within {@link STORAGE_TIMEOUT_MS}); any other rejection is a bug and passes through unchanged.
 *
 * @param durability For write transactions. `'strict'` waits for the data to reach the disk
 * before the write resolves (Chromium defaults to relaxed); browsers without it ignore it.
 */
export function openIdbStore(durability?: IDBTransactionDurability): KeyValueStore {
  let connection = connect();
  const reconnect = () => {
    connection.close();
    connection = connect();
  };
  watchForCaching();

  /** Rejects with {@link TIMED_OUT} if `operation` has not settled in time. */
  const inTime = <T>(operation: Promise<T>): Promise<T> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(TIMED_OUT), STORAGE_TIMEOUT_MS);
    });
    return Promise.race([operation, late]).finally(() => clearTimeout(timer));
  };

  const run = async <T>(
    mode: IDBTransactionMode,
    body: (tx: KeyValueTransaction) => Promise<T>,
  ): Promise<T> => {
    const db = await connection.database();
    const options = mode === 'readwrite' && durability ? { durability } : undefined;
    const transaction = db.transaction(STORE_NAME, mode, options);
    const store = transaction.objectStore(STORE_NAME);
    unfinished.add(transaction);
    const over = () => unfinished.delete(transaction);
    transaction.addEventListener('complete', over);
    transaction.addEventListener('abort', over);
    let result: T;
    try {
      result = await body({
        get: (key) => promisifyRequest(store.get(key)),
        entries: async (prefix) => {
          // Every string key that starts with `prefix` sorts between it and prefix + U+FFFF.
          const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
          const [keys, values] = await Promise.all([
            promisifyRequest(store.getAllKeys(range)),
            promisifyRequest(store.getAll(range)),
          ]);
          return keys.map((key, index): [string, unknown] => [String(key), values[index]]);
        },
        put: (key, value) => void store.put(value, key),
        delete: (key) => void store.delete(key),
      });
    } catch (error) {
      // All or nothing: writes the body made before it failed must not commit (unless it is
      // over already: aborted as the page went into the back-forward cache).
      if (unfinished.delete(transaction)) transaction.abort();
      throw error;
    }
    await promisifyRequest(transaction);
    return result;
  };

  return {
    // A transaction's body may run twice (see KeyValueStore.transact): again on a fresh
    // connection when the old one was lost.
    transact: async (mode, body) => {
      for (let attempt = 1; ; attempt++) {
        // Nothing opens in the back-forward cache (see `cached`).
        while (cached) await cached;
        const before = timesCached;
        try {
          return await inTime(run(mode, body));
        } catch (thrown) {
          // Aborted on the way into the cache: run again now the page is back.
          if (timesCached !== before) {
            attempt -= 1;
            continue;
          }
          if (thrown === TIMED_OUT) {
            // Let go of the stuck connection (it closes if it ever opens) so a later operation
            // starts afresh; this one is reported as unavailable storage, and the caller falls
            // back to memory. A write that still lands later only duplicates what memory holds.
            reconnect();
            throw new StorageUnavailableError(
              `IndexedDB did not answer in ${STORAGE_TIMEOUT_MS} ms.`,
            );
          }
          // A transaction aborted without a reason rejects with `null`.
          const error = thrown ?? new DOMException('The transaction was aborted.', 'AbortError');
          const failure = classifyStorageError(error);
          if (!failure) throw error;
          if (failure === 'reconnect' && attempt === 1) {
            reconnect();
            continue;
          }
          // Only a DOMException is classified as a storage failure.
          const { name, message } = error as DOMException;
          throw new StorageUnavailableError(`IndexedDB is unavailable (${name}: ${message}).`, {
            cause: error,
          });
        }
      }
    },
    close: () => connection.close(),
  };
}
