// Group commit for PostgreSQL: the responses that arrive while a batch is being committed are
// inserted together by the next statement, one transaction and one WAL flush for them all, instead
// of a statement, a round trip and a commit each. Every promise settles only after its statement
// has committed (synchronous_commit): a 201 still means on disk.
//
// A batch is what arrived in one turn of the event loop; batches go out side by side, as many as
// the pool has connections (one at a time would make each response wait for the batch before
// its own). A batch that fails is retried one response at a time,
// so a response the database cannot take fails alone, never its neighbours.
import { sameContent } from './rows.js';

/** Rows in one statement at most (each is a few kilobytes of parameters). */
const MAX_BATCH = 100;

/**
 * One statement for the whole batch: the rows in the order received (so `seq` follows it), none
 * whose id has a tombstone, and none whose id is stored already (ON CONFLICT: also a second row
 * with the same id in this batch). RETURNING says which ids were stored.
 */
const INSERT_BATCH = `
  INSERT INTO responses (id, survey_id, survey_version, received_at, body, flags)
  SELECT incoming.id, incoming.survey_id, incoming.survey_version, incoming.received_at,
         incoming.body::json, incoming.flags
  FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[])
       WITH ORDINALITY AS incoming (id, survey_id, survey_version, received_at, body, flags, n)
  WHERE NOT EXISTS (SELECT 1 FROM tombstones WHERE tombstones.id = incoming.id)
  ORDER BY incoming.n
  ON CONFLICT (id) DO NOTHING
  RETURNING id`;

/** For the rows not stored: each id's tombstone reason, or the body stored under it. */
const WHY_NOT = `
  SELECT wanted.id, tombstones.reason, responses.body::text AS body
  FROM unnest($1::text[]) AS wanted (id)
  LEFT JOIN tombstones ON tombstones.id = wanted.id
  LEFT JOIN responses ON responses.id = wanted.id`;

/**
 * @param {import('pg').Pool} pool
 * @param {{ connections: number }} options batches in flight at most (the pool's size)
 * @returns {{ add(row: ReturnType<typeof import('./rows.js').rowValues>):
 *   Promise<import('./store.js').AddResult> }}
 */
export function openWriter(pool, { connections }) {
  /** @type {{ row: object, resolve: Function, reject: Function }[]} */
  let pending = [];
  let committing = 0;

  async function next() {
    if (committing >= connections || !pending.length) return;
    committing += 1;
    const batch = pending.slice(0, MAX_BATCH);
    pending = pending.slice(MAX_BATCH);
    let results;
    try {
      const outcomes = await insertBatch(batch.map((item) => item.row));
      results = outcomes.map((value) => ({ status: 'fulfilled', value }));
    } catch (error) {
      // Each alone: only a row the database refuses fails (a lost connection fails them all).
      results =
        batch.length === 1
          ? [{ status: 'rejected', reason: error }]
          : await Promise.allSettled(batch.map((item) => insertBatch([item.row]).then(([o]) => o)));
    }
    batch.forEach((item, index) => {
      const result = results[index];
      if (result.status === 'fulfilled') item.resolve(result.value);
      else item.reject(result.reason);
    });
    committing -= 1;
    next();
  }

  /** Inserts the rows in one statement; resolves with an AddResult for each, in order. */
  async function insertBatch(rows) {
    const column = (name) => rows.map((row) => row[name]);
    const { rows: inserted } = await pool.query({
      // Named: each connection parses and plans it once, not for every batch.
      name: 'values-survey-insert-responses',
      text: INSERT_BATCH,
      values: [
        column('id'),
        column('surveyId'),
        column('surveyVersion'),
        column('receivedAt'),
        column('body'),
        column('flags'),
      ],
    });
    const stored = new Set(inserted.map((row) => row.id));
    const outcomes = rows.map((row) => {
      // The first row with a stored id is the one stored; a second in this batch was not.
      if (!stored.has(row.id)) return undefined;
      stored.delete(row.id);
      return 'stored';
    });
    const others = rows.filter((row, index) => !outcomes[index]);
    if (!others.length) return outcomes;
    const { rows: found } = await pool.query(WHY_NOT, [[...new Set(others.map((row) => row.id))]]);
    const byId = new Map(found.map((row) => [row.id, row]));
    return rows.map((row, index) => outcomes[index] ?? whyNot(byId.get(row.id), row));
  }

  return {
    add(row) {
      return new Promise((resolve, reject) => {
        pending.push({ row, resolve, reject });
        // The first of a batch waits for the requests already read in this turn of the loop.
        if (pending.length === 1) setImmediate(next);
      });
    },
  };
}

/** Not inserted: a tombstone says why, else the stored body is compared with this one. */
function whyNot(found, row) {
  if (found?.reason) return found.reason === 'expired' ? 'expired' : 'erased';
  if (found?.body == null) return 'erased'; // erased between the insert and this read
  return sameContent(found.body, row.body) ? 'duplicate' : 'conflict';
}
