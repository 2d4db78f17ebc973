import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import {
  BASE_DELAY_MS,
  MAX_DELAY_MS,
  MAX_RETRY_AFTER_MS,
  MIN_DELAY_MS,
  retryDelay,
} from '../src/delivery/backoff.js';
import { parseRetryAfter } from '../src/delivery/retry-after.js';

const always = (value: number) => () => value;
const justBelowOne = 1 - Number.EPSILON;

describe('delivery: retry delay (backoff with full jitter)', () => {
  it('renders an accessible element', async () => {
    const el = await fixture(html`<values-survey></values-survey>`);
    await expect(el).to.be.accessible();
  });

  it('waits at most about two seconds before the first retry', () => {
    expect(retryDelay(1, undefined, always(justBelowOne))).to.be.at.most(BASE_DELAY_MS);
    expect(retryDelay(1, undefined, always(0.5))).to.equal(1_000);
  });

  it('doubles the ceiling with each retry', () => {
    const ceilings = [1, 2, 3, 4, 5].map((n) => retryDelay(n, undefined, always(justBelowOne)));
    expect(ceilings).to.deep.equal([2_000, 4_000, 8_000, 16_000, 32_000]);
  });

  it('caps the ceiling at five minutes, even for absurd attempt numbers', () => {
    expect(MAX_DELAY_MS).to.equal(300_000);
    for (const n of [9, 10, 50, 2_000, Number.MAX_SAFE_INTEGER]) {
      expect(retryDelay(n, undefined, always(justBelowOne))).to.equal(MAX_DELAY_MS);
    }
  });

  it('spreads delays over the whole range (full jitter)', () => {
    expect(retryDelay(4, undefined, always(0.25))).to.equal(4_000);
    expect(retryDelay(4, undefined, always(0.75))).to.equal(12_000);
  });

  it('never returns less than the minimum, so nothing retries in a tight loop', () => {
    expect(retryDelay(1, undefined, always(0))).to.equal(MIN_DELAY_MS);
    expect(retryDelay(1, 0, always(0))).to.equal(MIN_DELAY_MS);
    expect(retryDelay(1, -5_000, always(0))).to.equal(MIN_DELAY_MS);
  });

  it('treats a nonsense attempt number as the first retry', () => {
    for (const n of [0, -3, Number.NaN]) {
      expect(retryDelay(n, undefined, always(justBelowOne))).to.equal(BASE_DELAY_MS);
    }
  });

  it('keeps out-of-range random numbers within bounds', () => {
    expect(retryDelay(1, undefined, always(7))).to.equal(BASE_DELAY_MS);
    expect(retryDelay(1, undefined, always(-1))).to.equal(MIN_DELAY_MS);
  });

  it("waits at least as long as the server's Retry-After", () => {
    expect(retryDelay(1, 30_000, always(0.5))).to.equal(30_000);
    // The jittered backoff wins when it is longer.
    expect(retryDelay(8, 1_000, always(justBelowOne))).to.equal(256_000);
  });

  it('caps Retry-After at an hour', () => {
    expect(retryDelay(1, 24 * 60 * 60_000, always(0))).to.equal(MAX_RETRY_AFTER_MS);
    expect(retryDelay(1, Number.POSITIVE_INFINITY, always(0))).to.equal(MAX_RETRY_AFTER_MS);
  });

  it('uses Math.random by default, within the bounds', () => {
    for (let i = 0; i < 50; i += 1) {
      expect(retryDelay(3)).to.be.within(MIN_DELAY_MS, 8_000);
    }
  });
});

describe('delivery: reading Retry-After', () => {
  const now = Date.parse('2025-03-01T12:00:00Z');

  it('reads seconds', () => {
    expect(parseRetryAfter('120', now)).to.equal(120_000);
    expect(parseRetryAfter(' 0 ', now)).to.equal(0);
  });

  it('reads an HTTP date relative to now, and a past date as now', () => {
    expect(parseRetryAfter('Sat, 01 Mar 2025 12:01:30 GMT', now)).to.equal(90_000);
    expect(parseRetryAfter('Sat, 01 Mar 2025 11:00:00 GMT', now)).to.equal(0);
  });

  it('ignores a missing or unreadable header', () => {
    for (const value of [null, '', 'soon', '-5', '1.5', 'Someday, 99 Foo']) {
      expect(parseRetryAfter(value, now)).to.equal(undefined);
    }
  });
});
