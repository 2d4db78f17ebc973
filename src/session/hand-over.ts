/**
 * Submit's one call into the storage and delivery layers: the response is queued and the draft
 * it was built from removed in one atomic step (one IndexedDB transaction in the outbox store),
 * so a crash, a second tab or a restored page can never submit the same answers under a second
 * id. Everything the session needs from that sequence is here.
 */
import type { Submission } from '../delivery/outbox.js';
import type { SurveyResponse } from '../response/schema.js';

/** The outbox side: queues a response and removes its draft in one step (see `Outbox.submit`). */
export interface Queue {
  submit(
    response: SurveyResponse,
    draft: { surveyId: string; surveyVersion: string; startedAt: string },
  ): Promise<Submission>;
}

/** The draft side: removes this survey's draft and tells other tabs. */
export interface DraftClear {
  clear(): Promise<void>;
}

/**
 * Queues `response` (unless this is a preview with nowhere to send it) and removes its draft in
 * one transaction; then the draft store forgets it too and tells other tabs. `onQueued` hears at
 * once which submission is in force: for a draft already submitted elsewhere, the response queued
 * then (its id and state), never a new one; it is told before the draft store is cleared, so news
 * of the delivery that arrives meanwhile is about the right id. Rejects if nothing could be
 * queued; the draft is then left as it was, so nothing the respondent wrote is lost.
 */
export async function queueAndClearDraft(
  queue: Queue | undefined,
  drafts: DraftClear,
  response: SurveyResponse,
  onQueued: (submission: Submission) => void,
): Promise<void> {
  // The response names the draft it was built from: its survey, version and startedAt.
  if (queue) onQueued(await queue.submit(response, response));
  await drafts.clear();
}
