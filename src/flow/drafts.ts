/**
 * Keeps the respondent's answers on the device while they work: one DraftStore per survey
 * version, saved on every change, flushed when the page is hidden, and shared with other tabs.
 * The element only says what changed; storage details stay in src/storage/.
 *
 * A change is handed to the store after the next paint, not in the click or key press that
 * made it: checking and serialising a draft (and, the first time, building its schema) would
 * otherwise delay the frame that shows the respondent their choice. Changes made within one
 * frame coalesce into one save of the latest; hiding the page, closing it, moving the element
 * or switching survey hands the latest over at once, and so does a clear, which supersedes it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DraftStore, type Draft, type DraftNotice } from '../storage/drafts.js';
import type { Answers } from '../response/schema.js';
import { reportFault } from './fault.js';
import { afterNextPaint } from './after-paint.js';

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
  readonly #callbacks: DraftCallbacks;
  /** The latest change not yet handed to the store, and how to hand it over now. */
  #pending: { draft: Draft; saveNow: () => void } | undefined;

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
    this.#survey = { id: surveyId, version, maxAgeDays };
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

  /** Saves the latest state after the next paint (see above); writes coalesce. */
  save(snapshot: DraftSnapshot) {
    if (!this.#survey) return;
    const draft: Draft = {
      surveyId: this.#survey.id,
      surveyVersion: this.#survey.version,
      ...snapshot,
      updatedAt: new Date().toISOString(),
      writer: 0, // stamped by the store
    };
    if (this.#pending) this.#pending.draft = draft;
    else this.#pending = { draft, saveNow: afterNextPaint(() => this.#savePending()) };
  }

  /** Removes everything this survey stored on the device. */
  clear(): Promise<void> {
    // The store orders the clear after every change it was given, and so after the draft it may
    // be reading meanwhile: hand over the waiting change first (the clear then supersedes it).
    this.#pending?.saveNow();
    // After a move the store was let go: reconnect, or the draft would outlive "Clear".
    return this.#survey ? this.#connect().clear() : Promise.resolve();
  }

  get mode(): 'idb' | 'memory' {
    return this.#store?.mode ?? 'idb';
  }

  hostConnected() {
    document.addEventListener('visibilitychange', this.#onVisibilityChange);
    window.addEventListener('pagehide', this.#flush);
  }

  hostDisconnected() {
    document.removeEventListener('visibilitychange', this.#onVisibilityChange);
    window.removeEventListener('pagehide', this.#flush);
    this.#close();
  }

  /** Writes what is pending, then lets go of the channel and the connection. */
  #close() {
    this.#pending?.saveNow();
    this.#unsubscribe.forEach((off) => off());
    this.#unsubscribe = [];
    const store = this.#store;
    this.#store = undefined;
    store
      ?.flush()
      .then(() => store.dispose())
      .catch(reportFault);
  }

  /** The store for the current survey, created again after the element is moved or re-added. */
  #connect(): DraftStore {
    if (!this.#store) {
      const { id, version, maxAgeDays } = this.#survey ?? { id: '', version: '', maxAgeDays: 0 };
      this.#store = new DraftStore({ surveyId: id, surveyVersion: version, maxAgeDays });
      this.#unsubscribe = [
        this.#store.onRemoteChange((draft) => this.#callbacks.onRemoteChange(draft)),
        this.#store.onNotice((notice) => this.#callbacks.onNotice(notice)),
      ];
    }
    return this.#store;
  }

  /** Hands the waiting change, if any, to its survey's store. */
  #savePending() {
    const pending = this.#pending;
    this.#pending = undefined;
    if (!pending || !this.#survey) return;
    try {
      this.#connect().save(pending.draft);
    } catch (error) {
      // The store refuses only a draft this code built wrongly (a bug): say so, loudly.
      reportFault(error);
    }
  }

  readonly #flush = () => {
    this.#pending?.saveNow();
    this.#store?.flush().catch(reportFault);
  };

  readonly #onVisibilityChange = () => {
    if (document.visibilityState === 'hidden') this.#flush();
  };
}
