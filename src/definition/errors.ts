/**
 * Why a definition cannot be used, as the survey bundle knows it: each problem's path and zod's
 * own message, which is specific but terse (`questions[2].min: Invalid input`). The editor's
 * sentences (where, counting from one, and what to change; the JSON mistake by name, with its
 * line) come from the diagnostics, a second file beside the bundle that is loaded only when a
 * definition is wrong (respondents never download it): see {@link DefinitionError.explained}.
 */

/** One specific problem with a survey definition. */
export interface DefinitionProblem {
  /** Where, for code: the zero-based path as in the JSON (`questions[2].min`); '' for the whole. */
  path: string;
  /**
   * The problem in words, counting from one, e.g.
   * `Question 3 (id "fit"): the lowest point must be below the highest (lowest 5, highest 1)`,
   * ending `(line 40, column 14)` when the definition was JSON text.
   */
  message: string;
  /** Line of the JSON text (from one), when the definition was text. */
  line?: number;
  /** Column of the JSON text (from one), when the definition was text. */
  column?: number;
}

/** One issue as zod reports it: its path and message, and the details the diagnostics read. */
export interface SchemaIssue {
  readonly path: readonly PropertyKey[];
  readonly message?: string;
}

/** What went wrong, as data the diagnostics turn into sentences. */
export type DefinitionFailure =
  /** JSON text that `JSON.parse` refused; `reason` is the browser's own message. */
  | { kind: 'json'; text: string; reason: string; notJson: string }
  /** A value that is not a valid definition; `text` is the JSON it came from, if any. */
  | { kind: 'schema'; issues: SchemaIssue[]; input: unknown; text?: string };

/** The diagnostics' answer: the error's message and every problem, in the editor's words. */
export interface Explanation {
  message: string;
  problems: DefinitionProblem[];
}

type Source = 'src' | 'script' | 'property' | 'built-in';

/** Why a definition could not be used: not fetched, not JSON, or not valid. */
export class DefinitionError extends Error {
  override name = 'DefinitionError';
  constructor(
    message: string,
    readonly problems: DefinitionProblem[] = [],
    readonly source: Source = 'property',
    /** The failure as data, when the diagnostics can say more than `problems` does. */
    readonly failure?: DefinitionFailure,
  ) {
    super(message);
  }

  /**
   * This error in the editor's words: loads the diagnostics (`values-survey-diagnostics.js`
   * beside the script-tag bundle; `./diagnose.js` in the ES modules) and resolves to a new error
   * with their sentences. Resolves to this error itself when there is nothing more to say or the
   * file cannot be loaded (a CMS that took only the one file, say): the box then still lists
   * each problem with its path.
   */
  async explained(): Promise<DefinitionError> {
    if (!this.failure) return this;
    try {
      const { explain } = await import('./diagnose.js');
      const { message, problems } = explain(this.failure, this.source);
      return new DefinitionError(message, problems, this.source);
    } catch (error) {
      console.warn('values-survey: the definition diagnostics could not be loaded;', error);
      return this;
    }
  }
}

/** `['questions', 2, 'type']` becomes `questions[2].type`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}
