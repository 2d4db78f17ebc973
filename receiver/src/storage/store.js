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
 * @typedef {'stored' | 'duplicate' | 'erased'} AddResult
 *   stored: new and committed; duplicate: this id is already stored; erased: this id was erased
 *   on request, so it is not stored again.
 *
 * @typedef {object} Store
 * @property {'sqlite' | 'postgres'} kind
 * @property {string} location Where the data is, for the start-up log (never a password).
 * @property {(response: { id: string, surveyId: string, surveyVersion: string },
 *   receivedAt: Date, flags?: string | null) => Promise<AddResult>} add flags: the integrity
 *   reasons, comma-separated (integrity/index.js), stored beside the response.
 * @property {(filter?: Filter) => AsyncIterableIterator<string>} rows Each stored response as its
 *   JSON text, in the order received, read in batches (a large set is never held in memory).
 * @property {(id: string) => Promise<boolean>} erase Deletes the response and remembers its id, so
 *   a retry from the respondent's device cannot store it again. False if it was not stored.
 * @property {(before: Date) => Promise<number>} deleteReceivedBefore Retention: how many deleted.
 * @property {(filter?: Filter) => Promise<number>} count
 * @property {(filter?: Filter) => Promise<FlagCounts>} flagCounts How many responses match the
 *   filter, how many of them are flagged, and how many carry each reason.
 * @property {() => Promise<void>} ping Rejects if the database cannot be reached.
 * @property {() => Promise<void>} probe Rejects if a response could not be written now: SQLite
 *   writes and syncs a small file beside its database; PostgreSQL inserts a row into responses
 *   and rolls it back (a full disk fails it as it would fail a response).
 * @property {() => Promise<number | undefined>} freeBytes Free space for the data (SQLite's
 *   folder); undefined where the receiver cannot see it (PostgreSQL's server).
 * @property {() => Promise<void>} close
 */

/** Rows read per query when streaming. */
export const BATCH_SIZE = 500;

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

/** The columns kept beside each response's JSON, for filtering without parsing it. */
export function rowValues(response, receivedAt, flags = null) {
  return {
    flags,
    id: response.id,
    surveyId: response.surveyId,
    surveyVersion: response.surveyVersion,
    receivedAt: receivedAt.toISOString(),
    body: JSON.stringify(response),
  };
}

/** The `flagged` filter as SQL over the flags column (text: reasons joined by commas). */
export function flaggedClause(flagged) {
  if (flagged === 'exclude') return 'flags IS NULL';
  if (flagged === 'only') return 'flags IS NOT NULL';
  return undefined;
}

/** SQL that counts the rows flagged for each reason: `reason_<name>` columns. */
export function reasonCounts(reasons) {
  return reasons
    .map(
      (reason) =>
        `COALESCE(SUM(CASE WHEN ',' || flags || ',' LIKE '%,${reason},%' THEN 1 ELSE 0 END), 0)` +
        ` AS reason_${reason}`,
    )
    .join(', ');
}
