// The summary counted by SQLite (its JSON1 functions over the stored bodies), in one read
// transaction so every figure comes from the same moment. See summary.js for the shape.
import { assembleSummary } from './summary.js';

const CLEAN_UP = [
  'DROP TABLE IF EXISTS temp.summary_answers',
  'DROP TABLE IF EXISTS temp.summary_decisions',
  'DROP TABLE IF EXISTS temp.summary_sets',
  'DROP TABLE IF EXISTS temp.summary_big',
];

/**
 * Temporary tables, filled in one pass over the stored bodies and indexed by response, so the
 * counting queries join on an index instead of re-reading every body: `summary_answers` (one row
 * per answer), `summary_decisions` (one row per word decided in a response) and `summary_sets`
 * (one row per response and set it is in: everyone, and each group). `where` is the one place
 * that decides which responses are counted.
 */
const PREPARE = (where) => [
  ...CLEAN_UP,
  // Answers are kept as JSONB (SQLite's binary JSON): read again below without parsing text.
  `CREATE TEMP TABLE summary_answers AS
     SELECT r.seq, r.survey_id AS sid, r.survey_version AS ver, a.key AS qid,
            a.value ->> '$.type' AS type, jsonb(a.value) AS answer
     FROM responses r, json_each(r.body, '$.answers') a
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
  'CREATE INDEX temp.summary_answers_seq ON summary_answers (seq, type)',
  // Each word decided in a response, once, with its last choice.
  `CREATE TEMP TABLE summary_decisions AS
     SELECT seq, qid, st, pos, word, choice FROM (
       SELECT a.seq, a.qid, d.value ->> '$.statement' AS st, d.value ->> '$.position' AS pos,
              d.value ->> '$.word' AS word, d.value ->> '$.choice' AS choice,
              ROW_NUMBER() OVER (
                PARTITION BY a.seq, a.qid, d.value ->> '$.statement', d.value ->> '$.position'
                ORDER BY d.key DESC) AS rn
       FROM summary_answers a, json_each(a.answer, '$.decisions') d
       WHERE a.type = 'words'
     ) WHERE rn = 1`,
  'CREATE INDEX temp.summary_decisions_seq ON summary_decisions (seq)',
  `CREATE TEMP TABLE summary_sets AS
     SELECT seq, survey_id AS sid, survey_version AS ver, '' AS gq, '' AS gv,
            json_extract(body, '$.completedAt') AS completed
     FROM responses ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
  // Groups: each option chosen in a choice or choices answer (an option listed twice counts once).
  `INSERT INTO summary_sets (seq, sid, ver, gq, gv, completed)
     SELECT DISTINCT a.seq, a.sid, a.ver, a.qid, g.value, s.completed
     FROM summary_answers a
     JOIN summary_sets s ON s.seq = a.seq AND s.gq = ''
     JOIN json_each(a.answer, CASE a.type WHEN 'choice' THEN '$.value' ELSE '$.values' END) g
     WHERE a.type IN ('choice', 'choices') AND g.type = 'text'`,
  'CREATE INDEX temp.summary_sets_seq ON summary_sets (seq)',
  // Sets too small to break down are taken out: nothing below is ever counted for them.
  `CREATE TEMP TABLE summary_big AS
     SELECT sid, ver, gq, gv FROM summary_sets GROUP BY sid, ver, gq, gv
     HAVING COUNT(*) >= @minGroup`,
];

/** The sets large enough to break down, joined to a response's rows by `seq`. */
const CHOSEN = `summary_sets c JOIN summary_big USING (sid, ver, gq, gv)`;

const QUERIES = {
  sizes: `
    SELECT sid, ver, gq, gv, COUNT(*) AS n, MIN(completed) AS first, MAX(completed) AS last
    FROM summary_sets GROUP BY sid, ver, gq, gv`,
  // A words answer counts as answered only when it decided at least one word.
  answered: `
    SELECT c.sid, c.ver, c.gq, c.gv, a.qid, a.type, COUNT(*) AS n
    FROM ${CHOSEN} JOIN summary_answers a ON a.seq = c.seq
    WHERE a.type <> 'words' OR EXISTS (SELECT 1 FROM summary_decisions d WHERE d.seq = a.seq AND d.qid = a.qid)
    GROUP BY c.sid, c.ver, c.gq, c.gv, a.qid, a.type`,
  words: `
    SELECT c.sid, c.ver, c.gq, c.gv, d.qid, d.st, d.pos, d.word,
           SUM(d.choice = 'keep') AS kept, SUM(d.choice = 'remove') AS removed
    FROM ${CHOSEN} JOIN summary_decisions d ON d.seq = c.seq
    GROUP BY c.sid, c.ver, c.gq, c.gv, d.qid, d.st, d.pos, d.word`,
  choices: `
    SELECT c.sid, c.ver, c.gq, c.gv, m.gq AS qid, m.gv AS value, COUNT(*) AS n
    FROM ${CHOSEN} JOIN summary_sets m ON m.seq = c.seq AND m.gq <> ''
    GROUP BY c.sid, c.ver, c.gq, c.gv, m.gq, m.gv`,
  scales: `
    SELECT c.sid, c.ver, c.gq, c.gv, a.qid, a.answer ->> '$.value' AS value,
           COUNT(*) AS n
    FROM ${CHOSEN} JOIN summary_answers a ON a.seq = c.seq AND a.type = 'scale'
    GROUP BY c.sid, c.ver, c.gq, c.gv, a.qid, value`,
  // How many wrote something, and the first @textLimit of them in the order received.
  texts: `
    WITH numbered AS (
      SELECT c.sid, c.ver, c.gq, c.gv, a.qid, a.seq,
             trim(a.answer ->> '$.value', ' ' || char(9, 10, 13)) AS value
      FROM ${CHOSEN} JOIN summary_answers a ON a.seq = c.seq AND a.type = 'text'
    ),
    ranked AS (
      SELECT *, COUNT(*) OVER (PARTITION BY sid, ver, gq, gv, qid) AS total,
             ROW_NUMBER() OVER (PARTITION BY sid, ver, gq, gv, qid ORDER BY seq) AS rn
      FROM numbered WHERE value <> ''
    )
    SELECT sid, ver, gq, gv, qid, value, total FROM ranked
    WHERE rn <= @textLimit ORDER BY sid, ver, gq, gv, qid, rn`,
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
