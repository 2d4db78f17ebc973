/**
 * Drafts: a respondent's unfinished answers, saved on the device on every change so that a
 * reload, a crash or a lost connection never loses them. One record per survey version.
 *
 * Storage is never trusted: every record read back is validated, and anything unusable is
 * discarded with a notice rather than mixed in. When IndexedDB fails, the store carries on in
 * memory for the rest of the visit and says so.
 */
import {
  draftChannelName,
  openDraftChannel,
  type DraftChannel,
  type DraftMessage,
} from './draft-channel.js';
import {
  changedAt,
  compareChanges,
  DRAFT_FORMAT,
  DRAFT_MAX_BYTES,
  orderOf,
  type ChangeOrder,
  DRAFT_PREFIX,
  draftKey,
  draftSchema,
  readStoredDraft,
  surveyDraftPrefix,
  type Draft,
} from './draft-record.js';
import { fallbackStore, type FallbackStore } from './fallback.js';
import { openIdbStore } from './idb.js';
import { submittedKey } from './outbox-store.js';
import { afterNextPaint } from '../support/after-paint.js';
import { serialQueue } from '../support/serial.js';
import { reportFault } from '../support/fault.js';

export { DRAFT_FORMAT, DRAFT_MAX_BYTES, type Draft };

/**
 * What the respondent may need to be told, as a code the element maps to a string:
 * - `discarded-corrupt`, `discarded-old-version`, `discarded-newer-format`: a saved draft could
 *   not be used and was removed (`draftDiscarded`).
 * - `expired`: the saved draft was older than `maxAgeDays` and was removed.
 * - `unavailable`: answers are kept in memory only and are lost when the page closes
 *   (`storageUnavailable`).
 * - `updated-elsewhere`: another tab changed or cleared this draft (`draftUpdatedElsewhere`).
 * - `too-large`: the answers are bigger than {@link DRAFT_MAX_BYTES}, so the latest changes
 *   are not saved on the device (`draftTooLarge`).
 */
export type DraftNotice =
  | 'discarded-corrupt'
  | 'discarded-old-version'
  | 'discarded-newer-format'
  | 'expired'
  | 'unavailable'
  | 'updated-elsewhere'
  | 'too-large';

export interface DraftStoreOptions {
  surveyId: string;
  surveyVersion: string;
  /** Drafts not changed for longer than this are removed when a survey loads. Default 30. */
  maxAgeDays?: number;
  /** The clock, in milliseconds since the epoch; tests control it. Default `Date.now`. */
  now?: () => number;
  /**
   * The latest change an earlier store for this survey version on this page knew of (see
   * {@link DraftStore.latestChange}): this store's changes come after it. A store that has not
   * {@link DraftStore.load loaded} would otherwise number its changes from zero, and storage would
   * refuse them as older than the draft already written.
   */
  after?: ChangeOrder;
}

const DAY_MS = 24 * 60 * 60 * 1000;

type Listener<T> = (value: T) => void;

/** Saves, restores and clears one survey version's draft on this device. */
export class DraftStore {
  readonly #surveyId: string;
  readonly #surveyVersion: string;
  readonly #key: string;
  readonly #maxAgeMs: number;
  readonly #now: () => number;
  readonly #store: FallbackStore;
  readonly #channel: DraftChannel;
  readonly #remoteListeners = new Set<Listener<Draft | undefined>>();
  readonly #noticeListeners = new Set<Listener<DraftNotice>>();
  /** While {@link load} runs, the notices it will return. */
  #loading: Set<DraftNotice> | undefined;
  /** The latest change, in its place among changes but not yet checked (see saveSoon). */
  #unchecked: Draft | undefined;
  /** Checks {@link #unchecked} at once, while a check waits for the next paint. */
  #checkNow: (() => void) | undefined;
  /**
   * The newest draft not yet handed to storage, with a write queued for it; saves made while one
   * is in flight coalesce.
   */
  #pending: Draft | undefined;
  /** The last save was too large to keep, and the respondent was told. */
  #tooLarge = false;
  /** Writes and clears run one at a time, in order. */
  readonly #inTurn = serialQueue();
  /** The latest change known here (ours or another tab's). */
  #latest: ChangeOrder = { revision: 0, time: -Infinity };
  /** This tab's last clear, while that is still its latest change. */
  #cleared: ChangeOrder | undefined;

  constructor(options: DraftStoreOptions) {
    this.#surveyId = options.surveyId;
    this.#surveyVersion = options.surveyVersion;
    this.#key = draftKey(options.surveyId, options.surveyVersion);
    this.#maxAgeMs = (options.maxAgeDays ?? 30) * DAY_MS;
    this.#now = options.now ?? (() => Date.now());
    if (options.after) this.#latest = options.after;
    this.#store = fallbackStore(openIdbStore(), `answers to ${options.surveyId}`, () => {
      if (this.#loading) this.#loading.add('unavailable');
      else this.#emit('unavailable');
    });
    this.#channel = openDraftChannel(
      draftChannelName(options.surveyId, options.surveyVersion),
      (message) => this.#receive(message),
    );
  }

  /** The latest change known here, ours or another tab's (see {@link DraftStoreOptions.after}). */
  get latestChange(): ChangeOrder {
    return this.#latest;
  }

  /** `'idb'` normally; `'memory'` once IndexedDB has failed during this visit. */
  get mode(): 'idb' | 'memory' {
    return this.#store.mode;
  }

  /**
   * Reads this survey version's draft. Corrupt records, drafts of other versions of this survey
   * and records from a newer widget are removed with a console warning and a notice; this
   * survey's draft older than `maxAgeDays` is removed with the `expired` notice.
   * Never rejects because of storage.
   */
  async load(): Promise<{ draft?: Draft; notices: DraftNotice[] }> {
    const notices = new Set<DraftNotice>();
    const surveyPrefix = surveyDraftPrefix(this.#surveyId);
    /** What was removed, and why: said once the transaction has committed. */
    let discarded: [string, keyof typeof DISCARDED][] = [];
    let draft: Draft | undefined;
    this.#loading = notices;
    try {
      // One transaction: another tab cannot save a fresh draft between our read and our removal.
      draft = await this.#store.transact('readwrite', async (tx) => {
        discarded = [];
        let found: Draft | undefined;
        for (const [key, value] of await tx.entries(DRAFT_PREFIX)) {
          let reason: keyof typeof DISCARDED | undefined;
          if (key === this.#key) {
            const stored = readStoredDraft(value, this.#surveyId, this.#surveyVersion);
            if (!stored.usable) reason = stored.why;
            else if (this.#isExpired(value)) reason = 'expired';
            else found = stored.draft;
          } else if (key.startsWith(surveyPrefix)) {
            reason = 'other-version';
          }
          // Another survey's draft, however old, is left for that survey to judge when it
          // loads, so its respondent is told if it has expired: drafts are never removed silently.
          if (reason) {
            tx.delete(key);
            discarded.push([key, reason]);
          }
        }
        return found;
      });
    } finally {
      this.#loading = undefined;
    }
    for (const [key, reason] of discarded) {
      const [notice, why] = DISCARDED[reason];
      notices.add(notice);
      if (why) console.warn(`values-survey: discarded the saved draft ${key} because ${why}.`);
    }

    if (this.#store.mode === 'idb') {
      // An earlier element for this survey on this page may have fallen back to memory after a
      // failed write; what it kept there is newer than the disk's copy.
      const kept = readStoredDraft(
        await this.#store.memory.transact('readonly', (tx) => tx.get(this.#key)),
        this.#surveyId,
        this.#surveyVersion,
      );
      if (kept.usable && (!draft || compareChanges(order(kept.draft), order(draft)) > 0)) {
        draft = kept.draft;
      }
    }

    if (draft) this.#see(order(draft));
    return draft
      ? { draft: withoutRevision(draft), notices: [...notices] }
      : { notices: [...notices] };
  }

  /**
   * Saves `draft` (stamped with this widget's {@link DRAFT_FORMAT}), whatever the length of its
   * text answers; one past {@link DRAFT_MAX_BYTES} is not saved (`too-large` notice). Call it on every change:
   * at most one write is in flight, and the latest draft always wins. Storage failures fall
   * back to memory and are reported as `'unavailable'` through {@link onNotice}.
   * Throws a TypeError for a draft that is invalid or belongs to another survey (a bug).
   */
  save(draft: Draft): void {
    this.#place(draft);
    this.#check();
  }

  /**
   * {@link save}, for the respondent's input path: the change takes its place among this tab's
   * and other tabs' changes at once, and is checked and handed to storage after the next paint
   * (checking a draft, and the first time building its schema, would delay the frame that shows
   * the change). Changes made before then coalesce; {@link flush} and {@link dispose} check at
   * once; a clear or a later change from another tab drops it, as it would a write not yet made.
   * An invalid draft is reported on the console then (a bug), not thrown.
   */
  saveSoon(draft: Draft): void {
    this.#place(draft);
    this.#checkNow ??= afterNextPaint(() => {
      this.#checkNow = undefined;
      try {
        this.#check();
      } catch (error) {
        reportFault(error);
      }
    });
  }

  /** Resolves once every save and clear made so far has reached storage. */
  flush(): Promise<void> {
    this.#checkNow?.();
    return this.#inTurn(() => undefined);
  }

  /**
   * Removes everything this survey stored on the device: its draft for every version, from
   * IndexedDB (even after falling back to memory, for shared computers) and from memory, and
   * tells other tabs. Deletion does not depend on clocks, so it cannot be defeated by one that
   * moved; another tab whose own change is later than the clear keeps its answers on screen,
   * and they are stored again with its next change.
   */
  async clear(): Promise<void> {
    const at = this.#now();
    const change = { revision: this.#latest.revision + 1, time: at };
    this.#supersede(change, change);
    await this.#inTurn(async () => {
      await this.#removeEverything();
      this.#channel.post({ kind: 'cleared', at, revision: change.revision });
    });
  }

  /**
   * Calls `listener` when another tab (or another element on this page) saves or clears this
   * survey version's draft later than the latest change known here; `undefined` means cleared.
   * Returns a function that removes the listener.
   */
  onRemoteChange(listener: (draft: Draft | undefined) => void): () => void {
    this.#remoteListeners.add(listener);
    return () => this.#remoteListeners.delete(listener);
  }

  /** Calls `listener` with notices that arise after {@link load}. Returns a remover. */
  onNotice(listener: (notice: DraftNotice) => void): () => void {
    this.#noticeListeners.add(listener);
    return () => this.#noticeListeners.delete(listener);
  }

  /** Stops listening to other tabs and, once pending writes finish, closes the connection. */
  dispose(): void {
    this.#checkNow?.();
    this.#channel.close();
    this.#remoteListeners.clear();
    this.#noticeListeners.clear();
    void this.#inTurn(() => this.#store.close());
  }

  /** Gives `draft` the next revision after every change known here, whatever the clock says. */
  #place(draft: Draft): void {
    const placed = { ...draft, revision: this.#latest.revision + 1 };
    this.#unchecked = placed;
    this.#latest = order(placed);
    this.#cleared = undefined;
  }

  /** Hands the latest change to storage, unless it is invalid (throws) or too large to keep. */
  #check(): void {
    const draft = this.#unchecked;
    this.#unchecked = undefined;
    if (!draft) return;
    const record = this.#validate(draft);
    if (new TextEncoder().encode(JSON.stringify(record)).byteLength > DRAFT_MAX_BYTES) {
      // Keep the last draft that fitted, and say once that later changes are not kept.
      if (!this.#tooLarge) this.#emit('too-large');
      this.#tooLarge = true;
      return;
    }
    this.#tooLarge = false;
    const queued = this.#pending;
    this.#pending = record;
    if (!queued) void this.#inTurn(() => this.#writePending());
  }

  #validate(draft: Draft): Draft {
    const parsed = draftSchema.safeParse({ ...draft, writer: DRAFT_FORMAT });
    // zod's message lists each issue with its path.
    if (!parsed.success)
      throw new TypeError(`DraftStore.save: not a valid draft: ${parsed.error.message}`);
    const { surveyId, surveyVersion } = parsed.data;
    if (surveyId !== this.#surveyId || surveyVersion !== this.#surveyVersion) {
      throw new TypeError(
        `DraftStore.save: a draft of another survey (${surveyId} version ${surveyVersion}).`,
      );
    }
    return parsed.data;
  }

  async #writePending(): Promise<void> {
    const draft = this.#pending;
    this.#pending = undefined;
    if (!draft) return;
    const mine = order(draft);
    let written = false;
    const submitted = submittedKey(draft);
    await this.#store.transact('readwrite', async (tx) => {
      // Submitted meanwhile (here or in another tab): the answers are in the outbox, and a
      // draft brought back would offer them for a second submission under another id.
      if ((await tx.get(submitted)) !== undefined) return;
      // Another tab saved a later change while ours waited: keep theirs. (A record this store
      // wrote itself is always older than its next change: revisions here only go up.)
      const stored = orderOf(await tx.get(this.#key));
      written = stored === undefined || compareChanges(stored, mine) <= 0;
      if (written) tx.put(this.#key, draft);
    });
    if (!written) return;
    this.#channel.post({ kind: 'saved', draft });
  }

  /**
   * Deletes every version of this survey's draft; with `changedBy`, only records not changed
   * after that change.
   */
  #removeEverything(changedBy?: ChangeOrder): Promise<void> {
    const prefix = surveyDraftPrefix(this.#surveyId);
    return this.#store.everywhere(async (tx) => {
      for (const [key, value] of await tx.entries(prefix)) {
        if (changedBy === undefined || compareChanges(orderOf(value) ?? NEVER, changedBy) <= 0) {
          tx.delete(key);
        }
      }
    });
  }

  #receive(message: DraftMessage): void {
    const draft = message.kind === 'saved' ? message.draft : undefined;
    if (
      draft &&
      (draft.surveyId !== this.#surveyId || draft.surveyVersion !== this.#surveyVersion)
    ) {
      return;
    }
    const change =
      message.kind === 'saved'
        ? order(message.draft)
        : { revision: message.revision ?? 0, time: message.at };
    if (compareChanges(change, this.#latest) > 0) {
      this.#supersede(change);
      const remote = draft && withoutRevision(draft);
      for (const listener of this.#remoteListeners) listener(remote);
      this.#emit('updated-elsewhere');
    } else if (draft && this.#cleared !== undefined && compareChanges(change, this.#cleared) <= 0) {
      // That tab's write may have landed after our clear and brought the draft back.
      const cleared = this.#cleared;
      void this.#inTurn(() => this.#removeEverything(cleared));
    }
  }

  /**
   * `change` (a clear here, or another tab's change) is now the latest: anything older waiting
   * here is stale. `cleared` is this tab's clear, if that is the change.
   */
  #supersede(change: ChangeOrder, cleared?: ChangeOrder): void {
    this.#latest = change;
    this.#unchecked = undefined;
    this.#pending = undefined;
    this.#cleared = cleared;
  }

  /** A change read from storage: later changes made here must count from it. */
  #see(change: ChangeOrder): void {
    if (compareChanges(change, this.#latest) > 0) this.#latest = change;
  }

  #isExpired(value: unknown): boolean {
    const time = changedAt(value);
    return time !== undefined && this.#now() - time > this.#maxAgeMs;
  }

  #emit(notice: DraftNotice): void {
    for (const listener of this.#noticeListeners) listener(notice);
  }
}

const order = (draft: Draft): ChangeOrder => ({
  revision: draft.revision ?? 0,
  time: Date.parse(draft.updatedAt),
});

/** Before any change: what a record with no readable order counts as. */
const NEVER: ChangeOrder = { revision: -1, time: -Infinity };

/** The revision is the store's bookkeeping; callers see the draft as they gave it. */
function withoutRevision(draft: Draft): Draft {
  const rest = { ...draft };
  delete rest.revision;
  return rest;
}

/**
 * Why a stored draft was removed at load: the notice, and what the console says (nothing for an
 * expired draft, which is expected).
 */
const DISCARDED = {
  corrupt: ['discarded-corrupt', 'it is corrupt'],
  'older-format': ['discarded-old-version', 'it was written by an older version of the widget'],
  'newer-format': ['discarded-newer-format', 'it was written by a newer version of the widget'],
  'other-version': ['discarded-old-version', 'it was saved for another version of the survey'],
  expired: ['expired'],
} as const satisfies Record<string, readonly [DraftNotice, string?]>;
