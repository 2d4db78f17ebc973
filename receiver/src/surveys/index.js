// The survey registry and what uses it: one entry point for the rest of the receiver.
export { openRegistry, compareVersions } from './registry.js';
export { SurveyError, checkDefinition, checkDates } from './definitions.js';
export { surveyRoutes, publishRoutes, versionUrl } from './routes.js';
