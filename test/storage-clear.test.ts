import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import type { ValuesSurvey } from '../src/values-survey.js';
import type { SurveyResponse } from '../src/response/schema.js';
import { openOutboxStore } from '../src/storage/outbox-store.js';
import { rawStore } from './support/raw-store.js';
import { allByRole, byRole, queryByRole } from './support/queries.js';
import { focusedHeading, press, root, sampleDefinition } from './support/fixtures.js';
import { testEndpoint } from './support/delivery-endpoint.js';
import { waitUntil } from './support/wait.js';

// "Clear my answers" on a shared computer: the next person clears everything the widget kept.

const WAIT = { timeout: 8000, interval: 20 };

async function render(definition: ReturnType<typeof sampleDefinition>, endpoint: string) {
  const el = await fixture<ValuesSurvey>(
    html`<values-survey .definition=${definition} endpoint=${endpoint}></values-survey>`,
  );
  await waitUntil(() => root(el).querySelector('[data-step-heading]'), 'survey did not render');
  return el;
}

describe('clearing on a shared computer', () => {
  beforeEach(async () => {
    const outbox = openOutboxStore();
    for (const { response } of await outbox.list()) await outbox.acknowledge(response.id, 200);
  });

  it('removes an earlier respondent’s refused answers too, after offering to download them', async () => {
    const endpoint = testEndpoint();
    await endpoint.script({ status: 422 });
    const definition = sampleDefinition();
    // The first person completes the survey; the endpoint refuses it; they leave.
    const first = await render(definition, endpoint.url);
    await press(first, 'Start');
    byRole(root(first), 'radio', 'Staff').click();
    await press(first, 'Continue');
    await press(first, 'Continue');
    await press(first, 'Continue');
    byRole(root(first), 'radio', '5, Completely').click();
    await press(first, 'Continue');
    await press(first, 'Submit');
    await waitUntil(
      () => allByRole(root(first), 'alert').some((a) => a.textContent?.includes('did not accept')),
      'not refused',
      WAIT,
    );
    const [refused] = (await openOutboxStore().list()).map(({ response }) => response);
    first.remove();

    // The next person opens the survey, starts, and clears.
    const next = await render(definition, endpoint.url);
    await press(next, 'Start');
    byRole(root(next), 'radio', 'Patient or service user').click();
    await press(next, 'Clear my answers');
    await focusedHeading('Clear my answers');
    const unsent =
      'This also removes answers completed earlier on this device that have not been sent yet.';
    await waitUntil(
      () => root(next).textContent?.includes(unsent),
      'no word of unsent answers',
      WAIT,
    );
    const download = byRole<HTMLAnchorElement>(root(next), 'link', 'Download them first');
    const saved = JSON.parse(await (await fetch(download.href)).text()) as SurveyResponse[];
    expect(saved).to.deep.equal([refused]);
    await expect(next).to.be.accessible();

    await press(next, 'Yes, clear my answers');
    await waitUntil(
      () => root(next).textContent?.includes('Your answers have been cleared from this device.'),
      'not cleared',
      WAIT,
    );
    expect(root(next).textContent).not.to.contain('Answers completed earlier on this device');
    expect(await openOutboxStore().list()).to.deep.equal([]);
    expect(await rawStore().entries('draft:')).to.deep.equal([]);
    expect(queryByRole(root(next), 'link', 'Download them first')).to.equal(null);
    await expect(next).to.be.accessible();
  });

  it('with nothing unsent, asks as before and offers no download', async () => {
    const el = await render(sampleDefinition(), testEndpoint().url);
    await press(el, 'Start');
    byRole(root(el), 'radio', 'Staff').click();
    await press(el, 'Clear my answers');
    await focusedHeading('Clear my answers');
    // Once the device has been asked what it holds, nothing unsent is mentioned.
    const outbox = openOutboxStore();
    expect(await outbox.list()).to.deep.equal([]);
    await el.updateComplete;
    expect(queryByRole(root(el), 'link', 'Download them first')).to.equal(null);
    expect(root(el).textContent).not.to.contain('have not been sent yet');
  });
});
