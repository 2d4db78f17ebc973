import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ValuesSurveyResults } from '../src/results/results-element.js';
import { tokenKey } from '../src/results/token-store.js';
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

  it('asks for the token, refuses a wrong one, and keeps the right one for the session', async () => {
    const url = await serve(JSON.stringify(generated(12).responses));
    const el = await renderResults(url);
    await waitUntil(() => queryByRole(shadow(el), 'heading', 'Enter the results token'));
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
    expect(items[0]).to.equal(`line 21 (id ${broken.id}): surveyVersion must be at least 1`);
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
