import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoServer } from './start-demo-server.mjs';
import { getJson, makeResponse, post, words } from './responses.mjs';
import { tally } from '../../demo/endpoint/tallies.mjs';

test('GET /responses/tallies counts keep and remove per word across responses', async (t) => {
  const server = await startDemoServer(t);
  const responses = [
    makeResponse({
      answers: {
        values: words(
          [1, 3, 'compassionate', 'keep'],
          [0, 0, 'we', 'keep'],
          [1, 0, 'we', 'remove'],
        ),
        mission: words([0, 2, 'care', 'keep']),
        fit: { type: 'scale', value: 3 },
      },
    }),
    makeResponse({
      answers: {
        values: words(
          [1, 3, 'compassionate', 'keep'],
          [1, 0, 'we', 'remove'],
          [0, 0, 'we', 'remove'],
          [0, 0, 'we', 'keep'], // decided twice: only the last choice counts
        ),
      },
    }),
    makeResponse({ answers: { values: words([1, 3, 'compassionate', 'remove']) } }),
    makeResponse({ surveyVersion: '2', answers: { values: words([0, 0, 'open', 'keep']) } }),
    makeResponse({ surveyId: 'other-survey', answers: { fit: { type: 'scale', value: 5 } } }),
  ];
  for (const response of responses) assert.equal((await post(server, response)).status, 201);

  assert.deepEqual(await getJson(server, '/responses/tallies'), {
    'tp-values-refresh': {
      1: {
        values: [
          { statement: 0, position: 0, word: 'we', keep: 2, remove: 0 },
          { statement: 1, position: 0, word: 'we', keep: 0, remove: 2 },
          { statement: 1, position: 3, word: 'compassionate', keep: 2, remove: 1 },
        ],
        mission: [{ statement: 0, position: 2, word: 'care', keep: 1, remove: 0 }],
      },
      2: { values: [{ statement: 0, position: 0, word: 'open', keep: 1, remove: 0 }] },
    },
  });
});

test('an empty store has no tallies', async (t) => {
  const server = await startDemoServer(t);
  assert.deepEqual(await getJson(server, '/responses/tallies'), {});
});

test('tallies keep ids such as __proto__ as plain keys', () => {
  const result = tally([
    { surveyId: '__proto__', surveyVersion: '1', answers: { q: words([0, 0, 'a', 'keep']) } },
  ]);
  assert.ok(Object.hasOwn(result, '__proto__'));
  assert.deepEqual(result['__proto__']['1'].q, [
    { statement: 0, position: 0, word: 'a', keep: 1, remove: 0 },
  ]);
  assert.equal(Object.getPrototypeOf(result), Object.prototype);
});
