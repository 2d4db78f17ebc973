/**
 * Finds elements the way a respondent or a screen reader does: by role and accessible name,
 * searching through open shadow roots. Covers the roles this widget uses; the name follows the
 * accessible-name rules in order (aria-labelledby, aria-label, <label>, <legend>, content).
 */

const IMPLICIT_ROLES: [string, string][] = [
  ['button', 'button'],
  ['a[href]', 'link'],
  ['input[type=radio]', 'radio'],
  ['input[type=checkbox]', 'checkbox'],
  ['textarea', 'textbox'],
  ['input:not([type]), input[type=text]', 'textbox'],
  ['h1, h2, h3, h4, h5, h6', 'heading'],
  ['fieldset', 'group'],
  ['form', 'form'],
  ['ul, ol', 'list'],
  ['li', 'listitem'],
];

export function roleOf(el: Element): string | null {
  const explicit = el.getAttribute('role');
  if (explicit) return explicit.split(' ')[0];
  for (const [selector, role] of IMPLICIT_ROLES) if (el.matches(selector)) return role;
  return null;
}

// Node-type checks rather than instanceof, so elements inside iframes (another realm) work too.
const isElement = (node: Node): node is Element => node.nodeType === Node.ELEMENT_NODE;

function textOf(el: Element): string {
  if (el.getAttribute('aria-hidden') === 'true') return '';
  let text = '';
  const children =
    el.shadowRoot && el.shadowRoot.childNodes.length ? el.shadowRoot.childNodes : el.childNodes;
  for (const node of children) {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
    else if (isElement(node) && node.tagName !== 'STYLE') {
      if (node.getAttribute('aria-hidden') === 'true') continue;
      text += node.getAttribute('aria-label') ?? textOf(node);
    }
  }
  return text;
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

export function nameOf(el: Element): string {
  const root = el.getRootNode() as Document | ShadowRoot;
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    return clean(
      labelledBy
        .split(/\s+/)
        .map((id) => root.getElementById(id))
        .map((ref) => (ref ? textOf(ref) : ''))
        .join(' '),
    );
  }
  const label = el.getAttribute('aria-label');
  if (label) return clean(label);
  if (el.id) {
    const forLabel = root.querySelector(`label[for="${CSS.escape(el.id)}"]`);
    if (forLabel) return clean(textOf(forLabel));
  }
  const wrapping = el.closest('label');
  if (wrapping) return clean(textOf(wrapping));
  if (el.tagName === 'FIELDSET') {
    const legend = el.querySelector(':scope > legend');
    return legend ? clean(textOf(legend)) : '';
  }
  if (
    ['button', 'link', 'heading', 'listitem', 'status', 'alert', 'option'].includes(
      roleOf(el) ?? '',
    )
  ) {
    return clean(textOf(el));
  }
  return '';
}

/** Every element below `root`, including inside open shadow roots. */
export function* deepElements(root: Element | Document | ShadowRoot): Generator<Element> {
  const scopes: ParentNode[] = [root];
  if (isElement(root as Node) && (root as Element).shadowRoot) {
    scopes.unshift((root as Element).shadowRoot!);
  }
  for (const scope of scopes) {
    for (const el of Array.from(scope.children)) {
      yield el;
      yield* deepElements(el);
    }
  }
}

function hidden(el: Element): boolean {
  for (let node: Element | null = el; node;) {
    if ((node as HTMLElement).hidden || node.getAttribute('aria-hidden') === 'true') return true;
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
  }
  const style = el.ownerDocument.defaultView!.getComputedStyle(el);
  return style.display === 'none' || style.visibility === 'hidden';
}

type Name = string | RegExp | undefined;
const matches = (actual: string, expected: Name) =>
  expected === undefined ||
  (typeof expected === 'string' ? actual === expected : expected.test(actual));

/** All visible elements with `role` (and `name`, when given) below `root`. */
export function allByRole(root: Element | ShadowRoot, role: string, name?: Name): HTMLElement[] {
  const found: HTMLElement[] = [];
  for (const el of deepElements(root)) {
    if (roleOf(el) === role && !hidden(el) && matches(nameOf(el), name))
      found.push(el as HTMLElement);
  }
  return found;
}

/** The one visible element with `role` and `name`; throws with what was there otherwise. */
export function byRole<T extends HTMLElement = HTMLElement>(
  root: Element | ShadowRoot,
  role: string,
  name?: Name,
): T {
  const found = allByRole(root, role, name);
  if (found.length !== 1) {
    const present = allByRole(root, role).map((el) => JSON.stringify(nameOf(el)));
    throw new Error(
      `Expected one ${role} named ${String(name)}, found ${found.length}. ${role}s present: ${present.join(', ') || 'none'}`,
    );
  }
  return found[0] as T;
}

/** The one element with `role` and `name`, or null. */
export function queryByRole<T extends HTMLElement = HTMLElement>(
  root: Element | ShadowRoot,
  role: string,
  name?: Name,
): T | null {
  const found = allByRole(root, role, name);
  return (found[0] as T) ?? null;
}

/** The element focus is on, looking through shadow roots. */
export function deepActiveElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
