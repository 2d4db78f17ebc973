// The SQLite write path's thread (started by sqlite-writer.js): its own connection to the file,
// and one transaction per batch of rows it is sent. better-sqlite3 is synchronous, so the commit's
// fsync blocks this thread, not the receiver's event loop, which meanwhile reads, checks and
// queues the next responses.
//
// In: an array of rows (rows.js rowValues). Out: { outcomes } (an AddResult per row, in order)
// once the transaction is committed, or { error: { message, code } } when nothing was stored.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { sameContent } from './rows.js';

const { path, busyTimeout } = workerData;
const db = new Database(path, { timeout: busyTimeout, fileMustExist: true });
// The file is in WAL mode already (the store set it); synchronous is per connection.
db.pragma('synchronous = FULL');

// seq keeps the order received; writers are serialised, so MAX(seq) + 1 cannot collide.
const insert = db.prepare(
  `INSERT INTO responses (id, seq, survey_id, survey_version, received_at, body, flags)
   SELECT @id, COALESCE((SELECT MAX(seq) FROM responses), 0) + 1, @surveyId, @surveyVersion,
          @receivedAt, @body, @flags
   WHERE NOT EXISTS (SELECT 1 FROM tombstones WHERE id = @id)
   ON CONFLICT (id) DO NOTHING`,
);
const tombstone = db.prepare('SELECT reason FROM tombstones WHERE id = ?').pluck();
const storedBody = db.prepare('SELECT body FROM responses WHERE id = ?').pluck();

/** Why a row was not inserted: its tombstone's reason, or how the stored body compares. */
function notStored(row) {
  const reason = tombstone.get(row.id);
  if (reason) return reason === 'expired' ? 'expired' : 'erased';
  return sameContent(storedBody.get(row.id), row.body) ? 'duplicate' : 'conflict';
}

// IMMEDIATE: the write lock is taken (or waited for, up to busyTimeout) before the first read.
const insertAll = db.transaction((rows) =>
  rows.map((row) => (insert.run(row).changes ? 'stored' : notStored(row))),
);

parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ outcomes: insertAll.immediate(message) });
  } catch (error) {
    parentPort.postMessage({ error: { message: error.message, code: error.code } });
  }
});
