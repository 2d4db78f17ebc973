import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import type { ValuesSurvey } from '../src/values-survey.js';
import type { SurveyDefinition } from '../src/definition/schema.js';
import type { SurveyResponse } from '../src/response/schema.js';
import type { ValuesSurveySentDetail } from '../src/events.js';
import { DraftStore } from '../src/storage/drafts.js';
import { byRole, queryByRole } from './support/queries.js';
import { focusedHeading, press, root, sampleDefinition } from './support/fixtures.js';
import { testEndpoint, type TestEndpoint } from './support/delivery-endpoint.js';

const WAIT = { timeout: 8000, interval: 20 };

async function render(definition: SurveyDefinition, endpoint: string | null) {
  const el = await fixture<ValuesSurvey>(
    html`<values-survey .definition=${definition} endpoint=${endpoint ?? ''}></values-survey>`,
  );
  if (!endpoint) el.removeAttribute('endpoint');
  await waitUntil(() => root(el).querySelector('[data-step-heading]'), 'survey did not render');
  return el;
}

/** Answers the sample survey's required questions and presses Submit. */
async function completeAndSubmit(el: ValuesSurvey) {
  await press(el, 'Start');
  byRole(root(el), 'radio', 'Staff').click();
  await press(el, 'Continue');
  await press(el, 'Continue');
  await press(el, 'Continue');
  byRole(root(el), 'radio', '5, Completely').click();
  await press(el, 'Continue');
  const submitted = oneEvent(el, 'values-survey-submit');
  await press(el, 'Submit');
  const event = (await submitted) as CustomEvent<{ response: SurveyResponse }>;
  // The first attempt under way, then the confirmation or the refusal: focus stays on the heading.
  await focusedHeading(/^(Sending your answers…|Thank you|Your answers have not been sent)$/);
  return event.detail.response;
}

const statusText = (el: ValuesSurvey) =>
  root(el).querySelector('.delivery-status')?.textContent?.trim() ?? '';

describe('submitting: the response reaches the endpoint once', () => {
  let endpoint: TestEndpoint;
  beforeEach(() => {
    endpoint = testEndpoint();
  });

  it('posts the response with its Idempotency-Key, confirms, fires sent, and removes the draft', async () => {
    const definition = sampleDefinition();
    const el = await render(definition, endpoint.url);
    const sent = oneEvent(el, 'values-survey-sent');
    const response = await completeAndSubmit(el);
    const { detail } = (await sent) as CustomEvent<ValuesSurveySentDetail>;
    expect(detail).to.deep.equal({ id: response.id, status: 201 });
    await waitUntil(() => statusText(el) === 'Your answers have been sent.', '', WAIT);
    const log = await endpoint.log();
    expect(log.requests).to.have.length(1);
    expect(log.requests[0].idempotencyKey).to.equal(response.id);
    expect(log.requests[0].contentType).to.equal('application/json');
    expect(log.stored).to.deep.equal([response]);
    const store = new DraftStore({ surveyId: definition.id, surveyVersion: '1' });
    expect((await store.load()).draft).to.equal(undefined);
    store.dispose();
    await expect(el).to.be.accessible();
  });

  it('offline at submit: says the answers are saved, offers a download, and sends them on "online"', async () => {
    await endpoint.setDown(true);
    const el = await render(sampleDefinition(), endpoint.url);
    const response = await completeAndSubmit(el);
    await waitUntil(
      () =>
        statusText(el) ===
        'Your answers are saved on this device and will be sent automatically when you are back online. If you close this page, they will be sent the next time you open it.',
      `status was "${statusText(el)}"`,
      WAIT,
    );
    const download = byRole<HTMLAnchorElement>(root(el), 'link', 'Download my answers');
    expect(download.download).to.equal(`my-answers-${response.id.slice(0, 8)}.txt`);
    // A copy the respondent can read, ending with the response as JSON for the Trust.
    const file = await (await fetch(download.href)).text();
    expect(file).to.contain('What is your main role?\r\nStaff\r\n');
    expect(JSON.parse(file.slice(file.indexOf('\r\n{') + 2))).to.deep.equal(response);
    await expect(el).to.be.accessible();

    await endpoint.setDown(false);
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => statusText(el) === 'Your answers have been sent.', '', WAIT);
    const { stored } = await endpoint.log();
    expect(stored.map((r) => r.id)).to.deep.equal([response.id]);
    expect(queryByRole(root(el), 'link', 'Download my answers')).to.equal(null);
  });

  it('refused with 422: says so plainly, keeps the answers, and Try again sends them', async () => {
    await endpoint.script({ status: 422 });
    const el = await render(sampleDefinition(), endpoint.url);
    const errors: CustomEvent[] = [];
    el.addEventListener('values-survey-error', (e) => errors.push(e));
    const response = await completeAndSubmit(el);
    const alert = byRole(root(el), 'alert');
    await waitUntil(() => alert.textContent!.includes('did not accept'), 'no alert', WAIT);
    expect(alert.textContent).to.contain(
      "The Trust's survey system did not accept your answers. They are still saved on this device.",
    );
    await focusedHeading('Your answers have not been sent');
    byRole(root(el), 'link', 'Download my answers');
    expect(errors.map((e) => [e.detail.kind, e.detail.id, e.detail.status])).to.deep.include([
      'delivery',
      response.id,
      422,
    ]);
    await expect(el).to.be.accessible();
    expect((await endpoint.log()).requests).to.have.length(1);

    await press(el, 'Try again');
    await waitUntil(() => statusText(el) === 'Your answers have been sent.', '', WAIT);
    const log = await endpoint.log();
    expect(log.requests.map((r) => r.idempotencyKey)).to.deep.equal([response.id, response.id]);
  });

  it('a network failure at submit is sent on the next page load, under the same id', async () => {
    await endpoint.setDown(true);
    const definition = sampleDefinition();
    const el = await render(definition, endpoint.url);
    const response = await completeAndSubmit(el);
    await waitUntil(() => /saved on this device/.test(statusText(el)), '', WAIT);
    el.remove();
    await endpoint.setDown(false);
    // The next visit: a new element on the same endpoint flushes the outbox when it connects.
    const next = await render(definition, endpoint.url);
    await waitUntil(
      () => endpoint.log().then(({ stored }) => stored.length === 1),
      'never delivered',
      WAIT,
    );
    const { stored } = await endpoint.log();
    expect(stored[0].id).to.equal(response.id);
    byRole(root(next), 'button', 'Start');
  });

  it('with no endpoint, previews without queueing anything', async () => {
    const el = await render(sampleDefinition(), null);
    expect(byRole(root(el), 'status').textContent!.trim()).to.equal('');
    expect(root(el).textContent).to.contain(
      'This is a preview. Answers cannot be sent from this page.',
    );
    await completeAndSubmit(el);
    expect(statusText(el)).to.equal('This is a preview. Answers cannot be sent from this page.');
  });
});
