// A survey server that does not allow the CMS's site: the browser does not send the response, the
// receiver says so in its log, and the editor page's check says so in words. In a file of its
// own: the response it leaves waiting in this origin's outbox must not meet the other tests.
import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.js';
import { queryByRole } from './support/queries.js';
import {
  answerAndSubmit,
  cmsPage,
  docsSnippets,
  pointed,
  startSurveyServer,
} from './fixtures/cms-page.js';

/** demo/editor-check.js: the editor page's "Check", which has no types of its own. */
interface EditorCheck {
  pageOrigin(address: string): { origin: string } | { problem: string };
  checkServer(options: {
    checkUrl: string;
    origin: string;
    surveyId: string;
  }): Promise<{ ready: boolean; summary: string; messages: string[] }>;
}

/** Runs the editor page's check of `server` for a page at `address`, as the editor page does. */
async function editorCheck(server: { url: string }, address: string) {
  const url = '/demo/editor-check.js';
  const { pageOrigin, checkServer } = (await import(/* @vite-ignore */ url)) as EditorCheck;
  const page = pageOrigin(address);
  if (!('origin' in page)) throw new Error(page.problem);
  return checkServer({
    checkUrl: `${server.url}/check`,
    origin: page.origin,
    surveyId: 'tp-clinic-name',
  });
}

describe('a CMS page on a site the survey server does not allow', function () {
  this.timeout(60_000);

  it('keeps the response on the device, the receiver logs the site, and the check says what to fix', async () => {
    const server = await startSurveyServer({ allowPage: false });
    const marker = (await docsSnippets()).get('marker')!;
    const page = await cmsPage(pointed(marker, server), server);
    try {
      // The definition and the script load from any site; only sending is refused.
      await waitUntil(
        () => page.doc.querySelector('values-survey')?.shadowRoot,
        'the marker was not upgraded',
      );
      const el = page.doc.querySelector('values-survey')!;
      await waitUntil(() => queryByRole(el.shadowRoot!, 'heading', 'Name our new clinic'));
      expect(await answerAndSubmit(el)).to.match(/^We could not reach the Trust's server yet\./);

      // The browser's preflight was answered without this origin, so the POST never came.
      await waitUntil(
        async () => (await server.log('origin refused')).length > 0,
        'the receiver did not log the refused origin',
      );
      const [line, ...more] = await server.log('origin refused');
      expect(more).to.deep.equal([]);
      expect(line.origin).to.equal(location.origin);
      expect(line.msg).to.contain(`add ${location.origin} to ALLOWED_ORIGINS`);
      expect(await server.responses()).to.deep.equal([]);
      expect(page.win.violations).to.deep.equal([]);
      expect(page.win.pageErrors).to.deep.equal([]);

      // The editor page's "Check" for this page's address, against the same receiver.
      const check = await editorCheck(server, page.win.location.href);
      expect(check.ready).to.equal(false);
      expect(check.summary).to.equal(
        `Fix before you publish: pages on ${location.origin} cannot send responses to it.`,
      );
      expect(check.messages[0]).to.equal(
        `Pages on ${location.origin} may not send responses to this receiver: their answers ` +
          "would wait on respondents' devices. Ask IT to add " +
          `${location.origin} to ALLOWED_ORIGINS in the receiver's settings and restart it.`,
      );
    } finally {
      page.close();
      await server.stop();
    }
  });

  it('the same check is ready for a site the survey server allows', async () => {
    const server = await startSurveyServer();
    try {
      const check = await editorCheck(server, `${location.origin}/cms-pages/news`);
      expect(check.summary).to.equal(
        `Ready: pages on ${location.origin} can show the survey and send its responses.`,
      );
      expect(check.messages[0]).to.equal(
        `Pages on ${location.origin} may send responses to this receiver.`,
      );
    } finally {
      await server.stop();
    }
  });
});
