/**
 * What a draft looks like on the device, and how a stored record is judged when it is read back:
 * it may be corrupt, from an older widget, from a newer one, or too old to keep.
 */
import * as z from 'zod/mini';
import { lazy } from '../response/lazy.js';
import { answerSchemaWith, isoDate, type Answers } from '../response/schema.js';
import { fieldOf } from './kv.js';

/**
 * The draft record format this widget writes. Bump it when the shape changes; a record with a
 * higher `writer` came from a newer widget and is never read by this one.
 */
export const DRAFT_FORMAT = 1;

/** Builds the draft record's schema (see {@link draftSchema}). */
export const buildDraftSchema = () =>
  z.strictObject({
    surveyId: z.string().check(z.minLength(1)),
    surveyVersion: z.string().check(z.minLength(1)),
    // Any length: what the respondent typed is kept, however long (see DRAFT_MAX_BYTES).
    answers: z.record(z.string(), answerSchemaWith()),
    step: z.string().check(z.minLength(1)),
    startedAt: isoDate(),
    updatedAt: isoDate(),
    writer: z.int().check(z.gte(1)),
    revision: z.optional(z.int().check(z.gte(0))),
  });

/** A stored draft record, validated; built on first use. */
export const draftSchema = lazy(buildDraftSchema);

/** A respondent's unfinished answers, as saved on the device. */
export interface Draft {
  surveyId: string;
  surveyVersion: string;
  /** Answers so far, keyed by question id. */
  answers: Answers;
  /** Where to resume: `'intro'`, a question id, or `'check'`. */
  step: string;
  /** ISO 8601. */
  startedAt: string;
  /** ISO 8601, from the device clock: decides expiry, and breaks a tie between two revisions. */
  updatedAt: string;
  /**
   * Counts changes to this draft, across tabs: which of two changes is later is decided by it,
   * not by clocks, which can be wrong by days. Stamped by the store; absent in records from
   * builds before it (read as 0).
   */
  revision?: number;
  /** The {@link DRAFT_FORMAT} of the widget that wrote it. */
  writer: number;
}

/**
 * The most a draft may take when stored (as JSON, in UTF-8 bytes): far beyond any real answer
 * (a text answer's limit is 10,000 characters), small enough that one tab cannot fill the origin's
 * quota. A longer draft is not saved, with the `too-large` notice.
 */
export const DRAFT_MAX_BYTES = 1_000_000;

/** Every draft key starts with this. */
export const DRAFT_PREFIX = 'draft:';

/** The prefix shared by every version of one survey's draft. */
export function surveyDraftPrefix(surveyId: string): string {
  return `${DRAFT_PREFIX}${encodeURIComponent(surveyId)}:`;
}

/**
 * `<surveyId>:<surveyVersion>`, the part of every key and channel name that names one survey
 * version. Components are URI-encoded (a no-op for the identifiers a definition allows) so that
 * no id containing `:` can collide with another survey's.
 */
export function versionPath(surveyId: string, surveyVersion: string): string {
  return `${encodeURIComponent(surveyId)}:${encodeURIComponent(surveyVersion)}`;
}

/** `draft:<surveyId>:<surveyVersion>` (see {@link versionPath}). */
export function draftKey(surveyId: string, surveyVersion: string): string {
  return `${DRAFT_PREFIX}${versionPath(surveyId, surveyVersion)}`;
}

/** Why a record stored for one survey version cannot be used. */
export type Unusable = 'corrupt' | 'older-format' | 'newer-format';

/** A stored record, judged: a draft to use, or why it cannot be used. */
export type StoredDraft = { usable: true; draft: Draft } | { usable: false; why: Unusable };

/** Judges a record stored under {@link draftKey}(`surveyId`, `surveyVersion`). */
export function readStoredDraft(
  value: unknown,
  surveyId: string,
  surveyVersion: string,
): StoredDraft {
  // Read first, alone, because a newer format may fail every other check.
  const writer = fieldOf(value, 'writer');
  if (Number.isSafeInteger(writer)) {
    if ((writer as number) > DRAFT_FORMAT) return { usable: false, why: 'newer-format' };
    if ((writer as number) < DRAFT_FORMAT) return { usable: false, why: 'older-format' };
  }
  const parsed = draftSchema.safeParse(value);
  // A record under our key that names another survey was not written by us.
  return parsed.success &&
    parsed.data.surveyId === surveyId &&
    parsed.data.surveyVersion === surveyVersion
    ? { usable: true, draft: parsed.data }
    : { usable: false, why: 'corrupt' };
}

/** Where a change stands among a draft's changes: by revision, then (a tie) by clock. */
export interface ChangeOrder {
  revision: number;
  time: number;
}

/** Negative if `a` came before `b`, positive if after, 0 for the same change. */
export function compareChanges(a: ChangeOrder, b: ChangeOrder): number {
  return a.revision - b.revision || a.time - b.time;
}

/** The order of a stored record, read leniently; `undefined` if it has no readable `updatedAt`. */
export function orderOf(value: unknown): ChangeOrder | undefined {
  const time = changedAt(value);
  if (time === undefined) return undefined;
  const revision = fieldOf(value, 'revision');
  return { revision: Number.isInteger(revision) ? (revision as number) : 0, time };
}

/**
 * When a record was last changed, read leniently (any survey's record, any format), or
 * `undefined` if it carries no readable `updatedAt`.
 */
export function changedAt(value: unknown): number | undefined {
  const updatedAt = fieldOf(value, 'updatedAt');
  const time = typeof updatedAt === 'string' ? Date.parse(updatedAt) : NaN;
  return Number.isNaN(time) ? undefined : time;
}
