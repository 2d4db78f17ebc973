import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import type { ValuesSurvey } from '../src/values-survey.js';
import type { SurveyDefinition } from '../src/definition/schema.js';
import type { SurveyResponse } from '../src/response/schema.js';
import { byRole, queryByRole } from './support/queries.js';
import { focusedHeading, press, root, sampleDefinition } from './support/fixtures.js';
import { testEndpoint } from './support/delivery-endpoint.js';
import { shiftClock } from './support/clock.js';
import { restoreAll } from './support/overrides.js';
import { completedTime } from '../src/render/start.js';
import { DEFAULT_STRINGS } from '../src/strings.js';
import { openOutboxStore } from '../src/storage/outbox-store.js';

const WAIT = { timeout: 10_000, interval: 20 };

async function render(definition: SurveyDefinition, endpoint: string) {
  const el = await fixture<ValuesSurvey>(
    html`<values-survey .definition=${definition} endpoint=${endpoint}></values-survey>`,
  );
  await waitUntil(() => root(el).querySelector('[data-step-heading]'), 'survey did not render');
  return el;
}

/** Answers the sample survey's required questions and submits; resolves with the response. */
async function completeAndSubmit(el: ValuesSurvey): Promise<SurveyResponse> {
  await press(el, 'Start');
  byRole(root(el), 'radio', 'Staff').click();
  for (let step = 0; step < 3; step++) await press(el, 'Continue');
  byRole(root(el), 'radio', '5, Completely').click();
  await press(el, 'Continue');
  const submitted = oneEvent(el, 'values-survey-submit');
  await press(el, 'Submit');
  return ((await submitted) as CustomEvent<{ response: SurveyResponse }>).detail.response;
}

const statusText = (el: ValuesSurvey) =>
  root(el).querySelector('.delivery-status')?.textContent?.trim() ?? '';

/** The notice about the earlier answers, if any. */
const previousNotice = (shadow: ShadowRoot) =>
  shadow.querySelector('[part~="previous"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** "14:02" as the respondent's device shows it. */
const at = (response: SurveyResponse) =>
  new Date(response.completedAt).toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
  });

const waiting = (time: string) =>
  `Your answers from ${time} are saved on this device and will be sent when the Trust's server can be reached.`;
const received = (time: string) => `Your answers from ${time} were received.`;

describe('coming back after Submit: told where the last response stands (issue 23)', () => {
  afterEach(restoreAll);

  it('a later page load: "saved on this device" while the server is down, then "received" on that visit', async () => {
    const endpoint = testEndpoint();
    await endpoint.setDown(true);
    const definition = sampleDefinition();
    const first = await render(definition, endpoint.url);
    const response = await completeAndSubmit(first);
    await waitUntil(() => /could not reach/.test(statusText(first)), 'not waiting', WAIT);
    first.remove();

    // The next visit: a new page, its own copy of the widget, the same device.
    const iframe = document.createElement('iframe');
    const query = new URLSearchParams({
      endpoint: endpoint.url,
      definition: JSON.stringify(definition),
    });
    iframe.src = `/test/fixtures/return-visit.html?${query}`;
    document.body.append(iframe);
    try {
      await new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
      const next = () => iframe.contentDocument!.querySelector('values-survey')!.shadowRoot!;
      await waitUntil(
        () => previousNotice(next()) === waiting(at(response)),
        'no word of the answers waiting to be sent',
        WAIT,
      );
      // A clear way to start again, in place of a bare Start.
      byRole(next(), 'button', 'Start a new response');
      expect(queryByRole(next(), 'button', 'Start')).to.equal(null);
      // The notice sits in a polite live region that was there before it changed.
      const region = next().querySelector('[part~="previous"]')!.parentElement!;
      expect(region.getAttribute('role')).to.equal('status');

      await endpoint.setDown(false);
      iframe.contentWindow!.dispatchEvent(new Event('online'));
      await waitUntil(
        () => previousNotice(next()) === received(at(response)),
        `the notice did not change to received (it says "${previousNotice(next())}")`,
        WAIT,
      );
      expect(next().querySelector('[part~="previous"]')!.parentElement).to.equal(region);
      const { stored } = await endpoint.log();
      expect(stored.map((r) => r.id)).to.deep.equal([response.id]);
    } finally {
      iframe.remove();
    }
  });

  it('says the answers were received, with Start a new response, which starts afresh', async () => {
    const endpoint = testEndpoint();
    const definition = sampleDefinition();
    const first = await render(definition, endpoint.url);
    const response = await completeAndSubmit(first);
    await waitUntil(() => statusText(first) === 'Your answers have been sent.', '', WAIT);
    first.remove();

    const again = await render(definition, endpoint.url);
    await waitUntil(() => previousNotice(root(again)) === received(at(response)), '', WAIT);
    expect(root(again).querySelector('.previous--sent')).to.not.equal(null);
    await expect(again).to.be.accessible();
    await press(again, 'Start a new response');
    await focusedHeading('What is your main role?');
    expect(previousNotice(root(again))).to.equal('');
    expect(byRole<HTMLInputElement>(root(again), 'radio', 'Staff').checked).to.equal(false);
    expect((await endpoint.log()).stored).to.have.length(1);
  });

  it('the same page, server still down: the waiting notice is accessible, then turns to received', async () => {
    const endpoint = testEndpoint();
    await endpoint.setDown(true);
    const definition = sampleDefinition();
    const first = await render(definition, endpoint.url);
    const response = await completeAndSubmit(first);
    await waitUntil(() => /could not reach/.test(statusText(first)), '', WAIT);
    first.remove();

    const again = await render(definition, endpoint.url);
    await waitUntil(() => previousNotice(root(again)) === waiting(at(response)), '', WAIT);
    await expect(again).to.be.accessible();
    await endpoint.setDown(false);
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => previousNotice(root(again)) === received(at(response)), '', WAIT);
  });

  it('"Clear my answers" forgets the earlier response along with everything else', async () => {
    const endpoint = testEndpoint();
    const definition = sampleDefinition();
    const first = await render(definition, endpoint.url);
    const response = await completeAndSubmit(first);
    await waitUntil(() => statusText(first) === 'Your answers have been sent.', '', WAIT);
    first.remove();
    expect(await openOutboxStore().lastSubmitted(definition.id)).to.deep.equal({
      id: response.id,
      completedAt: response.completedAt,
      where: 'sent',
    });
    const again = await render(definition, endpoint.url);
    await waitUntil(() => previousNotice(root(again)) === received(at(response)), '', WAIT);
    await press(again, 'Start a new response');
    byRole(root(again), 'radio', 'Staff').click();
    await press(again, 'Clear my answers');
    await press(again, 'Yes, clear my answers');
    await waitUntil(() => queryByRole(root(again), 'button', 'Start'), 'not cleared', WAIT);
    expect(await openOutboxStore().lastSubmitted(definition.id)).to.equal(undefined);
  });

  it('says nothing of earlier answers to someone who never submitted, or another survey', async () => {
    const endpoint = testEndpoint();
    const definition = sampleDefinition();
    const first = await render(definition, endpoint.url);
    await completeAndSubmit(first);
    await waitUntil(() => statusText(first) === 'Your answers have been sent.', '', WAIT);
    first.remove();
    const other = await render(sampleDefinition(), endpoint.url);
    // The same survey, rendered after the other, shows its notice: the other had time to.
    const same = await render(definition, endpoint.url);
    await waitUntil(() => previousNotice(root(same)) !== '', '', WAIT);
    expect(previousNotice(root(other))).to.equal('');
    byRole(root(other), 'button', 'Start');
  });

  it('gives the time in local time, and the day when it was not today; a wrong clock changes nothing else', async () => {
    const strings = DEFAULT_STRINGS;
    const now = new Date();
    const time = now.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
    expect(completedTime(now.toISOString(), strings)).to.equal(time);
    expect(time).to.match(/^\d\d:\d\d$/);
    const earlier = new Date(now.getTime() - 3 * 86_400_000);
    const day = earlier.toLocaleDateString('en-GB', { day: 'numeric', month: 'long' });
    expect(completedTime(earlier.toISOString(), strings)).to.equal(
      `${earlier.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })} on ${day}`,
    );

    // Submitted with the device clock two days fast, come back with it right: the notice is
    // still there and still turns to received (which response is last is never a comparison
    // of times).
    const endpoint = testEndpoint();
    await endpoint.setDown(true);
    const definition = sampleDefinition();
    shiftClock(2 * 86_400_000);
    const first = await render(definition, endpoint.url);
    const response = await completeAndSubmit(first);
    await waitUntil(() => /could not reach/.test(statusText(first)), '', WAIT);
    first.remove();
    restoreAll();
    const again = await render(definition, endpoint.url);
    const shown = completedTime(response.completedAt, strings);
    expect(shown).to.contain(' on ');
    await waitUntil(() => previousNotice(root(again)) === waiting(shown), '', WAIT);
    await endpoint.setDown(false);
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => previousNotice(root(again)) === received(shown), '', WAIT);
  });
});
