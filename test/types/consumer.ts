/**
 * A page's own TypeScript, written as an integrator would: it imports the published package
 * (its .d.ts in dist/, through the `exports` map) and listens on `document` and `window`.
 * Type-checked by `npm run test:types` (part of `npm test`); never run.
 */
import type { ValuesSurvey, ValuesSurveySentDetail } from 'values-survey';
import 'values-survey/define';

document.addEventListener('values-survey-sent', (event) => {
  const id: string = event.detail.id;
  const status: number = event.detail.status;
  // @ts-expect-error the status is a number, so a typo or a wrong type is caught
  const wrong: string = event.detail.status;
  console.log(id, status, wrong);
});

window.addEventListener('values-survey-error', (event) => {
  const kind: 'definition' | 'storage' | 'delivery' = event.detail.kind;
  console.log(kind, event.detail.message, event.detail.problems?.length);
});

const survey: ValuesSurvey | null = document.querySelector('values-survey');
survey?.addEventListener('values-survey-submit', (event) => {
  console.log(event.detail.response.answers);
});
if (survey) {
  survey.credentials = 'include';
  // @ts-expect-error only 'omit', 'same-origin' and 'include' are accepted
  survey.credentials = 'always';
}

export function onSent(detail: ValuesSurveySentDetail): string {
  return detail.id;
}
