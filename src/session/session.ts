/**
 * The session: a core plus collaborators, assembled. The core (core.ts) keeps the state and the
 * rules of steps, answers and validation; kiosk mode (kiosk-flow.ts), Submit and what follows
 * (after-submit.ts), resuming a draft (resume.ts), "Clear my answers" (clearing.ts) and the
 * configuration (configuration.ts) are parts, given the drafts, delivery and history
 * controllers bound to the element, and the element's object URLs. The element renders the
 * session's `view` and hands the session to the templates as their actions
 * ({@link SessionActions}).
 */
import type { ReactiveControllerHost } from 'lit';
import { DeliveryController } from '../controllers/delivery.js';
import { DraftController } from '../controllers/drafts.js';
import { HistorySync } from '../controllers/history.js';
import { afterSubmit as afterSubmitPart } from './after-submit.js';
import { clearing } from './clearing.js';
import { configuration } from './configuration.js';
import { SessionCore } from './core.js';
import { kioskFlow } from './kiosk-flow.js';
import { resume as resumePart } from './resume.js';
import type { DeliveryPort, DraftPort, FilePort, HistoryPort } from './ports.js';
import type { Emitter, SessionActions } from './view.js';

export type * from './view.js';

/** What the parts are given: the controllers bound to the element (or fakes), and download links. */
export interface SessionPorts {
  drafts: DraftPort;
  deliveries: DeliveryPort;
  history: HistoryPort;
  files: FilePort;
}

/** Makes every part over `ports`; each part is given only what it uses. */
export function sessionParts(
  core: SessionCore,
  emit: Emitter,
  { drafts, deliveries, history, files }: SessionPorts,
) {
  const kiosk = kioskFlow(core, drafts, history, files);
  const afterSubmit = afterSubmitPart(core, emit, { deliveries, drafts, files, kiosk });
  const resume = resumePart(core, { drafts, history, kiosk, afterSubmit });
  return {
    drafts,
    history,
    kiosk,
    afterSubmit,
    resume,
    clearing: clearing(core, { drafts, deliveries, files, kiosk }),
    configuration: configuration(core, emit, { deliveries, history, resume }),
  };
}

export type SurveySession = ReturnType<typeof surveySession>;

/**
 * The session for the element `host`: its view, its configuration, and the actions the
 * templates call. `emit` fires the element's events; `files` makes and revokes download links.
 */
export function surveySession(host: ReactiveControllerHost, emit: Emitter, files: FilePort) {
  // Added before the parts' controllers: it hears that the element came back before they do.
  host.addController({
    hostConnected() {
      // Moved or re-added: the kiosk's pause starts again rather than being lost.
      kiosk.resume();
      // Moved or re-added while the saved answers were being read: that read was abandoned.
      setUp.reconnect();
    },
    hostDisconnected() {
      setUp.disconnect();
      core.disconnect();
      kiosk.stop();
    },
  });
  const core = new SessionCore(host, emit, (made) =>
    sessionParts(made, emit, {
      history: new HistorySync(host, (key) => made.fromHistory(key)),
      drafts: new DraftController(host, {
        onRemoteChange: (draft) => core.parts.resume.onRemoteChange(draft),
        onNotice: (notice) => made.addNotice(notice),
      }),
      deliveries: new DeliveryController(host, (id, state) =>
        core.parts.afterSubmit.onDelivery(id, state),
      ),
      files,
    }),
  );
  const { kiosk, afterSubmit, configuration: setUp } = core.parts;
  const actions: SessionActions = {
    continue: () => core.continue(),
    answer: (questionId, answer) => core.answer(questionId, answer),
    back: () => core.back(),
    change: (questionId) => core.change(questionId),
    askToClear: core.parts.clearing.ask,
    cancelClear: core.parts.clearing.cancel,
    clear: core.parts.clearing.clear,
    retry: afterSubmit.retry,
    retryEarlier: afterSubmit.retryEarlier,
    nextPerson: kiosk.nextPerson,
    stillHere: kiosk.stillHere,
  };
  return {
    ...actions,
    /** The state to render. A new object after every change; never mutated. */
    get view() {
      return core.view;
    },
    /** Where focus should go after this render, once: the element asks after each update. */
    takeFocus: () => core.takeFocus(),
    /** The steps of the survey in force, as stored keys. */
    get stepKeys() {
      return core.stepKeys;
    },
    /** Checks every answer again, then queues the response and clears the draft. */
    submit: () => core.submit(),
    /** Kiosk mode: input of any kind restarts the idle clock. */
    noteActivity: kiosk.noteActivity,
    load: setUp.load,
    setStrings: setUp.setStrings,
    configureDelivery: setUp.configureDelivery,
    configureKiosk: kiosk.configure,
  };
}
