// What the hosted page and the check route need to know about one survey, read through the
// survey registry (`app.surveys`).
import { notOpenSentence } from './surveys/wording.js';

/**
 * @typedef {object} SurveyView
 * @property {boolean} known The receiver holds this survey.
 * @property {boolean} open It accepts responses now.
 * @property {string} [title]
 * @property {string} [version]
 * @property {string} message In words, for the editor or the respondent.
 */

/**
 * @param {import('./surveys/registry.js').Registry} registry
 * @param {string} id
 * @param {{ version?: string, now?: Date }} [options]
 * @returns {Promise<SurveyView>}
 */
export async function viewSurvey(registry, id, { version, now = new Date() } = {}) {
  const entry = await registry.get(id, version);
  if (!entry) {
    return {
      known: false,
      open: false,
      message: version
        ? `This receiver has no version "${version}" of the survey "${id}".`
        : `This receiver has no survey "${id}": publish it to the receiver first.`,
    };
  }
  const state = registry.stateOf(entry, now);
  return {
    known: true,
    open: state === 'open',
    title: entry.definition.title,
    version: entry.version,
    message: notOpenSentence(entry, state) ?? `The survey "${id}" is open for responses.`,
  };
}
