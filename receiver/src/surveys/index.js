// The survey registry and its checks: one entry point for the rest of the receiver (the HTTP
// routes are in routes/surveys.js).
export { openRegistry, compareVersions } from './registry.js';
export { SurveyError, checkDefinition, checkDates } from './definitions.js';
