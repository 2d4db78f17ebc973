// The summary both stores count in SQL (summary-counts-*.js, from count tables; the full count
// in receiver/test/support/reference/ is the reference the tests hold them to), assembled from
// the database's grouped rows into the JSON the results element reads (its `Summary` type in
// src/results/counts.ts). Only aggregated rows reach Node: never one row per response.
//
// A "set" is everyone of a survey version (group '' = '') or one group: the people who chose one
// option of a choice or choices question. Sets with fewer than `minGroup` people keep only their
// size; their breakdown never leaves the database.
import { FLAG_REASONS } from '../integrity/index.js';

/** The smallest group the receiver ever breaks down, whatever a caller asks for. */
export const MIN_GROUP_FLOOR = 10;
/** Text answers sent per question and set, at most. */
export const DEFAULT_TEXT_LIMIT = 500;

/**
 * @typedef {{ surveyId?: string, version?: string, flagged?: 'include' | 'exclude' | 'only',
 *   collection?: 'self' | 'kiosk' | 'assisted' | 'paper' }} SummaryFilter
 *   Which responses are counted: a survey and version; with or without the responses the
 *   integrity checks flagged (default: included); only those collected one way (a response
 *   without `collection` counts as `self`). Each is a clause of each store's SQL, one place.
 * @typedef {{ minGroup: number, textLimit: number, filter?: SummaryFilter }} SummaryOptions
 * @typedef {{ sid: string, ver: string, gq: string, gv: string }} SetKey
 * @typedef {{
 *   sizes: (SetKey & { n: number, first: string | null, last: string | null })[],
 *   answered: (SetKey & { qid: string, type: string, n: number })[],
 *   words: (SetKey & { qid: string, st: number, pos: number, word: string, kept: number,
 *     removed: number })[],
 *   choices: (SetKey & { qid: string, value: string, n: number })[],
 *   scales: (SetKey & { qid: string, value: number, n: number })[],
 *   texts: (SetKey & { qid: string, value: string, total: number })[],
 * }} SummaryRows
 */

/**
 * The report's integrity note from the sizes of everyone per stratum (`flags` '' when none):
 * how many responses, how many flagged, and how many carry each reason, as storage/rows.js's
 * reasonCounts counts them from the flags column.
 * @param {{ flags: string, n: number | string }[]} rows
 */
export function integrityOf(rows) {
  const integrity = { responses: 0, flagged: 0, reasons: {} };
  for (const reason of FLAG_REASONS) integrity.reasons[reason] = 0;
  for (const { flags, n } of rows) {
    const count = Number(n);
    integrity.responses += count;
    if (flags === '') continue;
    integrity.flagged += count;
    for (const reason of FLAG_REASONS) {
      if (`,${flags},`.includes(`,${reason},`)) integrity.reasons[reason] += count;
    }
  }
  return integrity;
}

const emptySet = (n, first, last) => ({
  count: n,
  firstCompleted: first ?? null,
  lastCompleted: last ?? null,
  answered: {},
  words: {},
  choices: {},
  scales: {},
  texts: {},
});

/** One set's key, from a row with its labels. */
export const setKey = (r) => JSON.stringify([r.sid, r.ver, r.gq, r.gv]);

/**
 * Builds the summary from the grouped rows.
 * @param {SummaryRows} rows
 * @param {SummaryOptions} options
 */
export function assembleSummary(rows, { minGroup, textLimit }) {
  const versions = new Map();
  const sets = new Map();
  for (const r of rows.sizes) {
    const vKey = JSON.stringify([r.sid, r.ver]);
    let version = versions.get(vKey);
    if (!version) {
      version = { surveyId: r.sid, version: r.ver, count: 0, all: null, groups: [] };
      versions.set(vKey, version);
    }
    const n = Number(r.n);
    const counts = n >= minGroup ? emptySet(n, r.first, r.last) : null;
    if (counts) sets.set(setKey(r), counts);
    if (r.gq === '') {
      version.count = n;
      version.all = counts;
    } else {
      version.groups.push({ questionId: r.gq, value: r.gv, count: n, counts });
    }
  }
  const each = (list, add) => {
    for (const r of list) {
      const set = sets.get(setKey(r));
      if (set) add(set, r);
    }
  };
  each(rows.answered, (set, r) => {
    (set.answered[r.qid] ??= {})[r.type] = Number(r.n);
  });
  each(rows.words, (set, r) => {
    (set.words[r.qid] ??= []).push([
      Number(r.st),
      Number(r.pos),
      r.word,
      Number(r.kept),
      Number(r.removed),
    ]);
  });
  each(rows.choices, (set, r) => {
    (set.choices[r.qid] ??= {})[r.value] = Number(r.n);
  });
  each(rows.scales, (set, r) => {
    (set.scales[r.qid] ??= {})[r.value] = Number(r.n);
  });
  each(rows.texts, (set, r) => {
    const texts = (set.texts[r.qid] ??= { count: Number(r.total), answers: [] });
    texts.answers.push(r.value);
  });
  const list = [...versions.values()];
  for (const v of list) {
    v.groups.sort((a, b) => cmp(a.questionId, b.questionId) || cmp(a.value, b.value));
  }
  list.sort(
    (a, b) => b.count - a.count || cmp(a.surveyId, b.surveyId) || cmp(a.version, b.version),
  );
  return {
    format: 'values-survey-summary',
    formatVersion: 1,
    minGroup,
    textLimit,
    versions: list,
  };
}

const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Remembers the last summaries of one database, each with the fingerprint of the counts it was
 * summed from (the count tables' version, which every change to them moves on), so opening the
 * report again on unchanged counts costs one cheap query instead of the sums.
 */
export function summaryCache(size = 8) {
  const entries = new Map();
  return {
    /**
     * @param {SummaryOptions} options
     * @param {string} fingerprint
     * @param {() => Promise<object> | object} count
     */
    async get(options, fingerprint, count) {
      const key = JSON.stringify([options.minGroup, options.textLimit, options.filter ?? {}]);
      const hit = entries.get(key);
      if (hit && hit.fingerprint === fingerprint) return hit.summary;
      const summary = await count();
      entries.delete(key);
      entries.set(key, { fingerprint, summary });
      if (entries.size > size) entries.delete(entries.keys().next().value);
      return summary;
    },
  };
}
