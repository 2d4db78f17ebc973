/**
 * The entry of dist/values-survey.js, the one-file script-tag bundle: it registers the elements,
 * then upgrades the markers that CMS editors keep (see embed/markers.ts), and exports nothing (a
 * script tag cannot use exports, and the run-once wrapper needs none). The class is available
 * as `customElements.get('values-survey')`.
 */
// The order of the modules in the bundle, stated here once. gzip finds repeats only within the
// last 32 kB, so code that reads alike sits together: Lit first, then storage and delivery, the
// session, and the definition, strings and templates beside the styles and the word chips that
// share their markup (about 1 kB gzip against the order the imports happen to give;
// docs/performance.md). Nothing else in src/ depends on the order of its imports.
import 'lit';
import '@lit/context';
import './storage/outbox-store.js';
import './controllers/delivery.js';
import './controllers/drafts.js';
import './controllers/history.js';
import './session/after-submit.js';
import './session/configuration.js';
import './session/kiosk-flow.js';
import './session/resume.js';
import './session/clearing.js';
import './session/core.js';
import './render/survey.js';
import './styles.js';
import './define.js';
import { watchMarkers } from './embed/markers.js';

watchMarkers();
