/**
 * Issue 21: the receiver's integrity note and its two choices (leave out flagged responses, one
 * way of collecting), in every engine. The test endpoint stands in for the receiver's summary
 * route: it serves, for each filter the element asks for, the summary of those responses (counted
 * here by `summarise`, the same shape the receiver's SQL counts), each with the integrity counts
 * over all of them, as the receiver sends. `receiver/test/results-flags.test.js` runs the same
 * page against the real receiver and its SQL, in Chromium.
 */
import { expect } from '@open-wc/testing';
import { summarise } from '../src/results/counts.js';
import type { SurveyResponse } from '../src/response/schema.js';
import { byRole, deepActiveElement } from './support/queries.js';
import { choose, control, forgetTokens, renderReport, shadow } from './support/results-fixtures.js';
import { generated, RESULTS_TEST_TOKEN } from './support/results-data.js';
import { waitUntil } from './support/wait.js';

/** Why the receiver flagged response `i`: every 5th too fast, every 7th (else) in a burst. */
const flagOf = (i: number) => (i % 5 === 0 ? 'time' : i % 7 === 0 ? 'burst' : null);

/** The responses, every 3rd collected on a shared tablet, and what the receiver flagged. */
function collected(responses: SurveyResponse[]) {
  return responses.map((response, i) => ({
    response: i % 3 === 0 ? { ...response, collection: 'kiosk' as const } : response,
    flag: flagOf(i),
  }));
}

type Collected = ReturnType<typeof collected>;

/** Stores, under `name`, the summary the receiver would send for each filter the test uses. */
async function serveReceiver(name: string, rows: Collected) {
  const integrity = {
    responses: rows.length,
    flagged: rows.filter((r) => r.flag).length,
    reasons: {
      time: rows.filter((r) => r.flag === 'time').length,
      burst: rows.filter((r) => r.flag === 'burst').length,
    },
  };
  const variants: [string, Collected][] = [
    ['', rows],
    ['.without-flagged', rows.filter((r) => !r.flag)],
    ['.kiosk', rows.filter((r) => r.response.collection === 'kiosk')],
    ['.without-flagged.kiosk', rows.filter((r) => !r.flag && r.response.collection === 'kiosk')],
  ];
  for (const [suffix, subset] of variants) {
    const summary = { ...summarise(subset.map((r) => r.response)), integrity };
    const stored = await fetch(`/results-data/${name}${suffix}`, {
      method: 'PUT',
      body: JSON.stringify(summary),
    });
    if (!stored.ok) throw new Error(`could not store the summary: ${stored.status}`);
  }
  return `/results-data/${name}/responses`;
}

/** How many of `rows` chose `value` for "How are you connected to the Trust?". */
const connected = (rows: Collected, value: string) =>
  rows.filter(({ response }) => {
    const answer = response.answers.connection;
    return answer?.type === 'choices' && answer.values.includes(value);
  }).length;

const text = (element: Element | null) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe("results: the receiver's integrity note and its choices (issue 21)", function () {
  // Axe checks the whole report (several hundred words and table rows), and each choice counts
  // it again: slow on a shared machine, WebKitGTK most.
  this.timeout(120_000);
  let rows: Collected;
  let src: string;
  before(async () => {
    rows = collected(generated(300, 11).responses);
    src = await serveReceiver(`integrity-${crypto.randomUUID()}`, rows);
  });
  beforeEach(forgetTokens);

  const headline = (el: Element) => text(el.shadowRoot!.querySelector('.headline'));
  const note = (el: Element) => text(el.shadowRoot!.querySelector('.integrity-count'));
  const leaveOut = (el: Element) =>
    byRole(el.shadowRoot!, 'checkbox', 'Leave out flagged responses') as HTMLInputElement;

  it('says how many were flagged and why, and counts without them', async () => {
    const el = await renderReport(src, { token: RESULTS_TEST_TOKEN });
    const flagged = rows.filter((r) => r.flag);
    const time = flagged.filter((r) => r.flag === 'time').length;
    expect(headline(el)).to.match(/^300 responses/);
    expect(note(el)).to.equal(
      `${flagged.length} of 300 responses were flagged by the receiver's checks (${time} completed implausibly fast; ${flagged.length - time} many from one device in a short time). They are counted in these figures.`,
    );
    expect(leaveOut(el).checked).to.equal(false);
    expect(control(el, 'How the answers were collected').value).to.equal('');
    await expect(el).to.be.accessible();

    leaveOut(el).click();
    const kept = rows.filter((r) => !r.flag);
    await waitUntil(
      () => headline(el).startsWith(`${kept.length} responses`),
      `not counted without the flagged: ${headline(el)}`,
    );
    expect(note(el)).to.match(/They are left out of these figures\.$/);
    expect(leaveOut(el).checked).to.equal(true);
    // The reader's control keeps the focus while the report is counted again.
    await waitUntil(() => deepActiveElement() === leaveOut(el), 'the checkbox lost the focus');
  });

  it('counts one way of collecting, with or without the flagged responses', async () => {
    const el = await renderReport(src, { token: RESULTS_TEST_TOKEN });
    const collection = () => control(el, 'How the answers were collected');
    await choose(el, 'How the answers were collected', 'On a shared tablet (kiosk)');
    const kiosk = rows.filter((r) => r.response.collection === 'kiosk');
    await waitUntil(
      () => headline(el).startsWith(`${kiosk.length} responses`),
      `not counted for the kiosk alone: ${headline(el)}`,
    );
    expect(collection().value).to.equal('kiosk');
    await waitUntil(() => deepActiveElement() === collection(), 'the list lost the focus');

    leaveOut(el).click();
    const kept = kiosk.filter((r) => !r.flag);
    await waitUntil(
      () => headline(el).startsWith(`${kept.length} responses`),
      `not counted without the flagged: ${headline(el)}`,
    );
    expect(collection().value, 'the other choice stays').to.equal('kiosk');
    expect(leaveOut(el).checked).to.equal(true);
    await expect(el).to.be.accessible();
  });

  // A Board member comparing Staff and Patients who leaves out the flagged responses expects
  // still to see Staff and Patients, now counted without them.
  it('keeps the groups compared, and the group shown, when the integrity choices change', async () => {
    const el = await renderReport(src, { token: RESULTS_TEST_TOKEN });
    await choose(el, 'Show responses from', 'Staff');
    await choose(el, 'First group', 'Staff');
    await choose(el, 'Second group', 'Patient or service user');
    const side = 'Staff and Patient or service user side by side';
    const columns = () => {
      const section = byRole(shadow(el), 'heading', side).closest('section')!;
      return ['a', 'b'].map((slot) =>
        text(section.querySelector(`[data-group="${slot}"] .compare-group`)),
      );
    };
    const expectCompared = (counted: Collected) => {
      const [staff, patients] = columns();
      expect(staff).to.contain(`${connected(counted, 'staff')} responses`);
      expect(patients).to.contain(`${connected(counted, 'patient')} responses`);
      const chosen = (label: string) => {
        const select = control(el, label);
        return text(select.options[select.selectedIndex]);
      };
      expect(chosen('First group')).to.equal('Staff');
      expect(chosen('Second group')).to.equal('Patient or service user');
      expect(chosen('Show responses from')).to.equal('Staff');
      expect(headline(el)).to.match(
        new RegExp(
          `^${connected(counted, 'staff')} responses from Staff \\(of ${counted.length} responses\\)`,
        ),
      );
    };
    expectCompared(rows);

    leaveOut(el).click();
    await waitUntil(() => note(el).endsWith('left out of these figures.'), 'not counted again');
    expectCompared(rows.filter((r) => !r.flag));

    await choose(el, 'How the answers were collected', 'On a shared tablet (kiosk)');
    const collection = () => shadow(el).querySelector<HTMLSelectElement>('#collection');
    await waitUntil(() => collection()?.value === 'kiosk', 'not counted again');
    const kiosk = rows.filter((r) => !r.flag && r.response.collection === 'kiosk');
    expectCompared(kiosk);
    await expect(el).to.be.accessible();
  });

  it('says so when the receiver flagged none', async () => {
    const clean = rows.map((r) => ({ ...r, flag: null }));
    const el = await renderReport(await serveReceiver(`clean-${crypto.randomUUID()}`, clean), {
      token: RESULTS_TEST_TOKEN,
    });
    expect(note(el)).to.equal("None of the 300 responses was flagged by the receiver's checks.");
    await expect(el).to.be.accessible();
  });
});
