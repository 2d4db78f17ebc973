// A repeatable mutation pass (`npm run mutants`): each mutant is one deliberate fault in storage,
// delivery or the session's rules. For each, the script writes the fault into the source, runs
// the test files that should notice it (Chromium only: the faults are in logic, not in an
// engine), restores the file, and records whether the tests failed ("killed") or passed
// ("survived": the suite would not have noticed that bug). It prints a table and the score, and
// writes test-results/mutants.json.
//
//   npm run mutants                 every mutant
//   npm run mutants -- outbox-wait  the mutants whose id contains "outbox-wait"
//
// It runs in a temporary git worktree of the last commit (HEAD), never in your working tree, so
// your uncommitted changes are neither tested nor touched; commit first. A mutant whose `find`
// text is no longer in its file fails the run ("stale"): update it with the code, so the pass
// keeps testing what it says. Takes about 20 s a mutant on a quiet two-core machine.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * @typedef {object} Mutant
 * @property {string} id
 * @property {string} file
 * @property {string} find Exact text, once in the file.
 * @property {string} replace
 * @property {string} tests Test files (a glob for web-test-runner) that should fail.
 * @property {string} fault What the respondent would suffer.
 */

/** @type {Mutant[]} */
const MUTANTS = [
  {
    id: 'outbox-wait-unreachable',
    file: 'src/delivery/outbox.ts',
    find: 'if (failed?.state) {',
    replace: 'if (false) {',
    tests: 'test/delivery-outbox.test.ts',
    fault: 'an unreachable endpoint is tried once per queued response in every pass',
  },
  {
    id: 'send-409-not-delivered',
    file: 'src/delivery/send.ts',
    find: '|| status === 409) return',
    replace: ') return',
    tests: 'test/delivery-send.test.ts',
    fault: 'a 409 (already stored) is refused instead of delivered',
  },
  {
    id: 'send-html-2xx-acknowledges',
    file: 'src/delivery/send.ts',
    find: "if (outcome === 'delivered' && reply.status < 300 && isWebPage(reply)) return unreachable();",
    replace: '',
    tests: 'test/delivery-send.test.ts',
    fault: "a Wi-Fi login page's 200 counts as the endpoint's acknowledgement",
  },
  {
    id: 'send-redirect-followed-as-answer',
    file: 'src/delivery/send.ts',
    find: "if (reply.type === 'opaqueredirect' || isRedirect(reply.status)) return unreachable();",
    replace: '',
    tests: 'test/delivery-send.test.ts',
    fault: 'a redirect (captive portal) is taken as an answer',
  },
  {
    id: 'backoff-ignores-retry-after',
    file: 'src/delivery/backoff.ts',
    find: 'if (retryAfterMs === undefined || !(retryAfterMs > 0)) return',
    replace: 'if (true) return',
    tests: 'test/{delivery-backoff,delivery-outbox}.test.ts',
    fault: "the server's Retry-After is ignored",
  },
  {
    id: 'outbox-store-sent-without-status',
    file: 'src/storage/outbox-store.ts',
    find: "if (how === 'sent') return Number.isInteger(fieldOf(marker, 'status')) ? how : undefined;",
    replace: "if (how === 'sent') return how;",
    tests: 'test/storage-outbox.test.ts',
    fault: 'a marker without the endpoint status counts as delivered',
  },
  {
    id: 'drafts-resurrect-submitted',
    file: 'src/storage/drafts.ts',
    find: 'if ((await tx.get(submitted)) !== undefined) return;',
    replace: '',
    tests: 'test/{storage-drafts,drafts,submit}.test.ts',
    fault: 'a draft written after Submit brings submitted answers back for a second id',
  },
  {
    id: 'drafts-overwrite-later-tab',
    file: 'src/storage/drafts.ts',
    find: 'written = stored === undefined || compareChanges(stored, mine) <= 0;',
    replace: 'written = true;',
    tests: 'test/{storage-drafts,drafts}.test.ts',
    fault: "another tab's later answers are overwritten by older ones",
  },
  {
    id: 'drafts-never-expire',
    file: 'src/storage/drafts.ts',
    find: 'return time !== undefined && this.#now() - time > this.#maxAgeMs;',
    replace: 'return false;',
    tests: 'test/{storage-drafts,drafts}.test.ts',
    fault: 'drafts are kept for ever on a shared computer',
  },
  {
    id: 'session-refusal-of-another-survey-is-earlier',
    file: 'src/session/after-submit.ts',
    find: "delivery.state === 'refused' && !deliveries.submittedHere(id)",
    replace: "delivery.state === 'refused'",
    tests: 'test/{delivery-two-surveys,lifecycle,session-core}.test.ts',
    fault: "another survey's refusal on this visit is shown as an earlier visit's",
  },
  {
    id: 'answers-required-ignored',
    file: 'src/flow/answers.ts',
    find: 'if (question.required && !hasContent(answer)) {',
    replace: 'if (false) {',
    tests: 'test/{flow,session}.test.ts',
    fault: 'a required question can be skipped',
  },
  {
    id: 'answers-blank-text-counts',
    file: 'src/flow/answers.ts',
    find: "return answer.value.trim() !== '';",
    replace: 'return true;',
    tests: 'test/{flow,session,respondent}.test.ts',
    fault: 'a text answer of spaces counts as an answer',
  },
  {
    id: 'answers-too-long-accepted',
    file: 'src/flow/answers.ts',
    find: "if (answer?.type === 'text' && answer.value.length > maxLengthOf(question)) {",
    replace: 'if (false) {',
    tests: 'test/{flow,session,respondent}.test.ts',
    fault: 'a text over its limit goes forward',
  },
];

const only = process.argv[2];
const chosen = only ? MUTANTS.filter((mutant) => mutant.id.includes(only)) : MUTANTS;
if (chosen.length === 0) {
  console.error(`No mutant id contains "${only}".`);
  process.exit(2);
}

const here = resolve('.');
const work = mkdtempSync(join(tmpdir(), 'values-survey-mutants-'));
execFileSync('git', ['worktree', 'add', '--detach', '--quiet', work, 'HEAD']);
symlinkSync(join(here, 'node_modules'), join(work, 'node_modules'));
let child;
const cleanUp = () => {
  child?.kill('SIGKILL');
  execFileSync('git', ['worktree', 'remove', '--force', work]);
  rmSync(work, { recursive: true, force: true });
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

/** Runs the mutant's tests in the worktree; resolves with the runner's exit code. */
function runTests(tests) {
  return new Promise((done) => {
    child = spawn('npx', ['web-test-runner'], {
      cwd: work,
      env: { ...process.env, BROWSERS: 'chromium', TEST_FILES: tests, CI: '' },
      stdio: 'ignore',
    });
    child.on('exit', (code) => done(code ?? 1));
  });
}

const results = [];
try {
  for (const mutant of chosen) {
    const file = join(work, mutant.file);
    const original = readFileSync(file, 'utf8');
    const at = original.indexOf(mutant.find);
    if (at < 0 || original.indexOf(mutant.find, at + 1) >= 0) {
      results.push({ ...mutant, result: 'stale' });
      console.log(`${mutant.id}: STALE (its text is not exactly once in ${mutant.file})`);
      continue;
    }
    writeFileSync(file, original.replace(mutant.find, mutant.replace));
    const code = await runTests(mutant.tests);
    writeFileSync(file, original);
    const result = code === 0 ? 'survived' : 'killed';
    results.push({ ...mutant, result });
    console.log(`${mutant.id}: ${result.toUpperCase()} (${mutant.tests})`);
  }
} finally {
  cleanUp();
}

const killed = results.filter((r) => r.result === 'killed').length;
const stale = results.filter((r) => r.result === 'stale').length;
const score = Math.round((killed / (results.length - stale || 1)) * 100);
console.log('');
console.log('| mutant | fault | tests | result |');
console.log('| --- | --- | --- | --- |');
for (const r of results) console.log(`| ${r.id} | ${r.fault} | \`${r.tests}\` | ${r.result} |`);
console.log('');
console.log(
  `${killed} of ${results.length - stale} killed (${score}%)${stale ? `, ${stale} stale` : ''}`,
);
mkdirSync('test-results', { recursive: true });
writeFileSync(
  'test-results/mutants.json',
  JSON.stringify({ killed, total: results.length, stale, score, results }, null, 2),
);
process.exit(stale || killed < results.length ? 1 : 0);
