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
 *   page's `deleteDatabase` or version upgrade, and a test waiting on that never finishes.
 *
 * This changes no behaviour under test: the connections are the page's real ones, and closing
 * them at `pagehide` is what a page being unloaded does anyway, only sooner.
 */

/** How long to wait for a database that another page still holds open. */
const BLOCKED_WAIT_MS = 10_000;

const connections = new Set<IDBDatabase>();
/** The page has gone away (and not come back from the back-forward cache). */
let gone = false;
const openDatabase = IDBFactory.prototype.open;
IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
  const request = openDatabase.apply(this, args);
  // One that finishes opening after the page went away (a draft written by the page's own
  // pagehide handler, say) is closed as soon as it opens.
  request.addEventListener('success', () =>
    gone ? request.result.close() : connections.add(request.result),
  );
  return request;
};

addEventListener('pagehide', () => {
  gone = true;
  for (const connection of connections) connection.close();
  connections.clear();
});
addEventListener('pageshow', () => (gone = false));

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
    // Blocked: another page still has it open. The delete completes once that page lets go;
    // if it does not in time, say which database, so the failures that follow are explained.
    request.onblocked = () => {
      setTimeout(() => {
        reject(new Error(`IndexedDB database "${name}" is still held open by an earlier page`));
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
