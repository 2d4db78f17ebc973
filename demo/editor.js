// The editor page: a form and the JSON for the same survey definition, kept in step; a live
// preview; every problem listed at once; the snippets to paste into the CMS, each naming the
// survey by its address on the survey server, rebuilt on every change of any field; and a check
// of the survey server for the page where the survey will be. The preview is the widget itself,
// so the problems it reports (in words, counting from one) are the ones the CMS page would show;
// this page adds where each one is in the JSON. Only text and properties are set (a script's text would need a Trusted Types
// policy), so the page works under the strict CSP and Trusted Types.
import { placeOf, scanJson } from '/dist/esm/definition/json-text.js';
import { fieldId } from './editor-fields.js';
import { newSurvey, renderForm } from './editor-form.js';
import {
  buildSnippets,
  plural,
  receiverBase,
  receiverProblem,
  scriptTag,
  SNIPPET_KINDS,
  surveyAddresses,
} from './editor-snippet.js';
import { checkServer, pageOrigin } from './editor-check.js';
import { publishSurvey } from './editor-publish.js';

const $ = (id) => document.getElementById(id);
const textarea = $('definition');
const receiverInput = $('receiver');
const status = $('definition-status');
const form = $('form');
const formPaused = $('form-paused');
const problemsBox = $('problems');
const problemsHeading = $('problems-heading');
const problemList = $('problem-list');
const frame = $('preview-frame');
const stale = $('preview-stale');
const snippetList = $('snippets');
const snippetMissing = $('snippet-missing');
const bundleNote = $('bundle-note');
const pageAddress = $('page-address');
const checkButton = $('check');
const checkResult = $('check-result');
const tokenInput = $('publishing-token');
const publishButton = $('publish');
const publishResult = $('publish-result');
const tabs = [$('tab-form'), $('tab-json')];
const newButton = $('new-survey');
const undoButton = $('undo-new');

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
  clearCopyStatus();
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

  const receiverIssue = receiverProblem(receiverInput.value);
  let missing = '';
  if (problems.length) {
    missing = `No snippets yet: fix the ${plural(problems.length, 'problem')} listed under “Edit the survey” first.`;
  } else if (!isRecord(definition) || typeof definition.id !== 'string') {
    // Only until the preview has listed what is wrong (a moment later).
    missing = 'No snippets yet: the survey needs an id.';
  } else if (receiverIssue) {
    missing = receiverIssue;
  }
  showSnippets(missing);
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
    const receiverIssue = receiverProblem(receiverInput.value);
    status.textContent = `Looks good: ${plural(count, 'question')}. ${
      receiverIssue || 'The snippets below are ready to copy.'
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

/** The survey script as the survey server publishes it; `integrity` only when it says. */
let bundle = { src: '', integrity: undefined };
/** The base the bundle above was read for, so a stale answer is never used. */
let bundleFor = '';
let bundleTimer;

/** Reads the bundle's address and integrity hash from the survey server, once per address. */
async function readBundle(base) {
  if (bundleFor === base) return;
  bundleFor = base;
  const at = surveyAddresses(base, 'x');
  bundle = { src: `${base}/values-survey.js`, integrity: undefined };
  let note = `The survey server publishes no integrity hash at ${at.bundleInfo}, so the script lines have none.`;
  try {
    const response = await fetch(at.bundleInfo, { headers: { Accept: 'application/json' } });
    const info = response.ok ? await response.json() : undefined;
    const src = info?.src ?? info?.url;
    if (typeof src === 'string' && typeof info.integrity === 'string') {
      if (bundleFor !== base) return;
      bundle = { src: new URL(src, at.bundleInfo).href, integrity: info.integrity };
      note = '';
    }
  } catch (error) {
    if (!(error instanceof TypeError || error instanceof SyntaxError)) throw error;
  }
  if (bundleFor !== base) return;
  bundleNote.textContent = note;
  bundleNote.hidden = !note;
  show();
}

/** One card per snippet, made once; only their text changes. */
const cards = new Map();
function makeCard(key, heading, when) {
  const card = document.createElement('section');
  card.className = 'editor-snippet-card';
  const h3 = document.createElement('h3');
  h3.id = `snippet-${key}-heading`;
  h3.textContent = heading;
  const line = document.createElement('p');
  line.textContent = when;
  const pre = document.createElement('pre');
  pre.tabIndex = 0;
  pre.setAttribute('role', 'region');
  pre.setAttribute('aria-labelledby', h3.id);
  const code = document.createElement('code');
  pre.append(code);
  const copy = document.createElement('button');
  copy.type = 'button';
  copy.textContent = `Copy: ${heading}`;
  const copied = document.createElement('span');
  copied.setAttribute('role', 'status');
  copy.addEventListener('click', async () => {
    clearCopyStatus();
    try {
      await navigator.clipboard.writeText(code.textContent);
      copied.textContent = 'Copied. Paste it into your CMS page.';
    } catch (error) {
      if (!(error instanceof DOMException)) throw error;
      copied.textContent = 'Copying is blocked here: select the snippet and copy it yourself.';
    }
  });
  card.append(h3, line, pre, copy, copied);
  cards.set(key, { card, code, copied });
  return card;
}
snippetList.append(
  makeCard(
    'site-wide',
    'Once, by the site’s administrator: the site-wide script',
    'Added once to every page of the site (its template or header settings), so that the marker and the link become the survey.',
  ),
  ...SNIPPET_KINDS.map(({ key, heading, when }) => makeCard(key, heading, when)),
);

function clearCopyStatus() {
  for (const { copied } of cards.values()) copied.textContent = '';
}

/** Fills in every snippet, or hides them all with the reason in `missing`. */
function showSnippets(missing) {
  snippetMissing.hidden = !missing;
  snippetMissing.textContent = missing;
  snippetList.hidden = Boolean(missing);
  if (missing) {
    for (const { code } of cards.values()) code.textContent = '';
    return;
  }
  const base = receiverBase(receiverInput.value);
  if (bundleFor !== base) {
    // Until the server answers (and while the address is being typed), the plain address.
    bundle = { src: `${base}/values-survey.js`, integrity: undefined };
    clearTimeout(bundleTimer);
    bundleTimer = setTimeout(() => readBundle(base).catch(reportProblem), 400);
  }
  const snippets = buildSnippets({ definition, base, bundle });
  cards.get('site-wide').code.textContent = scriptTag(bundle);
  for (const { key } of SNIPPET_KINDS) cards.get(key).code.textContent = snippets[key];
}

/** An unexpected failure of this page's own code: said on the page, not only in the console. */
function reportProblem(error) {
  status.textContent = `Something went wrong on this page: ${error.message}`;
}

checkButton.addEventListener('click', async () => {
  const page = pageOrigin(pageAddress.value);
  const receiverIssue = receiverProblem(receiverInput.value);
  const problem =
    page.problem ??
    (receiverIssue ||
      (allProblems().length
        ? 'Fix the problems with the survey first: it has no id to check.'
        : ''));
  if (problem) {
    showCheck({ ready: false, summary: problem, messages: [] });
    return;
  }
  checkButton.disabled = true;
  checkResult.textContent = 'Checking…';
  try {
    const base = receiverBase(receiverInput.value);
    showCheck(
      await checkServer({
        checkUrl: surveyAddresses(base, definition.id).check,
        origin: page.origin,
        surveyId: definition.id,
      }),
    );
  } finally {
    checkButton.disabled = false;
  }
});

publishButton.addEventListener('click', async () => {
  const problem =
    receiverProblem(receiverInput.value) ||
    (allProblems().length ? 'Fix the problems with the survey first.' : '') ||
    (tokenInput.value.trim() ? '' : 'Enter the publishing token IT gave you.');
  if (problem) {
    showResult(publishResult, { ok: false, summary: problem, messages: [] });
    return;
  }
  publishButton.disabled = true;
  publishResult.textContent = 'Publishing…';
  try {
    const { ok, summary, problems } = await publishSurvey({
      base: receiverBase(receiverInput.value),
      definition,
      token: tokenInput.value.trim(),
    });
    showResult(publishResult, { ok, summary, messages: problems });
  } finally {
    publishButton.disabled = false;
  }
});

/** A result in `box`: one sentence, then each of the server's messages. */
function showResult(box, { ok, summary, messages }) {
  const sentence = document.createElement('p');
  sentence.className = ok ? 'is-ready' : 'is-error';
  sentence.textContent = summary;
  const list = document.createElement('ul');
  list.append(
    ...messages.map((message) => {
      const item = document.createElement('li');
      item.textContent = message;
      return item;
    }),
  );
  box.replaceChildren(sentence, ...(messages.length ? [list] : []));
}

/** The check's answer: one sentence, then each of the server's messages. */
function showCheck({ ready, summary, messages }) {
  showResult(checkResult, { ok: ready, summary, messages });
}

textarea.addEventListener('input', () => applyText(textarea.value));
receiverInput.addEventListener('input', () => {
  clearCopyStatus();
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
