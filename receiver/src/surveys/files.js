// Survey definitions IT places as files in SURVEYS_DIR: every `*.json` file in the folder (not its
// subfolders) is either a definition, always open, or a wrapper that adds dates:
//
//   { "opensAt": "2026-09-01T09:00:00+01:00", "closesAt": "2026-09-30T23:59:59+01:00",
//     "label": "comms team", "definition": { "id": "tp-values-refresh", "version": "2", ... } }
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SurveyError, checkDates, checkDefinition } from './definitions.js';

const WRAPPER_FIELDS = new Set(['definition', 'opensAt', 'closesAt', 'label']);

/**
 * Reads every definition file in `dir`. A folder that does not exist holds no surveys.
 * @param {string} dir
 * @returns {Promise<{ entries: import('./registry.js').SurveyInput[],
 *   problems: { file: string, message: string }[] }>} what could be used, and each file that
 *   could not (with every reason), so the caller decides whether that stops the receiver.
 */
export async function readSurveyFiles(dir) {
  let names;
  try {
    names = (await readdir(dir, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    if (error.code === 'ENOENT') return { entries: [], problems: [] };
    throw error;
  }
  const entries = [];
  const problems = [];
  for (const name of names) {
    const file = join(dir, name);
    try {
      entries.push(parseSurveyFile(await readFile(file, 'utf8'), file));
    } catch (error) {
      if (!(error instanceof SurveyError)) throw error;
      problems.push({ file, message: error.message });
    }
  }
  return { entries, problems };
}

/**
 * One file's text as a registry input.
 * @param {string} text
 * @param {string} file for messages
 * @returns {import('./registry.js').SurveyInput}
 * @throws {SurveyError}
 */
export function parseSurveyFile(text, file) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    // The widget's parser says where the JSON mistake is (line and column).
    checkDefinition(text);
  }
  const wrapped = data && typeof data === 'object' && 'definition' in data;
  if (wrapped) {
    const unknown = Object.keys(data).filter((key) => !WRAPPER_FIELDS.has(key));
    if (unknown.length) {
      throw new SurveyError(
        `${file}: ${unknown.map((key) => `"${key}"`).join(', ')} is not a field of a survey file ` +
          '(use definition, opensAt, closesAt, label)',
      );
    }
    if (data.label !== undefined && typeof data.label !== 'string') {
      throw new SurveyError(`${file}: label must be text`);
    }
  }
  try {
    const definition = checkDefinition(wrapped ? data.definition : data);
    const dates = wrapped ? checkDates(data) : { opensAt: null, closesAt: null };
    return {
      definition,
      ...dates,
      label: wrapped ? (data.label ?? null) : null,
      source: 'file',
      file,
    };
  } catch (error) {
    if (error instanceof SurveyError) error.message = `${file}: ${error.message}`;
    throw error;
  }
}
