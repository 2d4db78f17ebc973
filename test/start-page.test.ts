import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import type { ValuesSurvey } from '../src/values-survey.js';
import { byRole, queryByRole } from './support/queries.js';
import { clearBuiltInDraft, renderSurvey, root, sampleDefinition } from './support/fixtures.js';
import { DEFAULT_SURVEY } from '../src/definition/default-survey.js';
import { DefinitionError } from '../src/definition/errors.js';
import { parseDefinition } from '../src/definition/parse.js';
import { estimatedMinutes } from '../src/flow/estimate.js';

/** The start page's facts, one paragraph each. */
const details = (el: ValuesSurvey) =>
  [...root(el).querySelectorAll('[part="start-details"] p')].map((p) =>
    p.textContent!.replace(/\s+/g, ' ').trim(),
  );

/** Every problem a definition has, in words. */
function problemsOf(definition: unknown): string[] {
  try {
    parseDefinition(definition, 'property');
  } catch (error) {
    if (error instanceof DefinitionError) return error.problems.map((p) => p.message);
    throw error;
  }
  return [];
}

describe('the start page says how long, what happens to the answers, and where to ask (issue 23)', () => {
  it("gives the definition's time, the anonymity line, the contact and the privacy notice", async () => {
    const el = await renderSurvey(
      sampleDefinition({
        estimatedMinutes: 5,
        contact: 'surveys@example.nhs.uk',
        privacyUrl: 'https://www.example.nhs.uk/privacy',
      }),
    );
    expect(details(el)).to.deep.equal([
      'It takes about 5 minutes.',
      'You do not need to give your name. Your answers are kept on this device until they are sent to the Trust.',
      'Questions about this survey: surveys@example.nhs.uk.',
      "Read the Trust's privacy notice",
    ]);
    const privacy = byRole<HTMLAnchorElement>(root(el), 'link', "Read the Trust's privacy notice");
    expect(privacy.href).to.equal('https://www.example.nhs.uk/privacy');
    const contact = byRole<HTMLAnchorElement>(root(el), 'link', 'surveys@example.nhs.uk');
    expect(contact.href).to.equal('mailto:surveys@example.nhs.uk');
    // Above Start, under the introduction.
    const start = byRole(root(el), 'button', 'Start');
    const box = root(el).querySelector('[part="start-details"]')!;
    expect(box.compareDocumentPosition(start) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    await expect(el).to.be.accessible();
  });

  it('estimates the time from the questions when the definition does not say, and shows no link without privacyUrl', async () => {
    // Three quick questions and one written answer: 2.5 minutes, so about 3.
    const el = await renderSurvey(sampleDefinition());
    expect(details(el)).to.deep.equal([
      'It takes about 3 minutes.',
      'You do not need to give your name. Your answers are kept on this device until they are sent to the Trust.',
    ]);
    expect(queryByRole(root(el), 'link', "Read the Trust's privacy notice")).to.equal(null);
    const one = sampleDefinition();
    one.questions = [one.questions[0]];
    expect(estimatedMinutes(one)).to.equal(1);
    const small = await renderSurvey(one);
    expect(details(small)[0]).to.equal('It takes about 1 minute.');
  });

  it("the built-in survey: about 8 minutes, the Trust's contact and a privacy link", async () => {
    await clearBuiltInDraft();
    const el = await fixture<ValuesSurvey>(html`<values-survey></values-survey>`);
    await waitUntil(() => root(el).querySelector('[data-step-heading]'), 'no survey');
    // The statements' words to read and decide, two written answers, two quick questions.
    expect(estimatedMinutes(DEFAULT_SURVEY)).to.equal(8);
    expect(details(el)[0]).to.equal('It takes about 8 minutes.');
    const contact = byRole<HTMLAnchorElement>(root(el), 'link', DEFAULT_SURVEY.contact!);
    expect(contact.href).to.equal('tel:02074357111');
    const privacy = byRole<HTMLAnchorElement>(root(el), 'link', "Read the Trust's privacy notice");
    expect(privacy.href).to.equal(DEFAULT_SURVEY.privacyUrl);
    await expect(el).to.be.accessible();
  });

  it('checks estimatedMinutes and privacyUrl, each with its own message', () => {
    expect(problemsOf(sampleDefinition({ estimatedMinutes: 0 }))).to.deep.equal([
      'The time it takes (estimatedMinutes) must be at least 1',
    ]);
    expect(problemsOf({ ...sampleDefinition(), estimatedMinutes: 'ten' })).to.deep.equal([
      'The time it takes (estimatedMinutes) must be a number (got "ten")',
    ]);
    for (const privacyUrl of [
      'javascript:alert(1)',
      'www.example.nhs.uk/privacy',
      '//evil.example',
    ]) {
      expect(problemsOf(sampleDefinition({ privacyUrl })), privacyUrl).to.deep.equal([
        'The privacy notice address (privacyUrl) must be a web address starting with https:// or http:// (or a path starting with /)',
      ]);
    }
    for (const privacyUrl of [
      'https://www.example.nhs.uk/privacy',
      'http://intranet/p',
      '/privacy',
    ]) {
      expect(problemsOf(sampleDefinition({ privacyUrl })), privacyUrl).to.deep.equal([]);
    }
  });
});
