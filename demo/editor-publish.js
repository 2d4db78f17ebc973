// "Publish the survey": sends the definition to the survey server (the receiver's
// PUT <server>/surveys/<id>/<version>, for a token with the publish right) and says in words what
// happened. Publishing is same-origin only (the receiver allows no other site to publish), so it
// works from the editor page the survey server itself serves.

/** Each of the server's refusals, in words for an editor. */
const REFUSALS = {
  401: 'The survey server did not accept the publishing token. Check it, or ask IT for one.',
  'not allowed':
    'That token may not publish surveys (it has other rights). Ask IT for a publishing token.',
  'publishing off': 'Publishing is turned off on this survey server: no token may publish. Ask IT.',
  'version exists':
    'This version of the survey is already published with other questions. Change "version" (for example to the next number) and publish again: responses already received keep pointing at the questions they answered.',
  'survey defined elsewhere':
    'IT keeps this survey as a file on the survey server (or it is the built-in survey), so it cannot be published from here. Give your survey its own id.',
};

/**
 * Publishes `definition` to the survey server at `base` with `token`. Resolves `{ ok, summary,
 * problems }`; never rejects for a server that is down or refuses.
 */
export async function publishSurvey({ base, definition, token, timeoutMs = 15_000 }) {
  const url = `${base}/surveys/${encodeURIComponent(definition.id)}/${encodeURIComponent(definition.version)}`;
  let response;
  try {
    response = await fetch(url, {
      method: 'PUT',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        Authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({ definition }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    if (!(error instanceof TypeError || error instanceof DOMException)) throw error;
    return {
      ok: false,
      summary: `The survey server could not be reached at ${base} (publishing works only from the editor page the survey server itself serves). Check its address, or ask IT.`,
      problems: [],
    };
  }
  let data;
  try {
    data = await response.json();
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  const title = `“${definition.title}” (${definition.id}, version ${definition.version})`;
  if (response.status === 201) {
    return {
      ok: true,
      summary: `Published: ${title} is on the survey server. The snippets below now show it.`,
      problems: [],
    };
  }
  if (response.status === 200) {
    return {
      ok: true,
      summary:
        data?.outcome === 'unchanged'
          ? `Already published: ${title} is on the survey server as it is here.`
          : `Published again: ${title} has new dates on the survey server.`,
      problems: [],
    };
  }
  const known = REFUSALS[response.status] ?? REFUSALS[data?.error];
  return {
    ok: false,
    summary:
      known ??
      `The survey server refused to publish it (${response.status}): ${data?.message ?? 'no reason given'}.`,
    problems: Array.isArray(data?.problems) ? data.problems.map((p) => `${p.message}`) : [],
  };
}
