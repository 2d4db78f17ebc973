// The pages bench: navigation to "the 106 words of the values statements on screen", and the
// latency of word-then-Keep decisions, side by side in one run on a 4x throttled CPU.
//
//   npm run bench -- pages            # 15 interleaved loads of each page, decisions on 5 of them
//   npm run bench -- pages --quick    # 4 loads, decisions on 2
//   npm run bench -- pages --loads 21 --decision-loads 8
//   npm run bench -- --trace          # trace loads of values-survey and the floor, time per phase
//   npm run bench -- --trace 3 --pages ours,static   # which pages (ours, surveyjs, floor, static)
//   npm run bench -- pages --compare no-intro=/tmp/hack/dist/values-survey.js
//                                     # also a hacked build (repeatable), in the same interleave
//
// Pages (served from 127.0.0.1; every load is a fresh browser context, so no cache, no stored
// draft; any request to another origin fails the run):
//   values-survey  dist/values-survey.js and <values-survey endpoint=...>, the built-in survey; a
//                  Start button, where there is one, is clicked in a task posted from the
//                  frame it shows in (as a person's click arrives)
//   SurveyJS       survey-core + survey-js-ui (official min builds, fontless CSS: no web fonts), a
//                  matrix with one row per word and Keep / Remove columns
//   floor          bench/floor.ts: a bare Lit element with the same words and interaction
//   static HTML    the floor's markup and CSS as a plain page, no script
//
// "On screen" is defined once, in bench/probe.ts, for every page. Milliseconds are from the start
// of navigation. Ratios within one run are the figures to compare: the machine is shared. "x floor,
// paired" is the median of each round's own ratio to the floor's load in that round.
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  QUICK,
  ROOT,
  bundle,
  count,
  importBench,
  launch,
  ms,
  option,
  ratio,
  serve,
  summary,
  table,
} from './support.mjs';
import { analyse, CATEGORIES, printTrace } from './trace.mjs';

const RATE = count('rate', 'BENCH_RATE', 4);
const LOADS = count('loads', 'BENCH_LOADS', QUICK ? 4 : 15);
const DECISION_LOADS = Math.min(
  LOADS,
  count('decision-loads', 'BENCH_DECISION_LOADS', QUICK ? 2 : 5),
);
const DECISIONS = 10;
const TRACE = option('trace') !== undefined;
const TRACE_LOADS = count('trace', 'BENCH_TRACE_LOADS', QUICK ? 2 : 5);
const VIEWPORT = { width: 1024, height: 768 };
const TIMEOUT = 60_000;

const { WORDS, TOKENS, PROMPT } = await importBench('statements.ts');
const { CHIPS_CSS } = await importBench('chips.ts');
const probe = await bundle('probe.ts');

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const page = (title, head, body) =>
  '<!doctype html><html lang="en-GB"><meta charset="utf-8">' +
  '<meta name="viewport" content="width=device-width, initial-scale=1">' +
  `<link rel="icon" href="data:,"><title>${title}</title>${head}` +
  `<body style="margin:0 auto;max-width:40rem;padding:0 8px;font:16px/1.5 sans-serif">${body}</body></html>`;

/** The floor element's markup, as static HTML. */
const staticWords =
  `<h2>${escape(PROMPT)}</h2>` +
  TOKENS.map(
    (tokens) =>
      `<p class="statement">${tokens
        .map((t) =>
          t.word
            ? `${escape(t.before)}<button type="button" class="chip">${escape(t.word)}</button>${escape(t.after)} `
            : `${escape(t.before)} `,
        )
        .join('')}</p>`,
  ).join('');

const surveyJson = {
  elements: [
    {
      type: 'matrix',
      name: 'values',
      title: PROMPT,
      columns: [
        { value: 'keep', text: 'Keep' },
        { value: 'remove', text: 'Remove' },
      ],
      rows: TOKENS.flatMap((tokens, s) =>
        tokens.filter((t) => t.word).map((t) => ({ value: `${s}:${t.position}`, text: t.word })),
      ),
    },
  ],
};

const NM = `${ROOT}node_modules/`;
const routes = {
  '/values-survey.js': { file: `${ROOT}dist/values-survey.js` },
  '/floor.js': await bundle('floor.ts'),
  '/survey.core.min.js': { file: `${NM}survey-core/survey.core.min.js` },
  '/survey-js-ui.min.js': { file: `${NM}survey-js-ui/survey-js-ui.min.js` },
  '/survey-core.fontless.min.css': { file: `${NM}survey-core/survey-core.fontless.min.css` },
  '/static.html': page('static HTML', `<style>${CHIPS_CSS}</style>`, staticWords),
  '/floor.html': page(
    'floor',
    '<script type="module" src="/floor.js"></script>',
    '<floor-words></floor-words>',
  ),
  '/surveyjs.html': page(
    'SurveyJS',
    '<link rel="stylesheet" href="/survey-core.fontless.min.css">' +
      '<script src="/survey.core.min.js"></script><script src="/survey-js-ui.min.js"></script>',
    '<div id="survey"></div><script>' +
      `new Survey.Model(${JSON.stringify(surveyJson)}).render(document.getElementById('survey'));` +
      '</script>',
  ),
};

/** `--compare label=path/to/values-survey.js`, any number of times: other builds of ours. */
const VARIANTS = process.argv.flatMap((arg, i) => {
  if (arg !== '--compare') return [];
  const [label, file] = (process.argv[i + 1] ?? '').split('=');
  if (!label || !file) {
    console.error('--compare takes label=path/to/values-survey.js');
    process.exit(1);
  }
  return [{ label, file }];
});
VARIANTS.forEach((v, i) => (routes[`/v${i}/values-survey.js`] = { file: v.file }));

const server = await serve(routes);
// The endpoint needs the origin, so these pages are added once the server is listening.
for (const dir of ['', ...VARIANTS.map((_, i) => `/v${i}`)]) {
  server.bodies.set(
    `${dir}/values-survey.html`,
    Buffer.from(
      page(
        'values-survey',
        `<script type="module" src="${dir}/values-survey.js"></script>`,
        `<values-survey endpoint="${server.origin}/responses"></values-survey>`,
      ),
    ),
  );
}

const ALL_PAGES = [
  {
    key: 'ours',
    label: 'values-survey',
    path: '/values-survey.html',
    files: ['/values-survey.js'],
    selector: 'button.chip',
    startText: 'Start',
    keep: 'button.choice-button[data-action="keep"]',
    kept: '[part~="chip-kept"]',
  },
  {
    key: 'surveyjs',
    label: 'SurveyJS (matrix)',
    path: '/surveyjs.html',
    files: ['/survey.core.min.js', '/survey-js-ui.min.js', '/survey-core.fontless.min.css'],
    selector: '.sd-table__cell--row-text .sv-string-viewer',
  },
  {
    key: 'floor',
    label: 'floor (bare Lit)',
    path: '/floor.html',
    files: ['/floor.js'],
    selector: 'button.chip',
    keep: 'button.choice-button[data-action="keep"]',
    kept: '[data-choice="kept"]',
  },
  { key: 'static', label: 'static HTML', path: '/static.html', files: [], selector: 'button.chip' },
];
const wanted = option('pages')?.split(',') ?? (TRACE ? ['ours', 'floor'] : undefined);
const chosen = wanted ? ALL_PAGES.filter((p) => wanted.includes(p.key)) : ALL_PAGES;
if (chosen.length === 0 || (wanted && chosen.length !== wanted.length)) {
  console.error(
    `--pages takes a comma-separated list of: ${ALL_PAGES.map((p) => p.key).join(', ')}.`,
  );
  process.exit(1);
}
/** The pages in each round: the chosen ones, with the --compare builds after values-survey. */
const PAGES = [
  ...chosen.slice(0, 1),
  ...VARIANTS.map((v, i) => ({
    ...ALL_PAGES[0],
    key: `v${i}`,
    label: `values-survey [${v.label}]`,
    path: `/v${i}/values-survey.html`,
    files: [`/v${i}/values-survey.js`],
  })),
  ...chosen.slice(1),
];

/** Bytes a respondent downloads for a page (gzip -9 of each file). */
function gzipBytes(p) {
  const files = [p.path, ...p.files];
  return files.reduce((sum, f) => sum + gzipSync(server.bodies.get(f), { level: 9 }).length, 0);
}

/** Opens one page in a fresh context at the CPU rate and waits for the words on screen. */
async function open(browser, p, { trace } = {}) {
  const context = await browser.createBrowserContext();
  const tab = await context.newPage();
  await tab.setViewport(VIEWPORT);
  const cdp = await tab.createCDPSession();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
  const config = { selector: p.selector, words: WORDS, startText: p.startText };
  await tab.evaluateOnNewDocument(`globalThis.__benchConfig=${JSON.stringify(config)};${probe}`);
  const problems = [];
  tab.on('pageerror', (e) => problems.push(`${p.label}: page error: ${e.message}`));
  tab.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(server.origin) && !url.startsWith('data:')) {
      problems.push(`${p.label}: a third-party request: ${url}`);
    }
  });
  if (trace) await tab.tracing.start({ categories: CATEGORIES });
  await tab.goto(server.origin + p.path, { waitUntil: 'domcontentloaded' });
  let timer;
  const result = await Promise.race([
    tab.evaluate(() => globalThis.__bench.done()),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), TIMEOUT);
    }),
  ]).catch(async (error) => {
    const found = await tab.evaluate(() => globalThis.__bench?.result.found).catch(() => '?');
    throw new Error(
      `${p.label}: the words were not on screen within ${TIMEOUT / 1000} s (${error.message}; ` +
        `${found} of ${WORDS.length} word elements found). ${problems.join('; ')}`,
    );
  });
  clearTimeout(timer);
  // Paint timing entries arrive after the frame is presented: let two frames pass first.
  await tab.evaluate(() => globalThis.__bench.settle());
  const fcp = await tab.evaluate(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
  );
  const traceData = trace
    ? JSON.parse(Buffer.from(await tab.tracing.stop()).toString('utf8'))
    : undefined;
  return { context, tab, result: { ...result, fcp }, problems, traceData };
}

/**
 * Ten word-then-Keep decisions with real (CDP) mouse input, spread over the statements. Each
 * click waits until no transition runs in the page: a person clicks a settled page.
 */
async function decide(tab, p) {
  for (let i = 0; i < DECISIONS; i++) {
    const chips = await tab.$$(`pierce/${p.selector}`);
    const chip = chips[Math.floor(((i + 0.5) * chips.length) / DECISIONS)];
    await tab.evaluate(() => globalThis.__bench.quiet());
    let painted = tab.evaluate(() => globalThis.__bench.nextClick());
    await chip.click();
    await painted;
    const keep = await tab.waitForSelector(`pierce/${p.keep}`, { timeout: 10_000 });
    await tab.evaluate(() => globalThis.__bench.quiet());
    painted = tab.evaluate(() => globalThis.__bench.nextClick());
    await keep.click();
    await painted;
    const kept = await chip.evaluate((el, selector) => el.matches(selector), p.kept);
    if (!kept) throw new Error(`${p.label}: decision ${i + 1} did not keep the word`);
  }
  await tab.evaluate(() => globalThis.__bench.settle());
  const { clicks, events, longTasks } = await tab.evaluate(() => globalThis.__bench.result);
  if (clicks.length !== DECISIONS * 2) {
    throw new Error(`${p.label}: expected ${DECISIONS * 2} clicks, saw ${clicks.length}`);
  }
  return clicks.map((click, i) => {
    const ids = new Set(
      events
        .filter((e) => e.interactionId > 0 && Math.abs(e.startTime - click.down) < 0.5)
        .map((e) => e.interactionId),
    );
    const durations = events.filter((e) => ids.has(e.interactionId)).map((e) => e.duration);
    return {
      kind: i % 2 ? 'keep' : 'word',
      // Below Event Timing's 16 ms threshold there is no entry: counted as 16 (an upper bound).
      eventTiming: durations.length ? Math.max(...durations) : undefined,
      nextPaint: click.nextPaint,
      longTasks: longTasks.filter((t) => t.startTime >= clicks[0].down).length,
    };
  });
}

function printNavigation(results) {
  const med = (key) =>
    results.has(key) ? summary(results.get(key).map((r) => r.onScreen)).median : NaN;
  // Each round loads every page once, close together in time: the median of the rounds' own
  // ratios cancels much of what a shared machine's slow spells do to the medians' ratio.
  const paired = (key) =>
    summary(results.get(key).map((r, round) => r.onScreen / results.get('floor')[round].onScreen))
      .median;
  const rows = PAGES.map((p) => {
    const s = summary(results.get(p.key).map((r) => r.onScreen));
    const fcp = summary(results.get(p.key).map((r) => r.fcp)).median;
    const start = summary(results.get(p.key).map((r) => r.startShown)).median;
    return [
      p.label,
      ms(s.median),
      ms(s.min),
      ms(s.max),
      ratio(s.median, med('floor')),
      `${paired(p.key).toFixed(2)}x`,
      ratio(s.median, med('ours')),
      ratio(med('surveyjs'), s.median),
      ms(fcp),
      Number.isFinite(start) ? ms(start) : '-',
      gzipBytes(p).toLocaleString('en-GB'),
    ];
  });
  table(
    [
      'page',
      'median',
      'min',
      'max',
      'x floor',
      'x floor, paired',
      'x values-survey',
      'SurveyJS / this',
      'FCP',
      'Start shown',
      'gzip B',
    ],
    rows,
  );
}

function printDecisions(decisions) {
  const pick = (key, kind, field) =>
    decisions
      .get(key)
      .filter((d) => kind === 'all' || d.kind === kind)
      .map((d) => d[field] ?? (field === 'eventTiming' ? 16 : NaN));
  const below = (key, kind) =>
    decisions
      .get(key)
      .filter((d) => (kind === 'all' || d.kind === kind) && d.eventTiming === undefined).length;
  const rows = [];
  for (const [field, name] of [
    ['eventTiming', 'Event Timing'],
    ['nextPaint', 'next paint'],
  ]) {
    for (const [kind, what] of [
      ['word', 'click a word: choice shown'],
      ['keep', 'click Keep: word kept'],
      ['all', 'both (INP-style)'],
    ]) {
      const ours = summary(pick('ours', kind, field));
      const floor = summary(pick('floor', kind, field));
      const note =
        field === 'eventTiming'
          ? ` (${below('ours', kind)} / ${below('floor', kind)} < 16 ms)`
          : '';
      rows.push([
        `${name}, ${what}${note}`,
        ms(ours.median),
        `${ms(ours.min)}-${ms(ours.max)}`,
        ms(floor.median),
        `${ms(floor.min)}-${ms(floor.max)}`,
        ratio(ours.median, floor.median),
      ]);
    }
  }
  const longTasks = (key) => {
    const perLoad = decisions.get(key).filter((_, i) => i % (DECISIONS * 2) === DECISIONS * 2 - 1);
    return perLoad.reduce((sum, d) => sum + d.longTasks, 0);
  };
  rows.push([
    `long tasks in ${DECISION_LOADS * DECISIONS} decisions`,
    String(longTasks('ours')),
    '',
    String(longTasks('floor')),
    '',
    '',
  ]);
  table(['decision latency', 'values-survey', 'min-max', 'floor', 'min-max', 'x floor'], rows);
  if (decisions.size <= 2) return;
  // Other builds (--compare): one row each, INP-style over both kinds of click.
  console.log('');
  const floorEt = summary(pick('floor', 'all', 'eventTiming')).median;
  const floorPaint = summary(pick('floor', 'all', 'nextPaint')).median;
  table(
    ['page', 'Event Timing', 'x floor', 'next paint', 'x floor', 'long tasks'],
    PAGES.filter((p) => decisions.has(p.key)).map((p) => {
      const et = summary(pick(p.key, 'all', 'eventTiming')).median;
      const paint = summary(pick(p.key, 'all', 'nextPaint')).median;
      return [
        p.label,
        ms(et),
        ratio(et, floorEt),
        ms(paint),
        ratio(paint, floorPaint),
        String(longTasks(p.key)),
      ];
    }),
  );
}

const environment = (browserVersion, runs) =>
  `${browserVersion}, CPU throttled ${RATE}x (Emulation.setCPUThrottlingRate), viewport ` +
  `${VIEWPORT.width}x${VIEWPORT.height}, ${runs}; ${cpus().length} CPUs, load average ` +
  `${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}.`;

const browser = await launch();
try {
  const version = await browser.version();
  if (TRACE) {
    const traced = PAGES;
    const analyses = new Map(traced.map((p) => [p.key, []]));
    let last;
    for (let round = 0; round < TRACE_LOADS; round++) {
      for (const p of traced) {
        const { context, result, problems, traceData } = await open(browser, p, { trace: true });
        await context.close();
        if (problems.length) throw new Error(problems.join('\n'));
        analyses.get(p.key).push(analyse(traceData, result));
        if (p === traced[0]) last = traceData;
      }
    }
    const file = join(tmpdir(), `${traced[0].key}-load.trace.json`);
    await writeFile(file, JSON.stringify(last));
    console.log(
      `Where the time of a load goes: ${environment(version, `${TRACE_LOADS} traced loads each (medians)`)}\n`,
    );
    printTrace(traced.map((p) => ({ label: p.label, analyses: analyses.get(p.key) })));
    console.log(
      `\nThe last traced load of ${traced[0].label}: ${file} (open it in DevTools' Performance panel).`,
    );
  } else {
    const results = new Map(PAGES.map((p) => [p.key, []]));
    const decisions = new Map(PAGES.filter((p) => p.keep).map((p) => [p.key, []]));
    const started = Date.now();
    for (let round = 0; round < LOADS; round++) {
      // Interleaved, and each round starts one page later, so no page always follows the same one.
      const order = PAGES.map((_, i) => PAGES[(i + round) % PAGES.length]);
      for (const p of order) {
        const { context, tab, result, problems } = await open(browser, p);
        try {
          if (p.keep && round < DECISION_LOADS)
            decisions.get(p.key).push(...(await decide(tab, p)));
        } finally {
          await context.close();
        }
        if (problems.length) throw new Error(problems.join('\n'));
        results.get(p.key).push(result);
      }
    }
    const seconds = Math.round((Date.now() - started) / 1000);
    console.log(
      `Navigation to the ${WORDS.length} words of the values statements on screen, ms: ` +
        environment(
          version,
          `${LOADS} interleaved loads each, fresh context per load, ${seconds} s`,
        ) +
        '\n',
    );
    printNavigation(results);
    if (decisions.has('ours') && decisions.has('floor')) {
      console.log(
        `\nDecisions: ${DECISIONS} word-then-Keep decisions on each of ${DECISION_LOADS} loads, real ` +
          'mouse input (CDP), ms. Event Timing: the longest entry of the interaction (8 ms ' +
          'granularity; none below 16 ms, counted as 16); next paint: pointerdown to a task after ' +
          'the next frame.\n',
      );
      printDecisions(decisions);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
