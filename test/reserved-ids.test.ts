/**
 * Through the element: questions may carry any valid id, including the names of the widget's own
 * steps, and a Submit that cannot queue the response says so on the page.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import type { SurveyDefinition } from '../src/definition/schema.js';
import type { SurveyResponse } from '../src/response/schema.js';
import { DeliveryController } from '../src/controllers/delivery.js';
import { byRole, deepActiveElement, nameOf, queryByRole } from './support/queries.js';
import { replace, restoreAll } from './support/overrides.js';
import { focusedHeading, press, renderSurvey, root } from './support/fixtures.js';

function reservedDefinition(): SurveyDefinition {
  return {
    id: `reserved-${crypto.randomUUID().slice(0, 8)}`,
    version: '1',
    title: 'Words the widget uses',
    questions: [
      {
        id: 'check',
        type: 'choice',
        prompt: 'Your role',
        required: true,
        options: [
          { value: 'staff', label: 'Staff' },
          { value: 'public', label: 'Member of the public' },
        ],
      },
      { id: 'intro', type: 'text', prompt: 'Anything to add?' },
      { id: 'done', type: 'scale', prompt: 'How well do they fit?', min: 1, max: 5 },
    ],
  };
}

describe('questions named check, intro and done', () => {
  afterEach(restoreAll);

  it('run to the end and are sent under their own ids', async () => {
    const el = await renderSurvey(reservedDefinition());
    // No intro in the definition: it opens on the first question, with nothing to go back to.
    byRole(root(el), 'heading', 'Your role');
    expect(queryByRole(root(el), 'button', 'Back')).to.equal(null);
    await expect(el).to.be.accessible();
    byRole(root(el), 'radio', 'Member of the public').click();
    await press(el, 'Continue');
    await focusedHeading(/Anything to add\?/);
    await press(el, 'Continue');
    await focusedHeading(/How well do they fit\?/);
    byRole(root(el), 'radio', '3').click();
    await press(el, 'Continue');
    await focusedHeading('Check your answers');

    // Change the question named check: Continue comes back here, not to that question again.
    byRole(root(el), 'button', /Change.*Your role/).click();
    await focusedHeading('Your role');
    byRole(root(el), 'radio', 'Staff').click();
    await press(el, 'Continue');
    await focusedHeading('Check your answers');
    await expect(el).to.be.accessible();

    const submitted = oneEvent(el, 'values-survey-submit');
    await press(el, 'Submit');
    const { detail } = (await submitted) as CustomEvent<{ response: SurveyResponse }>;
    await focusedHeading('Thank you');
    expect(detail.response.answers).to.deep.equal({
      check: { type: 'choice', value: 'staff' },
      done: { type: 'scale', value: 3 },
    });
    expect(el.steps).to.deep.equal([
      'question:check',
      'question:intro',
      'question:done',
      'check',
      'done',
    ]);
  });

  it('show a Submit that could not queue the answers, and keep them for another try', async () => {
    const el = await renderSurvey(reservedDefinition());
    byRole(root(el), 'radio', 'Staff').click();
    await press(el, 'Continue');
    await press(el, 'Continue');
    await press(el, 'Continue');
    await focusedHeading('Check your answers');
    const errors: unknown[][] = [];
    replace(console, 'error', (...args: unknown[]) => {
      errors.push(args);
    });
    replace(DeliveryController.prototype, 'submit', () =>
      Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')),
    );
    const failed = oneEvent(el, 'values-survey-error');
    await press(el, 'Submit');
    expect(((await failed) as CustomEvent<{ kind: string }>).detail.kind).to.equal('storage');
    const alert = byRole(root(el), 'alert');
    expect(alert.textContent).to.contain(
      'Your answers could not be submitted because of a problem on this device.',
    );
    await waitUntil(() => deepActiveElement() === alert, 'focus did not move to the problem');
    byRole(root(el), 'heading', 'Check your answers');
    expect(nameOf(byRole(root(el), 'button', 'Submit'))).to.equal('Submit');
    expect(errors).to.have.length(1);
    await expect(el).to.be.accessible();

    await restoreAll();
    await press(el, 'Submit');
    await focusedHeading('Thank you');
  });
});
