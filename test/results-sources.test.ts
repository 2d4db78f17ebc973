import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ValuesSurveyResults } from '../src/results/results-element.js';
import { tokenKey } from '../src/results/token-store.js';
import { summarise } from '../src/results/counts.js';
import { sourceUrl } from '../src/results/source.js';
import { byRole, deepActiveElement, queryByRole } from './support/queries.js';
import {
  choose,
  control,
  forgetTokens,
  renderReport,
  renderResults,
  shadow,
} from './support/results-fixtures.js';
import { generated, RESULTS_TEST_TOKEN, serve } from './support/results-data.js';
import { waitUntil } from './support/wait.js';

const text = (el: ValuesSurveyResults, selector: string) =>
  shadow(el).querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function openFile(el: ValuesSurveyResults, name: string, contents: string) {
  const input = control<HTMLInputElement>(el, /open a file of responses|Responses file/i);
  const files = new DataTransfer();
  files.items.add(new File([contents], name, { type: 'application/json' }));
  input.files = files.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('results sources: the receiver with a token, or a file', function () {
  this.timeout(60_000);
  beforeEach(forgetTokens);

  it('shows a source that needs no token at once, never asking for one', async () => {
    const url = await serve(JSON.stringify(generated(40, 6).responses), '.json', { open: true });
    const asked: string[] = [];
    const el = await renderResults(undefined);
    // Watch every state the element shows on the way to the report.
    const watch = new MutationObserver(() => {
      if (queryByRole(shadow(el), 'heading', 'Enter the results token')) asked.push('token form');
    });
    watch.observe(shadow(el), { childList: true, subtree: true });
    el.src = url;
    await waitUntil(() => queryByRole(shadow(el), 'heading', /^Results: /));
    watch.disconnect();
    expect(asked).to.deep.equal([]);
    expect(text(el, '.headline')).to.match(/^40 responses/);
    await expect(el).to.be.accessible();
  });

  it('reads a summary the receiver counted, and asks its responses address for the summary', async () => {
    const { responses, expected } = generated(60, 6);
    const summary = summarise(responses);
    const url = await serve(JSON.stringify(summary), '.json', { open: true });
    const el = await renderReport(url);
    expect(text(el, '.headline')).to.match(/^60 responses/);
    const caring = expected.all.words.values['1:2'] ?? { kept: 0, removed: 0 };
    const word = shadow(el).querySelector('[data-word="main/values/1/2"]')!;
    expect(word.getAttribute('aria-label')).to.contain(
      `of ${expected.all.answered.values} who answered, removed by ${caring.removed} (`,
    );
    // A receiver's /responses address: the element fetches its summary, with the threshold.
    expect(sourceUrl('https://receiver.example/responses', 12)).to.equal(
      'https://receiver.example/responses/summary?minGroup=12',
    );
    expect(sourceUrl('https://receiver.example/responses/summary', 10)).to.equal(
      'https://receiver.example/responses/summary?minGroup=10',
    );
    expect(sourceUrl('https://files.example/export.jsonl', 10)).to.equal(
      'https://files.example/export.jsonl',
    );
    // A summary of the wrong shape is a clear error, not wrong numbers.
    const broken = await serve(
      JSON.stringify({ ...summary, versions: [{ surveyId: 'x' }] }),
      '.json',
      { open: true },
    );
    const bad = await renderResults(broken);
    await waitUntil(() => queryByRole(shadow(bad), 'alert'));
    expect(text(bad, '[role="alert"]')).to.contain('This summary could not be used');
    await expect(bad).to.be.accessible();
  });

  it('asks for the token only after a 401, saying so, refuses a wrong one, and keeps the right one for the session', async () => {
    const url = await serve(JSON.stringify(generated(12).responses));
    const el = await renderResults(url);
    await waitUntil(() => queryByRole(shadow(el), 'heading', 'Enter the results token'));
    expect(text(el, '.token-form')).to.contain('asked for the results token');
    expect(shadow(el).querySelector('#token-error')).to.equal(null);
    await expect(el).to.be.accessible();

    // Nothing entered: a specific error, with focus on the field.
    byRole(shadow(el), 'button', 'Show results').click();
    await waitUntil(() => text(el, '#token-error') === 'Error: Enter the results token');
    await waitUntil(() => deepActiveElement()?.id === 'token');
    expect(control<HTMLInputElement>(el, /^Results token/).getAttribute('aria-invalid')).to.equal(
      'true',
    );
    await expect(el).to.be.accessible();

    await sendKeys({ type: 'not-the-token' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(el, '#token-error').includes('was not accepted'));
    expect(sessionStorage.getItem(tokenKey(url))).to.equal(null);
    await waitUntil(() => deepActiveElement()?.id === 'token');
    await expect(el).to.be.accessible();

    const field = control<HTMLInputElement>(el, /^Results token/);
    field.value = '';
    await sendKeys({ type: RESULTS_TEST_TOKEN });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => queryByRole(shadow(el), 'heading', /^Results: /));
    expect(text(el, '.headline')).to.match(/^12 responses, completed/);
    expect(sessionStorage.getItem(tokenKey(url))).to.equal(RESULTS_TEST_TOKEN);

    // A second report of the same address in this session does not ask again.
    const again = await renderReport(url);
    expect(text(again, '.headline')).to.match(/^12 responses/);
  });

  it('reads an opened file (JSON Lines) and lists the records it could not use', async () => {
    const { responses } = generated(20, 5);
    const broken = { ...responses[3], surveyVersion: '' };
    const lines = [...responses.map((r) => JSON.stringify(r)), JSON.stringify(broken), 'oops'];
    const el = await renderResults(undefined);
    byRole(shadow(el), 'heading', 'Open a file of responses');
    await expect(el).to.be.accessible();
    const loaded = new Promise<CustomEvent>((resolve) =>
      el.addEventListener('values-survey-results-load', (e) => resolve(e as CustomEvent), {
        once: true,
      }),
    );
    await openFile(el, 'responses.jsonl', lines.join('\n'));
    expect((await loaded).detail).to.deep.equal({ responses: 20, invalid: 2, source: 'file' });
    await waitUntil(() => queryByRole(shadow(el), 'heading', /^Results: /));
    expect(text(el, '.headline')).to.match(/^20 responses/);
    expect(text(el, '.invalid summary')).to.equal(
      '2 records could not be used and are not counted',
    );
    const items = [...shadow(el).querySelectorAll('.invalid li')].map((li) =>
      li.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(items[0]).to.equal(
      `line 21 (id ${broken.id}): surveyVersion must be a short version label like "1"`,
    );
    expect(items[0]).to.match(/^line 21 \(id [0-9a-f-]+\): surveyVersion /);
    expect(items[1]).to.equal('line 22: is not JSON');
    shadow(el).querySelector<HTMLDetailsElement>('.invalid')!.open = true;
    await expect(el).to.be.accessible();
  });

  it('says plainly when a file is not responses at all, and offers another', async () => {
    const el = await renderResults(undefined);
    await openFile(el, 'notes.txt', 'Name,Answer\nA,B');
    await waitUntil(() => queryByRole(shadow(el), 'alert'));
    expect(text(el, '[role="alert"]')).to.contain(
      'The file: This is neither a JSON list of responses nor JSON Lines',
    );
    control<HTMLInputElement>(el, 'Or open a file of responses');
    await expect(el).to.be.accessible();
  });

  it('reports a server error and a web page in place of responses, with Try again', async () => {
    const failed = new Promise<CustomEvent>((resolve) =>
      document.addEventListener('values-survey-results-error', (e) => resolve(e as CustomEvent), {
        once: true,
      }),
    );
    const el = await renderResults('/results-data/server-error', { token: RESULTS_TEST_TOKEN });
    await waitUntil(() => queryByRole(shadow(el), 'alert'));
    expect(text(el, '[role="alert"]')).to.contain('answered with status 500');
    expect((await failed).detail.kind).to.equal('responses');
    byRole(shadow(el), 'button', 'Try again');
    await expect(el).to.be.accessible();
    const page = await renderResults('/results-data/web-page', { token: RESULTS_TEST_TOKEN });
    await waitUntil(() => queryByRole(shadow(page), 'alert'));
    expect(text(page, '[role="alert"]')).to.contain('returned a web page, not responses');
  });

  it('shows a definition that is not valid as a specific error', async () => {
    const url = await serve(JSON.stringify(generated(2).responses));
    const el = await renderResults(url, {
      token: RESULTS_TEST_TOKEN,
      definition: { id: 'x', version: '1', title: 'T', questions: [] } as never,
    });
    await waitUntil(() => queryByRole(shadow(el), 'alert'));
    expect(text(el, '[role="alert"]')).to.contain(
      'The questions must include at least one question',
    );
    await expect(el).to.be.accessible();
  });

  it('offers a version picker when there are several versions, and warns when words may not line up', async () => {
    const { responses } = generated(30, 9);
    const mixed = responses.map((r, i) => (i < 10 ? { ...r, surveyVersion: '2' } : r));
    const el = await renderReport(await serve(JSON.stringify(mixed)), {
      token: RESULTS_TEST_TOKEN,
    });
    expect(text(el, '.headline')).to.match(/^20 responses/);
    expect(shadow(el).querySelector('.warning')).to.equal(null);
    await choose(el, 'Survey version', 'tp-values-refresh version 2 (10 responses)');
    expect(text(el, '.headline')).to.match(/^10 responses/);
    expect(text(el, '.warning')).to.contain(
      'version 2, but the definition is tp-values-refresh version 1',
    );
    await expect(el).to.be.accessible();
  });

  it('says so when there are no responses yet', async () => {
    const el = await renderReport(await serve('[]'), { token: RESULTS_TEST_TOKEN });
    expect(text(el, '.empty')).to.equal('There are no responses yet.');
    await expect(el).to.be.accessible();
  });
});
