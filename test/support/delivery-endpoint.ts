/**
 * Browser-side helpers for the delivery tests: a fresh fake endpoint per test (served by the test
 * runner, see fake-endpoint.mjs), its scripted replies and log, and valid responses to send.
 */
import type { SurveyResponse } from '../../src/response/schema.js';

/** A scripted reply (see fake-endpoint.mjs). */
export interface Reply {
  status?: number;
  retryAfter?: string;
  location?: string;
  delayMs?: number;
  hang?: true;
  dropReply?: true;
  /** Answer with this HTML page (a captive portal's login page); nothing is stored. */
  html?: string;
  /** With `status`: answer with this JSON body (a receiver's refusal); nothing is stored. */
  json?: object;
}

/** One request as the endpoint saw it. */
export interface SeenRequest {
  at: number;
  idempotencyKey: string;
  contentType: string;
  credentialsCookie: string;
  testHeader: string;
  body: SurveyResponse;
  /** Set when the endpoint was down: the socket was destroyed and nothing stored. */
  down?: true;
}

export interface EndpointLog {
  requests: SeenRequest[];
  stored: SurveyResponse[];
}

/** A fake endpoint of its own: `url` to POST to, `script` to queue replies, `log` to read it. */
export interface TestEndpoint {
  url: string;
  script(...replies: Reply[]): Promise<void>;
  /** While down, every request fails as a network failure in every engine; nothing is stored. */
  setDown(down: boolean): Promise<void>;
  log(): Promise<EndpointLog>;
}

export function testEndpoint(): TestEndpoint {
  const key = crypto.randomUUID();
  const control = `/endpoint-control/${key}`;
  const put = async (body: object) => {
    const reply = await fetch(control, { method: 'PUT', body: JSON.stringify(body) });
    if (!reply.ok) throw new Error(`scripting the endpoint failed: ${reply.status}`);
  };
  return {
    url: `/endpoint/${key}`,
    async script(...replies) {
      await put({ replies });
    },
    async setDown(down) {
      await put({ down });
    },
    async log() {
      const reply = await fetch(control, { cache: 'no-store' });
      if (!reply.ok) throw new Error(`reading the endpoint log failed: ${reply.status}`);
      return (await reply.json()) as EndpointLog;
    },
  };
}

/** A valid response with a fresh id; `answers` replaces the default answers. */
export function makeResponse(answers?: SurveyResponse['answers']): SurveyResponse {
  return {
    id: crypto.randomUUID(),
    surveyId: 'delivery-test',
    surveyVersion: '1',
    startedAt: '2025-01-01T10:00:00.000Z',
    completedAt: '2025-01-01T10:05:00.000Z',
    answers: answers ?? {
      values: {
        type: 'words',
        decisions: [{ statement: 0, position: 3, word: 'caring', choice: 'keep' }],
      },
      fit: { type: 'scale', value: 4 },
    },
    client: { widget: 'values-survey', version: '0.1.0' },
  };
}
