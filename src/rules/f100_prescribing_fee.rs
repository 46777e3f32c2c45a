//! F100 処方料 — prescribing fee for in-house dispensing (outpatients), R06 and R08.
//!
//! 告示 F100 注1: 「入院中の患者以外の患者に対する１回の処方について算定する。」 1/2/3 (f100_category),
//! 注2 麻薬等加算, 注4 乳幼児加算, 注5 特定疾患処方管理加算, 注6 抗悪性腫瘍剤処方管理加算, 注7 ×40/100,
//! 注8 外来後発医薬品使用体制加算 (R06) → 地域支援・外来医薬品供給対応体制加算 (R08), 注9 向精神薬調整連携加算.

use rust_decimal::prelude::*;

use crate::api::{ApiError, FacilityKind, Outcome, Revision, Severity};
use crate::decimal::Dec;
use crate::engine::Ctx;
use crate::rules::f0_common::{self as common, Unit};
use crate::rules::f100_category::Category;

/// Bill 処方料 and its add-ons for one in-house 処方 whose category is already decided.
pub fn bill_unit(ctx: &mut Ctx<'_>, unit: &Unit, category: Category) -> Result<(), ApiError> {
    let rev = ctx.revision;
    let rx_id = unit.id(ctx).map(str::to_string);
    let rxid = rx_id.as_deref();
    let item = format!("F100-{}", category.suffix());
    let param = ctx
        .law
        .item(&item)
        .and_then(|it| it.param.clone())
        .ok_or_else(|| ApiError::new("law_data_missing", format!("item {item} missing"), ""))?;
    let base = ctx.number(&param)?;
    let mut basis = vec![base.basis.clone()];
    basis.extend(common::bases(rev, &["F100.note1"]));
    let points = note7_reduce(ctx, unit, base.value, &mut basis)?;
    ctx.bill_points(&item, ctx.date, points, rxid, basis)?;

    // 注2 麻薬等加算: one point per 処方 (通知 (7)).
    if unit
        .items(ctx)
        .iter()
        .any(|&(i, j)| common::drug(ctx, i, j).is_some_and(|d| d.narcotic_etc == Some(true)))
    {
        ctx.bill(
            "F100-note2",
            ctx.date,
            rxid,
            common::bases(rev, &["F100.tsuchi7"]),
        )?;
    }
    note4_infant(ctx, rxid)?;
    note5_specified_disease(ctx, unit, rxid)?;
    note6_antineoplastic(ctx, unit, rxid)?;
    note8_supply(ctx, rxid)?;
    note9_reduction(ctx, unit, rxid)?;
    Ok(())
}

fn max_days(ctx: &Ctx<'_>, unit: &Unit) -> u32 {
    unit.items(ctx)
        .iter()
        .filter_map(|&(i, j)| common::item(ctx, i, j).and_then(|it| it.days))
        .max()
        .unwrap_or(0)
}

/// 注7: at a hospital billing A000 注2/注3 or A002 注2/注3, 30 days or more → 40/100.
fn note7_reduce(
    ctx: &mut Ctx<'_>,
    unit: &Unit,
    points: Dec,
    basis: &mut Vec<crate::api::Basis>,
) -> Result<Dec, ApiError> {
    if ctx.claim.facility.kind != FacilityKind::Hospital {
        return Ok(points);
    }
    let rev = ctx.revision;
    let rxid = unit.id(ctx).map(str::to_string);
    let days30 = ctx.number("F100.note7.days")?;
    let ratio = ctx.number("F100.note7.ratio")?;
    let days = max_days(ctx, unit);
    if Dec::from_int(i64::from(days)).0 < days30.value.0 {
        return Ok(points);
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
                .finding("F100.note7.reduced", Outcome::Eligible, Severity::Warning)
                .arg("points", points)
                .arg("reduced", Dec(reduced))
                .arg("days", days)
                .uses(&days30)
                .uses(&ratio)
                .missing(
                    "prescriptions[].items[].drug",
                    "F100 通知 (11) ア〜コの薬剤は30日の計算から除かれます",
                    "drugs of F100 notice (11) a–j are left out of the 30 days",
                )
                .rx(rxid.as_deref());
            common::cite(fb, rev, &["F100.note7", "F100.tsuchi11"]).push(ctx);
            Ok(Dec(reduced))
        }
        Some(false) => Ok(points),
        None => {
            let fb = ctx
                .finding("F100.note7.review", Outcome::NeedsReview, Severity::Warning)
                .arg("days", days)
                .uses(&days30)
                .missing(
                    "facility.lowReferralLargeHospital",
                    "初診料注2・注3又は外来診療料注2・注3を算定する病院か",
                    "whether this hospital bills A000 注2/注3 or A002 注2/注3",
                )
                .rx(rxid.as_deref());
            common::cite(fb, rev, &["F100.note7"]).push(ctx);
            Ok(points)
        }
    }
}

fn note4_infant(ctx: &mut Ctx<'_>, rxid: Option<&str>) -> Result<(), ApiError> {
    let rev = ctx.revision;
    let age_limit = ctx.number("F100.note4.age")?;
    match ctx.claim.patient.birth_date {
        Some(b) => {
            let age = common::age_on(b, ctx.date);
            if Dec::from_int(i64::from(age)).0 < age_limit.value.0 {
                let r = ctx.bill(
                    "F100-note4",
                    ctx.date,
                    rxid,
                    common::bases(rev, &["F100.tsuchi8"]),
                )?;
                let fb = ctx
                    .finding("F100.note4.infant", Outcome::Eligible, Severity::Info)
                    .arg("age", age)
                    .uses(&age_limit)
                    .uses(&r)
                    .rx(rxid);
                common::cite(fb, rev, &["F100.note4", "F100.tsuchi8"]).push(ctx);
            }
        }
        None => {
            let fb = ctx
                .finding(
                    "F100.note4.age_unknown",
                    Outcome::NeedsReview,
                    Severity::Info,
                )
                .uses(&age_limit)
                .missing(
                    "patient.birthDate",
                    "患者の生年月日",
                    "the patient's date of birth",
                )
                .rx(rxid);
            common::cite(fb, rev, &["F100.note4"]).push(ctx);
        }
    }
    Ok(())
}

/// 注5 特定疾患処方管理加算 (通知 (9)): clinic or < 200 beds, 特定疾患 main, ≥ 28 days, once a month
/// across F100 and F400.
fn note5_specified_disease(
    ctx: &mut Ctx<'_>,
    unit: &Unit,
    rxid: Option<&str>,
) -> Result<(), ApiError> {
    if ctx.claim.patient.specified_disease_main != Some(true) {
        return Ok(());
    }
    let rev = ctx.revision;
    let keys = [
        "F100.note5",
        "F100.tsuchi9a",
        "F100.tsuchi9i",
        "F100.tsuchi9u",
    ];
    let days28 = ctx.number("F100.note5.days")?;
    let beds = ctx.number("F100.note5.beds")?;
    let days = max_days(ctx, unit);
    if Dec::from_int(i64::from(days)).0 < days28.value.0 {
        return Ok(());
    }
    let facility_ok = match ctx.claim.facility.kind {
        FacilityKind::Clinic => Some(true),
        FacilityKind::Hospital => ctx
            .claim
            .facility
            .licensed_beds
            .map(|b| Dec::from_int(i64::from(b)).0 < beds.value.0),
    };
    match facility_ok {
        Some(false) => return Ok(()),
        None => {
            let fb = ctx
                .finding("F100.note5.review", Outcome::NeedsReview, Severity::Warning)
                .uses(&beds)
                .missing(
                    "facility.licensedBeds",
                    "許可病床数",
                    "the number of licensed beds",
                )
                .rx(rxid);
            common::cite(fb, rev, &keys).push(ctx);
            return Ok(());
        }
        Some(true) => {}
    }
    let already = common::billed_this_month(
        ctx,
        &[
            &common::code_of(ctx, "F400-note4"),
            &common::code_of(ctx, "F100-note5"),
        ],
    ) || ctx
        .lines
        .iter()
        .any(|l| l.item == "F100-note5" || l.item == "F400-note4");
    if already {
        let fb = ctx
            .finding("F100.note5.monthly", Outcome::Ineligible, Severity::Info)
            .rx(rxid);
        common::cite(fb, rev, &keys).push(ctx);
        return Ok(());
    }
    let r = ctx.bill(
        "F100-note5",
        ctx.date,
        rxid,
        common::bases(rev, &["F100.tsuchi9u"]),
    )?;
    let fb = ctx
        .finding(
            "F100.note5.specified_disease",
            Outcome::Eligible,
            Severity::Info,
        )
        .arg("days", days)
        .uses(&days28)
        .uses(&r)
        .rx(rxid);
    common::cite(fb, rev, &keys).push(ctx);
    Ok(())
}

fn note6_antineoplastic(
    ctx: &mut Ctx<'_>,
    unit: &Unit,
    rxid: Option<&str>,
) -> Result<(), ApiError> {
    let any = unit
        .items(ctx)
        .iter()
        .any(|&(i, j)| common::drug(ctx, i, j).is_some_and(|d| d.antineoplastic == Some(true)));
    if !any {
        return Ok(());
    }
    let rev = ctx.revision;
    let keys = ["F100.note6", "F100.tsuchi10", "F100.tsuchi10i"];
    let beds = ctx.number("F100.note6.beds")?;
    let hospital_ok = ctx.claim.facility.kind == FacilityKind::Hospital
        && ctx
            .claim
            .facility
            .licensed_beds
            .is_some_and(|b| Dec::from_int(i64::from(b)).0 >= beds.value.0);
    let filed = common::has_filing(
        ctx,
        &["F100-note6", "F400-note5", "抗悪性腫瘍剤処方管理加算"],
    );
    if !hospital_ok || !filed {
        let fb = ctx
            .finding("F100.note6.not_filed", Outcome::Ineligible, Severity::Info)
            .uses(&beds)
            .rx(rxid);
        common::cite(fb, rev, &keys).push(ctx);
        return Ok(());
    }
    let already = common::billed_this_month(
        ctx,
        &[
            &common::code_of(ctx, "F400-note5"),
            &common::code_of(ctx, "F100-note6"),
        ],
    ) || ctx
        .lines
        .iter()
        .any(|l| l.item == "F100-note6" || l.item == "F400-note5");
    if already {
        let fb = ctx
            .finding("F100.note6.monthly", Outcome::Ineligible, Severity::Info)
            .rx(rxid);
        common::cite(fb, rev, &keys).push(ctx);
        return Ok(());
    }
    let explained = unit.rx.iter().any(|&i| {
        ctx.claim
            .prescriptions
            .get(i)
            .is_some_and(|r| r.flags.antineoplastic_explained == Some(true))
    });
    if !explained {
        let fb = ctx
            .finding("F100.note6.review", Outcome::NeedsReview, Severity::Warning)
            .missing(
                "prescriptions[].flags.antineoplasticExplained",
                "治療開始に当たり文書で説明し同意を得たか",
                "whether the need and risks were explained in writing at the start of treatment",
            )
            .rx(rxid);
        common::cite(fb, rev, &keys).push(ctx);
        return Ok(());
    }
    let r = ctx.bill(
        "F100-note6",
        ctx.date,
        rxid,
        common::bases(rev, &["F100.tsuchi10"]),
    )?;
    let fb = ctx
        .finding(
            "F100.note6.antineoplastic",
            Outcome::Eligible,
            Severity::Info,
        )
        .uses(&r)
        .rx(rxid);
    common::cite(fb, rev, &keys).push(ctx);
    Ok(())
}

/// 注8: 外来後発医薬品使用体制加算 (R06) / 地域支援・外来医薬品供給対応体制加算 (R08), by the filed
/// category, per 処方, clinics only (通知 (12)).
fn note8_supply(ctx: &mut Ctx<'_>, rxid: Option<&str>) -> Result<(), ApiError> {
    let rev = ctx.revision;
    let filed = ["F100-note8-1", "F100-note8-2", "F100-note8-3"]
        .into_iter()
        .find(|it| common::has_filing(ctx, &[it]));
    let Some(item) = filed else {
        return Ok(());
    };
    let keys = ["F100.note8", "F100.tsuchi12"];
    if ctx.claim.facility.kind != FacilityKind::Clinic {
        let fb = ctx
            .finding(
                "F100.note8.clinic_only",
                Outcome::Ineligible,
                Severity::Warning,
            )
            .rx(rxid);
        common::cite(fb, rev, &keys).push(ctx);
        return Ok(());
    }
    let mut extra = common::bases(rev, &["F100.tsuchi12"]);
    if rev == Revision::R06 {
        extra.push(crate::api::Basis {
            doc: "R06 通知".to_string(),
            at: "F100 (15)".to_string(),
            law: Some("r06-tsuchi-ika.txt L18846".to_string()),
        });
    }
    let r = ctx.bill(item, ctx.date, rxid, extra)?;
    let name = match rev {
        Revision::R06 => "外来後発医薬品使用体制加算",
        Revision::R08 => "地域支援・外来医薬品供給対応体制加算",
    };
    let fb = ctx
        .finding("F100.note8.supply", Outcome::Eligible, Severity::Info)
        .arg("name", name)
        .arg("n", item.rsplit('-').next().unwrap_or(""))
        .uses(&r)
        .rx(rxid);
    common::cite(fb, rev, &keys).push(ctx);
    Ok(())
}

fn note9_reduction(ctx: &mut Ctx<'_>, unit: &Unit, rxid: Option<&str>) -> Result<(), ApiError> {
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
    let keys = ["F100.note9", "F100.tsuchi13"];
    if common::billed_this_month(ctx, &[&common::code_of(ctx, "F100-note9")])
        || ctx.lines.iter().any(|l| l.item == "F100-note9")
    {
        let fb = ctx
            .finding("F100.note9.monthly", Outcome::Ineligible, Severity::Info)
            .rx(rxid);
        common::cite(fb, rev, &keys).push(ctx);
        return Ok(());
    }
    let r = ctx.bill(
        "F100-note9",
        ctx.date,
        rxid,
        common::bases(rev, &["F100.tsuchi13"]),
    )?;
    let fb = ctx
        .finding("F100.note9.reduction", Outcome::Eligible, Severity::Info)
        .uses(&r)
        .missing(
            "history.billedThisMonth",
            "同一月に薬剤総合評価調整加算（A250）・薬剤総合評価調整管理料（B008-2）を算定していないこと",
            "that A250 and B008-2 are not billed in the same month",
        )
        .rx(rxid);
    common::cite(fb, rev, &keys).push(ctx);
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::rules::f0_common::{eval_for_test, lines_of};
    use serde_json::json;

    fn claim(
        date: &str,
        facility: serde_json::Value,
        drug: serde_json::Value,
    ) -> serde_json::Value {
        json!({
            "serviceDate": date,
            "facility": facility,
            "patient": {"birthDate": "1970-01-01"},
            "prescriptions": [{"dispensing": "inhouse", "items": [
                {"drug": drug, "days": 14, "dailyQuantity": "1", "use": "regular"}]}]
        })
    }

    #[test]
    fn note8_r06_generic_use_and_r08_renamed_supply_addition() {
        let fac = json!({"kind": "clinic", "pharmacistOnDuty": false,
            "filings": [{"item": "F100-note8-2", "since": "2024-06-01"}]});
        let d = json!({"name": "A", "route": "internal", "unitPrice": "10", "hasGeneric": false});
        for (date, name) in [
            ("2026-05-31", "外来後発医薬品使用体制加算"),
            ("2026-06-01", "地域支援・外来医薬品供給対応体制加算"),
        ] {
            let e = eval_for_test(claim(date, fac.clone(), d.clone()));
            assert!(lines_of(&e).contains(&("F100-note8-2".into(), "7".into(), 1)));
            let f = e
                .findings
                .iter()
                .find(|f| f.code == "F100.note8.supply")
                .unwrap();
            assert!(f.message.ja.contains(name), "{date}: {}", f.message.ja);
        }
    }

    #[test]
    fn note2_narcotic_adds_one_point_to_f100_and_f000() {
        let fac = json!({"kind": "clinic", "pharmacistOnDuty": false});
        let d = json!({"name": "N", "route": "internal", "unitPrice": "10", "narcoticEtc": true, "hasGeneric": false});
        let e = eval_for_test(claim("2026-06-10", fac, d));
        let items: Vec<String> = lines_of(&e).into_iter().map(|l| l.0).collect();
        assert_eq!(
            items,
            vec!["F000-1i", "F000-note", "F100-3", "F100-note2", "F200"]
        );
    }

    #[test]
    fn f500_tsuchi1_once_a_month_with_a_pharmacist() {
        let fac = json!({"kind": "clinic", "pharmacistOnDuty": true});
        let d = json!({"name": "A", "route": "internal", "unitPrice": "10", "hasGeneric": false});
        let e = eval_for_test(claim("2026-06-10", fac.clone(), d.clone()));
        assert!(lines_of(&e).contains(&("F500-2".into(), "14".into(), 1)));
        let mut c = claim("2026-06-10", fac, d);
        c["history"] = json!({"billedThisMonth": [{"code": "120001810"}]});
        let e = eval_for_test(c);
        assert!(!lines_of(&e).iter().any(|l| l.0 == "F500-2"));
    }
}
