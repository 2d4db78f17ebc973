/**
 * The generated data set the results tests count against: responses to the built-in survey made
 * by scripts/generate-responses.mjs, which counts what it generates as it goes (the independent
 * count), plus helpers to serve them to the element over HTTP.
 */
import { generateResponses, type Generated } from '../../scripts/generate-responses.mjs';
import { DEFAULT_SURVEY } from '../../src/definition/default-survey.js';
import type { SurveyResponse } from '../../src/response/schema.js';
import { tokenize } from '../../src/text/tokenize.js';
import { forgetTokens } from './results-fixtures.js';

export const RESULTS_TEST_TOKEN = 'results-test-token';

/** `count` responses to the built-in survey, the same for the same seed. */
export function generated(count = 400, seed = 7): Generated<SurveyResponse> {
  return generateResponses<SurveyResponse>({ definition: DEFAULT_SURVEY, tokenize, count, seed });
}

/** JSON Lines, one response per line, as the receiver's GET /responses.jsonl sends them. */
export const jsonLines = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n');

/** Stores `body` at the test endpoint and returns its URL (served only with the token, unless `open`). */
export async function serve(
  body: string,
  extension: '.json' | '.jsonl' = '.json',
  { open = false } = {},
) {
  const url = `/results-data/${open ? 'open-' : ''}${crypto.randomUUID()}${extension}`;
  const response = await fetch(url, { method: 'PUT', body });
  if (!response.ok) throw new Error(`could not store test responses: ${response.status}`);
  return url;
}

/**
 * For a describe block of report tests: 300 generated responses (seed 11) served as JSON Lines
 * once for the block, and any results token kept by an earlier test forgotten before each test.
 * The tests read `report.data` (with its independent counts) and `report.url` once `before` ran.
 */
export function generatedReport() {
  const report = {} as { data: Generated<SurveyResponse>; url: string };
  before(async () => {
    report.data = generated(300, 11);
    report.url = await serve(jsonLines(report.data.responses), '.jsonl');
  });
  beforeEach(forgetTokens);
  return report;
}
