/**
 * One-at-a-time work: storage transactions in memory, a draft's writes and clears, outbox flushes
 * where the browser has no Web Locks.
 */

/**
 * A queue that runs each task after every task given before it has settled. A task's result,
 * or its failure, reaches only its own caller: one failing does not stop those after it.
 */
export function serialQueue(): <T>(task: () => T | Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}
