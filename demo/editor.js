// The editor page: a form and the JSON for the same survey definition, kept in step; a live
// preview; every problem listed at once; and the snippet to paste into the CMS, rebuilt on every
// change of any field. The preview is the widget itself, so the problems it reports (in words,
// counting from one) are the ones the CMS page would show; this page adds where each one is in
// the JSON. Only text and properties are set (a script's text would need a Trusted Types
// policy), so the page works under the strict CSP and Trusted Types.
import { placeOf, scanJson } from '/dist/esm/definition/json-text.js';
import { fieldId } from './editor-fields.js';
import { newSurvey, renderForm } from './editor-form.js';
import { buildSnippet, endpointProblem, plural } from './editor-snippet.js';

const $ = (id) => document.getElementById(id);
const textarea = $('definition');
const endpointInput = $('endpoint');
const status = $('definition-status');
const form = $('form');
const formPaused = $('form-paused');
const problemsBox = $('problems');
const problemsHeading = $('problems-heading');
const problemList = $('problem-list');
const frame = $('preview-frame');
const stale = $('preview-stale');
const snippet = $('snippet');
const snippetMissing = $('snippet-missing');
const copyButton = $('copy');
const copyStatus = $('copy-status');
const tabs = [$('tab-form'), $('tab-json')];
const newButton = $('new-survey');
const undoButton = $('undo-new');

const SCRIPT_URL = new URL('/dist/values-survey.js', location.href).href;

/** The definition as an object, while the JSON text parses; the form edits this. */
let definition;
/** JSON mistakes found in this page: `{ message, line, column }`. */
let syntaxProblems = [];
/** Problems the preview reported for the current text: `{ path, message, line?, column? }`. */
let definitionProblems = [];
/** The text before "Start a new survey", to bring back. */
let previousText;

const preview = document.createElement('values-survey');
preview.id = 'preview';
/** Where each value starts in the current JSON text, by path (from the JSON scanner). */
let places = new Map();

/** `questions[2].min` -> `["questions",2,"min"]`, the scanner's key for a path. */
const pathKey = (path) =>
  JSON.stringify(
    [...path.matchAll(/[^.[\]]+|\[(\d+)\]/g)].map(([part, index]) =>
      index === undefined ? part : Number(index),
    ),
  );

/** The problem with its line and column added; a missing field points at its object. */
function located(problem) {
  for (let path = problem.path; ; path = path.replace(/(\[\d+\]|\.?[^.[\]]+)$/, '')) {
    const at = places.get(pathKey(path));
    if (at !== undefined) {
      const { line, column } = placeOf(textarea.value, at);
      return {
        ...problem,
        line,
        column,
        message: `${problem.message} (line ${line}, column ${column})`,
      };
    }
    if (!path) return problem;
  }
}

preview.addEventListener('values-survey-error', (event) => {
  if (event.detail.kind !== 'definition') return;
  definitionProblems = event.detail.problems?.length
    ? event.detail.problems.map(located)
    : [{ path: '', message: event.detail.message }];
  show();
});

/** Reads the JSON text; `fromForm` when the form wrote it (the form is already up to date). */
function applyText(text, { fromForm = false } = {}) {
  copyStatus.textContent = '';
  try {
    definition = JSON.parse(text);
    syntaxProblems = [];
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    definition = undefined;
    const { mistakes } = scanJson(text);
    syntaxProblems = (mistakes.length ? mistakes : [{ at: -1, reason: error.message }]).map(
      ({ at, reason }) => {
        const place = at < 0 ? undefined : placeOf(text, at);
        const where = place ? ` (line ${place.line}, column ${place.column})` : '';
        return { path: '', message: `The JSON has a mistake: ${reason}${where}`, ...place };
      },
    );
  }
  if (!syntaxProblems.length) {
    // Problems the preview finds arrive as an event before the next paint; until then, none.
    definitionProblems = [];
    places = scanJson(text).places;
    preview.definition = definition;
    if (!fromForm && formCanShow()) renderForm(form, definition, edit);
  }
  show();
}

/** A change made in the form: applied to the definition, written out as JSON. */
function edit(change, focusId) {
  change(definition);
  textarea.value = JSON.stringify(definition, null, 2);
  applyText(textarea.value, { fromForm: true });
  if (focusId !== undefined) {
    // Fields were added or removed: draw the form again and keep the editor's place.
    renderForm(form, definition, edit);
    $(focusId)?.focus();
  }
}

const isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The form edits objects in place, so it shows only a definition shaped like one. */
const formCanShow = () =>
  isRecord(definition) &&
  (definition.questions === undefined ||
    (Array.isArray(definition.questions) &&
      definition.questions.every(
        (q) =>
          isRecord(q) &&
          (q.options === undefined || (Array.isArray(q.options) && q.options.every(isRecord))),
      )));

const allProblems = () => [...syntaxProblems, ...definitionProblems];

/** Shows the state everywhere: problems, form, preview, snippet; announces it after a pause. */
function show() {
  const problems = allProblems();
  const broken = syntaxProblems.length > 0;
  const paused = broken || !formCanShow();
  formPaused.hidden = !paused;
  form.hidden = paused;
  formPaused.textContent = broken
    ? 'The JSON has a mistake, so the form cannot show the survey. Fix the problem listed above on the JSON tab.'
    : 'The form can show only a definition that is one { … } object, with a list of questions that are objects too. Fix it on the JSON tab.';
  // The preview keeps the last survey it could read; say plainly that it is not the current one.
  stale.hidden = !broken;
  frame.toggleAttribute('inert', broken);
  frame.classList.toggle('is-stale', broken);

  problemsBox.hidden = problems.length === 0;
  problemsHeading.textContent = `${plural(problems.length, 'problem')} to fix`;
  problemList.replaceChildren(...problems.map(problemItem));

  const endpointIssue = endpointProblem(endpointInput.value);
  let missing = '';
  if (problems.length) {
    missing = `No snippet yet: fix the ${plural(problems.length, 'problem')} listed under “Edit the survey” first.`;
  } else if (endpointIssue) {
    missing = endpointIssue;
  }
  snippet.textContent = missing
    ? ''
    : buildSnippet({ definition, endpoint: endpointInput.value, scriptUrl: SCRIPT_URL });
  snippet.parentElement.hidden = Boolean(missing);
  snippetMissing.hidden = !missing;
  snippetMissing.textContent = missing;
  announce();
}

let announceTimer;
/** The live status waits for a pause in typing, so a screen reader is not read every keystroke. */
function announce() {
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => {
    const problems = allProblems();
    const ok = problems.length === 0;
    status.classList.toggle('is-error', !ok);
    if (!ok) {
      status.textContent = `${plural(problems.length, 'problem')} to fix, listed below.`;
      return;
    }
    const count = Array.isArray(definition?.questions) ? definition.questions.length : 0;
    const endpointIssue = endpointProblem(endpointInput.value);
    status.textContent = `Looks good: ${plural(count, 'question')}. ${
      endpointIssue || 'The snippet below is ready to copy.'
    }`;
  }, 400);
}

/** `questions[2].options[0].label` -> the nearest form field for it, if the form shows one. */
function fieldFor(path) {
  for (let p = path; p; p = p.replace(/(\[\d+\]|\.?[^.[\]]+)$/, '')) {
    const field = $(fieldId(p));
    if (field) return field;
    const group = form.querySelector(`[data-path="${CSS.escape(p)}"]`);
    if (group) return group.querySelector('input, textarea, select, button');
  }
  return undefined;
}

/** Character index of a line and column (from one) in the JSON text. */
function indexOf(text, line, column) {
  let index = 0;
  for (let l = 1; l < line; l++) index = text.indexOf('\n', index) + 1;
  return index + column - 1;
}

/** One problem, as a link to where it can be fixed (GOV.UK error summary style). */
function problemItem(problem) {
  const link = document.createElement('a');
  link.textContent = problem.message;
  const fieldNow = () =>
    tabs[0].getAttribute('aria-selected') === 'true' && !syntaxProblems.length
      ? fieldFor(problem.path ?? '')
      : undefined;
  link.href = `#${fieldNow()?.id ?? 'definition'}`;
  link.addEventListener('click', (event) => {
    // Fragment links only scroll; the editor needs the caret in the field.
    event.preventDefault();
    const field = fieldNow();
    if (field) {
      field.focus();
      return;
    }
    selectTab(tabs[1]);
    textarea.focus();
    if (problem.line) {
      const at = indexOf(textarea.value, problem.line, problem.column ?? 1);
      textarea.setSelectionRange(at, at + 1);
    }
  });
  const item = document.createElement('li');
  item.append(link);
  return item;
}

/** Tabs in the WAI-ARIA pattern: one tab stop, arrow keys move, the panel follows. */
function selectTab(tab) {
  for (const other of tabs) {
    const selected = other === tab;
    other.setAttribute('aria-selected', String(selected));
    other.tabIndex = selected ? 0 : -1;
    $(other.getAttribute('aria-controls')).hidden = !selected;
  }
  // Problem links point at the form or the JSON, whichever is showing.
  show();
}
for (const tab of tabs) {
  tab.addEventListener('click', () => selectTab(tab));
  tab.addEventListener('keydown', (event) => {
    const index = tabs.indexOf(tab);
    const next = {
      ArrowRight: tabs[(index + 1) % tabs.length],
      ArrowLeft: tabs[(index + tabs.length - 1) % tabs.length],
      Home: tabs[0],
      End: tabs[tabs.length - 1],
    }[event.key];
    if (!next) return;
    event.preventDefault();
    selectTab(next);
    next.focus();
  });
}

newButton.addEventListener('click', () => {
  previousText = textarea.value;
  textarea.value = JSON.stringify(newSurvey(), null, 2);
  applyText(textarea.value);
  undoButton.hidden = false;
  $(fieldId('title'))?.focus();
});
undoButton.addEventListener('click', () => {
  textarea.value = previousText;
  applyText(textarea.value);
  undoButton.hidden = true;
  newButton.focus();
});

copyButton.addEventListener('click', async () => {
  if (!snippet.textContent) {
    copyStatus.textContent = `There is no snippet to copy yet. ${snippetMissing.textContent}`;
    return;
  }
  try {
    await navigator.clipboard.writeText(snippet.textContent);
    copyStatus.textContent = 'Copied. Paste it into your CMS page.';
  } catch (error) {
    if (!(error instanceof DOMException)) throw error;
    copyStatus.textContent = 'Copying is blocked here: select the snippet and copy it yourself.';
  }
});

textarea.addEventListener('input', () => applyText(textarea.value));
endpointInput.addEventListener('input', () => {
  copyStatus.textContent = '';
  show();
});

async function start() {
  const response = await fetch('/demo/refreshed-survey.json');
  const starter = await response.json();
  delete starter.$schema;
  textarea.value = JSON.stringify(starter, null, 2);
  frame.append(preview);
  applyText(textarea.value);
}
start().catch((error) => {
  status.textContent = `The starting survey could not be loaded (${error.message}). Paste a definition on the JSON tab, or start a new survey.`;
  frame.append(preview);
});
