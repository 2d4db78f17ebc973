import { expect } from '@open-wc/testing';
import { byRole, queryByRole } from './support/queries.js';
import { generated, RESULTS_TEST_TOKEN } from './support/results-data.js';
import { waitUntil } from './support/wait.js';

interface WatchedWindow extends Window {
  violations: string[];
  pageErrors: string[];
  warnings: string[];
}

describe('the built results bundle on a page with a strict CSP and Trusted Types', function () {
  this.timeout(60_000);

  it('asks for the token, shows the report, and registers once when included twice', async () => {
    const stored = await fetch('/results-data/csp-page.json', {
      method: 'PUT',
      body: JSON.stringify(generated(40, 2).responses),
    });
    expect(stored.ok).to.equal(true);
    sessionStorage.clear();
    const iframe = document.createElement('iframe');
    iframe.style.width = '900px';
    iframe.style.height = '900px';
    iframe.src = '/test/fixtures/results-csp-page.html';
    document.body.append(iframe);
    try {
      await new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
      const win = iframe.contentWindow as WatchedWindow;
      const el = iframe.contentDocument!.querySelector('values-survey-results') as HTMLElement;
      await waitUntil(() => win.customElements.get('values-survey-results'), 'not registered');
      await waitUntil(
        () => el.shadowRoot && queryByRole(el.shadowRoot, 'heading', 'Enter the results token'),
      );
      const shadow = el.shadowRoot!;
      (shadow.getElementById('token') as HTMLInputElement).value = RESULTS_TEST_TOKEN;
      byRole(shadow, 'button', 'Show results').click();
      await waitUntil(() => queryByRole(shadow, 'heading', /^Results: /), 'report not shown');
      // The bars are sized through the CSSOM, which a strict style-src allows.
      const bar = shadow.querySelector<HTMLElement>('.bar-kept')!;
      expect(bar.style.width).to.match(/%$/);
      expect(win.violations).to.deep.equal([]);
      expect(win.pageErrors).to.deep.equal([]);
      expect(win.warnings).to.deep.equal([
        '<values-survey-results> is already registered, probably because the values-survey-results script is included twice on this page. The first copy is used.',
      ]);
      // Only its own tag: the respondent's survey is not in this bundle.
      expect(win.customElements.get('values-survey')).to.equal(undefined);
    } finally {
      iframe.remove();
    }
  });
});
