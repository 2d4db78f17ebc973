import { expect, waitUntil } from '@open-wc/testing';
import { afterNextPaint } from '../src/support/after-paint.js';
import { whileHidden } from './support/schedulers.js';

// Draft saves wait for the next paint (issue 14): the frame that shows a choice comes first.
describe('afterNextPaint', () => {
  /** A task queued after what `afterNextPaint` queued just before (same kind, same delay). */
  const afterItsTurn = () =>
    new Promise<void>((resolve) =>
      requestAnimationFrame(() =>
        typeof requestIdleCallback === 'function'
          ? requestIdleCallback(() => resolve(), { timeout: 500 })
          : setTimeout(resolve),
      ),
    );

  it('runs the task after an animation frame, never in the task or microtasks that scheduled it', async () => {
    let frames = 0;
    let counting = true;
    const count = () => {
      frames += 1;
      if (counting) requestAnimationFrame(count);
    };
    requestAnimationFrame(count);
    const scheduledAt = performance.now();
    let ranAt: { frames: number; elapsed: number } | undefined;
    afterNextPaint(() => (ranAt = { frames, elapsed: performance.now() - scheduledAt }));
    await Promise.resolve();
    expect(ranAt, 'ran in the same task').to.equal(undefined);
    await waitUntil(() => ranAt, 'the task did not run', { timeout: 5000 });
    counting = false;
    // After a frame; only a frame that took longer than the 500 ms fallback comes later.
    if (ranAt!.elapsed < 500) expect(ranAt!.frames).to.be.at.least(1);
  });

  it('runs the task at once when asked, and then never again', async () => {
    let runs = 0;
    const runNow = afterNextPaint(() => (runs += 1));
    runNow();
    expect(runs).to.equal(1);
    runNow();
    await afterItsTurn();
    expect(runs).to.equal(1);
  });

  it('on a hidden page, which paints no frames, runs the task in the next task', async () => {
    let ran = false;
    whileHidden(() => afterNextPaint(() => (ran = true)));
    await new Promise((resolve) => setTimeout(resolve));
    expect(ran).to.equal(true);
  });

  it('runs the task on a visible page whose frames never come', async () => {
    const frames = window.requestAnimationFrame;
    window.requestAnimationFrame = () => 0;
    try {
      let ran = false;
      afterNextPaint(() => (ran = true));
      await waitUntil(() => ran, 'the task waited for a frame that never came', {
        timeout: 5000,
      });
    } finally {
      window.requestAnimationFrame = frames;
    }
  });
});
