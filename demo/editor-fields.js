// The editor form's building blocks: labelled fields and buttons made with DOM calls and text
// only (no innerHTML), so the page works under Trusted Types. Each field carries `data-path`
// (the definition path it edits), so a problem can lead to its field.

/** Creates an element; `attrs` keys starting with aria-/data-, and `for`, are attributes. */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (/^(aria-|data-|for$|role$|tabindex$)/.test(key)) node.setAttribute(key, String(value));
    else if (key === 'on')
      for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
    else node[key] = value;
  }
  node.append(...children.flat().filter((child) => child !== undefined && child !== null));
  return node;
}

/** `questions[2].options[0].label` becomes an id usable in the page. */
export const fieldId = (path) => `field-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;

/**
 * A labelled text input (or textarea) for the field at `path`; typing calls
 * `edit((definition) => write(definition, value))`.
 */
export const textField = (
  edit,
  { label, hint, path, value, write, multiline, type = 'text', width },
) => {
  const id = fieldId(path);
  const hintId = hint ? `${id}-hint` : undefined;
  const control = h(multiline ? 'textarea' : 'input', {
    id,
    className: width ? `editor-input-${width}` : undefined,
    type: multiline ? undefined : type,
    rows: multiline ? 4 : undefined,
    value: value ?? '',
    'aria-describedby': hintId,
    'data-path': path,
    on: { input: (event) => edit((d) => write(d, event.target.value)) },
  });
  return h(
    'div',
    { className: 'editor-field' },
    h('label', { for: id, className: 'editor-label' }, label),
    hint ? h('span', { id: hintId, className: 'editor-hint' }, hint) : null,
    control,
  );
};

export const checkbox = (edit, { label, path, checked, write }) => {
  const id = fieldId(path);
  return h(
    'div',
    { className: 'editor-field editor-check' },
    h('input', {
      id,
      type: 'checkbox',
      checked: Boolean(checked),
      'data-path': path,
      on: { change: (event) => edit((d) => write(d, event.target.checked)) },
    }),
    h('label', { for: id }, label),
  );
};

/** A button whose visible words start its name; `more` says which item, for screen readers. */
export const button = (text, more, onClick, attrs = {}) =>
  h(
    'button',
    { type: 'button', className: 'editor-button-secondary', on: { click: onClick }, ...attrs },
    text,
    more ? h('span', { className: 'visually-hidden' }, ` ${more}`) : null,
  );
