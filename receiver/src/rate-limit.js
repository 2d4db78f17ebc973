// A per-client token bucket: each client address may make `perMinute` requests a minute on
// average, in bursts of up to `perMinute`. A ward's shared PC (a few respondents an hour from one
// address, or a whole Trust behind one proxy address at a steady pace) never meets it; a script
// posting as fast as it can is held to one request a second.
//
// Buckets live in this process's memory: with several receiver processes each keeps its own.

/** Above this many tracked clients, full buckets are forgotten at once (bounded memory). */
const MAX_CLIENTS = 100_000;

/**
 * @param {{ perMinute: number, now?: () => number }} options perMinute 0 turns the limit off.
 * @returns {{ take(key: string): number, readonly size: number }} take: 0 if allowed, else the
 *   whole seconds to wait before the next request would be allowed.
 */
export function createRateLimiter({ perMinute, now = () => performance.now() }) {
  const capacity = perMinute;
  const perMs = perMinute / 60_000;
  /** @type {Map<string, { tokens: number, at: number }>} */
  const buckets = new Map();

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
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= MAX_CLIENTS) forgetFull(time);
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
 * The key a client is limited by: its address, or for IPv6 its /64 network (one household or
 * device gets a whole /64, so single addresses would be free to rotate).
 */
export function clientKey(ip) {
  const address = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (!address.includes(':')) return address;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [
    ...left,
    ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'),
    ...right,
  ];
  return `${groups
    .slice(0, 4)
    .map((group) => group.toLowerCase())
    .join(':')}::/64`;
}
