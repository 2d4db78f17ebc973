// Reads a Chromium trace of one page load (recorded by pages.bench.mjs --trace) and says where the
// main thread's time went between navigation and the words on screen.
import { ms, summary, table } from './support.mjs';

/** Trace categories: the DevTools Performance panel's, plus user timing marks. */
export const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
  'loading',
  'toplevel',
];

/** What kind of work a trace event is (its self time counts towards that kind). */
function kindOf(name) {
  if (
    /^v8\.(evaluateModule|compileModule|compile|produce)|^EvaluateScript$|^CompileScript$/.test(
      name,
    )
  ) {
    return 'script evaluation (compile and run the bundles)';
  }
  if (/GC|^V8\.GC/.test(name)) return 'garbage collection';
  if (
    /^(FunctionCall|RunMicrotasks|FireAnimationFrame|EventDispatch|TimerFire|V8\.|v8\.|BlinkScheduler_PerformMicrotaskCheckpoint|FireIdleCallback|XHR)/.test(
      name,
    )
  ) {
    return 'script callbacks and microtasks (rendering, IndexedDB, events)';
  }
  if (/^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet)$/.test(name)) return 'style';
  if (/^Layout$/.test(name)) return 'layout';
  if (
    /^(Paint|PrePaint|Layerize|Commit|UpdateLayer|UpdateLayerTree|PaintImage|HitTest|CompositeLayers)$/.test(
      name,
    )
  ) {
    return 'paint and composite';
  }
  if (
    /^ParseHTML$|^DocumentLoader|^NavigationBodyLoader|^HTMLDocumentParser|^DecodedDataDocumentParser/.test(
      name,
    )
  ) {
    return 'HTML and loading';
  }
  return 'other (task overhead, messages)';
}

const KINDS = [
  'script evaluation (compile and run the bundles)',
  'script callbacks and microtasks (rendering, IndexedDB, events)',
  'style',
  'layout',
  'paint and composite',
  'garbage collection',
  'HTML and loading',
  'other (task overhead, messages)',
];
const IDLE = 'main thread idle (network, IndexedDB, timers, waiting for frames)';

/**
 * Analyses one traced load. `result` is the probe's result for the load (its `onScreen` gives the
 * time origin, by matching the `bench-words-on-screen` mark).
 */
export function analyse(trace, result) {
  const events = trace.traceEvents ?? trace;
  const mark = events.find((e) => e.name === 'bench-words-on-screen');
  if (!mark) throw new Error('the trace has no bench-words-on-screen mark');
  const { pid, tid } = mark;
  const origin = mark.ts - mark.args.data.startTime * 1000;
  const end = mark.ts;
  const at = (ts) => (ts - origin) / 1000;
  const slices = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur > 0)
    .filter((e) => e.ts < end && e.ts + e.dur > origin)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);

  // Self time of each slice: its duration minus its children's, clipped to [origin, end].
  const clip = (s, e) => Math.max(0, Math.min(e, end) - Math.max(s, origin));
  const byKind = Object.fromEntries(KINDS.map((k) => [k, 0]));
  const stack = [];
  const tops = [];
  const self = new Map();
  // Thread (CPU) time: what the main thread computed, without the time other processes had the
  // CPU, so it is less noisy than wall time on a busy machine (it is not 1/4 of the wall time:
  // part of the throttle's slowdown shows in the thread clock too).
  const cpuSelf = new Map();
  const cpu = (e) => e.tdur ?? 0;
  for (const s of slices) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= s.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) {
      self.set(parent, self.get(parent) - clip(s.ts, s.ts + s.dur));
      cpuSelf.set(parent, cpuSelf.get(parent) - (s.ts >= origin ? cpu(s) : 0));
    } else tops.push(s);
    self.set(s, clip(s.ts, s.ts + s.dur));
    cpuSelf.set(s, s.ts >= origin ? cpu(s) : 0);
    stack.push(s);
  }
  for (const [s, t] of self) byKind[kindOf(s.name)] += t / 1000;
  const cpuByKind = Object.fromEntries(KINDS.map((k) => [k, 0]));
  for (const [s, t] of cpuSelf) cpuByKind[kindOf(s.name)] += Math.max(0, t) / 1000;
  cpuByKind.total = KINDS.reduce((sum, k) => sum + cpuByKind[k], 0);
  const busy = tops.reduce((sum, s) => sum + clip(s.ts, s.ts + s.dur), 0) / 1000;
  byKind[IDLE] = (end - origin) / 1000 - busy;

  // The bundle's evaluation (the longest module or script evaluation).
  const evaluations = slices.filter((s) => kindOf(s.name).startsWith('script evaluation'));
  const longest = evaluations.sort((a, b) => b.dur - a.dur)[0];

  // The longest tasks, each with its two biggest kinds of work.
  const tasks = tops
    .filter((t) => t.dur >= 10_000)
    .map((t) => {
      const kinds = {};
      for (const [s, time] of self) {
        if (s.ts >= t.ts && s.ts < t.ts + t.dur)
          kinds[kindOf(s.name)] = (kinds[kindOf(s.name)] ?? 0) + time / 1000;
      }
      const main = Object.entries(kinds)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 2)
        .map(([k, v]) => `${k.split(' (')[0]} ${Math.round(v)}`)
        .join(', ');
      return { start: at(t.ts), duration: t.dur / 1000, main };
    });
  // Idle gaps of 10 ms or more: what the page waited for.
  const gaps = [];
  let cursor = origin;
  for (const t of tops) {
    if (t.ts - cursor >= 10_000) gaps.push({ start: at(cursor), duration: (t.ts - cursor) / 1000 });
    cursor = Math.max(cursor, t.ts + t.dur);
  }
  return {
    milestones: {
      'first contentful paint': result.fcp,
      'bundle evaluation starts': longest ? at(longest.ts) : undefined,
      'bundle evaluation ends': longest ? at(longest.ts + longest.dur) : undefined,
      'Start shown (and clicked)': result.startShown,
      'words on screen': result.onScreen,
    },
    byKind,
    cpuByKind,
    tasks,
    gaps,
  };
}

/** Prints medians per milestone and per kind of work, then the last load's long tasks and gaps. */
export function printTrace(pages) {
  const median = (list, get) => summary(list.map(get)).median;
  const milestoneNames = Object.keys(pages[0].analyses[0].milestones);
  table(
    ['milestone (ms from navigation)', ...pages.map((p) => p.label)],
    milestoneNames.map((name) => [
      name,
      ...pages.map((p) => ms(median(p.analyses, (a) => a.milestones[name]))),
    ]),
  );
  console.log('');
  table(
    ['main thread, navigation to words on screen (ms)', ...pages.map((p) => p.label)],
    [...KINDS, IDLE].map((kind) => [
      kind,
      ...pages.map((p) => ms(median(p.analyses, (a) => a.byKind[kind]))),
    ]),
  );
  console.log('');
  table(
    ['main thread CPU time (thread clock), same span (ms)', ...pages.map((p) => p.label)],
    [...KINDS, 'total'].map((kind) => [
      kind,
      ...pages.map((p) => ms(median(p.analyses, (a) => a.cpuByKind[kind]))),
    ]),
  );
  for (const p of pages) {
    const last = p.analyses.at(-1);
    console.log(
      `\n${p.label}, last traced load: tasks of 10 ms or more, and idle gaps of 10 ms or more`,
    );
    const rows = [
      ...last.tasks.map((t) => [ms(t.start), ms(t.duration), `task: ${t.main}`]),
      ...last.gaps.map((g) => [ms(g.start), ms(g.duration), 'idle']),
    ].sort((a, b) => Number(a[0].replace(/,/g, '')) - Number(b[0].replace(/,/g, '')));
    table(['starts at', 'ms', 'what'], rows, [2]);
  }
}
