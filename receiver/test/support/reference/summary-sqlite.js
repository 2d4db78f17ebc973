// The summary counted by SQLite (its JSON1 functions over the stored bodies), in one read
// transaction so every figure comes from the same moment. See summary.js for the shape.
import { flaggedClause } from '../../../src/storage/rows.js';
import { assembleSummary } from '../../../src/storage/summary.js';

const TABLES = ['answers', 'raw', 'words', 'decisions', 'sets', 'big', 'members'];
const CLEAN_UP = TABLES.map((name) => `DROP TABLE IF EXISTS temp.summary_${name}`);

/**
 * Temporary tables, filled in one pass over the stored bodies and keyed by integers, so the
 * counting queries join on indexes and group by numbers instead of re-reading every body:
 *
 *   summary_answers    one row per answer (JSONB, read again without parsing text)
 *   summary_words      each word as sent (question, statement, position, word), numbered
 *   summary_decisions  one row per word decided in a response, with its last choice
 *   summary_sets       one row per response and set it is in: everyone, and each group
 *   summary_big        the sets large enough to break down, numbered
 *   summary_members    which responses are in each of those sets
 *
 * `where` is the one place that decides which responses are counted.
 */
const PREPARE = (where) => {
  const only = where.length ? `WHERE ${where.join(' AND ')}` : '';
  return [
    ...CLEAN_UP,
    `CREATE TEMP TABLE summary_answers AS
       SELECT r.seq, r.survey_id AS sid, r.survey_version AS ver, a.key AS qid,
              a.value ->> '$.type' AS type, jsonb(a.value) AS answer,
              -- A words answer counts as answered only when it decided at least one word.
              a.value ->> '$.type' <> 'words'
                OR json_array_length(a.value, '$.decisions') > 0 AS counted
       FROM responses r, json_each(r.body, '$.answers') a ${only}`,
    'CREATE INDEX temp.summary_answers_seq ON summary_answers (seq, type)',
    `CREATE TEMP TABLE summary_raw AS
       SELECT a.seq, a.qid, d.key AS k, d.value ->> '$.statement' AS st,
              d.value ->> '$.position' AS pos, d.value ->> '$.word' AS word,
              d.value ->> '$.choice' = 'keep' AS keep
       FROM summary_answers a, json_each(a.answer, '$.decisions') d
       WHERE a.type = 'words'`,
    `CREATE TEMP TABLE summary_words (
       id INTEGER PRIMARY KEY, qid TEXT, st INTEGER, pos INTEGER, word TEXT,
       UNIQUE (qid, st, pos, word))`,
    `INSERT INTO summary_words (qid, st, pos, word)
       SELECT DISTINCT qid, st, pos, word FROM summary_raw`,
    // A word decided twice in one response counts once, with its last choice.
    `CREATE TEMP TABLE summary_decisions AS
       SELECT r.seq, w.id AS wid, r.keep FROM (
         SELECT seq, qid, st, pos, word, keep,
                ROW_NUMBER() OVER (PARTITION BY seq, qid, st, pos ORDER BY k DESC) AS rn
         FROM summary_raw
       ) r JOIN summary_words w USING (qid, st, pos, word)
       WHERE r.rn = 1`,
    'CREATE INDEX temp.summary_decisions_seq ON summary_decisions (seq)',
    `CREATE TEMP TABLE summary_sets AS
       SELECT seq, survey_id AS sid, survey_version AS ver, '' AS gq, '' AS gv,
              body ->> '$.completedAt' AS completed
       FROM responses ${only}`,
    // Groups: each option chosen in a choice or choices answer (an option listed twice counts once).
    `INSERT INTO summary_sets (seq, sid, ver, gq, gv, completed)
       SELECT DISTINCT a.seq, a.sid, a.ver, a.qid, g.value, s.completed
       FROM summary_answers a
       JOIN summary_sets s ON s.seq = a.seq AND s.gq = ''
       JOIN json_each(a.answer, CASE a.type WHEN 'choice' THEN '$.value' ELSE '$.values' END) g
       WHERE a.type IN ('choice', 'choices') AND g.type = 'text'`,
    // Sets too small to break down are taken out: nothing below is ever counted for them.
    `CREATE TEMP TABLE summary_big (id INTEGER PRIMARY KEY, sid TEXT, ver TEXT, gq TEXT, gv TEXT)`,
    `INSERT INTO summary_big (sid, ver, gq, gv)
       SELECT sid, ver, gq, gv FROM summary_sets GROUP BY sid, ver, gq, gv
       HAVING COUNT(*) >= @minGroup`,
    `CREATE TEMP TABLE summary_members AS
       SELECT s.seq, b.id AS set_id FROM summary_sets s JOIN summary_big b USING (sid, ver, gq, gv)`,
  ];
};

/** A set's labels, from its number. */
const LABELS = 'b.sid, b.ver, b.gq, b.gv';

const QUERIES = {
  sizes: `
    SELECT sid, ver, gq, gv, COUNT(*) AS n, MIN(completed) AS first, MAX(completed) AS last
    FROM summary_sets GROUP BY sid, ver, gq, gv`,
  answered: `
    SELECT ${LABELS}, t.qid, t.type, t.n FROM (
      SELECT m.set_id, a.qid, a.type, COUNT(*) AS n
      FROM summary_members m JOIN summary_answers a ON a.seq = m.seq
      WHERE a.counted
      GROUP BY m.set_id, a.qid, a.type
    ) t JOIN summary_big b ON b.id = t.set_id`,
  words: `
    SELECT ${LABELS}, w.qid, w.st, w.pos, w.word, t.kept, t.removed FROM (
      SELECT m.set_id, d.wid, SUM(d.keep) AS kept, SUM(1 - d.keep) AS removed
      FROM summary_members m JOIN summary_decisions d ON d.seq = m.seq
      GROUP BY m.set_id, d.wid
    ) t JOIN summary_big b ON b.id = t.set_id JOIN summary_words w ON w.id = t.wid`,
  choices: `
    SELECT ${LABELS}, g.gq AS qid, g.gv AS value, COUNT(*) AS n
    FROM summary_members m JOIN summary_big b ON b.id = m.set_id
    JOIN summary_sets g ON g.seq = m.seq AND g.gq <> ''
    GROUP BY m.set_id, g.gq, g.gv`,
  scales: `
    SELECT ${LABELS}, a.qid, a.answer ->> '$.value' AS value, COUNT(*) AS n
    FROM summary_members m JOIN summary_big b ON b.id = m.set_id
    JOIN summary_answers a ON a.seq = m.seq AND a.type = 'scale'
    GROUP BY m.set_id, a.qid, value`,
  // How many wrote something, and the first @textLimit of them in the order received.
  texts: `
    WITH numbered AS (
      SELECT m.set_id, a.qid, a.seq,
             trim(a.answer ->> '$.value', ' ' || char(9, 10, 13)) AS value
      FROM summary_members m JOIN summary_answers a ON a.seq = m.seq AND a.type = 'text'
    ),
    ranked AS (
      SELECT *, COUNT(*) OVER (PARTITION BY set_id, qid) AS total,
             ROW_NUMBER() OVER (PARTITION BY set_id, qid ORDER BY seq) AS rn
      FROM numbered WHERE value <> ''
    )
    SELECT ${LABELS}, r.qid, r.value, r.total FROM ranked r JOIN summary_big b ON b.id = r.set_id
    WHERE r.rn <= @textLimit ORDER BY r.set_id, r.qid, r.rn`,
};

/**
 * Counts the summary in SQLite.
 * @param {import('better-sqlite3').Database} db
 * @param {import('./summary.js').SummaryOptions} options
 */
export function sqliteSummary(db, { minGroup, textLimit, filter = {} }) {
  const where = [];
  const params = { minGroup, textLimit };
  if (filter.surveyId !== undefined) {
    where.push('survey_id = @surveyId');
    params.surveyId = filter.surveyId;
  }
  if (filter.version !== undefined) {
    where.push('survey_version = @version');
    params.version = filter.version;
  }
  if (flaggedClause(filter.flagged)) where.push(flaggedClause(filter.flagged));
  if (filter.collection !== undefined) {
    // Responses queued before the field existed have none: they were collected by the respondent.
    where.push("COALESCE(json_extract(body, '$.collection'), 'self') = @collection");
    params.collection = filter.collection;
  }
  // Only the parameters a statement names may be passed to it.
  const run = (sql, method) => {
    const statement = db.prepare(sql);
    const used = Object.fromEntries(
      Object.entries(params).filter(([key]) => sql.includes(`@${key}`)),
    );
    return statement.reader ? statement.all(used) : statement[method](used);
  };
  // One transaction: every figure is read from the same moment, and the temporary tables go
  // with it. better-sqlite3 is synchronous, so no other request runs on this connection meanwhile.
  const read = db.transaction(() => {
    for (const sql of PREPARE(where)) run(sql, 'run');
    const rows = {};
    for (const [name, sql] of Object.entries(QUERIES)) rows[name] = run(sql, 'all');
    for (const sql of CLEAN_UP) run(sql, 'run');
    return rows;
  });
  return assembleSummary(read(), { minGroup, textLimit });
}
