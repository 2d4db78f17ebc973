// The PostgreSQL store, for more than one receiver process or machine on one database.
//
// - The id is the primary key and inserts use ON CONFLICT DO NOTHING, so two processes receiving
//   the same id at once store it once: one sees "stored", the other "duplicate".
// - A commit is durable when PostgreSQL says so (synchronous_commit, on by default): `add`
//   resolves only after COMMIT.
// - Bodies are `json`, not `jsonb`: json keeps the text as received and accepts every string the
//   response schema accepts (jsonb refuses \u0000), while still letting IT query fields in SQL.
// - Migrations take an advisory lock, so receivers starting together apply them once.
import pg from 'pg';
import { BATCH_SIZE, flaggedClause, reasonCounts, rowValues, sameContent } from './rows.js';
import { FLAG_REASONS } from '../integrity/index.js';
import { COUNT_TABLES_POSTGRES, forgetCounted, postgresCounts } from './summary-counts-postgres.js';
import { countInBackground } from './summary-counts.js';
import { summaryCache } from './summary.js';
import { openWriter } from './postgres-writer.js';

/** Any fixed number: the advisory lock all receivers take while migrating. */
const MIGRATION_LOCK = 7_215_001;
/** The advisory lock class taken while publishing one survey version. */
const SURVEY_LOCK = 7_215_002;

const MIGRATIONS = [
  `CREATE TABLE responses (
     id text PRIMARY KEY,
     seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
     survey_id text NOT NULL,
     survey_version text NOT NULL,
     received_at timestamptz NOT NULL,
     body json NOT NULL
   );
   CREATE INDEX responses_survey ON responses (survey_id, survey_version, seq);
   CREATE INDEX responses_received ON responses (received_at);
   CREATE TABLE erasures (id text PRIMARY KEY, erased_at timestamptz NOT NULL);`,
  // receiver-guard: integrity signals beside each response (integrity/index.js).
  `ALTER TABLE responses ADD COLUMN flags text;`,
  // Survey definitions published over HTTP (files in SURVEYS_DIR are read, never stored).
  `CREATE TABLE surveys (
     id text NOT NULL,
     version text NOT NULL,
     definition text NOT NULL,
     opens_at timestamptz,
     closes_at timestamptz,
     label text,
     published_at timestamptz NOT NULL,
     PRIMARY KEY (id, version)
   );`,
  // Erasure and retention both leave a tombstone: the id, its survey, when and why, no answers.
  `ALTER TABLE erasures RENAME TO tombstones;
   ALTER TABLE tombstones RENAME COLUMN erased_at TO removed_at;
   ALTER TABLE tombstones ADD COLUMN survey_id text;
   ALTER TABLE tombstones ADD COLUMN survey_version text;
   ALTER TABLE tombstones ADD COLUMN reason text NOT NULL DEFAULT 'erased';`,
  // The summary's count tables (summary-counts-postgres.js).
  COUNT_TABLES_POSTGRES,
];

/**
 * @param {{ url: string, poolSize?: number, statementTimeoutMs?: number,
 *   log?: { warn(obj: object, msg: string): void } }} options
 * @returns {Promise<import('./store.js').Store>}
 */
export async function openPostgresStore({ url, poolSize = 10, statementTimeoutMs = 5000, log }) {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // A database that is down must fail a request quickly (503, the widget retries), not hang it:
    // connecting (or waiting for a free connection) and each statement, lock waits included.
    connectionTimeoutMillis: 5000,
    statement_timeout: statementTimeoutMs,
    idleTimeoutMillis: 30_000,
    application_name: 'values-survey-receiver',
  });
  // An idle connection that breaks (the server restarted) is dropped from the pool; without a
  // listener the error would end the process.
  pool.on('error', (error) => {
    log?.warn({ err: { message: error.message, code: error.code } }, 'database connection lost');
  });
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }

  const where = ({ surveyId, version, flagged } = {}, params) => {
    const clauses = [];
    if (flaggedClause(flagged)) clauses.push(flaggedClause(flagged));
    if (surveyId !== undefined) {
      params.push(surveyId);
      clauses.push(`survey_id = $${params.length}`);
    }
    if (version !== undefined) {
      params.push(version);
      clauses.push(`survey_version = $${params.length}`);
    }
    return clauses;
  };

  const summaries = summaryCache();
  const counts = postgresCounts(pool);
  const counting = countInBackground({ behind: counts.behind, fold: counts.fold, log });
  // Responses are inserted in group commits (postgres-writer.js).
  const writer = openWriter(pool, { connections: poolSize });

  return {
    kind: 'postgres',
    location: describe(url),
    add(response, receivedAt, flags) {
      return writer.add(rowValues(response, receivedAt, flags));
    },
    async *rows(filter) {
      let after = '0';
      for (;;) {
        const params = [after];
        const clauses = ['seq > $1', ...where(filter, params)];
        const { rows } = await pool.query(
          // ORDER BY names the column: `seq` alone would be the text alias, sorted as text.
          `SELECT seq::text AS seq, body::text AS body, flags FROM responses
           WHERE ${clauses.join(' AND ')} ORDER BY responses.seq LIMIT ${BATCH_SIZE}`,
          params,
        );
        for (const row of rows) yield { json: row.body, flags: row.flags ?? null };
        if (rows.length < BATCH_SIZE) return;
        after = rows[rows.length - 1].seq;
      }
    },
    async erase(id) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // Out of the summary's counts first, in the same transaction.
        await forgetCounted(client, 'r.id = $id', { id });
        // The row goes and its tombstone comes in one statement.
        const { rowCount } = await client.query(
          `WITH gone AS (DELETE FROM responses WHERE id = $1
                         RETURNING id, survey_id, survey_version)
           INSERT INTO tombstones (id, survey_id, survey_version, removed_at, reason)
           SELECT id, survey_id, survey_version, now(), 'erased' FROM gone
           ON CONFLICT (id) DO NOTHING`,
          [id],
        );
        await client.query('COMMIT');
        return rowCount > 0;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async deleteReceivedBefore(before) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // A daily job, not a request: the first run may delete (and uncount) many responses.
        await client.query('SET LOCAL statement_timeout = 0');
        // Out of the summary's counts first, in the same transaction.
        await forgetCounted(client, 'r.received_at < $before', { before: before.toISOString() });
        // One statement: each deleted row leaves its tombstone, or nothing happens.
        const { rows } = await client.query(
          `WITH gone AS (DELETE FROM responses WHERE received_at < $1
                         RETURNING id, survey_id, survey_version),
                buried AS (INSERT INTO tombstones (id, survey_id, survey_version, removed_at, reason)
                           SELECT id, survey_id, survey_version, now(), 'expired' FROM gone
                           ON CONFLICT (id) DO NOTHING)
           SELECT COUNT(*)::int AS n FROM gone`,
          [before.toISOString()],
        );
        await client.query('COMMIT');
        return rows[0].n;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async surveys() {
      const { rows } = await pool.query(
        `SELECT id, version, definition, opens_at AS "opensAt", closes_at AS "closesAt", label,
                published_at AS "publishedAt" FROM surveys ORDER BY id, version`,
      );
      return rows.map((row) => ({
        ...row,
        opensAt: row.opensAt?.toISOString() ?? null,
        closesAt: row.closesAt?.toISOString() ?? null,
        publishedAt: row.publishedAt.toISOString(),
      }));
    },
    async publishSurvey(row) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // Two receivers publishing the same id and version at once: the second waits here.
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
          SURVEY_LOCK,
          `${row.id}/${row.version}`,
        ]);
        const { rows } = await client.query(
          `SELECT definition, opens_at, closes_at, label FROM surveys
           WHERE id = $1 AND version = $2`,
          [row.id, row.version],
        );
        let outcome;
        if (!rows.length) {
          await client.query(
            `INSERT INTO surveys (id, version, definition, opens_at, closes_at, label, published_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)`,
            [
              row.id,
              row.version,
              row.definition,
              row.opensAt,
              row.closesAt,
              row.label,
              row.publishedAt,
            ],
          );
          outcome = 'created';
        } else if (!sameContent(rows[0].definition, row.definition)) {
          outcome = 'conflict';
        } else {
          const { rowCount } = await client.query(
            `UPDATE surveys SET opens_at = $3, closes_at = $4, label = $5, published_at = $6
             WHERE id = $1 AND version = $2 AND (opens_at IS DISTINCT FROM $3
               OR closes_at IS DISTINCT FROM $4 OR label IS DISTINCT FROM $5)`,
            [row.id, row.version, row.opensAt, row.closesAt, row.label, row.publishedAt],
          );
          outcome = rowCount ? 'updated' : 'unchanged';
        }
        await client.query('COMMIT');
        return outcome;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async count(filter) {
      const params = [];
      const clauses = where(filter, params);
      const { rows } = await pool.query(
        `SELECT COUNT(*)::int AS n FROM responses${clauses.length ? ` WHERE ${clauses.join(' AND ')}` : ''}`,
        params,
      );
      return rows[0].n;
    },
    async flagCounts(filter) {
      const params = [];
      const clauses = where({ ...filter, flagged: undefined }, params);
      const { rows } = await pool.query(
        `SELECT COUNT(*)::int AS responses, COUNT(flags)::int AS flagged,
                ${reasonCounts(FLAG_REASONS)}
         FROM responses${clauses.length ? ` WHERE ${clauses.join(' AND ')}` : ''}`,
        params,
      );
      return {
        responses: rows[0].responses,
        flagged: rows[0].flagged,
        reasons: Object.fromEntries(FLAG_REASONS.map((r) => [r, Number(rows[0][`reason_${r}`])])),
      };
    },
    async summary(options) {
      await counting.catchUp();
      return summaries.get(options, await counts.version(), () => counts.summary(options));
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async probe() {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO responses (id, survey_id, survey_version, received_at, body)
           VALUES ('healthz-probe-' || pg_backend_pid(), '', '', now(), '{}')`,
        );
      } finally {
        await client.query('ROLLBACK').catch(() => {});
        client.release();
      }
    },
    async freeBytes() {
      return undefined;
    },
    async close() {
      await counting.close();
      await pool.end();
    },
  };
}

async function migrate(pool) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Migrations may take longer than a request's statement, and may wait for another receiver's.
    await client.query('SET LOCAL statement_timeout = 0');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL)',
    );
    const { rows } = await client.query(
      'SELECT COALESCE(MAX(version), 0) AS done FROM schema_migrations',
    );
    for (let version = rows[0].done + 1; version <= MIGRATIONS.length; version += 1) {
      await client.query(MIGRATIONS[version - 1]);
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, now())', [
        version,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** host:port/database, without user or password, for the start-up log. */
function describe(url) {
  try {
    const parsed = new URL(url);
    return `postgres://${parsed.host || 'localhost'}${parsed.pathname}`;
  } catch {
    return 'postgres';
  }
}
