// The summary counted by PostgreSQL (its json functions over the stored bodies), in one
// REPEATABLE READ transaction so every figure comes from the same moment. See summary.js.
import { flaggedClause } from '../../../src/storage/rows.js';
import { assembleSummary } from '../../../src/storage/summary.js';

/**
 * Temporary tables (dropped at commit), filled in one pass over the stored bodies, as in
 * summary-sqlite.js: answers, each word decided once with its last choice, and the sets each
 * response is in. `where` is the one place that decides which responses are counted.
 */
const PREPARE = (where) => [
  `CREATE TEMP TABLE summary_answers ON COMMIT DROP AS
     SELECT r.seq, r.survey_id AS sid, r.survey_version AS ver, a.key AS qid,
            a.value ->> 'type' AS type, a.value::jsonb AS answer
     FROM responses r, json_each(r.body -> 'answers') a
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
  `CREATE TEMP TABLE summary_decisions ON COMMIT DROP AS
     SELECT DISTINCT ON (a.seq, a.qid, (d.value ->> 'statement')::int, (d.value ->> 'position')::int)
            a.seq, a.qid, (d.value ->> 'statement')::int AS st, (d.value ->> 'position')::int AS pos,
            d.value ->> 'word' AS word, d.value ->> 'choice' AS choice
     FROM summary_answers a, jsonb_array_elements(a.answer -> 'decisions') WITH ORDINALITY d(value, i)
     WHERE a.type = 'words'
     ORDER BY a.seq, a.qid, (d.value ->> 'statement')::int, (d.value ->> 'position')::int, d.i DESC`,
  `CREATE TEMP TABLE summary_sets ON COMMIT DROP AS
     SELECT seq, survey_id AS sid, survey_version AS ver, ''::text AS gq, ''::text AS gv,
            body ->> 'completedAt' AS completed
     FROM responses ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
  `INSERT INTO summary_sets (seq, sid, ver, gq, gv, completed)
     SELECT DISTINCT a.seq, a.sid, a.ver, a.qid, g.value, s.completed
     FROM summary_answers a
     JOIN summary_sets s ON s.seq = a.seq AND s.gq = ''
     CROSS JOIN LATERAL (
       SELECT a.answer ->> 'value' AS value WHERE a.type = 'choice'
       UNION ALL
       SELECT v FROM jsonb_array_elements_text(
         CASE WHEN a.type = 'choices' THEN a.answer -> 'values' ELSE '[]'::jsonb END) v
     ) g
     WHERE a.type IN ('choice', 'choices') AND g.value IS NOT NULL`,
  `CREATE TEMP TABLE summary_big ON COMMIT DROP AS
     SELECT sid, ver, gq, gv FROM summary_sets GROUP BY sid, ver, gq, gv
     HAVING COUNT(*) >= $minGroup`,
  'ANALYZE summary_answers, summary_decisions, summary_sets, summary_big',
];

const CHOSEN = `summary_sets c JOIN summary_big USING (sid, ver, gq, gv)`;

const QUERIES = {
  sizes: `
    SELECT sid, ver, gq, gv, COUNT(*)::int AS n, MIN(completed) AS first, MAX(completed) AS last
    FROM summary_sets GROUP BY sid, ver, gq, gv`,
  answered: `
    SELECT c.sid, c.ver, c.gq, c.gv, a.qid, a.type, COUNT(*)::int AS n
    FROM ${CHOSEN} JOIN summary_answers a ON a.seq = c.seq
    WHERE a.type <> 'words'
       OR EXISTS (SELECT 1 FROM summary_decisions d WHERE d.seq = a.seq AND d.qid = a.qid)
    GROUP BY c.sid, c.ver, c.gq, c.gv, a.qid, a.type`,
  words: `
    SELECT c.sid, c.ver, c.gq, c.gv, d.qid, d.st, d.pos, d.word,
           COUNT(*) FILTER (WHERE d.choice = 'keep')::int AS kept,
           COUNT(*) FILTER (WHERE d.choice = 'remove')::int AS removed
    FROM ${CHOSEN} JOIN summary_decisions d ON d.seq = c.seq
    GROUP BY c.sid, c.ver, c.gq, c.gv, d.qid, d.st, d.pos, d.word`,
  choices: `
    SELECT c.sid, c.ver, c.gq, c.gv, m.gq AS qid, m.gv AS value, COUNT(*)::int AS n
    FROM ${CHOSEN} JOIN summary_sets m ON m.seq = c.seq AND m.gq <> ''
    GROUP BY c.sid, c.ver, c.gq, c.gv, m.gq, m.gv`,
  scales: `
    SELECT c.sid, c.ver, c.gq, c.gv, a.qid, a.answer ->> 'value' AS value, COUNT(*)::int AS n
    FROM ${CHOSEN} JOIN summary_answers a ON a.seq = c.seq AND a.type = 'scale'
    GROUP BY c.sid, c.ver, c.gq, c.gv, a.qid, a.answer ->> 'value'`,
  // JavaScript's trim also takes tabs and line ends: so does this.
  texts: `
    WITH numbered AS (
      SELECT c.sid, c.ver, c.gq, c.gv, a.qid, a.seq,
             btrim(a.answer ->> 'value', E' \\t\\n\\r') AS value
      FROM ${CHOSEN} JOIN summary_answers a ON a.seq = c.seq AND a.type = 'text'
    ),
    ranked AS (
      SELECT *, COUNT(*) OVER (PARTITION BY sid, ver, gq, gv, qid)::int AS total,
             ROW_NUMBER() OVER (PARTITION BY sid, ver, gq, gv, qid ORDER BY seq) AS rn
      FROM numbered WHERE value <> ''
    )
    SELECT sid, ver, gq, gv, qid, value, total FROM ranked
    WHERE rn <= $textLimit ORDER BY sid, ver, gq, gv, qid, rn`,
};

/**
 * Counts the summary in PostgreSQL.
 * @param {import('pg').Pool} pool
 * @param {import('./summary.js').SummaryOptions} options
 */
export async function postgresSummary(pool, { minGroup, textLimit, filter = {} }) {
  const named = { minGroup, textLimit };
  const where = [];
  if (filter.surveyId !== undefined) {
    named.surveyId = filter.surveyId;
    where.push('survey_id = $surveyId');
  }
  if (filter.version !== undefined) {
    named.version = filter.version;
    where.push('survey_version = $version');
  }
  if (flaggedClause(filter.flagged)) where.push(flaggedClause(filter.flagged));
  if (filter.collection !== undefined) {
    // Responses queued before the field existed have none: they were collected by the respondent.
    named.collection = filter.collection;
    where.push("COALESCE(body ->> 'collection', 'self') = $collection");
  }
  // Named parameters ($minGroup) become positional ($1) per statement, with only those it uses.
  const query = (client, sql) => {
    const values = [];
    const text = sql.replace(/\$([a-zA-Z]+)/g, (_, name) => {
      values.push(named[name]);
      return `$${values.length}`;
    });
    return client.query(text, values);
  };
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    for (const sql of PREPARE(where)) await query(client, sql);
    const rows = {};
    for (const [name, sql] of Object.entries(QUERIES)) rows[name] = (await query(client, sql)).rows;
    await client.query('COMMIT');
    return assembleSummary(rows, { minGroup, textLimit });
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
