//! 投薬 通則 (告示 別表第一 第5部 通則 4 and 6; 通知 通則 9 and 12): outpatient prescriptions that
//! bar F000 調剤料, F100 処方料, F200 薬剤, F400 処方箋料 and F500 調剤技術基本料.
//!
//! - 通則4 (R06 and R08): うがい薬のみ → none of the five (通知 9: unless for treatment).
//! - 通則6 (new in R08): 栄養保持を目的とした医薬品 → none of the five, unless the patient is post-operative
//!   or tube-fed, or cannot take enough food and the doctor judged it necessary, and that is recorded
//!   on the 処方箋 and the レセプト.

use crate::api::{ApiError, Outcome, Revision, Severity};
use crate::engine::Ctx;
use crate::rules::f0_common::{self as common, Unit};

/// May the oral nutrition products of prescription `i` be billed (通則6)?
pub fn nutrition_billable(ctx: &Ctx<'_>, i: usize) -> bool {
    if ctx.revision == Revision::R06 {
        return true;
    }
    ctx.claim
        .prescriptions
        .get(i)
        .is_some_and(|p| p.flags.nutrition_reason_recorded == Some(true))
}

/// Check 通則4 and 通則6 for one unit; `true` = nothing of F000/F100/F200/F400/F500 may be billed.
/// `p` is "F400" (outside slip) or "F100" (in-house 処方).
pub fn unit_barred(ctx: &mut Ctx<'_>, unit: &Unit, p: &str) -> Result<bool, ApiError> {
    let rev = ctx.revision;
    let rxid = unit.id(ctx).map(str::to_string);
    let items = unit.items(ctx);
    if items.is_empty() {
        return Ok(false);
    }
    // 通則4: うがい薬のみ.
    if items
        .iter()
        .all(|&(i, j)| common::drug(ctx, i, j).is_some_and(|d| d.gargle == Some(true)))
    {
        let fb = ctx
            .finding(
                "tsusoku4.gargle_only",
                Outcome::NeedsReview,
                Severity::Warning,
            )
            .arg("item", p)
            .missing(
                "prescriptions[].items[]",
                "うがい薬が治療を目的とするものか（治療目的なら算定可）",
                "whether the gargle is for treatment (then it may be billed)",
            )
            .rx(rxid.as_deref());
        common::cite(fb, rev, &["tsusoku4", "tsuchi.tsusoku9"]).push(ctx);
        return Ok(true);
    }
    // 通則6 (R08): oral nutrition products.
    if rev == Revision::R08 {
        let nutrition: Vec<(usize, usize)> = items
            .iter()
            .copied()
            .filter(|&(i, j)| {
                common::drug(ctx, i, j).is_some_and(|d| d.oral_nutrition == Some(true))
            })
            .collect();
        if !nutrition.is_empty() {
            let recorded = nutrition.iter().all(|&(i, _)| nutrition_billable(ctx, i));
            if recorded {
                let fb = ctx
                    .finding(
                        "tsusoku6.reason_recorded",
                        Outcome::Eligible,
                        Severity::Info,
                    )
                    .rx(rxid.as_deref());
                common::cite(fb, rev, &["tsusoku6", "tsuchi.tsusoku12"]).push(ctx);
                return Ok(false);
            }
            let only = nutrition.len() == items.len();
            let mut fb = ctx
                .finding(
                    if only {
                        "tsusoku6.not_billable"
                    } else {
                        "tsusoku6.mixed"
                    },
                    if only {
                        Outcome::Ineligible
                    } else {
                        Outcome::NeedsReview
                    },
                    Severity::Error,
                )
                .arg("item", p)
                .rx(rxid.as_deref());
            for &(i, j) in &nutrition {
                fb = fb.missing(
                    &format!("prescriptions[{i}].flags.nutritionReasonRecorded"),
                    "手術後・経管栄養の旨、又は食事で必要な栄養を摂取することが困難で医師が必要と判断した理由を処方箋及びレセプトに記載したか",
                    "whether the post-operative / tube-feeding status, or the reason the doctor judged it necessary, is written on the slip and the claim",
                );
                let _ = j;
            }
            common::cite(fb, rev, &["tsusoku6", "tsuchi.tsusoku12"]).push(ctx);
            return Ok(only);
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use crate::api::Outcome;
    use crate::rules::f0_common::eval_for_test;
    use serde_json::json;

    fn claim(date: &str, flags: serde_json::Value) -> serde_json::Value {
        json!({
            "serviceDate": date,
            "facility": {"kind": "clinic", "genericNamePrescribingNotice": true},
            "patient": {"birthDate": "1970-01-01"},
            "prescriptions": [{"dispensing": "outside", "flags": flags, "items": [
                {"drug": {"name": "E", "route": "internal", "oralNutrition": true, "hasGeneric": false, "unitPrice": "0.01"},
                 "days": 14, "dailyQuantity": "1000"}]}]
        })
    }

    #[test]
    fn tsusoku6_r08_nutrition_without_reason_bars_the_prescription_fee() {
        let e = eval_for_test(claim("2026-06-01", json!({})));
        assert!(e.lines.is_empty());
        assert!(e
            .findings
            .iter()
            .any(|f| f.code == "tsusoku6.not_billable" && f.outcome == Outcome::Ineligible));
    }

    #[test]
    fn tsusoku6_r08_reason_recorded_is_billable() {
        let e = eval_for_test(claim(
            "2026-06-01",
            json!({"nutritionReasonRecorded": true}),
        ));
        assert_eq!(e.lines.len(), 1);
    }

    #[test]
    fn tsusoku6_does_not_exist_in_r06() {
        let e = eval_for_test(claim("2026-05-31", json!({})));
        assert_eq!(e.lines.len(), 1);
        assert!(!e.findings.iter().any(|f| f.code.starts_with("tsusoku6")));
    }
}
