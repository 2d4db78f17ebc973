/**
 * Tells other tabs (and other elements on this page) showing the same survey version that its
 * draft changed. Messages come from other scripts on the origin, possibly another widget version,
 * so they are validated like anything read from storage.
 */
import * as z from 'zod/mini';
import { lazy } from '../response/lazy.js';
import { buildDraftSchema, versionPath, type Draft } from './draft-record.js';

/** A change to one survey version's draft, made somewhere else. */
export type DraftMessage =
  | { kind: 'saved'; draft: Draft }
  /** `at` is the clearing tab's clock, in whole milliseconds since the epoch. */
  | { kind: 'cleared'; at: number; revision?: number | undefined };

const messageSchema = lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('saved'), draft: buildDraftSchema() }),
    z.strictObject({
      kind: z.literal('cleared'),
      at: z.int(),
      revision: z.optional(z.int()),
    }),
  ]),
);

export interface DraftChannel {
  post(message: DraftMessage): void;
  close(): void;
}

/** `values-survey:<surveyId>:<surveyVersion>`, URI-encoded like the draft key. */
export function draftChannelName(surveyId: string, surveyVersion: string): string {
  return `values-survey:${versionPath(surveyId, surveyVersion)}`;
}

/**
 * Opens the channel for one survey version. Where BroadcastChannel is missing, tabs simply do
 * not hear about each other; storage still keeps the later change.
 */
export function openDraftChannel(
  name: string,
  onMessage: (message: DraftMessage) => void,
): DraftChannel {
  if (typeof BroadcastChannel === 'undefined')
    return { post: () => undefined, close: () => undefined };
  const channel = new BroadcastChannel(name);
  let open = true;
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const parsed = messageSchema.safeParse(event.data);
    if (parsed.success) onMessage(parsed.data);
    else console.warn(`values-survey: ignored an unreadable message on ${name}.`);
  };
  return {
    // A save that finishes after dispose has nobody left to tell.
    post: (message) => {
      if (open) channel.postMessage(message);
    },
    close: () => {
      open = false;
      channel.close();
    },
  };
}
