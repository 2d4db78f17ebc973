import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import { sendResponse, KEEPALIVE_MAX_BYTES } from '../src/delivery/send.js';
import { attemptSignal } from '../src/support/signals.js';
import { makeResponse, testEndpoint } from './support/delivery-endpoint.js';

describe('delivery: one attempt (sendResponse)', () => {
  it('renders an accessible element on the page where responses are sent', async () => {
    const el = await fixture(html`<values-survey></values-survey>`);
    await expect(el).to.be.accessible();
  });

  it('POSTs the response as JSON with its id as the Idempotency-Key: 201 is delivered', async () => {
    const endpoint = testEndpoint();
    const response = makeResponse();
    const result = await sendResponse(endpoint.url, response, {
      headers: { 'X-Test-Header': 'extra' },
    });
    expect(result).to.deep.equal({ outcome: 'delivered', status: 201 });
    const { requests, stored } = await endpoint.log();
    expect(requests).to.have.length(1);
    expect(requests[0].contentType).to.equal('application/json');
    expect(requests[0].idempotencyKey).to.equal(response.id);
    expect(requests[0].testHeader).to.equal('extra');
    expect(requests[0].body).to.deep.equal(response);
    expect(stored).to.deep.equal([response]);
  });

  it('keeps its own Content-Type and Idempotency-Key over extra headers of the same name', async () => {
    const endpoint = testEndpoint();
    const response = makeResponse();
    await sendResponse(endpoint.url, response, {
      headers: { 'Content-Type': 'text/plain', 'Idempotency-Key': 'not-the-id' },
    });
    const [request] = (await endpoint.log()).requests;
    expect(request.contentType).to.equal('application/json');
    expect(request.idempotencyKey).to.equal(response.id);
  });

  it('counts 409 (the endpoint already has this id) as delivered', async () => {
    const endpoint = testEndpoint();
    const response = makeResponse();
    await sendResponse(endpoint.url, response);
    expect(await sendResponse(endpoint.url, response)).to.deep.equal({
      outcome: 'delivered',
      status: 409,
    });
    expect((await endpoint.log()).stored).to.have.length(1);
  });

  it('retries 500 with no Retry-After', async () => {
    const endpoint = testEndpoint();
    await endpoint.script({ status: 500 });
    expect(await sendResponse(endpoint.url, makeResponse())).to.deep.equal({
      outcome: 'retry',
      status: 500,
    });
  });

  it('retries 503 and reads Retry-After in seconds', async () => {
    const endpoint = testEndpoint();
    await endpoint.script({ status: 503, retryAfter: '7' });
    expect(await sendResponse(endpoint.url, makeResponse())).to.deep.equal({
      outcome: 'retry',
      status: 503,
      retryAfterMs: 7000,
    });
  });

  it('retries 429 and reads Retry-After as an HTTP date', async () => {
    const endpoint = testEndpoint();
    const at = new Date(Date.now() + 30_000).toUTCString();
    await endpoint.script({ status: 429, retryAfter: at });
    const result = await sendResponse(endpoint.url, makeResponse());
    expect(result.outcome).to.equal('retry');
    expect(result.status).to.equal(429);
    // HTTP dates have whole seconds, and the reply takes a moment.
    const { retryAfterMs } = result as { retryAfterMs: number };
    expect(retryAfterMs).to.be.within(25_000, 30_000);
  });

  for (const status of [408, 425, 502]) {
    it(`retries ${status}`, async () => {
      const endpoint = testEndpoint();
      // Three, because Chromium resends after a 408 on a reused socket (see fake-endpoint.mjs).
      await endpoint.script({ status }, { status }, { status });
      expect(await sendResponse(endpoint.url, makeResponse())).to.deep.equal({
        outcome: 'retry',
        status,
      });
    });
  }

  for (const status of [400, 403, 404, 413, 422]) {
    it(`refuses ${status} (not retried automatically)`, async () => {
      const endpoint = testEndpoint();
      await endpoint.script({ status });
      expect(await sendResponse(endpoint.url, makeResponse())).to.deep.equal({
        outcome: 'refused',
        status,
      });
    });
  }

  for (const status of [301, 302, 307]) {
    it(`retries a ${status} redirect (a captive portal) without following it`, async () => {
      const endpoint = testEndpoint();
      const elsewhere = testEndpoint();
      await endpoint.script({ status, location: elsewhere.url });
      const result = await sendResponse(endpoint.url, makeResponse());
      expect(result).to.deep.equal({ outcome: 'retry', status: 0 });
      expect((await elsewhere.log()).requests).to.have.length(0);
    });
  }

  it('retries a 200 whose body is an HTML page (a captive portal login), not delivered', async () => {
    const endpoint = testEndpoint();
    await endpoint.script({ status: 200, html: '<!doctype html><title>Sign in to Wi-Fi</title>' });
    const result = await sendResponse(endpoint.url, makeResponse());
    expect(result).to.deep.equal({ outcome: 'retry', status: 0 });
    expect((await endpoint.log()).stored).to.have.length(0);
  });

  it('returns a retry with status 0 when the endpoint cannot be reached', async () => {
    const endpoint = testEndpoint();
    await endpoint.setDown(true);
    expect(await sendResponse(endpoint.url, makeResponse())).to.deep.equal({
      outcome: 'retry',
      status: 0,
    });
    expect((await endpoint.log()).stored).to.have.length(0);
  });

  it('survives a reply lost after the endpoint stored the response: one copy, one id', async () => {
    const endpoint = testEndpoint();
    const response = makeResponse();
    await endpoint.script({ dropReply: true });
    const result = await sendResponse(endpoint.url, response);
    const { requests, stored } = await endpoint.log();
    if (requests.length === 1) {
      // The lost reply is reported (always in WebKit); the outbox will retry.
      expect(result).to.deep.equal({ outcome: 'retry', status: 0 });
    } else {
      // The browser resent it by itself (Chromium, Firefox, when the socket was a reused one),
      // and the endpoint recognised the id.
      expect(result).to.deep.equal({ outcome: 'delivered', status: 409 });
    }
    expect(requests.every((request) => request.idempotencyKey === response.id)).to.equal(true);
    expect(stored).to.deep.equal([response]);
  });

  it('gives up on an endpoint that never answers after timeoutMs, as a retry with status 0', async () => {
    const endpoint = testEndpoint();
    await endpoint.script({ hang: true });
    const started = performance.now();
    const result = await sendResponse(endpoint.url, makeResponse(), { timeoutMs: 500 });
    const took = performance.now() - started;
    expect(result).to.deep.equal({ outcome: 'retry', status: 0 });
    expect(took).to.be.within(400, 5_000);
  });

  it('times out the same way where AbortSignal.any and .timeout are missing', async () => {
    const statics = AbortSignal as unknown as { any: unknown; timeout: unknown };
    const original = { any: statics.any, timeout: statics.timeout };
    statics.any = undefined;
    statics.timeout = undefined;
    try {
      const endpoint = testEndpoint();
      await endpoint.script({ hang: true });
      const result = await sendResponse(endpoint.url, makeResponse(), { timeoutMs: 500 });
      expect(result).to.deep.equal({ outcome: 'retry', status: 0 });
    } finally {
      Object.assign(statics, original);
    }
  });

  it("stops when the caller's signal aborts, as a retry with status 0", async () => {
    const endpoint = testEndpoint();
    await endpoint.script({ hang: true });
    const controller = new AbortController();
    const sending = sendResponse(endpoint.url, makeResponse(), { signal: controller.signal });
    // Abort once the endpoint has the request, so the abort cancels a request in flight.
    await waitForRequests(endpoint, 1);
    controller.abort();
    expect(await sending).to.deep.equal({ outcome: 'retry', status: 0 });
  });

  it('sends no cookies by default, even when the page has one', async () => {
    const cookie = `vs-delivery-${crypto.randomUUID().slice(0, 8)}`;
    document.cookie = `${cookie}=1; path=/; SameSite=Strict`;
    try {
      expect(document.cookie).to.contain(cookie);
      const endpoint = testEndpoint();
      await sendResponse(endpoint.url, makeResponse());
      // The control: the same request with credentials does carry the cookie.
      await sendResponse(endpoint.url, makeResponse(), { credentials: 'same-origin' });
      const [omitted, included] = (await endpoint.log()).requests;
      expect(omitted.credentialsCookie).to.equal('');
      expect(included.credentialsCookie).to.contain(cookie);
    } finally {
      document.cookie = `${cookie}=; path=/; max-age=0`;
    }
  });

  it('delivers a body too big for keepalive', async () => {
    const endpoint = testEndpoint();
    const answers: Record<string, { type: 'text'; value: string }> = {};
    for (let i = 0; i < 7; i += 1) answers[`text${i}`] = { type: 'text', value: 'é'.repeat(5_000) };
    const response = makeResponse(answers);
    expect(new TextEncoder().encode(JSON.stringify(response)).byteLength).to.be.above(
      KEEPALIVE_MAX_BYTES * 1.1,
    );
    expect(await sendResponse(endpoint.url, response)).to.deep.equal({
      outcome: 'delivered',
      status: 201,
    });
    expect((await endpoint.log()).stored).to.deep.equal([response]);
  });

  it('rejects an endpoint with a user name and password instead of retrying it as offline', async () => {
    let caught: unknown;
    try {
      await sendResponse('https://user:secret@example.org/responses', makeResponse());
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(TypeError);
  });

  it('rejects an endpoint that is not a URL instead of retrying it forever', async () => {
    let caught: unknown;
    try {
      await sendResponse('http://[not-a-host', makeResponse());
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(TypeError);
  });
});

describe('delivery: attempt signals, and their fallbacks for older engines', () => {
  const statics = AbortSignal as unknown as { any: unknown; timeout: unknown };
  let original: { any: unknown; timeout: unknown };

  /** Hides AbortSignal.any and AbortSignal.timeout while `body` runs. */
  async function withoutNativeSignals(body: () => Promise<void> | void) {
    original = { any: statics.any, timeout: statics.timeout };
    statics.any = undefined;
    statics.timeout = undefined;
    try {
      await body();
    } finally {
      Object.assign(statics, original);
    }
  }

  for (const native of [true, false]) {
    const engine = native ? 'native' : 'fallback';

    it(`${engine}: aborts with a TimeoutError after the timeout`, async () => {
      const run = async () => {
        const attempt = attemptSignal(20);
        await new Promise((resolve) => attempt.signal.addEventListener('abort', resolve));
        expect((attempt.signal.reason as DOMException).name).to.equal('TimeoutError');
        attempt.dispose();
      };
      await (native ? run() : withoutNativeSignals(run));
    });

    it(`${engine}: follows the caller's signal, including one aborted already`, async () => {
      const run = () => {
        const caller = new AbortController();
        const attempt = attemptSignal(10_000, caller.signal);
        expect(attempt.signal.aborted).to.equal(false);
        caller.abort();
        expect(attempt.signal.aborted).to.equal(true);
        expect((attempt.signal.reason as DOMException).name).to.equal('AbortError');
        attempt.dispose();
        const late = attemptSignal(10_000, caller.signal);
        expect(late.signal.aborted).to.equal(true);
        late.dispose();
      };
      await (native ? run() : withoutNativeSignals(run));
    });
  }

  it('fallback: stops following the caller and the clock once disposed', async () => {
    await withoutNativeSignals(async () => {
      const caller = new AbortController();
      const attempt = attemptSignal(20, caller.signal);
      attempt.dispose();
      caller.abort();
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(attempt.signal.aborted).to.equal(false);
    });
  });
});

async function waitForRequests(endpoint: ReturnType<typeof testEndpoint>, count: number) {
  for (;;) {
    if ((await endpoint.log()).requests.length >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
