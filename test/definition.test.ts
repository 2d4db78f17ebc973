import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import type { ValuesSurvey } from '../src/values-survey.js';
import type { ValuesSurveyErrorDetail } from '../src/events.js';
import { byRole, queryByRole } from './support/queries.js';
import { root, sampleDefinition } from './support/fixtures.js';
import '../src/define.js';

/** Silences and records console.error for the duration of a test. */
function captureConsoleErrors() {
  const original = console.error;
  const calls: string[] = [];
  console.error = (...args: unknown[]) => calls.push(args.map(String).join(' '));
  return { calls, restore: () => (console.error = original) };
}

const visibleProblems = (el: ValuesSurvey) =>
  [...root(el).querySelectorAll('.definition-problems li')].map((li) =>
    li.textContent!.replace(/\s+/g, ' ').trim(),
  );

/** Renders `template`, waits for the definition error, and checks it is reported three ways. */
async function expectDefinitionError(template: ReturnType<typeof html>, expected: string | RegExp) {
  const consoleErrors = captureConsoleErrors();
  try {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const reported = oneEvent(host, 'values-survey-error');
    const { render } = await import('lit');
    render(template, host);
    const event = (await reported) as CustomEvent<ValuesSurveyErrorDetail>;
    const el = host.querySelector('values-survey')!;
    await el.updateComplete;
    const alert = byRole(root(el), 'alert', /This survey cannot be shown/);
    const problems = visibleProblems(el);
    const match = (text: string) =>
      typeof expected === 'string' ? text === expected : expected.test(text);
    expect(problems.some(match), `visible problems: ${JSON.stringify(problems)}`).to.equal(true);
    expect(event.detail.kind).to.equal('definition');
    expect(consoleErrors.calls.join('\n')).to.contain('values-survey:');
    // Never a half survey: no step, no buttons.
    expect(queryByRole(root(el), 'button')).to.equal(null);
    await expect(el).to.be.accessible();
    return { el, alert, event };
  } finally {
    consoleErrors.restore();
  }
}

const withQuestion = (question: Record<string, unknown>) =>
  sampleDefinition({ questions: [question as never] });

describe('broken definitions', () => {
  it('an unknown question type names the field and the allowed types', async () => {
    await expectDefinitionError(
      html`<values-survey
        .definition=${withQuestion({ id: 'a', type: 'slider', prompt: 'How?' })}
      ></values-survey>`,
      'questions[0].type must be one of: words, choice, choices, text, scale (got "slider")',
    );
  });

  it('duplicate question ids point at the second one', async () => {
    const definition = sampleDefinition();
    definition.questions[2] = { ...definition.questions[2], id: 'role' };
    await expectDefinitionError(
      html`<values-survey .definition=${definition}></values-survey>`,
      'questions[2].id "role" is already used by questions[0]; question ids must be unique',
    );
  });

  it('a words question with no statements', async () => {
    await expectDefinitionError(
      html`<values-survey
        .definition=${withQuestion({ id: 'w', type: 'words', prompt: 'Words', statements: [] })}
      ></values-survey>`,
      'questions[0].statements needs at least one statement',
    );
  });

  it('a choice question without options', async () => {
    await expectDefinitionError(
      html`<values-survey
        .definition=${withQuestion({ id: 'c', type: 'choice', prompt: 'Pick', options: [] })}
      ></values-survey>`,
      'questions[0].options needs at least two options',
    );
  });

  it('a choice question with its options missing altogether', async () => {
    await expectDefinitionError(
      html`<values-survey
        .definition=${withQuestion({ id: 'c', type: 'choices', prompt: 'Pick' })}
      ></values-survey>`,
      'questions[0].options is missing',
    );
  });

  it('a scale whose min is above its max', async () => {
    await expectDefinitionError(
      html`<values-survey
        .definition=${withQuestion({ id: 's', type: 'scale', prompt: 'Rate', min: 5, max: 1 })}
      ></values-survey>`,
      'questions[0].min must be less than max (min is 5, max is 1)',
    );
  });

  it('a child script that is not JSON', async () => {
    await expectDefinitionError(
      html`<values-survey
        ><script type="application/json">
          { "id": "x", oops }
        </script></values-survey
      >`,
      /^The survey definition is not valid JSON: .+\.$/,
    );
  });

  it('a src that answers 404', async () => {
    await expectDefinitionError(
      html`<values-survey src="/test/fixtures/no-such-definition.json"></values-survey>`,
      /^src The survey definition could not be loaded from http:\/\/.+\/test\/fixtures\/no-such-definition\.json \(status 404\)\.$/,
    );
  });

  it('a src that does not answer in time', async () => {
    await expectDefinitionError(
      html`<values-survey src="/definitions/hang" definition-timeout="300"></values-survey>`,
      /^src The survey definition at http:\/\/.+\/definitions\/hang took longer than 0\.3 seconds to load\.$/,
    );
  });

  it('a src that is not JSON', async () => {
    await expectDefinitionError(
      html`<values-survey src="/definitions/not-json"></values-survey>`,
      /^src The survey definition is not valid JSON: .+/,
    );
  });

  it('fields of the wrong type', async () => {
    const { el } = await expectDefinitionError(
      html`<values-survey
        .definition=${{ ...withQuestion({ id: 't', type: 'text', prompt: 'Say', required: 'yes' }), title: 42 }}
      ></values-survey>`,
      'questions[0].required must be true or false (got "yes")',
    );
    expect(visibleProblems(el)).to.include('title must be text (got number 42)');
  });

  it('markup in a prompt is refused rather than rendered', async () => {
    const { el } = await expectDefinitionError(
      html`<values-survey
        .definition=${withQuestion({
          id: 't',
          type: 'text',
          prompt: 'Say <img src=x onerror=alert(1)>',
        })}
      ></values-survey>`,
      'questions[0].prompt contains HTML markup; write plain text',
    );
    expect(root(el).querySelector('img')).to.equal(null);
  });

  it('a misspelt field is named instead of silently ignored', async () => {
    await expectDefinitionError(
      html`<values-survey
        .definition=${withQuestion({ id: 'w', type: 'words', prompt: 'W', statments: ['a b'] })}
      ></values-survey>`,
      /questions\[0\] has a field this survey does not know: "statments" \(check the spelling\)/,
    );
  });

  it('a definition that is not an object at all', async () => {
    await expectDefinitionError(
      html`<values-survey .definition=${['not', 'a', 'survey']}></values-survey>`,
      'The definition must be an object ({ … }) (got a list)',
    );
  });

  it('a definition with no questions', async () => {
    await expectDefinitionError(
      html`<values-survey .definition=${sampleDefinition({ questions: [] })}></values-survey>`,
      'questions needs at least one question',
    );
  });
});

describe('where the definition comes from', () => {
  it('loads a definition from src (the demo refreshed survey)', async () => {
    const el = await fixture<ValuesSurvey>(
      html`<values-survey src="/demo/refreshed-survey.json"></values-survey>`,
    );
    await waitUntil(() =>
      queryByRole(root(el), 'heading', 'Our refreshed vision, mission and values'),
    );
    await expect(el).to.be.accessible();
  });

  it('reads a child <script type="application/json">', async () => {
    const definition = JSON.stringify(sampleDefinition({ title: 'From the script' }));
    const el = await fixture<ValuesSurvey>(
      html`<values-survey
        ><script type="application/json">
          ${definition}
        </script></values-survey
      >`,
    );
    await waitUntil(() => queryByRole(root(el), 'heading', 'From the script'));
  });

  it('prefers the property over src, and src over the child script', async () => {
    const script = JSON.stringify(sampleDefinition({ title: 'From the script' }));
    const el = await fixture<ValuesSurvey>(
      html`<values-survey src="/demo/refreshed-survey.json"
        ><script type="application/json">
          ${script}
        </script></values-survey
      >`,
    );
    await waitUntil(() =>
      queryByRole(root(el), 'heading', 'Our refreshed vision, mission and values'),
    );
    el.definition = sampleDefinition({ title: 'From the property' });
    await waitUntil(() => queryByRole(root(el), 'heading', 'From the property'));
    el.definition = undefined;
    await waitUntil(() =>
      queryByRole(root(el), 'heading', 'Our refreshed vision, mission and values'),
    );
    el.removeAttribute('src');
    await waitUntil(() => queryByRole(root(el), 'heading', 'From the script'));
  });

  it('shows the new survey when the child script changes at run time', async () => {
    const el = await fixture<ValuesSurvey>(
      html`<values-survey
        ><script type="application/json">
          ${JSON.stringify(sampleDefinition({ title: 'First' }))}
        </script></values-survey
      >`,
    );
    await waitUntil(() => queryByRole(root(el), 'heading', 'First'));
    el.querySelector('script')!.textContent = JSON.stringify(sampleDefinition({ title: 'Second' }));
    await waitUntil(() => queryByRole(root(el), 'heading', 'Second'));
  });

  it('recovers from a broken definition when a good one is set', async () => {
    const consoleErrors = captureConsoleErrors();
    try {
      const el = await fixture<ValuesSurvey>(
        html`<values-survey .definition=${{ id: 'x' }}></values-survey>`,
      );
      await waitUntil(() => queryByRole(root(el), 'alert', /This survey cannot be shown/));
      el.definition = sampleDefinition({ title: 'Fixed' });
      await waitUntil(() => queryByRole(root(el), 'heading', 'Fixed'));
      expect(queryByRole(root(el), 'alert')).to.equal(null);
    } finally {
      consoleErrors.restore();
    }
  });

  it('ignores a slow src that was replaced before it loaded', async () => {
    const el = await fixture<ValuesSurvey>(
      html`<values-survey src="/definitions/hang" definition-timeout="5000"></values-survey>`,
    );
    byRole(root(el), 'status', 'Loading the survey…');
    el.src = '/demo/refreshed-survey.json';
    await waitUntil(() =>
      queryByRole(root(el), 'heading', 'Our refreshed vision, mission and values'),
    );
    expect(queryByRole(root(el), 'alert')).to.equal(null);
  });

  it('still shows the survey when moved on the page while its definition was loading', async () => {
    const host = await fixture<HTMLDivElement>(html`<div><section></section></div>`);
    const el = document.createElement('values-survey') as ValuesSurvey;
    el.src = '/demo/refreshed-survey.json';
    host.append(el);
    await el.updateComplete;
    host.querySelector('section')!.append(el); // a synchronous move, as a CMS script might do
    await waitUntil(() =>
      queryByRole(root(el), 'heading', 'Our refreshed vision, mission and values'),
    );
  });
});
