/**
 * Work that must happen soon but not before the respondent sees the result of what they did,
 * such as saving their draft: run after the browser has painted the next frame.
 */

/** How long a visible page may go without a frame before the work runs anyway. */
const FRAME_WAIT_MS = 500;

/**
 * Calls `task` once, in a task of its own after the next frame is painted, when the browser is
 * idle (or {@link FRAME_WAIT_MS} after that frame, if it is never idle). A hidden page paints
 * no frames, so there it runs in the next task; and it never waits more than
 * {@link FRAME_WAIT_MS} for a frame that does not come. Returns a function that runs `task` now
 * if it has not run yet (for when the page is being hidden or the work is needed at once).
 */
export function afterNextPaint(task: () => void): () => void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    task();
  };
  const timer = setTimeout(run, document.visibilityState === 'hidden' ? 0 : FRAME_WAIT_MS);
  // Called in an animation frame, a callback runs once that frame's paint is done; an idle one
  // also lets the browser finish what it was doing first (WebKit has no idle callbacks).
  requestAnimationFrame(() =>
    typeof requestIdleCallback === 'function'
      ? requestIdleCallback(run, { timeout: FRAME_WAIT_MS })
      : setTimeout(run),
  );
  return run;
}
