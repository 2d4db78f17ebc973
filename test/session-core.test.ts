/**
 * The session's rules with fakes for storage and delivery: the core and its parts (session.ts's
 * `sessionParts`) over plain objects that implement the ports, so each rule is checked in
 * milliseconds. Steps, validation, return to check, the resume rules and the after-Submit
 * outcomes. The same rules against real IndexedDB and a real endpoint are in session.test.ts
 * and the element's tests; these fakes stand in only for what the rules are given.
 */
import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import { replace, restoreAll } from './support/overrides.js';
import { SessionCore } from '../src/session/core.js';
import { sessionParts, type SessionPorts } from '../src/session/session.js';
import type { SurveyDefinition } from '../src/definition/schema.js';
import type { DeliveryState, Submission } from '../src/delivery/outbox.js';
import type { ValuesSurveyEventMap } from '../src/events.js';
import type { SurveyResponse } from '../src/response/schema.js';
import type { Draft } from '../src/storage/drafts.js';
import type { DraftSnapshot } from '../src/controllers/drafts.js';
import type { LastSubmitted } from '../src/storage/outbox-store.js';

const ENDPOINT = 'https://survey.example.nhs.uk/responses';

const definition: SurveyDefinition = {
  id: 'core-rules',
  version: '1',
  title: 'Core rules',
  intro: 'Two questions.',
  questions: [
    {
      id: 'role',
      type: 'choice',
      prompt: 'Your role',
      required: true,
      options: [
        { value: 'staff', label: 'Staff' },
        { value: 'public', label: 'Member of the public' },
      ],
    },
    { id: 'more', type: 'text', prompt: 'Anything else?', maxLength: 20 },
  ],
};

/** A promise and the function that settles it, for storage that answers when the test says. */
function later<T>() {
  let settle!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (settle = resolve));
  return { promise, settle };
}

/** The draft store: remembers what was saved and cleared; `open` answers with `stored`. */
function fakeDrafts() {
  const drafts = {
    saved: [] as DraftSnapshot[],
    cleared: 0,
    reading: later<{ draft?: Draft; notices: [] }>(),
    open: () => drafts.reading.promise,
    save: (snapshot: DraftSnapshot) => void drafts.saved.push(snapshot),
    clear: () => {
      drafts.cleared += 1;
      return Promise.resolve();
    },
  };
  return drafts;
}

/** The outbox: queues in a list; `refuse` makes the next submit fail as storage would. */
function fakeDeliveries() {
  const deliveries = {
    queued: [] as SurveyResponse[],
    retried: [] as string[],
    failNext: false,
    last: undefined as LastSubmitted | undefined,
    inMemoryOnly: false,
    configure: () => undefined,
    submit: (response: SurveyResponse): Promise<Submission> => {
      if (deliveries.failNext) return Promise.reject(new Error('the store said no'));
      deliveries.queued.push(response);
      return Promise.resolve({ response, already: false, state: { state: 'queued' } });
    },
    undelivered: () => Promise.resolve(deliveries.queued),
    clearDevice: () => Promise.resolve(),
    lastSubmitted: () => Promise.resolve(deliveries.last),
    submittedHere: (id: string) => deliveries.queued.some((response) => response.id === id),
    retry: (id: string) => {
      deliveries.retried.push(id);
      return Promise.resolve();
    },
  };
  return deliveries;
}

type Fired = { type: keyof ValuesSurveyEventMap; detail: unknown };

/** The core and its parts over fakes, with a definition in force (its draft not read yet). */
function build({ endpoint = ENDPOINT as string | null } = {}) {
  const drafts = fakeDrafts();
  const deliveries = fakeDeliveries();
  const pushed: string[] = [];
  const links: Blob[] = [];
  const fired: Fired[] = [];
  const ports: SessionPorts = {
    drafts,
    deliveries,
    history: { push: (_id, step) => void pushed.push(step), replace: () => undefined },
    files: { link: (file) => `blob:${links.push(file)}`, unlink: () => undefined },
  };
  const host = { updates: 0, requestUpdate: () => (host.updates += 1) };
  const emit = (type: Fired['type'], detail: unknown) => void fired.push({ type, detail });
  const core = new SessionCore(host, emit, (made) => sessionParts(made, emit, ports));
  const { configuration } = core.parts;
  configuration.configureDelivery({
    endpoint,
    credentials: 'omit',
    headers: undefined,
    sendTimeout: 0,
  });
  const loaded = configuration.load(
    { property: definition, src: null, scriptText: null },
    1000,
    30,
  );
  return { core, parts: core.parts, drafts, deliveries, pushed, links, fired, host, loaded };
}

const where = (core: SessionCore) => {
  const { step } = core.view;
  return step.kind === 'question' ? step.id : step.kind;
};

/** From the intro to Check your answers, with the draft's read answered empty first. */
async function toCheck(built: ReturnType<typeof build>) {
  built.drafts.reading.settle({ notices: [] });
  await built.loaded;
  const { core } = built;
  await core.continue();
  core.answer('role', { type: 'choice', value: 'staff' });
  await core.continue();
  await core.continue();
  expect(where(core)).to.equal('check');
}

const refused: DeliveryState = { state: 'refused', status: 422 };

describe('Session core with fakes: steps and validation', () => {
  it('starts on the intro, and moves through the steps, each recorded for Back', async () => {
    const built = build();
    const { core, pushed } = built;
    expect(where(core)).to.equal('intro');
    expect(core.view.canGoBack).to.equal(false);
    await toCheck(built);
    expect(pushed).to.deep.equal(['role', 'more', 'check']);
    core.back();
    expect(where(core)).to.equal('more');
    expect(core.takeFocus()).to.equal('heading');
    expect(core.takeFocus(), 'focus is asked for once').to.equal(undefined);
  });

  it('keeps a required question until it is answered, with the error and focus on its summary', async () => {
    const { core, drafts, fired } = build();
    await core.continue();
    await core.continue();
    expect(where(core)).to.equal('role');
    expect(core.view.error).to.be.a('string').and.not.empty;
    expect(core.takeFocus()).to.equal('error-summary');
    core.answer('role', { type: 'choice', value: 'public' });
    await core.continue();
    expect(where(core)).to.equal('more');
    expect(core.view.error).to.equal(undefined);
    expect(drafts.saved.at(-1)).to.include({ step: 'more' });
    expect(fired.filter((event) => event.type === 'values-survey-change')).to.have.length(1);
  });

  it('refuses a text over its limit', async () => {
    const { core } = build();
    await core.continue();
    core.answer('role', { type: 'choice', value: 'staff' });
    await core.continue();
    core.answer('more', { type: 'text', value: 'x'.repeat(21) });
    await core.continue();
    expect(where(core)).to.equal('more');
    expect(core.view.error).to.be.a('string').and.not.empty;
  });
});

describe('Session core with fakes: return to check', () => {
  it('goes back to Check your answers after a Change, not on to the next question', async () => {
    const built = build();
    const { core } = built;
    await toCheck(built);
    core.change('role');
    expect(where(core)).to.equal('role');
    core.answer('role', { type: 'choice', value: 'public' });
    await core.continue();
    expect(where(core)).to.equal('check');
  });

  it('forgets the Change on Back: Continue then goes on as usual', async () => {
    const built = build();
    const { core } = built;
    await toCheck(built);
    core.change('more');
    core.back();
    expect(where(core)).to.equal('role');
    await core.continue();
    expect(where(core)).to.equal('more');
  });

  it('checks every answer again at Submit and returns to the one missing, then to Check', async () => {
    const built = build();
    const { core, deliveries } = built;
    await toCheck(built);
    core.answer('role', undefined);
    await core.submit();
    expect(where(core)).to.equal('role');
    expect(core.view.error).to.be.a('string').and.not.empty;
    expect(deliveries.queued).to.have.length(0);
    core.answer('role', { type: 'choice', value: 'staff' });
    await core.continue();
    expect(where(core)).to.equal('check');
  });
});

describe('Session core with fakes: resume', () => {
  const draft = (step: string, value: string): Draft => ({
    surveyId: definition.id,
    surveyVersion: definition.version,
    answers: { role: { type: 'choice', value } },
    step,
    startedAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:05:00.000Z',
    writer: 1,
  });

  it('resumes where the draft left off, with "Welcome back"', async () => {
    const { core, drafts, loaded } = build();
    expect(core.view.restoring).to.equal(true);
    drafts.reading.settle({ draft: draft('more', 'public'), notices: [] });
    await loaded;
    expect(core.view.restoring).to.equal(false);
    expect(where(core)).to.equal('more');
    expect(core.view.answers.role).to.deep.equal({ type: 'choice', value: 'public' });
    expect(core.view.notices).to.include('resumed');
  });

  it('keeps answers given before the draft arrived, says so, and saves them over it', async () => {
    const { core, drafts, loaded } = build();
    await core.continue();
    core.answer('role', { type: 'choice', value: 'staff' });
    const saves = drafts.saved.length;
    drafts.reading.settle({ draft: draft('more', 'public'), notices: [] });
    await loaded;
    expect(core.view.answers.role).to.deep.equal({ type: 'choice', value: 'staff' });
    expect(core.view.notices).to.include('kept');
    expect(drafts.saved.length).to.equal(saves + 1);
  });

  it('applies nothing when the answers were cleared while the draft was read', async () => {
    const { core, parts, drafts, loaded } = build();
    await parts.clearing.clear();
    drafts.reading.settle({ draft: draft('more', 'public'), notices: [] });
    await loaded;
    expect(where(core)).to.equal('intro');
    expect(core.view.answers).to.deep.equal({});
    expect(core.view.notices).to.deep.equal(['cleared']);
  });

  it('on a kiosk, removes a draft left from before unread', async () => {
    const { core, parts, drafts, loaded } = build();
    parts.kiosk.configure({
      mode: 'kiosk',
      collection: null,
      kioskReturnAfter: 60,
      kioskIdleAfter: 180,
      kioskWarningFor: 60,
    });
    drafts.reading.settle({ draft: draft('more', 'public'), notices: [] });
    await loaded;
    expect(where(core)).to.equal('intro');
    expect(core.view.answers).to.deep.equal({});
    expect(drafts.cleared).to.equal(1);
    parts.kiosk.stop();
  });

  it('says where the response submitted on an earlier visit stands, and updates it', async () => {
    const { core, parts, deliveries, drafts, loaded } = build();
    deliveries.last = { id: 'earlier', completedAt: '2026-12-01T10:00:00.000Z', where: 'queued' };
    drafts.reading.settle({ notices: [] });
    await loaded;
    await waitUntil(() => core.view.previous, 'the earlier response was not spoken of');
    expect(core.view.previous?.delivery).to.deep.equal({ state: 'queued' });
    parts.afterSubmit.onDelivery('earlier', { state: 'sent', status: 201 });
    expect(core.view.previous?.delivery).to.deep.equal({ state: 'sent', status: 201 });
  });
});

describe('Session core with fakes: after Submit', () => {
  afterEach(restoreAll);

  it('queues the response once, clears the draft and confirms when it is sent', async () => {
    const built = build();
    const { core, parts, deliveries, drafts, fired } = built;
    await toCheck(built);
    await Promise.all([core.submit(), core.submit()]);
    expect(deliveries.queued).to.have.length(1);
    expect(drafts.cleared).to.equal(1);
    expect(where(core)).to.equal('done');
    expect(core.view.answers).to.deep.equal({});
    expect(core.view.ending).to.equal('sending');
    parts.afterSubmit.onDelivery(deliveries.queued[0].id, { state: 'sent', status: 201 });
    expect(core.view.ending).to.equal('confirmed');
    expect(fired.map((event) => event.type)).to.include.members([
      'values-survey-submit',
      'values-survey-sent',
    ]);
  });

  it('never thanks for a refused response: it says so and offers it as a file', async () => {
    const built = build();
    const { core, parts, deliveries, links } = built;
    await toCheck(built);
    await core.submit();
    const { id } = deliveries.queued[0];
    parts.afterSubmit.onDelivery(id, refused);
    expect(core.view.ending).to.equal('refused');
    expect(core.view.downloadUrl).to.equal('blob:1');
    expect(links[0].type).to.equal('text/plain;charset=utf-8');
    parts.afterSubmit.retry();
    expect(deliveries.retried).to.deep.equal([id]);
    parts.afterSubmit.onDelivery(id, { state: 'queued' });
    expect(core.view.ending, 'Try again promises nothing yet').to.equal('sending');
  });

  it('keeps the answers when nothing could be queued, and says so', async () => {
    const built = build();
    const { core, deliveries, fired } = built;
    await toCheck(built);
    deliveries.failNext = true;
    const errors: unknown[][] = [];
    replace(console, 'error', (...args: unknown[]) => void errors.push(args));
    await core.submit();
    expect(String(errors[0]?.[1]), 'the fault is reported').to.include('the store said no');
    expect(where(core)).to.equal('check');
    expect(core.view.submitError).to.be.a('string').and.not.empty;
    expect(core.view.answers.role).to.deep.equal({ type: 'choice', value: 'staff' });
    expect(core.takeFocus()).to.equal('error-summary');
    expect(fired.at(-1)?.type).to.equal('values-survey-error');
  });

  it('in a preview, confirms without queueing anything', async () => {
    const built = build({ endpoint: null });
    const { core, deliveries, drafts } = built;
    await toCheck(built);
    await core.submit();
    expect(where(core)).to.equal('done');
    expect(core.view.ending).to.equal('confirmed');
    expect(deliveries.queued).to.have.length(0);
    expect(drafts.cleared).to.equal(1);
  });

  it("tells of earlier visits' refused responses, but not of this visit's", async () => {
    const built = build();
    const { core, parts, deliveries } = built;
    await toCheck(built);
    await core.submit();
    parts.afterSubmit.onDelivery('from-last-week', refused);
    expect([...core.view.earlierRefused.keys()]).to.deep.equal(['from-last-week']);
    deliveries.queued.push({ ...deliveries.queued[0], id: 'other-survey-today' });
    parts.afterSubmit.onDelivery('other-survey-today', refused);
    expect([...core.view.earlierRefused.keys()]).to.deep.equal(['from-last-week']);
    parts.afterSubmit.retryEarlier();
    expect(deliveries.retried).to.deep.equal(['from-last-week']);
    expect(core.view.earlierRefused.size).to.equal(0);
  });
});
