// The summary's count tables in SQLite: each response is read once, some time after it is stored
// (in batches, outside the POST request: see summary-counts.js), and its contribution added to
// tables of counts per set and stratum; the summary then sums those small tables instead of
// re-reading every stored body. An erased or expired response's contribution is subtracted in
// the transaction that deletes it. The full count (receiver/test/support/reference/) is the
// reference the tests compare these tables with, cell by cell.
//
// A set is everyone of a survey version (gq = gv = '') or one group, as in summary.js. A stratum
// is what the summary's filter can ask for: survey, version, the integrity flags ('' for none), how collected. So
// any filter is a sum over strata, and the small-group rule is applied after that sum.
import { assembleSummary, integrityOf, setKey } from './summary.js';

/** Set and stratum columns, the key every count table starts with. */
const KEY = 'sid, ver, flags, coll, gq, gv';

/** The migration that creates the count tables (appended to sqlite.js's list). */
export const COUNT_TABLES_SQLITE = `
  -- Which responses are counted, and the sets each is in (one row for everyone, one per group),
  -- with when each was completed: the first and last of a set are read from the index.
  CREATE TABLE counts_members (
    seq INTEGER NOT NULL, sid TEXT NOT NULL, ver TEXT NOT NULL, flags TEXT NOT NULL,
    coll TEXT NOT NULL, gq TEXT NOT NULL, gv TEXT NOT NULL, completed TEXT,
    PRIMARY KEY (seq, gq, gv));
  CREATE INDEX counts_members_completed ON counts_members (${KEY}, completed);
  -- Written answers (trimmed, not empty) in each set, in the order received: the report lists
  -- the first ones of each set, read from the index.
  CREATE TABLE counts_texts (
    seq INTEGER NOT NULL, ${KEY}, qid TEXT NOT NULL, value TEXT NOT NULL,
    PRIMARY KEY (seq, gq, gv, qid));
  CREATE INDEX counts_texts_order ON counts_texts (sid, ver, gq, gv, qid, seq);
  CREATE TABLE counts_sizes (${KEY}, n INTEGER NOT NULL, PRIMARY KEY (${KEY}));
  CREATE TABLE counts_written (${KEY}, qid, n INTEGER NOT NULL, PRIMARY KEY (${KEY}, qid));
  CREATE TABLE counts_answered (
    ${KEY}, qid, type, n INTEGER NOT NULL, PRIMARY KEY (${KEY}, qid, type));
  CREATE TABLE counts_words (
    ${KEY}, qid, st, pos, word, kept INTEGER NOT NULL, removed INTEGER NOT NULL,
    PRIMARY KEY (${KEY}, qid, st, pos, word));
  CREATE TABLE counts_choices (
    ${KEY}, qid, value, n INTEGER NOT NULL, PRIMARY KEY (${KEY}, qid, value));
  CREATE TABLE counts_scales (
    ${KEY}, qid, value, n INTEGER NOT NULL, PRIMARY KEY (${KEY}, qid, value));
  -- One number that changes whenever the counts do: a remembered summary is current while it holds.
  CREATE TABLE counts_state (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
  INSERT INTO counts_state (id, version) VALUES (1, 0);`;

const BATCH_TABLES = ['batch', 'answers', 'decisions', 'sets'];
const DROP_BATCH = BATCH_TABLES.map((name) => `DROP TABLE IF EXISTS temp.counts_x_${name}`);

/**
 * Reads the bodies of the responses in temp.counts_x_batch into temporary tables, by the same
 * rules as the full count the tests hold it to: answers, each word decided once with its last choice, and the sets
 * each response is in, with its stratum.
 */
const EXTRACT = [
  `CREATE TEMP TABLE counts_x_answers AS
     SELECT r.seq, a.key AS qid, a.value ->> '$.type' AS type, jsonb(a.value) AS answer,
            -- A words answer counts as answered only when it decided at least one word.
            a.value ->> '$.type' <> 'words'
              OR json_array_length(a.value, '$.decisions') > 0 AS counted
     FROM temp.counts_x_batch b JOIN responses r ON r.seq = b.seq, json_each(r.body, '$.answers') a`,
  // A word decided twice in one response counts once, with its last choice. (The reference
  // joins on the word, so a decision without statement, position or word is not counted.)
  `CREATE TEMP TABLE counts_x_decisions AS
     SELECT seq, qid, st, pos, word, keep FROM (
       SELECT a.seq, a.qid, d.value ->> '$.statement' AS st, d.value ->> '$.position' AS pos,
              d.value ->> '$.word' AS word, d.value ->> '$.choice' = 'keep' AS keep,
              ROW_NUMBER() OVER (
                PARTITION BY a.seq, a.qid, d.value ->> '$.statement', d.value ->> '$.position'
                ORDER BY d.key DESC) AS rn
       FROM temp.counts_x_answers a, json_each(a.answer, '$.decisions') d
       WHERE a.type = 'words')
     WHERE rn = 1 AND st IS NOT NULL AND pos IS NOT NULL AND word IS NOT NULL`,
  `CREATE TEMP TABLE counts_x_sets AS
     SELECT r.seq, r.survey_id AS sid, r.survey_version AS ver, COALESCE(r.flags, '') AS flags,
            -- Responses queued before the field existed were collected by the respondent.
            COALESCE(json_extract(r.body, '$.collection'), 'self') AS coll,
            '' AS gq, '' AS gv, r.body ->> '$.completedAt' AS completed
     FROM temp.counts_x_batch b JOIN responses r ON r.seq = b.seq`,
  // Groups: each option chosen in a choice or choices answer (an option listed twice counts once).
  `INSERT INTO temp.counts_x_sets
     SELECT DISTINCT a.seq, s.sid, s.ver, s.flags, s.coll, a.qid, g.value, s.completed
     FROM temp.counts_x_answers a
     JOIN temp.counts_x_sets s ON s.seq = a.seq AND s.gq = ''
     JOIN json_each(a.answer, CASE a.type WHEN 'choice' THEN '$.value' ELSE '$.values' END) g
     WHERE a.type IN ('choice', 'choices') AND g.type = 'text'`,
];

const S = 's.sid, s.ver, s.flags, s.coll, s.gq, s.gv';

/** The written answers of the batch, trimmed as JavaScript trims, in each set. */
const WRITTEN = `
  SELECT a.seq, ${S}, a.qid, a.value FROM (
    SELECT seq, qid, trim(answer ->> '$.value', ' ' || char(9, 10, 13)) AS value
    FROM temp.counts_x_answers WHERE type = 'text') a
  JOIN temp.counts_x_sets s ON s.seq = a.seq
  WHERE a.value <> ''`;

/** Adds (@sign = 1) or subtracts (-1) the batch's contribution to each count table. */
const APPLY = [
  `INSERT INTO counts_sizes (${KEY}, n)
     SELECT ${S}, @sign * COUNT(*) FROM temp.counts_x_sets s
     WHERE true GROUP BY ${S}
     ON CONFLICT DO UPDATE SET n = n + excluded.n`,
  `INSERT INTO counts_written (${KEY}, qid, n)
     SELECT sid, ver, flags, coll, gq, gv, qid, @sign * COUNT(*) FROM (${WRITTEN})
     WHERE true GROUP BY sid, ver, flags, coll, gq, gv, qid
     ON CONFLICT DO UPDATE SET n = n + excluded.n`,
  `INSERT INTO counts_answered (${KEY}, qid, type, n)
     SELECT ${S}, a.qid, a.type, @sign * COUNT(*)
     FROM temp.counts_x_sets s JOIN temp.counts_x_answers a ON a.seq = s.seq
     WHERE a.counted GROUP BY ${S}, a.qid, a.type
     ON CONFLICT DO UPDATE SET n = n + excluded.n`,
  `INSERT INTO counts_words (${KEY}, qid, st, pos, word, kept, removed)
     SELECT ${S}, d.qid, d.st, d.pos, d.word, @sign * SUM(d.keep), @sign * SUM(1 - d.keep)
     FROM temp.counts_x_sets s JOIN temp.counts_x_decisions d ON d.seq = s.seq
     WHERE true GROUP BY ${S}, d.qid, d.st, d.pos, d.word
     ON CONFLICT DO UPDATE SET kept = kept + excluded.kept, removed = removed + excluded.removed`,
  `INSERT INTO counts_choices (${KEY}, qid, value, n)
     SELECT ${S}, m.gq, m.gv, @sign * COUNT(*)
     FROM temp.counts_x_sets s JOIN temp.counts_x_sets m ON m.seq = s.seq AND m.gq <> ''
     WHERE true GROUP BY ${S}, m.gq, m.gv
     ON CONFLICT DO UPDATE SET n = n + excluded.n`,
  `INSERT INTO counts_scales (${KEY}, qid, value, n)
     SELECT ${S}, a.qid, a.answer ->> '$.value', @sign * COUNT(*)
     FROM temp.counts_x_sets s JOIN temp.counts_x_answers a ON a.seq = s.seq AND a.type = 'scale'
     WHERE true GROUP BY ${S}, a.qid, a.answer ->> '$.value'
     ON CONFLICT DO UPDATE SET n = n + excluded.n`,
];

/** Records the batch as counted. */
const REMEMBER = [
  `INSERT INTO counts_members (seq, ${KEY}, completed)
     SELECT seq, ${KEY}, completed FROM temp.counts_x_sets`,
  `INSERT INTO counts_texts (seq, ${KEY}, qid, value) ${WRITTEN}`,
];

/** Forgets the batch: its rows go, its counts were subtracted. */
const FORGET = [
  'DELETE FROM counts_members WHERE seq IN (SELECT seq FROM temp.counts_x_batch)',
  'DELETE FROM counts_texts WHERE seq IN (SELECT seq FROM temp.counts_x_batch)',
];

const COUNTED = `EXISTS (SELECT 1 FROM counts_members m WHERE m.seq = r.seq AND m.gq = '' AND m.gv = '')`;

/**
 * The count tables of one SQLite database.
 * @param {import('better-sqlite3').Database} db
 */
export function sqliteCounts(db) {
  const statements = new Map();
  const run = (sql, params = {}) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    const used = Object.fromEntries(
      Object.entries(params).filter(([key]) => sql.includes(`@${key}`)),
    );
    return statement.reader ? statement.all(used) : statement.run(used);
  };
  /** Adds or subtracts the responses `select` picks (a query of `seq`s), in the caller's transaction. */
  const apply = (select, params, sign, whenRead = () => {}) => {
    for (const sql of DROP_BATCH) db.exec(sql);
    db.prepare(`CREATE TEMP TABLE counts_x_batch AS ${select}`).run(params);
    const size = db.prepare('SELECT COUNT(*) FROM temp.counts_x_batch').pluck().get();
    if (size > 0) {
      whenRead();
      for (const sql of EXTRACT) db.exec(sql);
      for (const sql of APPLY) run(sql, { sign });
      for (const sql of sign > 0 ? REMEMBER : FORGET) db.exec(sql);
      db.exec('UPDATE counts_state SET version = version + 1');
    }
    for (const sql of DROP_BATCH) db.exec(sql);
    return size;
  };
  // Two index look-ups, cheap enough for a timer (counting rows would read every one).
  const behind = db.prepare(
    `SELECT MAX(0, COALESCE((SELECT MAX(seq) FROM responses), 0)
                 - COALESCE((SELECT MAX(seq) FROM counts_members), 0))`,
  );
  // Where the last batch ended: the next one looks above it first, so a pass over the table
  // reads each row once; when nothing is left above, it looks again from the start (a lower
  // seq can still appear: seq is MAX(seq) + 1, so the last one erased is given again).
  let after = 0;
  const foldAbove = (limit, above) =>
    apply(
      `SELECT seq FROM responses r WHERE seq > @above AND NOT ${COUNTED} ORDER BY seq LIMIT @limit`,
      { limit, above },
      1,
      () => (after = db.prepare('SELECT MAX(seq) FROM temp.counts_x_batch').pluck().get()),
    );
  const fold = db.transaction((limit) => {
    const counted = foldAbove(limit, after);
    if (counted > 0 || after === 0) return counted;
    after = 0;
    return foldAbove(limit, 0);
  });

  return {
    /** A number that changes whenever the counts change. */
    version() {
      return db.prepare('SELECT version FROM counts_state').pluck().get();
    },
    /**
     * How far the counts are behind: the highest seq stored less the highest counted (0 when
     * none is newer). For the timer; a response committed late below the highest counted is
     * found by the next summary's catch-up, which looks at every seq.
     */
    behind() {
      return behind.pluck().get();
    },
    /** Counts up to `limit` of the responses not counted yet; returns how many. */
    fold(limit) {
      return fold.immediate(limit);
    },
    /**
     * Subtracts the counted responses that `where` picks (SQL over `responses r`, with named
     * parameters): call it in the transaction that deletes them, before the delete.
     */
    forget(where, params) {
      return apply(`SELECT seq FROM responses r WHERE (${where}) AND ${COUNTED}`, params, -1);
    },
    /**
     * The summary from the count tables (the responses counted so far).
     * @param {import('./summary.js').SummaryOptions} options
     */
    summary({ minGroup, textLimit, filter = {} }) {
      const params = { minGroup, textLimit, ...filter };
      // Which strata are summed; `m` names the members' columns in the texts query.
      const clauses = (m = '') =>
        [
          filter.surveyId !== undefined && `${m}sid = @surveyId`,
          filter.version !== undefined && `${m}ver = @version`,
          filter.flagged === 'exclude' && `${m}flags = ''`,
          filter.flagged === 'only' && `${m}flags <> ''`,
          filter.collection !== undefined && `${m}coll = @collection`,
        ].filter(Boolean);
      const only = `WHERE ${['true', ...clauses()].join(' AND ')}`;
      const sum = (table, columns, totals) =>
        `SELECT sid, ver, gq, gv, ${columns}, ${totals} FROM ${table} ${only}
         GROUP BY sid, ver, gq, gv, ${columns}`;
      // The first and last completed of a set in one stratum, from the index.
      const stratum = (m) => `${m}.sid = s.sid AND ${m}.ver = s.ver AND ${m}.flags = s.flags
        AND ${m}.coll = s.coll AND ${m}.gq = s.gq AND ${m}.gv = s.gv`;
      // The first @textLimit written answers of one set and question, from the index.
      const firstTexts = `SELECT value FROM counts_texts
        WHERE sid = @sid AND ver = @ver AND gq = @gq AND gv = @gv AND qid = @qid
          AND ${['true', ...clauses()].join(' AND ')}
        ORDER BY seq LIMIT @textLimit`;
      const read = db.transaction(() => {
        const rows = {
          sizes: run(
            `SELECT sid, ver, gq, gv, SUM(n) AS n, MIN(first) AS first, MAX(last) AS last FROM (
               SELECT s.*,
                 (SELECT MIN(completed) FROM counts_members m WHERE ${stratum('m')}) AS first,
                 (SELECT MAX(completed) FROM counts_members m WHERE ${stratum('m')}) AS last
               FROM counts_sizes s ${only} AND s.n > 0)
             GROUP BY sid, ver, gq, gv`,
            params,
          ),
          answered: run(
            `${sum('counts_answered', 'qid, type', 'SUM(n) AS n')} HAVING SUM(n) > 0`,
            params,
          ),
          words: run(
            `${sum('counts_words', 'qid, st, pos, word', 'SUM(kept) AS kept, SUM(removed) AS removed')}
             HAVING SUM(kept) + SUM(removed) > 0 ORDER BY qid, st, pos, word`,
            params,
          ),
          choices: run(
            `${sum('counts_choices', 'qid, value', 'SUM(n) AS n')} HAVING SUM(n) > 0`,
            params,
          ),
          scales: run(
            `${sum('counts_scales', 'qid, value', 'SUM(n) AS n')} HAVING SUM(n) > 0`,
            params,
          ),
          texts: [],
        };
        // Written answers only for the sets large enough to be broken down.
        const big = new Set(rows.sizes.filter((r) => r.n >= minGroup).map(setKey));
        const totals = run(
          `${sum('counts_written', 'qid', 'SUM(n) AS total')} HAVING SUM(n) > 0`,
          params,
        );
        for (const t of totals) {
          if (!big.has(setKey(t))) continue;
          for (const { value } of run(firstTexts, { ...params, ...t }))
            rows.texts.push({ ...t, value });
        }
        // The integrity note: the survey's and version's, whatever else the filter says.
        rows.integrity = run(
          `SELECT flags, SUM(n) AS n FROM counts_sizes WHERE gq = '' AND gv = ''
             AND ${['true', ...clauses().filter((c) => /^(sid|ver) /.test(c))].join(' AND ')}
           GROUP BY flags`,
          params,
        );
        return rows;
      });
      const rows = read();
      return {
        ...assembleSummary(rows, { minGroup, textLimit }),
        integrity: integrityOf(rows.integrity),
      };
    },
  };
}
