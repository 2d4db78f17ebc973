/**
 * Submit's one call into the storage and delivery layers: the response goes into the outbox
 * and the draft is removed. Everything the session needs from that sequence is here, so the
 * pair can become one atomic `queue-and-clear-draft` transaction in one place.
 */
import type { SurveyResponse } from '../response/schema.js';

/** The outbox side: writes a response durably before any attempt to send it. */
export interface Queue {
  enqueue(response: SurveyResponse): Promise<void>;
}

/** The draft side: removes everything this survey stored on the device. */
export interface DraftClear {
  clear(): Promise<void>;
}

/**
 * Queues `response` (unless this is a preview with nowhere to send it), then removes the draft:
 * from here the outbox holds the answers, and a draft left behind would invite a second
 * submission under a new id. Rejects if the response could not be queued; the draft is then
 * left as it was, so nothing the respondent wrote is lost.
 */
export async function queueAndClearDraft(
  queue: Queue | undefined,
  drafts: DraftClear,
  response: SurveyResponse,
): Promise<void> {
  if (queue) await queue.enqueue(response);
  await drafts.clear();
}
