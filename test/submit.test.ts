import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import type { ValuesSurvey } from '../src/values-survey.js';
import type { SurveyDefinition } from '../src/definition/schema.js';
import type { SurveyResponse } from '../src/response/schema.js';
import type { ValuesSurveySentDetail } from '../src/events.js';
import { DraftStore } from '../src/storage/drafts.js';
import { allByRole, byRole, queryByRole } from './support/queries.js';
import { focusedHeading, press, root, sampleDefinition } from './support/fixtures.js';
import { testEndpoint, type TestEndpoint } from './support/delivery-endpoint.js';
import { onRestore, replace, restoreAll } from './support/overrides.js';
import { blockDatabase } from './support/block-database.js';
import { DB_NAME, STORAGE_TIMEOUT_MS } from '../src/storage/idb.js';

/** As on a plain-http intranet page (not a secure context): no randomUUID, no Web Locks. */
function insecureContext() {
  replace(crypto, 'randomUUID', undefined as unknown as Crypto['randomUUID']);
  Object.defineProperty(navigator, 'locks', { configurable: true, get: () => undefined });
  onRestore(() => Reflect.deleteProperty(navigator, 'locks'));
}

/** What the browser says about its connection, until the test ends. */
function setOnLine(onLine: boolean) {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => onLine });
  onRestore(() => Reflect.deleteProperty(navigator, 'onLine'));
}

const UNREACHABLE =
  "We could not reach the Trust's server yet. Your answers are saved on this device and we will keep trying.";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const WAIT = { timeout: 8000, interval: 20 };

async function render(definition: SurveyDefinition, endpoint: string | null) {
  const el = await fixture<ValuesSurvey>(
    html`<values-survey .definition=${definition} endpoint=${endpoint ?? ''}></values-survey>`,
  );
  if (!endpoint) el.removeAttribute('endpoint');
  await waitUntil(() => root(el).querySelector('[data-step-heading]'), 'survey did not render');
  return el;
}

/** Answers the sample survey's required questions, up to "Check your answers". */
async function answerAll(el: ValuesSurvey) {
  await press(el, 'Start');
  byRole(root(el), 'radio', 'Staff').click();
  await press(el, 'Continue');
  await press(el, 'Continue');
  await press(el, 'Continue');
  byRole(root(el), 'radio', '5, Completely').click();
  await press(el, 'Continue');
}

/** Answers the sample survey's required questions and presses Submit. */
async function completeAndSubmit(el: ValuesSurvey) {
  await answerAll(el);
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
  afterEach(restoreAll);

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
    setOnLine(false);
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
    setOnLine(true);
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => statusText(el) === 'Your answers have been sent.', '', WAIT);
    const { stored } = await endpoint.log();
    expect(stored.map((r) => r.id)).to.deep.equal([response.id]);
    expect(queryByRole(root(el), 'link', 'Download my answers')).to.equal(null);
  });

  it('online but the endpoint unreachable: says the Trust\'s server could not be reached, not "when you are back online"', async () => {
    await endpoint.setDown(true);
    const el = await render(sampleDefinition(), endpoint.url);
    expect(navigator.onLine).to.equal(true);
    await completeAndSubmit(el);
    await waitUntil(() => statusText(el) === UNREACHABLE, `status was "${statusText(el)}"`, WAIT);
    expect(root(el).textContent).not.to.contain('when you are back online');
    byRole(root(el), 'link', 'Download my answers');
    await expect(el).to.be.accessible();
  });

  it('gives up on a slow attempt after send-timeout and says it will keep trying', async () => {
    await endpoint.script({ hang: true });
    const el = await fixture<ValuesSurvey>(
      html`<values-survey
        .definition=${sampleDefinition()}
        endpoint=${endpoint.url}
        send-timeout="300"
      ></values-survey>`,
    );
    await waitUntil(() => root(el).querySelector('[data-step-heading]'), 'survey did not render');
    const started = performance.now();
    await completeAndSubmit(el);
    await waitUntil(() => statusText(el) === UNREACHABLE, `status was "${statusText(el)}"`, WAIT);
    // Far sooner than the 30 s default.
    expect(performance.now() - started).to.be.below(8_000);
    await waitUntil(() => statusText(el) === 'Your answers have been sent.', '', WAIT);
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
    // Told where the earlier answers stand, with a way to start a new response (issue 23).
    await waitUntil(
      () => /were received\.$/.test(byRole(root(next), 'status').textContent!.trim()),
      'no word of the earlier answers',
      WAIT,
    );
    byRole(root(next), 'button', 'Start a new response');
  });

  it('two tabs pressing Submit on the same answers at the same moment send them once, under one id', async () => {
    const definition = sampleDefinition();
    const tabA = await render(definition, endpoint.url);
    await answerAll(tabA);
    await focusedHeading('Check your answers');
    const drafts = new DraftStore({ surveyId: definition.id, surveyVersion: '1' });
    await waitUntil(
      async () => (await drafts.load()).draft?.step === 'check',
      'the draft never reached Check your answers',
      WAIT,
    );
    drafts.dispose();
    // The same survey open a second time on this device, resumed at Check your answers.
    const tabB = await render(definition, endpoint.url);
    await waitUntil(
      () => queryByRole(root(tabB), 'button', 'Submit'),
      'tab B did not resume',
      WAIT,
    );
    byRole(root(tabA), 'button', 'Submit').click();
    byRole(root(tabB), 'button', 'Submit').click();
    const thanked = (el: ValuesSurvey) => statusText(el) === 'Your answers have been sent.';
    await waitUntil(() => thanked(tabA) && thanked(tabB), 'both tabs did not thank', WAIT);
    const { stored, requests } = await endpoint.log();
    expect(stored).to.have.length(1);
    expect(new Set(requests.map((request) => request.idempotencyKey)).size).to.equal(1);
    await expect(tabB).to.be.accessible();
  });

  it('completes and delivers on a plain-http intranet page (no crypto.randomUUID, no Web Locks)', async () => {
    const el = await render(sampleDefinition(), endpoint.url);
    insecureContext();
    expect(crypto.randomUUID).to.equal(undefined);
    const response = await completeAndSubmit(el);
    expect(response.id).to.match(UUID_V4);
    await waitUntil(() => statusText(el) === 'Your answers have been sent.', '', WAIT);
    expect((await endpoint.log()).stored.map(({ id }) => id)).to.deep.equal([response.id]);
  });

  it('a Submit that fails says so on Check your answers and keeps the answers', async () => {
    const el = await render(sampleDefinition(), endpoint.url);
    await answerAll(el);
    insecureContext();
    replace(crypto, 'getRandomValues', (() => {
      throw new DOMException('No randomness here.', 'NotSupportedError');
    }) as Crypto['getRandomValues']);
    const errors: CustomEvent[] = [];
    el.addEventListener('values-survey-error', (e) => errors.push(e));
    const failed = 'Your answers could not be submitted because of a problem on this device.';
    byRole(root(el), 'button', 'Submit').click();
    await waitUntil(
      () => allByRole(root(el), 'alert').some((a) => a.textContent?.includes(failed)),
      'the failure was not shown',
      WAIT,
    );
    expect(errors.map((e) => e.detail.kind)).to.deep.equal(['storage']);
    byRole(root(el), 'heading', 'Check your answers');
    expect((await endpoint.log()).requests).to.have.length(0);
    await expect(el).to.be.accessible();
    // Once the device behaves again, Submit works.
    await restoreAll();
    const submitted = oneEvent(el, 'values-survey-submit');
    await press(el, 'Submit');
    await submitted;
    await focusedHeading('Thank you');
  });

  it('Submit queues in memory and says so when another tab blocks the database', async function () {
    this.timeout(6 * STORAGE_TIMEOUT_MS);
    await blockDatabase(DB_NAME);
    const el = await render(sampleDefinition(), endpoint.url);
    await answerAll(el);
    byRole(root(el), 'button', 'Submit').click();
    // Each stuck storage operation is given up after STORAGE_TIMEOUT_MS.
    await waitUntil(
      () => statusText(el) === 'Your answers have been sent.',
      `status was "${statusText(el)}"`,
      { timeout: 4 * STORAGE_TIMEOUT_MS, interval: 50 },
    );
    expect(root(el).textContent).to.contain(
      'Your answers cannot be saved on this device, so they will be lost if you close this page.',
    );
    expect((await endpoint.log()).stored).to.have.length(1);
    await expect(el).to.be.accessible();
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
