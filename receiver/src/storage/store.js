// The storage interface both implementations keep, and the choice between them.
//
// A store keeps each response once, keyed by its id, in the order received. It never holds a
// response in memory only: `add` resolves after the database has committed the row to disk.

/**
 * @typedef {{ surveyId?: string, version?: string,
 *   flagged?: 'include' | 'exclude' | 'only' }} Filter flagged: default include.
 *
 * @typedef {{ responses: number, flagged: number,
 *   reasons: Record<string, number> }} FlagCounts
 *
 * @typedef {{ json: string, flags: string | null }} StoredRow A stored response: its JSON text as
 *   received, and the integrity flags kept beside it (reasons joined by commas; null for none).
 *
 * @typedef {'stored' | 'duplicate' | 'conflict' | 'erased' | 'expired'} AddResult
 *   stored: new and committed; duplicate: this id is already stored with the same content (a
 *   resend); conflict: this id is stored with different content (nothing stored); erased: this id
 *   was erased on request, expired: deleted by retention: in both cases it is not stored again.
 *
 * @typedef {object} SurveyRow A survey definition published over HTTP (see surveys/registry.js).
 * @property {string} id
 * @property {string} version
 * @property {string} definition The definition's JSON text, as validated.
 * @property {string | null} opensAt ISO 8601, or null: open from publication.
 * @property {string | null} closesAt ISO 8601, or null: never closes.
 * @property {string | null} label Who or what published it (a token's label), for IT.
 * @property {string} publishedAt ISO 8601, when this row was last written.
 *
 * @typedef {'created' | 'updated' | 'unchanged' | 'conflict'} PublishResult
 *   created: a new id and version; updated: the same definition with new dates or label;
 *   unchanged: exactly as stored; conflict: this id and version hold a different definition
 *   (a version's questions never change: publish a new version).
 *
 * @typedef {object} Store
 * @property {'sqlite' | 'postgres'} kind
 * @property {string} location Where the data is, for the start-up log (never a password).
 * @property {(response: { id: string, surveyId: string, surveyVersion: string },
 *   receivedAt: Date, flags?: string | null) => Promise<AddResult>} add flags: the integrity
 *   reasons, comma-separated (integrity/index.js), stored beside the response.
 * @property {(filter?: Filter) => AsyncIterableIterator<StoredRow>} rows Each stored response, in
 *   the order received, read in batches (a large set is never held in memory).
 * @property {(id: string) => Promise<boolean>} erase Deletes the response and leaves a tombstone
 *   (id, survey, when, why: no answers), so a retry from the respondent's device cannot store it
 *   again. False if it was not stored.
 * @property {(before: Date) => Promise<number>} deleteReceivedBefore Retention: deletes the
 *   responses received before `before`, leaving a tombstone for each; how many deleted.
 * @property {() => Promise<SurveyRow[]>} surveys Every published survey definition.
 * @property {(row: SurveyRow) => Promise<PublishResult>} publishSurvey
 * @property {(filter?: Filter) => Promise<number>} count
 * @property {(filter?: Filter) => Promise<FlagCounts>} flagCounts How many responses match the
 *   filter, how many of them are flagged, and how many carry each reason.
 * @property {(options: import('./summary.js').SummaryOptions) => Promise<object>} summary The
 *   counts the results report needs, computed by the database (summary.js describes them), with
 *   `integrity` (as flagCounts gives it for the survey and version, whatever the filter).
 * @property {() => Promise<void>} ping Rejects if the database cannot be reached.
 * @property {() => Promise<void>} probe Rejects if a response could not be written now: SQLite
 *   writes and syncs a small file beside its database; PostgreSQL inserts a row into responses
 *   and rolls it back (a full disk fails it as it would fail a response).
 * @property {() => Promise<number | undefined>} freeBytes Free space for the data (SQLite's
 *   folder); undefined where the receiver cannot see it (PostgreSQL's server).
 * @property {() => Promise<void>} close
 */

/**
 * Opens the store the configuration asks for and runs its migrations.
 * @param {import('../config.js').ReceiverConfig} config
 * @param {{ warn(obj: object, msg: string): void }} log
 * @returns {Promise<Store>}
 */
export async function openStore(config, log) {
  if (config.databaseUrl) {
    const { openPostgresStore } = await import('./postgres.js');
    return openPostgresStore({
      url: config.databaseUrl,
      poolSize: config.poolSize,
      statementTimeoutMs: (config.statementTimeoutSeconds ?? 5) * 1000,
      log,
    });
  }
  const { openSqliteStore } = await import('./sqlite.js');
  return openSqliteStore({ dataDir: config.dataDir });
}
