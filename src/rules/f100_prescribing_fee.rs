//! F100 処方料 — prescribing fee for in-house dispensing (outpatients), R06 and R08.
//!
//! 告示 F100 注1: 「入院中の患者以外の患者に対する１回の処方について算定する。」 1/2/3 (f100_category),
//! 注2 麻薬等加算, 注4 乳幼児加算, 注5 特定疾患処方管理加算, 注6 抗悪性腫瘍剤処方管理加算, 注7 ×40/100,
//! 注8 外来後発医薬品使用体制加算 (R06) → 地域支援・外来医薬品供給対応体制加算 (R08), 注9 向精神薬調整連携加算.

use crate::api::{ApiError, FacilityKind, Outcome, Revision, Severity};
use crate::engine::Ctx;
use crate::rules::f0_addons;
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
        .and_then(|it| it.param)
        .ok_or_else(|| ApiError::new("law_data_missing", format!("item {item} missing"), ""))?;
    let base = ctx.number(param)?;
    let mut basis = vec![base.basis.clone()];
    basis.extend(common::bases(rev, &["F100.note1"]));
    let ids = &f0_addons::F100;
    let points = f0_addons::reduce(ctx, ids, unit, base.value, false, &mut basis)?;
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
    // 注4 乳幼児加算, 注5 特定疾患処方管理加算, 注6 抗悪性腫瘍剤処方管理加算 (shared with F400: f0_addons).
    f0_addons::infant(ctx, ids, rxid)?;
    f0_addons::specified_disease(ctx, ids, unit, rxid, false)?;
    f0_addons::antineoplastic(ctx, ids, unit, rxid)?;
    note8_supply(ctx, rxid)?;
    f0_addons::psychotropic_reduction(ctx, ids, unit, rxid)?;
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
