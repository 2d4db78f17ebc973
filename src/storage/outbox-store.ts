/**
 * The outbox: completed responses waiting for an endpoint to accept them. One outbox per origin,
 * shared by every survey on it, keyed by response id, so a response queued on an earlier visit
 * (or by another survey) is still sent, and re-queuing the same response replaces it. Each record
 * says where its response goes, so two surveys with different endpoints never send each other's.
 */
import * as z from 'zod/mini';
import { lazy } from '../response/lazy.js';
import { responseSchema, type SurveyResponse } from '../response/schema.js';
import { DRAFT_PREFIX, draftKey, versionPath } from './draft-record.js';
import { StorageUnavailableError } from './errors.js';
import { fallbackStore } from './fallback.js';
import { openIdbStore } from './idb.js';
import { fieldOf } from './kv.js';

export { StorageUnavailableError };

const PREFIX = 'outbox:';

// Built on first use, like every schema (see lazy.ts).
const queuedSchema = lazy(() =>
  z.strictObject({
    endpoint: z.string().check(z.minLength(1)),
    response: responseSchema,
    refusedStatus: z.optional(z.int()),
  }),
);

/** One queued response and where it goes. */
export interface QueuedResponse {
  /**
   * The absolute URL (resolved against `document.baseURI`) the response is POSTed to. `''` only
   * in what {@link OutboxStore.list} returns for a record from a build that stored bare responses:
   * the first outbox runner that lists it adopts it for its own endpoint.
   */
  endpoint: string;
  response: SurveyResponse;
  /** The endpoint refused it (another 4xx) with this status: it waits for Try again. */
  refusedStatus?: number | undefined;
}

const SUBMITTED_PREFIX = 'submitted:';
const SETTLED_PREFIX = 'settled:';
/** `last:<surveyId>`: the response this device last submitted for a survey (issue 23). */
const LAST_PREFIX = 'last:';

/**
 * The response this device last submitted for a survey, and where it stands, so someone who
 * comes back after Submit is told: `queued` (waiting to be sent), `refused` (waiting for Try
 * again) or `sent` (the endpoint acknowledged it).
 */
export interface LastSubmitted {
  id: string;
  /** When the respondent completed it, as the device recorded it (ISO 8601). */
  completedAt: string;
  where: 'queued' | 'refused' | 'sent';
}

/**
 * How a response left the outbox: its marker (`{ how, status? }`, by id only, no answers) lets
 * every tab tell a response that was delivered or cleared from one the store lost.
 */
export type Settled = 'sent' | 'cleared';

/** The key of the marker saying how response `id` left the outbox. */
export function settledKey(id: string): string {
  return `${SETTLED_PREFIX}${id}`;
}

/** Reads a submit marker: the id its draft went under (a hand check: zod is not needed here). */
function submittedId(value: unknown): string | undefined {
  const id = fieldOf(value, 'id');
  return typeof id === 'string' && id ? id : undefined;
}

/**
 * The draft a response was built from: a survey version's draft, told apart from a later one of
 * the same survey by when the respondent started it (its `startedAt`, kept in the draft and
 * shared with other tabs).
 */
export interface DraftRef {
  surveyId: string;
  surveyVersion: string;
  startedAt: string;
}

/** What {@link OutboxStore.submit} did. */
export interface Submitted {
  /**
   * The response that is (or was) queued for this draft: the one given, or, when the draft was
   * already submitted, the earlier one (or, once that has left the store, the one given with the
   * earlier id: the same answers).
   */
  response: SurveyResponse;
  /** The draft had already been submitted (another tab, a restored page, a second press). */
  already: boolean;
  /** Whether the response is still in the store; `false` only when `already` and delivered. */
  queued: boolean;
}

/**
 * The key of the marker a submit leaves for a draft. Components are URI-encoded like draft keys;
 * `startedAt` is an ISO date, which has no `:` problem because it is the last component.
 */
export function submittedKey({ surveyId, surveyVersion, startedAt }: DraftRef): string {
  return `${SUBMITTED_PREFIX}${versionPath(surveyId, surveyVersion)}:${startedAt}`;
}

/** The key a response is queued under. */
export function outboxKey(id: string): string {
  return `${PREFIX}${id}`;
}

/** Where completed responses wait until their endpoint says 2xx or 409. */
export interface OutboxStore {
  /**
   * Adds or replaces a queued response (by response id); resolves only once it is durably written
   * (strict durability where the browser supports it). Falls back to memory if IndexedDB fails,
   * so it rejects with {@link StorageUnavailableError} only if memory failed too, which it does
   * not. Throws if `entry` does not match the schema, or has no endpoint (a programming error).
   */
  put(entry: QueuedResponse): Promise<void>;
  /**
   * Every queued response on this origin, for every endpoint, oldest `completedAt` first, each
   * validated. Corrupt records are removed with a console warning. A bare response (stored by an
   * earlier build, before records had an endpoint) is listed with `endpoint: ''`, never dropped.
   */
  list(): Promise<QueuedResponse[]>;
  /**
   * Submits a draft as one atomic step (one IndexedDB transaction): queues `entry`, removes the
   * draft `draft` names (if it is still the stored one) and leaves a marker saying which id its
   * answers went under. If that marker is already there, because the same draft was submitted
   * by another tab, a restored page or a second press, nothing is written and the earlier
   * submission is returned instead: one draft never becomes two responses, even if the browser
   * is killed at any moment. Falls back to memory like {@link put}.
   */
  submit(entry: QueuedResponse, draft: DraftRef): Promise<Submitted>;
  /**
   * Removes a response the endpoint acknowledged (2xx or 409 `status`) and records that it was
   * sent, in one transaction, so another tab that still holds it knows it was delivered rather
   * than lost.
   */
  acknowledge(id: string, status: number): Promise<void>;
  /**
   * How response `id` left the outbox, if it was delivered or cleared on this device; `undefined`
   * if there is no record of it leaving (it is still queued, or the store lost it).
   */
  settled(id: string): Promise<Settled | undefined>;
  /**
   * "Clear my answers" on a shared computer: removes everything the widget stored on this
   * device, from IndexedDB (even after falling back to memory) and from memory: every survey's
   * drafts, every queued response whatever its endpoint or state, and the submit and delivery
   * markers. Only the ids of the responses it removed stay, marked cleared, so that a tab still
   * holding one does not write it back. Resolves with those ids.
   */
  clearAll(): Promise<string[]>;
  /**
   * The response last submitted on this device for survey `surveyId`, and where it stands;
   * `undefined` if none was, or it was cleared ("Clear my answers"). "Last" is the last submit
   * written, never a comparison of times, so a wrong device clock cannot change which it is.
   */
  lastSubmitted(surveyId: string): Promise<LastSubmitted | undefined>;
  /**
   * Records that the endpoint refused response `id` with `status`, or with no `status` clears
   * that (Try again). Atomic, and does nothing if `id` is not queued (with an endpoint).
   */
  markRefused(id: string, status?: number): Promise<void>;
  /**
   * `'idb'` normally; `'memory'` once IndexedDB has failed during this visit, after which queued
   * responses do not survive closing the page.
   */
  readonly mode: 'idb' | 'memory';
}

class FallbackOutboxStore implements OutboxStore {
  readonly #store = fallbackStore(openIdbStore('strict'), 'queued responses');

  get mode(): 'idb' | 'memory' {
    return this.#store.mode;
  }

  async put(entry: QueuedResponse): Promise<void> {
    const valid = queuedSchema.parse(entry);
    await this.#store.transact('readwrite', async (tx) =>
      tx.put(outboxKey(valid.response.id), valid),
    );
  }

  async submit(entry: QueuedResponse, draft: DraftRef): Promise<Submitted> {
    const valid = queuedSchema.parse(entry);
    const marker = submittedKey(draft);
    return this.#store.transact('readwrite', async (tx) => {
      const id = submittedId(await tx.get(marker));
      if (id) {
        const queued = queuedSchema.safeParse(await tx.get(outboxKey(id)));
        return queued.success
          ? { response: queued.data.response, already: true, queued: true }
          : { response: { ...valid.response, id }, already: true, queued: false };
      }
      tx.put(outboxKey(valid.response.id), valid);
      const key = draftKey(draft.surveyId, draft.surveyVersion);
      // Only if it is still that draft, not one started since (told apart by its start).
      if (fieldOf(await tx.get(key), 'startedAt') === draft.startedAt) tx.delete(key);
      tx.put(marker, { id: valid.response.id });
      const { surveyId, completedAt } = valid.response;
      tx.put(`${LAST_PREFIX}${surveyId}`, { id: valid.response.id, completedAt });
      return { response: valid.response, already: false, queued: true };
    });
  }

  async list(): Promise<QueuedResponse[]> {
    const entries = await this.#store.transact('readonly', (tx) => tx.entries(PREFIX));
    const queued: QueuedResponse[] = [];
    for (const [key, value] of entries) {
      const parsed = queuedSchema.safeParse(value);
      const bare = parsed.success ? undefined : responseSchema.safeParse(value).data;
      const entry = bare ? { endpoint: '', response: bare } : parsed.data;
      if (entry && key === outboxKey(entry.response.id)) {
        queued.push(entry);
      } else {
        console.warn(`values-survey: removed a corrupt response from the outbox (${key}).`);
        await this.#store.transact('readwrite', async (tx) => tx.delete(key));
      }
    }
    const time = ({ response }: QueuedResponse) => Date.parse(response.completedAt);
    // A stable sort: responses completed at the same time stay in key order, which is id order.
    return queued.sort((a, b) => time(a) - time(b));
  }

  async acknowledge(id: string, status: number): Promise<void> {
    await this.#store.transact('readwrite', async (tx) => {
      tx.delete(outboxKey(id));
      tx.put(settledKey(id), { how: 'sent', status });
    });
  }

  async settled(id: string): Promise<Settled | undefined> {
    const marker = await this.#store.transact('readonly', (tx) => tx.get(settledKey(id)));
    const how = fieldOf(marker, 'how');
    // "Sent" only from a marker that carries the endpoint's status, as acknowledge() writes it.
    if (how === 'sent') return Number.isInteger(fieldOf(marker, 'status')) ? how : undefined;
    return how === 'cleared' ? how : undefined;
  }

  async lastSubmitted(surveyId: string): Promise<LastSubmitted | undefined> {
    return this.#store.transact('readonly', async (tx) => {
      const last = await tx.get(`${LAST_PREFIX}${surveyId}`);
      const id = fieldOf(last, 'id');
      const completedAt = fieldOf(last, 'completedAt');
      if (typeof id !== 'string' || typeof completedAt !== 'string') return undefined;
      const queued = queuedSchema.safeParse(await tx.get(outboxKey(id)));
      if (queued.success) {
        const where = queued.data.refusedStatus === undefined ? 'queued' : 'refused';
        return { id, completedAt, where };
      }
      const settled = await tx.get(settledKey(id));
      // As settled(): "sent" only from a marker that carries the endpoint's status.
      return fieldOf(settled, 'how') === 'sent' && Number.isInteger(fieldOf(settled, 'status'))
        ? { id, completedAt, where: 'sent' }
        : undefined;
    });
  }

  async clearAll(): Promise<string[]> {
    const cleared = new Set<string>();
    // One transaction per store: nothing half-cleared, and nothing added between listing and
    // removing survives.
    await this.#store.everywhere(async (tx) => {
      for (const [key] of await tx.entries(PREFIX)) cleared.add(key.slice(PREFIX.length));
      for (const prefix of [DRAFT_PREFIX, PREFIX, SUBMITTED_PREFIX, SETTLED_PREFIX, LAST_PREFIX]) {
        for (const [key] of await tx.entries(prefix)) tx.delete(key);
      }
      for (const id of cleared) tx.put(settledKey(id), { how: 'cleared' });
    });
    return [...cleared];
  }

  async markRefused(id: string, status?: number): Promise<void> {
    const key = outboxKey(id);
    await this.#store.transact('readwrite', async (tx) => {
      const parsed = queuedSchema.safeParse(await tx.get(key));
      if (!parsed.success || parsed.data.refusedStatus === status) return;
      const { endpoint, response } = parsed.data;
      tx.put(
        key,
        status === undefined
          ? { endpoint, response }
          : { endpoint, response, refusedStatus: status },
      );
    });
  }
}

/**
 * A new outbox with its own connection and its own fallback state. The widget uses
 * {@link openOutboxStore}; this exists so tests can start from a clean state.
 */
export function createOutboxStore(): OutboxStore {
  return new FallbackOutboxStore();
}

let shared: OutboxStore | undefined;

/** The page's outbox, shared by every `<values-survey>` on it; connects on first use. */
export function openOutboxStore(): OutboxStore {
  shared ??= createOutboxStore();
  return shared;
}
