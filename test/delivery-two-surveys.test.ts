import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import type { ValuesSurvey } from '../src/values-survey.js';
import { queryByRole } from './support/queries.js';
import { answerToCheck, press, root, sampleDefinition } from './support/fixtures.js';
import { testEndpoint } from './support/delivery-endpoint.js';

const WAIT = { timeout: 8000, interval: 20 };

/** What a survey says about answers refused on an earlier visit to this device. */
const EARLIER_REFUSED =
  'Answers completed earlier on this device were not accepted. They are still saved here.';

describe('two surveys on one page, sending to the same endpoint', () => {
  it('a refusal on this visit is news for the survey that sent it, never an "earlier" refusal for the other', async () => {
    const endpoint = testEndpoint();
    await endpoint.script({ status: 422 });
    const page = await fixture<HTMLElement>(html`
      <div>
        <values-survey
          .definition=${sampleDefinition({ id: 'two-surveys-a' })}
          endpoint=${endpoint.url}
        ></values-survey>
        <values-survey
          .definition=${sampleDefinition({ id: 'two-surveys-b' })}
          endpoint=${endpoint.url}
        ></values-survey>
      </div>
    `);
    const [first, second] = page.querySelectorAll<ValuesSurvey>('values-survey');
    for (const el of [first, second]) {
      await waitUntil(() => root(el).querySelector('[data-step-heading]'), 'did not render', WAIT);
    }

    await answerToCheck(first);
    await press(first, 'Submit');
    await waitUntil(
      () => /did not accept/.test(queryByRole(root(first), 'alert')?.textContent ?? ''),
      'the first survey was not told of its refusal',
      WAIT,
    );
    // Both share the page's outbox, so the second heard the same news in the same turn.
    await second.updateComplete;
    expect(root(second).textContent).not.to.contain(EARLIER_REFUSED);
    expect(queryByRole(root(second), 'button', 'Try again')).to.equal(null);
    await expect(second).to.be.accessible();
  });
});
