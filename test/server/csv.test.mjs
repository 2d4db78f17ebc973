import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoServer } from './start-demo-server.mjs';
import { makeResponse, parseCsv, post, words } from './responses.mjs';
import { csvCell, formatAnswer } from '../../demo/endpoint/csv.mjs';

test('GET /responses.csv has a header row, one row per response, one column per question', async (t) => {
  const server = await startDemoServer(t);
  const first = makeResponse({
    answers: {
      values: words(
        [0, 1, 'caring', 'keep'],
        [0, 0, 'we', 'remove'],
        [1, 0, 'we', 'keep'],
        [0, 1, 'caring', 'remove'], // decided twice: the last choice counts
      ),
      connection: { type: 'choices', values: ['staff', 'student'] },
      fit: { type: 'scale', value: 4 },
    },
  });
  const second = makeResponse({
    surveyVersion: '2',
    answers: {
      add: { type: 'text', value: 'Kindness, "honesty"\nand openness' },
      role: { type: 'choice', value: 'nurse' },
      fit: { type: 'scale', value: -1 },
    },
  });
  assert.equal((await post(server, first)).status, 201);
  assert.equal((await post(server, second)).status, 201);

  const res = await fetch(`${server.url}/responses.csv`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv; charset=utf-8/);
  const text = await res.text();
  assert.ok(text.endsWith('\r\n'));
  const rows = parseCsv(text);
  assert.deepEqual(rows, [
    [
      'id',
      'surveyId',
      'surveyVersion',
      'startedAt',
      'completedAt',
      'values',
      'connection',
      'fit',
      'add',
      'role',
    ],
    [
      first.id,
      'tp-values-refresh',
      '1',
      first.startedAt,
      first.completedAt,
      'kept: we; removed: we caring',
      'staff; student',
      '4',
      '',
      '',
    ],
    [
      second.id,
      'tp-values-refresh',
      '2',
      second.startedAt,
      second.completedAt,
      '',
      '',
      '-1',
      'Kindness, "honesty"\nand openness',
      'nurse',
    ],
  ]);
  assert.ok(text.includes('"Kindness, ""honesty""\nand openness"'));
});

test('CSV cells that a spreadsheet would run as a formula are prefixed with a quote', async (t) => {
  const server = await startDemoServer(t);
  const response = makeResponse({
    surveyId: '=cmd|calc',
    answers: {
      add: { type: 'text', value: '=HYPERLINK("http://evil.example","click")' },
      plus: { type: 'text', value: '+44 20 7946 0000' },
      minus: { type: 'choice', value: '-2+3' },
      at: { type: 'choices', values: ['@SUM(A1)', 'fine'] },
      safe: { type: 'text', value: 'a = b' },
    },
  });
  assert.equal((await post(server, response)).status, 201);
  const [header, row] = parseCsv(await (await fetch(`${server.url}/responses.csv`)).text());
  const cells = Object.fromEntries(header.map((name, index) => [name, row[index]]));
  assert.equal(cells.surveyId, "'=cmd|calc");
  assert.equal(cells.add, `'=HYPERLINK("http://evil.example","click")`);
  assert.equal(cells.plus, "'+44 20 7946 0000");
  assert.equal(cells.minus, "'-2+3");
  assert.equal(cells.at, "'@SUM(A1); fine");
  assert.equal(cells.safe, 'a = b');
});

test('csvCell quotes quotes, commas and line breaks, and guards text but not numbers', () => {
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('one\r\ntwo'), '"one\r\ntwo"');
  assert.equal(csvCell('=1+1'), "'=1+1");
  assert.equal(csvCell('\tx'), "'\tx");
  assert.equal(csvCell('=1,2'), `"'=1,2"`);
  assert.equal(csvCell(-3), '-3');
  assert.equal(csvCell(undefined), '');
  assert.equal(formatAnswer(words([0, 0, 'we', 'keep'])), 'kept: we');
  assert.equal(formatAnswer({ type: 'words', decisions: [] }), '');
  assert.equal(formatAnswer({ type: 'choices', values: [] }), '');
});

test('an empty store gives just the header row', async (t) => {
  const server = await startDemoServer(t);
  const text = await (await fetch(`${server.url}/responses.csv`)).text();
  assert.equal(text, 'id,surveyId,surveyVersion,startedAt,completedAt\r\n');
});
