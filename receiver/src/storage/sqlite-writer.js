// Group commit on a thread of its own: the responses that arrive while a commit is on its way to
// disk are inserted together in the next transaction, so one fsync covers them all, and the
// receiver's event loop keeps reading and checking requests while the disk works (the commit ran
// on the event loop before, which then sat idle for each fsync). Every promise settles only after
// its transaction has committed: a 201 still means on disk.
//
// The thread (sqlite-writer-thread.js) has its own connection; the store's connection keeps the
// reads, erasures and publishing. SQLite serialises the two writers with its file lock, as it does
// for several receiver processes.
import { Worker } from 'node:worker_threads';

const THREAD = new URL('./sqlite-writer-thread.js', import.meta.url);

/**
 * How long the next batch may wait for the senders just answered. Those who send again at once
 * (a kiosk's next respondent, an outbox emptying, a load test) then share one commit, instead of
 * half of them taking each commit in turn, which doubles the fsyncs.
 */
const GATHER_MS = 1;

/**
 * @param {{ path: string, busyTimeout: number }} options the database file (migrated, in WAL
 *   mode) and how long a commit waits for the write lock before it fails (SQLITE_BUSY).
 * @returns {{ add(row: ReturnType<typeof import('./rows.js').rowValues>):
 *   Promise<import('./store.js').AddResult>, close(): Promise<void> }}
 */
export function openWriter({ path, busyTimeout }) {
  /** @type {Worker | undefined} started on the first write, again after a crash */
  let worker;
  /** @type {{ row: object, resolve: Function, reject: Function }[]} waiting for the next batch */
  let pending = [];
  /** @type {typeof pending | undefined} the batch being committed */
  let committing;
  /** @type {Promise<void> | undefined} */
  let closing;
  /** @type {(() => void) | undefined} called once the last batch has settled */
  let drained;
  /** @type {NodeJS.Timeout | undefined} waiting for the senders just answered */
  let gathering;
  /** The batch that sends at once: what waits, and the senders just answered. */
  let expected = 0;

  function start() {
    const thread = new Worker(THREAD, { workerData: { path, busyTimeout } });
    thread.on('message', ({ outcomes, error }) => {
      const batch = settle();
      if (error) {
        for (const item of batch) item.reject(Object.assign(new Error(error.message), error));
      } else batch.forEach((item, index) => item.resolve(outcomes[index]));
      expected = pending.length + batch.length;
      if (pending.length && !closing) gathering = setTimeout(flush, GATHER_MS);
      else next();
    });
    // The thread died (it could not open the file, or ran out of memory): its batch is not
    // stored; the next batch gets a new thread.
    thread.on('error', (error) => {
      if (worker === thread) worker = undefined;
      for (const item of settle()) item.reject(error);
      next();
    });
    thread.on('exit', (code) => {
      if (worker !== thread) return; // closed, or already counted as an error
      worker = undefined;
      const error = new Error(`The SQLite writer thread stopped (exit code ${code})`);
      for (const item of settle()) item.reject(error);
      next();
    });
    // Only waited for while a batch is on its way: an idle writer never holds the process open.
    thread.unref();
    return thread;
  }

  /** The batch just answered, and no batch in flight any more. */
  function settle() {
    const batch = committing ?? [];
    committing = undefined;
    worker?.unref();
    return batch;
  }

  function flush() {
    clearTimeout(gathering);
    gathering = undefined;
    next();
  }

  /** Sends what has queued up, unless a batch is still being committed. */
  function next() {
    if (committing || !pending.length) {
      if (!committing && !pending.length) drained?.();
      return;
    }
    committing = pending;
    pending = [];
    worker ??= start();
    worker.ref();
    worker.postMessage(committing.map((item) => item.row));
  }

  return {
    add(row) {
      if (closing) return Promise.reject(new Error('The database connection is not open'));
      return new Promise((resolve, reject) => {
        pending.push({ row, resolve, reject });
        // The first of a batch waits for the requests already read in this turn of the loop.
        if (gathering && pending.length >= expected) flush();
        else if (pending.length === 1 && !committing && !gathering) setImmediate(next);
      });
    },
    /** Commits what is queued, then stops the thread. */
    close() {
      closing ??= (async () => {
        if (gathering) flush();
        if (committing || pending.length) {
          await new Promise((resolve) => {
            drained = resolve;
          });
        }
        if (!worker) return;
        const thread = worker;
        worker = undefined;
        const exited = new Promise((resolve) => thread.once('exit', resolve));
        thread.ref();
        thread.postMessage('close');
        await exited;
      })();
      return closing;
    },
  };
}
