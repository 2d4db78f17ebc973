// A per-client token bucket: each client address may make `perMinute` requests a minute on
// average, in bursts of up to `perMinute`. A ward's shared PC (a few respondents an hour from one
// address, or a whole Trust behind one proxy address at a steady pace) never meets it; a script
// posting as fast as it can is held to one request a second.
//
// Buckets live in this process's memory: with several receiver processes each keeps its own.
// Keys are canonical addresses (IPv4, or an IPv6 /64), never header text, and there are at most
// MAX_CLIENTS of them, so memory stays bounded whatever clients send.
//
// Who the client is: the connection's peer, unless the peer is one of TRUST_PROXY's addresses or
// ranges; then X-Forwarded-For is read from the right, past the trusted proxies, to the first
// address that is not one. An entry that is not an address stops the walk at the hop that sent
// it (the peer, if it is the last entry): what a client writes in the header is never a key.
import { BlockList, isIP } from 'node:net';

/**
 * Above this many tracked clients, full buckets are forgotten at once, then the oldest if that
 * was not enough (bounded memory: about 15 MB at most).
 */
export const MAX_CLIENTS = 100_000;

/**
 * @param {{ perMinute: number, now?: () => number, maxClients?: number }} options perMinute 0
 *   turns the limit off.
 * @returns {{ take(key: string): number, readonly size: number }} take: 0 if allowed, else the
 *   whole seconds to wait before the next request would be allowed.
 */
export function createRateLimiter({
  perMinute,
  now = () => performance.now(),
  maxClients = MAX_CLIENTS,
}) {
  const capacity = perMinute;
  const perMs = perMinute / 60_000;
  /** @type {Map<string, { tokens: number, at: number }>} */
  const buckets = new Map();
  let sweptAt = now();

  const refill = (bucket, time) => {
    bucket.tokens = Math.min(capacity, bucket.tokens + (time - bucket.at) * perMs);
    bucket.at = time;
  };
  const forgetFull = (time) => {
    for (const [key, bucket] of buckets) {
      refill(bucket, time);
      if (bucket.tokens >= capacity) buckets.delete(key);
    }
  };

  return {
    take(key) {
      if (!perMinute) return 0;
      const time = now();
      // Once a minute, clients whose bucket has refilled are forgotten (addresses are not kept).
      if (time - sweptAt >= 60_000) {
        sweptAt = time;
        forgetFull(time);
      }
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxClients) forgetFull(time);
        // Still full: many clients mid-burst. Forget the longest-tracked (a Map keeps order).
        for (const oldest of buckets.keys()) {
          if (buckets.size < maxClients) break;
          buckets.delete(oldest);
        }
        bucket = { tokens: capacity, at: time };
        buckets.set(key, bucket);
      } else refill(bucket, time);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    },
    get size() {
      return buckets.size;
    },
  };
}

/**
 * The canonical form of an address: IPv4 dotted (an IPv4-mapped IPv6 address is its IPv4 address),
 * IPv6 as eight lower-case groups; undefined if `text` is not an address.
 * @param {string} text
 * @returns {string | undefined}
 */
export function canonicalAddress(text) {
  if (typeof text !== 'string' || text.length > 64) return undefined;
  const address = text.trim().replace(/%[\w.-]+$/, '');
  const version = isIP(address);
  if (version === 4) return address;
  if (version !== 6) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  // An IPv4 tail (::1.2.3.4 and the like) as its two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  const hex = v4
    ? address.slice(0, v4.index) +
      `${((+v4[1] << 8) | +v4[2]).toString(16)}:${((+v4[3] << 8) | +v4[4]).toString(16)}`
    : address;
  const [head, tail] = hex.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((group) => Number.parseInt(group, 16).toString(16)).join(':');
}

/**
 * The key a client is limited by: its IPv4 address, or its IPv6 /64 network (one household or
 * device gets a whole /64, so single addresses would be free to rotate). `address` is any
 * address; undefined if it is not one.
 */
export function clientKey(address) {
  const canonical = canonicalAddress(address);
  if (!canonical?.includes(':')) return canonical;
  return `${canonical.split(':').slice(0, 4).join(':')}::/64`;
}

/**
 * Parses TRUST_PROXY: a comma-separated list of proxy addresses or CIDR ranges. `true` and hop
 * counts are refused: they would believe any client's X-Forwarded-For.
 * @param {string | undefined} text
 * @returns {{ proxies: string[], problems: string[] }}
 */
export function parseTrustProxy(text) {
  if (text === undefined || text === 'false' || text === '0') return { proxies: [], problems: [] };
  if (text === 'true' || /^\d+$/.test(text)) {
    return {
      proxies: [],
      problems: [
        `TRUST_PROXY=${text} would believe the X-Forwarded-For header of any client, so anyone ` +
          'could pass the rate limit and the token-guessing limit by writing a new address in it: ' +
          "list your proxies' addresses or CIDR ranges instead (e.g. TRUST_PROXY=127.0.0.1 or " +
          'TRUST_PROXY=10.20.0.0/16,10.30.0.5)',
      ],
    };
  }
  const proxies = [];
  const problems = [];
  for (const item of text.split(',').map((part) => part.trim())) {
    if (!item) continue;
    const [address, prefix, extra] = item.split('/');
    const version = isIP(address);
    const bits = version === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
    if (!version || !prefixOk || extra !== undefined) {
      problems.push(
        `TRUST_PROXY: "${item}" is not an address or CIDR range (e.g. 10.20.0.0/16 or 2001:db8::/48)`,
      );
    } else proxies.push(item);
  }
  return { proxies, problems };
}

/**
 * Finds each request's client from its peer and, behind a trusted proxy, X-Forwarded-For.
 * @param {string[]} proxies addresses or CIDR ranges (parseTrustProxy's)
 * @returns {(request: { socket?: { remoteAddress?: string }, raw?: object,
 *   headers: Record<string, string | string[] | undefined> }) => string} the client's key
 */
export function createClientResolver(proxies) {
  const trusted = new BlockList();
  for (const item of proxies) {
    const [address, prefix] = item.split('/');
    const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) trusted.addAddress(address, type);
    else trusted.addSubnet(address, Number(prefix), type);
  }
  const isTrusted = (address) => trusted.check(address, address.includes(':') ? 'ipv6' : 'ipv4');

  return function clientOf(request) {
    const peer = canonicalAddress(
      request.raw?.socket?.remoteAddress ?? request.socket?.remoteAddress,
    );
    // A peer with no address (a closed socket) still gets one shared key, never none.
    if (!peer) return 'unknown';
    let client = peer;
    if (proxies.length && isTrusted(peer)) {
      const header = request.headers['x-forwarded-for'];
      const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
      for (let index = hops.length - 1; index >= 0 && isTrusted(client); index -= 1) {
        const hop = canonicalAddress(hops[index]);
        // Not an address: ignored, and nothing to its left is believed.
        if (!hop) break;
        client = hop;
      }
    }
    return clientKey(client);
  };
}
