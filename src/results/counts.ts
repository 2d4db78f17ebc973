/**
 * The counts the report is built from, in the one JSON shape that both the receiver's summary
 * route (counted by the database) and this browser (counting a file it opened) produce: per
 * survey version, everyone and every group (an option of a choice question), with the small-group
 * rule already applied. Nothing here knows the definition: words are counted by statement,
 * position and word as sent, and the definition is matched later (report.ts).
 */
import { DEFAULT_MIN_GROUP } from './stats.js';
import type { SurveyResponse } from './schema.js';

/** The counts of one set of responses: everyone of a version, or one group of it. */
export interface CountSet {
  /** Responses (people) in the set. */
  count: number;
  /** Earliest and latest `completedAt`; null with no responses. */
  firstCompleted: string | null;
  lastCompleted: string | null;
  /**
   * Answers per question id and answer type (`words` only when at least one word was decided),
   * so a question answered with another type than the definition's is seen, not counted.
   */
  answered: Record<string, Record<string, number>>;
  /**
   * Per words question: [statement, position, word, kept, removed], one row per word as sent,
   * each response counted once per word with its last decision.
   */
  words: Record<string, [number, number, string, number, number][]>;
  /** Per choice or choices question: responses per value. */
  choices: Record<string, Record<string, number>>;
  /** Per scale question: responses per value (as text, a JSON object key). */
  scales: Record<string, Record<string, number>>;
  /** Per text question: how many wrote something, and the first `textLimit` answers, trimmed. */
  texts: Record<string, { count: number; answers: string[] }>;
}

/** A group: the people who chose one option of a choice or choices question. */
export interface GroupCounts {
  questionId: string;
  value: string;
  count: number;
  /** Null when the group is smaller than the summary's `minGroup`: never broken down. */
  counts: CountSet | null;
}

export interface VersionCounts {
  surveyId: string;
  version: string;
  count: number;
  /** Null when the whole version has fewer than `minGroup` responses. */
  all: CountSet | null;
  groups: GroupCounts[];
}

/** What the receiver's `GET /responses/summary` sends, and what a file is counted into. */
export interface Summary {
  format: 'values-survey-summary';
  formatVersion: 1;
  /** Groups (and versions) with fewer responses than this are not broken down. */
  minGroup: number;
  /** At most this many text answers per question and set. */
  textLimit: number;
  versions: VersionCounts[];
  /**
   * From the receiver only: how many of the survey's responses its integrity checks flagged, and
   * for which reasons (`burst`, `time`, `duplicate`), whatever the filter the summary was asked for.
   */
  integrity?: IntegrityCounts;
}

/** The receiver's integrity flags over the survey's responses. */
export interface IntegrityCounts {
  responses: number;
  flagged: number;
  reasons: Record<string, number>;
}

/** Text answers sent per question and set by default. */
export const DEFAULT_TEXT_LIMIT = 500;

const emptySet = (): CountSet => ({
  count: 0,
  firstCompleted: null,
  lastCompleted: null,
  answered: {},
  words: {},
  choices: {},
  scales: {},
  texts: {},
});

/** Adds one response to `set`. `wordRows` caches the row of each word, per set. */
function add(
  set: CountSet,
  response: SurveyResponse,
  wordRows: Map<string, [number, number, string, number, number]>,
  textLimit: number,
) {
  set.count += 1;
  const at = Date.parse(response.completedAt);
  if (set.firstCompleted === null || at < Date.parse(set.firstCompleted)) {
    set.firstCompleted = response.completedAt;
  }
  if (set.lastCompleted === null || at > Date.parse(set.lastCompleted)) {
    set.lastCompleted = response.completedAt;
  }
  for (const [id, answer] of Object.entries(response.answers)) {
    const bump = (type: string) => {
      const byType = (set.answered[id] ??= {});
      byType[type] = (byType[type] ?? 0) + 1;
    };
    switch (answer.type) {
      case 'words': {
        // A word decided twice counts once, with its last choice.
        const last = new Map<string, (typeof answer.decisions)[number]>();
        for (const d of answer.decisions) last.set(`${d.statement}:${d.position}`, d);
        if (!last.size) break;
        bump('words');
        const rows = (set.words[id] ??= []);
        for (const d of last.values()) {
          const key = `${id}\u0000${d.statement}\u0000${d.position}\u0000${d.word}`;
          let row = wordRows.get(key);
          if (!row) {
            row = [d.statement, d.position, d.word, 0, 0];
            wordRows.set(key, row);
            rows.push(row);
          }
          row[d.choice === 'keep' ? 3 : 4] += 1;
        }
        break;
      }
      case 'choice':
      case 'choices': {
        bump(answer.type);
        const values = answer.type === 'choice' ? [answer.value] : answer.values;
        const counts = (set.choices[id] ??= {});
        for (const value of new Set(values)) counts[value] = (counts[value] ?? 0) + 1;
        break;
      }
      case 'scale': {
        bump('scale');
        const counts = (set.scales[id] ??= {});
        counts[answer.value] = (counts[answer.value] ?? 0) + 1;
        break;
      }
      case 'text': {
        bump('text');
        const value = answer.value.trim();
        if (!value) break;
        const texts = (set.texts[id] ??= { count: 0, answers: [] });
        texts.count += 1;
        if (texts.answers.length < textLimit) texts.answers.push(value);
        break;
      }
    }
  }
}

/** The groups a response belongs to, as "questionId\0value" keys. */
function groupsOf(response: SurveyResponse): [string, string][] {
  const groups: [string, string][] = [];
  for (const [id, answer] of Object.entries(response.answers)) {
    const values =
      answer.type === 'choice' ? [answer.value] : answer.type === 'choices' ? answer.values : [];
    for (const value of new Set(values)) groups.push([id, value]);
  }
  return groups;
}

/**
 * Counts `responses` into a summary, as the receiver would: per version (most responses first),
 * everyone and every group, with sets under `minGroup` reduced to their size.
 */
export function summarise(
  responses: readonly SurveyResponse[],
  { minGroup = DEFAULT_MIN_GROUP, textLimit = DEFAULT_TEXT_LIMIT } = {},
): Summary {
  interface Building {
    version: VersionCounts;
    all: CountSet;
    groups: Map<string, { questionId: string; value: string; set: CountSet }>;
    rows: Map<CountSet, Map<string, [number, number, string, number, number]>>;
  }
  const versions = new Map<string, Building>();
  const rowsOf = (b: Building, set: CountSet) => {
    let rows = b.rows.get(set);
    if (!rows) b.rows.set(set, (rows = new Map()));
    return rows;
  };
  for (const response of responses) {
    const key = `${response.surveyId}\u0000${response.surveyVersion}`;
    let b = versions.get(key);
    if (!b) {
      b = {
        version: {
          surveyId: response.surveyId,
          version: response.surveyVersion,
          count: 0,
          all: null,
          groups: [],
        },
        all: emptySet(),
        groups: new Map(),
        rows: new Map(),
      };
      versions.set(key, b);
    }
    b.version.count += 1;
    add(b.all, response, rowsOf(b, b.all), textLimit);
    for (const [questionId, value] of groupsOf(response)) {
      const groupKey = `${questionId}\u0000${value}`;
      let group = b.groups.get(groupKey);
      if (!group) b.groups.set(groupKey, (group = { questionId, value, set: emptySet() }));
      add(group.set, response, rowsOf(b, group.set), textLimit);
    }
  }
  const result = [...versions.values()].map(({ version, all, groups }) => ({
    ...version,
    all: version.count >= minGroup ? all : null,
    groups: [...groups.values()]
      .map(({ questionId, value, set }) => ({
        questionId,
        value,
        count: set.count,
        counts: set.count >= minGroup ? set : null,
      }))
      .sort(
        (a, b) =>
          a.questionId.localeCompare(b.questionId) || a.value.localeCompare(b.value, 'en-GB'),
      ),
  }));
  result.sort(
    (a, b) =>
      b.count - a.count ||
      a.surveyId.localeCompare(b.surveyId) ||
      a.version.localeCompare(b.version),
  );
  return {
    format: 'values-survey-summary',
    formatVersion: 1,
    minGroup,
    textLimit,
    versions: result,
  };
}

/** Everyone in `all` who is not in `group`: counts subtracted (text answers cannot be). */
export function everyoneElse(all: CountSet, group: CountSet): CountSet {
  const minus = (a: Record<string, number> = {}, b: Record<string, number> = {}) =>
    Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v - (b[k] ?? 0)]));
  const per = <T>(a: Record<string, T>, b: Record<string, T>, f: (x: T, y: T | undefined) => T) =>
    Object.fromEntries(Object.entries(a).map(([k, v]) => [k, f(v, b[k])]));
  return {
    count: all.count - group.count,
    firstCompleted: null,
    lastCompleted: null,
    answered: per(all.answered, group.answered, (a, b) => minus(a, b)),
    words: per(all.words, group.words, (rows, other) => {
      const theirs = new Map((other ?? []).map((r) => [`${r[0]}:${r[1]}:${r[2]}`, r]));
      return rows.map(([s, p, w, k, r]) => {
        const o = theirs.get(`${s}:${p}:${w}`);
        return [s, p, w, k - (o?.[3] ?? 0), r - (o?.[4] ?? 0)];
      });
    }),
    choices: per(all.choices, group.choices, (a, b) => minus(a, b)),
    scales: per(all.scales, group.scales, (a, b) => minus(a, b)),
    texts: {},
  };
}

/** Every response in one set (whatever its version), with every text answer: for tests and tools. */
export function countAll(responses: readonly SurveyResponse[]): CountSet {
  const set = emptySet();
  const rows = new Map<string, [number, number, string, number, number]>();
  for (const response of responses) add(set, response, rows, Infinity);
  return set;
}
