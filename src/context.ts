/** Contexts the survey element provides to the parts rendered inside it. */
import { createContext } from '@lit/context';
import type { SurveyStrings } from './strings.js';

/** The merged strings (defaults, definition, property) in force for this survey. */
export const stringsContext = createContext<SurveyStrings>(Symbol('values-survey-strings'));
