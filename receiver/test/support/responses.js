// Helpers for the receiver tests: valid responses, POSTing them as the widget does, reading CSV.
import { randomUUID } from 'node:crypto';

/**
 * A valid response to the built-in survey (tp-values-refresh version 1), which every test receiver
 * accepts: its word decisions name real words at their positions. `overrides` replace top-level
 * fields; `support/surveys/` holds the other surveys test receivers accept.
 */
export function makeResponse(overrides = {}) {
  const completedAt = new Date();
  const startedAt = new Date(completedAt.getTime() - 5 * 60_000);
  return {
    id: randomUUID(),
    surveyId: 'tp-values-refresh',
    surveyVersion: '1',
    startedAt: startedAt.toISOString(),
    completedAt: completedAt.toISOString(),
    answers: {
      values: {
        type: 'words',
        decisions: [
          { statement: 1, position: 4, word: 'compassionate', choice: 'keep' },
          { statement: 2, position: 5, word: 'quality', choice: 'remove' },
        ],
      },
      connection: { type: 'choices', values: ['staff'] },
      fit: { type: 'scale', value: 4 },
    },
    client: { widget: 'values-survey', version: '0.1.0' },
    ...overrides,
  };
}

/** A words answer from `[statement, position, word, choice]` tuples. */
export function words(...decisions) {
  return {
    type: 'words',
    decisions: decisions.map(([statement, position, word, choice]) => ({
      statement,
      position,
      word,
      choice,
    })),
  };
}

/**
 * POSTs `body` (an object is sent as JSON) as the widget does: JSON content type and
 * Idempotency-Key set to the body's id, unless `headers` says otherwise (null removes a header).
 */
export function post(server, body, headers = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const all = {
    'Content-Type': 'application/json',
    'Idempotency-Key': typeof body === 'object' ? body.id : undefined,
    ...headers,
  };
  const sent = Object.fromEntries(Object.entries(all).filter(([, value]) => value != null));
  return fetch(`${server.url}/responses`, { method: 'POST', headers: sent, body: text });
}

/** GET with the results token (`server.token`) unless `token` says otherwise (null: none). */
export function get(server, path, { token = server.token, method = 'GET' } = {}) {
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  return fetch(`${server.url}${path}`, { method, headers });
}

export async function getJson(server, path) {
  const res = await get(server, path);
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Every stored response, by id order, read with the token. */
export async function storedById(server) {
  const list = await getJson(server, '/responses');
  return list.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Parses RFC 4180 CSV into rows of cells. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += char;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
