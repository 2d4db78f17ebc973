// The summary's count tables in PostgreSQL: the same design as summary-counts-sqlite.js (read
// each response once, in batches outside the POST request; subtract an erased or expired one in
// the transaction that deletes it), by the rules of the full count (receiver/test/support/reference/summary-postgres.js).
//
// Several receivers may share the database: whoever adds to or subtracts from the counts first
// takes one advisory lock, so a response is never counted twice or subtracted before it was
// counted. The batch is chosen by "not counted yet", not by a highest seq: PostgreSQL may commit
// a lower seq after a higher one.
import { assembleSummary, integrityOf, setKey } from './summary.js';

/** The advisory lock taken while the count tables change (storage/postgres.js uses 7_215_00x). */
export const COUNTS_LOCK = 7_215_003;

const KEY = 'sid, ver, flags, coll, gq, gv';
const KEY_TYPES = `sid text NOT NULL, ver text NOT NULL, flags text NOT NULL, coll text NOT NULL,
    gq text NOT NULL, gv text NOT NULL`;

/** The migration that creates the count tables (appended to postgres.js's list). */
export const COUNT_TABLES_POSTGRES = `
  CREATE TABLE counts_members (
    seq bigint NOT NULL, ${KEY_TYPES}, completed text, PRIMARY KEY (seq, gq, gv));
  CREATE INDEX counts_members_completed ON counts_members (${KEY}, completed);
  CREATE TABLE counts_texts (
    seq bigint NOT NULL, ${KEY_TYPES}, qid text NOT NULL, value text NOT NULL,
    PRIMARY KEY (seq, gq, gv, qid));
  CREATE INDEX counts_texts_order ON counts_texts (sid, ver, gq, gv, qid, seq);
  CREATE TABLE counts_sizes (${KEY_TYPES}, n integer NOT NULL, PRIMARY KEY (${KEY}));
  CREATE TABLE counts_written (
    ${KEY_TYPES}, qid text, n integer NOT NULL, PRIMARY KEY (${KEY}, qid));
  CREATE TABLE counts_answered (
    ${KEY_TYPES}, qid text, type text, n integer NOT NULL, PRIMARY KEY (${KEY}, qid, type));
  CREATE TABLE counts_words (
    ${KEY_TYPES}, qid text, st integer, pos integer, word text,
    kept integer NOT NULL, removed integer NOT NULL, PRIMARY KEY (${KEY}, qid, st, pos, word));
  CREATE TABLE counts_choices (
    ${KEY_TYPES}, qid text, value text, n integer NOT NULL, PRIMARY KEY (${KEY}, qid, value));
  CREATE TABLE counts_scales (
    ${KEY_TYPES}, qid text, value text, n integer NOT NULL, PRIMARY KEY (${KEY}, qid, value));
  -- One number that changes whenever the counts do: a remembered summary is current while it holds.
  CREATE TABLE counts_state (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
  INSERT INTO counts_state (id, version) VALUES (1, 0);`;

const BATCH_TABLES = ['batch', 'answers', 'decisions', 'sets'];
const DROP_BATCH = `DROP TABLE IF EXISTS ${BATCH_TABLES.map((name) => `counts_x_${name}`).join(', ')}`;

/** The responses in counts_x_batch, read as the full count (test/support/reference/) reads them, with their stratum. */
const EXTRACT = [
  `CREATE TEMP TABLE counts_x_answers ON COMMIT DROP AS
     SELECT r.seq, a.key AS qid, a.value ->> 'type' AS type, a.value::jsonb AS answer
     FROM counts_x_batch b JOIN responses r ON r.seq = b.seq, json_each(r.body -> 'answers') a`,
  // A word decided twice in one response counts once, with its last choice.
  `CREATE TEMP TABLE counts_x_decisions ON COMMIT DROP AS
     SELECT DISTINCT ON (a.seq, a.qid, (d.value ->> 'statement')::int, (d.value ->> 'position')::int)
            a.seq, a.qid, (d.value ->> 'statement')::int AS st, (d.value ->> 'position')::int AS pos,
            d.value ->> 'word' AS word, d.value ->> 'choice' AS choice
     FROM counts_x_answers a, jsonb_array_elements(a.answer -> 'decisions') WITH ORDINALITY d(value, i)
     WHERE a.type = 'words'
     ORDER BY a.seq, a.qid, (d.value ->> 'statement')::int, (d.value ->> 'position')::int, d.i DESC`,
  `CREATE TEMP TABLE counts_x_sets ON COMMIT DROP AS
     SELECT r.seq, r.survey_id AS sid, r.survey_version AS ver, COALESCE(r.flags, '') AS flags,
            -- Responses queued before the field existed were collected by the respondent.
            COALESCE(r.body ->> 'collection', 'self') AS coll, ''::text AS gq, ''::text AS gv,
            r.body ->> 'completedAt' AS completed
     FROM counts_x_batch b JOIN responses r ON r.seq = b.seq`,
  `INSERT INTO counts_x_sets
     SELECT DISTINCT a.seq, s.sid, s.ver, s.flags, s.coll, a.qid, g.value, s.completed
     FROM counts_x_answers a
     JOIN counts_x_sets s ON s.seq = a.seq AND s.gq = ''
     CROSS JOIN LATERAL (
       SELECT a.answer ->> 'value' AS value WHERE a.type = 'choice'
       UNION ALL
       SELECT v FROM jsonb_array_elements_text(
         CASE WHEN a.type = 'choices' THEN a.answer -> 'values' ELSE '[]'::jsonb END) v
     ) g
     WHERE a.type IN ('choice', 'choices') AND g.value IS NOT NULL`,
];

const S = 's.sid, s.ver, s.flags, s.coll, s.gq, s.gv';

/** The written answers of the batch, trimmed as JavaScript trims (tabs and line ends too). */
const WRITTEN = `
  SELECT a.seq, ${S}, a.qid, a.value FROM (
    SELECT seq, qid, btrim(answer ->> 'value', E' \\t\\n\\r') AS value
    FROM counts_x_answers WHERE type = 'text') a
  JOIN counts_x_sets s ON s.seq = a.seq
  WHERE a.value <> ''`;

/** Adds ($sign = 1) or subtracts (-1) the batch's contribution to each count table. */
const APPLY = [
  `INSERT INTO counts_sizes (${KEY}, n)
     SELECT ${S}, $sign * COUNT(*) FROM counts_x_sets s GROUP BY ${S}
     ON CONFLICT (${KEY}) DO UPDATE SET n = counts_sizes.n + excluded.n`,
  `INSERT INTO counts_written (${KEY}, qid, n)
     SELECT sid, ver, flags, coll, gq, gv, qid, $sign * COUNT(*) FROM (${WRITTEN}) w
     GROUP BY sid, ver, flags, coll, gq, gv, qid
     ON CONFLICT (${KEY}, qid) DO UPDATE SET n = counts_written.n + excluded.n`,
  `INSERT INTO counts_answered (${KEY}, qid, type, n)
     SELECT ${S}, a.qid, a.type, $sign * COUNT(*)
     FROM counts_x_sets s JOIN counts_x_answers a ON a.seq = s.seq
     WHERE a.type <> 'words'
        OR EXISTS (SELECT 1 FROM counts_x_decisions d WHERE d.seq = a.seq AND d.qid = a.qid)
     GROUP BY ${S}, a.qid, a.type
     ON CONFLICT (${KEY}, qid, type) DO UPDATE SET n = counts_answered.n + excluded.n`,
  `INSERT INTO counts_words (${KEY}, qid, st, pos, word, kept, removed)
     SELECT ${S}, d.qid, d.st, d.pos, d.word,
            $sign * COUNT(*) FILTER (WHERE d.choice = 'keep'),
            $sign * COUNT(*) FILTER (WHERE d.choice = 'remove')
     FROM counts_x_sets s JOIN counts_x_decisions d ON d.seq = s.seq
     GROUP BY ${S}, d.qid, d.st, d.pos, d.word
     ON CONFLICT (${KEY}, qid, st, pos, word) DO UPDATE
       SET kept = counts_words.kept + excluded.kept,
           removed = counts_words.removed + excluded.removed`,
  `INSERT INTO counts_choices (${KEY}, qid, value, n)
     SELECT ${S}, m.gq, m.gv, $sign * COUNT(*)
     FROM counts_x_sets s JOIN counts_x_sets m ON m.seq = s.seq AND m.gq <> ''
     GROUP BY ${S}, m.gq, m.gv
     ON CONFLICT (${KEY}, qid, value) DO UPDATE SET n = counts_choices.n + excluded.n`,
  `INSERT INTO counts_scales (${KEY}, qid, value, n)
     SELECT ${S}, a.qid, a.answer ->> 'value', $sign * COUNT(*)
     FROM counts_x_sets s JOIN counts_x_answers a ON a.seq = s.seq AND a.type = 'scale'
     GROUP BY ${S}, a.qid, a.answer ->> 'value'
     ON CONFLICT (${KEY}, qid, value) DO UPDATE SET n = counts_scales.n + excluded.n`,
];

const REMEMBER = [
  `INSERT INTO counts_members (seq, ${KEY}, completed)
     SELECT seq, ${KEY}, completed FROM counts_x_sets`,
  `INSERT INTO counts_texts (seq, ${KEY}, qid, value) ${WRITTEN}`,
];

const FORGET = [
  'DELETE FROM counts_members WHERE seq IN (SELECT seq FROM counts_x_batch)',
  'DELETE FROM counts_texts WHERE seq IN (SELECT seq FROM counts_x_batch)',
];

const COUNTED = `EXISTS (SELECT 1 FROM counts_members m WHERE m.seq = r.seq AND m.gq = '' AND m.gv = '')`;

/** Runs `sql` with named parameters ($name), passing each statement only those it uses. */
function query(client, sql, named = {}) {
  const values = [];
  const text = sql.replace(/\$([a-zA-Z]+)/g, (_, name) => {
    values.push(named[name]);
    return `$${values.length}`;
  });
  return client.query(text, values);
}

/**
 * Adds or subtracts the responses `select` picks (a query of `seq`s from `responses r`), in the
 * client's transaction, after taking the counts lock. Returns how many; calls `whenRead` with
 * the highest seq of a batch that was not empty.
 */
async function apply(client, select, named, sign, whenRead = () => {}) {
  await client.query('SELECT pg_advisory_xact_lock($1)', [COUNTS_LOCK]);
  await client.query(DROP_BATCH);
  await query(client, `CREATE TEMP TABLE counts_x_batch ON COMMIT DROP AS ${select}`, named);
  const { rows } = await client.query(
    'SELECT COUNT(*)::int AS n, MAX(seq)::text AS last FROM counts_x_batch',
  );
  const [{ n, last }] = rows;
  if (n > 0) {
    whenRead(last);
    for (const sql of EXTRACT) await client.query(sql);
    for (const sql of APPLY) await query(client, sql, { sign });
    for (const sql of sign > 0 ? REMEMBER : FORGET) await client.query(sql);
    await client.query('UPDATE counts_state SET version = version + 1');
  }
  await client.query(DROP_BATCH);
  return n;
}

/**
 * Subtracts the counted responses `where` picks (SQL over `responses r`, named parameters):
 * call it in the transaction that deletes them, before the delete.
 * @param {import('pg').PoolClient} client
 */
export function forgetCounted(client, where, named) {
  return apply(client, `SELECT seq FROM responses r WHERE (${where}) AND ${COUNTED}`, named, -1);
}

/**
 * The count tables of one PostgreSQL database.
 * @param {import('pg').Pool} pool
 */
export function postgresCounts(pool) {
  const inTransaction = async (isolation, work) => {
    const client = await pool.connect();
    try {
      await client.query(`BEGIN ISOLATION LEVEL ${isolation}`);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
  // Where the last batch ended, as in summary-counts-sqlite.js: a pass reads each row once, and
  // when nothing is left above, the next looks again from the start (a late commit of a lower seq).
  let after = '0';
  const foldAbove = (limit, above) =>
    inTransaction('READ COMMITTED', (client) =>
      apply(
        client,
        `SELECT seq FROM responses r WHERE seq > $above AND NOT ${COUNTED}
         ORDER BY seq LIMIT $limit`,
        { limit, above },
        1,
        (last) => (after = last),
      ),
    );

  return {
    /** A number that changes whenever the counts change. */
    async version() {
      const { rows } = await pool.query('SELECT version FROM counts_state');
      return Number(rows[0].version);
    },
    /**
     * How far the counts are behind: the highest seq stored less the highest counted (0 when
     * none is newer). Two index look-ups, cheap enough for a timer (counting rows would read the
     * table); a response committed late below the highest counted is found by the next
     * summary's catch-up, which looks at every seq.
     */
    async behind() {
      const { rows } = await pool.query(
        `SELECT GREATEST(0, COALESCE((SELECT MAX(seq) FROM responses), 0)
                          - COALESCE((SELECT MAX(seq) FROM counts_members), 0)) AS n`,
      );
      return Number(rows[0].n);
    },
    /** Counts up to `limit` of the responses not counted yet; returns how many. */
    async fold(limit) {
      const counted = await foldAbove(limit, after);
      if (counted > 0 || after === '0') return counted;
      after = '0';
      return foldAbove(limit, '0');
    },
    /**
     * The summary from the count tables, in one REPEATABLE READ transaction.
     * @param {import('./summary.js').SummaryOptions} options
     */
    summary({ minGroup, textLimit, filter = {} }) {
      const named = { minGroup, textLimit, ...filter };
      // Which strata are summed; `m` names the members' columns in the texts query.
      const clauses = (m = '') =>
        [
          filter.surveyId !== undefined && `${m}sid = $surveyId`,
          filter.version !== undefined && `${m}ver = $version`,
          filter.flagged === 'exclude' && `${m}flags = ''`,
          filter.flagged === 'only' && `${m}flags <> ''`,
          filter.collection !== undefined && `${m}coll = $collection`,
        ].filter(Boolean);
      const only = `WHERE ${['true', ...clauses()].join(' AND ')}`;
      const sum = (table, columns, totals, nonZero) =>
        `SELECT sid, ver, gq, gv, ${columns}, ${totals} FROM ${table} ${only}
         GROUP BY sid, ver, gq, gv, ${columns} HAVING ${nonZero}`;
      // The first and last completed of a set in one stratum, from the index.
      const stratum = (m) => `${m}.sid = s.sid AND ${m}.ver = s.ver AND ${m}.flags = s.flags
        AND ${m}.coll = s.coll AND ${m}.gq = s.gq AND ${m}.gv = s.gv`;
      const queries = {
        sizes: `SELECT sid, ver, gq, gv, SUM(n)::int AS n, MIN(first) AS first, MAX(last) AS last
                FROM (
                  SELECT s.*,
                    (SELECT MIN(completed) FROM counts_members m WHERE ${stratum('m')}) AS first,
                    (SELECT MAX(completed) FROM counts_members m WHERE ${stratum('m')}) AS last
                  FROM counts_sizes s ${only} AND s.n > 0) s
                GROUP BY sid, ver, gq, gv`,
        answered: sum('counts_answered', 'qid, type', 'SUM(n)::int AS n', 'SUM(n) > 0'),
        words: `${sum(
          'counts_words',
          'qid, st, pos, word',
          'SUM(kept)::int AS kept, SUM(removed)::int AS removed',
          'SUM(kept) + SUM(removed) > 0',
        )} ORDER BY qid, st, pos, word`,
        choices: sum('counts_choices', 'qid, value', 'SUM(n)::int AS n', 'SUM(n) > 0'),
        scales: sum('counts_scales', 'qid, value', 'SUM(n)::int AS n', 'SUM(n) > 0'),
      };
      const totals = sum('counts_written', 'qid', 'SUM(n)::int AS total', 'SUM(n) > 0');
      // The first $textLimit written answers of one set and question, from the index.
      const firstTexts = `SELECT value FROM counts_texts
        WHERE sid = $sid AND ver = $ver AND gq = $gq AND gv = $gv AND qid = $qid
          AND ${['true', ...clauses()].join(' AND ')}
        ORDER BY seq LIMIT $textLimit`;
      return inTransaction('REPEATABLE READ', async (client) => {
        const rows = { texts: [] };
        for (const [name, sql] of Object.entries(queries)) {
          rows[name] = (await query(client, sql, named)).rows;
        }
        // Written answers only for the sets large enough to be broken down.
        const big = new Set(rows.sizes.filter((r) => r.n >= minGroup).map(setKey));
        for (const t of (await query(client, totals, named)).rows) {
          if (!big.has(setKey(t))) continue;
          const { rows: first } = await query(client, firstTexts, { ...named, ...t });
          for (const { value } of first) rows.texts.push({ ...t, value });
        }
        // The integrity note: the survey's and version's, whatever else the filter says.
        const sizes = await query(
          client,
          `SELECT flags, SUM(n)::int AS n FROM counts_sizes WHERE gq = '' AND gv = ''
             AND ${['true', ...clauses().filter((c) => /^(sid|ver) /.test(c))].join(' AND ')}
           GROUP BY flags`,
          named,
        );
        return {
          ...assembleSummary(rows, { minGroup, textLimit }),
          integrity: integrityOf(sizes.rows),
        };
      });
    },
  };
}
