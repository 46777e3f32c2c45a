// Stand-alone page for the biosimilar views (until they sit in the main page's tabs). Loads the
// engine from pkg/ like any user (the full module: checkFacilityStandard is not in the lean
// engine), then mounts the admission form and the facility-standard view.
import { init, evaluate, rules, checkFacilityStandard } from '../../pkg/web.js';
import { mountAdmissionForm } from './admission_form.js';
import { mountFacilityView } from './facility_view.js';

const r = await init({ full: true });
if (r.status !== 'ok') {
  document.body.dataset.state = 'error';
  document.body.append(`santei could not start: ${JSON.stringify(r.errors ?? r)}`);
} else {
  mountAdmissionForm(document.getElementById('bio-admission'), { evaluate });
  mountFacilityView(document.getElementById('bio-facility'), { checkFacilityStandard, rules });
  document.body.dataset.state = 'ready';
}
