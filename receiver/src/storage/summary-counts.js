// When the count tables (summary-counts-sqlite.js, summary-counts-postgres.js) take in the
// responses stored since: on a timer while the receiver is idle, and for whatever is left when
// a summary is asked for. Never in the POST request: a POST only stores its row, and the timer
// costs one cheap query per tick (how far the counts are behind: it grows while responses
// arrive).

/** Responses counted per transaction: small enough that one batch never holds the loop long. */
export const FOLD_BATCH = 250;
/** How often the timer looks for responses not counted yet. */
export const FOLD_INTERVAL_MS = 2000;
/** While responses keep arriving the timer waits, but never longer than this. */
export const FOLD_MAX_WAIT_MS = 60_000;

/**
 * @param {{ behind: () => Promise<number> | number,
 *   fold: (limit: number) => Promise<number> | number,
 *   intervalMs?: number, maxWaitMs?: number,
 *   log?: { warn(obj: object, msg: string): void } }} counts
 */
export function countInBackground({
  behind,
  fold,
  intervalMs = FOLD_INTERVAL_MS,
  maxWaitMs = FOLD_MAX_WAIT_MS,
  log,
}) {
  let running = null;
  let closed = false;
  let seen = 0;
  let waitingSince = null;

  /** Counts every response not counted yet, a batch at a time, letting requests run between. */
  const catchUp = () =>
    (running ??= (async () => {
      try {
        while (!closed && (await fold(FOLD_BATCH)) > 0) {
          await new Promise((resolve) => setImmediate(resolve));
        }
      } finally {
        running = null;
      }
    })());

  const tick = async () => {
    if (running || closed) return;
    const now = await behind();
    // More than after the last look: responses are arriving. Count when they pause (the POSTs
    // keep the machine), unless they have not paused for maxWaitMs.
    const arriving = now > seen;
    seen = now;
    if (now === 0) {
      waitingSince = null;
      return;
    }
    waitingSince ??= Date.now();
    if (arriving && Date.now() - waitingSince < maxWaitMs) return;
    waitingSince = null;
    await catchUp();
    // Whatever arrived while counting shows as arriving at the next look.
    seen = 0;
  };

  const timer = setInterval(() => {
    tick().catch((error) => {
      log?.warn({ err: { message: error.message, code: error.code } }, 'responses not counted');
    });
  }, intervalMs);
  timer.unref();

  return {
    /** Counts everything stored so far (the summary calls it before reading the tables). */
    catchUp,
    /** Stops the timer and waits for a batch under way. */
    async close() {
      closed = true;
      clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}
