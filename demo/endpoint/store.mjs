// The demo endpoint's durable store: an append-only JSON Lines file, `<dataDir>/responses.jsonl`,
// one stored response per line, loaded on start into a Map keyed by response id.
//
// - Plain Node (fs/promises): installs with `npm install` on Node 20, no native build step.
// - `add()` resolves only after the line has been appended and fsynced, so the endpoint's 201 means
//   the response is on disk.
// - Every write goes through one promise chain, so writes never interleave and the "have we got
//   this id?" check and the write happen as one step: concurrent identical POSTs store one line.
// - A line that cannot be read back (the torn end of a write cut off by a crash or power cut) is
//   skipped with a warning, and the next append starts on a fresh line so it is not glued to it.
// - A response is never stored twice: a repeated id is refused, and an id that somehow appears on
//   more than one line (a write whose fsync failed, then retried) is loaded once.
import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const FILE_NAME = 'responses.jsonl';

/**
 * Opens (creating if needed) the store in `dataDir`.
 * @returns {Promise<{ add(response: object): Promise<boolean>, has(id: string): boolean,
 *   all(): object[], readonly size: number, readonly path: string, close(): Promise<void> }>}
 */
export async function openStore(dataDir) {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, FILE_NAME);
  const { records, endsWithNewline, existed } = await load(path);
  const handle = await open(path, 'a');
  // A new file's directory entry must be on disk too, or a crash can lose the whole file.
  if (!existed) await syncDirectory(dataDir);

  let needsNewline = !endsWithNewline;
  let queue = Promise.resolve();
  let closed = false;

  /** Stores `response` unless its id is already stored. Resolves true if stored, false if not. */
  function add(response) {
    const result = queue.then(async () => {
      if (closed) throw new Error('The response store is closed.');
      if (records.has(response.id)) return false;
      const json = JSON.stringify(response);
      const line = `${needsNewline ? '\n' : ''}${json}\n`;
      // Until this append is known to be complete, assume it might have been torn.
      needsNewline = true;
      await handle.appendFile(line, 'utf8');
      needsNewline = false;
      await handle.sync();
      // Keep exactly what a restart would read back from the file.
      records.set(response.id, JSON.parse(json));
      return true;
    });
    // A failed write must not block the ones after it; the caller still sees the failure.
    queue = result.catch(() => {});
    return result;
  }

  return {
    add,
    has: (id) => records.has(id),
    all: () => [...records.values()],
    get size() {
      return records.size;
    },
    path,
    async close() {
      closed = true;
      await queue;
      await handle.close();
    },
  };
}

async function load(path) {
  let text;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
    return { records: new Map(), endsWithNewline: true, existed: false };
  }
  const records = new Map();
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let record;
    try {
      record = JSON.parse(line);
    } catch {
      const where = index === lines.length - 1 ? 'the last line' : `line ${index + 1}`;
      console.warn(
        `values-survey demo: skipping ${where} of ${path}: it is not complete JSON ` +
          `(a write cut off by a crash?): ${JSON.stringify(line.slice(0, 80))}`,
      );
      return;
    }
    if (typeof record?.id !== 'string') {
      console.warn(`values-survey demo: skipping line ${index + 1} of ${path}: it has no id`);
      return;
    }
    if (!records.has(record.id)) records.set(record.id, record);
  });
  return { records, endsWithNewline: text === '' || text.endsWith('\n'), existed: true };
}

async function syncDirectory(dir) {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Not every platform can fsync a directory (Windows cannot open one); the file itself is synced.
  } finally {
    await handle?.close();
  }
}
