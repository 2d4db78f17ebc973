import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import type { SurveyResponse } from '../src/response/schema.js';
import { openIdbStore, STORE_NAME } from '../src/storage/idb.js';
import {
  createOutboxStore,
  openOutboxStore,
  outboxKey,
  type OutboxStore,
} from '../src/storage/outbox-store.js';

// The outbox on real IndexedDB: queued responses survive a reload, come back oldest first and
// validated, are written with strict durability, and fall back to memory when storage fails.

const T0 = Date.parse('2025-03-01T09:00:00.000Z');
const iso = (time: number) => new Date(time).toISOString();
const raw = openIdbStore();

const ids: string[] = [];
const restores: (() => unknown)[] = [];

function responseFor(completedAt: number): SurveyResponse {
  const id = crypto.randomUUID();
  ids.push(id);
  return {
    id,
    surveyId: 'tp-values-refresh',
    surveyVersion: '1',
    startedAt: iso(T0),
    completedAt: iso(completedAt),
    answers: { connection: { type: 'choices', values: ['staff'] } },
    client: { widget: 'values-survey', version: '0.1.0' },
  };
}

/** The outbox is shared by the origin, so each test looks only at what it queued. */
async function mine(outbox: OutboxStore): Promise<SurveyResponse[]> {
  return (await outbox.list()).filter((response) => ids.includes(response.id));
}

function captureWarnings(): unknown[][] {
  const warnings: unknown[][] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args);
  restores.push(() => (console.warn = original));
  return warnings;
}

function replace<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): void {
  const original = target[key];
  target[key] = value;
  restores.push(() => (target[key] = original));
}

afterEach(async () => {
  while (restores.length) restores.pop()!();
  for (const id of ids.splice(0)) await raw.delete(outboxKey(id));
});

describe('outbox', () => {
  it('keeps queued responses across a reload and lists them oldest first', async () => {
    const [late, early, middle] = [responseFor(T0 + 3), responseFor(T0 + 1), responseFor(T0 + 2)];
    const outbox = createOutboxStore();
    for (const response of [late, early, middle]) await outbox.put(response);

    const afterReload = createOutboxStore();
    expect(await mine(afterReload)).to.deep.equal([early, middle, late]);
    expect(afterReload.mode).to.equal('idb');

    await afterReload.remove(middle.id);
    expect(await mine(createOutboxStore())).to.deep.equal([early, late]);
  });

  it('replaces a response queued again under the same id', async () => {
    const outbox = createOutboxStore();
    const response = responseFor(T0);
    await outbox.put(response);
    const again = { ...response, answers: { fit: { type: 'scale' as const, value: 5 } } };
    await outbox.put(again);
    expect(await mine(outbox)).to.deep.equal([again]);
  });

  it('removes an id that is not queued without complaint', async () => {
    await createOutboxStore().remove(crypto.randomUUID());
  });

  it('drops and removes corrupt records, with a warning for each', async () => {
    const outbox = createOutboxStore();
    const good = responseFor(T0);
    await outbox.put(good);
    const [corruptId, misfiledUnder] = [crypto.randomUUID(), crypto.randomUUID()];
    ids.push(corruptId, misfiledUnder);
    await raw.set(outboxKey(corruptId), { id: corruptId, answers: 'lost' });
    // A valid response stored under another response's key is not trusted either.
    await raw.set(outboxKey(misfiledUnder), responseFor(T0 + 1));
    const warnings = captureWarnings();

    expect(await mine(outbox)).to.deep.equal([good]);
    expect(warnings).to.have.length(2);
    for (const [message] of warnings)
      expect(String(message)).to.contain('removed a corrupt response');
    expect(await raw.get(outboxKey(corruptId))).to.equal(undefined);
    expect(await raw.get(outboxKey(misfiledUnder))).to.equal(undefined);
  });

  it('rejects a response that does not match the response schema, storing nothing', async () => {
    const outbox = createOutboxStore();
    const response = { ...responseFor(T0), completedAt: 'just now' };
    let thrown: unknown;
    try {
      await outbox.put(response);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).to.be.instanceOf(Error);
    expect(await raw.get(outboxKey(response.id))).to.equal(undefined);
  });

  it('asks for strict durability when queuing', async () => {
    const requested: unknown[][] = [];
    const durabilities: string[] = [];
    const transaction = IDBDatabase.prototype.transaction;
    replace(IDBDatabase.prototype, 'transaction', function (
      this: IDBDatabase,
      ...args: Parameters<typeof transaction>
    ) {
      requested.push(args);
      const tx = transaction.apply(this, args);
      // Where the browser implements durability, it reports what it granted.
      if ('durability' in tx) durabilities.push(tx.durability);
      return tx;
    } as typeof transaction);

    await createOutboxStore().put(responseFor(T0));

    expect(requested).to.deep.include([STORE_NAME, 'readwrite', { durability: 'strict' }]);
    if (durabilities.length) expect(durabilities).to.deep.equal(['strict']);
  });

  it('keeps responses in memory when the disk is full, and says so', async () => {
    const outbox = createOutboxStore();
    replace(IDBObjectStore.prototype, 'put', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const warnings = captureWarnings();
    const response = responseFor(T0);

    await outbox.put(response);

    expect(outbox.mode).to.equal('memory');
    expect(warnings).to.have.length(1);
    expect(await mine(outbox)).to.deep.equal([response]);
    await outbox.remove(response.id);
    expect(await mine(outbox)).to.deep.equal([]);
  });

  it('keeps responses in memory when IndexedDB refuses to open', async () => {
    const outbox = createOutboxStore();
    replace(indexedDB, 'open', () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    captureWarnings();
    const response = responseFor(T0);
    await outbox.put(response);
    expect(outbox.mode).to.equal('memory');
    expect(await mine(outbox)).to.deep.equal([response]);
  });

  it('is one outbox per page', () => {
    expect(openOutboxStore()).to.equal(openOutboxStore());
  });

  it('the survey is accessible after a response was queued', async () => {
    const outbox = openOutboxStore();
    const response = responseFor(T0);
    await outbox.put(response);
    const el = await fixture(html`<values-survey></values-survey>`);
    await expect(el).to.be.accessible();
  });
});
