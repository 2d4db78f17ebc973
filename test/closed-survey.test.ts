/**
 * What the respondent sees when the receiver refuses a response because its survey has closed
 * (or is not open yet): the receiver's own sentence ("This survey closed on 30 September 2026."),
 * the answers still on the device and downloadable. Other refusals keep the widget's words; both
 * kinds of 409 (a replay, an id conflict) settle the outbox as delivered.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import type { ValuesSurvey } from '../src/values-survey.js';
import type { SurveyDefinition } from '../src/definition/schema.js';
import { DEFAULT_STRINGS } from '../src/strings.js';
import { byRole, queryByRole } from './support/queries.js';
import { focusedHeading, root, sampleDefinition, completeAndSubmit } from './support/fixtures.js';
import { testEndpoint } from './support/delivery-endpoint.js';

const WAIT = { timeout: 8000, interval: 20 };
const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function withEndpoint(definition: SurveyDefinition, url: string) {
  const el = await fixture<ValuesSurvey>(
    html`<values-survey .definition=${definition} endpoint=${url}></values-survey>`,
  );
  await waitUntil(() => root(el).querySelector('[data-step-heading]'), 'no survey');
  return el;
}

async function alertText(el: ValuesSurvey) {
  const alert = byRole(root(el), 'alert');
  await waitUntil(() => text(alert) !== '', 'no alert', WAIT);
  return text(alert);
}

describe('A survey the receiver no longer collects', () => {
  it("shows the receiver's sentence, keeps the answers and offers them as a download", async () => {
    const endpoint = testEndpoint();
    await endpoint.script({
      status: 403,
      json: {
        error: 'survey closed',
        message: 'This survey closed on 30 September 2026.',
        closesAt: '2026-09-30T22:59:59.000Z',
      },
    });
    const el = await withEndpoint(sampleDefinition(), endpoint.url);
    await completeAndSubmit(el);
    await focusedHeading(DEFAULT_STRINGS.notSentTitle);
    expect(await alertText(el)).to.equal(
      `This survey closed on 30 September 2026. ${DEFAULT_STRINGS.notAccepted}`,
    );
    const download = byRole<HTMLAnchorElement>(root(el), 'link', 'Download my answers');
    const file = await (await fetch(download.href)).text();
    expect(file).to.contain('What is your main role?\r\nStaff\r\n');
    expect((await endpoint.log()).stored).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('says when a survey is not open yet, in the same place', async () => {
    const endpoint = testEndpoint();
    await endpoint.script({
      status: 403,
      json: { error: 'survey not open', message: 'This survey opens on 1 October 2026.' },
    });
    const el = await withEndpoint(sampleDefinition(), endpoint.url);
    await completeAndSubmit(el);
    await focusedHeading(DEFAULT_STRINGS.notSentTitle);
    expect(await alertText(el)).to.equal(
      `This survey opens on 1 October 2026. ${DEFAULT_STRINGS.notAccepted}`,
    );
    byRole(root(el), 'link', 'Download my answers');
  });

  it("keeps the widget's own words for any other refusal, whatever its message", async () => {
    const endpoint = testEndpoint();
    await endpoint.script({
      status: 422,
      json: { error: 'invalid response', message: 'answers.fit.value: must be from 1 to 5' },
    });
    const el = await withEndpoint(sampleDefinition(), endpoint.url);
    await completeAndSubmit(el);
    await focusedHeading(DEFAULT_STRINGS.notSentTitle);
    expect(await alertText(el)).to.equal(DEFAULT_STRINGS.notAccepted);
  });
});

describe('Both 409s settle the outbox', () => {
  for (const error of ['already received', 'id conflict']) {
    it(`a 409 "${error}" is delivered: the confirmation, and nothing left to send`, async () => {
      const endpoint = testEndpoint();
      await endpoint.script({ status: 409, json: { error, message: 'Not stored again.' } });
      const el = await withEndpoint(sampleDefinition(), endpoint.url);
      await completeAndSubmit(el);
      await focusedHeading(DEFAULT_STRINGS.confirmationTitle);
      const status = root(el).querySelector('.delivery-status');
      await waitUntil(() => text(status) === DEFAULT_STRINGS.sent, 'not sent', WAIT);
      expect(queryByRole(root(el), 'button', 'Try again')).to.equal(null);
      expect((await endpoint.log()).requests).to.have.length(1);
    });
  }
});
