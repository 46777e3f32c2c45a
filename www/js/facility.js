// The 施設基準・入院 tab (bio helper): the A243-2 admission form and the facility-standard view
// with R6 / R8 bar charts. The modules live in www/bio/; this only mounts them in the tab panel
// with the page's engine (ctx.santei) and adds their stylesheet (same origin: CSP style-src 'self').
import { mountAdmissionForm } from '../bio/admission_form.js';
import { mountFacilityView } from '../bio/facility_view.js';

function ensureStylesheet() {
  const href = new URL('../bio/bio.css', import.meta.url).href;
  if ([...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href === href)) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.append(link);
}

/** mount(panel, ctx): ctx.santei has evaluate, checkFacilityStandard and rules. */
export function mount(panel, ctx) {
  ensureStylesheet();
  const { santei } = ctx;
  const admission = document.createElement('section');
  admission.id = 'bio-admission';
  const h1 = document.createElement('h2');
  h1.textContent = '入院: バイオ後続品使用体制加算 (A243-2) / admission';
  admission.append(h1);
  const facility = document.createElement('section');
  facility.id = 'bio-facility';
  const h2 = document.createElement('h2');
  h2.textContent = '施設基準 (R6 と R8) / facility standard';
  facility.append(h2);
  panel.replaceChildren(admission, facility);
  mountAdmissionForm(admission, { evaluate: (c) => santei.evaluate(c) });
  mountFacilityView(facility, {
    checkFacilityStandard: (i) => santei.checkFacilityStandard(i),
    rules: () => santei.rules(),
  });
}
