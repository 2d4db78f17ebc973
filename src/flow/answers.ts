/** Pure answer logic: what counts as answered, what is wrong with an answer, how to summarise it. */
import { DEFAULT_TEXT_MAX_LENGTH, type Question } from '../definition/schema.js';
import type { Answer, Answers } from '../response/schema.js';
import { format, type SurveyStrings } from '../strings.js';

/** Whether an answer says anything (an empty text or an empty selection does not). */
export function hasContent(answer: Answer | undefined): answer is Answer {
  if (!answer) return false;
  switch (answer.type) {
    case 'words':
      return answer.decisions.length > 0;
    case 'choices':
      return answer.values.length > 0;
    case 'text':
      return answer.value.trim() !== '';
    case 'choice':
    case 'scale':
      return true;
  }
}

/** Returns answers with `questionId` set, or removed when the answer is empty. Never mutates. */
export function withAnswer(
  answers: Answers,
  questionId: string,
  answer: Answer | undefined,
): Answers {
  const others = Object.entries(answers).filter(([id]) => id !== questionId);
  return Object.fromEntries(hasContent(answer) ? [...others, [questionId, answer]] : others);
}

export function maxLengthOf(question: Question): number {
  return question.type === 'text' ? (question.maxLength ?? DEFAULT_TEXT_MAX_LENGTH) : Infinity;
}

const REQUIRED_MESSAGE: Record<Question['type'], keyof SurveyStrings> = {
  words: 'errorRequiredWords',
  choice: 'errorRequiredChoice',
  choices: 'errorRequiredChoices',
  text: 'errorRequiredText',
  scale: 'errorRequiredScale',
};

/** The error message for this answer to this question, or undefined when it can go forward. */
export function validateAnswer(
  question: Question,
  answer: Answer | undefined,
  strings: SurveyStrings,
): string | undefined {
  if (question.required && !hasContent(answer)) {
    return (
      question.errorMessage ??
      format(strings[REQUIRED_MESSAGE[question.type]], { prompt: question.prompt })
    );
  }
  if (answer?.type === 'text' && answer.value.length > maxLengthOf(question)) {
    return format(strings.errorTooLong, { max: maxLengthOf(question) });
  }
  return undefined;
}

/** "You have 12 characters remaining", or how many too many. */
export function characterCountMessage(strings: SurveyStrings, length: number, max: number) {
  const left = max - length;
  if (left === 1) return strings.characterLeft;
  if (left >= 0) return format(strings.charactersLeft, { n: left });
  if (left === -1) return strings.characterOver;
  return format(strings.charactersOver, { n: -left });
}
