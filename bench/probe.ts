/**
 * Injected into every page of the pages bench before any of the page's own scripts (through
 * puppeteer's evaluateOnNewDocument), so "the words are on screen" means the same on every page:
 *
 *   the elements matching the page's word selector, in the document and in every shadow root
 *   (open or closed), are exactly the expected words (as a multiset), and every one of them is
 *   visible (`checkVisibility`) with a non-empty box; the time is taken in a task posted from the
 *   animation frame that found them, so that frame's style, layout and paint are included.
 *
 * It checks in animation frames only after a DOM mutation (a MutationObserver on the document
 * and on every shadow root, found by wrapping `attachShadow`), so an idle page costs nothing.
 * Where the page has a Start button (`startText`), it clicks it in a task posted from the frame
 * it becomes visible in (as a person's click arrives: a task, not a frame callback).
 *
 * For the decisions, it records Event Timing entries (durationThreshold 16, the lowest allowed),
 * long tasks, and for each click its own "next paint" time: from the pointerdown's timestamp to a
 * task posted from the first animation frame after the click's handlers have run.
 */

interface Config {
  /** Selects one element per word. */
  selector: string;
  /** The expected words, in any order. */
  words: string[];
  /** The text of a button to click before the words show (an intro page), if there is one. */
  startText?: string;
}

interface Click {
  /** The pointerdown's `timeStamp` (also the Event Timing entry's `startTime`). */
  down: number;
  /** Until a task after the next frame following the click. */
  nextPaint?: number;
}

const config = (globalThis as unknown as { __benchConfig: Config }).__benchConfig;
const expected = [...config.words].sort().join('\n');
const roots: (Document | ShadowRoot)[] = [document];
let dirty = true;
let checking = false;

const result = {
  /** performance.now() when the Start button was first visible (and clicked). */
  startShown: undefined as number | undefined,
  /** performance.now() after the frame that first showed every word. */
  onScreen: undefined as number | undefined,
  /** How many word elements the last check found (for error messages). */
  found: 0,
  events: [] as { name: string; startTime: number; duration: number; interactionId: number }[],
  longTasks: [] as { startTime: number; duration: number }[],
  clicks: [] as Click[],
};

const observer = new MutationObserver(() => {
  dirty = true;
});
observer.observe(document, {
  subtree: true,
  childList: true,
  attributes: true,
  characterData: true,
});

const attachShadow = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
  const root = attachShadow.call(this, init);
  roots.push(root);
  observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  dirty = true;
  return root;
};

function visible(el: Element): boolean {
  const box = el.getBoundingClientRect();
  return (
    box.width > 0 &&
    box.height > 0 &&
    el.checkVisibility({ visibilityProperty: true, opacityProperty: true })
  );
}

function deepAll(selector: string): Element[] {
  const found: Element[] = [];
  for (const root of roots) {
    if (root !== document && !(root as ShadowRoot).host.isConnected) continue;
    found.push(...root.querySelectorAll(selector));
  }
  return found;
}

let resolveDone: () => void;
const done = new Promise<void>((resolve) => (resolveDone = resolve));

/** Resolves in a task after the next frame has run its rendering steps. */
function afterNextFrame(): Promise<number> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    }),
  );
}

function check(): boolean {
  if (config.startText && result.startShown === undefined) {
    const start = deepAll('button').find(
      (b) => b.textContent?.trim() === config.startText && visible(b),
    );
    if (start) {
      result.startShown = performance.now();
      performance.mark('bench-start-shown');
      // In a task of its own, as a person's click arrives: clicked inside this animation frame,
      // the words would be put in during this frame and found only in the next one, a frame
      // (and whatever runs between frames) later than they are painted.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (start as HTMLElement).click();
      channel.port2.postMessage(null);
      return false;
    }
  }
  const words = deepAll(config.selector);
  result.found = words.length;
  // Once any word is there, check every frame (styles can change without a DOM mutation).
  if (words.length > 0) checking = true;
  if (words.length !== config.words.length) return false;
  const text = words
    .map((w) => w.textContent?.trim() ?? '')
    .sort()
    .join('\n');
  return text === expected && words.every(visible);
}

function frame() {
  if (dirty || checking) {
    dirty = false;
    if (check()) {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        result.onScreen = performance.now();
        performance.mark('bench-words-on-screen');
        resolveDone();
      };
      channel.port2.postMessage(null);
      return;
    }
  }
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);

new PerformanceObserver((list) => {
  for (const e of list.getEntries() as (PerformanceEventTiming & { interactionId: number })[]) {
    result.events.push({
      name: e.name,
      startTime: e.startTime,
      duration: e.duration,
      interactionId: e.interactionId,
    });
  }
}).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    result.longTasks.push({ startTime: e.startTime, duration: e.duration });
  }
}).observe({ type: 'longtask', buffered: true });

let pending: Click | undefined;
let clickDone: (() => void) | undefined;
addEventListener(
  'pointerdown',
  (event) => {
    pending = { down: event.timeStamp };
    result.clicks.push(pending);
  },
  true,
);
// Bubble phase on window: after the page's own click handlers (Lit updates are microtasks, so
// they have run too by the next animation frame).
addEventListener('click', () => {
  const click = pending;
  pending = undefined;
  if (!click) return;
  void afterNextFrame().then((now) => {
    click.nextPaint = now - click.down;
    clickDone?.();
  });
});

const api = {
  result,
  /** Resolves when the words are on screen. */
  done: () => done.then(() => result),
  /** Resolves when the click that is about to happen has been handled and painted. */
  nextClick: () => new Promise<void>((resolve) => (clickDone = resolve)),
  /** Resolves after a frame and a task, so Event Timing entries of earlier clicks are in. */
  settle: () => afterNextFrame().then(afterNextFrame),
  /**
   * Resolves once no animation or transition runs anywhere in the page (shadow trees included),
   * then after one more frame: a person clicks a settled page, not mid-transition.
   */
  quiet: async () => {
    while (document.getAnimations().some((a) => a.playState === 'running')) await afterNextFrame();
    await afterNextFrame();
  },
};
(globalThis as unknown as { __bench: typeof api }).__bench = api;
