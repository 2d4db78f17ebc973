/* global document, window, axe -- the callbacks given to tab.evaluate run in the page. */
// The hosted survey page, /s/{survey}: the survey from the receiver's registry, sending to the
// receiver, under a strict policy; accessible; and in an iframe on another site, sized to its
// content with no scroll bar.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ROOT,
  launchChromium,
  openTab,
  startDeployReceiver,
  startSite,
  tempDir,
  waitFor,
} from './support/deploy.js';

const NOTE = {
  id: 'staff-note',
  version: '1',
  title: 'A note for the Board',
  intro: 'One question.',
  questions: [{ id: 'note', type: 'text', prompt: 'Your note', required: true }],
};
const CLOSED = { ...NOTE, id: 'last-year', title: 'Last year’s survey' };

/**
 * A receiver whose SURVEYS_DIR holds NOTE (open), CLOSED (closed on 30 September 2025) and
 * `more` definitions.
 */
async function startWithSurveys(t, env = {}, more = []) {
  const dataDir = await tempDir(t);
  const surveysDir = join(dataDir, 'surveys');
  await mkdir(surveysDir);
  await writeFile(join(surveysDir, 'note.json'), JSON.stringify(NOTE));
  await writeFile(
    join(surveysDir, 'closed.json'),
    JSON.stringify({ closesAt: '2025-09-30T23:59:59+01:00', definition: CLOSED }),
  );
  for (const definition of more) {
    await writeFile(join(surveysDir, `${definition.id}.json`), JSON.stringify(definition));
  }
  return startDeployReceiver(t, { DATA_DIR: dataDir, SURVEYS_DIR: surveysDir, ...env });
}

test('the hosted page names its survey, loads the script with its hash, under a strict policy', async (t) => {
  const server = await startWithSurveys(t, { ALLOWED_ORIGINS: 'https://cms.example.nhs.uk' });
  const res = await fetch(`${server.url}/s/staff-note`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
  const csp = res.headers.get('content-security-policy');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /require-trusted-types-for 'script'/);
  assert.match(csp, /frame-ancestors 'self' https:\/\/cms\.example\.nhs\.uk/);
  const html = await res.text();
  const { url, integrity } = await (await fetch(`${server.url}/assets/values-survey.json`)).json();
  assert.ok(html.includes(`src="${new URL(url).pathname}" integrity="${integrity}"`), html);
  assert.match(html, /<title>A note for the Board<\/title>/);
  assert.match(
    html,
    /<values-survey survey="staff-note" src="\/surveys\/staff-note" endpoint="\/responses">/,
  );
  assert.match(html, /<html lang="en-GB">/);
});

test('an unknown survey is a 404 page in words; a closed one says when it closed', async (t) => {
  const server = await startWithSurveys(t);
  const missing = await fetch(`${server.url}/s/no-such-survey`);
  assert.equal(missing.status, 404);
  const text = await missing.text();
  assert.match(text, /<h1>Survey not found<\/h1>/);
  assert.doesNotMatch(text, /<values-survey/);

  const closed = await fetch(`${server.url}/s/last-year`);
  assert.equal(closed.status, 200);
  const notice = await closed.text();
  assert.match(notice, /<h1>Last year’s survey<\/h1>/);
  assert.match(notice, /This survey closed on 30 September 2025\./);
  assert.doesNotMatch(notice, /<values-survey/);
});

test('the title from a definition is text, never markup', async (t) => {
  const server = await startWithSurveys(t, {}, [
    { ...NOTE, id: 'odd', title: 'Values & "vision" < 2030 > now' },
  ]);
  const res = await fetch(`${server.url}/s/odd`);
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /<title>Values &amp; &quot;vision&quot; &lt; 2030 &gt; now<\/title>/);
  assert.match(
    html,
    /<h1 class="visually-hidden">Values &amp; &quot;vision&quot; &lt; 2030 &gt; now<\/h1>/,
  );
});

/** The survey's visible step heading. */
const heading = (frame) =>
  frame.evaluate(
    () =>
      document
        .querySelector('values-survey')
        ?.shadowRoot?.querySelector('[data-step-heading]')
        ?.textContent?.trim() ?? '',
  );

test('Chromium: a respondent answers on the hosted page, with no policy violation, and it is stored', async (t) => {
  const server = await startWithSurveys(t);
  const browser = await launchChromium(t);
  const tab = await browser.newPage();
  await tab.evaluateOnNewDocument(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      window.violations.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  await tab.goto(`${server.url}/s/staff-note`);
  await waitFor(async () => (await heading(tab)) === 'A note for the Board', 'the intro');

  await tab.locator('::-p-aria(Start[role="button"])').click();
  await waitFor(async () => (await heading(tab)) === 'Your note', 'the question');
  await tab.locator('::-p-aria(Your note[role="textbox"])').fill('More time with patients');
  await tab.locator('::-p-aria(Continue[role="button"])').click();
  await waitFor(async () => (await heading(tab)) === 'Check your answers', 'the check step');
  await tab.locator('::-p-aria(Submit[role="button"])').click();

  const stored = await waitFor(async () => {
    for await (const { json } of server.store.rows()) return JSON.parse(json);
    return undefined;
  }, 'the response to be stored');
  assert.equal(stored.surveyId, 'staff-note');
  assert.equal(stored.answers.note.value, 'More time with patients');
  assert.deepEqual(await tab.evaluate(() => window.violations), []);
});

test('Chromium: the hosted page passes axe, at its start and on a question', async (t) => {
  const server = await startWithSurveys(t);
  const browser = await launchChromium(t);
  const tab = await browser.newPage();
  // axe is injected by the test, which the page's own policy would (rightly) refuse.
  await tab.setBypassCSP(true);
  const check = async (what) => {
    await tab.addScriptTag({ path: join(ROOT, 'node_modules', 'axe-core', 'axe.min.js') });
    const result = await tab.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
    assert.deepEqual(
      result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`),
      [],
      what,
    );
  };
  await tab.goto(`${server.url}/s/staff-note`);
  await waitFor(async () => (await heading(tab)) === 'A note for the Board', 'the intro');
  await check('the intro');
  await tab.locator('::-p-aria(Start[role="button"])').click();
  await waitFor(async () => (await heading(tab)) === 'Your note', 'the question');
  await check('the question');
  await tab.goto(`${server.url}/s/last-year`);
  await check('a closed survey');
  await tab.goto(`${server.url}/s/no-such-survey`);
  await check('an unknown survey');
});

test('Chromium: in an iframe on another site, the frame takes the survey’s height, with no scroll bar', async (t) => {
  let page = '';
  const site = await startSite(t, () => page);
  const server = await startWithSurveys(t, { ALLOWED_ORIGINS: site.url });
  page = `<!doctype html><html lang="en-GB"><meta charset="utf-8"><title>Intranet</title>
<h1>Tell the Board</h1>
<iframe src="${server.url}/s/staff-note" title="A note for the Board" width="100%" height="900"></iframe>
<p>After the survey.</p>
<script src="${server.url}/assets/values-survey-frame.js" defer></script>`;
  const browser = await launchChromium(t);
  const tab = await browser.newPage();
  await tab.setViewport({ width: 800, height: 1200 });
  await tab.goto(site.url);
  const frameHandle = await tab.waitForSelector('iframe');
  const frame = await frameHandle.contentFrame();
  await waitFor(async () => (await heading(frame)) === 'A note for the Board', 'the survey');

  const fits = async () => {
    const outer = await tab.evaluate(() => document.querySelector('iframe').clientHeight);
    const inner = await frame.evaluate(() => ({
      content: Math.ceil(document.body.getBoundingClientRect().height),
      scrolls: document.documentElement.scrollHeight > window.innerHeight,
    }));
    return Math.abs(outer - inner.content) <= 1 && !inner.scrolls && outer;
  };
  const first = await waitFor(fits, 'the iframe to take the intro’s height');
  assert.ok(first < 900, `the intro is shorter than the fallback height (${first})`);

  await frame.locator('::-p-aria(Start[role="button"])').click();
  await waitFor(async () => (await heading(frame)) === 'Your note', 'the question');
  await waitFor(async () => {
    const height = await fits();
    return height && height !== first;
  }, 'the iframe to follow the question’s height');
});

// The same sizing in every engine, seen from the parent page: the iframe takes the height the
// hosted page reports (it cannot look inside another site's frame).
const HEIGHTS = `window.heights = [];
window.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'values-survey-height') window.heights.push(event.data.height);
});`;

for (const engine of ['Chromium', 'Firefox', 'WebKit']) {
  test(`${engine}: the iframe takes the height its hosted page reports`, async (t) => {
    let page = '';
    const site = await startSite(t, (path) => (path === '/heights.js' ? HEIGHTS : page));
    const server = await startWithSurveys(t, { ALLOWED_ORIGINS: site.url });
    page = `<!doctype html><html lang="en-GB"><meta charset="utf-8"><title>Intranet</title>
<script src="/heights.js"></script>
<h1>Tell the Board</h1>
<iframe src="${server.url}/s/staff-note" title="A note for the Board" width="100%" height="900"></iframe>
<script src="${server.url}/assets/values-survey-frame.js" defer></script>`;
    const tab = await openTab(t, engine);
    await tab.goto(`${site.url}/`);
    const sized = await waitFor(
      () =>
        tab.evaluate(() => {
          const reported = window.heights.at(-1);
          const frame = document.querySelector('iframe');
          return (
            reported > 100 &&
            frame.getBoundingClientRect().height - frame.clientTop * 2 === reported &&
            reported
          );
        }),
      'the iframe to take the reported height',
    );
    assert.ok(sized < 900, `the intro is shorter than the fallback height (${sized})`);
  });
}
