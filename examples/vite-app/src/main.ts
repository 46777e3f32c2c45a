// A portal page: the package by name, typed. `santei` gives the functions and the contract
// types; `santei/component` registers <santei-claim-check>.
import { init, evaluate, version, type Claim, type Envelope, type Evaluation, type Finding } from 'santei';
import 'santei/component';
import type { SanteiClaimCheck } from 'santei/component';
import './style.css';

const example: Claim = {
  serviceDate: '2026-06-10',
  setting: 'outpatient',
  facility: { kind: 'clinic', genericNamePrescribingNotice: true },
  prescriptions: [
    {
      id: 'rx-1',
      dispensing: 'outside',
      items: [],
    },
  ],
};

const textarea = document.querySelector<HTMLTextAreaElement>('#claim')!;
const english = document.querySelector<HTMLInputElement>('#english')!;
const summary = document.querySelector<HTMLOutputElement>('#summary')!;
const element = document.querySelector<SanteiClaimCheck>('#result')!;
textarea.value = JSON.stringify(example, null, 2);

function describe(r: Envelope<Evaluation>): string {
  if (r.status !== 'ok') return `error: ${r.errors.map((e) => e.code).join(', ')}`;
  const review = r.findings.filter((f: Finding) => f.outcome === 'needs_review').length;
  return `${r.revision} ${r.totalPoints} 点, ${r.lines.length} lines, ${review} to review`;
}

element.addEventListener('santei-evaluated', (e) => {
  summary.value = describe(e.detail);
  document.body.dataset.status = 'evaluated';
});
element.addEventListener('santei-error', (e) => {
  summary.value = describe(e.detail);
  document.body.dataset.status = 'error';
});
english.addEventListener('change', () => {
  if (english.checked) element.setAttribute('lang', 'en');
  else element.removeAttribute('lang');
});
document.querySelector('#check')!.addEventListener('click', () => {
  let claim: Claim;
  try {
    claim = JSON.parse(textarea.value) as Claim;
  } catch {
    summary.value = 'JSON error';
    document.body.dataset.status = 'error';
    return;
  }
  element.claim = claim;
});

const ready = await init();
if (ready.status === 'ok') {
  const v = version();
  document.body.dataset.santeiVersion = v.status === 'ok' ? v.version : 'unknown';
  // The same engine the element uses, called directly.
  document.body.dataset.direct = describe(evaluate(example));
}
// Show the example right away; the element reports through its events.
element.claim = example;
