// The 施設基準・入院 tab (bio helper): the A243-2 admission form and the facility-standard view
// with R6 / R8 bar charts. The modules live in www/bio/; this only mounts them in the tab panel
// with the page's engine (ctx.santei) and adds their stylesheet (same origin: CSP style-src 'self').
// checkFacilityStandard is in the full module only: opening the tab upgrades the page's engine
// to it (pkg/web.js keeps the catalogue and the masters added on the マスター tab).
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

/** mount(panel, ctx): ctx.santei = pkg/web.js (evaluate, rules; checkFacilityStandard after the upgrade). */
export async function mount(panel, ctx) {
  ensureStylesheet();
  const { santei } = ctx;
  const wait = document.createElement('p');
  wait.className = 'app-status';
  wait.setAttribute('role', 'status');
  wait.textContent = '施設基準の計算モジュールを読み込んでいます… / loading the facility-standard module…';
  panel.replaceChildren(wait);
  const up = await santei.init({ full: true });
  if (up.status !== 'ok') {
    wait.textContent = `読み込めませんでした / could not load: ${up.errors?.[0]?.message ?? ''}`;
    return;
  }
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
