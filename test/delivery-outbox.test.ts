import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../src/define.js';
import { Outbox, type DeliveryState, type OutboxOptions } from '../src/delivery/outbox.js';
import { OUTBOX_LOCK } from '../src/delivery/lock.js';
import { MIN_DELAY_MS } from '../src/delivery/backoff.js';
import type { SurveyResponse } from '../src/response/schema.js';
import { DB_NAME } from '../src/storage/idb.js';
import { rawStore } from './support/raw-store.js';
import {
  createOutboxStore,
  openOutboxStore,
  outboxKey,
  type OutboxStore,
} from '../src/storage/outbox-store.js';
import { shiftClock } from './support/clock.js';
import { restoreAll } from './support/overrides.js';
import { makeResponse, testEndpoint, type TestEndpoint } from './support/delivery-endpoint.js';

/** Long enough for a loaded two-core machine running three browsers; tests end far sooner. */
const WAIT = { timeout: 8_000, interval: 20 };

interface Seen {
  id: string;
  at: number;
  state: DeliveryState;
}

/** How the outbox stores an endpoint: resolved against the page. */
const absolute = (url: string) => new URL(url, document.baseURI).href;

/** Records every state change, and lets a test wait for one. */
function recorder() {
  const seen: Seen[] = [];
  return {
    seen,
    onState: (id: string, state: DeliveryState) => seen.push({ id, at: Date.now(), state }),
    of: (id: string) => seen.filter((entry) => entry.id === id).map((entry) => entry.state),
    last: (id: string) => seen.filter((entry) => entry.id === id).at(-1)?.state,
    until: (id: string, state: DeliveryState['state']) =>
      waitUntil(
        () => seen.some((entry) => entry.id === id && entry.state.state === state),
        `response never reached "${state}"`,
        WAIT,
      ),
  };
}

/** Properties of `navigator` and `document` a test overrides, restored after each test. */
const overridden: [object, string][] = [];
function override(target: object, name: string, value: unknown) {
  Object.defineProperty(target, name, { configurable: true, get: () => value });
  overridden.push([target, name]);
}

/** The database as another script sees it. */
const database = rawStore();

describe('delivery: the outbox', () => {
  const store = openOutboxStore();
  const outboxes: Outbox[] = [];
  let endpoint: TestEndpoint;

  /** An outbox on this test's endpoint and the page's real store, stopped after the test. */
  function outbox(options: Partial<OutboxOptions> = {}): Outbox {
    const created = new Outbox({ endpoint: endpoint.url, store, random: () => 0, ...options });
    outboxes.push(created);
    return created;
  }

  /** Submits `response` on `box` as the answers of a draft of its own. */
  function queue(box: Outbox, response: SurveyResponse) {
    const { surveyId, surveyVersion, id } = response;
    return box.submit(response, { surveyId, surveyVersion, startedAt: id });
  }

  /** A started outbox, with its states recorded, that has just queued one new response. */
  async function sendOne(options: Partial<OutboxOptions> = {}) {
    const states = recorder();
    const response = makeResponse();
    const box = outbox({ onState: states.onState, ...options });
    box.start();
    await queue(box, response);
    return { states, response, box };
  }

  async function emptyStore(from: OutboxStore = store) {
    for (const { response } of await from.list()) await from.acknowledge(response.id, 200);
  }

  async function queuedIds(): Promise<string[]> {
    return (await store.list()).map(({ response }) => response.id);
  }

  /** Responses as if queued for `to` (this test's endpoint) on earlier visits, oldest first. */
  async function queueEarlier(count: number, to = endpoint): Promise<SurveyResponse[]> {
    const responses: SurveyResponse[] = [];
    for (let i = 0; i < count; i += 1) {
      const response = makeResponse();
      response.completedAt = new Date(Date.UTC(2025, 0, 1, 10, 5, i)).toISOString();
      await store.put({ endpoint: absolute(to.url), response });
      responses.push(response);
    }
    return responses;
  }

  /** The ids an endpoint was sent, in order. */
  async function sentTo(to: TestEndpoint): Promise<string[]> {
    return (await to.log()).requests.map((request) => request.idempotencyKey);
  }

  beforeEach(async () => {
    endpoint = testEndpoint();
    // Other test files on this origin may have left responses queued; they are not ours to send.
    await emptyStore();
  });

  afterEach(async () => {
    await restoreAll();
    for (const created of outboxes.splice(0)) created.stop();
    for (const [target, name] of overridden.splice(0)) {
      Reflect.deleteProperty(target, name);
    }
    await emptyStore();
  });

  it('renders an accessible element', async () => {
    const el = await fixture(html`<values-survey></values-survey>`);
    await expect(el).to.be.accessible();
  });

  it('rejects an endpoint that is not a URL when it is created', () => {
    expect(() => new Outbox({ endpoint: 'http://[nope', store })).to.throw(TypeError);
  });

  it('rejects an endpoint with a user name and password when it is created', () => {
    expect(() => new Outbox({ endpoint: 'https://user:pw@example.org/r', store })).to.throw(
      TypeError,
    );
  });

  it('writes the response to the store before the first attempt', async () => {
    await endpoint.script({ hang: true });
    const states = recorder();
    const order: string[] = [];
    const recordingStore: OutboxStore = {
      mode: store.mode,
      put: (entry) => store.put(entry),
      submit: async (entry, draft) => {
        const submitted = await store.submit(entry, draft);
        order.push('stored');
        return submitted;
      },
      acknowledge: (id, status) => store.acknowledge(id, status),
      settled: (id) => store.settled(id),
      clearAll: () => store.clearAll(),
      list: () => store.list(),
      markRefused: (id, status) => store.markRefused(id, status),
      lastSubmitted: (surveyId) => store.lastSubmitted(surveyId),
    };
    const response = makeResponse();
    const box = outbox({
      store: recordingStore,
      onState: (id, state) => {
        order.push(state.state);
        states.onState(id, state);
      },
    });
    box.start();
    await queue(box, response);
    expect(await queuedIds()).to.deep.equal([response.id]);
    await states.until(response.id, 'sending');
    await waitUntil(async () => (await endpoint.log()).requests.length === 1, 'no request', WAIT);
    // The endpoint holds the request open: the response is in the store meanwhile.
    expect(await queuedIds()).to.deep.equal([response.id]);
    expect(order).to.deep.equal(['stored', 'queued', 'sending']);
  });

  it('retries after a 500 and delivers once, with the same id', async () => {
    await endpoint.script({ status: 500 });
    const { states, response } = await sendOne();
    await states.until(response.id, 'sent');
    expect(states.of(response.id)).to.deep.equal([
      { state: 'queued' },
      { state: 'sending' },
      { state: 'waiting', status: 500, retryInMs: 250, offline: false },
      { state: 'sending' },
      { state: 'sent', status: 201 },
    ]);
    const { requests, stored } = await endpoint.log();
    expect(requests.map((request) => request.idempotencyKey)).to.deep.equal([
      response.id,
      response.id,
    ]);
    expect(stored).to.deep.equal([response]);
    expect(await queuedIds()).to.deep.equal([]);
  });

  it('retries on time when the device clock steps back an hour while it waits', async () => {
    await endpoint.script({ status: 503 });
    const states = recorder();
    const response = makeResponse();
    const box = outbox({
      onState: (id, state) => {
        states.onState(id, state);
        // The clock is corrected (or the respondent changes it) just as the retry is planned.
        if (state.state === 'waiting') shiftClock(-60 * 60_000);
      },
    });
    box.start();
    await queue(box, response);
    await states.until(response.id, 'sent');
    expect(states.of(response.id).map(({ state }) => state)).to.deep.equal([
      'queued',
      'sending',
      'waiting',
      'sending',
      'sent',
    ]);
  });

  it("waits out the server's Retry-After before trying again", async () => {
    await endpoint.script({ status: 503, retryAfter: '1' });
    const { states, response } = await sendOne();
    await states.until(response.id, 'sent');
    expect(states.of(response.id)[2]).to.deep.equal({
      state: 'waiting',
      status: 503,
      retryInMs: 1_000,
      offline: false,
    });
    const [first, second] = (await endpoint.log()).requests;
    expect(second.at - first.at).to.be.at.least(950);
  });

  it("ends with the endpoint's 409 when a reply was lost after it stored the response", async () => {
    await endpoint.script({ dropReply: true });
    const { states, response } = await sendOne();
    await states.until(response.id, 'sent');
    expect(states.last(response.id)).to.deep.equal({ state: 'sent', status: 409 });
    const { requests, stored } = await endpoint.log();
    // Two requests with one id: our retry, or the browser's own resend on a reused socket.
    expect(requests).to.have.length(2);
    expect(requests.every((request) => request.idempotencyKey === response.id)).to.equal(true);
    expect(stored).to.deep.equal([response]);
    expect(await queuedIds()).to.deep.equal([]);
  });

  it('delivers twenty queued responses from earlier visits, each exactly once', async () => {
    const responses = await queueEarlier(20);
    const states = recorder();
    const box = outbox({ onState: states.onState });
    box.start();
    await waitUntil(
      () => responses.every((response) => states.last(response.id)?.state === 'sent'),
      'not all were sent',
      WAIT,
    );
    const { requests, stored } = await endpoint.log();
    expect(stored).to.have.length(20);
    expect(requests).to.have.length(20);
    // Oldest first.
    expect(requests.map((request) => request.idempotencyKey)).to.deep.equal(
      responses.map((response) => response.id),
    );
    expect(await queuedIds()).to.deep.equal([]);
  });

  it('tries an unreachable endpoint once per pass: the responses after the first wait with it', async () => {
    const responses = await queueEarlier(3);
    await endpoint.setDown(true);
    const states = recorder();
    const box = outbox({ onState: states.onState });
    await box.flush();
    for (const response of responses) {
      expect(states.last(response.id)).to.include({ state: 'waiting', status: 0 });
    }
    // Only the oldest was sent for (a browser may resend that one request by itself once, so
    // count ids, not requests): each of the others would only have waited out the same failure.
    const tried = new Set(await sentTo(endpoint));
    expect([...tried]).to.deep.equal([responses[0].id]);
    // They wait as long as the one that failed, so they go out together when it is reachable.
    const retries = responses.map((response) => states.last(response.id));
    expect(
      new Set(retries.map((state) => state?.state === 'waiting' && state.retryInMs)).size,
    ).to.equal(1);
    expect(await queuedIds()).to.have.members(responses.map((response) => response.id));
  });

  it('does not let one refused response hold up the others', async () => {
    const [refused, ...others] = await queueEarlier(3);
    await endpoint.script({ status: 422 });
    const states = recorder();
    const box = outbox({ onState: states.onState });
    await box.flush();
    expect(states.last(refused.id)).to.deep.equal({ state: 'refused', status: 422 });
    for (const other of others)
      expect(states.last(other.id)).to.deep.equal({ state: 'sent', status: 201 });
    expect(await queuedIds()).to.deep.equal([refused.id]);
  });

  it('sends each response once when two tabs flush at the same time (Web Locks)', async () => {
    const responses = await queueEarlier(10);
    // A second tab has its own connection to the same database.
    const otherTab = createOutboxStore();
    const held: Promise<LockManagerSnapshot>[] = [];
    const first = outbox({
      onState: (_, state) => {
        if (state.state === 'sending' && navigator.locks) held.push(navigator.locks.query());
      },
    });
    const second = outbox({ store: otherTab });
    await Promise.all([first.flush(), second.flush(), first.flush(), second.flush()]);
    const { requests, stored } = await endpoint.log();
    expect(requests).to.have.length(10);
    expect(new Set(requests.map((request) => request.idempotencyKey)).size).to.equal(10);
    expect(stored).to.have.length(10);
    expect(await queuedIds()).to.deep.equal([]);
    expect(responses).to.have.length(10);
    if (navigator.locks) {
      for (const snapshot of await Promise.all(held)) {
        expect(snapshot.held?.map((lock) => lock.name)).to.include(OUTBOX_LOCK);
      }
    }
  });

  it('submits one draft once when two tabs press Submit at the same moment', async () => {
    // The same answers, built into a response by each tab with its own id.
    const draft = {
      surveyId: 'delivery-test',
      surveyVersion: '1',
      startedAt: new Date().toISOString(),
    };
    const [inTabA, inTabB] = [makeResponse(), makeResponse()];
    const [statesA, statesB] = [recorder(), recorder()];
    const tabA = outbox({ onState: statesA.onState });
    const tabB = outbox({ store: createOutboxStore(), onState: statesB.onState });
    const [a, b] = await Promise.all([tabA.submit(inTabA, draft), tabB.submit(inTabB, draft)]);
    expect(a.response.id).to.equal(b.response.id);
    expect([a.already, b.already].sort()).to.deep.equal([false, true]);
    await (a.already ? statesB : statesA).until(a.response.id, 'sent');
    await Promise.all([tabA.flush(), tabB.flush()]);
    const { stored } = await endpoint.log();
    expect(stored.map(({ id }) => id)).to.deep.equal([a.response.id]);
    expect(await queuedIds()).to.deep.equal([]);

    // Later, a restored page submits the same draft again: told it was sent, nothing new queued.
    const again = await outbox().submit(makeResponse(), draft);
    expect(again).to.deep.include({ already: true, state: { state: 'sent', status: 0 } });
    expect(again.response.id).to.equal(a.response.id);
    expect(await queuedIds()).to.deep.equal([]);
  });

  it('a second Submit of a draft still queued answers with the queued response and its state', async () => {
    await endpoint.script({ status: 422 });
    const draft = {
      surveyId: 'delivery-test',
      surveyVersion: '1',
      startedAt: new Date().toISOString(),
    };
    const states = recorder();
    const box = outbox({ onState: states.onState });
    box.start();
    const first = await box.submit(makeResponse(), draft);
    await states.until(first.response.id, 'refused');
    const second = await box.submit(makeResponse(), draft);
    expect(second).to.deep.equal({
      response: first.response,
      already: true,
      state: { state: 'refused', status: 422 },
    });
    expect(await queuedIds()).to.deep.equal([first.response.id]);
  });

  it('sends each response once from two outboxes on a page without Web Locks', async () => {
    override(navigator, 'locks', undefined);
    expect(navigator.locks).to.equal(undefined);
    await queueEarlier(6);
    const first = outbox();
    const second = outbox();
    await Promise.all([first.flush(), second.flush()]);
    const { requests, stored } = await endpoint.log();
    expect(requests).to.have.length(6);
    expect(stored).to.have.length(6);
  });

  it('waits after a network failure, not calling an online browser offline, and sends on "online"', async () => {
    await endpoint.setDown(true);
    // The backoff's next retry is about two seconds away, so "online" must be what sends it.
    const { states, response } = await sendOne({ random: () => 0.99 });
    await states.until(response.id, 'waiting');
    const waiting = states.seen.find((entry) => entry.state.state === 'waiting')!;
    expect(waiting.state).to.deep.equal({
      state: 'waiting',
      status: 0,
      retryInMs: 1_980,
      offline: false,
    });
    expect(await queuedIds()).to.deep.equal([response.id]);
    await endpoint.setDown(false);
    window.dispatchEvent(new Event('online'));
    await states.until(response.id, 'sent');
    const sent = states.seen.find((entry) => entry.state.state === 'sent')!;
    expect(sent.at).to.be.below(waiting.at + 1_980);
    expect(sent.state).to.deep.equal({ state: 'sent', status: 201 });
    expect((await endpoint.log()).stored).to.deep.equal([response]);
  });

  it('keeps a response a captive portal answered (HTML 200, then a redirect) and sends it after sign-in', async () => {
    const login = testEndpoint();
    await endpoint.script(
      { status: 200, html: '<!doctype html><title>Sign in to the hospital Wi-Fi</title>' },
      { status: 302, location: login.url },
    );
    const { states, response } = await sendOne();
    await states.until(response.id, 'sent');
    const seen = states.of(response.id).map(({ state }) => state);
    // Two portal answers, each waited out like a network failure: never refused, never "sent".
    expect(seen).to.deep.equal([
      'queued',
      'sending',
      'waiting',
      'sending',
      'waiting',
      'sending',
      'sent',
    ]);
    for (const waiting of states.of(response.id).filter(({ state }) => state === 'waiting')) {
      expect(waiting).to.deep.include({ status: 0, retryInMs: 250 });
    }
    expect(states.last(response.id)).to.deep.equal({ state: 'sent', status: 201 });
    expect((await endpoint.log()).stored).to.deep.equal([response]);
    expect((await login.log()).requests).to.have.length(0);
    expect(await queuedIds()).to.deep.equal([]);
  });

  it('writes a waiting response back when the store loses it (site data cleared), and sends it', async () => {
    await endpoint.setDown(true);
    const { states, response } = await sendOne({ random: () => 0.99 });
    await states.until(response.id, 'waiting');
    // The respondent clears the site's data, or the browser evicts it: the database is gone.
    await new Promise((resolve, reject) => {
      const deleting = indexedDB.deleteDatabase(DB_NAME);
      deleting.onsuccess = resolve;
      deleting.onerror = () => reject(deleting.error);
    });
    expect(await queuedIds()).to.deep.equal([]);
    await endpoint.setDown(false);
    window.dispatchEvent(new Event('online'));
    await states.until(response.id, 'sent');
    // Never reported as sent before the endpoint had it.
    expect(states.of(response.id).filter(({ state }) => state === 'sent')).to.deep.equal([
      { state: 'sent', status: 201 },
    ]);
    expect((await endpoint.log()).stored).to.deep.equal([response]);
    expect(await queuedIds()).to.deep.equal([]);
  });

  it('says "sent" for a response another tab delivered, because that tab recorded it', async () => {
    await endpoint.setDown(true);
    const { states, response } = await sendOne({ random: () => 0.99 });
    await states.until(response.id, 'waiting');
    await endpoint.setDown(false);
    // Another tab's outbox sends it first.
    const otherTab = outbox({ store: createOutboxStore() });
    await otherTab.flush();
    expect((await endpoint.log()).stored).to.deep.equal([response]);
    window.dispatchEvent(new Event('online'));
    await states.until(response.id, 'sent');
    expect(states.last(response.id)).to.deep.equal({ state: 'sent', status: 0 });
    expect((await endpoint.log()).stored).to.have.length(1);
  });

  it('after Clear on a shared computer, no outbox writes a cleared response back', async () => {
    await endpoint.script({ status: 422 });
    const { states, response } = await sendOne();
    await states.until(response.id, 'refused');
    const other = testEndpoint();
    await endpoint.setDown(true);
    const [elsewhere] = await queueEarlier(1, other);
    await database.set('draft:another-survey:1', { kept: 'answers of someone else' });
    // Another tab still holds the refused response in memory; this tab clears.
    const otherTab = outbox({ store: createOutboxStore() });
    await otherTab.flush();
    const cleared = await store.clearAll();
    expect([...cleared].sort()).to.deep.equal([response.id, elsewhere.id].sort());
    expect(await database.entries('draft:')).to.deep.equal([]);
    await Promise.all([otherTab.retry(response.id), outboxes[0]!.flush()]);
    expect(await queuedIds()).to.deep.equal([]);
    expect(await store.settled(response.id)).to.equal('cleared');
    expect((await other.log()).requests).to.have.length(0);
    expect(states.of(response.id).map(({ state }) => state)).not.to.include('sent');
  });

  it('does not try while the browser says it is offline, then sends on "online"', async () => {
    override(navigator, 'onLine', false);
    const { states, response } = await sendOne({ random: () => 0.99 });
    await states.until(response.id, 'waiting');
    expect(states.last(response.id)).to.deep.include({ status: 0, offline: true });
    expect(states.of(response.id).map((state) => state.state)).to.not.include('sending');
    expect((await endpoint.log()).requests).to.have.length(0);
    override(navigator, 'onLine', true);
    window.dispatchEvent(new Event('online'));
    await states.until(response.id, 'sent');
    expect((await endpoint.log()).requests).to.have.length(1);
  });

  it('tries again when the page becomes visible', async () => {
    override(document, 'visibilityState', 'visible');
    const states = recorder();
    const box = outbox({ onState: states.onState });
    box.start();
    await box.flush();
    // Another tab queued this while ours was in the background.
    const [response] = await queueEarlier(1);
    document.dispatchEvent(new Event('visibilitychange'));
    await states.until(response.id, 'sent');
  });

  it('keeps a refused response, does not retry it by itself, and sends it on retry()', async () => {
    await endpoint.script({ status: 422 });
    const { states, response, box } = await sendOne();
    await states.until(response.id, 'refused');
    expect(states.last(response.id)).to.deep.equal({ state: 'refused', status: 422 });
    // A flush (as on "online" or visibility) skips it.
    await box.flush();
    window.dispatchEvent(new Event('online'));
    await box.flush();
    expect((await endpoint.log()).requests).to.have.length(1);
    expect(await queuedIds()).to.deep.equal([response.id]);
    await box.retry(response.id);
    expect(states.of(response.id).slice(-3)).to.deep.equal([
      { state: 'queued' },
      { state: 'sending' },
      { state: 'sent', status: 201 },
    ]);
    expect((await endpoint.log()).stored).to.deep.equal([response]);
    expect(await queuedIds()).to.deep.equal([]);
  });

  it('keeps a refusal across a reload: reported once, not sent again until retry()', async () => {
    await endpoint.script({ status: 422 });
    const response = makeResponse();
    const earlier = recorder();
    const before = outbox({ onState: earlier.onState });
    await queue(before, response);
    await earlier.until(response.id, 'refused');
    before.stop();

    // The page is loaded again: a new outbox on a new connection to the same database.
    const states = recorder();
    const after = outbox({ store: createOutboxStore(), onState: states.onState });
    after.start();
    await states.until(response.id, 'refused');
    await after.flush();
    window.dispatchEvent(new Event('online'));
    await after.flush();
    expect(states.of(response.id)).to.deep.equal([{ state: 'refused', status: 422 }]);
    expect(await sentTo(endpoint)).to.deep.equal([response.id]);
    expect(await queuedIds()).to.deep.equal([response.id]);

    await after.retry(response.id);
    expect(states.of(response.id)).to.deep.equal([
      { state: 'refused', status: 422 },
      { state: 'queued' },
      { state: 'sending' },
      { state: 'sent', status: 201 },
    ]);
    expect(await sentTo(endpoint)).to.deep.equal([response.id, response.id]);
    expect((await endpoint.log()).stored).to.deep.equal([response]);
    expect(await queuedIds()).to.deep.equal([]);
  });

  it('sends each response only to the endpoint it was queued for', async () => {
    const other = testEndpoint();
    const ours = await queueEarlier(2);
    const theirs = await queueEarlier(2, other);
    const [states, otherStates] = [recorder(), recorder()];
    const first = outbox({ onState: states.onState });
    // The same endpoint, however it is written, is the same endpoint.
    const second = outbox({ endpoint: absolute(other.url), onState: otherStates.onState });
    const [oursNow, theirsNow] = [makeResponse(), makeResponse()];
    await Promise.all([queue(first, oursNow), queue(second, theirsNow)]);
    await Promise.all([first.flush(), second.flush()]);

    const sorted = (ids: string[]) => [...ids].sort();
    const ourIds = sorted([...ours, oursNow].map((response) => response.id));
    const theirIds = sorted([...theirs, theirsNow].map((response) => response.id));
    expect(sorted(await sentTo(endpoint))).to.deep.equal(ourIds);
    expect(sorted(await sentTo(other))).to.deep.equal(theirIds);
    // Neither outbox says anything about the other's responses.
    expect(sorted([...new Set(states.seen.map((entry) => entry.id))])).to.deep.equal(ourIds);
    expect(sorted([...new Set(otherStates.seen.map((entry) => entry.id))])).to.deep.equal(theirIds);
    expect(await queuedIds()).to.deep.equal([]);
  });

  it('delivers responses queued for an endpoint nobody names any more to that endpoint', async () => {
    const moved = testEndpoint();
    const stranded = await queueEarlier(2, moved);
    const ours = await queueEarlier(1);
    const states = recorder();
    const box = outbox({
      onState: states.onState,
      send: { headers: { 'X-Test-Header': 'ours only' } },
      adopt: (to) => to === absolute(moved.url),
    });
    await box.flush();
    const sorted = (ids: string[]) => [...ids].sort();
    expect(sorted(await sentTo(moved))).to.deep.equal(sorted(stranded.map(({ id }) => id)));
    expect(await sentTo(endpoint)).to.deep.equal([ours[0].id]);
    // This page's headers went to its own endpoint only.
    expect((await moved.log()).requests.map((r) => r.testHeader)).to.deep.equal(['', '']);
    expect(states.last(stranded[0].id)).to.deep.equal({ state: 'sent', status: 201 });
    expect(await queuedIds()).to.deep.equal([]);
  });

  it('adopts a bare response from an earlier build for the first outbox that lists it', async () => {
    expect(store.mode).to.equal('idb');
    const bare = makeResponse();
    // As an earlier build queued it: the response itself, with no endpoint.
    const raw = rawStore();
    await raw.set(outboxKey(bare.id), bare);
    raw.close();
    await endpoint.script({ status: 422 });
    const other = testEndpoint();
    const [states, otherStates] = [recorder(), recorder()];
    const first = outbox({ onState: states.onState });
    const second = outbox({ endpoint: other.url, onState: otherStates.onState });

    await first.flush();
    expect(states.last(bare.id)).to.deep.equal({ state: 'refused', status: 422 });
    expect(await store.list()).to.deep.equal([
      { endpoint: absolute(endpoint.url), response: bare, refusedStatus: 422 },
    ]);
    // Now it is the first outbox's: the second neither sends it nor reports it.
    await second.flush();
    expect(otherStates.seen).to.deep.equal([]);
    expect(await sentTo(other)).to.deep.equal([]);

    await first.retry(bare.id);
    expect(states.last(bare.id)).to.deep.equal({ state: 'sent', status: 201 });
    expect((await endpoint.log()).stored).to.deep.equal([bare]);
    expect(await queuedIds()).to.deep.equal([]);
  });

  it('sends a waiting response at once on retry(), without waiting for its Retry-After', async () => {
    await endpoint.script({ status: 503, retryAfter: '3600' });
    const { states, response, box } = await sendOne();
    await states.until(response.id, 'waiting');
    expect(states.last(response.id)).to.deep.include({ retryInMs: 3_600_000 });
    await box.retry(response.id);
    expect(states.last(response.id)).to.deep.equal({ state: 'sent', status: 201 });
  });

  it('joins concurrent flushes in one tab, sending each response once', async () => {
    await queueEarlier(3);
    const box = outbox();
    await Promise.all([box.flush(), box.flush(), box.flush()]);
    expect((await endpoint.log()).requests).to.have.length(3);
  });

  it('stop() aborts the attempt in flight and keeps the response queued', async () => {
    await endpoint.script({ hang: true });
    const states = recorder();
    const response = makeResponse();
    const box = outbox({ onState: states.onState, send: { timeoutMs: 30_000 } });
    box.start();
    await queue(box, response);
    await states.until(response.id, 'sending');
    const flushing = box.flush();
    box.stop();
    // Well before the 30 s timeout: the attempt was aborted, not timed out.
    await flushing;
    expect(states.last(response.id)).to.deep.equal({ state: 'sending' });
    expect(await queuedIds()).to.deep.equal([response.id]);
  });

  it('stop() removes its listeners and its retry timer', async () => {
    await endpoint.script({ status: 500 });
    const states = recorder();
    const response = makeResponse();
    // Watch what the outbox registers, so the test can show stop() undoes it without waiting
    // to see that nothing happens.
    const added: [EventTarget, string, unknown][] = [];
    const removed: [EventTarget, string, unknown][] = [];
    const pending = new Map<number, number>();
    const real = {
      add: EventTarget.prototype.addEventListener,
      remove: EventTarget.prototype.removeEventListener,
      setTimeout: window.setTimeout,
      clearTimeout: window.clearTimeout,
    };
    let watchTimers = false;
    EventTarget.prototype.addEventListener = function (
      type: string,
      fn: unknown,
      ...rest: never[]
    ) {
      added.push([this, type, fn]);
      return real.add.call(this, type, fn as EventListener, ...rest);
    };
    EventTarget.prototype.removeEventListener = function (
      type: string,
      fn: unknown,
      ...rest: never[]
    ) {
      removed.push([this, type, fn]);
      return real.remove.call(this, type, fn as EventListener, ...rest);
    };
    window.setTimeout = ((handler: TimerHandler, delay?: number, ...args: unknown[]) => {
      // A watched timer as long as a retry is held back a minute, so the 250 ms retry cannot
      // fire (and send again) before the test has looked at it and stopped the outbox: no race
      // with the clock. Shorter ones (the test's own polling) run as asked.
      const held = watchTimers && (delay ?? 0) >= MIN_DELAY_MS ? (delay ?? 0) + 60_000 : delay;
      const id = real.setTimeout.call(
        window,
        handler as () => void,
        held,
        ...args,
      ) as unknown as number;
      if (watchTimers) pending.set(id, delay ?? 0);
      return id;
    }) as unknown as typeof setTimeout;
    window.clearTimeout = ((id?: number) => {
      if (id !== undefined) pending.delete(id);
      real.clearTimeout.call(window, id);
    }) as typeof clearTimeout;
    try {
      const box = outbox({ onState: states.onState });
      const before = added.length;
      box.start();
      const listeners = added
        .slice(before)
        .filter(
          ([target, type]) =>
            (target === window && type === 'online') ||
            (target === document && type === 'visibilitychange'),
        );
      expect(listeners.map(([, type]) => type).sort()).to.deep.equal([
        'online',
        'visibilitychange',
      ]);
      watchTimers = true;
      await queue(box, response);
      await states.until(response.id, 'waiting');
      // The retry timer is the one set for the delay the waiting state announced.
      const waiting = states.last(response.id) as Extract<DeliveryState, { state: 'waiting' }>;
      const retryTimer = () =>
        [...pending].find(
          ([, delay]) =>
            delay >= MIN_DELAY_MS && delay <= Math.max(MIN_DELAY_MS, waiting.retryInMs),
        );
      await waitUntil(retryTimer, 'the retry timer was never set', WAIT);
      const [retryTimerId] = retryTimer()!;

      box.stop();
      expect(pending.has(retryTimerId), 'the retry timer is still set').to.equal(false);
      for (const [target, type, fn] of listeners) {
        expect(
          removed.some(([t, ty, f]) => t === target && ty === type && f === fn),
          `the ${type} listener is still there`,
        ).to.equal(true);
      }
      expect((await endpoint.log()).requests).to.have.length(1);
      expect(states.last(response.id)?.state).to.equal('waiting');
    } finally {
      EventTarget.prototype.addEventListener = real.add;
      EventTarget.prototype.removeEventListener = real.remove;
      window.setTimeout = real.setTimeout;
      window.clearTimeout = real.clearTimeout;
    }
    // Started again (the element reconnected), it carries on.
    outboxes.at(-1)!.start();
    await states.until(response.id, 'sent');
  });
});
