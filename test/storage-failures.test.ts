import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import { DRAFT_FORMAT, DraftStore, type Draft, type DraftNotice } from '../src/storage/drafts.js';
import { draftKey, surveyDraftPrefix } from '../src/storage/draft-record.js';
import { classifyStorageError, StorageUnavailableError } from '../src/storage/errors.js';
import { DB_NAME, STORAGE_TIMEOUT_MS } from '../src/storage/idb.js';
import { rawStore } from './support/raw-store.js';
import { blockDatabase } from './support/block-database.js';
import { captureWarnings, onRestore, replace, restoreAll } from './support/overrides.js';

// Storage that fails, simulated in real engines by replacing IndexedDB's entry points:
// missing, refused on open, full on write, and WebKit's lost connection. The widget falls back to
// memory with a notice and keeps working; bugs are not mistaken for storage failures.

const T0 = Date.parse('2025-03-01T09:00:00.000Z');
const iso = (time: number) => new Date(time).toISOString();
const raw = rawStore();
const LOST = 'Connection to Indexed Database server lost. Refresh the page to try again';

const surveyIds: string[] = [];
const stores: DraftStore[] = [];

function uniqueSurveyId(): string {
  const id = `s${crypto.randomUUID().replaceAll('-', '')}`;
  surveyIds.push(id);
  return id;
}

function draftFor(surveyId: string, at: number): Draft {
  return {
    surveyId,
    surveyVersion: '1',
    answers: { fit: { type: 'scale', value: 4 } },
    step: 'fit',
    startedAt: iso(T0),
    updatedAt: iso(at),
    writer: DRAFT_FORMAT,
  };
}

/** A store whose notices after load are collected in `notices`. */
function open(surveyId: string) {
  const store = new DraftStore({ surveyId, surveyVersion: '1', now: () => T0 });
  stores.push(store);
  const notices: DraftNotice[] = [];
  store.onNotice((notice) => notices.push(notice));
  return { store, notices };
}

/** Makes `globalThis.indexedDB` undefined for the rest of the test. */
function removeIndexedDB(): void {
  const own = Object.getOwnPropertyDescriptor(globalThis, 'indexedDB');
  Object.defineProperty(globalThis, 'indexedDB', { value: undefined, configurable: true });
  onRestore(() => {
    if (own) Object.defineProperty(globalThis, 'indexedDB', own);
    else Reflect.deleteProperty(globalThis, 'indexedDB');
  });
}

/** Makes `indexedDB.open` throw `name` synchronously, and counts the calls. */
function refuseOpen(name: string): { calls: number } {
  const counter = { calls: 0 };
  replace(indexedDB, 'open', () => {
    counter.calls++;
    throw new DOMException('The operation is insecure.', name);
  });
  return counter;
}

/** Makes every put fail the way a full disk does. */
function fillDisk(): void {
  replace(IDBObjectStore.prototype, 'put', () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  });
}

/** Makes the next `count` transactions throw `error`, then behaves normally. */
function failTransactions(count: number, error: () => Error): void {
  const transaction = IDBDatabase.prototype.transaction;
  let remaining = count;
  replace(IDBDatabase.prototype, 'transaction', function (
    this: IDBDatabase,
    ...args: Parameters<typeof transaction>
  ) {
    if (remaining-- > 0) throw error();
    return transaction.apply(this, args);
  } as typeof transaction);
}

/** Counts calls to `indexedDB.open` while still opening for real. */
function countOpens(): { calls: number } {
  const counter = { calls: 0 };
  const openDatabase = indexedDB.open;
  replace(indexedDB, 'open', (...args: Parameters<IDBFactory['open']>) => {
    counter.calls++;
    return openDatabase.apply(indexedDB, args);
  });
  return counter;
}

afterEach(async () => {
  await restoreAll();
  for (const store of stores.splice(0)) {
    await store.flush();
    store.dispose();
  }
  for (const surveyId of surveyIds.splice(0)) {
    for (const [key] of await raw.entries(surveyDraftPrefix(surveyId))) await raw.delete(key);
  }
});

/** Checks a store that has fallen back still saves, restores and clears, in memory. */
async function expectWorkingInMemory(store: DraftStore, surveyId: string): Promise<void> {
  expect(store.mode).to.equal('memory');
  store.save(draftFor(surveyId, T0 + 1));
  await store.flush();
  expect((await store.load()).draft).to.deep.equal(draftFor(surveyId, T0 + 1));
  // A second element for the same survey on this page (a re-render) finds the same answers.
  const again = new DraftStore({ surveyId, surveyVersion: '1', now: () => T0 });
  stores.push(again);
  expect((await again.load()).draft).to.deep.equal(draftFor(surveyId, T0 + 1));
  await store.clear();
  expect(await store.load()).to.deep.equal({ notices: [] });
}

describe('storage failures: opening', () => {
  const refusals: [string, () => void][] = [
    ['IndexedDB is missing', removeIndexedDB],
    ['opening throws SecurityError (sandboxed iframe)', () => refuseOpen('SecurityError')],
    ['opening throws InvalidStateError (private mode)', () => refuseOpen('InvalidStateError')],
  ];

  for (const [name, refuse] of refusals) {
    it(`falls back to memory with an "unavailable" notice when ${name}`, async () => {
      const surveyId = uniqueSurveyId();
      refuse();
      const warnings = captureWarnings();
      const { store, notices } = open(surveyId);
      expect(await store.load()).to.deep.equal({ notices: ['unavailable'] });
      expect(warnings).to.have.length(1);
      expect(String(warnings[0][0])).to.contain('kept in memory only');
      await expectWorkingInMemory(store, surveyId);
      // Reported once, by load; saving in memory adds nothing.
      expect(notices).to.deep.equal([]);
    });
  }

  it('falls back when the open request fails (VersionError from a newer database)', async () => {
    // A real failing request: a database that is already at a higher version.
    const name = `values-survey-test-${crypto.randomUUID()}`;
    const setup = indexedDB.open(name, 3);
    await new Promise((resolve) => (setup.onsuccess = () => resolve(undefined)));
    setup.result.close();
    onRestore(
      () =>
        new Promise(
          (resolve) => (indexedDB.deleteDatabase(name).onsuccess = () => resolve(undefined)),
        ),
    );
    const openDatabase = indexedDB.open;
    replace(indexedDB, 'open', () => openDatabase.call(indexedDB, name, 2));

    const surveyId = uniqueSurveyId();
    const warnings = captureWarnings();
    const { store } = open(surveyId);
    expect(await store.load()).to.deep.equal({ notices: ['unavailable'] });
    const cause = (warnings[0][1] as StorageUnavailableError).cause as DOMException;
    expect(cause.name).to.equal('VersionError');
    await expectWorkingInMemory(store, surveyId);
  });

  it('stays in memory for the rest of the visit instead of reopening on every save', async () => {
    const surveyId = uniqueSurveyId();
    const refused = refuseOpen('SecurityError');
    captureWarnings();
    const { store } = open(surveyId);
    await store.load();
    for (let i = 0; i < 5; i++) store.save(draftFor(surveyId, T0 + i));
    await store.flush();
    expect(refused.calls).to.equal(1);
  });
});

describe('storage failures: blocked', () => {
  it('falls back to memory, with a notice, when another tab blocks the database', async function () {
    this.timeout(4 * STORAGE_TIMEOUT_MS);
    const surveyId = uniqueSurveyId();
    await blockDatabase(DB_NAME);
    const warnings = captureWarnings();
    const { store, notices } = open(surveyId);
    const started = performance.now();
    expect(await store.load()).to.deep.equal({ notices: ['unavailable'] });
    expect(performance.now() - started).to.be.below(2 * STORAGE_TIMEOUT_MS);
    expect(String(warnings[0]?.[0])).to.contain('kept in memory only');
    expect(notices).to.deep.equal([]);
    await expectWorkingInMemory(store, surveyId);
  });
});

describe('storage failures: writing', () => {
  it('falls back to memory when the disk is full, reports it once, and keeps the answers', async () => {
    const surveyId = uniqueSurveyId();
    const { store, notices } = open(surveyId);
    expect(await store.load()).to.deep.equal({ notices: [] });
    fillDisk();
    const warnings = captureWarnings();

    store.save(draftFor(surveyId, T0));
    await store.flush();
    store.save(draftFor(surveyId, T0 + 1));
    await store.flush();

    expect(notices).to.deep.equal(['unavailable']);
    expect(warnings).to.have.length(1);
    const cause = (warnings[0][1] as StorageUnavailableError).cause as DOMException;
    expect(cause.name).to.equal('QuotaExceededError');
    expect(await raw.get(draftKey(surveyId, '1'))).to.equal(undefined);
    await expectWorkingInMemory(store, surveyId);
  });

  it('clear still removes a draft left in IndexedDB after falling back', async () => {
    const surveyId = uniqueSurveyId();
    const { store } = open(surveyId);
    store.save(draftFor(surveyId, T0));
    await store.flush();
    fillDisk();
    captureWarnings();
    store.save(draftFor(surveyId, T0 + 1));
    await store.flush();
    expect(store.mode).to.equal('memory');
    expect(await raw.get(draftKey(surveyId, '1'))).to.deep.equal({
      ...draftFor(surveyId, T0),
      revision: 1,
    });

    await store.clear();
    expect(await raw.get(draftKey(surveyId, '1'))).to.equal(undefined);
    expect(await store.load()).to.deep.equal({ notices: [] });
  });
});

describe('storage failures: lost connection', () => {
  it('reopens and retries once when WebKit loses its IndexedDB server', async () => {
    const surveyId = uniqueSurveyId();
    const { store, notices } = open(surveyId);
    await store.load();
    const opens = countOpens();
    failTransactions(1, () => new DOMException(LOST, 'UnknownError'));

    store.save(draftFor(surveyId, T0));
    await store.flush();

    expect(opens.calls).to.equal(1);
    expect(store.mode).to.equal('idb');
    expect(notices).to.deep.equal([]);
    expect(await raw.get(draftKey(surveyId, '1'))).to.deep.equal({
      ...draftFor(surveyId, T0),
      revision: 1,
    });
  });

  it('reopens after a closing connection (InvalidStateError) too', async () => {
    const surveyId = uniqueSurveyId();
    const { store } = open(surveyId);
    failTransactions(
      1,
      () => new DOMException('The database connection is closing.', 'InvalidStateError'),
    );
    expect(await store.load()).to.deep.equal({ notices: [] });
    expect(store.mode).to.equal('idb');
  });

  it('falls back to memory when the retry fails too', async () => {
    const surveyId = uniqueSurveyId();
    const { store, notices } = open(surveyId);
    await store.load();
    failTransactions(2, () => new DOMException(LOST, 'UnknownError'));
    const warnings = captureWarnings();

    store.save(draftFor(surveyId, T0));
    await store.flush();

    expect(notices).to.deep.equal(['unavailable']);
    expect(warnings).to.have.length(1);
    await expectWorkingInMemory(store, surveyId);
  });
});

describe('storage failures: bugs are not storage failures', () => {
  it('rethrows an unexpected error instead of falling back', async () => {
    const surveyId = uniqueSurveyId();
    const { store } = open(surveyId);
    failTransactions(1, () => new TypeError('a bug'));
    let thrown: unknown;
    try {
      await store.load();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).to.be.instanceOf(TypeError);
    expect(store.mode).to.equal('idb');
    expect(await store.load()).to.deep.equal({ notices: [] });
  });

  it('classifies DOMExceptions by name, and nothing else', () => {
    const dom = (name: string, message = '') => new DOMException(message, name);
    expect(classifyStorageError(dom('QuotaExceededError'))).to.equal('unavailable');
    expect(classifyStorageError(dom('SecurityError'))).to.equal('unavailable');
    expect(classifyStorageError(dom('InvalidStateError'))).to.equal('unavailable');
    expect(classifyStorageError(dom('UnknownError', LOST))).to.equal('reconnect');
    expect(classifyStorageError(dom('UnknownError', 'Internal error.'))).to.equal('unavailable');
    expect(classifyStorageError(dom('AbortError'))).to.equal('reconnect');
    expect(classifyStorageError(dom('DataCloneError'))).to.equal(undefined);
    expect(classifyStorageError(dom('TransactionInactiveError'))).to.equal(undefined);
    expect(classifyStorageError(new TypeError('QuotaExceededError'))).to.equal(undefined);
    expect(classifyStorageError(null)).to.equal(undefined);
  });
});

describe('storage failures: accessibility', () => {
  it('the survey is accessible while storage is unavailable', async () => {
    removeIndexedDB();
    captureWarnings();
    const surveyId = uniqueSurveyId();
    const { store } = open(surveyId);
    await store.load();
    const el = await fixture(html`<values-survey></values-survey>`);
    await expect(el).to.be.accessible();
  });
});
