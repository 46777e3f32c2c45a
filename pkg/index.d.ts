// Types for the santei package: every export and every type of the public contract (v1).
// They mirror src/api.rs (the claim and evaluation) and src/lib.rs (version, rules) field by
// field; tests/node/package_types.test.mjs checks that every serialised field of src/api.rs is
// named here. Decimals travel as strings ("60", "8.5"), dates as "YYYY-MM-DD" strings.

/** A decimal number written as a string, e.g. "60" or "12.5". Never a JS number. */
export type DecimalString = string;
/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

// ---------------------------------------------------------------------------------------------
// Input: the claim
// ---------------------------------------------------------------------------------------------

export type Setting = 'outpatient' | 'inpatient';
export type FacilityKind = 'clinic' | 'hospital';
/** 院外処方箋 ("outside") or 院内投薬 ("inhouse"). */
export type Dispensing = 'outside' | 'inhouse';
/** 一般名処方 ("generic") or 銘柄名処方 ("brand"). */
export type WrittenAs = 'generic' | 'brand';
/** 内服 regular, 頓服 ("prn"), 臨時 ("temporary"). */
export type Use = 'regular' | 'prn' | 'temporary';
export type Route = 'internal' | 'external' | 'injection';
export type PsychotropicClass = 'anxiolytic' | 'hypnotic' | 'antidepressant' | 'antipsychotic';
/** 一般名処方マスタ 加算 flag. */
export type AdditionFlag = '1' | '1,2' | 'none';

/** One claim: one patient, one date of service (and, for inpatients, one admission). */
export interface Claim {
  schemaVersion?: 1 | null;
  /** Selects the rule set: R06 for 2024-06-01..2026-05-31, R08 from 2026-06-01. Required. */
  serviceDate: IsoDate;
  setting?: Setting;
  facility?: Facility;
  patient?: Patient;
  prescriptions?: Prescription[];
  /** 摘要欄 comments. */
  remarks?: Remark[];
  admission?: Admission | null;
  /** Outpatient injections on this day (注射 通則7 バイオ後続品導入初期加算). */
  injections?: Injection[];
  /** Facts about this month and earlier claims that a single claim cannot show. */
  history?: History;
  /** What the clerk intends to bill; compared with what the rules give. */
  billed?: BilledLine[];
}

/** The facility's standing facts. Absent or null = "not stated": a rule that needs it says so. */
export interface Facility {
  kind?: FacilityKind;
  licensedBeds?: number | null;
  /** 施設基準 第七 五: the 一般名処方 掲示. */
  genericNamePrescribingNotice?: boolean | null;
  /** 届出 held, with the date each took effect. */
  filings?: Filing[];
  /** F400 注8: special relationship with a 特別調剤基本料A pharmacy. */
  specialPharmacyRelationship?: boolean | null;
  /** F500 / 投薬 通則3: a pharmacist always on duty. */
  pharmacistOnDuty?: boolean | null;
  /** A000 注2/注3 or A002 注2/注3 billed by this hospital (F400 注2, F100 注7). */
  lowReferralLargeHospital?: boolean | null;
}

export interface Filing {
  /** Fee-schedule item, e.g. "A243-2". */
  item: string;
  since: IsoDate;
  until?: IsoDate | null;
}

export interface Patient {
  id?: string | null;
  birthDate?: IsoDate | null;
  /** 常時院外 ("outside") or 常時院内 ("inhouse"). */
  usualDispensing?: Dispensing | null;
  /** 別に厚生労働大臣が定める疾患 is the main disease. */
  specifiedDiseaseMain?: boolean | null;
}

/** One slip (処方箋) or one in-house prescription (院内処方). */
export interface Prescription {
  id?: string | null;
  dispensing: Dispensing;
  department?: string | null;
  doctor?: string | null;
  /** 緊急やむを得ない事態 (F400 通知 (9)). */
  emergency?: boolean | null;
  refill?: boolean | null;
  /** Slips issued at the same time in one 一連の診療 share this key. */
  issuance?: string | null;
  flags?: PrescriptionFlags;
  items?: Item[];
}

/** Facts about a prescription that the drug list alone cannot show. */
export interface PrescriptionFlags {
  antineoplasticExplained?: boolean | null;
  psychotropicReductionInstructed?: boolean | null;
  regionalComprehensiveCare?: boolean | null;
  longTermBenzodiazepineExempt?: boolean | null;
  psychotropicException?: string | null;
  nutritionReasonRecorded?: boolean | null;
}

/** One drug line. */
export interface Item {
  drug: DrugRef;
  writtenAs?: WrittenAs | null;
  use?: Use | null;
  days?: number | null;
  /** Quantity per day / dose / dispensing, in the master's unit (decimal string). */
  dailyQuantity?: DecimalString | null;
  /** Items with the same key are taken at the same times: one 剤. */
  doseGroup?: string | null;
  biosimilarIndicated?: boolean | null;
  firstUseDate?: IsoDate | null;
  biosimilarExplained?: boolean | null;
}

/** A drug named by a master code and/or described inline. Inline facts override the master. */
export interface DrugRef {
  /** レセ電 9-digit 医薬品コード. */
  code?: string | null;
  /** 薬価基準収載医薬品コード (12 characters). */
  yj?: string | null;
  /** 一般名コード (12 characters). */
  genericCode?: string | null;
  name?: string | null;
  /** 一般的名称: the unit in which 品目 are counted. */
  genericName?: string | null;
  route?: Route | null;
  hasGeneric?: boolean | null;
  generic?: boolean | null;
  additionFlag?: AdditionFlag | null;
  biologic?: boolean | null;
  biosimilar?: boolean | null;
  hasBiosimilar?: boolean | null;
  /** Yen per unit (decimal string). */
  unitPrice?: DecimalString | null;
  unit?: string | null;
  psychotropicClass?: PsychotropicClass | null;
  narcoticEtc?: boolean | null;
  antineoplastic?: boolean | null;
  benzodiazepine?: boolean | null;
  longTermYear?: boolean | null;
  oralNutrition?: boolean | null;
  syringeOrNeedle?: boolean | null;
  hifPhInhibitor?: boolean | null;
  gargle?: boolean | null;
  originator?: string | null;
}

export interface Remark {
  code?: string | null;
  text?: string | null;
}

export interface Admission {
  admissionDate: IsoDate;
  dischargeDate?: IsoDate | null;
  /** 入院基本料 on the billing day, e.g. "A100". */
  baseFee?: string | null;
  biologicsUsed?: BiologicUse[];
  alreadyBilled?: BilledLine[];
}

export interface BiologicUse {
  drug: DrugRef;
  date: IsoDate;
  biosimilarIndicated?: boolean | null;
}

export interface Injection {
  drug: DrugRef;
  biosimilarExplained?: boolean | null;
  firstUseDate?: IsoDate | null;
  biosimilarIndicated?: boolean | null;
}

export interface History {
  /** Lines already billed this calendar month. */
  billedThisMonth?: BilledLine[];
}

export interface BilledLine {
  code: string;
  points?: DecimalString | null;
  date?: IsoDate | null;
  count?: number | null;
}

// ---------------------------------------------------------------------------------------------
// Output: the evaluation and its envelope
// ---------------------------------------------------------------------------------------------

export type Revision = 'R06' | 'R08';
export type Outcome = 'eligible' | 'ineligible' | 'needs_review';
export type Severity = 'info' | 'warning' | 'error';

/** A legal basis: document, place in it, and (when known) `<file under law/> L<line>`. */
export interface Basis {
  doc: string;
  at: string;
  law?: string;
}

/** A text in both languages. */
export interface Text {
  ja: string;
  en: string;
}

/** A parameter value a finding or line relied on. */
export interface Used {
  param: string;
  value: string;
  unit: string;
  from: string;
}

/** A fact the claim lacks that would decide a finding. */
export interface MissingFact {
  /** Where in the claim it would go. */
  path: string;
  message: Text;
}

export interface Finding {
  /** Stable ASCII code, e.g. "F400.note6.addition1". */
  code: string;
  outcome: Outcome;
  severity: Severity;
  message: Text;
  basis: Basis[];
  used: Used[];
  missingFacts: MissingFact[];
  hint: Text | null;
  prescriptionId?: string;
}

/** One line that may be billed, in fee-schedule order. */
export interface Line {
  /** SSK 診療行為 code. */
  code: string;
  /** Stable fee-schedule reference, e.g. "F400-3". */
  item: string;
  nameJa: string;
  points: DecimalString;
  count: number;
  /** The day it is billed on. */
  date: IsoDate;
  prescriptionId?: string;
  basis: Basis[];
}

export interface MasterRef {
  name: string;
  release: string;
}

export interface BilledCheck {
  code: string;
  billed: DecimalString | null;
  expected: DecimalString | null;
  finding: string;
}

/** The answer for one claim. */
export interface Evaluation {
  status: 'ok';
  schemaVersion: number;
  serviceDate: IsoDate;
  revision: Revision;
  masters: MasterRef[];
  lines: Line[];
  totalPoints: DecimalString;
  findings: Finding[];
  billedCheck: BilledCheck[];
}

/** One problem with the input (not with the claim's billing: that is a finding). */
export interface ApiError {
  /** e.g. "invalid_json", "invalid_claim", "date_not_covered", "not_initialized". */
  code: string;
  message: string;
  /** Where in the input, e.g. "prescriptions[0].dispensing"; "" for the whole input. */
  path: string;
}

export interface ErrorEnvelope {
  status: 'error';
  errors: ApiError[];
}

/** What every call returns: never a thrown exception. */
export type Envelope<T extends { status: 'ok' }> = T | ErrorEnvelope;

/** One entry of a batch: an evaluation or the errors of that claim. */
export type BatchEntry = Evaluation | ErrorEnvelope;

export interface BatchResult {
  status: 'ok';
  results: BatchEntry[];
}

/** A rule set and the dates of service it covers. */
export interface RevisionSpan {
  id: Revision;
  title: string;
  from: IsoDate;
  until: IsoDate;
  basis: string;
}

export interface VersionInfo {
  status: 'ok';
  name: string;
  /** The crate version (= this package's version). */
  version: string;
  schemaVersion: number;
  revisions: RevisionSpan[];
  /** Master releases loaded. */
  masters: MasterRef[];
}

export interface Source {
  id: string;
  title: string;
  file: string;
}

export interface ParamValue {
  from: IsoDate;
  until: IsoDate;
  value: string;
  doc: string;
  at: string;
  /** `<file under law/> L<line>`. */
  law: string;
  /** Text that appears on that line. */
  quote: string;
}

export interface Param {
  id: string;
  /** points, yen, percent, days, count, months, date, ratio. */
  unit: string;
  name: string;
  revisions?: Revision[];
  values: ParamValue[];
}

export interface ItemCode {
  from: IsoDate;
  until: IsoDate;
  code: string;
  source: string;
}

export interface FeeItem {
  item: string;
  name: string;
  param: string | null;
  codes: ItemCode[];
}

export interface FindingText {
  code: string;
  ja: string;
  en: string;
}

export interface RulesInfo {
  status: 'ok';
  sources: Source[];
  params: Param[];
  items: FeeItem[];
  findings: FindingText[];
}

/**
 * Master kinds `loadMaster` accepts: "catalog" (the package's default drug catalogue) and the
 * CSV releases named in the contract. Other strings are passed through; the engine answers
 * an error envelope for a kind it does not know.
 */
export type MasterKind = 'catalog' | 'ssk' | 'ippanmei' | 'generic' | (string & {});

export interface LoadMasterResult {
  status: 'ok';
  [key: string]: unknown;
}

export interface CheckUkeOptions {
  /** Called as receipts are checked. */
  onProgress?: (done: number, total: number) => void;
  [key: string]: unknown;
}

/** A report per receipt of an UKE file; its fields are the uke module's (see docs/). */
export interface UkeReport {
  status: 'ok';
  [key: string]: unknown;
}

// ---------------------------------------------------------------------------------------------
// Package-level types
// ---------------------------------------------------------------------------------------------

/** Options for `init()` in browsers and bundlers. All optional. */
export interface InitOptions {
  /** Where to fetch the wasm from. Default: web/santei_bg.wasm next to the package's web.js. */
  wasmUrl?: string | URL;
  /** The wasm itself (inlined: bytes, a compiled module or a Response); overrides wasmUrl. */
  wasm?: BufferSource | WebAssembly.Module | Response | Promise<Response>;
  /** Where to fetch the default drug catalogue from (default: next to web.js, if shipped). */
  catalogUrl?: string | URL;
  /** `false` to load no catalogue; or its bytes. */
  catalog?: false | BufferSource;
}

export interface CatalogStatus {
  loaded: boolean;
  source: string | null;
  reason?: string;
  bytes?: number;
  errors?: ApiError[];
}

export interface InitResult {
  status: 'ok';
  version: Envelope<VersionInfo>;
  catalog: CatalogStatus;
}

export interface FileDigest {
  file: string;
  bytes: number;
  sha256: string;
}

export interface PackageInfo {
  status: 'ok';
  name: string;
  packageVersion: string;
  target: 'web' | 'node';
  wasm: FileDigest;
  catalog: FileDigest | null;
  ready: boolean;
  init: Envelope<InitResult> | null;
}

// ---------------------------------------------------------------------------------------------
// Functions. None throws: each returns an envelope. In a browser, call `await init()` first;
// before that they answer `{status:"error", errors:[{code:"not_initialized"}]}`.
// A function the loaded engine build lacks answers code "not_available".
// ---------------------------------------------------------------------------------------------

/** One claim (an object or JSON text) → its evaluation. */
export function evaluate(claim: Claim | string): Envelope<Evaluation>;
/** Claims → one result per claim, in order; a bad claim gives an error entry, the others still evaluate. */
export function evaluateBatch(claims: Claim[] | string): Envelope<BatchResult>;
/** Crate version, supported revisions and dates, master releases loaded. */
export function version(): Envelope<VersionInfo>;
/** The rule catalogue with citations. */
export function rules(): Envelope<RulesInfo>;
/** Adds a master release (bytes of the file) on top of the embedded default. */
export function loadMaster(kind: MasterKind, bytes: Uint8Array): Envelope<LoadMasterResult>;
/** Checks a レセプト電算 (UKE) file given as its Shift_JIS bytes. */
export function checkUke(bytes: Uint8Array, options?: CheckUkeOptions): Envelope<UkeReport>;
/** Evaluates several claims of one patient together (see docs/). */
export function evaluatePatient(input: unknown): Envelope<{ status: 'ok'; [key: string]: unknown }>;
/** Checks a facility standard (施設基準) from the facility's facts (see docs/). */
export function checkFacilityStandard(input: unknown): Envelope<{ status: 'ok'; [key: string]: unknown }>;
/** Searches the loaded drug catalogue (see docs/). */
export function searchDrugs(query: unknown): Envelope<{ status: 'ok'; [key: string]: unknown }>;

/** Browser: instantiates the engine (idempotent, never rejects). Node: already loaded; reports. */
export function init(options?: InitOptions): Promise<Envelope<InitResult>>;
/** True once the engine is instantiated. */
export function isReady(): boolean;
/** Package version, digests of its wasm and catalogue, and the init result. */
export function packageInfo(): PackageInfo;
