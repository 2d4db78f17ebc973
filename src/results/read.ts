/**
 * Reads what the receiver serves or exports (a JSON array, or JSON Lines: one response per line)
 * into valid responses and a list of the records that could not be used, each with where it was
 * and why. Nothing is dropped silently; only text that is neither format at all is an error.
 */
import { checkResponse, type SurveyResponse } from './schema.js';

/** A record that is not a usable response. */
export interface InvalidResponse {
  /** Where it was: "line 12" (JSON Lines) or "item 3" (JSON array), counting from 1. */
  where: string;
  /** The response id, when the record has one. */
  id?: string;
  /** Why it was not counted, in plain words. */
  reason: string;
}

export interface ReadResult {
  responses: SurveyResponse[];
  invalid: InvalidResponse[];
}

/** The text is not responses at all (say, an HTML page or a spreadsheet). */
export class ReadError extends Error {
  override name = 'ReadError';
}

const idOf = (value: unknown): string | undefined =>
  value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string'
    ? (value as { id: string }).id
    : undefined;

/** Parses `text` as a JSON array of responses or as JSON Lines, then validates every record. */
export function readResponses(text: string): ReadResult {
  const body = text.replace(/^\uFEFF/, '').trim();
  const records: { where: string; value: unknown; error?: string }[] = [];
  if (body === '') return { responses: [], invalid: [] };
  if (body.startsWith('[')) {
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      throw new ReadError(`This is not a valid JSON list of responses (${error.message}).`);
    }
    (data as unknown[]).forEach((value, index) =>
      records.push({ where: `item ${index + 1}`, value }),
    );
  } else if (body.startsWith('{')) {
    body.split('\n').forEach((line, index) => {
      if (line.trim() === '') return;
      try {
        records.push({ where: `line ${index + 1}`, value: JSON.parse(line) });
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
        records.push({ where: `line ${index + 1}`, value: undefined, error: 'is not JSON' });
      }
    });
    // One line that is an object but not a response would be caught below; a pretty-printed
    // single object spans lines and fails every line, which says the format is wrong instead.
    if (records.length > 1 && records.every((r) => r.error)) {
      throw new ReadError('This is neither a JSON list of responses nor JSON Lines.');
    }
  } else {
    throw new ReadError(
      'This is neither a JSON list of responses nor JSON Lines (it does not start with [ or {).',
    );
  }

  const responses: SurveyResponse[] = [];
  const invalid: InvalidResponse[] = [];
  const seen = new Map<string, string>();
  for (const { where, value, error } of records) {
    const id = idOf(value);
    if (error) {
      invalid.push({ where, reason: error });
      continue;
    }
    const checked = checkResponse(value);
    if (!checked.ok) {
      invalid.push({ where, ...(id ? { id } : {}), reason: checked.reason });
      continue;
    }
    const first = seen.get(checked.response.id);
    if (first) {
      invalid.push({ where, id, reason: `repeats the response at ${first} (same id)` });
      continue;
    }
    seen.set(checked.response.id, where);
    responses.push(checked.response);
  }
  return { responses, invalid };
}
