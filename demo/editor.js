// The editor preview: validates the pasted definition live (the widget itself reports what is
// wrong) and builds the snippet to paste into the CMS. Only text and properties are set, so the
// page works under the strict CSP and Trusted Types.
const textarea = document.getElementById('definition');
const endpointInput = document.getElementById('endpoint');
const status = document.getElementById('definition-status');
const preview = document.getElementById('preview');
const snippet = document.getElementById('snippet');
const copyButton = document.getElementById('copy');
const copyStatus = document.getElementById('copy-status');

const SCRIPT_URL = new URL('/dist/values-survey.js', location.href).href;

async function starterDefinition() {
  const response = await fetch('/demo/refreshed-survey.json');
  const definition = await response.json();
  delete definition.$schema;
  return JSON.stringify(definition, null, 2);
}

function setStatus(message, isError) {
  status.textContent = message;
  status.classList.toggle('is-error', isError);
}

/** The element and the definition as an editor pastes them; `</` is escaped inside the JSON. */
function buildSnippet(definition) {
  const json = JSON.stringify(definition, null, 2).replace(/<\//g, '<\\/');
  const endpoint = endpointInput.value.trim() || 'https://example.nhs.uk/responses';
  return [
    `<script type="module" src="${SCRIPT_URL}"></script>`,
    `<values-survey endpoint="${endpoint.replace(/"/g, '&quot;')}">`,
    '  <script type="application/json">',
    json
      .split('\n')
      .map((line) => `    ${line}`)
      .join('\n'),
    '  </script>',
    '</values-survey>',
  ].join('\n');
}

let timer;
function update() {
  clearTimeout(timer);
  timer = setTimeout(() => {
    let definition;
    try {
      definition = JSON.parse(textarea.value);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      setStatus(`This is not valid JSON yet: ${error.message}`, true);
      snippet.textContent = '';
      return;
    }
    // The widget validates it and shows any problem in the preview; the event tells us here.
    preview.definition = definition;
  }, 300);
}

preview.addEventListener('values-survey-error', (event) => {
  if (event.detail.kind !== 'definition') return;
  const count = event.detail.problems?.length ?? 1;
  setStatus(`${count} problem${count === 1 ? '' : 's'} to fix: see the preview.`, true);
  snippet.textContent = '';
});

// A definition the widget accepted renders a survey; build the snippet from it then.
new MutationObserver(() => {
  if (preview.shadowRoot?.querySelector('[part~="definition-error"]')) return;
  if (!preview.shadowRoot?.querySelector('[data-step-heading]')) return;
  const definition = preview.definition;
  if (!definition) return;
  setStatus(`Looks good: ${definition.questions.length} questions.`, false);
  snippet.textContent = buildSnippet(definition);
}).observe(preview.shadowRoot, { childList: true, subtree: true, characterData: true });

copyButton.addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(snippet.textContent);
    copyStatus.textContent = 'Copied.';
  } catch (error) {
    if (!(error instanceof DOMException)) throw error;
    copyStatus.textContent = 'Copying is blocked here: select the snippet and copy it yourself.';
  }
});

textarea.addEventListener('input', update);
endpointInput.addEventListener('input', update);
starterDefinition().then((text) => {
  textarea.value = text;
  update();
});
