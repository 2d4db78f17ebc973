// RETENTION_DAYS: deletes responses received more than that many days ago, at start and then once
// a day. Received time is the receiver's clock, never the respondent's device. Each deleted
// response leaves a tombstone (its id, survey and version, when and why: no answers), so a device
// that was offline for longer than the retention period and sends it again is answered 409
// "already received" and nothing is stored again.

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * @param {{ store: import('./storage/store.js').Store, days: number,
 *   log: { info(obj: object, msg: string): void, warn(obj: object, msg: string): void },
 *   now?: () => number }} options
 * @returns {{ run(): Promise<number>, stop(): void }}
 */
export function startRetention({ store, days, log, now = Date.now }) {
  async function run() {
    const before = new Date(now() - days * DAY_MS);
    try {
      const deleted = await store.deleteReceivedBefore(before);
      log.info(
        { event: 'retention', deleted, before: before.toISOString() },
        'retention: old responses deleted (their ids kept as tombstones)',
      );
      return deleted;
    } catch (error) {
      // The next day's run tries again; the receiver keeps receiving meanwhile.
      log.warn({ err: { message: error.message, code: error.code } }, 'retention: not run');
      return 0;
    }
  }
  const first = run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return {
    run: async () => {
      await first;
      return run();
    },
    stop: () => clearInterval(timer),
  };
}
