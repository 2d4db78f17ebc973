import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import { replace, restoreAll } from './support/overrides.js';
import { byRole } from './support/queries.js';
import { root, sampleDefinition } from './support/fixtures.js';
import type { ValuesSurvey } from '../src/values-survey.js';

// Issue 14: the way to the first paint holds only rendering. Opening IndexedDB, the channel
// between tabs and the history entry each cost a phone milliseconds, so they come after it.
describe('the way to the first paint', () => {
  afterEach(restoreAll);

  it('opens no storage, channel or history entry before the survey is first painted, and all of them after', async () => {
    const opened: string[] = [];
    const open = IDBFactory.prototype.open;
    replace(IDBFactory.prototype, 'open', function (this: IDBFactory, ...args) {
      opened.push(`IndexedDB ${args[0]}`);
      return open.apply(this, args);
    });
    const Channel = window.BroadcastChannel;
    replace(
      window,
      'BroadcastChannel',
      class extends Channel {
        constructor(name: string) {
          super(name);
          opened.push('channel');
        }
      },
    );
    const historyLength = history.length;
    const stateBefore = JSON.stringify(history.state);
    const el = document.createElement('values-survey') as ValuesSurvey;
    el.definition = sampleDefinition();
    el.setAttribute('endpoint', '/never-called');
    document.body.append(el);
    try {
      await el.updateComplete;
      byRole(root(el), 'button', 'Start');
      // Rendered in this task; the first paint comes after it.
      expect(opened).to.deep.equal([]);
      expect(JSON.stringify(history.state)).to.equal(stateBefore);
      await waitUntil(() => !el.restoring, 'the saved answers were never read');
      expect(opened).to.include('IndexedDB values-survey');
      expect(opened).to.include('channel');
      await waitUntil(
        () => (history.state as Record<string, unknown> | null)?.['values-survey'],
        'no history entry was written',
      );
      expect(history.length).to.equal(historyLength);
    } finally {
      el.remove();
    }
  });
});
