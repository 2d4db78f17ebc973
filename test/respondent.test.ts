/**
 * What respondents see (issue 13, points 4 and 6 to 9): words decisions in their statements on
 * Check your answers, the scale and 44px option targets, per-question error messages, the step's
 * top kept in view, the confirmation in the survey's words, and a refusal that is never shown as
 * a thank-you, with a download a member of the public can read.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import type { ValuesSurvey } from '../src/values-survey.js';
import type { SurveyDefinition } from '../src/definition/schema.js';
import { errorMessageFor } from '../src/definition/defaults.js';
import { DEFAULT_SURVEY } from '../src/definition/default-survey.js';
import { scaleText } from '../src/text/answer-text.js';
import { DEFAULT_STRINGS } from '../src/strings.js';
import { allByRole, byRole, deepActiveElement, queryByRole } from './support/queries.js';
import {
  clearBuiltInDraft,
  focusedHeading,
  press,
  renderSurvey,
  root,
  sampleDefinition,
  completeAndSubmit,
} from './support/fixtures.js';
import { testEndpoint } from './support/delivery-endpoint.js';

const WAIT = { timeout: 8000, interval: 20 };

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Two statements that share the words "we" and "our", so a bare list of words is ambiguous. */
const wordsDefinition = (): SurveyDefinition =>
  sampleDefinition({
    questions: [
      {
        id: 'values',
        type: 'words',
        prompt: 'Which words would you keep or remove?',
        statements: ['we value our staff,', 'our patients are who we serve'],
      },
      {
        id: 'fit',
        type: 'scale',
        prompt: 'How well do the values fit?',
        min: 1,
        max: 5,
        minLabel: 'Not at all',
        maxLabel: 'Completely',
      },
    ],
  });

/** Keeps or removes `word` in `statement` (each test word appears once per statement). */
async function decide(el: ValuesSurvey, statement: number, word: string, choice: string) {
  const words = root(el).querySelector('values-survey-words')!;
  allByRole(words.shadowRoot!, 'button', new RegExp(`^${word}\\b`))[statement].click();
  await words.updateComplete;
  byRole(words.shadowRoot!, 'button', choice).click();
  await el.updateComplete;
  await words.updateComplete;
}

describe('Check your answers: words decisions in their statements (13.4)', () => {
  it('shows each statement with its kept and removed words marked, for eyes and screen readers', async () => {
    const el = await renderSurvey(wordsDefinition());
    await press(el, 'Start');
    await waitUntil(() => root(el).querySelector('values-survey-words')?.shadowRoot, 'no words');
    // "our" kept and "we" removed in statement 1; the reverse in statement 2.
    await decide(el, 0, 'our', 'Keep');
    await decide(el, 0, 'we', 'Remove');
    await decide(el, 1, 'our', 'Remove');
    await decide(el, 1, 'we', 'Keep');
    await press(el, 'Continue');
    await press(el, 'Continue');
    await focusedHeading('Check your answers');

    const statements = [...root(el).querySelectorAll('.summary-statements li')];
    // The text a screen reader reads: each decided word followed by what was decided.
    expect(statements.map(text)).to.deep.equal([
      'we (removed) value our (kept) staff,',
      'our (removed) patients are who we (kept) serve',
    ]);
    // On screen: underlined and bold for kept, crossed out for removed; never colour alone.
    const kept = root(el).querySelector<HTMLElement>('.summary-word--keep')!;
    const removed = root(el).querySelector<HTMLElement>('.summary-word--remove')!;
    expect(getComputedStyle(kept).textDecorationLine).to.contain('underline');
    expect(Number(getComputedStyle(kept).fontWeight)).to.be.at.least(700);
    expect(getComputedStyle(removed).textDecorationLine).to.contain('line-through');
    expect(text(root(el).querySelector('.summary-words-key'))).to.equal(
      DEFAULT_STRINGS.checkWordsKey,
    );
    await expect(el).to.be.accessible();

    // The Change link still goes to the question and back.
    await press(el, 'Change your answer to: Which words would you keep or remove?');
    await focusedHeading(/Which words would you keep or remove/);
    await press(el, 'Continue');
    await focusedHeading('Check your answers');
  });
});

describe('The scale and the small inputs (13.6)', () => {
  /** The survey in a box as wide as a small phone. */
  async function narrow(definition: SurveyDefinition) {
    const box = await fixture<HTMLDivElement>(html`<div style="width: 320px"></div>`);
    const el = document.createElement('values-survey') as ValuesSurvey;
    el.definition = definition;
    el.endpoint = `/endpoint/${crypto.randomUUID()}`;
    box.append(el);
    await waitUntil(() => root(el).querySelector('[data-step-heading]'), 'no survey');
    return el;
  }

  /** Every radio and checkbox: a target of at least 44 x 44 px around the input, all clickable. */
  function expectTargets(el: ValuesSurvey) {
    const inputs = [...root(el).querySelectorAll<HTMLInputElement>('input')];
    expect(inputs.length).to.be.above(1);
    for (const input of inputs) {
      const label = root(el).querySelector(`label[for="${input.id}"]`)!;
      label.scrollIntoView({ block: 'center' });
      const box = label.getBoundingClientRect();
      const mark = input.getBoundingClientRect();
      expect(box.width, `${input.id} target width`).to.be.at.least(44);
      expect(box.height, `${input.id} target height`).to.be.at.least(44);
      // The input lies inside its label's box, so the two are one target.
      expect(mark.left).to.be.at.least(box.left - 0.5);
      expect(mark.right).to.be.at.most(box.right + 0.5);
      expect(mark.top).to.be.at.least(box.top - 0.5);
      expect(mark.bottom).to.be.at.most(box.bottom + 0.5);
      // A tap anywhere in the target lands on the label or the input.
      for (const [x, y] of [
        [box.left + 2, box.top + 2],
        [box.left + 2, box.bottom - 2],
        [box.right - 2, box.top + 2],
        [box.right - 2, box.bottom - 2],
        [mark.left + mark.width / 2, mark.top + mark.height / 2],
      ]) {
        const hit = root(el).elementFromPoint(x, y);
        expect(hit === input || label.contains(hit), `${input.id} at ${x},${y}`).to.equal(true);
      }
    }
  }

  it('keeps the 1 to 5 scale on one row at 320 px, each point a 44 px target', async () => {
    const el = await narrow(sampleDefinition());
    await press(el, 'Start');
    expectTargets(el);
    await press(el, 'Continue'); // the required role: an error
    byRole(root(el), 'radio', 'Staff').click();
    await press(el, 'Continue');
    expectTargets(el);
    await press(el, 'Continue');
    await press(el, 'Continue');
    await focusedHeading('How well do the values fit?');
    const points = [...root(el).querySelectorAll('.scale-point')];
    expect(points).to.have.length(5);
    const tops = new Set(points.map((p) => Math.round(p.getBoundingClientRect().top)));
    expect([...tops], 'the points wrapped onto more than one row').to.have.length(1);
    expectTargets(el);
    // The end labels are shown once and read as part of the end points' names.
    const ends = [...root(el).querySelectorAll('.scale-ends span')].map(text);
    expect(ends).to.deep.equal(['Not at all', 'Completely']);
    byRole(root(el), 'radio', '1, Not at all');
    byRole(root(el), 'radio', '5, Completely');
    await expect(el).to.be.accessible();
  });

  it('reads scale answers as "4 out of 5 (Completely = 5)"', () => {
    const fit = sampleDefinition().questions[3];
    if (fit.type !== 'scale') throw new Error('the sample survey changed');
    expect(scaleText(fit, 4, DEFAULT_STRINGS)).to.equal('4 out of 5 (Completely = 5)');
    expect(scaleText(fit, 5, DEFAULT_STRINGS)).to.equal('5 out of 5 (Completely)');
    expect(scaleText(fit, 1, DEFAULT_STRINGS)).to.equal('1 out of 5 (Not at all)');
    const bare = { ...fit, minLabel: undefined, maxLabel: undefined };
    expect(scaleText(bare, 3, DEFAULT_STRINGS)).to.equal('3 out of 5');
  });
});

async function withEndpoint(definition: SurveyDefinition, url: string) {
  const el = await fixture<ValuesSurvey>(
    html`<values-survey .definition=${definition} endpoint=${url}></values-survey>`,
  );
  await waitUntil(() => root(el).querySelector('[data-step-heading]'), 'no survey');
  return el;
}

describe('The confirmation says what happens next (13.8)', () => {
  it("shows the definition's confirmation and support line once the answers are sent", async () => {
    const endpoint = testEndpoint();
    // A slow first reply: nothing is promised while the answers are on their way.
    await endpoint.script({ status: 201, delayMs: 1500 });
    const el = await withEndpoint(
      sampleDefinition({
        confirmation: {
          title: 'Thank you for your time',
          body: 'We read every answer.\n\nThe results go to the Board in spring.',
        },
        support: 'If you need help urgently, call NHS 111.',
      }),
      endpoint.url,
    );
    await completeAndSubmit(el);
    await focusedHeading('Sending your answers…');
    expect(root(el).textContent).not.to.contain('Thank you');
    await expect(el).to.be.accessible();

    await focusedHeading('Thank you for your time');
    await waitUntil(() => text(byRole(root(el), 'status', /sent/)) !== '', 'no status', WAIT);
    expect(text(root(el).querySelector('.delivery-status'))).to.equal(
      'Your answers have been sent.',
    );
    byRole(root(el), 'heading', 'What happens next');
    const paragraphs = [...root(el).querySelectorAll('form > p')].map(text);
    expect(paragraphs).to.include.members([
      'We read every answer.',
      'The results go to the Board in spring.',
      'If you need help urgently, call NHS 111.',
    ]);
    await expect(el).to.be.accessible();
  });

  // Staff and "Prefer not to say" together would count twice, and contradict, in the Board's tallies.
  it('"Prefer not to say" cannot be chosen with another connection', async () => {
    await clearBuiltInDraft();
    const el = await fixture<ValuesSurvey>(html`<values-survey></values-survey>`);
    await waitUntil(() => root(el).querySelector('[data-step-heading]'), 'no survey', WAIT);
    await press(el, 'Start');
    await press(el, 'Continue');
    const box = (name: string) => byRole<HTMLInputElement>(root(el), 'checkbox', name);
    // Shown as GOV.UK does: an "or" before it.
    expect(text(box('Prefer not to say').closest('.option')?.previousElementSibling)).to.equal(
      'or',
    );
    box('Staff').click();
    box('Student').click();
    await el.updateComplete;
    box('Prefer not to say').click();
    await waitUntil(() => !box('Staff').checked, 'choosing Prefer not to say kept Staff');
    expect(box('Student').checked).to.equal(false);
    expect(box('Prefer not to say').checked).to.equal(true);
    await expect(el).to.be.accessible();
    box('Alumni').click();
    await waitUntil(
      () => !box('Prefer not to say').checked,
      'choosing Alumni kept Prefer not to say',
    );
    expect(box('Alumni').checked).to.equal(true);
    await press(el, 'Continue');
    for (let step = 0; step < 4; step++) await press(el, 'Continue');
    await focusedHeading('Check your answers');
    const row = [...root(el).querySelectorAll('.summary-row')].find((r) =>
      text(r).includes('How are you connected to the Trust?'),
    );
    expect(text(row)).to.contain('Alumni');
    expect(text(row)).not.to.contain('Prefer not to say');
  });

  it("the built-in survey says what happens next in the Trust's words (a preview: no endpoint)", async () => {
    await clearBuiltInDraft();
    const el = await fixture<ValuesSurvey>(html`<values-survey></values-survey>`);
    await waitUntil(() => root(el).querySelector('[data-step-heading]'), 'no survey', WAIT);
    await press(el, 'Start');
    await press(el, 'Continue');
    byRole(root(el), 'checkbox', 'Prefer not to say').click();
    for (let step = 0; step < 5; step++) await press(el, 'Continue');
    await focusedHeading('Check your answers');
    await press(el, 'Submit');
    await focusedHeading(DEFAULT_SURVEY.confirmation!.title!);
    expect(text(root(el).querySelector('form'))).to.contain(
      'The findings will be shared with the Board in September',
    );
    expect(text(root(el).querySelector('.support'))).to.equal(DEFAULT_SURVEY.support);
    expect(text(root(el).querySelector('.delivery-status'))).to.equal(DEFAULT_STRINGS.noEndpoint);
    await expect(el).to.be.accessible();
  });
});

describe('A refusal is never a thank-you (13.7)', () => {
  it('shows a problem page with Try again, the contact and a readable download', async () => {
    const endpoint = testEndpoint();
    await endpoint.script({ status: 422 });
    const definition = sampleDefinition({
      contact: 'surveys@example.nhs.uk',
      confirmation: { title: 'Thank you for your time' },
      support: 'If you need help urgently, call NHS 111.',
    });
    const el = await withEndpoint(definition, endpoint.url);
    await completeAndSubmit(el);
    await focusedHeading('Your answers have not been sent');
    const alert = byRole(root(el), 'alert');
    await waitUntil(() => text(alert) !== '', 'no alert', WAIT);
    expect(text(alert)).to.equal(
      "The Trust's survey system did not accept your answers. They are still saved on this device.",
    );
    // No bare status codes, and nothing that reads as a thank-you.
    expect(text(root(el).querySelector('form'))).not.to.match(/\b4\d\d\b/);
    expect(root(el).textContent).not.to.contain('Thank you');
    const contact = byRole<HTMLAnchorElement>(root(el), 'link', 'surveys@example.nhs.uk');
    expect(contact.getAttribute('href')).to.equal('mailto:surveys@example.nhs.uk');
    byRole(root(el), 'button', 'Try again');
    await expect(el).to.be.accessible();

    const download = byRole<HTMLAnchorElement>(root(el), 'link', 'Download my answers');
    expect(download.download).to.match(/^my-answers-[0-9a-f]{8}\.txt$/);
    const file = await (await fetch(download.href)).text();
    const [readable, json] = file.split('----\r\n');
    expect(readable).to.contain('Tell us about the Trust');
    expect(readable).to.contain('What is your main role?\r\nStaff\r\n');
    expect(readable).to.contain('How well do the values fit?\r\n4 out of 5 (Completely = 5)\r\n');
    expect(readable).to.contain('What should our vision be?\r\nNot answered\r\n');
    const response = JSON.parse(json.slice(json.indexOf('{')));
    expect(response.answers.fit).to.deep.equal({ type: 'scale', value: 4 });
    expect(json).to.contain('For the Trust (surveys@example.nhs.uk)');

    // Try again: nothing is promised until the endpoint has them, then the confirmation.
    await press(el, 'Try again');
    await focusedHeading('Thank you for your time');
    expect(queryByRole(root(el), 'button', 'Try again')).to.equal(null);
    expect((await endpoint.log()).stored).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('without a contact, says what to do in words; a phone contact is a tel: link', async () => {
    const endpoint = testEndpoint();
    await endpoint.script({ status: 400 });
    const el = await withEndpoint(sampleDefinition(), endpoint.url);
    await completeAndSubmit(el);
    await focusedHeading('Your answers have not been sent');
    expect(text(root(el).querySelector('form'))).to.contain(DEFAULT_STRINGS.refusedNoContact);
    await expect(el).to.be.accessible();

    const phone = testEndpoint();
    await phone.script({ status: 403 });
    const other = await withEndpoint(sampleDefinition({ contact: '020 7946 0000' }), phone.url);
    await completeAndSubmit(other);
    await waitUntil(() => queryByRole(root(other), 'link', '020 7946 0000'), 'no phone', WAIT);
    expect(byRole(root(other), 'link', '020 7946 0000').getAttribute('href')).to.equal(
      'tel:02079460000',
    );
  });
});

describe('Errors and small things (13.9)', () => {
  it("uses each question's own error message, or one built from its prompt", async () => {
    const definition = sampleDefinition();
    const [role, , , fit] = definition.questions;
    role.errorMessage = 'Select your main role';
    const el = await renderSurvey(definition);
    await press(el, 'Start');
    await press(el, 'Continue');
    const summary = byRole(root(el), 'alert', /There is a problem/);
    await waitUntil(() => deepActiveElement() === summary, 'the summary did not take focus');
    byRole(summary, 'link', 'Select your main role');
    expect(text(root(el).querySelector('.error-message'))).to.equal('Error: Select your main role');
    await expect(el).to.be.accessible();

    byRole(root(el), 'radio', 'Staff').click();
    for (let step = 0; step < 3; step++) await press(el, 'Continue');
    await press(el, 'Continue');
    // The default, the same words the editor page shows.
    const message = errorMessageFor(fit);
    expect(message).to.equal('Select an answer to "How well do the values fit?"');
    byRole(root(el), 'link', message);
    expect(text(root(el).querySelector('.error-message'))).to.equal(`Error: ${message}`);
  });

  it('does not take spaces alone as an answer to a required text question', async () => {
    const definition = sampleDefinition();
    const vision = definition.questions[2];
    vision.required = true;
    definition.questions = [vision];
    const el = await renderSurvey(definition);
    await press(el, 'Start');
    const box = byRole<HTMLTextAreaElement>(root(el), 'textbox', /What should our vision be/);
    box.value = '   ';
    box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await press(el, 'Continue');
    const message = 'Enter an answer to "What should our vision be?"';
    const summary = byRole(root(el), 'alert', /There is a problem/);
    byRole(summary, 'link', message);
    expect(text(root(el).querySelector('.error-message'))).to.equal(`Error: ${message}`);
  });

  it('marks an unanswered words question with one red bar, around its heading too', async () => {
    const el = await renderSurvey({
      id: `bar-${crypto.randomUUID().slice(0, 8)}`,
      version: '1',
      title: 'Words',
      intro: 'One question.',
      questions: [
        {
          id: 'values',
          type: 'words',
          prompt: 'Which words?',
          required: true,
          statements: ['We are kind and caring people.'],
        },
      ],
    });
    await press(el, 'Start');
    await press(el, 'Continue');
    byRole(root(el), 'alert', /There is a problem/);
    const words = root(el).querySelector('values-survey-words')!;
    await words.updateComplete;
    const field = words.closest<HTMLElement>('.field')!;
    const fieldset = words.shadowRoot!.querySelector('fieldset')!;
    expect(fieldset.getAttribute('aria-invalid')).to.equal('true');
    const barOf = (box: Element) => parseFloat(getComputedStyle(box).borderInlineStartWidth);
    expect(barOf(field), 'the field has its bar').to.equal(4);
    expect(barOf(fieldset), 'a second bar inside it').to.equal(0);
    const heading = byRole(words.shadowRoot!, 'heading', 'Which words?');
    expect(heading.getBoundingClientRect().top).to.be.at.least(field.getBoundingClientRect().top);
  });

  it('opens the next step with Back and "Question n of N" on screen, not scrolled off the top', async () => {
    // On a CMS page the survey has the rest of the page below it.
    const page = await fixture<HTMLDivElement>(
      html`<div>
        <values-survey
          .definition=${sampleDefinition()}
          endpoint=${`/endpoint/${crypto.randomUUID()}`}
        ></values-survey>
        <div style="height: 4000px">The rest of the page</div>
      </div>`,
    );
    const el = page.querySelector('values-survey')!;
    await waitUntil(() => root(el).querySelector('[data-step-heading]'), 'no survey');
    await press(el, 'Start');
    byRole(root(el), 'radio', 'Staff').click();
    await press(el, 'Continue');
    await focusedHeading(/Which groups are you part of/);
    // Scrolled down to Continue on a phone: the heading still just on screen, Back and the
    // progress line above the top. The next step's heading opens in the same place.
    const heading = byRole(root(el), 'heading', /Which groups are you part of/);
    window.scrollBy(0, heading.getBoundingClientRect().top - 2);
    expect(root(el).querySelector('.progress')!.getBoundingClientRect().top).to.be.below(0);
    await press(el, 'Continue');
    await focusedHeading(/What should our vision be/);
    await waitUntil(() => {
      const back = byRole(root(el), 'button', 'Back').getBoundingClientRect();
      const progress = root(el).querySelector('.progress')!.getBoundingClientRect();
      return back.top >= 0 && progress.bottom <= innerHeight;
    }, 'Back and the progress line are not on screen');
    expect(text(root(el).querySelector('.progress'))).to.equal('Question 3 of 4');
  });

  it('a definition error lists whole sentences, with no field paths', async () => {
    const el = await fixture<ValuesSurvey>(
      html`<values-survey
        .definition=${{ ...sampleDefinition(), contact: 'nobody' } as SurveyDefinition}
      ></values-survey>`,
    );
    await waitUntil(() => root(el).querySelector('.definition-problems li'), 'no error', WAIT);
    expect(root(el).querySelector('.definition-problems code')).to.equal(null);
    expect(text(root(el).querySelector('.definition-problems li'))).to.equal(
      'The contact must be an email address (like surveys@example.nhs.uk) or a phone number (like 020 7946 0000)',
    );
    await expect(el).to.be.accessible();
  });
});
