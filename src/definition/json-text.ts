/**
 * Reads definition JSON the way an editor needs when `JSON.parse` refuses it: the place (line and
 * column, from one) and the mistake by name (a trailing comma, curly quotes from a word processor,
 * single quotes, a missing comma), the same in every browser (each engine words its own
 * `SyntaxError` differently, some with no position at all). Mistakes it can step over (the common
 * ones above) are all reported in one pass. It also records where each value starts, so a schema
 * problem can point at its line. Only used once the fast `JSON.parse` path has failed.
 *
 * This module imports nothing, so the editor page can load it from `dist/esm/` as it is.
 */

/** A place in the text, counting lines and columns from one. */
export interface TextPlace {
  line: number;
  column: number;
}

/** One JSON mistake: where (a character index) and what, in words. */
export interface JsonMistake {
  at: number;
  reason: string;
}

/** What a scan found: the mistakes (empty for valid JSON) and where each value starts, by path. */
export interface JsonScan {
  mistakes: JsonMistake[];
  /** Key: `JSON.stringify(path)`, e.g. `["questions",2,"min"]`; value: a character index. */
  places: Map<string, number>;
}

const CURLY = '“”‘’';
const NOT_JSON = {};

/** Line and column (from one) of a character index. */
export function placeOf(text: string, index: number): TextPlace {
  const lines = text.slice(0, index).split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** Scans JSON text for mistakes, stepping over the common ones to find the rest. */
export function scanJson(text: string): JsonScan {
  const mistakes: JsonMistake[] = [];
  const places = new Map<string, number>();
  const path: (string | number)[] = [];
  let i = 0;
  const note = (reason: string, at = i) => mistakes.push({ at, reason });
  // A mistake after which the rest cannot be read: record it and stop.
  const stop = (reason: string, at = i): never => {
    note(reason, at);
    throw NOT_JSON;
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const unexpected = (): never => {
    const c = text[i];
    if (c === undefined) stop('the definition ends too early: a closing } or ] is missing');
    if (c === '/') stop('JSON cannot contain comments: remove them');
    if (c === ',') stop('there is one comma too many here: remove it');
    if (/[A-Za-z]/.test(c)) stop('text needs straight double quotes (") around it');
    return stop(`"${c}" is not expected here`);
  };

  /** A string; returns its value. Curly and single quotes are reported, then read as quotes. */
  const string = (): string => {
    const start = i;
    const open = text[i];
    if (CURLY.includes(open)) {
      note(
        `there is a curly quote (${open}), as a word processor types: use straight double quotes (") instead`,
      );
    } else if (open === "'") {
      note(`text needs straight double quotes ("), not single quotes (')`);
    }
    // A word processor pairs “ with ” and ‘ with ’; an apostrophe inside “…” is still text.
    // Text opened with a straight quote closes only at a straight quote: curly quotes inside it
    // are valid JSON ("the “best” care"). Only when its line has no straight quote to close it
    // is the first curly one taken as a mistyped closing quote.
    const closers = open === '"' ? '"' : '“”'.includes(open) ? '“”"' : "‘’'";
    let curlyClose = -1;
    for (i++; ; i++) {
      const c = text[i];
      if (c === undefined || c === '\n' || c === '\r') {
        if (curlyClose < 0)
          return stop('this text has no closing double quote (") on its line', start);
        i = curlyClose;
        note(
          `there is a curly quote (${text[i]}), as a word processor types: use straight double quotes (") instead`,
        );
        break;
      }
      if (closers.includes(c)) {
        // "title”: "Values": the straight quote found belongs to the next text, since what
        // follows it cannot follow a value; the curly quote was meant to close this one.
        if (curlyClose >= 0 && !/^[ \t]*(?:[:,}\]\r\n]|$)/.test(text.slice(i + 1))) {
          i = curlyClose;
          note(
            `there is a curly quote (${text[i]}), as a word processor types: use straight double quotes (") instead`,
          );
        }
        break;
      }
      if (open === '"' && curlyClose < 0 && '”“'.includes(c)) curlyClose = i;
      if (c < ' ') stop('text cannot contain a tab: write \\t, or use spaces');
      if (c === '\\') {
        const [sequence] =
          /^(?:["\\/bfnrt]|u[\dA-Fa-f]{4})/.exec(text.slice(i + 1, i + 6)) ??
          stop(
            'a backslash (\\) in text must be followed by ", \\, /, b, f, n, r, t or u: write \\\\ for one backslash',
          );
        i += sequence.length;
      }
    }
    i++;
    // Only field names need their value; the text was checked above, so JSON.parse accepts it.
    return open === '"' && text[i - 1] === '"'
      ? (JSON.parse(text.slice(start, i)) as string)
      : text.slice(start + 1, i - 1);
  };

  const isQuote = (c: string | undefined) => c !== undefined && `"'${CURLY}`.includes(c);

  const value = (): void => {
    space();
    places.set(JSON.stringify(path), i);
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        space();
        if (c === '{') {
          if (!isQuote(text[i])) {
            const bare = /^[A-Za-z_$][\w$]*/.exec(text.slice(i, i + 40));
            if (bare)
              stop(`field names need straight double quotes: write "${bare[0]}", not ${bare[0]}`);
            unexpected();
          }
          const key = string();
          space();
          if (text[i] === ':') i++;
          else stop('a colon (:) is missing after the field name');
          path.push(key);
        } else path.push(n);
        value();
        path.pop();
        space();
        const next = text[i];
        if (next === ',') {
          const comma = i++;
          space();
          if (text[i] === close) {
            note(`there is a comma after the last item (a trailing comma): remove it`, comma);
            i++;
            return;
          }
        } else if (next === close) {
          i++;
          return;
        } else if (next === undefined) {
          stop(`the definition ends too early: a closing ${close} is missing`);
        } else if (isQuote(next) || /[-\d{[tfn]/.test(next)) {
          note('a comma (,) is missing before this');
        } else unexpected();
      }
    }
    if (isQuote(c)) {
      string();
      return;
    }
    const literal = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
    literal.lastIndex = i;
    if (literal.exec(text)) i = literal.lastIndex;
    else unexpected();
  };

  try {
    if (!text.trim()) stop('the definition is empty');
    value();
    space();
    if (i < text.length)
      note('there is more after the end of the definition: check for a stray } or ]');
  } catch (error) {
    if (error !== NOT_JSON) throw error;
  }
  return { mistakes, places };
}
