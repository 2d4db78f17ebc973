// The storage interface both implementations keep, and the choice between them.
//
// A store keeps each response once, keyed by its id, in the order received. It never holds a
// response in memory only: `add` resolves after the database has committed the row to disk.

/**
 * @typedef {{ surveyId?: string, version?: string }} Filter
 *
 * @typedef {'stored' | 'duplicate' | 'erased'} AddResult
 *   stored: new and committed; duplicate: this id is already stored; erased: this id was erased
 *   on request, so it is not stored again.
 *
 * @typedef {object} Store
 * @property {'sqlite' | 'postgres'} kind
 * @property {string} location Where the data is, for the start-up log (never a password).
 * @property {(response: { id: string, surveyId: string, surveyVersion: string },
 *   receivedAt: Date) => Promise<AddResult>} add
 * @property {(filter?: Filter) => AsyncIterableIterator<string>} rows Each stored response as its
 *   JSON text, in the order received, read in batches (a large set is never held in memory).
 * @property {(id: string) => Promise<boolean>} erase Deletes the response and remembers its id, so
 *   a retry from the respondent's device cannot store it again. False if it was not stored.
 * @property {(before: Date) => Promise<number>} deleteReceivedBefore Retention: how many deleted.
 * @property {(filter?: Filter) => Promise<number>} count
 * @property {(options: import('./summary.js').SummaryOptions) => Promise<object>} summary The
 *   counts the results report needs, computed by the database (summary.js describes them).
 * @property {() => Promise<void>} ping Rejects if the database cannot be reached.
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
    return openPostgresStore({ url: config.databaseUrl, poolSize: config.poolSize, log });
  }
  const { openSqliteStore } = await import('./sqlite.js');
  return openSqliteStore({ dataDir: config.dataDir });
}

/** The columns kept beside each response's JSON, for filtering without parsing it. */
export function rowValues(response, receivedAt) {
  return {
    id: response.id,
    surveyId: response.surveyId,
    surveyVersion: response.surveyVersion,
    receivedAt: receivedAt.toISOString(),
    body: JSON.stringify(response),
  };
}
