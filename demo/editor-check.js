// "Check the survey server": asks the survey server whether a page at the address the editor
// typed may send it responses, whether the survey is open, and whether the survey script loads,
// and turns the answer into words. The server's route: GET <server>/check?origin=…&survey=…,
// answering { originAllowed, surveyOpen, bundleLoads, messages: [...] }.

/** The origin of the page address an editor typed, or the problem with it in words. */
export function pageOrigin(value) {
  const text = value.trim();
  if (!text) return { problem: 'Enter the address of the page where the survey will be.' };
  let url;
  try {
    url = new URL(text);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return {
      problem:
        'The page address must be a full web address, like https://www.your-trust.nhs.uk/news/clinic',
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { problem: 'The page address must start with https:// or http://' };
  }
  return { origin: url.origin };
}

const isAnswer = (data) =>
  typeof data === 'object' &&
  data !== null &&
  ['originAllowed', 'surveyOpen', 'bundleLoads'].every((key) => typeof data[key] === 'boolean') &&
  Array.isArray(data.messages) &&
  data.messages.every((message) => typeof message === 'string');

/**
 * Runs the check. Resolves `{ ready, summary, messages }`: whether everything is in order, one
 * sentence, and the server's own messages; never rejects for a server that is down or wrong.
 */
export async function checkServer({ checkUrl, origin, surveyId, timeoutMs = 15_000 }) {
  const url = `${checkUrl}?${new URLSearchParams({ origin, survey: surveyId })}`;
  let response;
  try {
    response = await fetch(url, {
      headers: { Accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    if (!(error instanceof TypeError || error instanceof DOMException)) throw error;
    return {
      ready: false,
      summary: `The survey server could not be reached at ${url}. Check its address, or ask IT whether it is running and allows this page to ask it.`,
      messages: [],
    };
  }
  let data;
  try {
    data = await response.json();
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  if (!response.ok || !isAnswer(data)) {
    return {
      ready: false,
      summary: `The survey server answered ${response.status} but not with a check: it may be an older version. Ask IT.`,
      messages: [],
    };
  }
  const wrong = [
    !data.originAllowed && `pages on ${origin} cannot send responses to it`,
    !data.surveyOpen && `the survey “${surveyId}” is not open there`,
    !data.bundleLoads && 'the survey script does not load from it',
  ].filter(Boolean);
  return {
    ready: wrong.length === 0,
    summary: wrong.length
      ? `Fix before you publish: ${wrong.join('; ')}.`
      : `Ready: pages on ${origin} can show the survey and send its responses.`,
    messages: data.messages,
  };
}
