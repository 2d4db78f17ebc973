import { expect } from '@open-wc/testing';
import { renderSurvey, root } from './support/fixtures.js';
import { byRole } from './support/queries.js';
import { ValuesSurvey } from '../src/values-survey.js';
import { defineOnce, TAG_NAME } from '../src/define.js';

describe('registration', () => {
  it('registers <values-survey> as the ValuesSurvey class', () => {
    expect(customElements.get(TAG_NAME)).to.equal(ValuesSurvey);
  });

  it('warns once and does not throw when the script registers the tag a second time', () => {
    const warnings: unknown[][] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      class SecondCopy extends ValuesSurvey {}
      expect(defineOnce(TAG_NAME, SecondCopy)).to.equal(false);
      expect(defineOnce(TAG_NAME, ValuesSurvey)).to.equal(false);
    } finally {
      console.warn = original;
    }
    expect(warnings).to.have.length(1);
    expect(String(warnings[0][0])).to.contain('included twice');
  });

  it('renders the built-in survey title and is accessible', async () => {
    const el = await renderSurvey(undefined);
    byRole(root(el), 'heading', 'Refresh our values, vision and mission');
    await expect(el).to.be.accessible();
  });
});
