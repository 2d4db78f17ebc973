/**
 * Runs in every test page before the test framework loads (web-test-runner.config.mjs's
 * testRunnerHtml), so each test file starts from a clean origin whatever the file before it
 * left behind, and leaves nothing open behind itself:
 *
 * - every IndexedDB database of the origin is deleted, and localStorage and sessionStorage are
 *   emptied. Test files share one origin (the runner's), and in WebKit one tab runs every file
 *   in turn, so a draft, an outbox entry or a database at another version written by one file
 *   would otherwise be found by the next;
 * - every IndexedDB connection the page opens is closed when the page goes away. An open
 *   connection held by a page that is leaving (or kept in the back-forward cache) blocks a later
 *   page's `deleteDatabase` or version upgrade, and a test waiting on that never finishes;
 * - what a page left unfinished as it went away (transactions, opens) is written down, and the
 *   next page says so if its delete is blocked. A page's console output at `pagehide` is never
 *   reported (the runner has read its results by then), so it is kept in sessionStorage, which
 *   the next page of the tab reads first. This is how issue 25's holder was found: a page kept
 *   in WebKit's back-forward cache with read-write transactions in flight.
 *
 * This changes no behaviour under test: the connections are the page's real ones, and closing
 * them at `pagehide` is what a page being unloaded does anyway, only sooner. Only the browser's
 * own `pagehide` and `pageshow` count: tests dispatch their own to exercise the widget.
 */

/** How long to wait for a database that another page still holds open. */
const BLOCKED_WAIT_MS = 10_000;
/** Where a page leaves its account of what it left unfinished, for the next page of the tab. */
const LEFT_KEY = 'clean-origin:left-unfinished';

const leftByEarlierPage = sessionStorage.getItem(LEFT_KEY);
const testFile = (window as { __WTR_CONFIG__?: { testFile?: string } }).__WTR_CONFIG__?.testFile;

/** Where the current call came from, in a line, to name what left something open. */
const caller = () =>
  (new Error().stack ?? '')
    .split('\n')
    .slice(2, 6)
    .map((line) => line.replace(/^.*?\/(src|test)\//, '$1/').trim())
    .join(' < ');

const connections = new Set<IDBDatabase>();
/** Opens and transactions not yet over, and where each was started. */
const unfinished = new Map<IDBRequest | IDBTransaction, string>();
/** The page has gone away (and not come back from the back-forward cache). */
let gone = false;
/** It went away into the back-forward cache (rather than being unloaded). */
let cachedOnLeaving = false;
const lateOpens: string[] = [];

const openDatabase = IDBFactory.prototype.open;
IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
  const request = openDatabase.apply(this, args);
  const from = `open of ${args[0]} from ${caller()}`;
  if (gone) {
    lateOpens.push(from);
    writeAccount();
  }
  unfinished.set(request, from);
  const over = () => unfinished.delete(request);
  request.addEventListener('error', over);
  // One that finishes opening after the page went away (a draft written by the page's own
  // pagehide handler, say) is closed as soon as it opens.
  request.addEventListener('success', () => {
    over();
    if (gone) request.result.close();
    else connections.add(request.result);
  });
  return request;
};

const startTransaction = IDBDatabase.prototype.transaction;
IDBDatabase.prototype.transaction = function (
  this: IDBDatabase,
  ...args: Parameters<IDBDatabase['transaction']>
) {
  const transaction = startTransaction.apply(this, args);
  unfinished.set(transaction, `${transaction.mode} transaction from ${caller()}`);
  const over = () => unfinished.delete(transaction);
  transaction.addEventListener('complete', over);
  transaction.addEventListener('abort', over);
  return transaction;
} as IDBDatabase['transaction'];

// One the page aborts as it leaves (the widget does, on its way into the back-forward cache)
// is over as far as other pages are concerned.
const abortTransaction = IDBTransaction.prototype.abort;
IDBTransaction.prototype.abort = function (this: IDBTransaction) {
  abortTransaction.call(this);
  unfinished.delete(this);
  if (gone) writeAccount();
};

/** Writes down what this page leaves unfinished as it goes away, for the next page. */
function writeAccount() {
  if (unfinished.size === 0 && lateOpens.length === 0) {
    sessionStorage.removeItem(LEFT_KEY);
    return;
  }
  const account = [
    `${testFile ?? location.href} went away (${cachedOnLeaving ? 'kept in the back-forward cache' : 'unloaded'}) with:`,
    ...unfinished.values(),
    ...lateOpens.map((open) => `after pagehide: ${open}`),
  ];
  sessionStorage.setItem(LEFT_KEY, account.join('\n  '));
}

addEventListener('pagehide', (event) => {
  if (!event.isTrusted) return;
  gone = true;
  cachedOnLeaving = event.persisted;
  for (const connection of connections) connection.close();
  connections.clear();
  writeAccount();
});
addEventListener('pageshow', (event) => {
  if (!event.isTrusted) return;
  gone = false;
  sessionStorage.removeItem(LEFT_KEY);
});

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
    // Blocked: another page still has it open. The delete completes once that page lets go;
    // if it does not in time, say which database and what the page before left unfinished, so
    // the failures that follow are explained.
    request.onblocked = () => {
      setTimeout(() => {
        const earlier = leftByEarlierPage ?? 'the page before left nothing unfinished';
        reject(
          new Error(
            `IndexedDB database "${name}" is still held open by an earlier page. ${earlier}`,
          ),
        );
      }, BLOCKED_WAIT_MS);
    };
  });
}

/** Deletes every database and web storage entry of this origin. */
export async function cleanOrigin(): Promise<void> {
  localStorage.clear();
  sessionStorage.clear();
  const databases = await indexedDB.databases();
  const results = await Promise.allSettled(
    databases.flatMap(({ name }) => (name ? [deleteDatabase(name)] : [])),
  );
  for (const result of results) {
    if (result.status === 'rejected') console.error('clean-origin:', result.reason);
  }
}
