// GET /check?origin=<page address or origin>&survey=<id>[&bundle=<bundle URL>]: the editor page's
// "check the endpoint" answer, in words, before a survey goes on a page:
//
//   { originAllowed, surveyOpen, bundleLoads, messages: ["...", ...] }
//
// originAllowed: may a page at that address send responses here (ALLOWED_ORIGINS, or this
// receiver's own pages); surveyOpen: does the receiver hold that survey and accept responses for
// it now (null when no survey was named or the receiver keeps no survey list); bundleLoads: can a
// page load the survey's script from here (the current bundle, or the one `bundle` names).
// 400 (same shape) when the page address cannot be read. Open to any origin: it says nothing that
// a failed POST would not.
import { originOf, ownOrigin } from '../origins.js';
import { viewSurvey } from '../surveys-view.js';
import { MANIFEST_PATH, NOT_BUILT } from './assets.js';

/** Addresses a browser treats as secure even over http (mixed content is allowed to them). */
const LOOPBACK = /^(localhost|127(\.\d+){3}|\[::1\])$/;

/**
 * @param {import('fastify').FastifyInstance} app
 * @param {{ policy: ReturnType<typeof import('../origins.js').createOriginPolicy>,
 *   bundles: ReturnType<typeof import('./assets.js').bundleSource> }} options
 */
export async function checkRoutes(app, { policy, bundles }) {
  app.get('/check', async (request, reply) => {
    reply.header('Access-Control-Allow-Origin', '*').header('Cache-Control', 'no-store');
    const query = request.query;
    const text = (name) => (typeof query[name] === 'string' ? query[name] : undefined);
    const messages = [];
    const receiver = new URL(ownOrigin(request));

    // May a page there send?
    const page = originOf(text('origin'));
    let originAllowed = false;
    if ('problem' in page) messages.push(page.problem);
    else if (page.origin === receiver.origin) {
      originAllowed = true;
      messages.push(
        `Pages on ${page.origin} are served by this receiver (such as the hosted survey page) and may always send.`,
      );
    } else if (policy.allows(page.origin)) {
      originAllowed = true;
      messages.push(`Pages on ${page.origin} may send responses to this receiver.`);
    } else {
      messages.push(
        `Pages on ${page.origin} may not send responses to this receiver: their answers would ` +
          "wait on respondents' devices. Ask IT to add " +
          `${page.origin} to ALLOWED_ORIGINS in the receiver's settings and restart it.`,
      );
    }
    if (
      'origin' in page &&
      page.origin.startsWith('https:') &&
      receiver.protocol === 'http:' &&
      !LOOPBACK.test(receiver.hostname)
    ) {
      originAllowed = false;
      messages.push(
        `The page is on https, but this receiver was reached over http (${receiver.origin}): ` +
          'browsers block that. Give the receiver an https address (a TLS reverse proxy) and use it.',
      );
    }

    // Is the survey open?
    let surveyOpen = null;
    const surveyId = text('survey')?.trim();
    if (!surveyId) {
      messages.push('No survey was named, so whether it is open was not checked.');
    } else {
      const survey = await viewSurvey(app.surveys, surveyId);
      surveyOpen = survey.open;
      messages.push(survey.message);
    }

    // Does the script load?
    const bundle = await bundles.current();
    let bundleLoads = false;
    const named = text('bundle')?.trim();
    if (named) {
      const name = bundleName(named, receiver.origin);
      if (!name) {
        messages.push(
          `The script address ${named} is not on this receiver: use the one ${receiver.origin}${MANIFEST_PATH} gives.`,
        );
      } else if (name === bundle?.name || (await bundles.archived(name))) {
        bundleLoads = true;
        messages.push(`The survey's script loads from ${named} on any site.`);
      } else {
        messages.push(
          `This receiver has no script ${name}: use the address and integrity ${receiver.origin}${MANIFEST_PATH} gives.`,
        );
      }
    } else if (bundle) {
      bundleLoads = true;
      messages.push(
        `The survey's script loads on any site from ${receiver.origin}${bundle.path} ` +
          `(integrity ${bundle.integrity}).`,
      );
    } else {
      messages.push(`The survey's script cannot be loaded from this receiver. ${NOT_BUILT}`);
    }

    return reply
      .code('problem' in page ? 400 : 200)
      .send({ originAllowed, surveyOpen, bundleLoads, messages });
  });
}

/** The bundle's file name if `address` is a script on this receiver's /assets/, else undefined. */
function bundleName(address, receiverOrigin) {
  let url;
  try {
    url = new URL(address, receiverOrigin);
  } catch {
    return undefined;
  }
  if (url.origin !== receiverOrigin) return undefined;
  const match = /^\/assets\/([^/]+)$/.exec(url.pathname);
  return match?.[1];
}
