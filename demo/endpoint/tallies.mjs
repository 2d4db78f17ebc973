// Per-word keep and remove tallies, for the survey owner's report to the Board:
//
//   { "<surveyId>": { "<surveyVersion>": { "<questionId>": [
//       { "statement": 0, "position": 3, "word": "compassionate", "keep": 5, "remove": 1 }, ...
//   ] } } }
//
// Entries are sorted by statement, then position. Each response counts once per word: if it holds
// two decisions for the same word, the last one counts. Words are told apart by statement and
// position (the same word in two statements is two entries), and by the word itself, so a
// definition edited without a version bump cannot merge two different words into one count.

export function tally(responses) {
  const surveys = new Map();
  for (const response of responses) {
    for (const [questionId, answer] of Object.entries(response.answers ?? {})) {
      if (answer?.type !== 'words' || !Array.isArray(answer.decisions)) continue;
      const latest = new Map();
      for (const decision of answer.decisions) {
        latest.set(`${decision.statement}:${decision.position}`, decision);
      }
      const versions = child(surveys, response.surveyId);
      const questions = child(versions, response.surveyVersion);
      const words = child(questions, questionId);
      for (const { statement, position, word, choice } of latest.values()) {
        const key = JSON.stringify([statement, position, word]);
        let entry = words.get(key);
        if (!entry) {
          entry = { statement, position, word, keep: 0, remove: 0 };
          words.set(key, entry);
        }
        if (choice === 'keep') entry.keep += 1;
        else if (choice === 'remove') entry.remove += 1;
      }
    }
  }
  // Object.fromEntries defines own properties, so ids such as "__proto__" stay plain keys.
  return Object.fromEntries(
    [...surveys].map(([surveyId, versions]) => [
      surveyId,
      Object.fromEntries(
        [...versions].map(([version, questions]) => [
          version,
          Object.fromEntries(
            [...questions].map(([questionId, words]) => [
              questionId,
              [...words.values()].sort(byWord),
            ]),
          ),
        ]),
      ),
    ]),
  );
}

function byWord(a, b) {
  return (
    a.statement - b.statement ||
    a.position - b.position ||
    (a.word < b.word ? -1 : a.word > b.word ? 1 : 0)
  );
}

function child(map, key) {
  let value = map.get(key);
  if (!value) {
    value = new Map();
    map.set(key, value);
  }
  return value;
}
