// The burst mark: more than `limit` responses from one client within `windowMs`.
//
// Clients are counted under a keyed hash of their rate-limit key (address or IPv6 /64). The key is
// random, made in memory when the UTC day changes and then discarded with the day's counts: no
// address is counted, and yesterday's hashes cannot be linked to anyone. Nothing from here is
// stored beside a response except the mark itself.
import { createHmac, randomBytes } from 'node:crypto';

const DAY_MS = 86_400_000;
/** Clients tracked at most; the longest-tracked are forgotten first (bounded memory). */
const MAX_CLIENTS = 100_000;

/**
 * @param {{ limit: number, windowMs: number, now?: () => number }} options limit 0: off.
 * @returns {{ add(clientKey: string): boolean, readonly size: number }} add: counts one
 *   response and says whether it is over the limit.
 */
export function createBurstCounter({ limit, windowMs, now = Date.now }) {
  let day;
  let key;
  /** @type {Map<string, number[]>} each client's most recent `limit` receipt times */
  const recent = new Map();

  return {
    add(clientKey) {
      if (!limit) return false;
      const time = now();
      const today = Math.floor(time / DAY_MS);
      if (today !== day) {
        day = today;
        key = randomBytes(32);
        recent.clear();
      }
      const tag = createHmac('sha256', key).update(clientKey).digest('base64url').slice(0, 22);
      let times = recent.get(tag);
      if (times) recent.delete(tag);
      else {
        times = [];
        if (recent.size >= MAX_CLIENTS) recent.delete(recent.keys().next().value);
      }
      // Re-inserted, so the Map's order is least recently seen first.
      recent.set(tag, times);
      const over = times.length >= limit && time - times[0] < windowMs;
      times.push(time);
      if (times.length > limit) times.shift();
      return over;
    },
    get size() {
      return recent.size;
    },
  };
}
