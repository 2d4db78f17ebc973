/**
 * Keeps the respondent's answers on the device while they work: one DraftStore per survey
 * version, saved on every change, flushed when the page is hidden, and shared with other tabs.
 * The element only says what changed; storage details stay in src/storage/. Saves wait for the
 * next paint (see `DraftStore.saveSoon`), so a click is never slowed by them.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DraftStore, type Draft, type DraftNotice } from '../storage/drafts.js';
import type { ChangeOrder } from '../storage/draft-record.js';
import type { Answers } from '../response/schema.js';
import { reportFault } from '../support/fault.js';
import { afterNextPaint } from '../support/after-paint.js';

/**
 * How long storage may take to return the saved draft before the survey gives up on it and says
 * answers may not be kept. The survey is shown and usable meanwhile: nothing waits for this.
 */
const DRAFT_LOAD_TIMEOUT_MS = 4000;

export interface DraftSnapshot {
  answers: Answers;
  step: string;
  startedAt: string;
}

export interface DraftCallbacks {
  /** Another tab saved (or cleared: `undefined`) this survey's answers. */
  onRemoteChange(draft: Draft | undefined): void;
  /** Something the respondent should be told. */
  onNotice(notice: DraftNotice): void;
}

export class DraftController implements ReactiveController {
  #store: DraftStore | undefined;
  #survey: { id: string; version: string; maxAgeDays: number } | undefined;
  #unsubscribe: (() => void)[] = [];
  /** The last store's latest change, for the store made when the element is added back. */
  #carried: ChangeOrder | undefined;
  #connected = false;
  readonly #callbacks: DraftCallbacks;

  constructor(host: ReactiveControllerHost, callbacks: DraftCallbacks) {
    this.#callbacks = callbacks;
    host.addController(this);
  }

  /**
   * Switches to a survey version and reads its saved draft, if any. Never rejects, and never
   * waits forever on storage that does not answer (some browsers' IndexedDB can hang on open):
   * after a few seconds it resolves without the draft and says answers may not be kept.
   */
  async open(
    surveyId: string,
    version: string,
    maxAgeDays: number,
  ): Promise<{ draft?: Draft; notices: DraftNotice[] }> {
    this.#close();
    this.#carried = undefined; // the new store reads the order of what is stored
    const survey = { id: surveyId, version, maxAgeDays };
    this.#survey = survey;
    // Read once the survey is on screen: opening IndexedDB and the channel between tabs costs a
    // phone tens of milliseconds before the first paint. A save meanwhile opens the store itself.
    await new Promise<void>((resolve) => afterNextPaint(resolve));
    // Another survey since, or the element left the page (the session reads again on its return).
    if (this.#survey !== survey || !this.#connected) return { notices: [] };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const gaveUp = new Promise<{ notices: DraftNotice[] }>((resolve) => {
      timer = setTimeout(() => resolve({ notices: ['unavailable'] }), DRAFT_LOAD_TIMEOUT_MS);
    });
    try {
      return await Promise.race([this.#connect().load(), gaveUp]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Saves the latest state after the next paint; writes are coalesced by the store. */
  save(snapshot: DraftSnapshot) {
    if (!this.#survey) return;
    this.#connect().saveSoon({
      surveyId: this.#survey.id,
      surveyVersion: this.#survey.version,
      ...snapshot,
      updatedAt: new Date().toISOString(),
      writer: 0, // stamped by the store
    });
  }

  /** Removes everything this survey stored on the device. */
  clear(): Promise<void> {
    // After a move the store was let go: reconnect, or the draft would outlive "Clear".
    return this.#survey ? this.#connect().clear() : Promise.resolve();
  }

  hostConnected() {
    this.#connected = true;
    document.addEventListener('visibilitychange', this.#onVisibilityChange);
    window.addEventListener('pagehide', this.#flush);
  }

  hostDisconnected() {
    this.#connected = false;
    document.removeEventListener('visibilitychange', this.#onVisibilityChange);
    window.removeEventListener('pagehide', this.#flush);
    this.#close();
  }

  /** Writes what is pending, then lets go of the channel and the connection. */
  #close() {
    this.#unsubscribe.forEach((off) => off());
    this.#unsubscribe = [];
    const store = this.#store;
    this.#store = undefined;
    this.#carried = store?.latestChange ?? this.#carried;
    store
      ?.flush()
      .then(() => store.dispose())
      .catch(reportFault);
  }

  /** The store for the current survey, created again after the element is moved or re-added. */
  #connect(): DraftStore {
    if (!this.#store) {
      const { id, version, maxAgeDays } = this.#survey ?? { id: '', version: '', maxAgeDays: 0 };
      this.#store = new DraftStore({
        surveyId: id,
        surveyVersion: version,
        maxAgeDays,
        after: this.#carried,
      });
      this.#unsubscribe = [
        this.#store.onRemoteChange((draft) => this.#callbacks.onRemoteChange(draft)),
        this.#store.onNotice((notice) => this.#callbacks.onNotice(notice)),
      ];
    }
    return this.#store;
  }

  readonly #flush = () => {
    this.#store?.flush().catch(reportFault);
  };

  readonly #onVisibilityChange = () => {
    if (document.visibilityState === 'hidden') this.#flush();
  };
}
