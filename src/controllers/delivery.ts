/**
 * Runs delivery for as long as the element is on the page. Elements that send to the same
 * endpoint with the same options share one outbox, so each hears about every response that
 * outbox delivers, including one another element's outbox happened to send first.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { openOutboxStore } from '../storage/outbox-store.js';
import type { SurveyResponse } from '../response/schema.js';
import type { DraftRef, LastSubmitted } from '../storage/outbox-store.js';
import {
  Outbox,
  type AttemptOptions,
  type DeliveryState,
  type Submission,
} from '../delivery/outbox.js';

export interface DeliverySettings {
  endpoint: string;
  send: AttemptOptions;
}

type Listener = (id: string, state: DeliveryState) => void;

interface SharedOutbox {
  outbox: Outbox;
  listeners: Set<Listener>;
  /** Elements on the page using it; it runs while any of them is connected. */
  running: number;
}

/** One outbox per endpoint and options on this page. */
const outboxes = new Map<string, SharedOutbox>();

/** Responses submitted on this page load, by any element (the rest are from earlier visits). */
const submittedOnThisPage = new Set<string>();

function acquire(key: string, settings: DeliverySettings): SharedOutbox {
  let shared = outboxes.get(key);
  if (!shared) {
    const listeners = new Set<Listener>();
    shared = {
      listeners,
      running: 0,
      outbox: new Outbox({
        endpoint: settings.endpoint,
        store: openOutboxStore(),
        send: settings.send,
        adopt: unclaimed,
        onState: (id, state) => listeners.forEach((listener) => listener(id, state)),
      }),
    };
    outboxes.set(key, shared);
  }
  return shared;
}

/**
 * Whether no running outbox on this page sends to `endpoint`: responses queued for it (on an earlier
 * visit, before the Trust moved its receiver) are then delivered by the outboxes that run.
 */
function unclaimed(endpoint: string): boolean {
  for (const { outbox, running } of outboxes.values()) {
    if (running > 0 && outbox.endpoint === endpoint) return false;
  }
  return true;
}

export class DeliveryController implements ReactiveController {
  #shared: SharedOutbox | undefined;
  #key = '';
  #connected = false;
  #running = false;
  readonly #onState: Listener;

  constructor(host: ReactiveControllerHost, onState: Listener) {
    this.#onState = onState;
    host.addController(this);
  }

  /** Points delivery at `settings` (or nowhere: a preview), keeping the outbox if unchanged. */
  configure(settings: DeliverySettings | undefined) {
    const key = JSON.stringify(settings ?? null);
    if (key === this.#key) return;
    this.#release();
    this.#key = key;
    if (settings) {
      this.#shared = acquire(key, settings);
      this.#shared.listeners.add(this.#onState);
      if (this.#connected) this.#run();
    }
  }

  /**
   * Submits: queues `response` and removes the draft it was built from in one atomic step, then
   * sends it. A second Submit of
   * the same draft (another tab, a restored page, a double press) resolves with the response
   * already queued for it and its state, never a new id. Rejects if the response is invalid or
   * there is no endpoint; storage failures fall back to memory (see {@link inMemoryOnly}).
   */
  async submit(response: SurveyResponse, draft: DraftRef): Promise<Submission> {
    if (!this.#shared) throw new Error('values-survey: no endpoint to send to');
    submittedOnThisPage.add(response.id);
    const submission = await this.#shared.outbox.submit(response, draft);
    submittedOnThisPage.add(submission.response.id);
    return submission;
  }

  /**
   * Every response on this device that has not been delivered (queued, waiting or refused, for
   * any survey and endpoint): what "Clear my answers" would also remove, so the confirmation can
   * say so and offer to download them first.
   */
  async undelivered(): Promise<SurveyResponse[]> {
    return (await openOutboxStore().list()).map(({ response }) => response);
  }

  /**
   * "Clear my answers": removes everything the widget stored on this device (every survey's
   * drafts and every undelivered response; see `OutboxStore.clearAll`), and every outbox on
   * this page lets go of the responses it held. Call it after the survey's own
   * `DraftStore.clear()`, which tells other tabs showing that survey.
   */
  async clearDevice(): Promise<void> {
    const ids = await openOutboxStore().clearAll();
    for (const { outbox } of outboxes.values()) outbox.forget(ids);
  }

  /** The response last submitted on this device for `surveyId`, and where it stands. */
  lastSubmitted(surveyId: string): Promise<LastSubmitted | undefined> {
    return openOutboxStore().lastSubmitted(surveyId);
  }

  /** Whether a response was submitted on this page load (rather than an earlier visit). */
  submittedHere(id: string): boolean {
    return submittedOnThisPage.has(id);
  }

  /** The respondent pressed Try again. */
  retry(id: string): Promise<void> {
    return this.#shared?.outbox.retry(id) ?? Promise.resolve();
  }

  /** Whether the outbox could only keep responses in memory (lost if the page closes). */
  get inMemoryOnly(): boolean {
    return openOutboxStore().mode === 'memory';
  }

  hostConnected() {
    this.#connected = true;
    this.#run();
  }

  hostDisconnected() {
    this.#connected = false;
    this.#pause();
  }

  #run() {
    if (!this.#shared || this.#running) return;
    this.#running = true;
    this.#shared.running += 1;
    this.#shared.outbox.start();
  }

  #pause() {
    if (!this.#shared || !this.#running) return;
    this.#running = false;
    this.#shared.running -= 1;
    if (this.#shared.running === 0) this.#shared.outbox.stop();
  }

  #release() {
    this.#pause();
    this.#shared?.listeners.delete(this.#onState);
    this.#shared = undefined;
  }
}
