//! The public JSON contract (v1): the claim santei reads and the evaluation it returns.
//!
//! Field names are camelCase on the wire (docs/claim-format.md, docs/claim.schema.json).
//! Unknown fields are rejected so a misspelt field never silently changes an answer.

use serde::{Deserialize, Serialize};

use crate::date::IsoDate;
use crate::decimal::Dec;

/// The only schema version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

// ---------------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------------

/// One claim: one patient, one date of service (and, for inpatients, one admission).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Claim {
    #[serde(default)]
    pub schema_version: Option<u32>,
    /// Selects the rule set: R06 for 2024-06-01..2026-05-31, R08 from 2026-06-01.
    pub service_date: IsoDate,
    #[serde(default)]
    pub setting: Setting,
    #[serde(default)]
    pub facility: Facility,
    #[serde(default)]
    pub patient: Patient,
    #[serde(default)]
    pub prescriptions: Vec<Prescription>,
    /// 摘要欄 comments.
    #[serde(default)]
    pub remarks: Vec<Remark>,
    #[serde(default)]
    pub admission: Option<Admission>,
    /// Outpatient injections on this day (注射 通則7 バイオ後続品導入初期加算).
    #[serde(default)]
    pub injections: Vec<Injection>,
    /// C101 在宅自己注射指導管理料 facts (C101 注4); biosimilars prescribed are in `prescriptions`.
    #[serde(default)]
    pub self_injection: Option<SelfInjection>,
    /// Facts about this month and earlier claims that a single claim cannot show.
    #[serde(default)]
    pub history: History,
    /// What the clerk intends to bill; compared with what the rules give.
    #[serde(default)]
    pub billed: Vec<BilledLine>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Setting {
    #[default]
    Outpatient,
    Inpatient,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum FacilityKind {
    #[default]
    Clinic,
    Hospital,
}

/// The facility's standing facts. `None` means "not stated": a rule that needs it says so.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Facility {
    #[serde(default)]
    pub kind: FacilityKind,
    #[serde(default)]
    pub licensed_beds: Option<u32>,
    /// 施設基準 第七 五: the 一般名処方 掲示 (in the facility and, in principle, on the web).
    #[serde(default)]
    pub generic_name_prescribing_notice: Option<bool>,
    /// 届出 held, with the date each took effect.
    #[serde(default)]
    pub filings: Vec<Filing>,
    /// F400 注8: special relationship with a 特別調剤基本料A pharmacy (通知 F400 (16)).
    #[serde(default)]
    pub special_pharmacy_relationship: Option<bool>,
    /// F500 / 投薬 通則3: a pharmacist always on duty.
    #[serde(default)]
    pub pharmacist_on_duty: Option<bool>,
    /// A000 注2/注3 or A002 注2/注3 billed by this hospital (F400 注2, F100 注7: ×40/100).
    #[serde(default)]
    pub low_referral_large_hospital: Option<bool>,
    /// A DPC (診断群分類別包括評価) hospital whose inpatient stay is paid by the DPC 点数表:
    /// A243-2 is then decided by the DPC 告示 (not in santei's law texts) → needs_review.
    /// Not stated: the stay is taken as 出来高 (fee-for-service).
    #[serde(default)]
    pub dpc: Option<bool>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Filing {
    /// Fee-schedule item, e.g. "A243-2", "F100-note8-1".
    pub item: String,
    pub since: IsoDate,
    #[serde(default)]
    pub until: Option<IsoDate>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Patient {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub birth_date: Option<IsoDate>,
    /// 常時院外 ("outside") or 常時院内 ("inhouse"): F400 通知 (9) 緊急やむを得ない事態.
    #[serde(default)]
    pub usual_dispensing: Option<Dispensing>,
    /// 別に厚生労働大臣が定める疾患 is the main disease (特定疾患処方管理加算).
    #[serde(default)]
    pub specified_disease_main: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Dispensing {
    /// 院外処方箋
    Outside,
    /// 院内投薬
    Inhouse,
}

/// One slip (処方箋) or one in-house prescription (院内処方).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Prescription {
    #[serde(default)]
    pub id: Option<String>,
    pub dispensing: Dispensing,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub doctor: Option<String>,
    /// 緊急やむを得ない事態 (F400 通知 (9)).
    #[serde(default)]
    pub emergency: Option<bool>,
    #[serde(default)]
    pub refill: Option<bool>,
    /// リフィル処方箋: the number of times it may be used (at most 3). With `items[].days` (one use)
    /// it gives the total 処方期間 of F400 注4 (「リフィル処方箋の複数回の使用による合計の処方期間」).
    #[serde(default)]
    pub refill_uses: Option<u32>,
    /// Slips issued at the same time in one 一連の診療 share this key (F400 通知 (3)).
    #[serde(default)]
    pub issuance: Option<String>,
    /// Flags for add-ons whose conditions are not drug facts (特定疾患処方管理加算, etc.).
    #[serde(default)]
    pub flags: PrescriptionFlags,
    #[serde(default)]
    pub items: Vec<Item>,
}

/// Facts about a prescription that the drug list alone cannot show.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PrescriptionFlags {
    /// 抗悪性腫瘍剤: written explanation at the start of treatment (F400 注5 / F100 注6).
    #[serde(default)]
    pub antineoplastic_explained: Option<bool>,
    /// 向精神薬調整連携加算: reduction reviewed and a pharmacist (or nurse) instructed.
    #[serde(default)]
    pub psychotropic_reduction_instructed: Option<bool>,
    /// A001 注12 地域包括診療加算 (or B001-2-9) billed: 7-kinds rule does not apply.
    #[serde(default)]
    pub regional_comprehensive_care: Option<bool>,
    /// Doctor with sufficient experience / psychiatrist's advice (向精神薬長期処方 exception).
    #[serde(default)]
    pub long_term_benzodiazepine_exempt: Option<bool>,
    /// Psychotropic multi-drug exception under F100 通知 (3)ア (イ)..(ニ) that applies.
    #[serde(default)]
    pub psychotropic_exception: Option<String>,
    /// The reason for a nutrition product (投薬 通則6) is recorded on the slip and the claim.
    #[serde(default)]
    pub nutrition_reason_recorded: Option<bool>,
    /// 投薬 通則5: more than 63 analgesic patches in this 処方, and the doctor's reason is written on
    /// the 処方箋 and the レセプト (then the fees may be billed).
    #[serde(default)]
    pub patch_reason_recorded: Option<bool>,
}

/// One drug line.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Item {
    pub drug: DrugRef,
    /// "generic" = 一般名処方 (【般】...), "brand" = 銘柄名処方.
    #[serde(default)]
    pub written_as: Option<WrittenAs>,
    #[serde(default, rename = "use")]
    pub use_: Option<Use>,
    #[serde(default)]
    pub days: Option<u32>,
    /// Quantity per day (internal), per dose (頓服) or per dispensing (external), in the master's unit.
    #[serde(default)]
    pub daily_quantity: Option<Dec>,
    /// Items with the same `dose` key are taken at the same times: one 剤 (F200 通知 (3)).
    #[serde(default)]
    pub dose_group: Option<String>,
    /// Originator biologics: is a biosimilar approved for this patient's indication?
    #[serde(default)]
    pub biosimilar_indicated: Option<bool>,
    /// Date of first use or prescription of this biosimilar (導入初期加算 window).
    #[serde(default)]
    pub first_use_date: Option<IsoDate>,
    /// The biosimilar was explained to the patient (導入初期加算).
    #[serde(default)]
    pub biosimilar_explained: Option<bool>,
    /// An analgesic patch used for cancer pain (投薬 通知 通則10 ただし書き: not counted toward the 63
    /// patches of 通則5).
    #[serde(default)]
    pub cancer_pain: Option<bool>,
    /// First prescription of an earlier biosimilar of the same originator, when the patient
    /// switched from it (R4 疑義解釈 問158). Filled by `evaluatePatient`.
    #[serde(default)]
    pub same_originator_first_use_date: Option<IsoDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum WrittenAs {
    Generic,
    Brand,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Use {
    /// 内服 regular
    Regular,
    /// 頓服
    Prn,
    /// 臨時 (continuous ≤ 14 days)
    Temporary,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Route {
    Internal,
    External,
    Injection,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum PsychotropicClass {
    Anxiolytic,
    Hypnotic,
    Antidepressant,
    Antipsychotic,
    /// None of the four classes (別紙様式36): states that the drug is not counted for 処方料・処方箋料 1.
    None,
}

/// A drug named by a master code and/or described inline. Inline facts override the master.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DrugRef {
    /// レセ電 9-digit 医薬品コード.
    #[serde(default)]
    pub code: Option<String>,
    /// 薬価基準収載医薬品コード (12 characters).
    #[serde(default)]
    pub yj: Option<String>,
    /// 一般名コード (12 characters).
    #[serde(default)]
    pub generic_code: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    /// 一般的名称: the unit in which 品目 are counted.
    #[serde(default)]
    pub generic_name: Option<String>,
    #[serde(default)]
    pub route: Option<Route>,
    /// A 後発医薬品 exists for it (or it is one).
    #[serde(default)]
    pub has_generic: Option<bool>,
    /// It is itself a 後発医薬品.
    #[serde(default)]
    pub generic: Option<bool>,
    /// 一般名処方マスタ 加算 flag: "1" (加算1 only) or "1,2".
    #[serde(default)]
    pub addition_flag: Option<AdditionFlag>,
    #[serde(default)]
    pub biologic: Option<bool>,
    #[serde(default)]
    pub biosimilar: Option<bool>,
    #[serde(default)]
    pub has_biosimilar: Option<bool>,
    /// Yen per unit (decimal string).
    #[serde(default)]
    pub unit_price: Option<Dec>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub psychotropic_class: Option<PsychotropicClass>,
    /// 麻薬, 向精神薬, 覚醒剤原料 or 毒薬 (麻薬等加算).
    #[serde(default)]
    pub narcotic_etc: Option<bool>,
    /// 抗悪性腫瘍剤.
    #[serde(default)]
    pub antineoplastic: Option<bool>,
    /// Benzodiazepine receptor agonist (向精神薬長期処方).
    #[serde(default)]
    pub benzodiazepine: Option<bool>,
    /// Continuous prescribing at the same daily dose for a year or more (向精神薬長期処方).
    #[serde(default)]
    pub long_term_year: Option<bool>,
    /// 投薬 通則6 栄養保持を目的とした医薬品.
    #[serde(default)]
    pub oral_nutrition: Option<bool>,
    /// A syringe or needle (F400 通知 (9) second paragraph).
    #[serde(default)]
    pub syringe_or_needle: Option<bool>,
    /// HIF-PH 阻害剤 (J038 通知 (24)).
    #[serde(default)]
    pub hif_ph_inhibitor: Option<bool>,
    /// うがい薬 (投薬 通則4).
    #[serde(default)]
    pub gargle: Option<bool>,
    /// 投薬 通則5 / 通知 通則10: a 貼付剤 with an analgesic / anti-inflammatory indication (not a 麻薬 or
    /// 向精神薬, not one used only for skin diseases). Its `dailyQuantity` (per dispensing) is in 枚.
    #[serde(default)]
    pub analgesic_patch: Option<bool>,
    /// The originator this biosimilar follows (for 導入初期加算 switching).
    #[serde(default)]
    pub originator: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub enum AdditionFlag {
    /// 「加算1」: counts toward 加算1, does not earn 加算2.
    #[serde(rename = "1")]
    One,
    /// 「加算1,2」.
    #[serde(rename = "1,2")]
    OneAndTwo,
    /// Listed with no 加算 (e.g. on the 削除リスト).
    #[serde(rename = "none")]
    None,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Remark {
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Admission {
    pub admission_date: IsoDate,
    #[serde(default)]
    pub discharge_date: Option<IsoDate>,
    /// 入院基本料 on the billing day, e.g. "A100".
    #[serde(default)]
    pub base_fee: Option<String>,
    /// A106 障害者施設等入院基本料 only: is it the 特定入院基本料? (A243-2 is not listed for it.)
    #[serde(default)]
    pub specified_base_fee: Option<bool>,
    /// A317 特定一般病棟入院料 only: is the patient under its 注7 (地域包括ケア入院医療管理 in a filed
    /// room)? Then 注8 folds A243-2 into the fee. Not stated for an A317 patient → needs_review.
    #[serde(default)]
    pub community_care_room: Option<bool>,
    #[serde(default)]
    pub biologics_used: Vec<BiologicUse>,
    /// Lines already billed in this admission (e.g. A243-2 190833910 on the R6 admission day:
    /// 疑義解釈（その1） 問22).
    #[serde(default)]
    pub already_billed: Vec<BilledLine>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BiologicUse {
    pub drug: DrugRef,
    pub date: IsoDate,
    #[serde(default)]
    pub biosimilar_indicated: Option<bool>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Injection {
    pub drug: DrugRef,
    /// Day of the injection; the date of service when absent.
    #[serde(default)]
    pub date: Option<IsoDate>,
    /// The biosimilar's efficacy and safety were explained to the patient (注射 通則7).
    #[serde(default)]
    pub biosimilar_explained: Option<bool>,
    /// Date of this patient's first use of this biosimilar (the 3-month window starts in its month).
    #[serde(default)]
    pub first_use_date: Option<IsoDate>,
    #[serde(default)]
    pub biosimilar_indicated: Option<bool>,
    /// First use of an earlier biosimilar of the same originator, when the patient switched from it
    /// (R4 疑義解釈 問158: a switch does not restart the window). Filled by `evaluatePatient`.
    #[serde(default)]
    pub same_originator_first_use_date: Option<IsoDate>,
    /// The visit was an emergency (通知 C101 (13): at a C101 patient's visit the injection of the
    /// self-injected drug is billable only when the patient came as an emergency).
    #[serde(default)]
    pub emergency_visit: Option<bool>,
}

/// C101 在宅自己注射指導管理料 facts for this claim's month (C101 注4 バイオ後続品導入初期加算).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SelfInjection {
    /// C101 在宅自己注射指導管理料 is billed this month (注4 adds to it).
    #[serde(default)]
    pub management_billed: Option<bool>,
    /// The visit was face to face (通知 C101 (12): not with 注5 情報通信機器).
    #[serde(default)]
    pub face_to_face: Option<bool>,
    /// B001-2-12 外来腫瘍化学療法診療料 or 注射 通則6 外来化学療法加算 in the same month (注1: no C101).
    #[serde(default)]
    pub outpatient_chemotherapy_same_month: Option<bool>,
}

/// What earlier claims of this patient established.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct History {
    /// Lines already billed this calendar month (monthly limits).
    #[serde(default)]
    pub billed_this_month: Vec<BilledLine>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BilledLine {
    pub code: String,
    #[serde(default)]
    pub points: Option<Dec>,
    #[serde(default)]
    pub date: Option<IsoDate>,
    #[serde(default)]
    pub count: Option<u32>,
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Revision {
    R06,
    R08,
}

/// A legal basis: which document, where in it, and (when read from ../law/) the line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Basis {
    pub doc: String,
    pub at: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub law: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub ja: String,
    pub en: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Eligible,
    Ineligible,
    NeedsReview,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// A parameter value a finding or line relied on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Used {
    pub param: String,
    pub value: String,
    pub unit: String,
    pub from: String,
}

/// A fact the claim lacks that would decide a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MissingFact {
    /// Where in the claim it would go.
    pub path: String,
    pub message: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub code: String,
    pub outcome: Outcome,
    pub severity: Severity,
    pub message: Text,
    pub basis: Vec<Basis>,
    pub used: Vec<Used>,
    pub missing_facts: Vec<MissingFact>,
    pub hint: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub prescription_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Line {
    pub code: String,
    pub item: String,
    pub name_ja: String,
    pub points: Dec,
    pub count: u32,
    pub date: IsoDate,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub prescription_id: Option<String>,
    pub basis: Vec<Basis>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MasterRef {
    pub name: String,
    pub release: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BilledCheck {
    pub code: String,
    pub billed: Option<Dec>,
    pub expected: Option<Dec>,
    pub finding: String,
}

/// The answer for one claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    pub status: String,
    pub schema_version: u32,
    pub service_date: IsoDate,
    pub revision: Revision,
    pub masters: Vec<MasterRef>,
    pub lines: Vec<Line>,
    pub total_points: Dec,
    pub findings: Vec<Finding>,
    pub billed_check: Vec<BilledCheck>,
}

/// One problem with the input (not with the claim's billing: that is a finding).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub code: String,
    pub message: String,
    pub path: String,
}

impl ApiError {
    pub fn new(code: &str, message: impl Into<String>, path: impl Into<String>) -> Self {
        Self {
            code: code.to_string(),
            message: message.into(),
            path: path.into(),
        }
    }
}

/// `{status:"error", errors:[...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorEnvelope {
    pub status: String,
    pub errors: Vec<ApiError>,
}

impl ErrorEnvelope {
    pub fn new(errors: Vec<ApiError>) -> Self {
        Self {
            status: "error".to_string(),
            errors,
        }
    }
}

/// One entry of a batch: an evaluation or the errors of that claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum BatchEntry {
    Ok(Box<Evaluation>),
    Err(ErrorEnvelope),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchResult {
    pub status: String,
    pub results: Vec<BatchEntry>,
}
