// ---- santei public contract (v1): claim in, envelope out. See docs/claim-format.md. ----

/** A decimal number written as a string ("60", "12.5"); numbers are accepted on input. */
export type Decimal = string;
/** An ISO date, "YYYY-MM-DD". */
export type IsoDate = string;

/** One problem with the input (a problem with the billing is a Finding, never an error). */
export interface ApiError {
  /** Stable code: invalid_json, invalid_claim, invalid_input, too_large, date_not_covered, ... */
  code: string;
  message: string;
  /** Where in the input, e.g. "prescriptions[0].items[2].days" ("" = the whole input). */
  path: string;
}
export interface ErrorEnvelope { status: "error"; errors: ApiError[] }
/** Every call returns an envelope; none throws. */
export type Envelope<T> = (T & { status: "ok" }) | ErrorEnvelope;

export type Dispensing = "outside" | "inhouse";
export type WrittenAs = "generic" | "brand";
export type Use = "regular" | "prn" | "temporary";
export type Route = "internal" | "external" | "injection";
export type PsychotropicClass = "anxiolytic" | "hypnotic" | "antidepressant" | "antipsychotic" | "none";

/** A drug by master code and/or inline facts (inline facts override the master). */
export interface DrugRef {
  code?: string; yj?: string; genericCode?: string; name?: string; genericName?: string;
  route?: Route; hasGeneric?: boolean; generic?: boolean; additionFlag?: "1" | "1,2" | "none";
  biologic?: boolean; biosimilar?: boolean; hasBiosimilar?: boolean; unitPrice?: Decimal | number;
  unit?: string; psychotropicClass?: PsychotropicClass; narcoticEtc?: boolean; antineoplastic?: boolean;
  benzodiazepine?: boolean; longTermYear?: boolean; oralNutrition?: boolean; syringeOrNeedle?: boolean;
  hifPhInhibitor?: boolean; gargle?: boolean; analgesicPatch?: boolean; originator?: string;
}
export interface ClaimItem {
  drug: DrugRef; writtenAs?: WrittenAs; use?: Use; days?: number; dailyQuantity?: Decimal | number;
  doseGroup?: string; biosimilarIndicated?: boolean; firstUseDate?: IsoDate; biosimilarExplained?: boolean;
  sameOriginatorFirstUseDate?: IsoDate; cancerPain?: boolean;
}
export interface PrescriptionFlags {
  antineoplasticExplained?: boolean; psychotropicReductionInstructed?: boolean;
  regionalComprehensiveCare?: boolean; longTermBenzodiazepineExempt?: boolean;
  psychotropicException?: string; nutritionReasonRecorded?: boolean; patchReasonRecorded?: boolean;
}
export interface Prescription {
  id?: string; dispensing: Dispensing; department?: string; doctor?: string; emergency?: boolean;
  refill?: boolean; refillUses?: number; issuance?: string; flags?: PrescriptionFlags; items?: ClaimItem[];
}
export interface Filing { item: string; since: IsoDate; until?: IsoDate }
export interface Facility {
  kind?: "clinic" | "hospital"; licensedBeds?: number; genericNamePrescribingNotice?: boolean;
  filings?: Filing[]; specialPharmacyRelationship?: boolean; pharmacistOnDuty?: boolean;
  lowReferralLargeHospital?: boolean; dpc?: boolean;
}
export interface Patient { id?: string; birthDate?: IsoDate; usualDispensing?: Dispensing; specifiedDiseaseMain?: boolean }
export interface BilledLine { code: string; points?: Decimal | number; date?: IsoDate; count?: number }
export interface BiologicUse { drug: DrugRef; date: IsoDate; biosimilarIndicated?: boolean }
export interface Admission {
  admissionDate: IsoDate; dischargeDate?: IsoDate; baseFee?: string; specifiedBaseFee?: boolean;
  /** A317 only: is 注7 (地域包括ケア入院医療管理) billed? Then 注8 folds A243-2 in. */
  communityCareRoom?: boolean;
  biologicsUsed?: BiologicUse[]; alreadyBilled?: BilledLine[];
}
export interface Injection {
  drug: DrugRef; date?: IsoDate; biosimilarExplained?: boolean; firstUseDate?: IsoDate; biosimilarIndicated?: boolean;
  sameOriginatorFirstUseDate?: IsoDate; emergencyVisit?: boolean;
}
/** C101 在宅自己注射指導管理料 facts of the claim's month (C101 注4). */
export interface SelfInjection { managementBilled?: boolean; faceToFace?: boolean; outpatientChemotherapySameMonth?: boolean }
/** One claim: one patient, one date of service. Unknown fields are rejected. */
export interface Claim {
  schemaVersion?: 1; serviceDate: IsoDate; setting?: "outpatient" | "inpatient";
  facility?: Facility; patient?: Patient; prescriptions?: Prescription[];
  remarks?: { code?: string; text?: string }[]; admission?: Admission; injections?: Injection[];
  selfInjection?: SelfInjection;
  history?: { billedThisMonth?: BilledLine[] }; billed?: BilledLine[];
}

export interface Text { ja: string; en: string }
export interface Basis { doc: string; at: string; law?: string }
export interface Used { param: string; value: string; unit: string; from: string }
export interface MissingFact { path: string; message: Text }
export interface Finding {
  code: string; outcome: "eligible" | "ineligible" | "needs_review"; severity: "info" | "warning" | "error";
  message: Text; basis: Basis[]; used: Used[]; missingFacts: MissingFact[]; hint: Text | null;
  prescriptionId?: string;
}
export interface Line {
  code: string; item: string; nameJa: string; points: Decimal; count: number; date: IsoDate;
  prescriptionId?: string; basis: Basis[];
}
export interface MasterRef { name: string; release: string }
export interface BilledCheck { code: string; billed: Decimal | null; expected: Decimal | null; finding: string }
export interface Evaluation {
  schemaVersion: 1; serviceDate: IsoDate; revision: "R06" | "R08"; masters: MasterRef[];
  lines: Line[]; totalPoints: Decimal; findings: Finding[]; billedCheck: BilledCheck[];
}
export interface BatchResult { results: Array<(Evaluation & { status: "ok" }) | ErrorEnvelope> }
export interface RevisionSpan { id: "R06" | "R08"; title: string; from: IsoDate; until: IsoDate; basis: string }
export interface VersionInfo {
  name: "santei"; version: string; schemaVersion: number; revisions: RevisionSpan[]; masters: MasterRef[];
}
export interface ParamValue { from: IsoDate; until: IsoDate; value: string; doc: string; at: string; law: string; quote: string }
export interface RulesInfo {
  sources: { id: string; title: string; file: string }[];
  params: { id: string; unit: string; name: string; revisions?: ("R06" | "R08")[]; values: ParamValue[] }[];
  items: { item: string; name: string; param: string | null; codes: { from: IsoDate; until: IsoDate; code: string; source: string }[] }[];
  findings: { code: string; ja: string; en: string }[];
}

/** checkFacilityStandard input: the last 12 months of dispensing per ingredient (規格単位数量). */
export interface IngredientQuantity {
  /** id ("epoetin") or Japanese name ("エポエチン"). */
  ingredient: string; originator: Decimal | number; biosimilar: Decimal | number;
  originatorNotIndicated?: Decimal | number;
}
export interface FacilityStandardInput {
  schemaVersion?: 1; date: IsoDate; filings?: Filing[]; useCount?: number;
  ingredients?: IngredientQuantity[];
  /** CSV text with a header: ingredient,originator,biosimilar[,originatorNotIndicated] (or 成分,先行,後続). */
  csv?: string;
}
export interface IngredientResult {
  id: string; nameJa: string; threshold: Decimal | null; originator: Decimal; biosimilar: Decimal; total: Decimal;
  share: Decimal | null; status: "pass" | "fail" | "exempt" | "deemed" | "not_listed";
  shortfall: Decimal | null; additionalBiosimilar: Decimal | null; transitional: boolean; basis: Basis[];
}
export interface FacilityStandardResult {
  date: IsoDate; revision: "R06" | "R08"; outcome: "eligible" | "ineligible" | "needs_review";
  ingredients: IngredientResult[]; findings: Finding[];
}

// ---- checkUke (UKE helper): a レセプト電算 file's report ------------------------------------
export interface UkeFinding extends Finding { date?: IsoDate; line?: number }
export interface UkeLineProblem { line: number; code: "bad_encoding" | "truncated" | "too_many_fields" | "bad_value" | "unknown_record" | "outside_receipt"; message: string }
export interface UkeFileHeader { payer: string | null; prefecture: string | null; facilityCode: string | null; facilityName: string | null; billingMonth: string | null }
export interface UkeReceiptReport {
  receiptNumber: string; line: number; kind: string; inpatient: boolean;
  serviceMonth: string | null; nameKana: string | null; revisions: Array<"R06" | "R08">;
  procedures: number; drugs: number; materials: number; comments: number; diagnoses: number;
  maxSeverity: "info" | "warning" | "error" | null; findings: UkeFinding[];
}
export interface UkeSummary {
  receipts: number; withFindings: number; withErrors: number;
  byCode: Record<string, number>; byOutcome: Record<string, number>;
  malformedLines: UkeLineProblem[]; lines: number; bytes: number; masters: MasterRef[];
}
export interface UkeReport { file: UkeFileHeader; receipts: UkeReceiptReport[]; summary: UkeSummary }
export interface CheckUkeOptions { onProgress?: (done: number, total: number) => void; progressEvery?: number }
