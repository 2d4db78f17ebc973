// Checks a response's answers against the survey definition it names, as the widget would have
// built them: each answer's question exists and has that type; choices are among the options;
// a scale value is in its range; a text answer within the question's limit; each word decision
// names a word the widget shows as a chip, at its position, in its statement (with the widget's
// own tokenizer, `values-survey/text/tokenize`). The schema has already checked the shapes.
//
// What a response cannot be checked for (it is the respondent's to give) is not checked: that
// required questions are answered (the widget enforces it, but a definition may change its mind).

let tokenizer;
try {
  tokenizer = await import('values-survey/text/tokenize');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  throw new Error(
    'values-survey-receiver: cannot load the tokenizer from the values-survey package ' +
      '(dist/esm/text/tokenize.js). In this repository, build it first: `npm run build`.',
    { cause: error },
  );
}

/** The widget's default limit for a text question without `maxLength`. */
const DEFAULT_TEXT_MAX_LENGTH = 1000;

/**
 * @param {{ answers: Record<string, any> }} response valid against the response schema
 * @param {object} definition the SurveyDefinition the response names
 * @returns {{ path: string, message: string }[]} every problem; none when the answers fit
 */
export function checkAnswers(response, definition) {
  const questions = new Map(definition.questions.map((question) => [question.id, question]));
  const problems = [];
  for (const [id, answer] of Object.entries(response.answers)) {
    const at = `answers.${id}`;
    const question = questions.get(id);
    if (!question) {
      problems.push({
        path: at,
        message: `is not a question of survey "${definition.id}" version "${definition.version}"`,
      });
      continue;
    }
    if (answer.type !== question.type) {
      problems.push({
        path: `${at}.type`,
        message: `must be "${question.type}" for this question`,
      });
      continue;
    }
    problems.push(...CHECKS[question.type](answer, question, at));
  }
  return problems;
}

const CHECKS = {
  words(answer, question, at) {
    const problems = [];
    const chips = chipsOf(question);
    // A word decided twice is allowed: the last choice counts (the response contract).
    answer.decisions.forEach((decision, index) => {
      const where = `${at}.decisions[${index}]`;
      const statement = chips[decision.statement];
      if (!statement) {
        problems.push({
          path: `${where}.statement`,
          message: `must be below ${chips.length} (the question has ${chips.length} statements)`,
        });
        return;
      }
      const word = statement.get(decision.position);
      if (word === undefined) {
        problems.push({
          path: `${where}.position`,
          message: `is not the position of a word that can be chosen in statement ${decision.statement}`,
        });
        return;
      }
      if (decision.word !== word) {
        problems.push({
          path: `${where}.word`,
          message: `must be ${JSON.stringify(word)}, the word at position ${decision.position} of statement ${decision.statement}`,
        });
      }
    });
    return problems;
  },

  choice(answer, question, at) {
    return isOption(question, answer.value)
      ? []
      : [{ path: `${at}.value`, message: optionsMessage(question) }];
  },

  choices(answer, question, at) {
    const problems = [];
    const seen = new Set();
    answer.values.forEach((value, index) => {
      if (!isOption(question, value)) {
        problems.push({ path: `${at}.values[${index}]`, message: optionsMessage(question) });
      } else if (seen.has(value)) {
        problems.push({ path: `${at}.values[${index}]`, message: 'is chosen twice' });
      }
      seen.add(value);
    });
    return problems;
  },

  text(answer, question, at) {
    const max = question.maxLength ?? DEFAULT_TEXT_MAX_LENGTH;
    return answer.value.length > max
      ? [{ path: `${at}.value`, message: `must be at most ${max} characters long` }]
      : [];
  },

  scale(answer, question, at) {
    return answer.value < question.min || answer.value > question.max
      ? [{ path: `${at}.value`, message: `must be from ${question.min} to ${question.max}` }]
      : [];
  },
};

/** Per statement, position → word for every token the widget shows as a chip. Cached. */
const chipCache = new WeakMap();
function chipsOf(question) {
  let chips = chipCache.get(question);
  if (!chips) {
    const excluded = new Set(
      (question.exclude ?? []).map(tokenizer.normalizeWord).filter((word) => word !== ''),
    );
    chips = question.statements.map(
      (statement) =>
        new Map(
          tokenizer
            .tokenize(statement)
            .filter(
              (token) => token.word !== '' && !excluded.has(tokenizer.normalizeWord(token.word)),
            )
            .map((token) => [token.position, token.word]),
        ),
    );
    chipCache.set(question, chips);
  }
  return chips;
}

function isOption(question, value) {
  return question.options.some((option) => option.value === value);
}

function optionsMessage(question) {
  const values = question.options.map((option) => JSON.stringify(option.value));
  return `must be one of ${values.join(', ')}`;
}
