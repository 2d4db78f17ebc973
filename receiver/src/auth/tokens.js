// Bearer tokens and their rights: which token may read, erase, publish or see the metrics.
//
// Tokens come from a tokens file (TOKENS_FILE), one token a line, several valid at once so that a
// token can be rotated with no gap (add the new line, move the callers over, remove the old line):
//
//   # label        rights          token (at least 32 characters, e.g. openssl rand -base64 32)
//   board-reports  read            9pQ0Vh2m0d4W1iQm0b8d2Y0o1y7QdJkB3cRr2f5o8Ws=
//   dpo            read,erase      …
//   cms-publisher  publish         …
//
// The file is re-read when it changes (polled every second) and, before a token is refused, once
// more if it changed since: a new token works as soon as its line is saved, a removed one stops
// within a second or two. A file that cannot be read or has a wrong line keeps the last good set
// (and the error is logged). RESULTS_TOKEN, for simple setups, is one more token with the read
// right only, labelled `RESULTS_TOKEN`.
//
// Tokens are held only as SHA-256 digests, looked up by digest: the lookup takes the same time
// whatever the token's characters, and a token is never logged, only its label.
import { createHash } from 'node:crypto';
import { readFileSync, statSync, unwatchFile, watchFile } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';

/** Shortest token accepted: a guessable token would open every answer to anyone. */
export const MIN_TOKEN_LENGTH = 32;

/** The rights a token can carry. */
export const RIGHTS = Object.freeze(['read', 'erase', 'publish', 'metrics']);

/** The label RESULTS_TOKEN is known by in the audit log. */
export const RESULTS_TOKEN_LABEL = 'RESULTS_TOKEN';

const LABEL = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
// RFC 6750's b64token: anything else could never arrive in an Authorization: Bearer header.
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
const MAX_TOKEN_LENGTH = 512;
const MIN_DISTINCT_CHARACTERS = 8;
const POLL_MS = 1000;

/**
 * @typedef {object} TokenEntry
 * @property {string} label Names the token in logs and replies; the token itself never appears.
 * @property {ReadonlySet<string>} rights Some of RIGHTS.
 * @property {string} digest SHA-256 of the token, hex.
 */

/** Hex SHA-256 of a token. */
export function digestToken(token) {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Why `token` is not acceptable, or undefined if it is. `name` says where it came from.
 * @returns {string | undefined}
 */
export function tokenProblem(token, name) {
  if (token.length < MIN_TOKEN_LENGTH) {
    return (
      `${name} must be at least ${MIN_TOKEN_LENGTH} characters long (got ${token.length}; ` +
      'for example: openssl rand -base64 32)'
    );
  }
  if (token.length > MAX_TOKEN_LENGTH) {
    return `${name} must be at most ${MAX_TOKEN_LENGTH} characters long`;
  }
  if (!B64TOKEN.test(token)) {
    return `${name} may hold only letters, digits and - . _ ~ + / (then = padding), as a Bearer token can`;
  }
  if (new Set(token).size < MIN_DISTINCT_CHARACTERS) {
    return `${name} repeats too few characters to be random (for example: openssl rand -base64 32)`;
  }
  return undefined;
}

/**
 * Parses a tokens file. Problems name the line and label, never a token's characters.
 * @param {string} text
 * @returns {{ entries: TokenEntry[], problems: string[] }}
 */
export function parseTokens(text, source = 'TOKENS_FILE') {
  const entries = [];
  const problems = [];
  const labels = new Set();
  const digests = new Set();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const where = `${source} line ${index + 1}`;
    const fields = line.split(/\s+/);
    if (fields.length !== 3) {
      problems.push(`${where}: expected "label rights token", got ${fields.length} fields`);
      return;
    }
    const [label, rightsText, token] = fields;
    if (!LABEL.test(label)) {
      problems.push(`${where}: the label must be letters, digits, . _ - (up to 64)`);
      return;
    }
    const rights = rightsText.split(',');
    const unknown = rights.filter((right) => !RIGHTS.includes(right));
    if (unknown.length) {
      problems.push(
        `${where} (${label}): unknown right "${unknown[0]}"; rights are ${RIGHTS.join(', ')}`,
      );
      return;
    }
    const problem = tokenProblem(token, `${where} (${label}): the token`);
    if (problem) {
      problems.push(problem);
      return;
    }
    const digest = digestToken(token);
    if (labels.has(label)) problems.push(`${where}: the label ${label} is used twice`);
    else if (digests.has(digest)) problems.push(`${where} (${label}): this token is used twice`);
    else {
      labels.add(label);
      digests.add(digest);
      entries.push({ label, rights: new Set(rights), digest });
    }
  });
  return { entries, problems };
}

/** The read-only entry for RESULTS_TOKEN. */
export function resultsTokenEntry(token) {
  return { label: RESULTS_TOKEN_LABEL, rights: new Set(['read']), digest: digestToken(token) };
}

/**
 * Reads and checks the token settings at start (synchronously, so that readConfig can list every
 * problem at once).
 * @param {{ resultsToken?: string, tokensFile?: string }} settings
 * @returns {string[]} problems
 */
export function checkTokenSettings({ resultsToken, tokensFile }) {
  const problems = [];
  if (resultsToken) {
    const problem = tokenProblem(resultsToken, 'RESULTS_TOKEN');
    if (problem) problems.push(problem);
  }
  if (tokensFile) {
    let text;
    try {
      text = readFileSync(tokensFile, 'utf8');
    } catch (error) {
      problems.push(`TOKENS_FILE: cannot read ${tokensFile} (${error.code ?? error.message})`);
    }
    if (text !== undefined) {
      const parsed = parseTokens(text);
      problems.push(...parsed.problems);
      if (
        resultsToken &&
        parsed.entries.some((entry) => entry.digest === digestToken(resultsToken))
      ) {
        problems.push('RESULTS_TOKEN is also in TOKENS_FILE: give each token one line');
      }
    }
  }
  return problems;
}

/**
 * The tokens valid now, kept up to date with the tokens file.
 * @param {{ resultsToken?: string, tokensFile?: string,
 *   log?: { info: Function, error: Function }, pollMs?: number }} options
 */
export function createTokenRegistry({ resultsToken, tokensFile, log, pollMs = POLL_MS }) {
  const fixed = resultsToken ? [resultsTokenEntry(resultsToken)] : [];
  /** @type {Map<string, TokenEntry>} */
  let byDigest = new Map();
  let stamp;
  let reloading;

  const install = (entries) => {
    byDigest = new Map([...fixed, ...entries].map((entry) => [entry.digest, entry]));
  };
  const stampOf = (info) => `${info.ino}:${info.size}:${info.mtimeMs}`;

  install([]);
  if (tokensFile) {
    // At start the file was checked by readConfig; a problem now still stops the receiver.
    stamp = stampOf(statSync(tokensFile));
    const { entries, problems } = parseTokens(readFileSync(tokensFile, 'utf8'));
    if (problems.length) throw new Error(`values-survey-receiver: ${problems.join('; ')}`);
    install(entries);
  }

  /** Re-reads the tokens file if it changed since the last read; one read at a time. */
  function reloadIfChanged() {
    if (!tokensFile) return Promise.resolve();
    reloading ??= (async () => {
      try {
        const now = stampOf(await stat(tokensFile));
        if (now === stamp) return;
        const text = await readFile(tokensFile, 'utf8');
        const { entries, problems } = parseTokens(text);
        if (problems.length) {
          log?.error({ problems }, 'tokens file not reloaded: the last good tokens stay valid');
          stamp = now;
          return;
        }
        stamp = now;
        install(entries);
        log?.info(
          { labels: entries.map((entry) => entry.label) },
          'tokens file reloaded: these labels are valid',
        );
      } catch (error) {
        log?.error(
          { err: { message: error.message, code: error.code } },
          'tokens file not readable: the last good tokens stay valid',
        );
      } finally {
        reloading = undefined;
      }
    })();
    return reloading;
  }

  if (tokensFile) watchFile(tokensFile, { interval: pollMs, persistent: false }, reloadIfChanged);

  return {
    /**
     * The entry for `token`, reading the tokens file again first if the token is not known and
     * the file changed (so a token just added is never refused).
     * @returns {Promise<TokenEntry | undefined>}
     */
    async find(token) {
      const digest = digestToken(token);
      const known = byDigest.get(digest);
      if (known) return known;
      await reloadIfChanged();
      return byDigest.get(digest);
    },
    /** Whether any valid token has `right` (else the routes that need it are off). */
    anyHas(right) {
      for (const entry of byDigest.values()) if (entry.rights.has(right)) return true;
      return false;
    },
    /** Labels valid now, with their rights (for the start-up line). */
    describe() {
      return [...byDigest.values()].map((entry) => ({
        label: entry.label,
        rights: [...entry.rights],
      }));
    },
    reload: reloadIfChanged,
    close() {
      if (tokensFile) unwatchFile(tokensFile, reloadIfChanged);
    },
  };
}
