import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { historyEntry, waitUntil } from './support/wait.js';
import type { ValuesSurvey } from '../src/values-survey.js';
import type { SurveyDefinition } from '../src/definition/schema.js';
import type { SurveyResponse } from '../src/response/schema.js';
import { DraftStore } from '../src/storage/drafts.js';
import { byRole, deepActiveElement, queryByRole } from './support/queries.js';
import {
  answerToCheck,
  focusedHeading,
  press,
  root,
  sampleDefinition,
} from './support/fixtures.js';
import { testEndpoint } from './support/delivery-endpoint.js';

const WAIT = { timeout: 8000, interval: 20 };

async function render(definition: SurveyDefinition, endpoint: string) {
  const el = await fixture<ValuesSurvey>(
    html`<values-survey .definition=${definition} endpoint=${endpoint}></values-survey>`,
  );
  await waitUntil(() => root(el).querySelector('[data-step-heading]'), 'survey did not render');
  return el;
}

async function storedDraft(definition: SurveyDefinition) {
  const store = new DraftStore({ surveyId: definition.id, surveyVersion: definition.version });
  const { draft } = await store.load();
  store.dispose();
  return draft;
}

/** Moves the element elsewhere on the page, as a CMS tab or accordion might. */
function move(el: HTMLElement) {
  const elsewhere = document.createElement('section');
  el.parentElement!.append(elsewhere);
  elsewhere.append(el);
}

const deliveryText = (el: ValuesSurvey) =>
  root(el).querySelector('.delivery-status')?.textContent?.trim() ?? '';

describe('lifecycle and the promises that must survive it', () => {
  it('Clear after the element was moved removes the draft from the device', async () => {
    const definition = sampleDefinition();
    const el = await render(definition, testEndpoint().url);
    await answerToCheck(el);
    await waitUntil(async () => (await storedDraft(definition))?.step === 'check', '', WAIT);
    move(el);
    await press(el, 'Clear my answers');
    await press(el, 'Yes, clear my answers');
    await waitUntil(() => queryByRole(root(el), 'button', 'Start'));
    expect(await storedDraft(definition)).to.equal(undefined);
  });

  it('Submit after the element was moved removes the draft, so a later visit cannot resend', async () => {
    const definition = sampleDefinition();
    const endpoint = testEndpoint();
    const el = await render(definition, endpoint.url);
    await answerToCheck(el);
    move(el);
    await press(el, 'Submit');
    await focusedHeading('Thank you');
    expect(await storedDraft(definition)).to.equal(undefined);
    await waitUntil(() => deliveryText(el).includes('have been sent'), '', WAIT);
  });

  it('keeps the confirmation when the same definition is supplied again after Submit', async () => {
    const definition = sampleDefinition();
    const el = await render(definition, testEndpoint().url);
    await answerToCheck(el);
    await press(el, 'Submit');
    await focusedHeading('Thank you');
    el.definition = structuredClone(definition);
    await el.updateComplete;
    await el.updateComplete;
    byRole(root(el), 'heading', 'Thank you');
    expect(queryByRole(root(el), 'button', 'Start')).to.equal(null);
  });

  it('will not submit a check page reached by browser Back with a required answer missing', async () => {
    const definition = sampleDefinition();
    const endpoint = testEndpoint();
    const el = await render(definition, endpoint.url);
    await answerToCheck(el);
    await press(el, 'Clear my answers');
    await press(el, 'Yes, clear my answers');
    await waitUntil(() => queryByRole(root(el), 'button', 'Start'));
    await historyEntry(definition.id, 'intro');
    history.back();
    await focusedHeading('Check your answers');
    await press(el, 'Submit');
    const summary = byRole(root(el), 'alert', /There is a problem/);
    await waitUntil(() => deepActiveElement() === summary, 'the error summary did not take focus');
    byRole(root(el), 'link', 'Select an answer to "What is your main role?"');
    byRole(root(el), 'heading', 'What is your main role?');
    expect((await endpoint.log()).requests).to.have.length(0);
  });

  it('shows an editor a visible error for an endpoint that is not a web address', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
    try {
      const el = await fixture<ValuesSurvey>(
        html`<values-survey .definition=${sampleDefinition()} endpoint="https://"></values-survey>`,
      );
      const alert = byRole(root(el), 'alert', /This survey cannot be shown/);
      expect(alert.textContent).to.contain('its endpoint "https://" is not a web address');
      expect(queryByRole(root(el), 'button', 'Start')).to.equal(null);
      expect(errors.join('\n')).to.contain('not a web address');
      await expect(el).to.be.accessible();
    } finally {
      console.error = original;
    }
  });

  it('two surveys on one endpoint each hear when their own response is delivered', async () => {
    const endpoint = testEndpoint();
    await endpoint.setDown(true);
    const a = await render(sampleDefinition(), endpoint.url);
    const b = await render(sampleDefinition(), endpoint.url);
    const sentOnA: CustomEvent[] = [];
    a.addEventListener('values-survey-sent', (e) => sentOnA.push(e));
    await answerToCheck(b);
    const submitted = oneEvent(b, 'values-survey-submit');
    await press(b, 'Submit');
    const { response } = ((await submitted) as CustomEvent<{ response: SurveyResponse }>).detail;
    await waitUntil(() => /saved on this device/.test(deliveryText(b)), '', WAIT);
    const sent = oneEvent(b, 'values-survey-sent');
    await endpoint.setDown(false);
    window.dispatchEvent(new Event('online'));
    expect(((await sent) as CustomEvent).detail.id).to.equal(response.id);
    await waitUntil(() => deliveryText(b).includes('have been sent'), '', WAIT);
    expect(sentOnA).to.have.length(0);
  });

  it('offers Try again for answers refused on an earlier visit, and moves focus sensibly', async () => {
    const endpoint = testEndpoint();
    await endpoint.script({ status: 422 });
    const definition = sampleDefinition();
    const first = await render(definition, endpoint.url);
    await answerToCheck(first);
    await press(first, 'Submit');
    await waitUntil(
      () => /did not accept/.test(queryByRole(root(first), 'alert')?.textContent ?? ''),
      'not refused',
      WAIT,
    );
    // Try again on the confirmation keeps focus on the step, not lost to the page.
    await endpoint.script({ status: 422 });
    await press(first, 'Try again');
    await focusedHeading(/^(Sending your answers…|Your answers have not been sent)$/);
    await waitUntil(
      () => /did not accept/.test(queryByRole(root(first), 'alert')?.textContent ?? ''),
      'not refused',
      WAIT,
    );
    first.remove();

    // The next visit, a new page: the refused answers are not sent again by themselves, but
    // offered with Try again.
    const iframe = document.createElement('iframe');
    iframe.src = `/test/fixtures/next-visit.html?endpoint=${encodeURIComponent(endpoint.url)}`;
    document.body.append(iframe);
    try {
      await new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
      const next = () => iframe.contentDocument!.querySelector('values-survey')!.shadowRoot!;
      await waitUntil(
        () => queryByRole(next(), 'button', 'Try again'),
        'no Try again for the earlier answers',
        WAIT,
      );
      expect(next().textContent).to.contain(
        'Answers completed earlier on this device were not accepted. They are still saved here.',
      );
      expect((await endpoint.log()).requests).to.have.length(2);
      byRole(next(), 'button', 'Try again').click();
      await waitUntil(async () => (await endpoint.log()).stored.length === 1, 'never sent', WAIT);
    } finally {
      iframe.remove();
    }
  });
});
