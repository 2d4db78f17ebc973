import { LitElement, html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DefinitionError } from '../definition/errors.js';
import { loadDefinition } from '../definition/load.js';
import type { SurveyDefinition } from '../definition/schema.js';
import { DEFAULT_STRINGS } from '../strings.js';
import { visuallyHidden } from '../shared-styles.js';
import { toCsv } from './csv.js';
import { emitResults } from './events.js';
import { summarise, type Summary } from './counts.js';
import { readResponses, ReadError, type InvalidResponse } from './read.js';
import { readSummary } from './summary.js';
import { fetchResponses, FetchResponsesError, sourceUrl, type SummaryFilter } from './source.js';
import { DEFAULT_MIN_GROUP } from './stats.js';
import { resultsStyles } from './styles.js';
import { forgetToken, loadToken, saveToken } from './token-store.js';
import { computeView, groupLabel, INITIAL_CHOICES, type View, type ViewChoices } from './view.js';
import { report, TEXT_PAGE } from './templates/report.js';
import { failure, fileOpener, tokenForm } from './templates/source.js';

type Status =
  | { kind: 'empty' }
  | { kind: 'token'; error: string | null }
  | { kind: 'loading'; what: string }
  | { kind: 'error'; message: string; retry: boolean }
  | { kind: 'ready' };

/**
 * `<values-survey-results>`: the survey owner's report for the Board. It reads the responses from
 * the receiver (`src`, with the results token) or from a file the owner opens, validates every one,
 * and shows who answered, each words question as its statements with every word shaded by what
 * people kept and removed, the same figures as a sortable table, counts for choice and scale
 * questions, text answers with a search, a filter and a side-by-side view by group, CSV export and
 * a print view.
 *
 * @summary The survey's results: a heat-map of every word, a table, counts and a print view.
 * @tag values-survey-results
 *
 * @fires values-survey-results-load - Responses were read and the report shown. `detail: { responses, invalid, source }`.
 * @fires values-survey-results-error - The responses or the definition could not be read. `detail: { kind, message }`.
 *
 * @csspart report - The report's outer box.
 * @csspart controls - The version, group and comparison pickers and the export buttons.
 * @csspart word - Each word of a statement.
 * @csspart detail - The line that shows the figures of the word in focus.
 * @csspart legend - The key to the shades.
 * @csspart table - The word table.
 * @csspart summary - The "Most often removed" and "Most often kept" lists.
 * @csspart counts - Each choice or scale question's counts.
 * @csspart token-form - The form that asks for the results token.
 * @csspart file-opener - The control to open a file of responses.
 * @csspart error - What the owner sees when the responses cannot be read.
 * @csspart invalid - The list of records that could not be used.
 *
 * @cssprop --values-survey-results-font-family - Font (default: inherited from the page).
 * @cssprop --values-survey-results-max-width - Widest the report grows (default 60em).
 * @cssprop --values-survey-results-kept - Colour of kept (default #08519c).
 * @cssprop --values-survey-results-removed - Colour of removed (default #a63603).
 */
export class ValuesSurveyResults extends LitElement {
  static override styles = [visuallyHidden, resultsStyles];

  /**
   * Where the responses are. The receiver's `/responses` address: the element asks it for the
   * summary (`/responses/summary`, counted by the database). Any other address: a JSON array or
   * JSON Lines of responses (or a saved summary), counted in the browser.
   */
  @property({ reflect: true }) src: string | null = null;

  /**
   * Groups (and selections) with fewer people than this are never broken down anywhere: not in
   * the statements, table, rankings, text answers, CSV or print. At least 10 when the receiver
   * counted (it applies its own floor too).
   */
  @property({ type: Number, attribute: 'min-group' }) minGroup = DEFAULT_MIN_GROUP;

  /**
   * The results token, sent as `Authorization: Bearer`. Set by code only (never an attribute, so
   * it is not left in the page's markup). Without it the element first asks `src` without a
   * token, and asks the owner for the token only if the server answers 401; it keeps the token
   * for the browser session.
   */
  @property({ attribute: false }) token: string | null = null;

  /** The survey definition the responses answer; default: the built-in values refresh survey. */
  @property({ attribute: false }) definition: SurveyDefinition | undefined = undefined;

  /** URL of the definition (JSON), used when the `definition` property is not set. */
  @property({ attribute: 'definition-src' }) definitionSrc: string | null = null;

  @state() private status: Status = { kind: 'empty' };
  @state() private survey: SurveyDefinition | null = null;
  /** Why the definition cannot be used; shown in place of the report, whatever the responses. */
  @state() private definitionError: string | null = null;
  @state() private data: { summary: Summary; invalid: InvalidResponse[] } | null = null;
  @state() private source = '';
  @state() private choices: ViewChoices = INITIAL_CHOICES;
  @state() private activeWord: string | null = null;
  @state() private tabStops = new Map<string, string>();
  @state() private searches = new Map<string, string>();
  @state() private limits = new Map<string, number>();
  /** What the receiver's summary counts: without flagged responses, one way of collecting. */
  @state() private summaryFilter: SummaryFilter = {};
  /** A control to focus once the report is shown again. */
  private refocus: string | undefined;

  /** A token the server refused, so it is not tried again until it changes. */
  private rejectedToken: string | null = null;
  private loads: AbortController | null = null;
  private definitionLoad: AbortController | null = null;
  private cached: { key: unknown[]; view: View } | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    // A synchronous move disconnects and reconnects: start again only what disconnect stopped.
    if (this.hasUpdated) {
      this.startDefinition();
      if (this.status.kind === 'loading' && this.src) this.load();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.loads?.abort();
    this.definitionLoad?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('definition') || changed.has('definitionSrc')) this.startDefinition();
    if ((changed.has('src') || changed.has('token') || changed.has('minGroup')) && this.src) {
      this.load();
    }
    if (changed.has('src') && !this.src && this.source !== 'file') this.status = { kind: 'empty' };
  }

  private startDefinition() {
    this.definitionLoad?.abort();
    const controller = new AbortController();
    this.definitionLoad = controller;
    loadDefinition(
      { property: this.definition, src: this.definitionSrc, scriptText: null },
      DEFAULT_STRINGS,
      controller.signal,
      10_000,
    ).then(
      (definition) => {
        if (controller.signal.aborted) return;
        // The same definition again (a move, or an equal copy) keeps the owner's choices; another
        // one may not have the chosen group, so the view starts again.
        const same = JSON.stringify(definition) === JSON.stringify(this.survey);
        this.survey = definition;
        this.definitionError = null;
        if (!same) this.choices = { ...INITIAL_CHOICES, version: this.choices.version };
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (!(error instanceof DefinitionError)) throw error;
        this.survey = null;
        this.definitionError = `The survey definition could not be used. ${error.message}`;
        emitResults(this, 'values-survey-results-error', {
          kind: 'definition',
          message: this.definitionError,
        });
      },
    );
  }

  /**
   * Fetches the responses (or the receiver's summary) from `src`: with the token when there is
   * one, else without, asking for the token only when the server answers 401. A `recount` (the
   * same responses counted again for the integrity choices) keeps the reader's version, group
   * and comparison; anything else starts the view again.
   */
  private load({ recount = false } = {}) {
    const src = this.src;
    if (!src) return;
    this.loads?.abort();
    const own = this.token && this.token !== this.rejectedToken ? this.token : null;
    const token = own ?? loadToken(src);
    const controller = new AbortController();
    this.loads = controller;
    this.status = { kind: 'loading', what: 'Fetching the responses…' };
    fetchResponses(
      sourceUrl(src, this.minGroup, this.summaryFilter),
      token,
      controller.signal,
    ).then(
      (text) => {
        if (controller.signal.aborted) return;
        if (!this.token && token) saveToken(src, token);
        this.show(text, src, { recount });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (!(error instanceof FetchResponsesError)) throw error;
        if (error.failure.kind === 'token') {
          forgetToken(src);
          this.rejectedToken = token;
          // The first 401, with no token sent, is the server asking: the form says so, no error.
          this.status = { kind: 'token', error: token ? error.message : null };
          this.focusAfterUpdate('#token');
          return;
        }
        this.fail(error.message, true);
      },
    );
  }

  private show(text: string, source: string, { recount = false } = {}) {
    let data: { summary: Summary; invalid: InvalidResponse[] };
    let responses: number;
    try {
      const summary = readSummary(text);
      if (summary) {
        data = { summary, invalid: [] };
        responses = summary.versions.reduce((sum, v) => sum + v.count, 0);
      } else {
        const read = readResponses(text);
        data = {
          summary: summarise(read.responses, { minGroup: this.minGroup }),
          invalid: read.invalid,
        };
        responses = read.responses.length;
      }
    } catch (error) {
      if (!(error instanceof ReadError)) throw error;
      this.fail(
        `${source === 'file' ? 'The file' : 'What the server sent'}: ${error.message}`,
        source !== 'file',
      );
      return;
    }
    this.data = data;
    this.source = source;
    // Counted again without the flagged responses, say: a Board member comparing Staff and
    // Patients still sees Staff and Patients. computeView copes with a group the new counts
    // lack (too few people: said so, never broken down).
    if (!recount) this.choices = INITIAL_CHOICES;
    this.activeWord = null;
    this.tabStops = new Map();
    this.status = { kind: 'ready' };
    if (this.refocus) this.focusAfterUpdate(this.refocus);
    this.refocus = undefined;
    emitResults(this, 'values-survey-results-load', {
      responses,
      invalid: data.invalid.length,
      source: source === 'file' ? 'file' : 'src',
    });
  }

  private fail(message: string, retry: boolean) {
    this.status = { kind: 'error', message, retry };
    emitResults(this, 'values-survey-results-error', { kind: 'responses', message });
  }

  private async openFile(file: File) {
    this.loads?.abort();
    this.status = { kind: 'loading', what: `Reading ${file.name}…` };
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      if (!(error instanceof DOMException)) throw error;
      this.fail(`The file ${file.name} could not be read (${error.message}).`, false);
      return;
    }
    this.show(text, 'file');
  }

  private submitToken(token: string) {
    if (!token) {
      this.status = { kind: 'token', error: 'Enter the results token' };
      this.focusAfterUpdate('#token');
      return;
    }
    if (this.src) saveToken(this.src, token);
    this.load();
  }

  private focusAfterUpdate(selector: string) {
    this.updateComplete
      .then(() => (this.renderRoot.querySelector(selector) as HTMLElement | null)?.focus())
      .catch((error: unknown) => console.error('values-survey-results:', error));
  }

  private get view(): View | null {
    if (!this.data || !this.survey) return null;
    const key = [
      this.data,
      this.survey,
      this.minGroup,
      this.choices.version,
      this.choices.filter,
      this.choices.compare,
    ];
    const cached = this.cached;
    if (cached && key.every((k, i) => k === cached.key[i])) return cached.view;
    const view = computeView(this.data.summary, this.survey, this.choices, this.minGroup);
    this.cached = { key, view };
    return view;
  }

  private choose(change: Partial<ViewChoices>) {
    this.choices = { ...this.choices, ...change };
  }

  private exportCsv(view: View, survey: SurveyDefinition) {
    // A selection too small to break down has no rows to export (the button is disabled too).
    if (!view.selection.report) return;
    const csv = toCsv(view.rows, groupLabel(this.choices.filter, survey));
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${survey.id}-v${view.version?.version ?? survey.version}-words.csv`;
    link.hidden = true;
    this.renderRoot.appendChild(link);
    link.click();
    link.remove();
    // Released after the click has started the download.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  // Roving focus across the words of one question (one tab stop each), as in a toolbar.
  private onWordsKeydown(event: KeyboardEvent) {
    const current = (event.target as HTMLElement).closest<HTMLElement>('[data-word]');
    const list = current?.closest('.heatmap');
    if (!current || !list) return;
    if (event.key === 'Escape') {
      this.activeWord = null;
      return;
    }
    const words = [...list.querySelectorAll<HTMLElement>('[data-word]')];
    const at = words.indexOf(current);
    const target = {
      ArrowRight: at + 1,
      ArrowDown: at + 1,
      ArrowLeft: at - 1,
      ArrowUp: at - 1,
      Home: 0,
      End: words.length - 1,
    }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = words[Math.max(0, Math.min(words.length - 1, target))];
    this.moveTabStop(next);
    next.focus();
  }

  private moveTabStop(word: HTMLElement) {
    const key = word.dataset.word ?? '';
    const question = key.split('/').slice(0, 2).join('/');
    for (const other of this.renderRoot.querySelectorAll<HTMLElement>(
      `[data-word^="${CSS.escape(question)}/"]`,
    )) {
      other.tabIndex = other === word ? 0 : -1;
    }
    this.tabStops = new Map(this.tabStops).set(question, key);
  }

  private onWordFocus(event: FocusEvent) {
    const word = (event.target as HTMLElement).closest<HTMLElement>('[data-word]');
    if (!word) return;
    this.moveTabStop(word);
    this.activeWord = word.dataset.word ?? null;
  }

  private onWordPointer(event: PointerEvent) {
    const word = (event.target as HTMLElement).closest<HTMLElement>('[data-word]');
    if (word) this.activeWord = word.dataset.word ?? null;
  }

  protected override render() {
    return html`<div class="report" part="report">${this.renderBody()}</div>`;
  }

  private renderBody() {
    const { status } = this;
    if (this.definitionError) return failure(this.definitionError, null);
    const quietFile = fileOpener((file) => void this.openFile(file), false);
    switch (status.kind) {
      case 'empty':
        return fileOpener((file) => void this.openFile(file), true);
      case 'token':
        return html`${tokenForm({
          url: this.src ?? '',
          error: status.error,
          onSubmit: (token) => this.submitToken(token),
        })}${quietFile}`;
      case 'loading':
        return html`<p class="loading" role="status">${status.what}</p>`;
      case 'error':
        return html`${failure(status.message, status.retry && this.src ? () => this.load() : null)}${quietFile}`;
      case 'ready':
        return (
          this.renderReport() ?? html`<p class="loading" role="status">Loading the survey…</p>`
        );
    }
  }

  private renderReport() {
    const { view, survey, data } = this;
    if (!view || !survey || !data) return null;
    return report({
      view,
      survey,
      choices: this.choices,
      invalid: data.invalid,
      integrity: data.summary.integrity && {
        integrity: data.summary.integrity,
        leaveOutFlagged: Boolean(this.summaryFilter.leaveOutFlagged),
        collection: this.summaryFilter.collection ?? '',
        onChange: (change) => {
          this.summaryFilter = { ...this.summaryFilter, ...change };
          // The report is fetched again; the control the reader used keeps the focus.
          this.refocus =
            change.collection === undefined ? '.integrity input[type="checkbox"]' : '#collection';
          this.load({ recount: true });
        },
      },
      activeWord: this.activeWord,
      tabStops: this.tabStops,
      searches: this.searches,
      limits: this.limits,
      onChoose: (change) => this.choose(change),
      onExport: () => this.exportCsv(view, survey),
      onFile: (file) => void this.openFile(file),
      onSearch: (questionId, value) => {
        this.searches = new Map(this.searches).set(questionId, value);
        this.limits = new Map(this.limits).set(questionId, TEXT_PAGE);
      },
      onMore: (questionId) => {
        const limit = (this.limits.get(questionId) ?? TEXT_PAGE) + TEXT_PAGE;
        this.limits = new Map(this.limits).set(questionId, limit);
      },
      words: {
        keydown: (event) => this.onWordsKeydown(event),
        focusin: (event) => this.onWordFocus(event),
        pointerover: (event) => this.onWordPointer(event),
      },
    });
  }
}
