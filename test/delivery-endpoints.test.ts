import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import type { ValuesSurvey } from '../src/values-survey.js';
import { openOutboxStore } from '../src/storage/outbox-store.js';
import { byRole, queryByRole } from './support/queries.js';
import { root, sampleDefinition } from './support/fixtures.js';
import { makeResponse, testEndpoint } from './support/delivery-endpoint.js';
import { captureWarnings, restoreAll } from './support/overrides.js';
import { waitUntil } from './support/wait.js';

// Endpoint problems an editor can make, as the editor and the respondent see them.

const WAIT = { timeout: 8000, interval: 20 };

describe('delivery: endpoints an editor can get wrong', () => {
  afterEach(restoreAll);

  it('shows the editor an error for an endpoint with a user name and password, without the password', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
    try {
      const el = await fixture<ValuesSurvey>(
        html`<values-survey
          .definition=${sampleDefinition()}
          endpoint="https://survey:s3cret@responses.example.org/values"
        ></values-survey>`,
      );
      const alert = byRole(root(el), 'alert', /This survey cannot be shown/);
      expect(alert.textContent).to.contain(
        'its endpoint "https://responses.example.org/values" contains a user name or password',
      );
      expect(alert.textContent).not.to.contain('s3cret');
      expect(queryByRole(root(el), 'button', 'Start')).to.equal(null);
      expect(errors.join('\n')).to.contain('contains a user name or password');
      await expect(el).to.be.accessible();
    } finally {
      console.error = original;
    }
  });

  it('delivers a response queued for the endpoint the Trust moved away from, on a later page load', async () => {
    captureWarnings();
    const [oldReceiver, newReceiver] = [testEndpoint(), testEndpoint()];
    // Queued on an earlier visit, when the page named the old receiver.
    const response = makeResponse();
    await openOutboxStore().put({
      endpoint: new URL(oldReceiver.url, document.baseURI).href,
      response,
    });
    const el = await fixture<ValuesSurvey>(
      html`<values-survey
        .definition=${sampleDefinition()}
        endpoint=${newReceiver.url}
      ></values-survey>`,
    );
    await waitUntil(
      async () => (await oldReceiver.log()).stored.length === 1,
      'the stranded response was never delivered',
      WAIT,
    );
    expect((await oldReceiver.log()).stored).to.deep.equal([response]);
    expect((await newReceiver.log()).requests).to.have.length(0);
    byRole(root(el), 'button', 'Start');
  });
});
