// A response endpoint served by the test runner, so delivery code meets real HTTP.
//
//   POST /endpoint/<key>          what the widget calls; behaves like a real endpoint
//                                 (201 new id, 409 repeated id) unless a scripted reply is queued
//   PUT  /endpoint-control/<key>  queue scripted replies: { "replies": [Reply, ...] }, and/or
//                                 { "down": true | false }: while down, every request is logged
//                                 (with "down": true) and its socket destroyed, nothing stored
//   GET  /endpoint-control/<key>  { "requests": [...], "stored": [...] } seen so far
//
// Reply: { status?: number, retryAfter?: string, location?: string, delayMs?: number, hang?: true,
//          dropReply?: true  (store the response, then destroy the socket: the reply is lost),
//          html?: string     (answer with this text/html body, as a captive portal's login page
//                             does; nothing is stored),
//          json?: object     (with status: answer with this JSON body, as a receiver's refusal
//                             does; nothing is stored) }
// A hung request is never answered; it ends when the client gives up (or after a minute).
//
// Browsers resend a request by themselves, once, when a reused keep-alive socket fails before any
// reply byte arrives (Chromium and Firefox; Chromium also on a 408 over a reused socket; WebKit
// never), so one dropReply or 408 may be followed by a second request for the same id that the
// page never hears about. Use "down" for a network failure that every engine sees, and queue a
// 408 more than once.
// Every test uses its own key, so tests never share state.

const endpoints = new Map();

function endpointFor(key) {
  let endpoint = endpoints.get(key);
  if (!endpoint) {
    endpoint = { replies: [], requests: [], stored: new Map(), down: false };
    endpoints.set(key, endpoint);
  }
  return endpoint;
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function cors(ctx) {
  ctx.set('Access-Control-Allow-Origin', '*');
  ctx.set('Access-Control-Allow-Headers', 'Content-Type, Idempotency-Key, X-Test-Header');
  ctx.set('Access-Control-Allow-Methods', 'POST, OPTIONS');
  ctx.set('Access-Control-Expose-Headers', 'Retry-After');
}

export async function fakeEndpoint(ctx, next) {
  const control = ctx.path.match(/^\/endpoint-control\/([\w-]+)$/);
  if (control) {
    const endpoint = endpointFor(control[1]);
    if (ctx.method === 'PUT') {
      const { replies = [], down } = JSON.parse((await readBody(ctx.req)) || '{}');
      endpoint.replies.push(...replies);
      if (typeof down === 'boolean') endpoint.down = down;
      ctx.status = 204;
      return;
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({
      requests: endpoint.requests,
      stored: [...endpoint.stored.values()],
    });
    return;
  }

  const match = ctx.path.match(/^\/endpoint\/([\w-]+)$/);
  if (!match) return next();
  cors(ctx);
  if (ctx.method === 'OPTIONS') {
    ctx.status = 204;
    return;
  }
  if (ctx.method !== 'POST') {
    ctx.status = 405;
    return;
  }
  const endpoint = endpointFor(match[1]);
  const text = await readBody(ctx.req);
  let body;
  try {
    body = JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    body = text;
  }
  const request = {
    at: Date.now(),
    idempotencyKey: ctx.get('Idempotency-Key'),
    contentType: ctx.get('Content-Type'),
    credentialsCookie: ctx.get('Cookie'),
    testHeader: ctx.get('X-Test-Header'),
    body,
  };
  endpoint.requests.push(request);
  if (endpoint.down) {
    request.down = true;
    ctx.req.socket.destroy();
    return;
  }

  const reply = endpoint.replies.shift() ?? {};
  if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
  if (reply.hang) {
    // Never answer; the client's timeout must end it. Free the socket as soon as the client
    // closes it, or after a minute, so hung requests do not pile up across a test run.
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 60_000);
      ctx.res.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    ctx.req.socket.destroy();
    return;
  }
  const id = body?.id;
  if (reply.dropReply) {
    if (id) endpoint.stored.set(id, body);
    ctx.req.socket.destroy();
    return;
  }
  if (reply.html !== undefined) {
    ctx.status = reply.status ?? 200;
    if (reply.location) ctx.set('Location', reply.location);
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = reply.html;
    return;
  }
  if (reply.status) {
    if (reply.retryAfter) ctx.set('Retry-After', reply.retryAfter);
    if (reply.location) ctx.set('Location', reply.location);
    ctx.status = reply.status;
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(reply.json ?? { scripted: true, status: reply.status });
    return;
  }
  if (id && endpoint.stored.has(id)) {
    ctx.status = 409;
  } else {
    if (id) endpoint.stored.set(id, body);
    ctx.status = 201;
  }
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({ id });
}
