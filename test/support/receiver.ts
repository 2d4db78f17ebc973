/**
 * A real receiver for one test, on another origin than the test page (receiver-plugin.mjs starts
 * it in the test runner's process, on SQLite in a temporary directory).
 */
import { executeServerCommand } from '@web/test-runner-commands';

/** A response as the receiver's read route gives it back. */
export interface StoredResponse {
  id: string;
  surveyId: string;
  surveyVersion: string;
  answers: Record<string, unknown>;
}

/** A log line the receiver wrote (pino's JSON). */
export interface LogLine {
  level: number;
  msg: string;
  event?: string;
  origin?: string;
}

export interface TestReceiver {
  /** Its origin, e.g. http://127.0.0.1:41234: the docs' https://surveys.example.nhs.uk. */
  url: string;
  /** What it stored, read back with a read token (GET /responses). */
  responses(): Promise<StoredResponse[]>;
  /** Its log lines with this `event` (e.g. "origin refused"). */
  log(event: string): Promise<LogLine[]>;
  stop(): Promise<void>;
}

/**
 * Starts a receiver that allows pages on `allowedOrigins` to send (by default this page's origin)
 * and has `surveys` published to its registry.
 */
export async function startReceiver({
  allowedOrigins = [location.origin],
  surveys = [],
}: { allowedOrigins?: string[]; surveys?: object[] } = {}): Promise<TestReceiver> {
  const started = await executeServerCommand<{ url: string }, object>('receiver-start', {
    allowedOrigins,
    surveys,
  });
  if (!started?.url) throw new Error('the receiver plugin is not installed');
  const { url } = started;
  return {
    url,
    responses: async () =>
      (await executeServerCommand<StoredResponse[], object>('receiver-responses', { url }))!,
    log: async (event) =>
      (await executeServerCommand<LogLine[], object>('receiver-log', { url, event }))!,
    stop: async () => {
      await executeServerCommand('receiver-stop', { url });
    },
  };
}
