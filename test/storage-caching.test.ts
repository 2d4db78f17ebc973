import { expect } from '@open-wc/testing';
import { DRAFT_FORMAT, DraftStore, type Draft } from '../src/storage/drafts.js';
import { draftKey } from '../src/storage/draft-record.js';
import { DB_NAME, STORE_NAME } from '../src/storage/idb.js';
import { holdStorage } from './support/hold-storage.js';
import { replace, restoreAll } from './support/overrides.js';
import { waitUntil } from './support/wait.js';

// Issue 25: WebKit freezes a page kept in the back-forward cache together with its unfinished
// IndexedDB transactions. Each waits for the frozen page to take its results, so the page's
// connection never closes and every other page of the origin waits behind it (its writes to
// the same store, a deletion, a version change) until the cached page is evicted. The widget
// aborts what it has in flight when the page goes into the cache, opens nothing while it is
// there, and runs the aborted work again when the page is shown.

const WAIT = { timeout: 8000, interval: 20 };

/** Reads a key with a connection of the test's own, as another page would. */
function readDirectly(key: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE_NAME);
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const get = db.transaction(STORE_NAME, 'readonly').objectStore(STORE_NAME).get(key);
      get.onsuccess = () => {
        db.close();
        resolve(get.result);
      };
      get.onerror = () => reject(get.error);
    };
  });
}

/** What the browser dispatches when the page goes into the back-forward cache and comes back. */
const pageTransition = (type: 'pagehide' | 'pageshow', persisted: boolean) =>
  window.dispatchEvent(new PageTransitionEvent(type, { persisted }));

function draftFor(surveyId: string): Draft {
  const at = new Date().toISOString();
  return {
    surveyId,
    surveyVersion: '1',
    answers: { add: { type: 'text', value: 'written before leaving' } },
    step: 'add',
    startedAt: at,
    updatedAt: at,
    writer: DRAFT_FORMAT,
  };
}

/** Counts the widget's IndexedDB opens and transactions from now on. */
function countStorageUse() {
  const counts = { opens: 0, transactions: 0 };
  const open = IDBFactory.prototype.open;
  replace(IDBFactory.prototype, 'open', function (this: IDBFactory, ...args) {
    counts.opens += 1;
    return open.apply(this, args);
  });
  const transaction = IDBDatabase.prototype.transaction;
  replace(IDBDatabase.prototype, 'transaction', function (this: IDBDatabase, ...args) {
    counts.transactions += 1;
    return transaction.apply(this, args);
  } as IDBDatabase['transaction']);
  return counts;
}

describe('storage and the back-forward cache', () => {
  let store: DraftStore | undefined;
  afterEach(async () => {
    // Back from the cache even if a test failed half-way, or storage waits for ever.
    pageTransition('pageshow', true);
    store?.dispose();
    store = undefined;
    await restoreAll();
  });

  it('aborts a write in flight when the page is cached, opens nothing there, and writes it when the page is shown', async () => {
    const surveyId = `s${crypto.randomUUID().replaceAll('-', '')}`;
    store = new DraftStore({ surveyId, surveyVersion: '1' });
    const release = await holdStorage();
    const counts = countStorageUse();
    store.save(draftFor(surveyId));
    // The write's transaction exists, waiting behind the held store, as a slow device's would.
    await waitUntil(() => counts.transactions > 0, 'the write never started', WAIT);

    pageTransition('pagehide', true);
    const opensWhenCached = counts.opens;
    const transactionsWhenCached = counts.transactions;
    await release();
    // Our read waits for any read-write transaction on the store begun before it: had the
    // write not been aborted, the draft would be there now.
    expect(await readDirectly(draftKey(surveyId, '1'))).to.equal(undefined);
    expect(counts.opens - opensWhenCached, 'opens while cached').to.equal(1); // our own read
    expect(counts.transactions - transactionsWhenCached, 'transactions while cached').to.equal(1);

    pageTransition('pageshow', true);
    await waitUntil(
      async () => (await readDirectly(draftKey(surveyId, '1'))) !== undefined,
      'the draft was not written once the page was shown again',
      WAIT,
    );
    expect(store.mode).to.equal('idb');
  });

  it('lets a write finish when the page is hidden without being cached', async () => {
    const surveyId = `s${crypto.randomUUID().replaceAll('-', '')}`;
    store = new DraftStore({ surveyId, surveyVersion: '1' });
    const release = await holdStorage();
    const counts = countStorageUse();
    store.save(draftFor(surveyId));
    await waitUntil(() => counts.transactions > 0, 'the write never started', WAIT);
    pageTransition('pagehide', false);
    await release();
    await store.flush();
    expect(await readDirectly(draftKey(surveyId, '1'))).to.deep.include({ step: 'add' });
  });
});
