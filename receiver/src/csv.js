// Stored responses as CSV (RFC 4180, CRLF line ends) for the survey owner's spreadsheet, with one
// row per answer value so that a pivot table can count anything without splitting cells:
//
// - a words answer gives a row per word decided (statement, position, word, choice); a word
//   decided twice in one response gives one row, its last choice;
// - a choices answer gives a row per option chosen (value);
// - choice, text and scale answers give one row (value);
// - a response with no answers gives one row with the question empty, so every response is
//   counted.
//
// Every row also says how the response was collected (`collection`: self, kiosk, assisted, paper;
// self for responses sent before the field existed) and the integrity flags the receiver kept
// beside it (`flags`: burst, time, duplicate, joined by commas; empty when none), so a
// spreadsheet can leave flagged responses out or look at them alone.
//
// The file starts with a byte order mark so that Excel reads it as UTF-8. Text that a spreadsheet
// would run as a formula (starting with = + - @, tab or carriage return) is prefixed with a quote.

export const COLUMNS = [
  'id',
  'surveyId',
  'surveyVersion',
  'startedAt',
  'completedAt',
  'question',
  'type',
  'statement',
  'position',
  'word',
  'choice',
  'value',
  'collection',
  'flags',
];

/** The first chunk of the file: byte order mark and header row. */
export function csvHeader() {
  return `\uFEFF${csvLine(COLUMNS)}`;
}

/**
 * The CSV lines (header excluded) for one stored response, with the flags stored beside it
 * (`burst,time`, or null).
 */
export function csvRows(response, flags = null) {
  const fixed = [
    response.id,
    response.surveyId,
    response.surveyVersion,
    response.startedAt,
    response.completedAt,
  ];
  const about = [response.collection ?? 'self', flags ?? ''];
  const lines = [];
  const row = (question, type, { statement, position, word, choice, value } = {}) =>
    lines.push(
      csvLine([...fixed, question, type, statement, position, word, choice, value, ...about]),
    );
  const answers = Object.entries(response.answers ?? {});
  if (answers.length === 0) row('', '');
  for (const [question, answer] of answers) {
    switch (answer.type) {
      case 'words':
        for (const decision of lastDecisions(answer.decisions)) row(question, 'words', decision);
        break;
      case 'choices':
        for (const value of answer.values) row(question, 'choices', { value });
        break;
      default:
        row(question, answer.type, { value: answer.value });
    }
  }
  return lines.join('');
}

/** One decision per word (the last one made), in statement and word order. */
function lastDecisions(decisions) {
  const latest = new Map();
  for (const decision of decisions)
    latest.set(`${decision.statement}:${decision.position}`, decision);
  return [...latest.values()].sort((a, b) => a.statement - b.statement || a.position - b.position);
}

function csvLine(cells) {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** One CSV cell: formula-guarded if text, then quoted if it holds a quote, comma or line break. */
export function csvCell(value) {
  if (value === undefined || value === null) return '';
  // Numbers (a scale answer of -1) are data, not formulas; only text is guarded.
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
