/**
 * The session's configuration, a part of it: which definition is in force (from the sources
 * the element hands over), the strings, the endpoint and how responses are sent. A definition
 * that cannot be used is shown and reported here, in one place.
 */
import { answersFor } from '../response/build.js';
import { endpointProblem, DEFAULT_TIMEOUT_MS } from '../delivery/send.js';
import { firstStep, stepFromKey, stepKey } from '../flow/steps.js';
import { DefinitionError } from '../definition/errors.js';
import { definitionAtHand, fetchDefinition, type DefinitionSources } from '../definition/load.js';
import { format, mergeStrings, type SurveyStrings } from '../strings.js';
import { reportFault } from '../support/fault.js';
import type { SurveyDefinition } from '../definition/schema.js';
import type { SessionCore } from './core.js';
import type { DeliveryPort, HistoryPort } from './ports.js';
import type { Resume } from './resume.js';
import type { DeliveryOptions, Emitter } from './view.js';

const CREDENTIALS = ['omit', 'same-origin', 'include'] as const;

export type Configuration = ReturnType<typeof configuration>;

export function configuration(
  core: SessionCore,
  emit: Emitter,
  {
    deliveries,
    history,
    resume,
  }: {
    deliveries: Pick<DeliveryPort, 'configure'>;
    history: HistoryPort;
    resume: Resume;
  },
) {
  /** The `strings` property: wins over the definition's. */
  let overrides: Partial<SurveyStrings> | undefined;
  let loading: AbortController | undefined;

  /**
   * A definition that cannot be used: shown in place of the survey and reported, never half a
   * survey. The one place a definition's error reaches the view.
   */
  const fail = (error: DefinitionError) => {
    core.set({ status: 'error', survey: undefined, definitionError: error, restoring: false });
    console.error(`values-survey: ${error.message}`);
    emit('values-survey-error', {
      kind: 'definition',
      message: error.message,
      problems: error.problems,
    });
  };

  /**
   * Puts `survey` in force at once (synchronously), then reads its saved answers. Another
   * survey starts fresh on its first step; the same survey, re-supplied, keeps what the
   * respondent has done where it still fits.
   */
  const use = (survey: SurveyDefinition, signal: AbortSignal): Promise<void> => {
    const current = core.state.survey;
    const same = current?.id === survey.id && current.version === survey.version;
    const base = {
      survey,
      status: 'ready' as const,
      definitionError: undefined,
      strings: mergeStrings(survey.strings, overrides),
      error: undefined,
    };
    if (same) {
      const { step } = core.state;
      core.set({
        ...base,
        answers: answersFor(survey.questions, core.state.answers),
        // After Submit the confirmation stays: the answers have gone to the outbox.
        step: step.kind === 'done' ? step : stepFromKey(survey, stepKey(step)),
      });
    } else {
      core.leaveChange();
      core.set({
        ...base,
        answers: {},
        step: firstStep(survey),
        startedAt: undefined,
        confirmingClear: false,
        notices: [],
        restoring: true,
      });
    }
    history.replace(survey.id, stepKey(core.state.step));
    // The same survey again after a move abandoned the read: read again.
    return core.state.restoring ? resume.restore(survey, signal) : Promise.resolve();
  };

  return {
    /**
     * Works out which definition is in force and switches to it; a load still running is
     * abandoned. A definition at hand (property, child script, built-in) is in force before
     * this returns, so the element's current render shows it; only a `src` shows "Loading…"
     * first. Resolves once the survey's saved answers have been read and applied (or set
     * aside: see {@link SessionView.restoring}). Never rejects: a definition that cannot be
     * used is shown and reported.
     */
    load(sources: DefinitionSources, timeoutMs: number, draftMaxAge: number): Promise<void> {
      loading?.abort();
      const controller = new AbortController();
      loading = controller;
      const { signal } = controller;
      const strings = mergeStrings(overrides);
      core.set({ draftMaxAge });
      // The error in the editor's words (the diagnostics load beside the bundle), then shown.
      const failUnlessAborted = async (caught: unknown) => {
        // Anything but a DefinitionError is a fault in the widget.
        const error =
          caught instanceof DefinitionError ? caught : new DefinitionError(String(caught));
        const explained = await error.explained();
        if (!signal.aborted) fail(explained);
      };
      try {
        const survey = definitionAtHand(sources, strings);
        if (survey) return use(survey, signal).catch(failUnlessAborted);
      } catch (caught) {
        return failUnlessAborted(caught);
      }
      core.set({ status: 'loading' });
      return fetchDefinition(sources.src ?? '', strings, signal, timeoutMs, sources.named)
        .then((survey) => (signal.aborted ? undefined : use(survey, signal)))
        .catch(failUnlessAborted);
    },

    /** The element is back on the page: a read of the saved answers it abandoned starts again. */
    reconnect() {
      const { survey, status, restoring } = core.state;
      if (survey && status === 'ready' && restoring && loading?.signal.aborted) {
        loading = new AbortController();
        resume.restore(survey, loading.signal).catch(reportFault);
      }
    },

    /** The element left the page: a load under way is abandoned. */
    disconnect() {
      loading?.abort();
    },

    /** The `strings` property changed. */
    setStrings(strings: Partial<SurveyStrings> | undefined) {
      overrides = strings;
      core.set({ strings: mergeStrings(core.state.survey?.strings, overrides) });
    },

    /** Points delivery at the endpoint; one that cannot be a web address is shown and reported. */
    configureDelivery({ endpoint, credentials, headers, sendTimeout }: DeliveryOptions) {
      const problem = endpoint ? endpointProblem(endpoint) : undefined;
      const { strings } = core.state;
      const shownProblem =
        problem?.kind === 'credentials'
          ? format(strings.endpointCredentials, { endpoint: problem.shown })
          : problem
            ? format(strings.endpointInvalid, { endpoint: endpoint ?? '' })
            : undefined;
      core.set({ endpoint: endpoint ?? undefined, endpointProblem: shownProblem });
      if (shownProblem) {
        console.error(`values-survey: ${shownProblem}`);
        emit('values-survey-error', { kind: 'delivery', message: shownProblem });
      }
      deliveries.configure(
        endpoint && !problem
          ? {
              endpoint,
              send: {
                credentials: CREDENTIALS.find((value) => value === credentials) ?? 'omit',
                headers,
                timeoutMs: sendTimeout > 0 ? sendTimeout : DEFAULT_TIMEOUT_MS,
              },
            }
          : undefined,
      );
    },
  };
}
