/**
 * Every piece of text the widget itself writes, in en-GB. Override any of them with the `strings`
 * property or a `strings` block in the definition. `{name}` placeholders are filled in by `format`.
 */
export const DEFAULT_STRINGS = {
  // Flow
  start: 'Start',
  continue: 'Continue',
  back: 'Back',
  progress: 'Question {n} of {total}',
  optional: '(optional)',
  // Before an option that clears the others (`exclusive`), as GOV.UK's checkboxes do.
  or: 'or',
  checkTitle: 'Check your answers',
  checkIntro: 'You can change any answer before you send it.',
  change: 'Change',
  changeAnswerTo: 'your answer to: {prompt}',
  notAnswered: 'Not answered',
  submit: 'Submit',
  // The confirmation's heading when the definition has no `confirmation.title`. What happens
  // next is the survey's own text (`confirmation.body`), so there is no generic body.
  confirmationTitle: 'Thank you',
  whatHappensNext: 'What happens next',
  startAgain: 'Start again',
  submitFailed:
    'Your answers could not be submitted because of a problem on this device. They are still here: press Submit to try again.',
  // Validation
  errorSummaryTitle: 'There is a problem',
  // A required question left unanswered, unless it has its own `errorMessage`; {prompt} is its
  // prompt. The same wording as errorMessageFor() in definition/defaults.ts.
  errorRequiredChoice: 'Select an answer to "{prompt}"',
  errorRequiredChoices: 'Select an answer to "{prompt}"',
  errorRequiredText: 'Enter an answer to "{prompt}"',
  errorRequiredScale: 'Select an answer to "{prompt}"',
  errorRequiredWords: 'Keep or remove at least one word in "{prompt}"',
  errorTooLong: 'Your answer must be {max} characters or fewer',
  charactersLeft: 'You have {n} characters remaining',
  characterLeft: 'You have 1 character remaining',
  charactersOver: 'You have {n} characters too many',
  characterOver: 'You have 1 character too many',
  // Scale
  // A scale answer on Check your answers: "4 out of 5 (Completely = 5)".
  scaleValue: '{n} out of {max}',
  scaleEnd: '{label} = {n}',
  // Words
  keep: 'Keep',
  remove: 'Remove',
  clear: 'Clear',
  wordKept: '{word}, kept',
  wordRemoved: '{word}, removed',
  wordChoiceLabel: 'Keep or remove "{word}"',
  statementLabel: 'Statement {n}',
  wordsTally: 'You have kept {kept} and removed {removed}.',
  wordsNone: 'You have not chosen any words yet.',
  wordCountOne: '1 word',
  wordCountOther: '{n} words',
  // Check your answers shows each statement with its decided words marked.
  checkWordsKey: 'Words you kept are underlined. Words you removed are crossed out.',
  keptMark: 'kept',
  removedMark: 'removed',
  noWordsChosen: 'No words chosen',
  errorPrefix: 'Error:',
  // The words' keyboard help: shown above a statement while one of its words has keyboard
  // focus, and the words group's description. It names every key the words support.
  wordsKeyboardHint:
    'Use the left and right arrow keys to move between the words of a statement, and Home or End to go to its first or last word. Press Enter or Space to keep or remove a word, or press K to keep it, R to remove it, or Delete or Backspace to clear your choice. Escape closes the choice. Tab goes to the next statement.',
  // Definition errors (for editors)
  definitionErrorTitle: 'This survey cannot be shown',
  definitionErrorIntro:
    'The survey definition has a problem. Please tell the person who looks after this page.',
  definitionNotFound: 'The survey definition could not be loaded from {url} (status {status}).',
  definitionUnreachable: 'The survey definition could not be loaded from {url}: {reason}.',
  definitionTimeout: 'The survey definition at {url} took longer than {seconds} seconds to load.',
  definitionNotJson: 'The survey definition is not valid JSON: {reason}.',
  // A page that names its survey never falls back to another (the embed markers name theirs).
  definitionMissing:
    'The survey "{survey}" is named here but its definition is missing: an editor may have removed its address (src).',
  definitionNotNamed:
    "This place for a survey does not say which survey: give it the survey's address (src).",
  definitionWrongSurvey:
    'The survey "{survey}" is named here but its definition is for "{id}": check its address (src).',
  loading: 'Loading the survey…',
  // Drafts
  clearAnswers: 'Clear my answers',
  clearConfirm: 'This removes every answer you have given from this device. Are you sure?',
  clearConfirmUnsent:
    'This also removes answers completed earlier on this device that have not been sent yet.',
  downloadFirst: 'Download them first',
  clearConfirmYes: 'Yes, clear my answers',
  clearConfirmNo: 'No, keep my answers',
  cleared: 'Your answers have been cleared from this device.',
  resumed: 'Welcome back. We kept your answers.',
  storageUnavailable:
    'Your answers cannot be saved on this device, so they will be lost if you close this page.',
  draftDiscarded: 'Some answers saved earlier could not be used, so the survey has started again.',
  draftUpdatedElsewhere: 'Your answers were updated in another tab.',
  draftTooLarge:
    'Your answers are too long to keep on this device, so changes will be lost if you close this page.',
  draftExpired: 'Answers you saved more than {days} days ago have been removed.',
  draftKept:
    'You started before your saved answers had loaded, so we kept your new answers. Nothing you entered has been lost.',
  // Delivery
  noEndpoint: 'This is a preview. Answers cannot be sent from this page.',
  sending: 'Sending your answers…',
  sent: 'Your answers have been sent.',
  savedOffline:
    'Your answers are saved on this device and will be sent automatically when you are back online. If you close this page, they will be sent the next time you open it.',
  retrying:
    "We could not reach the Trust's server yet. Your answers are saved on this device and we will keep trying.",
  // A refusal: the endpoint said no (a 4xx other than 408, 409, 425 or 429). Never a status code.
  notSentTitle: 'Your answers have not been sent',
  notAccepted:
    "The Trust's survey system did not accept your answers. They are still saved on this device.",
  refusedContact:
    'Try again. If that does not work, download your answers and send the file to {contact}.',
  refusedNoContact:
    'Try again. If that does not work, download your answers so you have a copy, and tell the Trust that the survey did not work.',
  tryAgain: 'Try again',
  earlierNotAccepted:
    'Answers completed earlier on this device were not accepted. They are still saved here.',
  endpointInvalid:
    'This survey cannot send answers: its endpoint "{endpoint}" is not a web address (it must start with https:// or http://).',
  endpointCredentials:
    'This survey cannot send answers: its endpoint "{endpoint}" contains a user name or password, which browsers refuse to send.',
  downloadAnswers: 'Download my answers',
  // The downloaded copy of the answers: a text file ({date} is when they were completed).
  fileIntro: 'Your answers, completed {date}',
  fileForTrust:
    'For the Trust{contact}: below are the same answers as the survey sends them. Please keep everything below this line as it is.',
  wordName: '{word}, word {n} of {statement}',
  // The start page, coming back after Submit, and kiosk mode (issue 23)
  // {minutes} is the definition's estimatedMinutes, else an estimate from its questions.
  startTime: 'It takes about {minutes} minutes.',
  startTimeOne: 'It takes about 1 minute.',
  startAnonymous:
    'You do not need to give your name. Your answers are kept on this device until they are sent to the Trust.',
  // In kiosk mode (a shared tablet) answers are never kept for the next person.
  startKiosk:
    'You do not need to give your name. This device is shared: your answers are cleared when you finish or stop for a few minutes.',
  startContact: 'Questions about this survey: {contact}.',
  privacyLink: "Read the Trust's privacy notice",
  // Coming back after Submit: {time} is when the answers were completed, in local time.
  returnWaiting:
    "Your answers from {time} are saved on this device and will be sent when the Trust's server can be reached.",
  returnSent: 'Your answers from {time} were received.',
  // {time} on another day: "14:02 on 5 December".
  timeOnDay: '{time} on {day}',
  startNew: 'Start a new response',
  // Kiosk mode: after the confirmation, and after a few minutes without input.
  nextPerson: 'Next person',
  kioskReturn: 'This screen goes back to the start in {seconds} seconds.',
  kioskIdleTitle: 'Are you still there?',
  kioskIdle: 'Your answers will be cleared in {seconds} seconds.',
  kioskStillHere: 'I am still here',
} satisfies Record<string, string>;

/** The widget's own text, keyed by purpose. */
export type SurveyStrings = typeof DEFAULT_STRINGS;
export type StringKey = keyof SurveyStrings;

/** Fills `{name}` placeholders. Unknown placeholders are left visible so a typo is noticed. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}

/**
 * Merges overrides over the defaults, later ones winning. Unknown keys and non-string values
 * are ignored (with a warning), so a stale override can never blank the survey.
 */
export function mergeStrings(
  ...overrides: (Partial<Record<string, unknown>> | undefined)[]
): SurveyStrings {
  const merged: SurveyStrings = { ...DEFAULT_STRINGS };
  for (const override of overrides) {
    if (!override) continue;
    for (const [key, value] of Object.entries(override)) {
      if (key in DEFAULT_STRINGS && typeof value === 'string' && value.trim() !== '') {
        merged[key as StringKey] = value;
      } else {
        console.warn(`values-survey: ignored string override "${key}" (unknown key or not text).`);
      }
    }
  }
  return merged;
}

/** "1 word" or "3 words". */
export function wordCount(strings: SurveyStrings, n: number): string {
  return n === 1 ? strings.wordCountOne : format(strings.wordCountOther, { n });
}
