/**
 * Upgrades the markers that CMS editors keep into surveys, so an editor who cannot paste a script
 * or a custom element can still place a survey once the site's administrator has added the
 * script site-wide. Two markers, both naming their survey:
 *
 * - a block: `<div data-values-survey="<survey id>" data-src="<definition URL>"
 *   data-endpoint="<endpoint>">` with fallback content inside (a link to the survey's hosted
 *   page). TinyMCE, DOMPurify and WordPress keep it at their defaults.
 * - a link to the survey's hosted page on the receiver, `<receiver>/s/<survey id>`, marked by the
 *   fragment `#values-survey` (or a `data-values-survey` attribute): the definition is
 *   `<receiver>/surveys/<survey id>` and responses go to `<receiver>/responses`. CKEditor 5 at its
 *   defaults keeps nothing else, so the block's fallback link is this marker too.
 *
 * Each marker is upgraded once, on load and when added later. The marker's own content stays on
 * the page until the survey is ready to replace it; when the definition cannot be used, the
 * survey's error box appears beside it and the link stays, so nobody meets a blank space. Only
 * elements are created and attributes set (no HTML parsed), so it works under the strict CSP and
 * Trusted Types. Markers inside a rich-text editor's editing area are left alone.
 */
import type { ReactiveController } from 'lit';
import type { ValuesSurvey } from '../values-survey.js';

/** The fragment that marks a link to a hosted survey page as one to upgrade in place. */
export const LINK_FRAGMENT = '#values-survey';

/** What a marker names: the survey's id, its definition URL and where responses go. */
export interface MarkerTarget {
  survey: string;
  src: string | null;
  endpoint: string | null;
}

/**
 * Markers already upgraded. One set per page: a second copy of the script on the page does not
 * run at all (see rollup.config.mjs), so it cannot upgrade a marker again.
 */
const upgraded = new WeakSet<Element>();

/**
 * Reads a link to a hosted survey page: `<receiver>/s/<survey id>`. Returns undefined for a link
 * that is not one (its path does not end in /s/<id>).
 */
export function targetFromLink(href: string, base: string): MarkerTarget | undefined {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch (error) {
    if (error instanceof TypeError) return undefined;
    throw error;
  }
  const match = /^(.*)\/s\/([^/]+)\/?$/.exec(url.pathname);
  if (!match) return undefined;
  let survey: string;
  try {
    survey = decodeURIComponent(match[2]);
  } catch (error) {
    if (error instanceof URIError) return undefined;
    throw error;
  }
  const receiver = `${url.origin}${match[1]}`;
  return {
    survey,
    src: `${receiver}/surveys/${match[2]}`,
    endpoint: `${receiver}/responses`,
  };
}

/**
 * Whether `link` is a marker: a link to a hosted survey page ending `#values-survey`, or any link
 * with a `data-values-survey` attribute. A page's own `#values-survey` anchor ("skip to the
 * survey") is not one.
 */
const isMarkedLink = (link: HTMLAnchorElement) =>
  link.hasAttribute('data-values-survey') ||
  (link.hash === LINK_FRAGMENT &&
    targetFromLink(link.getAttribute('href') ?? '', link.baseURI) !== undefined);

/**
 * What a block marker names. Its `data-src` wins; without one, the hosted-page link inside it
 * names the survey (a sanitiser may keep some data- attributes and not others).
 */
export function targetFromBlock(block: Element, base: string): MarkerTarget {
  const survey = block.getAttribute('data-values-survey')?.trim() ?? '';
  const src = block.getAttribute('data-src')?.trim() || null;
  const endpoint = block.getAttribute('data-endpoint')?.trim() || null;
  if (src) return { survey, src, endpoint };
  const link = [...block.querySelectorAll('a[href]')].find((a) =>
    isMarkedLink(a as HTMLAnchorElement),
  );
  const fromLink = link && targetFromLink(link.getAttribute('href') ?? '', base);
  if (fromLink && (!survey || fromLink.survey === survey)) {
    return { ...fromLink, endpoint: endpoint ?? fromLink.endpoint };
  }
  // Nothing to load: the survey element shows the editor why (see definition/load.ts).
  return { survey, src: null, endpoint };
}

/** The survey element for a marker, hidden until it has something to show. */
function surveyFor(target: MarkerTarget, doc: Document): ValuesSurvey {
  const el = doc.createElement('values-survey') as ValuesSurvey;
  // Always set, even when empty: a marker names a survey, so the built-in one never stands in.
  el.setAttribute('survey', target.survey);
  if (target.src) el.setAttribute('src', target.src);
  if (target.endpoint) el.setAttribute('endpoint', target.endpoint);
  el.hidden = true;
  return el;
}

/**
 * Shows the survey, and hides the marker's own content with `hide`, once the survey is ready;
 * shows the survey's error box beside the content (which stays) when its definition fails.
 */
function revealWhenReady(el: ValuesSurvey, hide: () => void) {
  el.addEventListener('values-survey-error', (event) => {
    if ((event as CustomEvent<{ kind: string }>).detail.kind === 'definition') el.hidden = false;
  });
  // Called after each render; `steps` is empty until a definition is in force. The element is
  // already defined here: the bundle registers it before it watches for markers.
  const controller: ReactiveController = {
    hostUpdated() {
      if (el.steps.length === 0) return;
      el.hidden = false;
      hide();
    },
  };
  el.addController(controller);
}

/** Hides a node's content from everyone; text directly inside is wrapped so it can be hidden. */
function hideContent(nodes: Node[], doc: Document) {
  for (const node of nodes) {
    if (node instanceof HTMLElement) node.hidden = true;
    else if (node instanceof Text && node.data.trim()) {
      const span = doc.createElement('span');
      span.hidden = true;
      node.replaceWith(span);
      span.append(node);
    }
  }
}

function upgradeBlock(block: Element, doc: Document) {
  // A copy of an upgraded marker (a CMS that re-renders by copying its HTML) has its survey.
  if (block.querySelector(':scope > values-survey')) return;
  const el = surveyFor(targetFromBlock(block, doc.baseURI), doc);
  const fallback = [...block.childNodes];
  block.prepend(el);
  revealWhenReady(el, () => hideContent(fallback, doc));
}

function upgradeLink(link: HTMLAnchorElement, doc: Document) {
  const target = targetFromLink(link.getAttribute('href') ?? '', doc.baseURI) ?? {
    survey: link.getAttribute('data-values-survey') ?? '',
    src: null,
    endpoint: null,
  };
  // The link alone in its paragraph (as editors write it): the survey takes the paragraph's place.
  const parent = link.parentElement;
  const alone =
    parent &&
    parent !== doc.body &&
    [...parent.childNodes].every((node) => node === link || !node.textContent?.trim());
  const place = alone ? parent : link;
  const el = surveyFor(target, doc);
  // A survey is a block: after the paragraph, or after the link's paragraph when within text.
  const block = alone ? parent : (link.closest('p, li, h1, h2, h3, h4, h5, h6') ?? link);
  block.after(el);
  revealWhenReady(el, () => (place.hidden = true));
}

/** Block markers, and links that may be markers (checked by {@link isMarkedLink}). */
const SELECTOR = `[data-values-survey], a[href*="${LINK_FRAGMENT}"]`;

/** Whether `el` is a place the page's editing tools own, or one already upgraded. */
const leaveAlone = (el: Element) =>
  upgraded.has(el) || (el as HTMLElement).isContentEditable || el.closest('values-survey') !== null;

/**
 * Upgrades every marker in `root` (and `root` itself) not upgraded before. Returns how many.
 */
export function upgradeMarkers(root: ParentNode & Node, doc: Document = document): number {
  const candidates: Element[] = [];
  if (root instanceof Element && root.matches(SELECTOR)) candidates.push(root);
  candidates.push(...root.querySelectorAll(SELECTOR));
  let count = 0;
  for (const el of candidates) {
    if (leaveAlone(el)) continue;
    if (el instanceof HTMLAnchorElement) {
      if (!isMarkedLink(el)) continue;
      // A link inside a block marker is that block's fallback, upgraded with it.
      const block = el.closest('[data-values-survey]:not(a)');
      if (block && block !== el) continue;
      upgraded.add(el);
      upgradeLink(el, doc);
    } else {
      upgraded.add(el);
      upgradeBlock(el, doc);
    }
    count++;
  }
  return count;
}

/** Upgrades the markers on the page now and whenever one is added; returns the observer. */
export function watchMarkers(doc: Document = document): MutationObserver {
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof Element) upgradeMarkers(node, doc);
      }
    }
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  upgradeMarkers(doc, doc);
  return observer;
}
