import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import { byRole, queryByRole } from './support/queries.js';

/** Opens the demo's editor preview page (it loads the built bundle) in an iframe. */
async function openEditor() {
  const iframe = document.createElement('iframe');
  iframe.style.width = '1200px';
  iframe.style.height = '900px';
  iframe.src = '/demo/editor.html';
  document.body.append(iframe);
  await new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
  const doc = iframe.contentDocument!;
  const textarea = doc.getElementById('definition') as HTMLTextAreaElement;
  const preview = doc.getElementById('preview')!;
  await waitUntil(() => textarea.value.length > 0, 'the starter definition did not load');
  const type = (text: string) => {
    textarea.value = text;
    textarea.dispatchEvent(new Event('input'));
  };
  return { iframe, doc, textarea, preview, type };
}

describe('the editor preview page', () => {
  let editor: Awaited<ReturnType<typeof openEditor>>;
  beforeEach(async () => {
    editor = await openEditor();
  });
  afterEach(() => editor.iframe.remove());

  it('previews the starter definition and offers a snippet with it inline', async () => {
    const { doc, preview } = editor;
    await waitUntil(() =>
      queryByRole(preview.shadowRoot!, 'heading', 'Our refreshed vision, mission and values'),
    );
    const snippet = doc.getElementById('snippet')!;
    await waitUntil(() => snippet.textContent!.includes('<values-survey endpoint='));
    expect(snippet.textContent).to.contain('<script type="application/json">');
    expect(snippet.textContent).to.contain('"id": "tp-refreshed-values"');
    expect(byRole(doc.body, 'status', /Looks good: 7 questions/)).to.exist;
  });

  it('says what is wrong as the editor types, and shows it in the preview', async () => {
    const { doc, preview, type } = editor;
    type('{ "id": ');
    await waitUntil(() =>
      /not valid JSON yet/.test(doc.getElementById('definition-status')!.textContent!),
    );
    const definition = JSON.parse(await (await fetch('/demo/refreshed-survey.json')).text()) as {
      questions: { type: string }[];
    };
    definition.questions[0].type = 'slider';
    type(JSON.stringify(definition));
    await waitUntil(() => queryByRole(preview.shadowRoot!, 'alert', /This survey cannot be shown/));
    expect(preview.shadowRoot!.textContent).to.contain('questions[0].type must be one of');
    expect(doc.getElementById('definition-status')!.textContent).to.match(/1 problem to fix/);
    expect(doc.getElementById('snippet')!.textContent).to.equal('');
  });

  it('escapes </ inside the definition so the snippet cannot close its script early', async () => {
    const { doc, type } = editor;
    const definition = JSON.parse(await (await fetch('/demo/refreshed-survey.json')).text());
    definition.title = 'Values </ survey';
    delete definition.$schema;
    type(JSON.stringify(definition));
    const snippet = doc.getElementById('snippet')!;
    await waitUntil(() => snippet.textContent!.includes('Values <\\/ survey'));
    expect(snippet.textContent!.match(/<\/script>/g)).to.have.length(2);
  });

  it('passes axe on the built bundle it previews', async () => {
    // axe runs in this page, so check the same markup rendered here from the bundle.
    const bundle = '/dist/values-survey.js';
    await import(/* @vite-ignore */ bundle);
    const el = document.createElement('values-survey') as HTMLElement & {
      updateComplete: Promise<boolean>;
    };
    document.body.append(el);
    try {
      await waitUntil(() => el.shadowRoot?.querySelector('[data-step-heading]'));
      await expect(el).to.be.accessible();
    } finally {
      el.remove();
    }
  });
});
