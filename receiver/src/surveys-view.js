// What the hosted page and the check route need to know about one survey, read through the
// survey registry (`app.surveys`, decorated by the surveys module) when the receiver has one.

/**
 * @typedef {object} SurveyView
 * @property {boolean} known The receiver holds this survey.
 * @property {boolean} open It accepts responses now.
 * @property {string} [title]
 * @property {string} [version]
 * @property {string} message In words, for the editor or the respondent.
 */

/**
 * @param {import('fastify').FastifyInstance} app
 * @param {string} id
 * @param {{ version?: string, now?: Date }} [options]
 * @returns {Promise<SurveyView | undefined>} undefined when the receiver keeps no registry.
 */
export async function viewSurvey(app, id, { version, now = new Date() } = {}) {
  const surveys = app.hasDecorator('surveys') ? app.surveys : undefined;
  if (!surveys) return undefined;
  const entry = await surveys.get(id, version);
  if (!entry) {
    return {
      known: false,
      open: false,
      message: version
        ? `This receiver has no version "${version}" of the survey "${id}".`
        : `This receiver has no survey "${id}": publish it to the receiver first.`,
    };
  }
  const definition = entry.definition ?? entry;
  const surveyVersion = entry.version ?? definition.version;
  const state = await surveys.state(id, surveyVersion, now);
  const open = isOpen(state);
  return {
    known: true,
    open,
    title: definition.title,
    version: surveyVersion,
    message: messageFor(id, state, entry),
  };
}

/** Dates are the Trust's local dates. */
const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});

function messageFor(id, state, entry) {
  const name = typeof state === 'object' ? state?.state : state;
  if (typeof state === 'object' && state?.message) return state.message;
  if (isOpen(state)) return `The survey "${id}" is open for responses.`;
  if (name === 'closed' && entry.closesAt) {
    return `This survey closed on ${DATE.format(new Date(entry.closesAt))}.`;
  }
  if (name === 'not-yet-open' && entry.opensAt) {
    return `This survey opens on ${DATE.format(new Date(entry.opensAt))}.`;
  }
  return `The survey "${id}" is not open for responses now.`;
}

/** The registry's state as a yes or no, whether it answers with a word or an object. */
function isOpen(state) {
  if (typeof state === 'string') return state === 'open';
  if (typeof state === 'boolean') return state;
  if (state && typeof state === 'object') {
    if (typeof state.open === 'boolean') return state.open;
    if (typeof state.state === 'string') return state.state === 'open';
  }
  return false;
}
