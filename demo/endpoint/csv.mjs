// Stored responses as CSV (RFC 4180, CRLF line ends) for the survey owner's spreadsheet:
// one header row; one row per response; the fixed fields first, then one column per question id
// seen across the responses, in the order first seen.
//
// Cells: words answers read "kept: caring compassionate; removed: respect" (in statement and word
// order; a word decided twice counts its last choice), choices are joined with "; ", other answers
// are their value. Text that a spreadsheet would run as a formula (starting with = + - @, tab or
// carriage return) is prefixed with a single quote.

export const FIXED_COLUMNS = ['id', 'surveyId', 'surveyVersion', 'startedAt', 'completedAt'];

export function toCsv(responses) {
  const questionIds = [];
  const seen = new Set();
  for (const response of responses) {
    for (const questionId of Object.keys(response.answers ?? {})) {
      if (!seen.has(questionId)) {
        seen.add(questionId);
        questionIds.push(questionId);
      }
    }
  }
  const rows = [[...FIXED_COLUMNS, ...questionIds]];
  for (const response of responses) {
    const answers = response.answers ?? {};
    rows.push([
      ...FIXED_COLUMNS.map((column) => response[column]),
      ...questionIds.map((id) => (Object.hasOwn(answers, id) ? formatAnswer(answers[id]) : '')),
    ]);
  }
  return rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}

export function formatAnswer(answer) {
  switch (answer?.type) {
    case 'words': {
      const latest = new Map();
      for (const decision of answer.decisions ?? []) {
        latest.set(`${decision.statement}:${decision.position}`, decision);
      }
      const ordered = [...latest.values()].sort(
        (a, b) => a.statement - b.statement || a.position - b.position,
      );
      const words = (choice) =>
        ordered.filter((decision) => decision.choice === choice).map((decision) => decision.word);
      const kept = words('keep');
      const removed = words('remove');
      return [
        kept.length ? `kept: ${kept.join(' ')}` : '',
        removed.length ? `removed: ${removed.join(' ')}` : '',
      ]
        .filter(Boolean)
        .join('; ');
    }
    case 'choices':
      return (answer.values ?? []).join('; ');
    case 'choice':
    case 'text':
    case 'scale':
      return answer.value;
    default:
      return answer === undefined ? '' : JSON.stringify(answer);
  }
}

/** One CSV cell: formula-guarded if text, then quoted if it holds a quote, comma or line break. */
export function csvCell(value) {
  if (value === undefined || value === null) return '';
  // Numbers (a scale answer of -1) are data, not formulas; only text is guarded.
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
