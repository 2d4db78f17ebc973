import { expect } from '@open-wc/testing';
import { DEFAULT_SURVEY } from '../src/definition/default-survey.js';
import {
  aggregate,
  cellsOf,
  inGroupOnly,
  versionsOf,
  type ChoiceResult,
  type ScaleResult,
  type TextResult,
  type WordsResult,
} from '../src/results/aggregate.js';
import { csvCell, toCsv } from '../src/results/csv.js';
import { summarise } from '../src/results/counts.js';
import { describeStats, formatRange, share } from '../src/results/format.js';
import { readResponses, ReadError } from '../src/results/read.js';
import { wordStats } from '../src/results/stats.js';
import { allRows, nextSort, ranked, sortRows, SURVEY_ORDER } from '../src/results/table.js';
import {
  computeView,
  INITIAL_CHOICES,
  parseFilterValue,
  searchAnswers,
} from '../src/results/view.js';
import type { ExpectedCounts } from '../scripts/generate-responses.mjs';
import { generated, jsonLines } from './support/results-data.js';

const question = <T>(report: ReturnType<typeof aggregate>, id: string) =>
  report.questions.find((q) => q.questionId === id) as T;

/** Checks every word, option, scale point and text answer of `report` against `expected`. */
function expectMatches(report: ReturnType<typeof aggregate>, expected: ExpectedCounts) {
  expect(report.count).to.equal(expected.count);
  let cells = 0;
  for (const id of ['values', 'mission']) {
    const words = question<WordsResult>(report, id);
    for (const cell of cellsOf(words)) {
      const want = expected.words[id]?.[`${cell.statement}:${cell.position}`] ?? {
        kept: 0,
        removed: 0,
      };
      const where = `${id} statement ${cell.statement} word ${cell.position} "${cell.word}"`;
      expect(cell.kept, `${where} kept`).to.equal(want.kept);
      expect(cell.removed, `${where} removed`).to.equal(want.removed);
      const n = expected.answered[id] ?? 0;
      expect(cell.total, `${where} n`).to.equal(n);
      expect(cell.undecided, `${where} undecided`).to.equal(n - want.kept - want.removed);
      cells += 1;
    }
    expect(words.unmatched).to.equal(0);
  }
  const connection = question<ChoiceResult>(report, 'connection');
  for (const option of connection.options) {
    expect(option.count, option.value).to.equal(expected.options.connection?.[option.value] ?? 0);
  }
  const fit = question<ScaleResult>(report, 'fit');
  for (const point of fit.points) {
    expect(point.count, `fit ${point.value}`).to.equal(expected.scale.fit?.[point.value] ?? 0);
  }
  for (const id of ['add', 'vision']) {
    expect(question<TextResult>(report, id).answers.map((a) => a.value)).to.deep.equal(
      expected.text[id] ?? [],
    );
  }
  return cells;
}

describe('results: counting (pure functions)', () => {
  it('counts every word, option, scale point and text answer as the generator did, for everyone and every group', () => {
    const { responses, expected } = generated(400);
    const read = readResponses(jsonLines(responses));
    expect(read.invalid).to.deep.equal([]);
    expect(read.responses).to.have.length(400);
    const cells = expectMatches(aggregate(DEFAULT_SURVEY, read.responses), expected.all);
    expect(cells).to.be.greaterThan(150);
    const groups = Object.keys(expected.groups);
    expect(groups).to.include.members(['connection=staff', 'connection=patient']);
    for (const group of groups) {
      const filter = parseFilterValue(group, DEFAULT_SURVEY);
      expect(filter, group).to.not.equal(null);
      expectMatches(
        aggregate(DEFAULT_SURVEY, inGroupOnly(read.responses, filter)),
        expected.groups[group],
      );
    }
    // Someone changed their mind somewhere: a word decided twice counts once, with the last choice.
    expect(
      responses.some((r) => {
        const answer = r.answers.values;
        if (answer?.type !== 'words') return false;
        const keys = answer.decisions.map((d) => `${d.statement}:${d.position}`);
        return new Set(keys).size < keys.length;
      }),
    ).to.equal(true);
  });

  it('reads a JSON array and JSON Lines alike, and lists every record it cannot use with why', () => {
    const { responses } = generated(3);
    const [a, b, c] = responses;
    expect(readResponses(JSON.stringify(responses)).responses).to.have.length(3);
    const broken = { ...b, answers: { fit: { type: 'scale', value: 'high' } } };
    const text = [
      JSON.stringify(a),
      '{not json',
      '',
      JSON.stringify(broken),
      JSON.stringify(c),
      JSON.stringify(a),
    ].join('\n');
    const read = readResponses(text);
    expect(read.responses.map((r) => r.id)).to.deep.equal([a.id, c.id]);
    expect(read.invalid).to.have.length(3);
    expect(read.invalid[0]).to.deep.equal({ where: 'line 2', reason: 'is not JSON' });
    expect(read.invalid[1].where).to.equal('line 4');
    expect(read.invalid[1].id).to.equal(b.id);
    expect(read.invalid[1].reason).to.match(/answers\.fit\.value must be a (whole )?number/);
    expect(read.invalid[2]).to.deep.equal({
      where: 'line 6',
      id: a.id,
      reason: 'repeats the response at line 1 (same id)',
    });
    const array = readResponses(JSON.stringify([a, 42]));
    expect(array.invalid[0].where).to.equal('item 2');
    expect(readResponses('').responses).to.deep.equal([]);
    expect(() => readResponses('<!doctype html><p>Sign in')).to.throw(ReadError, /neither/);
    expect(() => readResponses('[{"id": ')).to.throw(ReadError, /not a valid JSON list/);
  });

  it('does not count decisions on words the definition does not have there, and says how many', () => {
    const { responses } = generated(1, 3);
    const response = structuredClone(responses[0]);
    response.answers.values = {
      type: 'words',
      decisions: [
        { statement: 1, position: 2, word: 'caring', choice: 'keep' },
        { statement: 1, position: 3, word: 'kind', choice: 'keep' },
        { statement: 9, position: 0, word: 'we', choice: 'remove' },
      ],
    };
    const values = question<WordsResult>(aggregate(DEFAULT_SURVEY, [response]), 'values');
    const caring = cellsOf(values).find((c) => c.statement === 1 && c.position === 2)!;
    expect(caring).to.include({ word: 'caring', kept: 1, removed: 0, undecided: 0, total: 1 });
    expect(values.unmatched).to.equal(2);
  });

  it("groups responses by survey version, most first, and shows the definition's own first", () => {
    const { responses } = generated(5);
    const other = responses.slice(0, 3).map((r) => ({ ...r, surveyVersion: '2' }));
    const all = [...responses.slice(3), ...other];
    expect(versionsOf(all).map((v) => [v.version, v.count])).to.deep.equal([
      ['2', 3],
      ['1', 2],
    ]);
    const view = computeView(summarise(all), DEFAULT_SURVEY, INITIAL_CHOICES);
    expect(view.version?.version).to.equal('1');
    expect(view.selection.count).to.equal(2);
    // Two people are fewer than ten: counted, never broken down.
    expect(view.selection.report).to.equal(null);
    expect(view.rows).to.deep.equal([]);
  });

  it('writes shares, the word description and date ranges in plain en-GB', () => {
    expect(share(41, 108)).to.equal('38%');
    expect(share(0, 0)).to.equal('0%');
    expect(describeStats(wordStats(41, 12, 108))).to.equal(
      'leans keep, lean −27 points (95% interval −38 to −14); of 108 who answered, removed by 12 (11%), kept by 41 (38%), undecided 55',
    );
    expect(formatRange('2026-06-01T09:00:00Z', '2026-06-30T23:00:00Z')).to.equal(
      '1 June 2026 to 30 June 2026',
    );
    expect(formatRange('2026-06-01T09:00:00Z', '2026-06-01T10:00:00Z')).to.equal('1 June 2026');
  });

  it('sorts rows by any column either way, ties in survey order, and ranks by lean', () => {
    const { responses } = generated(200);
    const rows = allRows(aggregate(DEFAULT_SURVEY, responses));
    const byRemoved = sortRows(rows, nextSort(SURVEY_ORDER, 'removed'));
    for (let i = 1; i < byRemoved.length; i++)
      expect(byRemoved[i - 1].removed).to.be.at.least(byRemoved[i].removed);
    const reversed = sortRows(rows, nextSort(nextSort(SURVEY_ORDER, 'removed'), 'removed'));
    for (let i = 1; i < reversed.length; i++)
      expect(reversed[i - 1].removed).to.be.at.most(reversed[i].removed);
    const byWord = sortRows(rows, nextSort(SURVEY_ORDER, 'word'));
    expect(byWord[0].word.toLowerCase() <= byWord[byWord.length - 1].word.toLowerCase()).to.equal(
      true,
    );
    const byLean = sortRows(rows, nextSort(SURVEY_ORDER, 'lean'));
    for (let i = 1; i < byLean.length; i++)
      expect(byLean[i - 1].stats.lean).to.be.at.least(byLean[i].stats.lean);
    const top = ranked(rows, 'remove', 5);
    expect(top.length).to.be.greaterThan(0);
    const clear = rows.filter((r) => r.stats.leans === 'remove');
    expect(top[0].stats.lean).to.equal(Math.max(...clear.map((r) => r.stats.lean)));
    for (const r of top) expect(r.stats.leanInterval.low).to.be.greaterThan(0);
    for (const r of ranked(rows, 'keep', 5)) expect(r.stats.leanInterval.high).to.be.lessThan(0);
  });

  it('exports CSV that a spreadsheet cannot run as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).to.equal(`"'=HYPERLINK(""x"")"`);
    for (const start of ['+', '-', '@', '\t', '\r'])
      expect(csvCell(`${start}1`).replace(/^"/, '')).to.match(/^'/);
    expect(csvCell(12)).to.equal('12');
    expect(csvCell('a, b')).to.equal('"a, b"');
    const { responses } = generated(20);
    const rows = allRows(aggregate(DEFAULT_SURVEY, responses));
    const lines = toCsv(rows, '=Staff').trimEnd().split('\r\n');
    expect(lines).to.have.length(rows.length + 1);
    expect(lines[0]).to.match(
      /^group,question,statement number,statement,word number,word,answered \(n\),kept,kept %,kept % 95% low/,
    );
    expect(lines[1].startsWith("'=Staff,values,1,")).to.equal(true);
  });

  it('searches text answers ignoring case and accents', () => {
    const answers = [{ value: 'Café culture' }, { value: 'Kindness' }, { value: 'KIND words' }];
    expect(searchAnswers(answers, 'kind').map((a) => a.value)).to.deep.equal([
      'Kindness',
      'KIND words',
    ]);
    expect(searchAnswers(answers, 'cafe')).to.have.length(1);
    expect(searchAnswers(answers, '  ')).to.have.length(3);
  });
});
