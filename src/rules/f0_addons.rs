//! The add-ons F100 処方料 and F400 処方箋料 share, written once and driven by each item's ids:
//!
//! | what | F100 (in-house 処方) | F400 (処方箋の交付) |
//! |---|---|---|
//! | ×40/100 for a course of ≥ 30 days (A000 注2/注3, A002 注2/注3 hospitals) | 注7, 通知 (11) | 注2, 通知 (10) → F100 (11); not a refill slip whose single use is ≤ 29 days |
//! | 乳幼児加算 (< 3 years) | 注4, 通知 (8) | 注3, 通知 (11) → F100 (8) |
//! | 特定疾患処方管理加算 (clinic or < 200 beds, ≥ 28 days, once a month across F100 and F400) | 注5, 通知 (9) | 注4 (refill: total over its uses), 通知 (11) → F100 (9) |
//! | 抗悪性腫瘍剤処方管理加算 (filed hospital ≥ 200 beds, written explanation, once a month across both) | 注6, 通知 (10) | 注5, 通知 (11) → F100 (10) |
//! | 向精神薬調整連携加算 (once a month) | 注9, 通知 (13)(14) | 注7, 通知 (13) → F100 (13)(14) |
//!
//! Each [`AddOns`] value names the parameter ids, fee-schedule items, finding codes and citation keys
//! of one item; the logic below is the same for both.

use rust_decimal::prelude::*;

use crate::api::{ApiError, Basis, FacilityKind, Outcome, Severity};
use crate::decimal::Dec;
use crate::engine::{Ctx, FindingBuilder};
use crate::rules::f0_common::{self as common, Unit};

/// The ×40/100 reduction (F100 注7 / F400 注2).
pub struct Reduce {
    /// Finding code prefix, e.g. "F400.note2" (→ ".reduced", ".review").
    pub code: &'static str,
    pub days: &'static str,
    pub ratio: &'static str,
    /// F400 only: a refill slip whose single use is at most this many days is not reduced.
    pub refill_days: Option<&'static str>,
    pub cite_reduced: &'static [&'static str],
    pub cite_review: &'static [&'static str],
    pub excluded_ja: &'static str,
    pub excluded_en: &'static str,
}

/// An add-on billed as its own line.
pub struct AddOn {
    /// Fee-schedule item of the line, e.g. "F400-note3".
    pub item: &'static str,
    /// Finding code prefix, e.g. "F400.note3".
    pub code: &'static str,
    /// Basis added to the billed line (besides the points parameter).
    pub bill_basis: &'static [&'static str],
    /// Citations on the findings.
    pub cite: &'static [&'static str],
}

impl AddOn {
    /// Start the finding `<code>.<what>` of this add-on.
    fn finding(
        &self,
        ctx: &Ctx<'_>,
        what: &str,
        outcome: Outcome,
        severity: Severity,
    ) -> FindingBuilder {
        ctx.finding(&code(self.code, what), outcome, severity)
    }

    /// Push a finding of this add-on with the add-on's citations last (after those of the
    /// parameters it used).
    fn push(&self, ctx: &mut Ctx<'_>, fb: FindingBuilder) {
        common::cite(fb, ctx.revision, self.cite).push(ctx);
    }
}

/// The ids of one item's add-ons.
pub struct AddOns {
    pub reduce: Reduce,
    pub infant: AddOn,
    pub infant_age: &'static str,
    /// Citations on the "birth date unknown" finding.
    pub infant_unknown_cite: &'static [&'static str],
    pub specified: AddOn,
    pub specified_days: &'static str,
    pub specified_beds: &'static str,
    pub antineoplastic: AddOn,
    pub antineoplastic_beds: &'static str,
    pub reduction: AddOn,
}

/// Items whose 特定疾患処方管理加算 / 抗悪性腫瘍剤処方管理加算 share one monthly limit (F100 (9) イ, (10) イ).
const SPECIFIED_ITEMS: [&str; 2] = ["F400-note4", "F100-note5"];
const ANTINEOPLASTIC_ITEMS: [&str; 2] = ["F400-note5", "F100-note6"];
const ANTINEOPLASTIC_FILINGS: [&str; 3] = ["F400-note5", "F100-note6", "抗悪性腫瘍剤処方管理加算"];

pub static F100: AddOns = AddOns {
    reduce: Reduce {
        code: "F100.note7",
        days: "F100.note7.days",
        ratio: "F100.note7.ratio",
        refill_days: None,
        cite_reduced: &["F100.note7", "F100.tsuchi11"],
        cite_review: &["F100.note7"],
        excluded_ja: "F100 通知 (11) ア〜コの薬剤は30日の計算から除かれます",
        excluded_en: "drugs of F100 notice (11) a–j are left out of the 30 days",
    },
    infant: AddOn {
        item: "F100-note4",
        code: "F100.note4",
        bill_basis: &["F100.tsuchi8"],
        cite: &["F100.note4", "F100.tsuchi8"],
    },
    infant_age: "F100.note4.age",
    infant_unknown_cite: &["F100.note4"],
    specified: AddOn {
        item: "F100-note5",
        code: "F100.note5",
        bill_basis: &["F100.tsuchi9u"],
        cite: &[
            "F100.note5",
            "F100.tsuchi9a",
            "F100.tsuchi9i",
            "F100.tsuchi9u",
        ],
    },
    specified_days: "F100.note5.days",
    specified_beds: "F100.note5.beds",
    antineoplastic: AddOn {
        item: "F100-note6",
        code: "F100.note6",
        bill_basis: &["F100.tsuchi10"],
        cite: &["F100.note6", "F100.tsuchi10", "F100.tsuchi10i"],
    },
    antineoplastic_beds: "F100.note6.beds",
    reduction: AddOn {
        item: "F100-note9",
        code: "F100.note9",
        bill_basis: &["F100.tsuchi13"],
        cite: &["F100.note9", "F100.tsuchi13"],
    },
};

pub static F400: AddOns = AddOns {
    reduce: Reduce {
        code: "F400.note2",
        days: "F400.note2.days",
        ratio: "F400.note2.ratio",
        refill_days: Some("F400.note2.refill_days"),
        cite_reduced: &["F400.note2", "F400.tsuchi10", "F100.tsuchi11"],
        cite_review: &["F400.note2"],
        excluded_ja: "F100 通知 (11) ア〜コの薬剤（例: てんかんに用いる抗てんかん剤）は30日の計算から除かれます。該当する場合は減算しません",
        excluded_en: "drugs of F100 notice (11) a–j (e.g. antiepileptics for epilepsy) are left out of the 30 days; if they make up the long course, no reduction applies",
    },
    infant: AddOn {
        item: "F400-note3",
        code: "F400.note3",
        bill_basis: &["F400.note3"],
        cite: &["F400.note3"],
    },
    infant_age: "F400.note3.age",
    infant_unknown_cite: &["F400.note3"],
    specified: AddOn {
        item: "F400-note4",
        code: "F400.note4",
        bill_basis: &["F400.tsuchi11"],
        cite: &[
            "F400.note4",
            "F400.tsuchi11",
            "F100.tsuchi9a",
            "F100.tsuchi9i",
            "F100.tsuchi9u",
        ],
    },
    specified_days: "F400.note4.days",
    specified_beds: "F400.note4.beds",
    antineoplastic: AddOn {
        item: "F400-note5",
        code: "F400.note5",
        bill_basis: &["F400.tsuchi11"],
        cite: &[
            "F400.note5",
            "F400.tsuchi11",
            "F100.tsuchi10",
            "F100.tsuchi10i",
        ],
    },
    antineoplastic_beds: "F400.note5.beds",
    reduction: AddOn {
        item: "F400-note7",
        code: "F400.note7",
        bill_basis: &["F400.tsuchi13"],
        cite: &["F400.note7", "F400.tsuchi13", "F100.tsuchi13"],
    },
};

fn code(prefix: &str, suffix: &str) -> String {
    format!("{prefix}.{suffix}")
}

/// The longest course (days) among the unit's items.
pub fn max_days(ctx: &Ctx<'_>, unit: &Unit) -> u32 {
    unit.items(ctx)
        .iter()
        .filter_map(|&(i, j)| common::item(ctx, i, j).and_then(|it| it.days))
        .max()
        .unwrap_or(0)
}

fn at_least(n: u32, param: &Dec) -> bool {
    Dec::from_int(i64::from(n)).0 >= param.0
}

/// ×40/100 for a course of 30 days or more at a hospital billing A000 注2/注3 or A002 注2/注3
/// (F100 注7, F400 注2); `refill` = the unit is a refill slip (F400 注2 parenthesis).
pub fn reduce(
    ctx: &mut Ctx<'_>,
    ids: &AddOns,
    unit: &Unit,
    points: Dec,
    refill: bool,
    basis: &mut Vec<Basis>,
) -> Result<Dec, ApiError> {
    let r = &ids.reduce;
    if ctx.claim.facility.kind != FacilityKind::Hospital {
        return Ok(points);
    }
    let rev = ctx.revision;
    let rxid = unit.id(ctx).map(str::to_string);
    let days30 = ctx.number(r.days)?;
    let ratio = ctx.number(r.ratio)?;
    let days = max_days(ctx, unit);
    if !at_least(days, &days30.value) {
        return Ok(points);
    }
    if let (true, Some(id)) = (refill, r.refill_days) {
        let refill29 = ctx.number(id)?;
        if Dec::from_int(i64::from(days)).0 <= refill29.value.0 {
            return Ok(points);
        }
    }
    match ctx.claim.facility.low_referral_large_hospital {
        Some(true) => {
            let reduced = points
                .0
                .checked_mul(ratio.value.0)
                .and_then(|x| x.checked_div(Decimal::from(100)))
                .map(|x| x.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero))
                .ok_or_else(|| ApiError::new("overflow", "points overflow", ""))?;
            basis.push(ratio.basis.clone());
            let fb = ctx
                .finding(
                    &code(r.code, "reduced"),
                    Outcome::Eligible,
                    Severity::Warning,
                )
                .arg("points", points)
                .arg("reduced", Dec(reduced))
                .arg("days", days)
                .uses(&days30)
                .uses(&ratio)
                .missing("prescriptions[].items[].drug", r.excluded_ja, r.excluded_en)
                .rx(rxid.as_deref());
            common::cite(fb, rev, r.cite_reduced).push(ctx);
            Ok(Dec(reduced))
        }
        Some(false) => Ok(points),
        None => {
            let fb = ctx
                .finding(
                    &code(r.code, "review"),
                    Outcome::NeedsReview,
                    Severity::Warning,
                )
                .arg("days", days)
                .uses(&days30)
                .missing(
                    "facility.lowReferralLargeHospital",
                    "初診料注2・注3又は外来診療料注2・注3を算定する病院か",
                    "whether this hospital bills A000 注2/注3 or A002 注2/注3",
                )
                .rx(rxid.as_deref());
            common::cite(fb, rev, r.cite_review).push(ctx);
            Ok(points)
        }
    }
}

/// 乳幼児加算: under 3 years old on the date of service (F100 注4, F400 注3).
pub fn infant(ctx: &mut Ctx<'_>, ids: &AddOns, rxid: Option<&str>) -> Result<(), ApiError> {
    let a = &ids.infant;
    let rev = ctx.revision;
    let age_limit = ctx.number(ids.infant_age)?;
    match ctx.claim.patient.birth_date {
        Some(b) if b > ctx.date => {
            return Err(ApiError::new(
                "invalid_claim",
                format!("birthDate {b} is after the date of service {}", ctx.date),
                "patient.birthDate",
            ));
        }
        Some(b) => {
            let age = common::age_on(b, ctx.date);
            if Dec::from_int(i64::from(age)).0 < age_limit.value.0 {
                let r = ctx.bill(a.item, ctx.date, rxid, common::bases(rev, a.bill_basis))?;
                let fb = a
                    .finding(ctx, "infant", Outcome::Eligible, Severity::Info)
                    .arg("age", age)
                    .uses(&age_limit)
                    .uses(&r)
                    .rx(rxid);
                a.push(ctx, fb);
            }
        }
        None => {
            let fb = a
                .finding(ctx, "age_unknown", Outcome::NeedsReview, Severity::Info)
                .uses(&age_limit)
                .missing(
                    "patient.birthDate",
                    "患者の生年月日",
                    "the patient's date of birth",
                )
                .rx(rxid);
            common::cite(fb, rev, ids.infant_unknown_cite).push(ctx);
        }
    }
    Ok(())
}

fn line_or_history(ctx: &Ctx<'_>, items: &[&str]) -> bool {
    let codes: Vec<String> = items.iter().map(|it| common::code_of(ctx, it)).collect();
    let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
    common::billed_this_month(ctx, &codes)
        || ctx.lines.iter().any(|l| items.contains(&l.item.as_str()))
}

/// 特定疾患処方管理加算 (F100 注5, F400 注4): a clinic or a hospital of < 200 beds, a patient whose
/// main disease is a 特定疾患, a 処方期間 of 28 days or more (F400: or a refill slip totalling 28 days
/// over its uses), once a month across F100 and F400 (F100 (9) イ).
pub fn specified_disease(
    ctx: &mut Ctx<'_>,
    ids: &AddOns,
    unit: &Unit,
    rxid: Option<&str>,
    refill: bool,
) -> Result<(), ApiError> {
    let a = &ids.specified;
    let rev = ctx.revision;
    // 主病 not stated: decided below, once every other condition is met (only then does it matter).
    let disease = ctx.claim.patient.specified_disease_main;
    if disease == Some(false) {
        return Ok(());
    }
    let days28 = ctx.number(ids.specified_days)?;
    let beds = ctx.number(ids.specified_beds)?;
    let days = max_days(ctx, unit);
    let mut missing: Option<(&str, &str, &str)> = None;
    let facility_ok = match ctx.claim.facility.kind {
        FacilityKind::Clinic => Some(true),
        FacilityKind::Hospital => ctx
            .claim
            .facility
            .licensed_beds
            .map(|b| Dec::from_int(i64::from(b)).0 < beds.value.0),
    };
    if facility_ok.is_none() {
        missing = Some((
            "facility.licensedBeds",
            "許可病床数",
            "the number of licensed beds",
        ));
    }
    // F400 注4: a refill slip counts the total over its uses (days of one use × refillUses).
    let uses = unit
        .rx
        .iter()
        .filter_map(|&i| ctx.claim.prescriptions.get(i))
        .filter_map(|p| p.refill_uses)
        .max();
    let total_days = match (refill, uses) {
        (true, Some(n)) => days.saturating_mul(n.max(1)),
        _ => days,
    };
    let long = at_least(total_days, &days28.value);
    let refill = refill && uses.is_none();
    let days = total_days;
    if !long && refill && missing.is_none() {
        missing = Some((
            "prescriptions[].refillUses",
            "リフィル処方箋の使用回数（複数回の使用による合計の処方期間が28日以上か）",
            "how many times the refill slip may be used (is the total period over its uses 28 days or more?)",
        ));
    }
    if facility_ok == Some(false) || (!long && !refill) {
        return Ok(());
    }
    if line_or_history(ctx, &SPECIFIED_ITEMS) {
        let fb = a
            .finding(ctx, "monthly", Outcome::Ineligible, Severity::Info)
            .rx(rxid);
        a.push(ctx, fb);
        return Ok(());
    }
    if disease.is_none() {
        let mut fb = a
            .finding(
                ctx,
                "disease_unknown",
                Outcome::NeedsReview,
                Severity::Warning,
            )
            .arg("days", days)
            .uses(&days28)
            .missing(
                "patient.specifiedDiseaseMain",
                "別に厚生労働大臣が定める疾患（特定疾患）が主病か（specifiedDiseaseMain）",
                "whether the patient's main disease is one of the 特定疾患 (specifiedDiseaseMain)",
            )
            .rx(rxid);
        if let Some((path, ja, en)) = missing {
            fb = fb.missing(path, ja, en);
        }
        a.push(ctx, fb);
        return Ok(());
    }
    if let Some((path, ja, en)) = missing {
        let fb = a
            .finding(ctx, "review", Outcome::NeedsReview, Severity::Warning)
            .uses(&days28)
            .uses(&beds)
            .missing(path, ja, en)
            .rx(rxid);
        a.push(ctx, fb);
        return Ok(());
    }
    let r = ctx.bill(a.item, ctx.date, rxid, common::bases(rev, a.bill_basis))?;
    let fb = a
        .finding(ctx, "specified_disease", Outcome::Eligible, Severity::Info)
        .arg("days", days)
        .uses(&days28)
        .uses(&r)
        .rx(rxid);
    a.push(ctx, fb);
    Ok(())
}

/// 抗悪性腫瘍剤処方管理加算 (F100 注6, F400 注5): a filed hospital of ≥ 200 beds, a written explanation
/// at the start of treatment, once a month across F100 and F400 (F100 (10) イ).
pub fn antineoplastic(
    ctx: &mut Ctx<'_>,
    ids: &AddOns,
    unit: &Unit,
    rxid: Option<&str>,
) -> Result<(), ApiError> {
    let a = &ids.antineoplastic;
    let any = unit
        .items(ctx)
        .iter()
        .any(|&(i, j)| common::drug(ctx, i, j).is_some_and(|d| d.antineoplastic == Some(true)));
    if !any {
        return Ok(());
    }
    let rev = ctx.revision;
    let beds = ctx.number(ids.antineoplastic_beds)?;
    let hospital_ok = ctx.claim.facility.kind == FacilityKind::Hospital
        && ctx
            .claim
            .facility
            .licensed_beds
            .is_some_and(|b| Dec::from_int(i64::from(b)).0 >= beds.value.0);
    let filed = common::has_filing(ctx, &ANTINEOPLASTIC_FILINGS);
    if !hospital_ok || !filed {
        let fb = a
            .finding(ctx, "not_filed", Outcome::Ineligible, Severity::Info)
            .uses(&beds)
            .rx(rxid);
        a.push(ctx, fb);
        return Ok(());
    }
    if line_or_history(ctx, &ANTINEOPLASTIC_ITEMS) {
        let fb = a
            .finding(ctx, "monthly", Outcome::Ineligible, Severity::Info)
            .rx(rxid);
        a.push(ctx, fb);
        return Ok(());
    }
    let explained = unit.rx.iter().any(|&i| {
        ctx.claim
            .prescriptions
            .get(i)
            .is_some_and(|r| r.flags.antineoplastic_explained == Some(true))
    });
    if !explained {
        let fb = a
            .finding(ctx, "review", Outcome::NeedsReview, Severity::Warning)
            .missing(
                "prescriptions[].flags.antineoplasticExplained",
                "治療開始に当たり文書で説明し同意を得たか",
                "whether the need and risks were explained in writing at the start of treatment",
            )
            .rx(rxid);
        a.push(ctx, fb);
        return Ok(());
    }
    let r = ctx.bill(a.item, ctx.date, rxid, common::bases(rev, a.bill_basis))?;
    let fb = a
        .finding(ctx, "antineoplastic", Outcome::Eligible, Severity::Info)
        .uses(&r)
        .rx(rxid);
    a.push(ctx, fb);
    Ok(())
}

/// 向精神薬調整連携加算 (F100 注9, F400 注7): the reduction was reviewed and a pharmacist (F100: or a
/// nurse) instructed; once a month; not with A250 / B008-2 in the same month.
pub fn psychotropic_reduction(
    ctx: &mut Ctx<'_>,
    ids: &AddOns,
    unit: &Unit,
    rxid: Option<&str>,
) -> Result<(), ApiError> {
    let a = &ids.reduction;
    let flagged = unit.rx.iter().any(|&i| {
        ctx.claim
            .prescriptions
            .get(i)
            .is_some_and(|r| r.flags.psychotropic_reduction_instructed == Some(true))
    });
    if !flagged {
        return Ok(());
    }
    let rev = ctx.revision;
    if line_or_history(ctx, &[a.item]) {
        let fb = a
            .finding(ctx, "monthly", Outcome::Ineligible, Severity::Info)
            .rx(rxid);
        a.push(ctx, fb);
        return Ok(());
    }
    let r = ctx.bill(a.item, ctx.date, rxid, common::bases(rev, a.bill_basis))?;
    let fb = a
        .finding(ctx, "reduction", Outcome::Eligible, Severity::Info)
        .uses(&r)
        .missing(
            "history.billedThisMonth",
            "同一月に薬剤総合評価調整加算（A250）・薬剤総合評価調整管理料（B008-2）を算定していないこと",
            "that A250 and B008-2 are not billed in the same month",
        )
        .rx(rxid);
    a.push(ctx, fb);
    Ok(())
}
