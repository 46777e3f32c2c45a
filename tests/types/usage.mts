// Type-checked by tests/node/package_types.test.mjs (tsc --noEmit, strict, skipLibCheck off):
// every export of `santei` and `santei/component`, used as a host would, with the contract types.
import init, {
  evaluate,
  evaluateBatch,
  version,
  rules,
  loadMaster,
  checkUke,
  evaluatePatient,
  checkFacilityStandard,
  searchDrugs,
  isReady,
  packageInfo,
  type Claim,
  type Envelope,
  type Evaluation,
  type ErrorEnvelope,
  type ApiError,
  type Finding,
  type Line,
  type Basis,
  type BatchResult,
  type VersionInfo,
  type RulesInfo,
  type InitOptions,
  type InitResult,
  type PackageInfo,
  type DrugRef,
  type Prescription,
} from 'santei';
import { SanteiClaimCheck, defineSanteiClaimCheck, type SanteiEvaluatedEvent } from 'santei/component';
import { wasmBytes, wasmBase64 } from 'santei/inline';
import { wasmBytes as fullWasmBytes } from 'santei/inline-full';

const drug: DrugRef = { code: '610406079', genericName: 'アムロジピンベシル酸塩', hasGeneric: true };
const rx: Prescription = { id: 'rx-1', dispensing: 'outside', items: [{ drug, writtenAs: 'generic', days: 14 }] };
const claim: Claim = { serviceDate: '2026-06-10', prescriptions: [rx] };

const options: InitOptions = { wasmUrl: new URL('https://portal.example/santei.wasm'), catalog: false };
const ready: Envelope<InitResult> = await init(options);
if (ready.status === 'ok') console.log(ready.catalog.loaded, ready.version.status, ready.module === 'lean');
const upgraded: Envelope<InitResult> = await init({ full: true, wasm: fullWasmBytes() });
if (upgraded.status === 'ok') console.log(upgraded.module === 'full');

const r: Envelope<Evaluation> = evaluate(claim);
if (r.status === 'ok') {
  const lines: Line[] = r.lines;
  const findings: Finding[] = r.findings;
  const basis: Basis[] = lines.flatMap((l) => l.basis);
  const total: string = r.totalPoints;
  console.log(lines, findings, basis, total, r.revision === 'R08');
} else {
  const errors: ApiError[] = r.errors;
  console.log(errors.map((e) => `${e.code} ${e.path}`));
}
const e: ErrorEnvelope | null = r.status === 'error' ? r : null;
const b: Envelope<BatchResult> = evaluateBatch([claim, claim]);
const v: Envelope<VersionInfo> = version();
const rl: Envelope<RulesInfo> = rules();
const info: PackageInfo = packageInfo();
const ok: boolean = isReady();
console.log(e, b, v, rl, info.wasm.sha256, info.full.sha256, info.module ?? 'not loaded', info.catalog?.sha256, ok);
console.log(loadMaster('catalog', new Uint8Array()), loadMaster('mhlw-ippanmei', new ArrayBuffer(0), '2026-06-01'), checkUke(new Uint8Array(), { onProgress: (d, t) => d / t }));
const fs = checkFacilityStandard({ date: '2026-06-01', ingredients: [{ ingredient: 'epoetin', originator: '10', biosimilar: 90 }] });
if (fs.status === 'ok') console.log(fs.outcome, fs.revision);
console.log(evaluatePatient([claim, claim]), fs, searchDrugs('アムロジピン', '2026-06-10', 5));
console.log(wasmBytes().byteLength, wasmBase64.length);

const Cls: typeof SanteiClaimCheck = defineSanteiClaimCheck('my-claim-check', { wasmUrl: '/static/santei.wasm' });
const el = document.createElement('santei-claim-check');
el.claim = claim;
el.addEventListener('santei-evaluated', (ev: SanteiEvaluatedEvent) => console.log(ev.detail.totalPoints));
el.addEventListener('santei-error', (ev) => console.log(ev.detail.errors[0]?.code));
const again: Promise<Envelope<Evaluation> | null> = el.evaluate();
console.log(Cls, again, el.result, el.versionInfo);
