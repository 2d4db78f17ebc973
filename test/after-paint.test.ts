import { expect, waitUntil } from '@open-wc/testing';
import { afterNextPaint } from '../src/flow/after-paint.js';

// Draft saves wait for the next paint (issue 14): the frame that shows a choice comes first.
describe('afterNextPaint', () => {
  it('runs the task after the next animation frame, not in the task that scheduled it', async () => {
    const order: string[] = [];
    afterNextPaint(() => order.push('task'));
    requestAnimationFrame(() => order.push('frame'));
    order.push('scheduled');
    await waitUntil(() => order.length === 3, 'the task did not run', { timeout: 5000 });
    expect(order).to.deep.equal(['scheduled', 'frame', 'task']);
  });

  it('runs the task at once when asked, and then never again', async () => {
    let runs = 0;
    const runNow = afterNextPaint(() => (runs += 1));
    runNow();
    expect(runs).to.equal(1);
    runNow();
    // A frame and a task later, when it would have run of its own accord.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    expect(runs).to.equal(1);
  });

  it('runs the task on a page that paints no frames', async () => {
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
