import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../src/define.js';
import {
  DRAFT_FORMAT,
  DRAFT_MAX_BYTES,
  DraftStore,
  type Draft,
  type DraftNotice,
} from '../src/storage/drafts.js';
import { draftChannelName, type DraftMessage } from '../src/storage/draft-channel.js';
import { draftKey, surveyDraftPrefix } from '../src/storage/draft-record.js';
import { rawStore } from './support/raw-store.js';
import { createOutboxStore } from '../src/storage/outbox-store.js';
import { makeResponse } from './support/delivery-endpoint.js';
import { captureWarnings, replace, restoreAll } from './support/overrides.js';
import { withoutSchedulers } from './support/schedulers.js';

// Drafts on real IndexedDB in each engine: round trips, coalescing, clearing, expiry, records
// that cannot be trusted, isolation between surveys, and two tabs of one survey.

const T0 = Date.parse('2025-03-01T09:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const iso = (time: number) => new Date(time).toISOString();

/** The database as another script (or an older widget) would see it. */
const raw = rawStore();

const surveyIds: string[] = [];

/** A survey id no other test uses; its drafts are removed after the test. */
function uniqueSurveyId(): string {
  const id = `s${crypto.randomUUID().replaceAll('-', '')}`;
  surveyIds.push(id);
  return id;
}

/** Waits for a condition, allowing for a slow engine. */
const until = (predicate: () => unknown, message: string) =>
  waitUntil(predicate, message, { timeout: 5000 });

function draftFor(surveyId: string, at: number, extra: Partial<Draft> = {}): Draft {
  return {
    surveyId,
    surveyVersion: '1',
    answers: { add: { type: 'text', value: `written at ${iso(at)}` } },
    step: 'add',
    startedAt: iso(T0),
    updatedAt: iso(at),
    writer: DRAFT_FORMAT,
    ...extra,
  };
}

const stores: DraftStore[] = [];

function open(surveyId: string, options: { now?: () => number; maxAgeDays?: number } = {}) {
  const store = new DraftStore({ surveyId, surveyVersion: '1', now: () => T0, ...options });
  stores.push(store);
  return store;
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

describe('drafts: saving and restoring', () => {
  it('restores a saved draft in a new store, as after a reload', async () => {
    const surveyId = uniqueSurveyId();
    const first = open(surveyId);
    const draft = draftFor(surveyId, T0);
    first.save(draft);
    await first.flush();
    first.dispose();

    const second = open(surveyId);
    const loaded = await second.load();
    expect(loaded).to.deep.equal({ draft, notices: [] });
    expect(second.mode).to.equal('idb');
  });

  it('loads nothing, with no notices, when nothing was saved', async () => {
    const store = open(uniqueSurveyId());
    expect(await store.load()).to.deep.equal({ notices: [] });
  });

  it('stamps the draft with this widget’s format and keeps its own copy', async () => {
    const surveyId = uniqueSurveyId();
    const store = open(surveyId);
    const draft = draftFor(surveyId, T0, { writer: 0 });
    store.save(draft);
    draft.step = 'changed after saving';
    await store.flush();
    const stored = await raw.get(draftKey(surveyId, '1'));
    expect(stored).to.deep.equal({ ...draftFor(surveyId, T0), writer: DRAFT_FORMAT, revision: 1 });
  });

  it('keeps one write in flight and writes only the latest of many rapid saves', async () => {
    const surveyId = uniqueSurveyId();
    const key = draftKey(surveyId, '1');
    const store = open(surveyId);
    const written: Draft[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    let release = false;
    let spins = 0;

    const transaction = IDBDatabase.prototype.transaction;
    replace(IDBDatabase.prototype, 'transaction', function (
      this: IDBDatabase,
      ...args: Parameters<typeof transaction>
    ) {
      const tx = transaction.apply(this, args);
      if (args[1] === 'readwrite') {
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        const done = () => inFlight--;
        tx.addEventListener('complete', done);
        tx.addEventListener('abort', done);
      }
      return tx;
    } as typeof transaction);
    const put = IDBObjectStore.prototype.put;
    replace(IDBObjectStore.prototype, 'put', function (
      this: IDBObjectStore,
      value: unknown,
      putKey?: IDBValidKey,
    ) {
      const request = put.call(this, value, putKey);
      if (putKey === key) {
        written.push(value as Draft);
        // Hold the transaction open, like a slow disk, until the test lets it finish.
        const keepAlive = () => {
          spins++;
          if (!release) this.get('keep-alive').onsuccess = keepAlive;
        };
        keepAlive();
      }
      return request;
    } as typeof put);

    store.save(draftFor(surveyId, T0));
    await until(() => written.length === 1, 'the first write did not start');
    for (let i = 1; i <= 20; i++) store.save(draftFor(surveyId, T0 + i));
    // Let the first transaction go round a few more times: no second write may start meanwhile.
    const spun = spins;
    await until(() => spins > spun + 5, 'the first write stopped');
    expect(written).to.have.length(1);

    release = true;
    await store.flush();
    expect(written.map((draft) => draft.updatedAt)).to.deep.equal([iso(T0), iso(T0 + 20)]);
    expect(mostInFlight).to.equal(1);
    expect(await raw.get(key)).to.deep.equal({ ...draftFor(surveyId, T0 + 20), revision: 21 });
  });

  it('flush resolves once the pending save is stored, and at once when nothing is pending', async () => {
    const surveyId = uniqueSurveyId();
    const store = open(surveyId);
    await store.flush();
    store.save(draftFor(surveyId, T0));
    store.save(draftFor(surveyId, T0 + 1));
    await store.flush();
    expect(await raw.get(draftKey(surveyId, '1'))).to.deep.equal({
      ...draftFor(surveyId, T0 + 1),
      revision: 2,
    });
  });

  it('throws a TypeError for an invalid draft or one for another survey', async () => {
    const surveyId = uniqueSurveyId();
    const store = open(surveyId);
    const broken = { ...draftFor(surveyId, T0), updatedAt: 'yesterday' };
    expect(() => store.save(broken)).to.throw(TypeError, /updatedAt/);
    expect(() => store.save(draftFor(uniqueSurveyId(), T0))).to.throw(
      TypeError,
      /another|was given/,
    );
    await store.flush();
    expect(await raw.get(draftKey(surveyId, '1'))).to.equal(undefined);
  });
});

// The respondent's input path (issue 14): saveSoon places a change at once and checks and writes
// it after the next paint.
describe('drafts: saving after the next paint', () => {
  it('writes the latest of the changes made before the paint, once', async () => {
    const surveyId = uniqueSurveyId();
    const store = open(surveyId);
    store.saveSoon(draftFor(surveyId, T0 + 1));
    store.saveSoon(draftFor(surveyId, T0 + 2));
    await until(async () => (await raw.get(draftKey(surveyId, '1'))) !== undefined, 'not saved');
    await store.flush();
    const { revision, ...stored } = (await raw.get(draftKey(surveyId, '1'))) as Draft;
    expect(stored).to.deep.equal(draftFor(surveyId, T0 + 2));
    expect(revision).to.equal(2);
  });

  it('flush writes a change still waiting for the paint', async () => {
    const surveyId = uniqueSurveyId();
    const store = open(surveyId);
    withoutSchedulers(() => store.saveSoon(draftFor(surveyId, T0)));
    await store.flush();
    expect(await raw.get(draftKey(surveyId, '1'))).to.deep.include(draftFor(surveyId, T0));
  });

  it('a clear in another tab wins over a change of ours still waiting for the paint', async () => {
    const surveyId = uniqueSurveyId();
    const [tab1, tab2] = [open(surveyId), open(surveyId, { now: () => T0 + 60_000 })];
    tab2.save(draftFor(surveyId, T0));
    await tab2.flush();
    const heard: (Draft | undefined)[] = [];
    tab1.onRemoteChange((draft) => heard.push(draft));
    await until(() => heard.length === 1, 'tab 1 did not hear the save');
    // Ours is made first; the other tab's clear comes after it, and tab 1 hears it before its
    // change is written.
    withoutSchedulers(() => tab1.saveSoon(draftFor(surveyId, T0 + 1)));
    await tab2.clear();
    await until(() => heard.length === 2, 'tab 1 did not hear the clear');
    await tab1.flush();
    expect(await raw.get(draftKey(surveyId, '1'))).to.equal(undefined);
  });

  it('a later change in another tab wins over a change of ours still waiting for the paint', async () => {
    const surveyId = uniqueSurveyId();
    const [tab1, tab2] = [open(surveyId), open(surveyId)];
    const heard: (Draft | undefined)[] = [];
    tab1.onRemoteChange((draft) => heard.push(draft));
    withoutSchedulers(() => tab1.saveSoon(draftFor(surveyId, T0 + 1)));
    // The other tab has heard nothing of ours (it was never sent), so it is the same revision,
    // and later by the clock.
    tab2.save(draftFor(surveyId, T0 + 5));
    await until(() => heard.length === 1, 'tab 1 did not hear the later change');
    await tab1.flush();
    await tab2.flush();
    expect(await raw.get(draftKey(surveyId, '1'))).to.deep.include(draftFor(surveyId, T0 + 5));
  });

  it('a store made after a move counts on from the one before, so its saves are kept', async () => {
    const surveyId = uniqueSurveyId();
    const before = open(surveyId);
    for (let at = 1; at <= 3; at++) before.save(draftFor(surveyId, T0 + at));
    await before.flush();
    before.dispose();
    const after = new DraftStore({
      surveyId,
      surveyVersion: '1',
      now: () => T0,
      after: before.latestChange,
    });
    stores.push(after);
    after.save(draftFor(surveyId, T0 + 4));
    await after.flush();
    expect(await raw.get(draftKey(surveyId, '1'))).to.deep.include(draftFor(surveyId, T0 + 4));
  });
});

describe('drafts: long answers', () => {
  it('keeps a text answer longer than a response allows, exactly as typed', async () => {
    const surveyId = uniqueSurveyId();
    const value = 'Ω'.repeat(25_000);
    const draft = draftFor(surveyId, T0, { answers: { add: { type: 'text', value } } });
    const store = open(surveyId);
    store.save(draft);
    await store.flush();
    expect((await open(surveyId).load()).draft).to.deep.equal(draft);
  });

  it('past its byte cap, keeps the last draft that fitted and says so once', async () => {
    const surveyId = uniqueSurveyId();
    const store = open(surveyId);
    const notices: DraftNotice[] = [];
    store.onNotice((notice) => notices.push(notice));
    const fits = draftFor(surveyId, T0);
    store.save(fits);
    const huge = (at: number) =>
      draftFor(surveyId, at, {
        answers: { add: { type: 'text', value: 'x'.repeat(DRAFT_MAX_BYTES) } },
      });
    store.save(huge(T0 + 1));
    store.save(huge(T0 + 2));
    await store.flush();
    expect(notices).to.deep.equal(['too-large']);
    expect((await open(surveyId).load()).draft).to.deep.equal(fits);
  });
});

describe('drafts: clearing', () => {
  it('removes the draft, for every version of the survey, and only that survey', async () => {
    const surveyId = uniqueSurveyId();
    const otherId = uniqueSurveyId();
    const store = open(surveyId);
    const other = open(otherId);
    store.save(draftFor(surveyId, T0));
    other.save(draftFor(otherId, T0));
    await Promise.all([store.flush(), other.flush()]);
    await raw.set(draftKey(surveyId, '2'), draftFor(surveyId, T0, { surveyVersion: '2' }));

    await store.clear();

    expect(await raw.get(draftKey(surveyId, '1'))).to.equal(undefined);
    expect(await raw.get(draftKey(surveyId, '2'))).to.equal(undefined);
    expect(await open(surveyId).load()).to.deep.equal({ notices: [] });
    expect((await open(otherId).load()).draft).to.deep.equal(draftFor(otherId, T0));
  });

  it('wins over a save made just before it', async () => {
    const surveyId = uniqueSurveyId();
    const store = open(surveyId);
    store.save(draftFor(surveyId, T0));
    await store.clear();
    await store.flush();
    expect(await raw.get(draftKey(surveyId, '1'))).to.equal(undefined);
  });
});

describe('drafts: submitting', () => {
  it('a save that lands after the draft was submitted does not bring it back', async () => {
    const surveyId = uniqueSurveyId();
    const store = open(surveyId);
    const draft = draftFor(surveyId, T0 + 1);
    store.save(draft);
    await store.flush();
    const outbox = createOutboxStore();
    const response = { ...makeResponse(), surveyId, answers: draft.answers };
    const ref = { surveyId, surveyVersion: '1', startedAt: draft.startedAt };
    const submitted = await outbox.submit({ endpoint: location.href, response }, ref);
    expect(submitted).to.deep.equal({ response, already: false, queued: true });
    expect(await raw.get(draftKey(surveyId, '1'))).to.equal(undefined);
    // Another tab, still typing, saves the same draft after the submit.
    const otherTab = open(surveyId);
    otherTab.save(draftFor(surveyId, T0 + 2));
    await otherTab.flush();
    expect(await raw.get(draftKey(surveyId, '1'))).to.equal(undefined);
    expect((await open(surveyId).load()).draft).to.equal(undefined);
    await outbox.acknowledge(response.id, 200);
  });
});

describe('drafts: expiry', () => {
  it('removes this survey’s draft once it is older than 30 days, with a notice', async () => {
    const surveyId = uniqueSurveyId();
    await raw.set(draftKey(surveyId, '1'), draftFor(surveyId, T0));
    const store = open(surveyId, { now: () => T0 + 30 * DAY + 1 });
    expect(await store.load()).to.deep.equal({ notices: ['expired'] });
    expect(await raw.get(draftKey(surveyId, '1'))).to.equal(undefined);
  });

  it('keeps a draft exactly 30 days old', async () => {
    const surveyId = uniqueSurveyId();
    await raw.set(draftKey(surveyId, '1'), draftFor(surveyId, T0));
    const store = open(surveyId, { now: () => T0 + 30 * DAY });
    expect((await store.load()).draft).to.deep.equal(draftFor(surveyId, T0));
  });

  it('honours maxAgeDays and measures age from the last change', async () => {
    const surveyId = uniqueSurveyId();
    await raw.set(draftKey(surveyId, '1'), draftFor(surveyId, T0 + DAY));
    const now = () => T0 + 3 * DAY;
    expect((await open(surveyId, { now, maxAgeDays: 2 }).load()).draft).to.not.equal(undefined);
    expect(await open(surveyId, { now, maxAgeDays: 1 }).load()).to.deep.equal({
      notices: ['expired'],
    });
  });

  it('leaves other surveys’ drafts, however old, for their own survey to judge and announce', async () => {
    const [mine, stale] = [uniqueSurveyId(), uniqueSurveyId()];
    await raw.set(draftKey(stale, '1'), draftFor(stale, T0));
    const store = open(mine, { now: () => T0 + 40 * DAY });
    expect(await store.load()).to.deep.equal({ notices: [] });
    expect(await raw.get(draftKey(stale, '1'))).to.deep.equal(draftFor(stale, T0));
    expect(await open(stale, { now: () => T0 + 40 * DAY }).load()).to.deep.equal({
      notices: ['expired'],
    });
  });
});

describe('drafts: device clocks that are wrong', () => {
  it('a draft saved with the clock a day fast does not block saves after it is corrected', async () => {
    const surveyId = uniqueSurveyId();
    const fast = open(surveyId);
    fast.save(draftFor(surveyId, T0 + DAY));
    await fast.flush();
    // The next visit, after the clock was corrected: a new store, new answers, an earlier time.
    const corrected = open(surveyId);
    expect((await corrected.load()).draft?.updatedAt).to.equal(iso(T0 + DAY));
    const later = draftFor(surveyId, T0, { step: 'fit' });
    corrected.save(later);
    await corrected.flush();
    expect((await open(surveyId).load()).draft).to.deep.equal(later);
  });

  it('a tab whose clock is behind still wins with a change made after hearing the other tab', async () => {
    const surveyId = uniqueSurveyId();
    const [tab1, tab2] = [open(surveyId), open(surveyId)];
    const heardBy1: (Draft | undefined)[] = [];
    tab1.onRemoteChange((draft) => heardBy1.push(draft));
    tab2.save(draftFor(surveyId, T0 + 2 * DAY));
    await until(() => heardBy1.length === 1, 'tab 1 did not hear the save');
    const change = draftFor(surveyId, T0, { step: 'fit' });
    tab1.save(change);
    await tab1.flush();
    expect((await open(surveyId).load()).draft).to.deep.equal(change);
  });
});

describe('drafts: records that cannot be used', () => {
  const cases: [string, (surveyId: string) => unknown, DraftNotice][] = [
    ['a record that is not an object', () => 'answers', 'discarded-corrupt'],
    ['a record with missing fields', (id) => ({ surveyId: id, writer: 1 }), 'discarded-corrupt'],
    [
      'a record with an unreadable answer',
      (id) => ({ ...draftFor(id, T0), answers: { fit: { type: 'scale', value: 'four' } } }),
      'discarded-corrupt',
    ],
    ['a record naming another survey', () => draftFor(uniqueSurveyId(), T0), 'discarded-corrupt'],
    [
      'a record from a newer widget',
      (id) => ({ ...draftFor(id, T0), writer: DRAFT_FORMAT + 1, flags: ['new'] }),
      'discarded-newer-format',
    ],
    [
      'a record from an older widget',
      (id) => ({ ...draftFor(id, T0), writer: DRAFT_FORMAT - 1 }),
      'discarded-old-version',
    ],
  ];

  for (const [name, record, notice] of cases) {
    it(`discards ${name} with a warning and a "${notice}" notice`, async () => {
      const surveyId = uniqueSurveyId();
      await raw.set(draftKey(surveyId, '1'), record(surveyId));
      const warnings = captureWarnings();
      const store = open(surveyId);
      expect(await store.load()).to.deep.equal({ notices: [notice] });
      expect(await raw.get(draftKey(surveyId, '1'))).to.equal(undefined);
      expect(warnings).to.have.length(1);
      expect(String(warnings[0][0])).to.contain('discarded the saved draft');
      // Still usable afterwards.
      store.save(draftFor(surveyId, T0));
      await store.flush();
      expect((await open(surveyId).load()).draft).to.deep.equal(draftFor(surveyId, T0));
    });
  }

  it('discards the draft of another version of the same survey, and keeps this one', async () => {
    const surveyId = uniqueSurveyId();
    await raw.set(draftKey(surveyId, '0'), draftFor(surveyId, T0, { surveyVersion: '0' }));
    await raw.set(draftKey(surveyId, '1'), draftFor(surveyId, T0));
    const warnings = captureWarnings();
    expect(await open(surveyId).load()).to.deep.equal({
      draft: draftFor(surveyId, T0),
      notices: ['discarded-old-version'],
    });
    expect(await raw.get(draftKey(surveyId, '0'))).to.equal(undefined);
    expect(String(warnings[0][0])).to.contain('another version of the survey');
  });
});

describe('drafts: isolation and tabs', () => {
  it('never shows one survey’s draft to another', async () => {
    const [a, b] = [uniqueSurveyId(), uniqueSurveyId()];
    const storeA = open(a);
    storeA.save(draftFor(a, T0));
    await storeA.flush();
    const storeB = open(b);
    expect(await storeB.load()).to.deep.equal({ notices: [] });
    await storeB.clear();
    expect((await open(a).load()).draft).to.deep.equal(draftFor(a, T0));
  });

  it('tells the other tab about a save and a clear', async () => {
    const surveyId = uniqueSurveyId();
    const [tab1, tab2] = [open(surveyId, { now: () => T0 + 10 }), open(surveyId)];
    const heard: (Draft | undefined)[] = [];
    const notices: DraftNotice[] = [];
    tab2.onRemoteChange((draft) => heard.push(draft));
    tab2.onNotice((notice) => notices.push(notice));

    tab1.save(draftFor(surveyId, T0));
    await until(() => heard.length === 1, 'tab 2 did not hear the save');
    expect(heard[0]).to.deep.equal(draftFor(surveyId, T0));

    await tab1.clear();
    await until(() => heard.length === 2, 'tab 2 did not hear the clear');
    expect(heard[1]).to.equal(undefined);
    expect(notices).to.deep.equal(['updated-elsewhere', 'updated-elsewhere']);
  });

  it('keeps the later of two changes made at the same time in two tabs', async () => {
    const surveyId = uniqueSurveyId();
    const [tab1, tab2] = [open(surveyId), open(surveyId)];
    // Neither has heard of the other's change: the same revision, so the clock breaks the tie,
    // whichever reaches the disk last.
    tab2.save(draftFor(surveyId, T0 + 2));
    await tab2.flush();
    tab1.save(draftFor(surveyId, T0 + 1));
    await tab1.flush();
    const { revision, ...stored } = (await raw.get(draftKey(surveyId, '1'))) as Draft;
    expect(revision).to.equal(1);
    expect(stored).to.deep.equal(draftFor(surveyId, T0 + 2));
    expect((await open(surveyId).load()).draft).to.deep.equal(draftFor(surveyId, T0 + 2));
  });

  it('ignores another tab’s change older than its own, without telling anyone', async () => {
    const surveyId = uniqueSurveyId();
    const store = open(surveyId);
    const heard: (Draft | undefined)[] = [];
    store.onRemoteChange((draft) => heard.push(draft));
    store.save(draftFor(surveyId, T0 + 5));
    await store.flush();
    const sender = new BroadcastChannel(draftChannelName(surveyId, '1'));
    try {
      // The same revision as ours but an earlier time, then the next revision.
      for (const [at, revision] of [
        [T0 + 3, 1],
        [T0 + 6, 2],
      ] as const) {
        const message: DraftMessage = {
          kind: 'saved',
          draft: { ...draftFor(surveyId, at), revision },
        };
        sender.postMessage(message);
      }
      await until(() => heard.length > 0, 'the later save was not heard');
    } finally {
      sender.close();
    }
    expect(heard.map((draft) => draft?.updatedAt)).to.deep.equal([iso(T0 + 6)]);
  });

  it('clears again when another tab’s older save lands after its clear', async () => {
    const surveyId = uniqueSurveyId();
    const key = draftKey(surveyId, '1');
    const [tab1, tab2] = [open(surveyId, { now: () => T0 + 10 }), open(surveyId)];
    const heardBy2: (Draft | undefined)[] = [];
    tab2.onRemoteChange((draft) => heardBy2.push(draft));
    const clearing = tab1.clear();
    // Tab 2 made a change before it heard of the clear; it reaches the disk after the clear.
    tab2.save(draftFor(surveyId, T0 + 5));
    await clearing;
    await tab2.flush();
    await until(() => heardBy2.length === 1, 'tab 2 did not hear the clear');
    await until(async () => (await raw.get(key)) === undefined, 'the old draft came back');
  });

  it('warns about, and ignores, a message it cannot read', async () => {
    const surveyId = uniqueSurveyId();
    const store = open(surveyId);
    const heard: (Draft | undefined)[] = [];
    store.onRemoteChange((draft) => heard.push(draft));
    const warnings = captureWarnings();
    const sender = new BroadcastChannel(draftChannelName(surveyId, '1'));
    try {
      sender.postMessage({ kind: 'saved', draft: { surveyId, answers: 'all of them' } });
      const valid: DraftMessage = { kind: 'saved', draft: draftFor(surveyId, T0) };
      sender.postMessage(valid);
      await until(() => heard.length === 1, 'the valid message was not heard');
    } finally {
      sender.close();
    }
    expect(warnings).to.have.length(1);
    expect(String(warnings[0][0])).to.contain('unreadable message');
  });

  it('stops hearing other tabs after dispose', async () => {
    const surveyId = uniqueSurveyId();
    const [tab1, tab2, tab3] = [open(surveyId), open(surveyId), open(surveyId)];
    const heardBy2: (Draft | undefined)[] = [];
    const heardBy3: (Draft | undefined)[] = [];
    tab2.onRemoteChange((draft) => heardBy2.push(draft));
    tab3.onRemoteChange((draft) => heardBy3.push(draft));
    tab2.dispose();
    tab1.save(draftFor(surveyId, T0));
    // Tab 3 hears it, so tab 2 would have by now had it still been listening.
    await until(() => heardBy3.length === 1, 'tab 3 did not hear the save');
    expect(heardBy2).to.deep.equal([]);
  });
});

describe('drafts: accessibility', () => {
  it('the survey is accessible after its drafts were used', async () => {
    const surveyId = uniqueSurveyId();
    const store = open(surveyId);
    store.save(draftFor(surveyId, T0));
    await store.flush();
    const el = await fixture(html`<values-survey></values-survey>`);
    await expect(el).to.be.accessible();
  });
});
