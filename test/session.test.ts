/**
 * The survey's rules without rendering anything: a SurveySession on a plain controller host, with
 * the real drafts store (IndexedDB), the real outbox and the test runner's endpoint.
 */
import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { historyEntry, waitUntil } from './support/wait.js';
import { onRestore, replace, restoreAll } from './support/overrides.js';
import { testEndpoint, type TestEndpoint } from './support/delivery-endpoint.js';
import { DeliveryController } from '../src/controllers/delivery.js';
import type { SurveyDefinition } from '../src/definition/schema.js';
import type { ValuesSurveyEventMap } from '../src/events.js';
import { surveySession, type SurveySession, type SessionView } from '../src/session/session.js';
import type { FilePort } from '../src/session/ports.js';
import { DraftStore } from '../src/storage/drafts.js';
import { holdStorage } from './support/hold-storage.js';

const WAIT = { timeout: 8000 };

/** A host with no DOM: it counts update requests and runs the controllers' lifecycle. */
class PlainHost implements ReactiveControllerHost {
  readonly controllers = new Set<ReactiveController>();
  updates = 0;
  addController(controller: ReactiveController) {
    this.controllers.add(controller);
  }
  removeController(controller: ReactiveController) {
    this.controllers.delete(controller);
  }
  requestUpdate() {
    this.updates += 1;
  }
  get updateComplete() {
    return Promise.resolve(true);
  }
  connect() {
    this.controllers.forEach((controller) => controller.hostConnected?.());
  }
  disconnect() {
    this.controllers.forEach((controller) => controller.hostDisconnected?.());
  }
}

/** Download links as the element makes them. */
const links: FilePort = {
  link: (file) => URL.createObjectURL(file),
  unlink: (url) => URL.revokeObjectURL(url),
};

type Fired = { type: keyof ValuesSurveyEventMap; detail: unknown };

/** Every question named after one of the widget's own steps or actions. */
function reservedDefinition(): SurveyDefinition {
  return {
    id: `session-${crypto.randomUUID().slice(0, 8)}`,
    version: '1',
    title: 'Reserved words',
    intro: 'Every question has a name the widget could have used for itself.',
    questions: [
      {
        id: 'intro',
        type: 'choice',
        prompt: 'Your role',
        required: true,
        options: [
          { value: 'staff', label: 'Staff' },
          { value: 'public', label: 'Member of the public' },
        ],
      },
      {
        id: 'check',
        type: 'choices',
        prompt: 'Your groups',
        options: [{ value: 'student', label: 'Student' }],
      },
      { id: 'done', type: 'text', prompt: 'Anything else?', maxLength: 50 },
      { id: 'submit', type: 'scale', prompt: 'Fit', min: 1, max: 5, required: true },
      { id: 'start', type: 'words', prompt: 'Words', statements: ['we care'] },
    ],
  };
}

async function open(definition: SurveyDefinition, endpoint: string | null) {
  const host = new PlainHost();
  const fired: Fired[] = [];
  const session = surveySession(host, (type, detail) => fired.push({ type, detail }), links);
  host.connect();
  onRestore(() => host.disconnect());
  session.configureDelivery({ endpoint, credentials: 'omit', headers: undefined, sendTimeout: 0 });
  await session.load({ property: definition, src: null, scriptText: null }, 10_000, 30);
  expect(session.view.status).to.equal('ready');
  return { session, host, fired };
}

const stepOf = (view: SessionView) =>
  view.step.kind === 'question' ? `question ${view.step.id}` : view.step.kind;

async function storedDraft(definition: SurveyDefinition) {
  const store = new DraftStore({ surveyId: definition.id, surveyVersion: definition.version });
  try {
    return (await store.load()).draft;
  } finally {
    store.dispose();
  }
}

/** Answers every question from the intro and stops on Check your answers. */
async function answerAll(session: SurveySession) {
  const visited: string[] = [];
  const go = async () => {
    await session.continue();
    visited.push(stepOf(session.view));
  };
  await go();
  session.answer('intro', { type: 'choice', value: 'staff' });
  await go();
  session.answer('check', { type: 'choices', values: ['student'] });
  await go();
  session.answer('done', { type: 'text', value: 'Nothing' });
  await go();
  session.answer('submit', { type: 'scale', value: 4 });
  await go();
  session.answer('start', {
    type: 'words',
    decisions: [{ statement: 0, position: 1, word: 'care', choice: 'keep' }],
  });
  await go();
  return visited;
}

describe('SurveySession: the survey without rendering', () => {
  let endpoint: TestEndpoint;
  beforeEach(() => {
    endpoint = testEndpoint();
  });
  afterEach(restoreAll);

  it('runs a survey whose questions are named intro, check, done, submit and start to the end', async () => {
    const definition = reservedDefinition();
    const { session, host, fired } = await open(definition, endpoint.url);
    expect(session.view.step).to.deep.equal({ kind: 'intro' });
    expect(session.view.question).to.equal(undefined);

    const visited = await answerAll(session);
    expect(visited).to.deep.equal([
      'question intro',
      'question check',
      'question done',
      'question submit',
      'question start',
      'check',
    ]);
    await waitUntil(async () => (await storedDraft(definition))?.step === 'check', 'not saved');
    expect(session.stepKeys).to.deep.equal([
      'intro',
      'question:intro',
      'question:check',
      'question:done',
      'submit',
      'start',
      'check',
      'done',
    ]);

    await session.continue();
    expect(session.view.step).to.deep.equal({ kind: 'done' });
    expect(session.view.answers).to.deep.equal({});
    expect(host.updates).to.be.greaterThan(0);
    await waitUntil(() => session.view.delivery?.state === 'sent', 'never sent', WAIT);
    const { stored } = await endpoint.log();
    expect(stored).to.have.length(1);
    expect(Object.keys(stored[0].answers)).to.have.members([
      'intro',
      'check',
      'done',
      'submit',
      'start',
    ]);
    expect(fired.filter((e) => e.type === 'values-survey-submit')).to.have.length(1);
    expect(fired.filter((e) => e.type === 'values-survey-sent')).to.have.length(1);
    expect(fired.filter((e) => e.type === 'values-survey-change')).to.have.length(5);
    expect(await storedDraft(definition)).to.equal(undefined);
  });

  it('reads a draft saved at a question named check as that question, not Check your answers', async () => {
    const definition = reservedDefinition();
    const first = await open(definition, endpoint.url);
    await first.session.continue();
    first.session.answer('intro', { type: 'choice', value: 'public' });
    await first.session.continue();
    expect(stepOf(first.session.view)).to.equal('question check');
    await waitUntil(async () => (await storedDraft(definition))?.step === 'question:check');

    const again = await open(definition, endpoint.url);
    expect(stepOf(again.session.view)).to.equal('question check');
    expect(again.session.view.notices).to.include('resumed');
  });

  it('puts a definition at hand in force at once, and applies its draft when storage answers', async () => {
    const definition = reservedDefinition();
    const first = await open(definition, endpoint.url);
    await first.session.continue();
    first.session.answer('intro', { type: 'choice', value: 'public' });
    await first.session.continue();
    await waitUntil(async () => (await storedDraft(definition))?.step === 'question:check');

    const host = new PlainHost();
    const session = surveySession(host, () => undefined, links);
    host.connect();
    onRestore(() => host.disconnect());
    const loaded = session.load({ property: definition, src: null, scriptText: null }, 10_000, 30);
    // Synchronously: the element's render in progress shows the survey, not "Loading…".
    expect(session.view.status).to.equal('ready');
    expect(session.view.step).to.deep.equal({ kind: 'intro' });
    expect(session.view.restoring).to.equal(true);
    expect(session.view.notices).to.deep.equal([]);
    await loaded;
    expect(session.view.restoring).to.equal(false);
    expect(stepOf(session.view)).to.equal('question check');
    expect(session.view.answers).to.deep.equal({ intro: { type: 'choice', value: 'public' } });
    expect(session.view.notices).to.deep.equal(['resumed']);
  });

  it('reads the draft again when moved while reading it', async () => {
    const definition = reservedDefinition();
    const first = await open(definition, endpoint.url);
    await first.session.continue();
    first.session.answer('intro', { type: 'choice', value: 'staff' });
    await waitUntil(async () => (await storedDraft(definition)) !== undefined);

    const host = new PlainHost();
    const session = surveySession(host, () => undefined, links);
    host.connect();
    onRestore(() => host.disconnect());
    const abandoned = session.load(
      { property: definition, src: null, scriptText: null },
      10_000,
      30,
    );
    host.disconnect();
    await abandoned;
    expect(session.view.restoring).to.equal(true);
    host.connect();
    await waitUntil(() => !session.view.restoring, 'never read again');
    expect(stepOf(session.view)).to.equal('question intro');
    expect(session.view.notices).to.deep.equal(['resumed']);
  });

  it('resumes a draft that arrives after the respondent only pressed Start, and keeps it saved', async () => {
    const definition = reservedDefinition();
    const first = await open(definition, endpoint.url);
    await first.session.continue();
    first.session.answer('intro', { type: 'choice', value: 'staff' });
    await first.session.continue();
    await waitUntil(async () => (await storedDraft(definition))?.step === 'question:check');

    const release = await holdStorage();
    const host = new PlainHost();
    const session = surveySession(host, () => undefined, links);
    host.connect();
    onRestore(() => host.disconnect());
    let loaded: Promise<void>;
    try {
      loaded = session.load({ property: definition, src: null, scriptText: null }, 10_000, 30);
      // Start saves a draft with no answers, queued behind the read of the earlier one.
      await session.continue();
      expect(stepOf(session.view)).to.equal('question intro');
    } finally {
      await release();
    }
    await loaded;
    expect(stepOf(session.view)).to.equal('question check');
    expect(session.view.answers).to.deep.equal({ intro: { type: 'choice', value: 'staff' } });
    expect(session.view.notices).to.deep.equal(['resumed']);
    // Start's empty draft reached the disk after the read; the earlier answers are saved again.
    await waitUntil(
      async () => (await storedDraft(definition))?.answers.intro !== undefined,
      'the earlier answers were not saved back',
    );
  });

  it('does not bring back a draft the respondent cleared while it was being read', async () => {
    const definition = reservedDefinition();
    const first = await open(definition, endpoint.url);
    await first.session.continue();
    first.session.answer('intro', { type: 'choice', value: 'staff' });
    await waitUntil(async () => (await storedDraft(definition)) !== undefined);

    const release = await holdStorage();
    const host = new PlainHost();
    const session = surveySession(host, () => undefined, links);
    host.connect();
    onRestore(() => host.disconnect());
    let loaded: Promise<void>;
    let cleared: Promise<void>;
    try {
      loaded = session.load({ property: definition, src: null, scriptText: null }, 10_000, 30);
      await session.continue();
      session.answer('intro', { type: 'choice', value: 'public' });
      session.askToClear();
      cleared = session.clear();
    } finally {
      await release();
    }
    await cleared;
    await loaded;
    expect(session.view.restoring).to.equal(false);
    expect(session.view.step).to.deep.equal({ kind: 'intro' });
    expect(session.view.answers).to.deep.equal({});
    expect(session.view.notices).to.deep.equal(['cleared']);
    expect(await storedDraft(definition)).to.equal(undefined);
  });

  it('opens a definition without an intro on its first question, with no way back from it', async () => {
    const definition = { ...reservedDefinition(), intro: undefined };
    const { session } = await open(definition, endpoint.url);
    expect(stepOf(session.view)).to.equal('question intro');
    expect(session.view.canGoBack).to.equal(false);
    expect(session.stepKeys[0]).to.equal('question:intro');
    session.back();
    expect(stepOf(session.view)).to.equal('question intro');
    session.answer('intro', { type: 'choice', value: 'staff' });
    await session.continue();
    expect(session.view.canGoBack).to.equal(true);
    // Clearing starts again where the survey starts.
    await session.clear();
    expect(stepOf(session.view)).to.equal('question intro');
  });

  it('returns to Check your answers after a change, and validates the change', async () => {
    const { session } = await open(reservedDefinition(), endpoint.url);
    await answerAll(session);
    session.change('intro');
    expect(stepOf(session.view)).to.equal('question intro');
    session.answer('intro', undefined);
    await session.continue();
    expect(stepOf(session.view)).to.equal('question intro');
    expect(session.view.error).to.equal('Select an answer to "Your role"');
    expect(session.takeFocus()).to.equal('error-summary');
    session.answer('intro', { type: 'choice', value: 'public' });
    await session.continue();
    expect(stepOf(session.view)).to.equal('check');
    expect(session.view.error).to.equal(undefined);
    // Back from a changed question goes to the step before it, not to the check page.
    session.change('done');
    session.back();
    expect(stepOf(session.view)).to.equal('question check');
  });

  it("follows the browser's Back and Forward buttons between steps", async () => {
    const definition = reservedDefinition();
    const { session } = await open(definition, endpoint.url);
    await session.continue();
    session.answer('intro', { type: 'choice', value: 'staff' });
    await session.continue();
    expect(stepOf(session.view)).to.equal('question check');
    await historyEntry(definition.id, 'question:check');
    history.back();
    await waitUntil(() => stepOf(session.view) === 'question intro', 'Back did not move');
    expect(session.takeFocus()).to.equal('heading');
    history.forward();
    await waitUntil(() => stepOf(session.view) === 'question check', 'Forward did not move');
    expect(session.view.answers).to.deep.equal({ intro: { type: 'choice', value: 'staff' } });
  });

  it('asks before clearing, then removes the answers and the draft and starts again', async () => {
    const definition = reservedDefinition();
    const { session } = await open(definition, endpoint.url);
    await session.continue();
    session.answer('intro', { type: 'choice', value: 'staff' });
    expect(session.view.canClear).to.equal(true);
    await waitUntil(async () => (await storedDraft(definition)) !== undefined);

    session.askToClear();
    expect(session.view.confirmingClear).to.equal(true);
    session.cancelClear();
    expect(session.view.confirmingClear).to.equal(false);
    expect(session.takeFocus()).to.equal('clear-button');

    session.askToClear();
    await session.clear();
    expect(session.view.step).to.deep.equal({ kind: 'intro' });
    expect(session.view.answers).to.deep.equal({});
    expect(session.view.notices).to.include('cleared');
    expect(session.view.canClear).to.equal(false);
    expect(await storedDraft(definition)).to.equal(undefined);
  });

  it('shows a submit that could not queue the response, keeps the answers, and lets it be tried again', async () => {
    const definition = reservedDefinition();
    const { session, fired } = await open(definition, endpoint.url);
    await answerAll(session);
    await waitUntil(async () => (await storedDraft(definition))?.step === 'check');
    const errors: unknown[][] = [];
    replace(console, 'error', (...args: unknown[]) => {
      errors.push(args);
    });
    // The outbox's write failing (as a full or broken database would make it).
    const submit = DeliveryController.prototype.submit;
    replace(DeliveryController.prototype, 'submit', () =>
      Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')),
    );

    await session.submit();
    expect(stepOf(session.view)).to.equal('check');
    expect(session.view.submitError).to.equal(
      'Your answers could not be submitted because of a problem on this device. They are still here: press Submit to try again.',
    );
    expect(session.takeFocus()).to.equal('error-summary');
    expect(Object.keys(session.view.answers)).to.have.length(5);
    expect(session.view.submitted).to.equal(undefined);
    expect(fired.filter((e) => e.type === 'values-survey-submit')).to.have.length(0);
    expect(fired.find((e) => e.type === 'values-survey-error')?.detail).to.deep.equal({
      kind: 'storage',
      message: session.view.submitError,
    });
    expect(errors).to.have.length(1);
    expect((await storedDraft(definition))?.step).to.equal('check');

    DeliveryController.prototype.submit = submit;
    await session.submit();
    expect(session.view.step).to.deep.equal({ kind: 'done' });
    expect(session.view.submitError).to.equal(undefined);
    await waitUntil(async () => (await endpoint.log()).stored.length === 1, 'never sent', WAIT);
  });

  it('sends one response when the same draft is submitted twice', async () => {
    const definition = reservedDefinition();
    const { session, fired } = await open(definition, endpoint.url);
    await answerAll(session);
    // A double press: the second arrives while the first is still queueing.
    await Promise.all([session.submit(), session.submit()]);
    // And once more from the confirmation.
    await session.submit();
    expect(fired.filter((e) => e.type === 'values-survey-submit')).to.have.length(1);
    await waitUntil(() => session.view.delivery?.state === 'sent', 'never sent', WAIT);

    // A second page (or tab) with the same survey finds no draft to submit again.
    const second = await open(definition, endpoint.url);
    expect(second.session.view.step).to.deep.equal({ kind: 'intro' });
    await second.session.continue();
    await second.session.submit();
    expect(stepOf(second.session.view)).to.equal('question intro');
    const { requests, stored } = await endpoint.log();
    expect(stored).to.have.length(1);
    expect(requests).to.have.length(1);
  });
});
