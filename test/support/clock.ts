/**
 * A device clock that is wrong: replaces `Date` only (timers and `performance.now` keep real
 * time, as on a device whose clock is set wrongly or corrected while the page is open).
 */
import { onRestore } from './overrides.js';

/** Shifts `Date` by `offsetMs` (negative: slow) until the test's overrides are restored. */
export function shiftClock(offsetMs: number): void {
  const RealDate = globalThis.Date;
  class ShiftedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offsetMs);
      else super(...(args as [string | number]));
    }
    static override now(): number {
      return RealDate.now() + offsetMs;
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor;
  onRestore(() => (globalThis.Date = RealDate));
}
