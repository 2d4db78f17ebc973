/**
 * What the session's parts are given rather than make: the drafts, delivery and history
 * controllers (or plain objects in tests: see test/session-core.test.ts), and the element's
 * object URLs. Types only: nothing here runs.
 */
import type { DeliveryController } from '../controllers/delivery.js';
import type { DraftController } from '../controllers/drafts.js';
import type { HistorySync } from '../controllers/history.js';

/** The draft store for the survey in force (the DraftController). */
export type DraftPort = Pick<DraftController, 'open' | 'save' | 'clear'>;

/** The outbox for the endpoint in force (the DeliveryController). */
export type DeliveryPort = Pick<
  DeliveryController,
  | 'configure'
  | 'submit'
  | 'undelivered'
  | 'clearDevice'
  | 'lastSubmitted'
  | 'submittedHere'
  | 'retry'
  | 'inMemoryOnly'
>;

/** Browser Back and Forward (HistorySync). */
export type HistoryPort = Pick<HistorySync, 'push' | 'replace'>;

/**
 * Files the respondent can download, as links: the element makes and revokes the object URLs
 * (DOM work), the session decides when a file is offered and when it goes.
 */
export interface FilePort {
  /** A link to `file`, valid until {@link FilePort.unlink}. */
  link(file: Blob): string;
  unlink(url: string): void;
}
