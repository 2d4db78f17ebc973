// The survey registry: which survey ids and versions this receiver accepts, each with optional
// open and close dates, from three sources:
//
// - built-in: definitions the caller passes (the widget's built-in survey, the demo's surveys);
// - file: definitions IT places in SURVEYS_DIR (read at start and on `reload()`);
// - published: definitions published over HTTP, kept in the database (`surveys` table), so every
//   receiver process on one database sees them.
//
// One id and version names one definition for ever: a version's questions never change (responses
// refer to words by position), only its dates and label. Where two sources name the same id and
// version, a file wins over a published definition, which wins over a built-in one.
//
// Lookups are answered from memory; published definitions are re-read from the database when the
// copy is more than REFRESH_MS old, and at once when an id or version is not known, so a survey
// published through another receiver process is accepted on its first response.
import { createHash } from 'node:crypto';
import { SurveyError, checkDates, checkDefinition } from './definitions.js';
import { readSurveyFiles } from './files.js';

/** How old the in-memory copy of published definitions may be before a lookup re-reads it. */
export const REFRESH_MS = 5_000;
/** A lookup that misses re-reads the database at most this often (a flood of unknown ids). */
const MISS_REFRESH_MS = 1_000;

/**
 * @typedef {'open' | 'not-yet-open' | 'closed' | 'unknown'} SurveyState
 *
 * @typedef {object} SurveyInput A definition and its dates, before it is in the registry.
 * @property {object} definition Already checked with `checkDefinition`.
 * @property {string | null} opensAt
 * @property {string | null} closesAt
 * @property {string | null} label
 * @property {'built-in' | 'file' | 'published'} source
 * @property {string} [file] For a file: its path.
 * @property {string} [publishedAt] For a published definition.
 *
 * @typedef {object} SurveyEntry One survey version the receiver accepts.
 * @property {string} id
 * @property {string} version
 * @property {object} definition The definition as the widget runs it (a SurveyDefinition).
 * @property {string} text The definition as JSON text, as served.
 * @property {string} etag A strong ETag for `text`.
 * @property {string | null} opensAt ISO 8601 (UTC); null: open from the start.
 * @property {string | null} closesAt ISO 8601 (UTC); null: never closes.
 * @property {string | null} label Who published it (a token's label) or the file's label.
 * @property {'built-in' | 'file' | 'published'} source
 * @property {string | null} file For a file: its path.
 * @property {string | null} publishedAt For a published definition: when it was last written.
 *
 * @typedef {object} PublishOptions
 * @property {string | null} [opensAt] ISO 8601 with a time zone.
 * @property {string | null} [closesAt] ISO 8601 with a time zone, after opensAt.
 * @property {string | null} [label] Who published it, for IT (a token's label, never a token).
 *
 * @typedef {object} Registry
 * @property {(id: string, version?: string) => Promise<SurveyEntry | undefined>} get The
 *   version named, or without one the latest: the highest version (in numeric order: "10" after
 *   "9") that has opened, else the highest. Rejects only when the database is needed and cannot
 *   be reached.
 * @property {(now?: Date) => Promise<(SurveyEntry & { state: SurveyState })[]>} list Every
 *   version, by id then version, with its state at `now`.
 * @property {(definition: unknown, options?: PublishOptions) =>
 *   Promise<{ outcome: 'created' | 'updated' | 'unchanged', entry: SurveyEntry }>} publish
 *   Validates and stores a definition (the same id and version again may change only dates and
 *   label). Throws SurveyError: 422 with `problems` for a definition or dates that are wrong,
 *   409 for a version that holds other questions or is defined by a file or built in.
 * @property {(id: string, version: string, now?: Date) => Promise<SurveyState>} state
 * @property {(entry: SurveyEntry, now?: Date) => SurveyState} stateOf The state of an entry
 *   already in hand.
 * @property {() => Promise<{ file: string, message: string }[]>} reload Re-reads SURVEYS_DIR and
 *   the database; returns the files that could not be used (they keep their previous definition).
 */

/**
 * Opens the registry: reads the files and the published definitions.
 * @param {{ store: import('../storage/store.js').Store, dir?: string,
 *   log: { info(obj: object, msg: string): void, warn(obj: object, msg: string): void },
 *   builtIn?: unknown[], clock?: () => number }} options
 *   `builtIn`: definitions accepted always open unless a file or publication says otherwise.
 * @returns {Promise<Registry>}
 * @throws {SurveyError} if a file in `dir` or a built-in definition is not valid: the receiver
 *   must not start believing it collects a survey it would refuse.
 */
export async function openRegistry({ store, dir, log, builtIn = [], clock = Date.now }) {
  const builtInEntries = builtIn.map((definition) =>
    toEntry({
      definition: checkDefinition(definition),
      opensAt: null,
      closesAt: null,
      label: null,
      source: 'built-in',
    }),
  );
  let fileEntries = [];
  let publishedEntries = [];
  let readAt = -Infinity;
  let reading;
  /** id → version → entry, rebuilt whenever a source changes. */
  let byId = new Map();

  function rebuild() {
    const next = new Map();
    // Lowest precedence first: a later source replaces an earlier one's entry.
    for (const entry of [...builtInEntries, ...publishedEntries, ...fileEntries]) {
      if (!next.has(entry.id)) next.set(entry.id, new Map());
      next.get(entry.id).set(entry.version, entry);
    }
    byId = next;
  }

  async function readFiles() {
    if (!dir) return [];
    const { entries, problems } = await readSurveyFiles(dir);
    fileEntries = entries.map(toEntry);
    rebuild();
    return problems;
  }

  /** Re-reads the published definitions (one read at a time; callers share it). */
  function readPublished() {
    reading ??= (async () => {
      try {
        const rows = await store.surveys();
        const entries = [];
        for (const row of rows) {
          try {
            entries.push(
              toEntry({
                definition: checkDefinition(JSON.parse(row.definition)),
                opensAt: row.opensAt,
                closesAt: row.closesAt,
                label: row.label,
                source: 'published',
                publishedAt: row.publishedAt,
              }),
            );
          } catch (error) {
            // Valid when published; a later widget may have tightened its rules.
            log.warn(
              { id: row.id, version: row.version, err: { message: error.message } },
              'published survey no longer valid: not accepted',
            );
          }
        }
        publishedEntries = entries;
        readAt = clock();
        rebuild();
      } finally {
        reading = undefined;
      }
    })();
    return reading;
  }

  /** Refreshes a stale copy; a failed refresh keeps the copy in hand, unless `required`. */
  async function fresh({ required = false } = {}) {
    const age = clock() - readAt;
    if (!required && age < REFRESH_MS) return;
    if (required && age < MISS_REFRESH_MS) return;
    try {
      await readPublished();
    } catch (error) {
      if (required) throw error;
      log.warn(
        { err: { message: error.message, code: error.code } },
        'survey registry: database not read; using the definitions in hand',
      );
    }
  }

  const lookup = (id, version) => {
    const versions = byId.get(id);
    if (!versions) return undefined;
    if (version !== undefined) return versions.get(version);
    return latest([...versions.values()], clock());
  };

  const problems = await readFiles();
  if (problems.length) {
    throw new SurveyError(
      `values-survey-receiver: cannot start: survey files that are not valid:\n  - ${problems.map((p) => p.message).join('\n  - ')}`,
      { problems: problems.map((p) => ({ path: p.file, message: p.message })) },
    );
  }
  await readPublished();

  /** @type {Registry} */
  const registry = {
    async get(id, version) {
      await fresh();
      const found = lookup(id, version);
      if (found) return found;
      await fresh({ required: true });
      return lookup(id, version);
    },

    async list(now = new Date(clock())) {
      await fresh();
      return [...byId.values()]
        .flatMap((versions) => [...versions.values()])
        .sort((a, b) => compareText(a.id, b.id) || compareVersions(a.version, b.version))
        .map((entry) => ({ ...entry, state: stateAt(entry, now.getTime()) }));
    },

    async publish(input, { opensAt, closesAt, label } = {}) {
      const definition = checkDefinition(input);
      const dates = checkDates({ opensAt, closesAt });
      if (label !== undefined && label !== null && typeof label !== 'string') {
        throw new SurveyError('label must be text', {
          problems: [{ path: 'label', message: 'must be text' }],
        });
      }
      await fresh();
      const existing = lookup(definition.id, definition.version);
      if (existing && existing.source !== 'published') {
        throw new SurveyError(
          `Survey "${definition.id}" version "${definition.version}" is ${existing.source === 'file' ? `defined by the file ${existing.file}` : 'built into this receiver'}; change it there, or publish a new version.`,
          { status: 409, code: 'survey defined elsewhere' },
        );
      }
      const entry = toEntry({
        definition,
        ...dates,
        label: label ?? null,
        source: 'published',
        publishedAt: new Date(clock()).toISOString(),
      });
      const outcome = await store.publishSurvey({
        id: entry.id,
        version: entry.version,
        definition: entry.text,
        opensAt: entry.opensAt,
        closesAt: entry.closesAt,
        label: entry.label,
        publishedAt: entry.publishedAt,
      });
      if (outcome === 'conflict') {
        throw new SurveyError(
          `Survey "${entry.id}" version "${entry.version}" is already published with other content. A version's questions never change: publish it as a new version.`,
          { status: 409, code: 'version exists' },
        );
      }
      await readPublished();
      log.info(
        {
          event: 'survey published',
          id: entry.id,
          version: entry.version,
          outcome,
          label: entry.label,
        },
        'survey published',
      );
      return { outcome, entry: lookup(entry.id, entry.version) ?? entry };
    },

    async state(id, version, now = new Date(clock())) {
      const entry = await registry.get(id, version);
      return entry ? stateAt(entry, now.getTime()) : 'unknown';
    },

    stateOf(entry, now = new Date(clock())) {
      return stateAt(entry, now.getTime());
    },

    async reload() {
      const previous = fileEntries;
      const problems = await readFiles();
      // A file that is now broken keeps its previous definition rather than vanishing.
      const kept = previous.filter(
        (entry) =>
          problems.some((p) => p.file === entry.file) &&
          !fileEntries.some((e) => e.file === entry.file),
      );
      fileEntries = [...fileEntries, ...kept];
      rebuild();
      for (const problem of problems)
        log.warn({ file: problem.file }, `survey file not valid: ${problem.message}`);
      await readPublished();
      return problems;
    },
  };
  return registry;
}

/** @param {SurveyInput} input @returns {SurveyEntry} */
function toEntry({ definition, opensAt, closesAt, label, source, file, publishedAt }) {
  const text = JSON.stringify(definition);
  return Object.freeze({
    id: definition.id,
    version: definition.version,
    definition,
    text,
    etag: `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`,
    opensAt: opensAt ?? null,
    closesAt: closesAt ?? null,
    label: label ?? null,
    source,
    file: file ?? null,
    publishedAt: publishedAt ?? null,
  });
}

/** @returns {SurveyState} */
function stateAt(entry, now) {
  if (entry.opensAt && now < Date.parse(entry.opensAt)) return 'not-yet-open';
  if (entry.closesAt && now >= Date.parse(entry.closesAt)) return 'closed';
  return 'open';
}

/** The highest version that has opened, else the highest. */
function latest(entries, now) {
  const sorted = [...entries].sort((a, b) => compareVersions(b.version, a.version));
  return sorted.find((entry) => stateAt(entry, now) !== 'not-yet-open') ?? sorted[0];
}

const collator = new Intl.Collator('en', { numeric: true });
/** Versions in numeric order: "2" < "10", "1.9" < "1.10". */
export function compareVersions(a, b) {
  return collator.compare(a, b) || compareText(a, b);
}

function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
