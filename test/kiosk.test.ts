import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { waitUntil } from './support/wait.js';
import type { ValuesSurvey } from '../src/values-survey.js';
import type { SurveyDefinition } from '../src/definition/schema.js';
import type { SurveyResponse } from '../src/response/schema.js';
import { DraftStore } from '../src/storage/drafts.js';
import { byRole, deepActiveElement, queryByRole } from './support/queries.js';
import { focusedHeading, press, root, sampleDefinition } from './support/fixtures.js';
import { testEndpoint } from './support/delivery-endpoint.js';
import { whileHidden } from './support/schedulers.js';
import { KIOSK_DEFAULTS, kioskSettings } from '../src/session/kiosk.js';

const WAIT = { timeout: 10_000, interval: 20 };

/**
 * A kiosk survey. The pauses are attributes in seconds; each test shortens only the one it
 * watches and leaves the others long enough never to fire during it.
 */
async function kiosk(
  definition: SurveyDefinition,
  endpoint: string,
  { returnAfter = 600, idleAfter = 600, warningFor = 600 } = {},
) {
  const el = await fixture<ValuesSurvey>(
    html`<values-survey
      mode="kiosk"
      .definition=${definition}
      endpoint=${endpoint}
      kiosk-return-after=${returnAfter}
      kiosk-idle-after=${idleAfter}
      kiosk-warning-for=${warningFor}
    ></values-survey>`,
  );
  await waitUntil(() => root(el).querySelector('[data-step-heading]'), 'survey did not render');
  return el;
}

/** One person's answers (role, then the scale) and Submit; resolves with their response. */
async function answerAndSubmit(el: ValuesSurvey, role: string, fit: string) {
  await press(el, 'Start');
  byRole(root(el), 'radio', role).click();
  for (let step = 0; step < 3; step++) await press(el, 'Continue');
  byRole(root(el), 'radio', fit).click();
  await press(el, 'Continue');
  await focusedHeading('Check your answers');
  const submitted = oneEvent(el, 'values-survey-submit');
  await press(el, 'Submit');
  return ((await submitted) as CustomEvent<{ response: SurveyResponse }>).detail.response;
}

async function storedDraft(definition: SurveyDefinition) {
  const store = new DraftStore({ surveyId: definition.id, surveyVersion: definition.version });
  const { draft } = await store.load();
  store.dispose();
  return draft;
}

const text = (el: ValuesSurvey) => root(el).textContent!.replace(/\s+/g, ' ');

describe('kiosk mode: one tablet, many people (issue 23)', () => {
  it('Next person starts afresh; two people\'s responses each reach the endpoint once, as "kiosk"', async () => {
    const endpoint = testEndpoint();
    const definition = sampleDefinition();
    const el = await kiosk(definition, endpoint.url, { returnAfter: 90 });
    // A shared device says so on the start page, and promises nothing is kept.
    expect(text(el)).to.contain(
      'This device is shared: your answers are cleared when you finish or stop for a few minutes.',
    );
    const first = await answerAndSubmit(el, 'Staff', '5, Completely');
    await focusedHeading(/^(Sending your answers…|Thank you)$/);
    await waitUntil(() => text(el).includes('Your answers have been sent.'), '', WAIT);
    expect(text(el)).to.contain('This screen goes back to the start in 90 seconds.');
    await expect(el).to.be.accessible();

    await press(el, 'Next person');
    await focusedHeading(definition.title);
    byRole(root(el), 'button', 'Start');
    // Nothing of the last person: no welcome back, no word of their answers.
    expect(text(el)).not.to.contain('Welcome back');
    expect(text(el)).not.to.contain('Your answers from');
    expect(queryByRole(root(el), 'button', 'Clear my answers')).to.equal(null);
    await press(el, 'Start');
    expect(byRole<HTMLInputElement>(root(el), 'radio', 'Staff').checked).to.equal(false);
    await press(el, 'Back');

    const second = await answerAndSubmit(el, 'Patient or service user', '1, Not at all');
    await waitUntil(() => text(el).includes('Your answers have been sent.'), '', WAIT);
    await press(el, 'Next person');
    await focusedHeading(definition.title);

    expect(second.id).not.to.equal(first.id);
    expect([first.collection, second.collection]).to.deep.equal(['kiosk', 'kiosk']);
    expect(second.answers.role).to.deep.equal({ type: 'choice', value: 'patient' });
    const log = await endpoint.log();
    expect(log.requests.map((r) => r.idempotencyKey).sort()).to.deep.equal(
      [first.id, second.id].sort(),
    );
    expect(log.stored).to.deep.equal([first, second]);
    expect(await storedDraft(definition)).to.equal(undefined);
  });

  it('still fires values-survey-sent for a response delivered after the next person started', async () => {
    const endpoint = testEndpoint();
    await endpoint.setDown(true);
    const el = await kiosk(sampleDefinition(), endpoint.url);
    const response = await answerAndSubmit(el, 'Staff', '4');
    await waitUntil(() => text(el).includes("could not reach the Trust's server"), '', WAIT);
    await press(el, 'Next person');
    const sent = oneEvent(el, 'values-survey-sent');
    await endpoint.setDown(false);
    window.dispatchEvent(new Event('online'));
    expect(((await sent) as CustomEvent).detail.id).to.equal(response.id);
    // Nothing of it on the screen the next person sees.
    expect(text(el)).not.to.contain('Your answers');
    expect((await endpoint.log()).stored.map((r) => r.id)).to.deep.equal([response.id]);
  });

  it("Clear my answers clears only this person's answers, never an earlier person's unsent response", async () => {
    const endpoint = testEndpoint();
    await endpoint.setDown(true);
    const definition = sampleDefinition();
    const el = await kiosk(definition, endpoint.url);
    const first = await answerAndSubmit(el, 'Staff', '4');
    await waitUntil(() => text(el).includes("could not reach the Trust's server"), '', WAIT);
    await press(el, 'Next person');
    await press(el, 'Start');
    byRole(root(el), 'radio', 'Patient or service user').click();
    await press(el, 'Clear my answers');
    // Not "this also removes answers completed earlier on this device": those are not theirs.
    expect(text(el)).not.to.contain('completed earlier');
    expect(queryByRole(root(el), 'link', 'Download them first')).to.equal(null);
    await press(el, 'Yes, clear my answers');
    await focusedHeading(definition.title);
    await press(el, 'Start');
    expect(byRole<HTMLInputElement>(root(el), 'radio', 'Patient or service user').checked).to.equal(
      false,
    );
    await endpoint.setDown(false);
    window.dispatchEvent(new Event('online'));
    await waitUntil(async () => (await endpoint.log()).stored.length === 1, 'lost', WAIT);
    expect((await endpoint.log()).stored).to.deep.equal([first]);
  });

  it('goes back to the start by itself after the pause it announced', async () => {
    const endpoint = testEndpoint();
    const definition = sampleDefinition();
    const el = await kiosk(definition, endpoint.url, { returnAfter: 0.5 });
    const sent = oneEvent(el, 'values-survey-sent');
    await answerAndSubmit(el, 'Staff', '4');
    expect(text(el)).to.contain('This screen goes back to the start in 0.5 seconds.');
    await sent;
    await waitUntil(() => queryByRole(root(el), 'button', 'Start'), 'never went back', WAIT);
    await focusedHeading(definition.title);
    expect((await endpoint.log()).stored).to.have.length(1);
  });

  it('after a while without input: a warning that can be dismissed, and then the answers cleared', async () => {
    const endpoint = testEndpoint();
    const definition = sampleDefinition();
    const el = await kiosk(definition, endpoint.url, { idleAfter: 0.3, warningFor: 600 });
    await press(el, 'Start');
    byRole(root(el), 'radio', 'Staff').click();
    const warning = await (async () => {
      await waitUntil(() => queryByRole(root(el), 'alert', /Are you still there\?/), '', WAIT);
      return byRole(root(el), 'alert', /Are you still there\?/);
    })();
    expect(warning.textContent!.replace(/\s+/g, ' ')).to.contain(
      'Your answers will be cleared in 600 seconds.',
    );
    await waitUntil(
      () => deepActiveElement() === byRole(root(el), 'button', 'I am still here'),
      'focus did not move to I am still here',
    );
    await expect(el).to.be.accessible();

    await press(el, 'I am still here');
    expect(queryByRole(root(el), 'alert', /Are you still there\?/)).to.equal(null);
    expect(byRole<HTMLInputElement>(root(el), 'radio', 'Staff').checked).to.equal(true);
    byRole(root(el), 'heading', 'What is your main role?');

    // Now nobody answers the warning: the answers go, and the survey starts again.
    el.kioskWarningFor = 0.3;
    await waitUntil(() => queryByRole(root(el), 'alert', /Are you still there\?/), '', WAIT);
    await waitUntil(() => queryByRole(root(el), 'button', 'Start'), 'never cleared', WAIT);
    await focusedHeading(definition.title);
    await press(el, 'Start');
    expect(byRole<HTMLInputElement>(root(el), 'radio', 'Staff').checked).to.equal(false);
    expect((await endpoint.log()).requests).to.have.length(0);
  });

  it('input keeps the warning away; before anyone starts there is nothing to clear', async () => {
    const definition = sampleDefinition();
    const el = await kiosk(definition, testEndpoint().url, { idleAfter: 0.4, warningFor: 0.4 });
    // Untouched on the start page: no warning however long it waits.
    const idleSince = performance.now();
    await waitUntil(() => performance.now() - idleSince > 1200, '', WAIT);
    expect(queryByRole(root(el), 'alert')).to.equal(null);
    await press(el, 'Start');
    // Typing (input events) every 100 ms for longer than the pause keeps it away.
    const textStep = async () => {
      byRole(root(el), 'radio', 'Staff').click();
      await press(el, 'Continue');
      await press(el, 'Continue');
    };
    await textStep();
    const box = byRole<HTMLTextAreaElement>(root(el), 'textbox', /What should our vision be/);
    const typingSince = performance.now();
    await waitUntil(
      () => {
        box.value += 'a';
        box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
        return performance.now() - typingSince > 1200;
      },
      '',
      { timeout: 5000, interval: 100 },
    );
    expect(queryByRole(root(el), 'alert')).to.equal(null);
  });

  it('never restores a draft across people, and keeps none on the device', async () => {
    const definition = sampleDefinition();
    // Someone's answers from before the tablet was a kiosk (or from a crash).
    const store = new DraftStore({ surveyId: definition.id, surveyVersion: definition.version });
    await store.save({
      surveyId: definition.id,
      surveyVersion: definition.version,
      answers: { role: { type: 'choice', value: 'staff' } },
      step: 'q:groups',
      startedAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
      writer: 0,
    });
    store.dispose();
    expect(await storedDraft(definition)).to.not.equal(undefined);

    const el = await kiosk(definition, testEndpoint().url);
    await waitUntil(async () => (await storedDraft(definition)) === undefined, 'draft kept', WAIT);
    expect(text(el)).not.to.contain('Welcome back');
    byRole(root(el), 'button', 'Start');
    await press(el, 'Start');
    expect(byRole<HTMLInputElement>(root(el), 'radio', 'Staff').checked).to.equal(false);
    byRole(root(el), 'radio', 'Staff').click();
    await press(el, 'Continue');
    // The page hidden (a phone locked, a tab switched) writes any pending draft at once.
    whileHidden(() => document.dispatchEvent(new Event('visibilitychange')));
    for (let frame = 0; frame < 3; frame++) await new Promise(requestAnimationFrame);
    expect(await storedDraft(definition)).to.equal(undefined);
  });

  it('records how the response was collected: self by default, or as the collection attribute says', async () => {
    const endpoint = testEndpoint();
    const plain = await fixture<ValuesSurvey>(
      html`<values-survey
        .definition=${sampleDefinition()}
        endpoint=${endpoint.url}
      ></values-survey>`,
    );
    await waitUntil(() => root(plain).querySelector('[data-step-heading]'));
    expect((await answerAndSubmit(plain, 'Staff', '3')).collection).to.equal('self');
    for (const collection of ['assisted', 'paper'] as const) {
      const el = await fixture<ValuesSurvey>(
        html`<values-survey
          .definition=${sampleDefinition()}
          endpoint=${endpoint.url}
          collection=${collection}
        ></values-survey>`,
      );
      await waitUntil(() => root(el).querySelector('[data-step-heading]'));
      expect((await answerAndSubmit(el, 'Staff', '3')).collection).to.equal(collection);
    }
    await waitUntil(async () => (await endpoint.log()).stored.length === 3, '', WAIT);
    const stored = (await endpoint.log()).stored.map((r) => r.collection);
    expect(stored.sort()).to.deep.equal(['assisted', 'paper', 'self']);
  });
});

/** Real forced colours (Windows high contrast), emulated by Chromium; false elsewhere. */
const forcedColors = (active: boolean) =>
  executeServerCommand<boolean, { active: boolean }>('emulate-forced-colors', { active });

describe("issue 23's new states in forced colours (Chromium only)", () => {
  beforeEach(async function () {
    if (!(await forcedColors(true))) this.skip();
    await waitUntil(() => matchMedia('(forced-colors: active)').matches, 'not in forced colours');
  });
  afterEach(async () => {
    await forcedColors(false);
  });

  const solid = (el: Element, side: 'Top' | 'Left' = 'Top') => {
    const style = getComputedStyle(el);
    return style[`border${side}Style`] === 'solid' && parseFloat(style[`border${side}Width`]) >= 2;
  };

  it('keeps the start details, the warning and Next person visible without colour', async () => {
    const definition = sampleDefinition();
    const el = await kiosk(definition, testEndpoint().url, { idleAfter: 0.3 });
    expect(solid(root(el).querySelector('[part="start-details"]')!, 'Left')).to.equal(true);
    await press(el, 'Start');
    byRole(root(el), 'radio', 'Staff').click();
    await waitUntil(() => queryByRole(root(el), 'alert', /Are you still there\?/), '', WAIT);
    expect(solid(byRole(root(el), 'alert', /Are you still there\?/))).to.equal(true);
    expect(solid(byRole(root(el), 'button', 'I am still here'))).to.equal(true);
    await expect(el).to.be.accessible();
    await press(el, 'I am still here');
    el.kioskIdleAfter = 600;
    for (let step = 0; step < 3; step++) await press(el, 'Continue');
    byRole(root(el), 'radio', '2').click();
    await press(el, 'Continue');
    await press(el, 'Submit');
    await waitUntil(() => queryByRole(root(el), 'button', 'Next person'), '', WAIT);
    expect(solid(byRole(root(el), 'button', 'Next person'))).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('keeps the notice about earlier answers visible without colour', async () => {
    const endpoint = testEndpoint();
    const definition = sampleDefinition();
    const first = await fixture<ValuesSurvey>(
      html`<values-survey .definition=${definition} endpoint=${endpoint.url}></values-survey>`,
    );
    await waitUntil(() => root(first).querySelector('[data-step-heading]'));
    await answerAndSubmit(first, 'Staff', '2');
    await waitUntil(async () => (await endpoint.log()).stored.length === 1, '', WAIT);
    first.remove();
    const again = await fixture<ValuesSurvey>(
      html`<values-survey .definition=${definition} endpoint=${endpoint.url}></values-survey>`,
    );
    await waitUntil(() => root(again).querySelector('[part~="previous"]'), '', WAIT);
    const notice = root(again).querySelector('[part~="previous"]')!;
    expect(solid(notice)).to.equal(true);
    // Received is said by a tick as well, not by the colour of the bar alone.
    expect(getComputedStyle(notice.querySelector('p')!, '::before').content).to.contain('✓');
    await expect(again).to.be.accessible();
  });
});

describe('kiosk settings from attributes', () => {
  const options = { kioskReturnAfter: 5, kioskIdleAfter: 6, kioskWarningFor: 7 };

  it('kiosk mode records kiosk, a collection attribute wins, and anything else is self', () => {
    expect(kioskSettings({ ...options, mode: 'kiosk', collection: null }).collection).to.equal(
      'kiosk',
    );
    expect(kioskSettings({ ...options, mode: 'kiosk', collection: 'assisted' })).to.deep.equal({
      kiosk: true,
      collection: 'assisted',
      returnAfterSeconds: 5,
      idleAfterSeconds: 6,
      warningForSeconds: 7,
    });
    expect(kioskSettings({ ...options, mode: 'Kiosk', collection: null })).to.include({
      kiosk: false,
      collection: 'self',
    });
  });

  it('warns about an unknown collection and uses the default; bad pauses mean the defaults', () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      const settings = kioskSettings({
        mode: 'kiosk',
        collection: 'tablet',
        kioskReturnAfter: Number.NaN,
        kioskIdleAfter: -1,
        kioskWarningFor: 0,
      });
      expect(settings).to.include({
        collection: 'kiosk',
        returnAfterSeconds: 60,
        idleAfterSeconds: 180,
        warningForSeconds: 60,
      });
    } finally {
      console.warn = original;
    }
    expect(warnings).to.deep.equal([
      'values-survey: collection="tablet" is not one of self, kiosk, assisted, paper; using the default.',
    ]);
  });
});

describe('kiosk defaults', () => {
  it("the element's pauses are the kiosk's defaults (a minute, three minutes, a minute)", () => {
    const el = document.createElement('values-survey') as ValuesSurvey;
    expect([el.kioskReturnAfter, el.kioskIdleAfter, el.kioskWarningFor]).to.deep.equal([
      KIOSK_DEFAULTS.kioskReturnAfter,
      KIOSK_DEFAULTS.kioskIdleAfter,
      KIOSK_DEFAULTS.kioskWarningFor,
    ]);
    expect(KIOSK_DEFAULTS).to.deep.equal({
      kioskReturnAfter: 60,
      kioskIdleAfter: 180,
      kioskWarningFor: 60,
    });
  });
});
