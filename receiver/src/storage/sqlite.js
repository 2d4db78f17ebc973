// The SQLite store: one file, `<DATA_DIR>/responses.sqlite`, for a receiver on one machine.
//
// - WAL journal with synchronous=FULL: a commit is fsynced to the WAL before `add` returns, so a
//   201 means the response survives a power cut. WAL also lets readers run beside the writer.
// - Several receiver processes may share the file: SQLite serialises writers with a file lock
//   (each waits up to `busyTimeout` for it), and the id primary key makes a second insert of the
//   same id a no-op, so a retry is a duplicate whichever process receives it.
// - better-sqlite3 is synchronous: each call runs to completion, which keeps "is this id new?" and
//   the insert one statement. Responses are written on a thread of their own (sqlite-writer.js),
//   so a commit waiting for the disk does not hold up the event loop; reads, erasures and
//   publishing use this connection.
import { mkdirSync } from 'node:fs';
import { open as openFile, statfs, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BATCH_SIZE, flaggedClause, reasonCounts, rowValues, sameContent } from './rows.js';
import { FLAG_REASONS } from '../integrity/index.js';
import { COUNT_TABLES_SQLITE, sqliteCounts } from './summary-counts-sqlite.js';
import { countInBackground } from './summary-counts.js';
import { summaryCache } from './summary.js';
import { openWriter } from './sqlite-writer.js';

export const FILE_NAME = 'responses.sqlite';

/** Migrations, in order; each runs once, inside the transaction that records it. */
const MIGRATIONS = [
  `CREATE TABLE responses (
     id TEXT PRIMARY KEY,
     seq INTEGER NOT NULL UNIQUE,
     survey_id TEXT NOT NULL,
     survey_version TEXT NOT NULL,
     received_at TEXT NOT NULL,
     body TEXT NOT NULL
   );
   CREATE INDEX responses_survey ON responses (survey_id, survey_version, seq);
   CREATE INDEX responses_received ON responses (received_at);
   CREATE TABLE erasures (id TEXT PRIMARY KEY, erased_at TEXT NOT NULL);`,
  // receiver-guard: integrity signals beside each response (integrity/index.js).
  `ALTER TABLE responses ADD COLUMN flags TEXT;`,
  // Survey definitions published over HTTP (files in SURVEYS_DIR are read, never stored).
  `CREATE TABLE surveys (
     id TEXT NOT NULL,
     version TEXT NOT NULL,
     definition TEXT NOT NULL,
     opens_at TEXT,
     closes_at TEXT,
     label TEXT,
     published_at TEXT NOT NULL,
     PRIMARY KEY (id, version)
   );`,
  // Erasure and retention both leave a tombstone: the id, its survey, when and why, no answers.
  `ALTER TABLE erasures RENAME TO tombstones;
   ALTER TABLE tombstones RENAME COLUMN erased_at TO removed_at;
   ALTER TABLE tombstones ADD COLUMN survey_id TEXT;
   ALTER TABLE tombstones ADD COLUMN survey_version TEXT;
   ALTER TABLE tombstones ADD COLUMN reason TEXT NOT NULL DEFAULT 'erased';`,
  // The summary's count tables (summary-counts-sqlite.js).
  COUNT_TABLES_SQLITE,
];

/**
 * @param {{ dataDir: string, busyTimeout?: number }} options
 * @returns {import('./store.js').Store}
 */
export function openSqliteStore({ dataDir, busyTimeout = 5000 }) {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, FILE_NAME);
  const db = new Database(path, { timeout: busyTimeout });
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') throw new Error(`SQLite could not use WAL for ${path} (got ${mode}).`);
  db.pragma('synchronous = FULL');
  migrate(db);

  // Responses are written on a thread of their own, in group commits (sqlite-writer.js).
  const writer = openWriter({ path, busyTimeout });
  // The tombstone is written from the row before the row goes, in one transaction.
  const buryOne = db.prepare(
    `INSERT INTO tombstones (id, survey_id, survey_version, removed_at, reason)
     SELECT id, survey_id, survey_version, ?, 'erased' FROM responses WHERE id = ?
     ON CONFLICT (id) DO NOTHING`,
  );
  const deleteOne = db.prepare('DELETE FROM responses WHERE id = ?');
  // An erased or expired response is taken out of the summary's counts in the same transaction.
  const counts = sqliteCounts(db);
  const erase = db.transaction((id, at) => {
    counts.forget('r.id = @id', { id });
    buryOne.run(at, id);
    return deleteOne.run(id).changes > 0;
  });
  const buryBefore = db.prepare(
    `INSERT INTO tombstones (id, survey_id, survey_version, removed_at, reason)
     SELECT id, survey_id, survey_version, @at, 'expired' FROM responses WHERE received_at < @before
     ON CONFLICT (id) DO NOTHING`,
  );
  const deleteBefore = db.prepare('DELETE FROM responses WHERE received_at < @before');
  const expire = db.transaction((before, at) => {
    counts.forget('r.received_at < @before', { before });
    buryBefore.run({ before, at });
    return deleteBefore.run({ before }).changes;
  });
  const selectSurveys = db.prepare(
    `SELECT id, version, definition, opens_at AS opensAt, closes_at AS closesAt, label,
            published_at AS publishedAt FROM surveys ORDER BY id, version`,
  );
  const selectSurvey = db
    .prepare('SELECT definition FROM surveys WHERE id = ? AND version = ?')
    .pluck();
  const insertSurvey = db.prepare(
    `INSERT INTO surveys (id, version, definition, opens_at, closes_at, label, published_at)
     VALUES (@id, @version, @definition, @opensAt, @closesAt, @label, @publishedAt)
     ON CONFLICT (id, version) DO UPDATE SET opens_at = @opensAt, closes_at = @closesAt,
       label = @label, published_at = @publishedAt
     WHERE opens_at IS NOT @opensAt OR closes_at IS NOT @closesAt OR label IS NOT @label`,
  );
  const publish = db.transaction((row) => {
    const stored = selectSurvey.get(row.id, row.version);
    if (stored !== undefined && !sameContent(stored, row.definition)) return 'conflict';
    const { changes } = insertSurvey.run(row);
    if (stored === undefined) return 'created';
    return changes ? 'updated' : 'unchanged';
  });
  const ping = db.prepare('SELECT 1').pluck();
  const summaries = summaryCache();
  const counting = countInBackground({ behind: counts.behind, fold: counts.fold });

  const where = ({ surveyId, version, flagged } = {}) => {
    const clauses = [];
    const params = {};
    if (flaggedClause(flagged)) clauses.push(flaggedClause(flagged));
    if (surveyId !== undefined) {
      clauses.push('survey_id = @surveyId');
      params.surveyId = surveyId;
    }
    if (version !== undefined) {
      clauses.push('survey_version = @version');
      params.version = version;
    }
    return { clauses, params };
  };

  return {
    kind: 'sqlite',
    location: path,
    add(response, receivedAt, flags) {
      return writer.add(rowValues(response, receivedAt, flags));
    },
    async *rows(filter) {
      const { clauses, params } = where(filter);
      const select = db.prepare(
        `SELECT seq, body, flags FROM responses WHERE ${['seq > @after', ...clauses].join(' AND ')}
         ORDER BY seq LIMIT ${BATCH_SIZE}`,
      );
      let after = 0;
      for (;;) {
        // One batch per query: no statement stays open while the caller writes to the network.
        const batch = select.all({ ...params, after });
        for (const row of batch) yield { json: row.body, flags: row.flags ?? null };
        if (batch.length < BATCH_SIZE) return;
        after = batch[batch.length - 1].seq;
      }
    },
    async erase(id) {
      return erase(id, new Date().toISOString());
    },
    async deleteReceivedBefore(before) {
      return expire(before.toISOString(), new Date().toISOString());
    },
    async surveys() {
      return selectSurveys.all();
    },
    async publishSurvey(row) {
      return publish.immediate(row);
    },
    async count(filter) {
      const { clauses, params } = where(filter);
      const sql = `SELECT COUNT(*) FROM responses${clauses.length ? ` WHERE ${clauses.join(' AND ')}` : ''}`;
      return db.prepare(sql).pluck().get(params);
    },
    async flagCounts(filter) {
      const { clauses, params } = where({ ...filter, flagged: undefined });
      const row = db
        .prepare(
          `SELECT COUNT(*) AS responses, COUNT(flags) AS flagged, ${reasonCounts(FLAG_REASONS)}
           FROM responses${clauses.length ? ` WHERE ${clauses.join(' AND ')}` : ''}`,
        )
        .get(params);
      return {
        responses: row.responses,
        flagged: row.flagged,
        reasons: Object.fromEntries(FLAG_REASONS.map((r) => [r, row[`reason_${r}`]])),
      };
    },
    async summary(options) {
      await counting.catchUp();
      return summaries.get(options, counts.version(), () => counts.summary(options));
    },
    async ping() {
      ping.get();
    },
    async probe() {
      ping.get();
      // A real write to the same file system, synced, as a commit needs.
      const file = join(dataDir, '.healthz-probe');
      const handle = await openFile(file, 'w');
      try {
        await handle.writeFile(Buffer.alloc(4096, 1));
        await handle.sync();
      } finally {
        await handle.close();
        await unlink(file).catch(() => {});
      }
    },
    async freeBytes() {
      const info = await statfs(dataDir);
      return info.bavail * info.bsize;
    },
    async close() {
      await counting.close();
      await writer.close();
      if (db.open) db.close();
    },
  };
}

/** Runs the migrations not yet recorded. Safe to run again, and from two processes at once. */
function migrate(db) {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
  );
  // IMMEDIATE takes the write lock first, so a second process waits and then finds them applied.
  db.transaction(() => {
    const applied = db.prepare('SELECT COALESCE(MAX(version), 0) FROM schema_migrations').pluck();
    const done = applied.get();
    MIGRATIONS.forEach((sql, index) => {
      const version = index + 1;
      if (version <= done) return;
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(
        version,
        new Date().toISOString(),
      );
    });
  }).immediate();
}
