// Generates valid responses to a survey definition, deterministically from a seed, and counts
// what it generated as it goes: the independent count the results tests check the report
// against, cell by cell. Used by `npm run demo:fill`, the results bench and the screenshot
// script. Pure: pass it the definition and the widget's tokenize function.

/** A small, fast, seedable random number generator (mulberry32). */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuid(rand) {
  const hex = () => Math.floor(rand() * 16).toString(16);
  const part = (n) => Array.from({ length: n }, hex).join('');
  const variant = '89ab'[Math.floor(rand() * 4)];
  return `${part(8)}-${part(4)}-4${part(3)}-${variant}${part(3)}-${part(12)}`;
}

/** A number in [0, 1) fixed for a string, so each word leans the same way in every run. */
function hash(text) {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0), 16777619);
  return (h >>> 0) / 4294967296;
}

const TEXTS = [
  'Kindness',
  'Respect for every patient',
  'Curiosity and openness',
  'Listening to people with lived experience',
  'Courage',
  'Fairness and equality',
  'Hope',
  '=1+1 should stay text',
  'Trust, honesty and warmth',
  'Being there when it matters',
];

const emptyCounts = () => ({ count: 0, answered: {}, words: {}, options: {}, scale: {}, text: {} });

function bump(counts, questionId, key, field) {
  const question = (counts.words[questionId] ??= {});
  const cell = (question[key] ??= { kept: 0, removed: 0 });
  cell[field] += 1;
}

/**
 * Returns `{ responses, expected }`. `expected.all` and `expected.groups["questionId=value"]`
 * each hold `count`, `answered[questionId]` (people who decided at least one word of a words
 * question: every share's n), `words[questionId]["statement:position"] = { kept, removed }`,
 * `options[questionId][value]`, `scale[questionId][value]` and `text[questionId]` (answers).
 */
export function generateResponses({
  definition,
  tokenize,
  count,
  seed = 1,
  start = '2026-06-01T09:00:00.000Z',
  days = 30,
  widgetVersion = '0.1.0',
}) {
  const rand = random(seed);
  const responses = [];
  const expected = { all: emptyCounts(), groups: {} };
  const groupQuestion = definition.questions.find(
    (q) => q.type === 'choice' || q.type === 'choices',
  );
  const startTime = Date.parse(start);

  for (let n = 0; n < count; n++) {
    const answers = {};
    const groups = [];
    // Choice questions first: a respondent's group changes how they treat the words.
    for (const q of definition.questions) {
      if (q.type !== 'choice' && q.type !== 'choices') continue;
      if (!q.required && rand() < 0.1) continue;
      // Earlier options more often (more patients and staff than alumni), like the real mix.
      const pick = () =>
        q.options[Math.min(q.options.length - 1, Math.floor(rand() ** 1.6 * q.options.length))]
          .value;
      if (q.type === 'choice') {
        answers[q.id] = { type: 'choice', value: pick() };
      } else {
        const values = [pick()];
        if (rand() < 0.2) {
          const second = pick();
          if (!values.includes(second)) values.push(second);
        }
        answers[q.id] = { type: 'choices', values };
      }
      const chosen = q.type === 'choice' ? [answers[q.id].value] : answers[q.id].values;
      for (const value of chosen) groups.push(`${q.id}=${value}`);
    }
    const primary =
      groupQuestion && answers[groupQuestion.id]
        ? (answers[groupQuestion.id].value ?? answers[groupQuestion.id].values[0])
        : '';
    const sets = [expected.all, ...groups.map((g) => (expected.groups[g] ??= emptyCounts()))];
    for (const set of sets) set.count += 1;
    for (const [questionId, answer] of Object.entries(answers)) {
      const values = answer.type === 'choice' ? [answer.value] : answer.values;
      for (const set of sets) {
        const options = (set.options[questionId] ??= {});
        for (const v of values) options[v] = (options[v] ?? 0) + 1;
      }
    }

    for (const q of definition.questions) {
      if (q.type === 'words') {
        if (rand() < 0.15) continue; // skipped the question
        const excluded = new Set((q.exclude ?? []).map((w) => w.toLocaleLowerCase('en-GB')));
        const decisions = [];
        const final = new Map();
        q.statements.forEach((statement, s) => {
          for (const token of tokenize(statement)) {
            if (!token.word || excluded.has(token.word.toLocaleLowerCase('en-GB'))) continue;
            const lean = hash(`${q.id} ${token.word} ${primary}`);
            const interest = hash(`${token.word} interest`);
            // Most people decide a handful of words (about 20 of the 250 here), a few decide many.
            if (rand() > interest * 0.16) continue;
            const choice = rand() < lean ? 'keep' : 'remove';
            // Now and then a respondent changes their mind: the first choice is sent, then the last.
            if (rand() < 0.05) {
              decisions.push({
                statement: s,
                position: token.position,
                word: token.word,
                choice: choice === 'keep' ? 'remove' : 'keep',
              });
            }
            decisions.push({ statement: s, position: token.position, word: token.word, choice });
            final.set(`${s}:${token.position}`, choice);
          }
        });
        if (!decisions.length) continue;
        answers[q.id] = { type: 'words', decisions };
        for (const set of sets) {
          set.answered[q.id] = (set.answered[q.id] ?? 0) + 1;
          for (const [key, choice] of final) {
            bump(set, q.id, key, choice === 'keep' ? 'kept' : 'removed');
          }
        }
      } else if (q.type === 'scale') {
        if (!q.required && rand() < 0.1) continue;
        const value = q.min + Math.floor(rand() * (q.max - q.min + 1));
        answers[q.id] = { type: 'scale', value };
        for (const set of sets) {
          const points = (set.scale[q.id] ??= {});
          points[value] = (points[value] ?? 0) + 1;
        }
      } else if (q.type === 'text') {
        if (rand() < 0.6) continue;
        const value = TEXTS[Math.floor(rand() * TEXTS.length)];
        answers[q.id] = { type: 'text', value };
        for (const set of sets) (set.text[q.id] ??= []).push(value);
      }
    }

    const completed = startTime + Math.floor(rand() * days * 86_400_000);
    responses.push({
      id: uuid(rand),
      surveyId: definition.id,
      surveyVersion: definition.version,
      startedAt: new Date(completed - 60_000 - Math.floor(rand() * 900_000)).toISOString(),
      completedAt: new Date(completed).toISOString(),
      answers,
      client: { widget: 'values-survey', version: widgetVersion },
    });
  }
  return { responses, expected };
}
