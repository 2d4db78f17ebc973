import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import type { ValuesSurvey } from '../src/values-survey.js';
import type { ValuesSurveyErrorDetail } from '../src/events.js';
import { byRole, queryByRole } from './support/queries.js';
import { root, sampleDefinition } from './support/fixtures.js';
import '../src/define.js';
import { DEFAULT_SURVEY } from '../src/definition/default-survey.js';
import { parseDefinition } from '../src/definition/parse.js';
import { definitionSchema, getDefinitionSchema, type Question } from '../src/definition/schema.js';
import { contactHref, errorMessageFor } from '../src/definition/defaults.js';
import { DefinitionError } from '../src/definition/errors.js';
import { placeOf, scanJson } from '../src/definition/json-text.js';

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

/**
 * Renders `template`, waits for the definition error, and checks it is reported three ways; each
 * problem's message (in words, counting from one) is what the error box shows.
 */
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
    const messages = (event.detail.problems ?? []).map((problem) => problem.message);
    const match = (text: string) =>
      typeof expected === 'string' ? text === expected : expected.test(text);
    expect(messages.some(match), `problems: ${JSON.stringify(messages)}`).to.equal(true);
    // Every problem is on screen at once, not the first one only.
    const shown = visibleProblems(el);
    for (const message of messages) {
      expect(shown.some((text) => text.includes(message))).to.equal(true, message);
    }
    expect(event.detail.kind).to.equal('definition');
    expect(consoleErrors.calls.join('\n')).to.contain('values-survey:');
    // Never a half survey: no step, no buttons.
    expect(queryByRole(root(el), 'button')).to.equal(null);
    await expect(el).to.be.accessible();
    return { el, alert, event, messages };
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
      'Question 1 (id "a"): the type must be one of: words, choice, choices, text, scale (got "slider")',
    );
  });

  it('duplicate question ids point at the second one', async () => {
    const definition = sampleDefinition();
    definition.questions[2] = { ...definition.questions[2], id: 'role' };
    await expectDefinitionError(
      html`<values-survey .definition=${definition}></values-survey>`,
      'Question 3 (id "role"): the id is already used by question 1; every question needs its own id',
    );
  });

  it('a words question with no statements', async () => {
    await expectDefinitionError(
      html`<values-survey
        .definition=${withQuestion({ id: 'w', type: 'words', prompt: 'Words', statements: [] })}
      ></values-survey>`,
      'Question 1 (id "w"): the statements must include at least one statement',
    );
  });

  it('a choice question without options', async () => {
    await expectDefinitionError(
      html`<values-survey
        .definition=${withQuestion({ id: 'c', type: 'choice', prompt: 'Pick', options: [] })}
      ></values-survey>`,
      'Question 1 (id "c"): the options must include at least two options',
    );
  });

  it('a choice question with its options missing altogether', async () => {
    await expectDefinitionError(
      html`<values-survey
        .definition=${withQuestion({ id: 'c', type: 'choices', prompt: 'Pick' })}
      ></values-survey>`,
      'Question 1 (id "c"): the options are missing',
    );
  });

  it('a scale whose min is above its max', async () => {
    await expectDefinitionError(
      html`<values-survey
        .definition=${withQuestion({ id: 'fit', type: 'scale', prompt: 'Rate', min: 5, max: 1 })}
      ></values-survey>`,
      'Question 1 (id "fit"): the lowest point must be below the highest (lowest 5, highest 1)',
    );
  });

  it('a child script that is not JSON', async () => {
    await expectDefinitionError(
      html`<values-survey
        ><script type="application/json">
          { "id": "x", oops }
        </script></values-survey
      >`,
      /^The survey definition is not valid JSON: field names need straight double quotes: write "oops", not oops \(line 2, column \d+\)\.$/,
    );
  });

  it('a src that answers 404', async () => {
    await expectDefinitionError(
      html`<values-survey src="/test/fixtures/no-such-definition.json"></values-survey>`,
      /^The survey definition could not be loaded from http:\/\/.+\/test\/fixtures\/no-such-definition\.json \(status 404\)\.$/,
    );
  });

  it('a src that does not answer in time', async () => {
    await expectDefinitionError(
      html`<values-survey src="/definitions/hang" definition-timeout="300"></values-survey>`,
      /^The survey definition at http:\/\/.+\/definitions\/hang took longer than 0\.3 seconds to load\.$/,
    );
  });

  it('a src that is not JSON', async () => {
    await expectDefinitionError(
      html`<values-survey src="/definitions/not-json"></values-survey>`,
      /^The survey definition is not valid JSON: .+ \(line \d+, column \d+\)\.$/,
    );
  });

  it('fields of the wrong type', async () => {
    const { messages } = await expectDefinitionError(
      html`<values-survey
        .definition=${{ ...withQuestion({ id: 't', type: 'text', prompt: 'Say', required: 'yes' }), title: 42 }}
      ></values-survey>`,
      'Question 1 (id "t"): the "required" setting must be true or false (got "yes")',
    );
    expect(messages).to.include('The title must be text in quotes (got number 42)');
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
      'Question 1 (id "t"): the prompt contains HTML markup; write plain text',
    );
    expect(root(el).querySelector('img')).to.equal(null);
  });

  it('a misspelt field is named instead of silently ignored', async () => {
    await expectDefinitionError(
      html`<values-survey
        .definition=${withQuestion({ id: 'w', type: 'words', prompt: 'W', statments: ['a b'] })}
      ></values-survey>`,
      'Question 1 (id "w") has a field this survey does not know: "statments" (check the spelling)',
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
      'The questions must include at least one question',
    );
  });
});

/** A survey whose definition is the child script `text`, exactly as an editor pasted it. */
function fromScript(text: string) {
  const el = document.createElement('values-survey') as ValuesSurvey;
  const script = document.createElement('script');
  script.type = 'application/json';
  script.textContent = text;
  el.append(script);
  return html`${el}`;
}

describe('problems an editor can act on', () => {
  it('reports every problem in one pass, in words that count from one', async () => {
    const definition = sampleDefinition();
    const questions = definition.questions as unknown as Record<string, unknown>[];
    questions[0] = { ...questions[0], prompt: '' };
    questions.push(
      { id: 'fit', type: 'scale', prompt: 'How well?', min: 5, max: 1 },
      { id: 'role', type: 'text', prompt: 'Again', requried: true },
    );
    const { messages } = await expectDefinitionError(
      html`<values-survey .definition=${definition}></values-survey>`,
      'Question 1 (id "role"): the prompt must not be empty',
    );
    const n = questions.length;
    expect(messages).to.include.members([
      `Question ${n - 1} (id "fit"): the lowest point must be below the highest (lowest 5, highest 1)`,
      `Question ${n} (id "role") has a field this survey does not know: "requried" (check the spelling)`,
      `Question ${n} (id "role"): the id is already used by question 1; every question needs its own id`,
    ]);
  });

  it('names a trailing comma and curly quotes from a word processor, with line and column', async () => {
    const text = '{\n  "id": "x",\n  “title”: "Values",\n  "questions": [1, 2,],\n}';
    const { messages } = await expectDefinitionError(
      fromScript(text),
      'The survey definition is not valid JSON: there is a curly quote (“), as a word processor types: use straight double quotes (") instead (line 3, column 3).',
    );
    expect(messages).to.include(
      'The survey definition is not valid JSON: there is a comma after the last item (a trailing comma): remove it (line 4, column 21, and 1 more).',
    );
  });

  it('lists the problems, not a crash, for valid JSON with curly quotes inside its text', async () => {
    // Valid JSON: the curly quotes are text inside straight-quoted strings. With a rule broken,
    // finding each problem's line must not take “ or ” as the end of the text.
    const definition = withQuestion({ id: 'fit', type: 'scale', prompt: 'Rate', min: 5, max: 1 });
    definition.title = 'Our “refreshed” values';
    const text = JSON.stringify(definition, null, 2);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('"min": 5')) + 1;
    const column = lines[line - 1].indexOf('5') + 1;
    const { messages } = await expectDefinitionError(
      fromScript(text),
      `Question ${definition.questions.length} (id "fit"): the lowest point must be below the highest (lowest 5, highest 1) (line ${line}, column ${column})`,
    );
    expect(messages.join(' ')).not.to.match(/SyntaxError|Unterminated/);
    expect(scanJson(text).mistakes).to.deep.equal([]);
  });

  it('names single quotes and a missing comma', async () => {
    const { messages } = await expectDefinitionError(
      fromScript(`{ 'id': "x"\n  "version": "1" }`),
      `The survey definition is not valid JSON: text needs straight double quotes ("), not single quotes (') (line 1, column 3).`,
    );
    expect(messages).to.include(
      'The survey definition is not valid JSON: a comma (,) is missing before this (line 2, column 3).',
    );
  });

  it('points a problem in pasted JSON at its line and column', async () => {
    const definition = withQuestion({ id: 'fit', type: 'scale', prompt: 'Rate', min: 5, max: 1 });
    const text = JSON.stringify(definition, null, 2);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('"min": 5')) + 1;
    const column = lines[line - 1].indexOf('5') + 1;
    await expectDefinitionError(
      fromScript(text),
      `Question 1 (id "fit"): the lowest point must be below the highest (lowest 5, highest 1) (line ${line}, column ${column})`,
    );
  });

  it('refuses a contact that is neither an email address nor a phone number', async () => {
    await expectDefinitionError(
      html`<values-survey
        .definition=${sampleDefinition({ contact: 'the office' })}
      ></values-survey>`,
      'The contact must be an email address (like surveys@example.nhs.uk) or a phone number (like 020 7946 0000)',
    );
  });

  it('says which confirmation field is wrong', async () => {
    await expectDefinitionError(
      html`<values-survey
        .definition=${sampleDefinition({ confirmation: { title: ' ', text: 'Thanks' } as never })}
      ></values-survey>`,
      'The confirmation: the title must not be empty',
    );
  });
});

describe('finding JSON mistakes', () => {
  /** Each mistake as "line:column reason", in the order found. */
  const mistakes = (text: string) =>
    scanJson(text).mistakes.map(({ at, reason }) => {
      const { line, column } = placeOf(text, at);
      return `${line}:${column} ${reason}`;
    });

  it('finds nothing wrong in valid JSON, and knows where each value starts', () => {
    const text = '{\n  "a": [1, {"b": "x\\"y"}],\n  "c": null\n}';
    const scan = scanJson(text);
    expect(scan.mistakes).to.deep.equal([]);
    expect(placeOf(text, scan.places.get('["a",1,"b"]')!)).to.deep.equal({ line: 2, column: 18 });
    expect(placeOf(text, scan.places.get('["c"]')!)).to.deep.equal({ line: 3, column: 8 });
  });

  it('names each mistake an editor is likely to make', () => {
    expect(mistakes('')).to.deep.equal(['1:1 the definition is empty']);
    expect(mistakes('{ "a": 1 } }')).to.deep.equal([
      '1:12 there is more after the end of the definition: check for a stray } or ]',
    ]);
    expect(mistakes('{ "a": "no end\n}')).to.deep.equal([
      '1:8 this text has no closing double quote (") on its line',
    ]);
    expect(mistakes('{ "a": 1, // note\n}')).to.deep.equal([
      '1:11 JSON cannot contain comments: remove them',
    ]);
    expect(mistakes('{ "a": 1,, "b": 2 }')).to.deep.equal([
      '1:10 there is one comma too many here: remove it',
    ]);
    expect(mistakes('{ title: "x" }')).to.deep.equal([
      '1:3 field names need straight double quotes: write "title", not title',
    ]);
    expect(mistakes('{ "a": Staff }')).to.deep.equal([
      '1:8 text needs straight double quotes (") around it',
    ]);
    expect(mistakes('{ "a": "C:\\path" }')).to.deep.equal([
      '1:11 a backslash (\\) in text must be followed by ", \\, /, b, f, n, r, t or u: write \\\\ for one backslash',
    ]);
    expect(mistakes('{ "a": [1, 2 }')).to.deep.equal(['1:14 "}" is not expected here']);
    expect(mistakes('{ "a": [1, 2')).to.deep.equal([
      '1:13 the definition ends too early: a closing ] is missing',
    ]);
  });

  it('reads curly quotes inside straight-quoted text as text, and a mistyped closing one as a mistake', () => {
    expect(mistakes('{ "a": "the “best” care", "b": "it’s ‘ours’" }')).to.deep.equal([]);
    expect(mistakes('{ "title”: "Values" }')).to.deep.equal([
      '1:9 there is a curly quote (”), as a word processor types: use straight double quotes (") instead',
    ]);
    expect(mistakes('{ "a": "b”\n}')).to.deep.equal([
      '1:10 there is a curly quote (”), as a word processor types: use straight double quotes (") instead',
    ]);
  });

  it('steps over curly quotes, trailing commas and missing commas to find every one', () => {
    const text = '{ “a”: “a person’s view”, "b": [1 2,], }';
    expect(mistakes(text)).to.deep.equal([
      '1:3 there is a curly quote (“), as a word processor types: use straight double quotes (") instead',
      '1:8 there is a curly quote (“), as a word processor types: use straight double quotes (") instead',
      '1:35 a comma (,) is missing before this',
      '1:36 there is a comma after the last item (a trailing comma): remove it',
      '1:38 there is a comma after the last item (a trailing comma): remove it',
    ]);
  });
});

describe('optional definition fields for respondents', () => {
  it('accepts confirmation, support, contact and per-question error messages', async () => {
    const definition = sampleDefinition({
      title: 'With every optional field',
      confirmation: { title: 'Thank you', body: 'We read every answer.\n\nResults in spring.' },
      support: 'If you are finding things difficult, talk to your care team.',
      contact: '+44 20 7946 0000',
    });
    (definition.questions[0] as Question).errorMessage = 'Select your main role';
    expect(parseDefinition(definition, 'property')).to.deep.equal(definition);
    const el = await fixture<ValuesSurvey>(
      html`<values-survey .definition=${definition}></values-survey>`,
    );
    await waitUntil(() => queryByRole(root(el), 'heading', 'With every optional field'));
    await expect(el).to.be.accessible();
  });

  it('accepts an email address or a phone number as the contact, and links to either', () => {
    for (const contact of ['surveys@example.nhs.uk', '020 7946 0000', '(020) 7946-0000']) {
      expect(() => parseDefinition(sampleDefinition({ contact }), 'property')).not.to.throw();
    }
    expect(contactHref(' surveys@example.nhs.uk ')).to.equal('mailto:surveys@example.nhs.uk');
    expect(contactHref('+44 (0)20 7946 0000')).to.equal('tel:+440207946' + '0000');
  });

  it("builds a required question's error message from its prompt unless it has its own", () => {
    const [role, groups, ...rest] = sampleDefinition().questions;
    expect(errorMessageFor(role)).to.equal('Select an answer to "What is your main role?"');
    expect(errorMessageFor({ ...groups, errorMessage: 'Select a group' })).to.equal(
      'Select a group',
    );
    const text = rest.find((q) => q.type === 'text')!;
    expect(errorMessageFor(text)).to.equal(`Enter an answer to "${text.prompt}"`);
    expect(
      errorMessageFor({ id: 'w', type: 'words', prompt: 'Which words?', statements: ['a b'] }),
    ).to.equal('Keep or remove at least one word in "Which words?"');
  });

  it('the built-in survey is valid, offers Prefer not to say, and says what happens next', () => {
    expect(parseDefinition(DEFAULT_SURVEY, 'built-in')).to.deep.equal(DEFAULT_SURVEY);
    const connection = DEFAULT_SURVEY.questions.find((q) => q.id === 'connection');
    expect(connection?.type === 'choices' && connection.options.at(-1)).to.deep.equal({
      value: 'prefer-not-to-say',
      label: 'Prefer not to say',
      exclusive: true,
    });
    expect(connection?.errorMessage).to.match(/^Select how you are connected to the Trust/);
    // The Trust's own words (shared/seeds/000_*.txt).
    expect(DEFAULT_SURVEY.confirmation?.body).to.contain(
      'The findings will be shared with the Board in September, and the Staff Engagement Group will then develop an implementation plan.',
    );
    expect(DEFAULT_SURVEY.support).to.match(/NHS 111/);
    expect(DEFAULT_SURVEY.support).not.to.match(/\d{5,}/);
  });

  it('the lazy schema handle validates like the schema it builds', () => {
    expect(definitionSchema.safeParse(sampleDefinition()).success).to.equal(true);
    expect(definitionSchema.safeParse({ id: 1 }).success).to.equal(false);
    expect(getDefinitionSchema()._zod).to.equal(definitionSchema._zod);
    expect(() => parseDefinition({}, 'property')).to.throw(DefinitionError);
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
