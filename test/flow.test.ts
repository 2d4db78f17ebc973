import { expect, oneEvent } from '@open-wc/testing';
import { historyEntry, waitUntil } from './support/wait.js';
import { sendKeys } from '@web/test-runner-commands';
import type { SurveyResponse } from '../src/response/schema.js';
import { allByRole, byRole, deepActiveElement, queryByRole } from './support/queries.js';
import { focusedHeading, press, renderSurvey, root, sampleDefinition } from './support/fixtures.js';
import { withoutSchedulers } from './support/schedulers.js';

describe('survey flow', () => {
  it('opens on the intro with the title, the intro paragraphs and Start', async () => {
    const el = await renderSurvey(sampleDefinition());
    byRole(root(el), 'heading', 'Tell us about the Trust');
    const paragraphs = [...root(el).querySelectorAll('p')].map((p) => p.textContent?.trim());
    expect(paragraphs).to.include.members(['First paragraph.', 'Second paragraph.']);
    byRole(root(el), 'button', 'Start');
    await expect(el).to.be.accessible();
  });

  it('runs the built-in survey with six questions when no definition is given', async () => {
    const el = await renderSurvey(undefined);
    byRole(root(el), 'heading', 'Refresh our values, vision and mission');
    await press(el, 'Start');
    expect(root(el).querySelector('[part~="progress"]')?.textContent?.trim()).to.equal(
      'Question 1 of 6',
    );
  });

  it('moves focus to each new step heading and shows "Question n of N"', async () => {
    const el = await renderSurvey(sampleDefinition());
    await press(el, 'Start');
    await focusedHeading('What is your main role?');
    expect(byRole(root(el), 'group', 'What is your main role?')).to.exist;
    expect(root(el).querySelector('[part~="progress"]')?.textContent?.trim()).to.equal(
      'Question 1 of 4',
    );
    await expect(el).to.be.accessible();
  });

  it('shows an error summary that takes focus and links to the field when a required answer is missing', async () => {
    const el = await renderSurvey(sampleDefinition());
    await press(el, 'Start');
    await press(el, 'Continue');
    const summary = byRole(root(el), 'alert', /There is a problem/);
    await waitUntil(() => deepActiveElement() === summary, 'the error summary did not take focus');
    const link = byRole(summary, 'link', 'Select an answer to "What is your main role?"');
    // The inline message repeats the same words next to the field.
    expect(root(el).querySelector('.error-message')?.textContent).to.contain(
      'Select an answer to "What is your main role?"',
    );
    const group = byRole(root(el), 'group', 'What is your main role?');
    expect(group.getAttribute('aria-describedby')).to.contain('q-role-error');
    await expect(el).to.be.accessible();
    link.click();
    await waitUntil(
      () => deepActiveElement() === byRole(root(el), 'radio', 'Patient or service user'),
      'the error link did not focus the field',
    );
    // Still on the same step.
    byRole(root(el), 'heading', 'What is your main role?');
  });

  it('goes forward through every question type and back again, keeping the answers', async () => {
    const el = await renderSurvey(sampleDefinition());
    await press(el, 'Start');
    byRole(root(el), 'radio', 'Staff').click();
    await press(el, 'Continue');
    await focusedHeading(/Which groups are you part of\?/);
    byRole(root(el), 'checkbox', 'Alumni').click();
    byRole(root(el), 'checkbox', 'Student').click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await press(el, 'Continue');
    await focusedHeading(/What should our vision be\?/);
    byRole<HTMLTextAreaElement>(root(el), 'textbox', /What should our vision be/).focus();
    await sendKeys({ type: 'Kind care' });
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await press(el, 'Continue');
    byRole(root(el), 'radio', '5, Completely').click();
    await el.updateComplete;
    await expect(el).to.be.accessible();

    await press(el, 'Back');
    await focusedHeading(/What should our vision be\?/);
    expect(byRole<HTMLTextAreaElement>(root(el), 'textbox').value).to.equal('Kind care');
    await press(el, 'Back');
    expect(byRole<HTMLInputElement>(root(el), 'checkbox', 'Alumni').checked).to.equal(true);
    expect(byRole<HTMLInputElement>(root(el), 'checkbox', 'Student').checked).to.equal(true);
    expect(byRole<HTMLInputElement>(root(el), 'checkbox', 'Member of the public').checked).to.equal(
      false,
    );
    await press(el, 'Back');
    expect(byRole<HTMLInputElement>(root(el), 'radio', 'Staff').checked).to.equal(true);
  });

  it('names the end points of a scale with their labels', async () => {
    const el = await renderSurvey(sampleDefinition());
    await press(el, 'Start');
    byRole(root(el), 'radio', 'Staff').click();
    await press(el, 'Continue');
    await press(el, 'Continue');
    await press(el, 'Continue');
    const names = allByRole(root(el), 'radio').map((r) => r.getAttribute('value'));
    expect(names).to.deep.equal(['1', '2', '3', '4', '5']);
    byRole(root(el), 'radio', '1, Not at all');
    byRole(root(el), 'radio', '3');
    byRole(root(el), 'radio', '5, Completely');
  });

  it('counts characters, announces the count politely once typing pauses, and refuses too long an answer', async () => {
    const el = await renderSurvey(sampleDefinition());
    await press(el, 'Start');
    byRole(root(el), 'radio', 'Staff').click();
    await press(el, 'Continue');
    await press(el, 'Continue');
    const box = byRole<HTMLTextAreaElement>(root(el), 'textbox', /What should our vision be/);
    const count = root(el).querySelector('.character-count')!;
    expect(count.textContent?.trim()).to.equal('You have 20 characters remaining');
    box.focus();
    await sendKeys({ type: 'abcdefghijklmnopqrstuvwxy' });
    await el.updateComplete;
    expect(count.textContent?.trim()).to.equal('You have 5 characters too many');
    const status = byRole(root(el).querySelector('.field')!, 'status');
    await waitUntil(
      () => status.textContent?.trim() === 'You have 5 characters too many',
      'the count was not announced',
      { timeout: 4000 },
    );
    await press(el, 'Continue');
    byRole(root(el), 'alert', /There is a problem/);
    byRole(root(el), 'link', 'Your answer must be 20 characters or fewer');
    expect(box.getAttribute('aria-invalid')).to.equal('true');
  });

  it('lists every answer on "Check your answers" and each change link returns there after Continue', async () => {
    const el = await renderSurvey(sampleDefinition());
    await press(el, 'Start');
    byRole(root(el), 'radio', 'Patient or service user').click();
    await press(el, 'Continue');
    await press(el, 'Continue');
    byRole<HTMLTextAreaElement>(root(el), 'textbox').focus();
    await sendKeys({ type: '<b>bold</b>' });
    await press(el, 'Continue');
    byRole(root(el), 'radio', '4').click();
    await press(el, 'Continue');

    await focusedHeading('Check your answers');
    const rows = [...root(el).querySelectorAll('.summary-row')].map((row) => [
      row.querySelector('dt')?.textContent?.trim(),
      row.querySelector('.summary-value')?.textContent?.replace(/\s+/g, ' ').trim(),
    ]);
    expect(rows).to.deep.equal([
      ['What is your main role?', 'Patient or service user'],
      ['Which groups are you part of?', 'Not answered'],
      ['What should our vision be?', '<b>bold</b>'],
      ['How well do the values fit?', '4 out of 5 (Completely = 5)'],
    ]);
    // Typed markup is shown as text, never as HTML.
    expect(root(el).querySelector('.summary-text b')).to.equal(null);
    await expect(el).to.be.accessible();

    await press(el, 'Change your answer to: Which groups are you part of?');
    await focusedHeading(/Which groups are you part of\?/);
    byRole(root(el), 'checkbox', 'Member of the public').click();
    await press(el, 'Continue');
    await focusedHeading('Check your answers');
    expect(root(el).querySelectorAll('.summary-value')[1].textContent?.trim()).to.equal(
      'Member of the public',
    );
  });

  it('submits a response in the documented shape and confirms', async () => {
    const definition = sampleDefinition();
    const el = await renderSurvey(definition);
    await press(el, 'Start');
    byRole(root(el), 'radio', 'Staff').click();
    await press(el, 'Continue');
    byRole(root(el), 'checkbox', 'Member of the public').click();
    await press(el, 'Continue');
    await press(el, 'Continue');
    byRole(root(el), 'radio', '2').click();
    await press(el, 'Continue');
    const submitted = oneEvent(el, 'values-survey-submit');
    await press(el, 'Submit');
    const { detail } = (await submitted) as CustomEvent<{ response: SurveyResponse }>;
    const { response } = detail;
    expect(response.id).to.match(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(response.surveyId).to.equal(definition.id);
    expect(response.surveyVersion).to.equal('1');
    expect(Date.parse(response.startedAt)).to.be.at.most(Date.parse(response.completedAt));
    expect(response.answers).to.deep.equal({
      role: { type: 'choice', value: 'staff' },
      groups: { type: 'choices', values: ['public'] },
      fit: { type: 'scale', value: 2 },
    });
    expect(response.client.widget).to.equal('values-survey');
    await focusedHeading('Thank you');
    await expect(el).to.be.accessible();
  });

  it('keeps the browser Back button inside the survey', async () => {
    const definition = sampleDefinition();
    const el = await renderSurvey(definition);
    await press(el, 'Start');
    byRole(root(el), 'radio', 'Staff').click();
    await press(el, 'Continue');
    await focusedHeading(/Which groups are you part of\?/);
    await historyEntry(definition.id, 'groups');
    history.back();
    await focusedHeading('What is your main role?');
    expect(byRole<HTMLInputElement>(root(el), 'radio', 'Staff').checked).to.equal(true);
    history.forward();
    await focusedHeading(/Which groups are you part of\?/);
  });

  it('writes the history entry of a step after painting it, and at once when removed', async () => {
    const definition = sampleDefinition();
    const el = await renderSurvey(definition);
    const stepInHistory = () =>
      (history.state as Record<string, Record<string, string>> | null)?.['values-survey']?.[
        definition.id
      ];
    await historyEntry(definition.id, 'intro');
    byRole(root(el), 'button', 'Start').click();
    await el.updateComplete;
    // Rendered, not yet painted: the History API's cost stays off the way to the next step.
    byRole(root(el), 'heading', 'What is your main role?');
    expect(stepInHistory()).to.equal('intro');
    await historyEntry(definition.id, 'role');
    byRole(root(el), 'radio', 'Staff').click();
    withoutSchedulers(() => byRole(root(el), 'button', 'Continue').click());
    await el.updateComplete;
    expect(stepInHistory()).to.equal('role');
    el.remove();
    expect(stepInHistory()).to.equal('groups');
  });

  it('fires values-survey-change on user action only, never when code sets a property', async () => {
    const el = await renderSurvey(sampleDefinition());
    const changes: CustomEvent[] = [];
    el.addEventListener('values-survey-change', (e) => changes.push(e));
    el.strings = { start: 'Begin' };
    el.endpoint = '/elsewhere';
    await el.updateComplete;
    expect(changes).to.have.length(0);
    await press(el, 'Begin');
    byRole(root(el), 'radio', 'Patient or service user').click();
    await el.updateComplete;
    expect(changes).to.have.length(1);
    expect(changes[0].detail).to.deep.equal({
      questionId: 'role',
      answer: { type: 'choice', value: 'patient' },
    });
    expect(changes[0].bubbles && changes[0].composed).to.equal(true);
  });

  it('says plainly that it cannot send when there is no endpoint', async () => {
    const el = await renderSurvey(sampleDefinition(), '');
    el.removeAttribute('endpoint');
    await el.updateComplete;
    expect(queryByRole(root(el), 'button', 'Start')).to.exist;
    expect(root(el).querySelector('[part~="notice"]')?.textContent).to.contain(
      'Answers cannot be sent from this page',
    );
  });

  it('runs a words step: heading focus, chips, and kept and removed words on the check page', async () => {
    const el = await renderSurvey(undefined);
    await press(el, 'Start');
    const words = root(el).querySelector('values-survey-words')!;
    await waitUntil(() => {
      const active = deepActiveElement();
      return (
        active?.tagName === 'H2' && /Which words in our current values/.test(active.textContent!)
      );
    }, 'focus did not move to the words heading');
    byRole(words.shadowRoot!, 'button', /^caring, word/).click();
    await words.updateComplete;
    byRole(words.shadowRoot!, 'button', 'Keep').click();
    await el.updateComplete;
    byRole(words.shadowRoot!, 'button', /^compassionate, word/).click();
    await words.updateComplete;
    byRole(words.shadowRoot!, 'button', 'Remove').click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await press(el, 'Continue');
    byRole(root(el), 'checkbox', 'Staff').click();
    for (let step = 0; step < 5; step++) await press(el, 'Continue');
    await focusedHeading('Check your answers');
    const values = root(el).querySelectorAll('.summary-value')[0].textContent!.replace(/\s+/g, ' ');
    expect(values.trim()).to.equal(
      'Words you kept are underlined. Words you removed are crossed out. we are caring (kept) and compassionate (removed)',
    );
    const mission = root(el).querySelectorAll('.summary-value')[2].textContent!.trim();
    expect(mission).to.equal('No words chosen');
  });

  it('asks for a word when a words question is required', async () => {
    const definition = sampleDefinition({
      questions: [
        { id: 'w', type: 'words', prompt: 'Pick words', required: true, statements: ['we care'] },
      ],
    });
    const el = await renderSurvey(definition);
    await press(el, 'Start');
    await press(el, 'Continue');
    const link = byRole(root(el), 'link', 'Keep or remove at least one word in "Pick words"');
    link.click();
    const words = root(el).querySelector('values-survey-words')!;
    await waitUntil(
      () => deepActiveElement() === byRole(words.shadowRoot!, 'button', /^we, word/),
      'the error link did not focus the first word',
    );
  });
});
