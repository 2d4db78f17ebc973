// A response endpoint served by the test runner, so delivery code meets real HTTP.
//
//   POST /endpoint/<key>          what the widget calls; behaves like a real endpoint
//                                 (201 new id, 409 repeated id) unless a scripted reply is queued
//   PUT  /endpoint-control/<key>  queue scripted replies: { "replies": [Reply, ...] }
//   GET  /endpoint-control/<key>  { "requests": [...], "stored": [...] } seen so far
//
// Reply: { status?: number, retryAfter?: string, delayMs?: number, hang?: true,
//          dropReply?: true  (store the response, then destroy the socket: the reply is lost) }
// Every test uses its own key, so tests never share state.

const endpoints = new Map();

function endpointFor(key) {
  let endpoint = endpoints.get(key);
  if (!endpoint) {
    endpoint = { replies: [], requests: [], stored: new Map() };
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
      const { replies = [] } = JSON.parse((await readBody(ctx.req)) || '{}');
      endpoint.replies.push(...replies);
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

  const reply = endpoint.replies.shift() ?? {};
  if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
  if (reply.hang) {
    // Never answer; the client's timeout must end it. Close after a minute to free the socket.
    await new Promise((resolve) => setTimeout(resolve, 60_000));
    ctx.req.socket.destroy();
    return;
  }
  const id = body?.id;
  if (reply.dropReply) {
    if (id) endpoint.stored.set(id, body);
    ctx.req.socket.destroy();
    return;
  }
  if (reply.status) {
    if (reply.retryAfter) ctx.set('Retry-After', reply.retryAfter);
    ctx.status = reply.status;
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({ scripted: true, status: reply.status });
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
