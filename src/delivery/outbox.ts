/**
 * The outbox runner: sends queued responses until the endpoint has them (docs/contract.md, "Delivery").
 *
 * A response is written to the store, with its endpoint, before its first attempt and leaves it
 * only when the endpoint says 2xx or 409. Network failures and 408/425/429/5xx wait with backoff
 * and are retried automatically; other answers are "refused": the refusal is stored with the
 * response, so it waits for the respondent to press Try again on this visit and on later ones.
 * Flushes happen on start (page load), on `online`, when the page becomes visible, and when a
 * retry falls due; one tab flushes at a time.
 *
 * The backoff (attempts, when to retry) lives in memory for this visit, so a later visit tries
 * every queued response that was not refused once at load.
 */
import { reportFault } from '../support/fault.js';
import type { SurveyResponse } from '../response/schema.js';
import type { DraftRef, OutboxStore, QueuedResponse } from '../storage/outbox-store.js';
import { MIN_DELAY_MS, retryDelay } from './backoff.js';
import { withOutboxLock } from './lock.js';
import {
  absoluteEndpoint,
  sendResponse,
  unreachable,
  type SendOptions,
  type SendResult,
} from './send.js';
import { afterNextPaint } from '../support/after-paint.js';

/** How one attempt ended, for the rest of its pass: did the endpoint answer at all? */
type AttemptEnd = 'answered' | 'no answer';

/** What an outbox sends every attempt with: its own lifetime is the attempts' signal. */
export type AttemptOptions = Omit<SendOptions, 'signal'>;

/** Where one queued response stands, as reported to {@link OutboxOptions.onState}. */
export type DeliveryState =
  /** In the store, not tried yet (or Try again was pressed). */
  | { state: 'queued' }
  /** An attempt is in flight. */
  | { state: 'sending' }
  /**
   * The endpoint has it (2xx, or 409 for one it already had); it has left the store. Status 0:
   * another tab or outbox on this device delivered it, and saw the endpoint's reply.
   */
  | { state: 'sent'; status: number }
  /**
   * Will be retried automatically in `retryInMs`. `status` 0 when no HTTP answer came from the
   * endpoint (network failure, timeout, CORS, a captive portal); `offline` only when the browser
   * itself says it is offline, so nobody online is told to wait for a connection. Status 0 is
   * also retried as
   * soon as the browser comes back online or the page becomes visible.
   */
  | { state: 'waiting'; status: number; retryInMs: number; offline: boolean }
  /**
   * The endpoint refused it (now or on an earlier visit); it stays in the store until the
   * respondent presses Try again. `message`: the endpoint's own sentence for the respondent (a
   * closed survey), when this visit's attempt brought one.
   */
  | { state: 'refused'; status: number; message?: string };

/** Options for {@link Outbox}. */
export interface OutboxOptions {
  /** The URL responses are POSTed to (relative URLs resolve against the page). */
  endpoint: string;
  /** Where queued responses wait (`openOutboxStore()`). */
  store: OutboxStore;
  /** Options for every attempt (timeout, credentials, extra headers); stop() aborts them. */
  send?: AttemptOptions;
  /** Called with each change of a response's delivery state. */
  onState?: (id: string, state: DeliveryState) => void;
  /** Random numbers in [0, 1) for the backoff's jitter; tests inject a fixed one. */
  random?: () => number;
  /**
   * Whether this outbox also delivers responses queued for another endpoint (absolute URL), to
   * that endpoint: the widget says yes for endpoints no element on the page names any more (the
   * Trust moved its receiver), so they are not stranded. Those are sent with no cookies and no
   * extra headers, since this page's are not theirs. Default: never.
   */
  adopt?: (endpoint: string) => boolean;
}

/** What {@link Outbox.submit} did: the response its draft is queued under, and where it stands. */
export interface Submission {
  /** The response queued for the draft: the one given, or an earlier submission's. */
  response: SurveyResponse;
  /** The draft had been submitted before (another tab, a restored page): nothing new was queued. */
  already: boolean;
  /** Where that response stands now. */
  state: DeliveryState;
}

/** What this visit knows about one undelivered response. */
interface Held {
  /**
   * The response as stored, once this page has queued or listed it: if the store loses it (site
   * data cleared, the browser evicting the origin, another script deleting the database), it is
   * written back rather than mistaken for delivered.
   */
  entry?: QueuedResponse;
  /** The state last reported to onState; none before the first. */
  state?: DeliveryState;
  /** Failed attempts so far, for the backoff. */
  failures: number;
  /**
   * When it may be tried again, on the page's monotonic clock (`performance.now()`), so a device
   * clock stepped backwards or forwards cannot stall or hurry a retry; 0 for now.
   */
  dueAt: number;
}

/**
 * Sends the responses in an {@link OutboxStore} that are queued for its endpoint (compared as
 * absolute URLs), whichever survey or visit queued them; those for other endpoints are left to
 * their own outboxes, unsent and unreported.
 *
 * A bare response stored by a build that did not record endpoints is adopted by the first outbox
 * whose flush lists it (under the outbox lock, so only one does): it is stored again with that
 * outbox's endpoint and sent there. Its answers are never dropped.
 */
export class Outbox {
  /** Absolute, as stored with each response this outbox queues. */
  readonly endpoint: string;
  readonly #adopt: (endpoint: string) => boolean;
  readonly #store: OutboxStore;
  readonly #sendOptions: AttemptOptions;
  readonly #onState: (id: string, state: DeliveryState) => void;
  readonly #random: () => number;
  /** Every undelivered response this page queued, listed or reported on. */
  readonly #held = new Map<string, Held>();
  /** Aborted by stop(): in-flight attempts and lock waits end, and their results are ignored. */
  #lifetime = new AbortController();
  #started = false;
  /** The retry timer (see #schedule), until it fires. */
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The flush under way, which later flush() calls join. */
  #running: Promise<void> | undefined;
  /** Something asked for a flush while one was under way: run another pass after it. */
  #rerun = false;

  /** @throws TypeError if `options.endpoint` is not a URL. */
  constructor(options: OutboxOptions) {
    // A configuration error, reported now rather than retried forever as a network failure.
    this.endpoint = absoluteEndpoint(options.endpoint);
    this.#adopt = options.adopt ?? (() => false);
    this.#store = options.store;
    this.#sendOptions = options.send ?? {};
    this.#onState = options.onState ?? (() => undefined);
    this.#random = options.random ?? Math.random;
  }

  /**
   * Submits the draft `draft` as `response`, atomically (see {@link OutboxStore.submit}): queues
   * it and removes the draft in one transaction, then starts sending. If that draft was already
   * submitted, nothing new is queued and the earlier submission is returned, with its state.
   * Rejects only if the response does not match the schema (storage failures fall back to memory).
   */
  async submit(response: SurveyResponse, draft: DraftRef): Promise<Submission> {
    const entry = { endpoint: this.endpoint, response };
    const done = await this.#store.submit(entry, draft);
    const { id } = done.response;
    if (!done.queued) {
      // Submitted and delivered before: by this page or another tab, which recorded it.
      return { response: done.response, already: true, state: { state: 'sent', status: 0 } };
    }
    // An earlier submission's copy comes from the store when a pass lists it.
    if (!done.already) this.#hold(id).entry = entry;
    const state = this.#held.get(id)?.state ?? this.#update(id, { state: 'queued' });
    this.#flushInBackground();
    return { response: done.response, already: done.already, state };
  }

  /**
   * Tries every response queued for this endpoint that is not waiting out a backoff or refused,
   * including those queued on earlier visits and by other tabs; one failing does not stop the
   * others. A refusal stored on an earlier visit is reported (once) without sending. Only one
   * tab flushes at a time: a second waits for the first, then sends whatever is still queued.
   * Resolves when the pass is over; a call during a flush joins it and adds another pass.
   */
  flush(): Promise<void> {
    if (this.#running) {
      this.#rerun = true;
      return this.#running;
    }
    const run = this.#drain().finally(() => {
      if (this.#running === run) this.#running = undefined;
    });
    this.#running = run;
    return run;
  }

  /**
   * Sends one response now, whatever its backoff: the respondent pressed Try again after a
   * refusal (which this clears from the store) or while it was waiting. Resolves when the
   * resulting flush is over.
   */
  async retry(id: string): Promise<void> {
    if (this.#held.has(id)) this.#update(id, { state: 'queued' });
    await this.#store.markRefused(id);
    return this.flush();
  }

  /**
   * Lets go of responses that "Clear my answers" removed from the device: they are neither
   * written back nor reported on again.
   */
  forget(ids: readonly string[]): void {
    for (const id of ids) this.#held.delete(id);
  }

  /**
   * Starts delivering: flushes now, on `online`, and when the page becomes visible, and keeps one
   * timer for the next retry that falls due. Calling it again while started does nothing.
   */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    window.addEventListener('online', this.#wake);
    document.addEventListener('visibilitychange', this.#onVisibilityChange);
    // Responses queued on an earlier visit go once the page is on screen: opening storage and
    // taking the lock cost a phone tens of milliseconds before the first paint.
    afterNextPaint(() => {
      if (this.#started) this.#flushInBackground();
    });
  }

  /**
   * Removes the listeners and the timer, and aborts attempts in flight (their results are
   * ignored; the responses stay queued). `submit`, `flush` and `retry` still work afterwards.
   */
  stop(): void {
    this.#started = false;
    window.removeEventListener('online', this.#wake);
    document.removeEventListener('visibilitychange', this.#onVisibilityChange);
    clearTimeout(this.#timer);
    // A pass someone asked for before stopping is part of the work being stopped.
    this.#rerun = false;
    this.#lifetime.abort();
    this.#lifetime = new AbortController();
  }

  /** The connection may be back: responses that could not reach the endpoint are due now. */
  readonly #wake = () => {
    for (const held of this.#held.values()) {
      if (held.state?.state === 'waiting' && held.state.status === 0) held.dueAt = 0;
    }
    this.#flushInBackground();
  };

  readonly #onVisibilityChange = () => {
    // Phones freeze background tabs; coming back is a good moment to try again.
    if (document.visibilityState === 'visible') this.#wake();
  };

  /** Passes under the lock until nobody asked for another, then sets the timer for the next retry. */
  async #drain(): Promise<void> {
    do {
      this.#rerun = false;
      const { signal } = this.#lifetime;
      await withOutboxLock(() => this.#pass(signal), signal);
    } while (this.#rerun);
    this.#schedule();
  }

  /** One pass over the store: every due response for this endpoint, oldest first, one at a time. */
  async #pass(signal: AbortSignal): Promise<void> {
    const listed = await this.#store.list();
    await this.#reconcile(listed);
    if (signal.aborted) return;
    const due: QueuedResponse[] = [];
    for (const entry of listed) {
      const { response, refusedStatus } = entry;
      if (!entry.endpoint) {
        // Queued by a build that stored no endpoint: ours now, since we hold the lock.
        entry.endpoint = this.endpoint;
        await this.#store.put(entry);
      }
      if (entry.endpoint !== this.endpoint && !this.#adopt(entry.endpoint)) {
        // Another outbox's to send and to report on.
        this.#held.delete(response.id);
        continue;
      }
      const held = this.#hold(response.id);
      held.entry = entry;
      if (refusedStatus === undefined) {
        if (held.dueAt <= performance.now()) due.push(entry);
      } else if (held.state?.state !== 'queued') {
        // Refused on an earlier visit (or earlier in this one): said once, not sent. While
        // `queued`, Try again is clearing the refusal and the next pass sends it.
        // A refusal reported earlier in this visit keeps the endpoint's sentence, if it had one.
        const message = held.state?.state === 'refused' ? held.state.message : undefined;
        const state: DeliveryState = message
          ? { state: 'refused', status: refusedStatus, message }
          : { state: 'refused', status: refusedStatus };
        this.#update(response.id, state, 0, 0);
      }
    }
    /** Endpoints that did not answer in this pass, and the waiting state their failure left. */
    const unreachable = new Map<string, Held>();
    for (const entry of due) {
      if (signal.aborted) return;
      const { id } = entry.response;
      const failed = unreachable.get(entry.endpoint);
      if (failed?.state) {
        // It would only wait out the same timeout: it waits with the one that failed instead.
        this.#update(id, failed.state, failed.dueAt);
      } else if ((await this.#attempt(entry, signal)) === 'no answer') {
        unreachable.set(entry.endpoint, this.#hold(id));
      }
    }
  }

  /**
   * One attempt at one response, and what its result means for the store and its state. Resolves
   * `'no answer'` when the endpoint could not be reached (the next responses in the same pass for
   * that endpoint would fail the same way), else `'answered'` (or the attempt was stopped).
   */
  async #attempt(entry: QueuedResponse, signal: AbortSignal): Promise<AttemptEnd> {
    const { id } = entry.response;
    const result = navigator.onLine === false ? unreachable() : await this.#send(entry, signal);
    // Stopped meanwhile: the result belongs to an attempt nobody is waiting for.
    if (signal.aborted) return 'answered';
    const failures = this.#hold(id).failures;
    switch (result.outcome) {
      case 'delivered':
        await this.#store.acknowledge(id, result.status);
        this.#held.delete(id);
        this.#onState(id, { state: 'sent', status: result.status });
        return 'answered';
      case 'retry': {
        const retryInMs = retryDelay(failures + 1, result.retryAfterMs, this.#random);
        const noAnswer = result.status === 0;
        // What the browser says now: a failure while it is online is the server's, not the
        // respondent's connection.
        const offline = noAnswer && navigator.onLine === false;
        this.#update(
          id,
          { state: 'waiting', status: result.status, retryInMs, offline },
          performance.now() + retryInMs,
          failures + 1,
        );
        return noAnswer ? 'no answer' : 'answered';
      }
      case 'refused':
        await this.#store.markRefused(id, result.status);
        this.#update(
          id,
          result.message
            ? { state: 'refused', status: result.status, message: result.message }
            : { state: 'refused', status: result.status },
        );
        return 'answered';
    }
  }

  async #send(entry: QueuedResponse, lifetime: AbortSignal): Promise<SendResult> {
    const { response } = entry;
    this.#update(response.id, { state: 'sending' });
    // Cookies and headers configured here are for this endpoint only.
    const options =
      entry.endpoint === this.endpoint
        ? this.#sendOptions
        : { timeoutMs: this.#sendOptions.timeoutMs };
    return sendResponse(entry.endpoint, response, { ...options, signal: lifetime });
  }

  /**
   * Responses this page holds that are missing from `listed`: those delivered (or cleared) by
   * another tab or outbox are let go, and "sent" is said (status 0, since the reply was seen
   * elsewhere) for those recorded as acknowledged; the rest were lost by the store and are
   * written back, and added to `listed`. A response leaves the store only once an endpoint has
   * it, or by Clear.
   */
  async #reconcile(listed: QueuedResponse[]): Promise<void> {
    const present = new Set(listed.map(({ response }) => response.id));
    for (const [id, { entry, state }] of this.#held) {
      if (present.has(id)) continue;
      const settled = await this.#store.settled(id);
      if (settled || !entry) {
        this.#held.delete(id);
        if (settled === 'sent' && state && state.state !== 'sent') {
          this.#onState(id, { state: 'sent', status: 0 });
        }
      } else {
        console.warn(`values-survey: response ${id} vanished from storage unsent; written back.`);
        await this.#store.put(entry);
        listed.push(entry);
      }
    }
  }

  /** What this visit knows about `id`, held from now on. */
  #hold(id: string): Held {
    let held = this.#held.get(id);
    if (!held) this.#held.set(id, (held = { failures: 0, dueAt: 0 }));
    return held;
  }

  /**
   * Gives `id` the state `state`, due at `dueAt` after `failures` failed attempts (by default the
   * failures so far), telling onState when the state itself changed. Returns `state`.
   */
  #update(
    id: string,
    state: DeliveryState,
    dueAt = 0,
    failures = this.#hold(id).failures,
  ): DeliveryState {
    const held = this.#hold(id);
    const before = held.state;
    Object.assign(held, { state, dueAt, failures });
    if (!before || !sameState(before, state)) this.#onState(id, state);
    return state;
  }

  /** One timer, for the earliest retry that falls due; none when stopped or nothing waits. */
  #schedule(): void {
    clearTimeout(this.#timer);
    if (!this.#started) return;
    let next = Number.POSITIVE_INFINITY;
    for (const { state, dueAt } of this.#held.values()) {
      if (state?.state === 'waiting') next = Math.min(next, dueAt);
    }
    if (next === Number.POSITIVE_INFINITY) return;
    // Never sooner than the backoff's minimum, whatever the clock did meanwhile: no tight loops.
    const delay = Math.max(MIN_DELAY_MS, next - performance.now());
    this.#timer = setTimeout(() => {
      // Forgotten once fired: a page may reuse the id of a timer that has run.
      this.#timer = undefined;
      this.#flushInBackground();
    }, delay);
  }

  /**
   * A flush nobody awaits (start, events, timers): it only fails on a bug, since send and the
   * store turn every expected failure into a result; reported rather than left unhandled.
   */
  #flushInBackground(): void {
    this.flush().catch(reportFault);
  }
}

function sameState(a: DeliveryState, b: DeliveryState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
