// The snippet an editor pastes into the CMS: the script tag and the element with the definition
// inline. Pure functions, so the page can rebuild it on every keystroke of any field.

/**
 * Checks the endpoint an editor typed. Returns the problem in words, or '' when it is usable.
 * An empty endpoint is a problem here (unlike on the element, where it means "preview only"):
 * a snippet without one would collect answers that go nowhere.
 */
export function endpointProblem(value) {
  const endpoint = value.trim();
  if (!endpoint) {
    return 'Enter where responses are sent (the endpoint) to get a snippet.';
  }
  let url;
  try {
    url = new URL(endpoint);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return 'The endpoint must be a full web address starting with https://';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return 'The endpoint must be a web address starting with https://';
  }
  return '';
}

/** Text safe inside a double-quoted HTML attribute. */
const attribute = (text) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The element and the definition as an editor pastes them. Inside the JSON, `</` and `<!--` are
 * escaped (both still valid JSON) so no text in the survey can close the script block early.
 */
export function buildSnippet({ definition, endpoint, scriptUrl }) {
  const json = JSON.stringify(definition, null, 2)
    .replace(/<\//g, '<\\/')
    .replace(/<!--/g, '\\u003c!--');
  return [
    `<script type="module" src="${attribute(scriptUrl)}"></script>`,
    `<values-survey endpoint="${attribute(endpoint.trim())}">`,
    '  <script type="application/json">',
    json
      .split('\n')
      .map((line) => `    ${line}`)
      .join('\n'),
    '  </script>',
    '</values-survey>',
  ].join('\n');
}

/** "1 question", "7 questions". */
export const plural = (count, noun) => `${count} ${noun}${count === 1 ? '' : 's'}`;
