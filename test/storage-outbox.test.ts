import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import type { SurveyResponse } from '../src/response/schema.js';
import { STORE_NAME } from '../src/storage/idb.js';
import { rawStore } from './support/raw-store.js';
import {
  createOutboxStore,
  openOutboxStore,
  outboxKey,
  settledKey,
  type OutboxStore,
  type QueuedResponse,
} from '../src/storage/outbox-store.js';
import { captureWarnings, replace, restoreAll } from './support/overrides.js';

// The outbox on real IndexedDB: queued responses survive a reload with their endpoint and any
// refusal, come back oldest first and validated (bare responses from an earlier build included),
// are written with strict durability, and fall back to memory when storage fails.

const T0 = Date.parse('2025-03-01T09:00:00.000Z');
const iso = (time: number) => new Date(time).toISOString();
const raw = rawStore();
const ENDPOINT = 'https://surveys.example.nhs.uk/responses';

const ids: string[] = [];

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

/** A response queued for ENDPOINT. */
function entryFor(completedAt: number): QueuedResponse {
  return { endpoint: ENDPOINT, response: responseFor(completedAt) };
}

/** The outbox is shared by the origin, so each test looks only at what it queued. */
async function mine(outbox: OutboxStore): Promise<QueuedResponse[]> {
  return (await outbox.list()).filter((entry) => ids.includes(entry.response.id));
}

afterEach(async () => {
  await restoreAll();
  for (const id of ids.splice(0)) await raw.delete(outboxKey(id));
});

describe('outbox', () => {
  it('keeps queued responses across a reload and lists them oldest first', async () => {
    const [late, early, middle] = [entryFor(T0 + 3), entryFor(T0 + 1), entryFor(T0 + 2)];
    middle.endpoint = 'https://other.example.nhs.uk/responses';
    const outbox = createOutboxStore();
    for (const entry of [late, early, middle]) await outbox.put(entry);

    const afterReload = createOutboxStore();
    expect(await mine(afterReload)).to.deep.equal([early, middle, late]);
    expect(afterReload.mode).to.equal('idb');

    await afterReload.acknowledge(middle.response.id, 200);
    expect(await mine(createOutboxStore())).to.deep.equal([early, late]);
  });

  it('replaces a response queued again under the same id', async () => {
    const outbox = createOutboxStore();
    const entry = entryFor(T0);
    await outbox.put({ ...entry, refusedStatus: 422 });
    const answers = { fit: { type: 'scale' as const, value: 5 } };
    const again = { endpoint: ENDPOINT, response: { ...entry.response, answers } };
    await outbox.put(again);
    expect(await mine(outbox)).to.deep.equal([again]);
  });

  it('keeps a refusal with the response across a reload, and clears it', async () => {
    const outbox = createOutboxStore();
    const [entry, other] = [entryFor(T0), entryFor(T0 + 1)];
    await outbox.put(entry);
    await outbox.put(other);
    await outbox.markRefused(entry.response.id, 422);
    expect(await mine(createOutboxStore())).to.deep.equal([
      { ...entry, refusedStatus: 422 },
      other,
    ]);
    await outbox.markRefused(entry.response.id);
    expect(await mine(createOutboxStore())).to.deep.equal([entry, other]);
  });

  it('does not queue anything when marking an id that is not queued', async () => {
    const outbox = createOutboxStore();
    const { response } = entryFor(T0);
    await outbox.markRefused(response.id, 400);
    expect(await raw.get(outboxKey(response.id))).to.equal(undefined);
  });

  it('lists a bare response queued by an earlier build with no endpoint, never dropping it', async () => {
    const outbox = createOutboxStore();
    const bare = responseFor(T0);
    await raw.set(outboxKey(bare.id), bare);
    const warnings = captureWarnings();
    expect(await mine(outbox)).to.deep.equal([{ endpoint: '', response: bare }]);
    expect(warnings).to.deep.equal([]);
    // It stays bare until an outbox runner adopts it for its endpoint.
    expect(await raw.get(outboxKey(bare.id))).to.deep.equal(bare);
    await outbox.markRefused(bare.id, 422);
    expect(await raw.get(outboxKey(bare.id))).to.deep.equal(bare);
  });

  it('acknowledges an id that is not queued without complaint', async () => {
    await createOutboxStore().acknowledge(crypto.randomUUID(), 200);
  });

  it('says a response was sent only from a marker with the endpoint status', async () => {
    const outbox = createOutboxStore();
    const sent = entryFor(T0);
    await outbox.put(sent);
    await outbox.acknowledge(sent.response.id, 201);
    expect(await outbox.settled(sent.response.id)).to.equal('sent');
    // A marker without a status was not written by acknowledge(): nothing is claimed as sent.
    const unproven = crypto.randomUUID();
    await raw.set(settledKey(unproven), { how: 'sent' });
    expect(await outbox.settled(unproven)).to.equal(undefined);
    await raw.delete(settledKey(unproven));
    await raw.delete(settledKey(sent.response.id));
  });

  it('drops and removes corrupt records, with a warning for each', async () => {
    const outbox = createOutboxStore();
    const good = entryFor(T0);
    await outbox.put(good);
    const corrupt = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const misfiled = [crypto.randomUUID(), crypto.randomUUID()];
    ids.push(...corrupt, ...misfiled);
    await raw.set(outboxKey(corrupt[0]), { id: corrupt[0], answers: 'lost' });
    const response = { ...responseFor(T0 + 1), id: corrupt[1] };
    await raw.set(outboxKey(corrupt[1]), { endpoint: ENDPOINT, response, refusedStatus: 'no' });
    await raw.set(outboxKey(corrupt[2]), {
      endpoint: '',
      response: { ...response, id: corrupt[2] },
    });
    // A valid record stored under another response's key is not trusted either.
    await raw.set(outboxKey(misfiled[0]), entryFor(T0 + 1));
    await raw.set(outboxKey(misfiled[1]), responseFor(T0 + 1));
    const warnings = captureWarnings();

    expect(await mine(outbox)).to.deep.equal([good]);
    expect(warnings).to.have.length(5);
    for (const [message] of warnings)
      expect(String(message)).to.contain('removed a corrupt response');
    for (const id of [...corrupt, ...misfiled])
      expect(await raw.get(outboxKey(id))).to.equal(undefined);
  });

  it('rejects a response that does not match the schema or has no endpoint, storing nothing', async () => {
    const outbox = createOutboxStore();
    const response = responseFor(T0);
    for (const entry of [
      { endpoint: ENDPOINT, response: { ...response, completedAt: 'just now' } },
      { endpoint: '', response },
    ]) {
      let thrown: unknown;
      try {
        await outbox.put(entry);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).to.be.instanceOf(Error);
      expect(await raw.get(outboxKey(response.id))).to.equal(undefined);
    }
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

    await createOutboxStore().put(entryFor(T0));

    expect(requested).to.deep.include([STORE_NAME, 'readwrite', { durability: 'strict' }]);
    if (durabilities.length) expect(durabilities).to.deep.equal(['strict']);
  });

  it('keeps responses in memory when the disk is full, and says so', async () => {
    const outbox = createOutboxStore();
    replace(IDBObjectStore.prototype, 'put', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const warnings = captureWarnings();
    const entry = entryFor(T0);

    await outbox.put(entry);

    expect(outbox.mode).to.equal('memory');
    expect(warnings).to.have.length(1);
    expect(await mine(outbox)).to.deep.equal([entry]);
    await outbox.markRefused(entry.response.id, 400);
    expect(await mine(outbox)).to.deep.equal([{ ...entry, refusedStatus: 400 }]);
    await outbox.acknowledge(entry.response.id, 200);
    expect(await mine(outbox)).to.deep.equal([]);
  });

  it('keeps responses in memory when IndexedDB refuses to open', async () => {
    const outbox = createOutboxStore();
    replace(indexedDB, 'open', () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    captureWarnings();
    const entry = entryFor(T0);
    await outbox.put(entry);
    expect(outbox.mode).to.equal('memory');
    expect(await mine(outbox)).to.deep.equal([entry]);
  });

  it('is one outbox per page', () => {
    expect(openOutboxStore()).to.equal(openOutboxStore());
  });

  it('the survey is accessible after a response was queued', async () => {
    await openOutboxStore().put(entryFor(T0));
    const el = await fixture(html`<values-survey></values-survey>`);
    await expect(el).to.be.accessible();
  });
});
