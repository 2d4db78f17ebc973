// The form view of the editor: the common edits (title, introduction, each question's words and
// options, the confirmation) without writing JSON. It renders from the definition object and
// changes it through `edit`; the page turns every change into JSON, so the two views stay in step.
import { errorMessageFor } from '/dist/esm/definition/defaults.js';
import { button, checkbox, fieldId, h, textField } from './editor-fields.js';

const TYPES = {
  words: 'Keep or remove words',
  choice: 'Choose one answer',
  choices: 'Choose any answers',
  text: 'Written answer',
  scale: 'Scale of numbers',
};

const isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const asText = (value) => (typeof value === 'string' ? value : '');
const asList = (value) => (Array.isArray(value) ? value : []);

/** A value for an option made from its label: "Member of the public" -> "member-of-the-public". */
export const slug = (label) =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);

/** An id for a new question that no other question has. */
function freshId(questions, stem) {
  const ids = new Set(questions.map((q) => (isRecord(q) ? q.id : undefined)));
  for (let n = questions.length + 1; ; n++) if (!ids.has(`${stem}-${n}`)) return `${stem}-${n}`;
}

/** A new question of `type`, with empty words for the editor to fill in. */
function newQuestion(type, questions) {
  const base = { id: freshId(questions, 'question'), type, prompt: '' };
  if (type === 'words') return { ...base, statements: [''], exclude: [] };
  if (type === 'choice' || type === 'choices') {
    return {
      ...base,
      options: [
        { value: 'option-1', label: '' },
        { value: 'option-2', label: '' },
      ],
    };
  }
  if (type === 'scale') return { ...base, min: 1, max: 5, minLabel: '', maxLabel: '' };
  return { ...base, maxLength: 1000 };
}

/** Sets `object[key]` to `value`, or removes the key when an optional field is left empty. */
function setOptional(object, key, value) {
  if (value === '' || value === undefined) Reflect.deleteProperty(object, key);
  else object[key] = value;
}

/**
 * Renders the form for `definition` into `container`.
 * `edit(change, focusId?)` applies `change(definition)`; with `focusId` the page re-renders the
 * form (the change added or removed fields) and moves focus to that element.
 */
export function renderForm(container, definition, edit) {
  const doc = isRecord(definition) ? definition : {};
  const questions = asList(doc.questions);

  const question = (q, index) => {
    const n = index + 1;
    const at = (d) => d.questions[index];
    const p = `questions[${index}]`;
    const type = isRecord(q) ? q.type : undefined;
    const fields = [
      textField(edit, {
        label: 'Question',
        path: `${p}.prompt`,
        value: asText(q.prompt),
        write: (d, v) => (at(d).prompt = v),
      }),
      textField(edit, {
        label: 'Hint (optional)',
        hint: 'Help shown under the question.',
        path: `${p}.hint`,
        value: asText(q.hint),
        write: (d, v) => setOptional(at(d), 'hint', v),
      }),
    ];
    if (type === 'words') {
      fields.push(
        textField(edit, {
          label: 'Statements',
          hint: 'One statement per line. Every word can be kept or removed.',
          path: `${p}.statements`,
          value: asList(q.statements).join('\n'),
          multiline: true,
          write: (d, v) =>
            (at(d).statements = v
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean)),
        }),
        textField(edit, {
          label: 'Words people cannot choose (optional)',
          hint: 'Separate them with commas, like: we, and, the',
          path: `${p}.exclude`,
          value: asList(q.exclude).join(', '),
          write: (d, v) =>
            (at(d).exclude = v
              .split(',')
              .map((word) => word.trim())
              .filter(Boolean)),
        }),
      );
    }
    if (type === 'choice' || type === 'choices') {
      const options = asList(q.options);
      const optionFields = options.map((option, k) => {
        const label = isRecord(option) ? asText(option.label) : '';
        return h(
          'li',
          { className: 'editor-option' },
          textField(edit, {
            label: `Option ${k + 1}`,
            path: `${p}.options[${k}].label`,
            value: label,
            write: (d, v) => {
              const target = at(d).options[k];
              // A value made from the label (or a placeholder) follows the label; one written by hand stays.
              const made =
                /^option-\d+$/.test(target.value) || target.value === slug(target.label ?? '');
              if (!target.value || made) {
                target.value = slug(v) || `option-${k + 1}`;
              }
              target.label = v;
            },
          }),
          button('Remove', `option ${k + 1} of question ${n}`, () =>
            edit((d) => at(d).options.splice(k, 1), `add-option-${index}`),
          ),
        );
      });
      fields.push(
        h(
          'fieldset',
          { className: 'editor-options' },
          h('legend', {}, 'Answers people can choose'),
          h('ol', { className: 'editor-option-list' }, optionFields),
          button(
            'Add an option',
            `to question ${n}`,
            () =>
              edit(
                (d) => {
                  const list = (at(d).options = asList(at(d).options));
                  const values = new Set(list.map((o) => o?.value));
                  let k = list.length + 1;
                  while (values.has(`option-${k}`)) k++;
                  list.push({ value: `option-${k}`, label: '' });
                },
                fieldId(`${p}.options[${options.length}].label`),
              ),
            { id: `add-option-${index}` },
          ),
        ),
      );
    }
    if (type === 'scale') {
      const number = (v) => (v.trim() === '' || Number.isNaN(Number(v)) ? v : Number(v));
      fields.push(
        textField(edit, {
          label: 'Lowest point',
          path: `${p}.min`,
          value: String(q.min ?? ''),
          type: 'number',
          width: 'short',
          write: (d, v) => (at(d).min = number(v)),
        }),
        textField(edit, {
          label: 'Label for the lowest point (optional)',
          hint: 'Like: Not at all',
          path: `${p}.minLabel`,
          value: asText(q.minLabel),
          write: (d, v) => setOptional(at(d), 'minLabel', v),
        }),
        textField(edit, {
          label: 'Highest point',
          path: `${p}.max`,
          value: String(q.max ?? ''),
          type: 'number',
          width: 'short',
          write: (d, v) => (at(d).max = number(v)),
        }),
        textField(edit, {
          label: 'Label for the highest point (optional)',
          hint: 'Like: Completely',
          path: `${p}.maxLabel`,
          value: asText(q.maxLabel),
          write: (d, v) => setOptional(at(d), 'maxLabel', v),
        }),
      );
    }
    if (type === 'text') {
      fields.push(
        textField(edit, {
          label: 'Most characters allowed (optional)',
          path: `${p}.maxLength`,
          value: String(q.maxLength ?? ''),
          type: 'number',
          width: 'short',
          write: (d, v) => setOptional(at(d), 'maxLength', v.trim() === '' ? '' : Number(v)),
        }),
      );
    }
    const fallback = errorMessageFor({ ...q, errorMessage: undefined });
    fields.push(
      checkbox(edit, {
        label: 'People must answer this question',
        path: `${p}.required`,
        checked: q.required,
        write: (d, v) => setOptional(at(d), 'required', v || undefined),
      }),
      textField(edit, {
        label: 'Message if it is not answered (optional)',
        hint: fallback ? `If empty: ${fallback}` : undefined,
        path: `${p}.errorMessage`,
        value: asText(q.errorMessage),
        write: (d, v) => setOptional(at(d), 'errorMessage', v),
      }),
    );
    const move = (to) =>
      edit(
        (d) => {
          const [moved] = d.questions.splice(index, 1);
          d.questions.splice(to, 0, moved);
        },
        fieldId(`questions[${to}].prompt`),
      );
    return h(
      'fieldset',
      { className: 'editor-question', 'data-path': p },
      h('legend', {}, `Question ${n}: ${TYPES[type] ?? `type "${String(type)}"`}`),
      fields,
      h(
        'div',
        { className: 'editor-actions' },
        index > 0 ? button('Move up', `question ${n}`, () => move(index - 1)) : null,
        index < questions.length - 1
          ? button('Move down', `question ${n}`, () => move(index + 1))
          : null,
        button('Remove question', String(n), () =>
          edit(
            (d) => d.questions.splice(index, 1),
            questions.length > 1
              ? fieldId(`questions[${Math.min(index, questions.length - 2)}].prompt`)
              : 'add-question',
          ),
        ),
      ),
    );
  };

  const typeSelect = h(
    'select',
    { id: 'new-question-type' },
    Object.entries(TYPES).map(([value, label]) => h('option', { value }, label)),
  );

  const confirmation = isRecord(doc.confirmation) ? doc.confirmation : {};
  const setConfirmation = (d, key, v) => {
    d.confirmation = isRecord(d.confirmation) ? d.confirmation : {};
    setOptional(d.confirmation, key, v);
    if (Object.keys(d.confirmation).length === 0) delete d.confirmation;
  };

  container.replaceChildren(
    h(
      'fieldset',
      { className: 'editor-group' },
      h('legend', {}, 'About the survey'),
      textField(edit, {
        label: 'Title',
        path: 'title',
        value: asText(doc.title),
        write: (d, v) => (d.title = v),
      }),
      textField(edit, {
        label: 'Introduction (optional)',
        hint: 'Shown before the first question. Leave a blank line between paragraphs.',
        path: 'intro',
        value: asText(doc.intro),
        multiline: true,
        write: (d, v) => setOptional(d, 'intro', v),
      }),
      textField(edit, {
        label: 'Survey id',
        hint: 'Keeps this survey’s answers apart from other surveys: letters, digits, - and _. Do not change it once people have started answering.',
        path: 'id',
        value: asText(doc.id),
        write: (d, v) => (d.id = v),
      }),
      textField(edit, {
        label: 'Version',
        hint: 'Change it (for example from 1 to 2) when you change the questions of a survey people have answered.',
        path: 'version',
        value: asText(doc.version),
        width: 'short',
        write: (d, v) => (d.version = v),
      }),
    ),
    h('h3', { className: 'editor-subheading' }, 'Questions'),
    h(
      'div',
      { 'data-path': 'questions' },
      questions.map((q, i) => question(isRecord(q) ? q : {}, i)),
    ),
    h(
      'div',
      { className: 'editor-add-question' },
      h('label', { for: 'new-question-type', className: 'editor-label' }, 'Type of new question'),
      typeSelect,
      h(
        'button',
        {
          type: 'button',
          id: 'add-question',
          className: 'editor-button-secondary',
          on: {
            click: () =>
              edit(
                (d) => {
                  d.questions = asList(d.questions);
                  d.questions.push(newQuestion(typeSelect.value, d.questions));
                },
                fieldId(`questions[${questions.length}].prompt`),
              ),
          },
        },
        'Add a question',
      ),
    ),
    h(
      'fieldset',
      { className: 'editor-group' },
      h('legend', {}, 'After the last question'),
      textField(edit, {
        label: 'Confirmation title (optional)',
        hint: 'Shown once the answers are sent, like: Thank you',
        path: 'confirmation.title',
        value: asText(confirmation.title),
        write: (d, v) => setConfirmation(d, 'title', v),
      }),
      textField(edit, {
        label: 'Confirmation message (optional)',
        hint: 'Say what happens next with the answers.',
        path: 'confirmation.body',
        value: asText(confirmation.body),
        multiline: true,
        write: (d, v) => setConfirmation(d, 'body', v),
      }),
      textField(edit, {
        label: 'Support line (optional)',
        hint: 'For people who may be in distress, like: If you need help urgently, call NHS 111.',
        path: 'support',
        value: asText(doc.support),
        write: (d, v) => setOptional(d, 'support', v),
      }),
      textField(edit, {
        label: 'Contact if answers cannot be sent (optional)',
        hint: 'An email address or a phone number.',
        path: 'contact',
        value: asText(doc.contact),
        write: (d, v) => setOptional(d, 'contact', v),
      }),
      textField(edit, {
        label: 'Privacy notice address (optional)',
        hint: 'Linked from the start page, like: https://www.example.nhs.uk/privacy',
        path: 'privacyUrl',
        value: asText(doc.privacyUrl),
        write: (d, v) => setOptional(d, 'privacyUrl', v),
      }),
    ),
  );
}

/** A new, empty survey with one written-answer question and an id no other survey has. */
export function newSurvey() {
  const suffix = crypto.getRandomValues(new Uint32Array(1))[0].toString(36);
  return {
    id: `survey-${suffix}`,
    version: '1',
    title: '',
    questions: [newQuestion('text', [])],
  };
}
