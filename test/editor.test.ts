import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import { byRole, nameOf, queryByRole } from './support/queries.js';
import { docsSnippets, startSurveyServer, type SurveyServer } from './fixtures/cms-page.js';

type Control = HTMLInputElement & HTMLTextAreaElement & HTMLSelectElement;

const BUNDLE = '/dist/values-survey.js';
const SNIPPETS_MODULE = '/demo/editor-snippet.js';

interface SnippetModule {
  buildSnippets(input: {
    definition: { id: string; title: string };
    base: string;
    bundle: { src: string; integrity?: string };
  }): Record<string, string>;
  receiverBase(value: string): string;
}
let run = 0;

/**
 * Opens the editor page's content in this document (so axe can check it) with its own copy of
 * demo/editor.js, driving the built bundle as the page does.
 */
async function openEditor() {
  const source = await (await fetch('/demo/editor.html')).text();
  const page = new DOMParser().parseFromString(source, 'text/html');
  const container = document.createElement('div');
  container.append(document.importNode(page.querySelector('main')!, true));
  document.body.append(container);
  await import(/* @vite-ignore */ BUNDLE);
  await import(/* @vite-ignore */ `/demo/editor.js?run=${run++}`);
  const textarea = container.querySelector<HTMLTextAreaElement>('#definition')!;
  await waitUntil(() => textarea.value.length > 0, 'the starter definition did not load');
  const preview = container.querySelector('values-survey')!;

  /** A form control by its label's text, as a person finds it (the `nth` of several). */
  const field = (label: string, nth = 0) => {
    const found = [...container.querySelectorAll<Control>('input, textarea, select')].filter(
      (control) => nameOf(control) === label && control.offsetParent !== null,
    )[nth];
    if (!found) throw new Error(`no visible field labelled ${label}`);
    return found;
  };
  /** Types into a field: sets its value and fires input, as the browser does for each change. */
  const type = (control: HTMLInputElement | HTMLTextAreaElement, text: string) => {
    control.focus();
    control.value = text;
    control.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const button = (name: string | RegExp) => byRole<HTMLButtonElement>(container, 'button', name);
  const status = () => container.querySelector('#definition-status')!.textContent!;
  const problems = () =>
    [...container.querySelectorAll('#problem-list a')].map((a) => a.textContent!);
  /** The snippet in the card headed `heading` (the marker's by default). */
  const snippet = (heading: string | RegExp = /^The marker/) =>
    byRole(container, 'region', heading).textContent!;
  const missing = () => container.querySelector('#snippet-missing')!.textContent!;
  const previewShows = (heading: string) =>
    waitUntil(
      () => queryByRole(preview.shadowRoot!, 'heading', heading),
      `the preview did not show "${heading}"`,
    );
  return {
    container,
    textarea,
    preview,
    field,
    type,
    button,
    status,
    problems,
    snippet,
    missing,
    previewShows,
  };
}

const STARTER = 'Our refreshed vision, mission and values';

/** The definition the editor page starts with, as it shows it (demo/editor.js). */
async function starterDefinition(): Promise<object> {
  const definition = (await (await fetch('/demo/refreshed-survey.json')).json()) as {
    $schema?: string;
  };
  delete definition.$schema;
  return definition;
}

/** A site the survey server below does not allow: pages there cannot send it responses. */
const OTHER_SITE = 'https://www.trust.nhs.uk';

describe('the editor page', function () {
  // Each test loads the whole page and runs axe over a long form: WebKit on a shared two-core
  // machine needs more than the default 10 s.
  this.timeout(30_000);
  let editor: Awaited<ReturnType<typeof openEditor>>;
  // The survey server the editor reads the script's integrity from and checks: the real receiver
  // on another origin, allowing this page's site, with the starter survey published.
  let server: SurveyServer;
  before(async () => {
    for (const href of ['/demo/site.css', '/demo/editor.css']) {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = href;
      document.head.append(link);
    }
    server = await startSurveyServer({ surveys: [], definitions: [await starterDefinition()] });
  });
  after(() => server?.stop());
  // The widget reports a broken definition on the console too; that is expected here.
  const consoleError = console.error;
  beforeEach(async () => {
    console.error = (...args: unknown[]) => {
      if (!String(args[0]).startsWith('values-survey: ')) consoleError(...args);
    };
    editor = await openEditor();
  });
  afterEach(() => {
    editor.container.remove();
    console.error = consoleError;
  });

  it('builds every snippet the moment the survey server is typed, naming the survey by its address', async () => {
    const { container, field, type, status, snippet, missing, previewShows } = editor;
    await previewShows(STARTER);
    await waitUntil(() => /^Looks good: 7 questions\./.test(status()));
    // No server yet: no snippets, and why.
    expect(missing()).to.match(/Enter the address of the survey server/);
    expect(queryByRole(container, 'button', /^Copy/)).to.equal(null);
    await expect(container).to.be.accessible();

    const server = field('Survey server address');
    type(server, 'https://surveys.trust.nhs.uk/one/');
    // At once: no waiting for the preview or a timer.
    const at = 'https://surveys.trust.nhs.uk/one';
    expect(snippet()).to.equal(
      [
        `<div data-values-survey="tp-refreshed-values" data-src="${at}/surveys/tp-refreshed-values" data-endpoint="${at}/responses">`,
        `  <p><a href="${at}/s/tp-refreshed-values#values-survey">Take the survey: ${STARTER}</a></p>`,
        '</div>',
      ].join('\n'),
    );
    expect(snippet('The element and script')).to.contain(
      `<values-survey survey="tp-refreshed-values" src="${at}/surveys/tp-refreshed-values" endpoint="${at}/responses">`,
    );
    // Never the definition inline: the survey lives on the server.
    expect(snippet('The element and script')).not.to.contain('"questions"');
    expect(snippet('A link to the survey’s own page')).to.equal(
      `<p><a href="${at}/s/tp-refreshed-values">Take the survey: ${STARTER}</a></p>`,
    );
    expect(snippet('An iframe')).to.contain(`<iframe src="${at}/s/tp-refreshed-values"`);
    // Each snippet says when to use it.
    for (const heading of ['The marker: works in every editor', 'The link alone', 'An iframe']) {
      const card = byRole(container, 'heading', heading).parentElement!;
      expect(card.querySelector('p')!.textContent).to.match(/^(Paste|For|Only) /);
    }
    // The endpoint an editor was given works as the server's address too.
    type(server, 'https://surveys.trust.nhs.uk/two/responses');
    expect(snippet()).to.contain('data-endpoint="https://surveys.trust.nhs.uk/two/responses"');
    expect(snippet()).not.to.contain('/one');
    // The scrollable snippets are named regions that take keyboard focus.
    expect(byRole(container, 'region', 'The link alone').tabIndex).to.equal(0);
    await waitUntil(() => /The snippets below are ready to copy/.test(status()));
    await expect(container).to.be.accessible();

    type(server, 'surveys.trust.nhs.uk');
    expect(queryByRole(container, 'region', /^The marker/)).to.equal(null);
    expect(missing()).to.match(/https:\/\//);
  });

  it('writes the snippets the docs show and the editor tests paste', async () => {
    const { buildSnippets, receiverBase } = (await import(
      /* @vite-ignore */ SNIPPETS_MODULE
    )) as SnippetModule;
    const docs = await docsSnippets();
    const built = buildSnippets({
      definition: { id: 'tp-clinic-name', title: 'Name our new clinic' },
      base: receiverBase('https://surveys.example.nhs.uk/'),
      bundle: {
        src: 'https://surveys.example.nhs.uk/values-survey.js',
        integrity: 'sha384-copy-it-from-the-editor-page',
      },
    });
    expect(Object.keys(built)).to.deep.equal([...docs.keys()]);
    for (const [key, html] of docs) expect(built[key], key).to.equal(html);
  });

  it('uses the integrity hash the survey server publishes', async () => {
    const { field, type, snippet, previewShows } = editor;
    await previewShows(STARTER);
    // What the receiver publishes at /assets/values-survey.json: its versioned bundle's address.
    const { bundle } = server;
    type(field('Survey server address'), `${server.url}/`);
    await waitUntil(
      () => snippet('The element and script').includes(`integrity="${bundle.integrity}"`),
      'the snippet did not get the integrity hash',
    );
    expect(snippet('The element and script')).to.contain(
      `<script type="module" src="${bundle.src}" integrity="${bundle.integrity}" crossorigin="anonymous"></script>`,
    );
    expect(snippet(/site-wide script/)).to.contain(
      `<script type="module" src="${bundle.src}" integrity="${bundle.integrity}" crossorigin="anonymous"></script>`,
    );
  });

  it('checks the survey server for the page where the survey will be, and says what to fix', async () => {
    const { container, field, type, button, previewShows } = editor;
    await previewShows(STARTER);
    const result = () => container.querySelector('#check-result')!;
    type(field('Address of the page'), 'www.trust.nhs.uk/clinic');
    button('Check').click();
    await waitUntil(() => /must be a full web address/.test(result().textContent!));

    // A site the receiver does not allow: what to fix, in the receiver's own words.
    type(field('Survey server address'), `${server.url}/`);
    type(field('Address of the page'), `${OTHER_SITE}/news/clinic`);
    button('Check').click();
    await waitUntil(() => result().querySelector('li'), 'no answer from the check');
    expect(result().querySelector('p')!.textContent).to.equal(
      `Fix before you publish: pages on ${OTHER_SITE} cannot send responses to it.`,
    );
    expect([...result().querySelectorAll('li')].map((li) => li.textContent)).to.deep.equal([
      `Pages on ${OTHER_SITE} may not send responses to this receiver: their answers would wait ` +
        `on respondents' devices. Ask IT to add ${OTHER_SITE} to ALLOWED_ORIGINS in the ` +
        "receiver's settings and restart it.",
      'The survey "tp-refreshed-values" is open for responses.',
      `The survey's script loads on any site from ${server.bundle.src} (integrity ${server.bundle.integrity}).`,
    ]);
    await expect(container).to.be.accessible();

    // A page on the site it allows (this test page's).
    type(field('Address of the page'), `${location.origin}/news/clinic`);
    button('Check').click();
    await waitUntil(() => /^Ready: /.test(result().querySelector('p')?.textContent ?? ''));
    expect(result().querySelector('p')!.textContent).to.equal(
      `Ready: pages on ${location.origin} can show the survey and send its responses.`,
    );
    expect(result().querySelector('li')!.textContent).to.equal(
      `Pages on ${location.origin} may send responses to this receiver.`,
    );
    await expect(container).to.be.accessible();

    // A server that is not there is named, not a silent failure.
    type(field('Survey server address'), 'http://127.0.0.1:9/');
    button('Check').click();
    await waitUntil(() =>
      /could not be reached at http:\/\/127\.0\.0\.1:9\/check/.test(result().textContent!),
    );
  });

  it('names JSON mistakes with line and column, and marks the preview out of date', async () => {
    const { container, textarea, type, problems, status, previewShows } = editor;
    await previewShows(STARTER);
    type(editor.field('Survey server address'), 'https://surveys.trust.nhs.uk/');
    const tab = byRole(container, 'tab', 'JSON');
    tab.click();
    expect(tab.getAttribute('aria-selected')).to.equal('true');
    type(textarea, '{\n  “title”: "Values",\n  "questions": [1, 2,]\n}');
    expect(problems()).to.deep.equal([
      'The JSON has a mistake: there is a curly quote (“), as a word processor types: use straight double quotes (") instead (line 2, column 3)',
      'The JSON has a mistake: there is a comma after the last item (a trailing comma): remove it (line 3, column 21)',
    ]);
    expect(byRole(container, 'heading', '2 problems to fix')).to.exist;
    // The old survey is still there to look at, but plainly marked and out of reach.
    expect(byRole(container, 'tab', 'JSON')).to.exist;
    const stale = container.querySelector<HTMLElement>('#preview-stale')!;
    expect(stale.hidden).to.equal(false);
    expect(stale.textContent).to.match(/^\s*Out of date/);
    expect(container.querySelector('#preview-frame')!.hasAttribute('inert')).to.equal(true);
    expect(queryByRole(container, 'region', /^The marker/)).to.equal(null);
    expect(editor.missing()).to.match(/^No snippets yet: fix the 2 problems/);
    await waitUntil(() => status() === '2 problems to fix, listed below.');
    await expect(container).to.be.accessible();

    // A problem's link puts the caret on the mistake.
    byRole(container, 'link', /trailing comma/).click();
    expect(document.activeElement).to.equal(textarea);
    expect(textarea.value.slice(textarea.selectionStart, textarea.selectionStart + 1)).to.equal(
      ',',
    );

    // The form waits for JSON it can show, and says so.
    byRole(container, 'tab', 'Form').click();
    const paused = container.querySelector<HTMLElement>('#form-paused')!;
    expect(paused.hidden).to.equal(false);
    expect(paused.textContent).to.match(/^The JSON has a mistake, so the form cannot show/);
    byRole(container, 'tab', 'JSON').click();
    type(textarea, '["not", "a", "survey"]');
    await waitUntil(() => problems().length === 1);
    expect(problems()[0]).to.match(/^The definition must be an object/);
    expect(paused.textContent).to.match(/^The form can show only a definition that is one/);
    await expect(container).to.be.accessible();
  });

  it('reports every problem with the definition at once, in words that count from one', async () => {
    const { container, textarea, type, problems, previewShows, preview } = editor;
    await previewShows(STARTER);
    byRole(container, 'tab', 'JSON').click();
    const definition = JSON.parse(textarea.value) as { questions: Record<string, unknown>[] };
    definition.questions[0].prompt = '';
    definition.questions.push({ id: 'fit', type: 'scale', prompt: 'How well?', min: 5, max: 1 });
    const text = JSON.stringify(definition, null, 2);
    type(textarea, text);
    const n = definition.questions.length;
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('"min": 5')) + 1;
    await waitUntil(() => problems().length === 2, `problems: ${problems().join(' | ')}`);
    expect(problems()[0]).to.match(
      /^Question 1 \(id "values"\): the prompt must not be empty \(line/,
    );
    expect(problems()[1]).to.equal(
      `Question ${n} (id "fit"): the lowest point must be below the highest (lowest 5, highest 1) (line ${line}, column 14)`,
    );
    // The preview says the survey cannot be shown: it never keeps the old one as if current.
    await waitUntil(() => queryByRole(preview.shadowRoot!, 'alert', /This survey cannot be shown/));
    expect(queryByRole(preview.shadowRoot!, 'heading', STARTER)).to.equal(null);
    expect(container.querySelector<HTMLElement>('#preview-stale')!.hidden).to.equal(true);
    await expect(container).to.be.accessible();
  });

  it('takes a form user from a problem to the field that has it', async () => {
    const { container, field, type, problems, previewShows } = editor;
    await previewShows(STARTER);
    type(field('Title'), ' ');
    await waitUntil(() => problems().length === 1);
    expect(problems()).to.deep.equal(['The title must not be empty (line 4, column 12)']);
    byRole(container, 'link', /The title must not be empty/).click();
    expect(document.activeElement).to.equal(field('Title'));
    await expect(container).to.be.accessible();
  });

  it("moves, removes and adds questions and options, keeping the editor's place", async () => {
    const { container, textarea, field, type, button, previewShows } = editor;
    await previewShows(STARTER);
    const ids = () => (JSON.parse(textarea.value).questions as { id: string }[]).map((q) => q.id);
    const before = ids();
    button('Move down question 1').click();
    expect(ids().slice(0, 2)).to.deep.equal([before[1], before[0]]);
    expect(document.activeElement).to.equal(field('Question', 1));
    button('Remove question 2').click();
    expect(ids()).to.deep.equal([before[1], ...before.slice(2)]);
    expect(document.activeElement).to.equal(field('Question', 1));

    const choices = JSON.parse(textarea.value).questions.findIndex(
      (q: { type: string }) => q.type === 'choice' || q.type === 'choices',
    );
    const n = choices + 1;
    const count = () => JSON.parse(textarea.value).questions[choices].options.length;
    const options = count();
    button(`Remove option 1 of question ${n}`).click();
    expect(count()).to.equal(options - 1);
    expect(document.activeElement).to.equal(button(`Add an option to question ${n}`));

    button('Start a new, empty survey').click();
    type(field('Title'), 'Not this one');
    button('Bring back the survey you were editing').click();
    expect(JSON.parse(textarea.value).title).to.equal(STARTER);
    await previewShows(STARTER);
    await expect(container).to.be.accessible();
  });

  it('keeps the form and the JSON in step', async () => {
    const { container, textarea, field, type, previewShows } = editor;
    await previewShows(STARTER);
    type(field('Title'), 'Our values, refreshed');
    expect(JSON.parse(textarea.value).title).to.equal('Our values, refreshed');
    await previewShows('Our values, refreshed');

    byRole(container, 'tab', 'JSON').click();
    const definition = JSON.parse(textarea.value);
    definition.intro = 'Changed in the JSON.';
    type(textarea, JSON.stringify(definition, null, 2));
    byRole(container, 'tab', 'Form').click();
    expect(field('Introduction (optional)').value).to.equal('Changed in the JSON.');
  });

  it('lets an editor who never writes JSON make a new survey and copy its snippet', async () => {
    const { container, textarea, field, type, button, status, snippet, previewShows, preview } =
      editor;
    await previewShows(STARTER);
    button('Start a new, empty survey').click();
    expect(document.activeElement).to.equal(field('Title'));
    type(field('Title'), 'Tell us about our new clinic');
    type(field('Question'), 'What should the clinic be called?');
    type(field('Survey server address'), 'https://surveys.trust.nhs.uk/');
    // A survey with no intro opens on its first question, captioned with the survey's title.
    await waitUntil(
      () =>
        preview.shadowRoot!.querySelector('[part="caption"]')?.textContent ===
        'Tell us about our new clinic',
      'the preview did not show the new title',
    );
    await waitUntil(() => /^Looks good: 1 question\. /.test(status()), status());

    field('Type of new question').value = 'choices';
    button('Add a question').click();
    // Focus moves to the new question's first field.
    expect(nameOf(document.activeElement!)).to.equal('Question');
    type(document.activeElement as Control, 'How did you hear about it?');
    type(field('Option 1'), 'From my GP');
    type(field('Option 2'), 'From a friend');
    button('Add an option to question 2').click();
    expect(document.activeElement).to.equal(field('Option 3'));
    type(field('Option 3'), 'Somewhere else');
    const required = container.querySelectorAll<HTMLInputElement>('input[type=checkbox]')[1];
    expect(nameOf(required)).to.equal('People must answer this question');
    required.click();
    type(field('Message if it is not answered (optional)', 1), 'Select how you heard about it');
    type(field('Confirmation message (optional)'), 'We will choose the name in the spring.');
    await waitUntil(() => /^Looks good: 2 questions\. /.test(status()), status());

    const definition = JSON.parse(textarea.value);
    expect(definition.questions[1]).to.deep.include({
      type: 'choices',
      prompt: 'How did you hear about it?',
      required: true,
      errorMessage: 'Select how you heard about it',
    });
    expect(definition.questions[1].options).to.deep.equal([
      { value: 'from-my-gp', label: 'From my GP' },
      { value: 'from-a-friend', label: 'From a friend' },
      { value: 'somewhere-else', label: 'Somewhere else' },
    ]);
    expect(definition.confirmation).to.deep.equal({
      body: 'We will choose the name in the spring.',
    });
    expect(snippet()).to.contain(
      `data-src="https://surveys.trust.nhs.uk/surveys/${definition.id}"`,
    );
    expect(snippet()).to.contain('Take the survey: Tell us about our new clinic');
    await expect(container).to.be.accessible();

    button('Copy: The marker: works in every editor').click();
    // Whether the clipboard may be written depends on the browser's permissions; either way the
    // editor is told what happened, next to the button.
    await waitUntil(() =>
      /^(Copied\. |Copying is blocked here)/.test(
        byRole(
          container,
          'heading',
          'The marker: works in every editor',
        ).parentElement!.querySelector('[role=status]')!.textContent!,
      ),
    );
  });

  it('escapes the title in the snippets, so no title can break the page it is pasted into', async () => {
    const { field, type, snippet, status, previewShows } = editor;
    await previewShows(STARTER);
    type(field('Survey server address'), 'https://surveys.trust.nhs.uk/');
    // Plain text that looks like markup when pasted as HTML (the definition refuses real tags).
    type(field('Title'), 'Values </ & "quotes" <!-- 1 < 2');
    await previewShows('Values </ & "quotes" <!-- 1 < 2');
    await waitUntil(() => /^Looks good/.test(status()));
    expect(snippet()).to.contain('Take the survey: Values &lt;/ &amp; "quotes" &lt;!-- 1 &lt; 2');
    expect(snippet('An iframe')).to.contain(
      'title="Survey: Values &lt;/ &amp; &quot;quotes&quot; &lt;!-- 1 &lt; 2"',
    );
    expect(snippet('The element and script').match(/<script/g)).to.have.length(1);
  });

  it('moves between the Form and JSON tabs with the arrow keys', async () => {
    const { container } = editor;
    const form = byRole<HTMLButtonElement>(container, 'tab', 'Form');
    form.focus();
    form.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    const json = byRole(container, 'tab', 'JSON');
    expect(document.activeElement).to.equal(json);
    expect(json.getAttribute('aria-selected')).to.equal('true');
    expect(byRole(container, 'tabpanel', 'JSON')).to.exist;
    expect(container.querySelector<HTMLElement>('#panel-form')!.hidden).to.equal(true);
    await expect(container).to.be.accessible();
  });
});
