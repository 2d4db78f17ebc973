/**
 * How answers read to the respondent, as data and plain text: shared by "Check your answers" and
 * the copy of the answers they can download, so the two always say the same thing.
 */
import type {
  Question,
  ScaleQuestion,
  SurveyDefinition,
  WordsQuestion,
} from '../definition/schema.js';
import type { Answer, SurveyResponse, WordDecision } from '../response/schema.js';
import { format, type SurveyStrings } from '../strings.js';
import { tokenize, type WordToken } from './tokenize.js';

/** One token of a statement, with the respondent's decision about its word, if any. */
export interface MarkedToken extends WordToken {
  readonly choice: WordDecision['choice'] | undefined;
}

/**
 * The statements the respondent decided words in, each as its tokens with the decisions marked,
 * in statement order. Decisions that no longer point at their word are left out.
 */
export function markedStatements(
  question: WordsQuestion,
  decisions: readonly WordDecision[],
): MarkedToken[][] {
  return question.statements.flatMap((statement, index) => {
    const mine = decisions.filter((d) => d.statement === index);
    const tokens = tokenize(statement).map((token) => ({
      ...token,
      // A word decided twice keeps the last choice.
      choice: mine.filter((d) => d.position === token.position && d.word === token.word).pop()
        ?.choice,
    }));
    return tokens.some((token) => token.choice) ? [tokens] : [];
  });
}

/** "4 out of 5 (Completely = 5)"; an end point reads "5 out of 5 (Completely)". */
export function scaleText(question: ScaleQuestion, value: number, strings: SurveyStrings) {
  const { min, max, minLabel, maxLabel } = question;
  const text = format(strings.scaleValue, { n: value, min, max });
  const end =
    value === min && minLabel
      ? minLabel
      : value === max && maxLabel
        ? maxLabel
        : maxLabel
          ? format(strings.scaleEnd, { label: maxLabel, n: max })
          : minLabel && format(strings.scaleEnd, { label: minLabel, n: min });
  return end ? `${text} (${end})` : text;
}

/** The option labels of a choice or choices answer, in the order chosen. */
export function choiceLabels(question: Question, answer: Answer): string[] {
  const values =
    answer.type === 'choice' ? [answer.value] : answer.type === 'choices' ? answer.values : [];
  const options = question.type === 'choice' || question.type === 'choices' ? question.options : [];
  return values.map((v) => options.find((o) => o.value === v)?.label ?? v);
}

/**
 * The respondent's answers as a plain-text file anyone can open and read (on a phone too), with
 * the response itself at the end as JSON for the Trust, who can take it in as if it had arrived.
 */
export function answersAsText(
  survey: SurveyDefinition,
  response: SurveyResponse,
  strings: SurveyStrings,
): string {
  const date = new Date(response.completedAt).toLocaleString(survey.lang ?? 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
  });
  const lines = [survey.title, format(strings.fileIntro, { date }), ''];
  for (const question of survey.questions) {
    const answer = response.answers[question.id];
    let text: string[];
    if (!answer) text = [strings.notAnswered];
    else if (answer.type === 'words' && question.type === 'words') {
      text = markedStatements(question, answer.decisions).map((tokens) =>
        tokens
          .map(
            ({ before, word, after, choice }) =>
              `${before}${word}${
                choice ? ` (${choice === 'keep' ? strings.keptMark : strings.removedMark})` : ''
              }${after}`,
          )
          .join(' '),
      );
    } else if (answer.type === 'scale' && question.type === 'scale') {
      text = [scaleText(question, answer.value, strings)];
    } else if (answer.type === 'text') text = [answer.value];
    else text = choiceLabels(question, answer);
    lines.push(question.prompt, ...text, '');
  }
  const contact = survey.contact ? ` (${survey.contact.trim()})` : '';
  lines.push(
    '----',
    format(strings.fileForTrust, { contact }),
    '',
    JSON.stringify(response, null, 2),
  );
  // Windows Notepad and phones both read CRLF; the JSON is unchanged by it.
  return lines.join('\r\n') + '\r\n';
}
