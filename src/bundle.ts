/**
 * The entry of dist/values-survey.js, the one-file script-tag bundle: it registers the elements,
 * then upgrades the markers that CMS editors keep (see embed/markers.ts), and exports nothing (a
 * script tag cannot use exports, and the run-once wrapper needs none). The class is available
 * as `customElements.get('values-survey')`.
 */
import './define.js';
import { watchMarkers } from './embed/markers.js';

watchMarkers();
