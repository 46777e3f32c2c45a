//! 投薬 通則 (告示 別表第一 第5部 通則 4 and 6; 通知 通則 9 and 12): outpatient prescriptions that
//! bar F000 調剤料, F100 処方料, F200 薬剤, F400 処方箋料 and F500 調剤技術基本料.
//!
//! - 通則4 (R06 and R08): うがい薬のみ → none of the five (通知 9: unless for treatment).
//! - 通則5 (R06 and R08): more than 63 analgesic patches (通知 10: 鎮痛・消炎の貼付剤, not 麻薬・向精神薬
//!   or skin-only, not for cancer pain) in one 処方 → no F000, F100, F400, F500 and no F200 for the
//!   excess, unless the doctor's reason is written on the 処方箋 and the レセプト.
//! - 通則6 (new in R08): 栄養保持を目的とした医薬品 → none of the five, unless the patient is post-operative
//!   or tube-fed, or cannot take enough food and the doctor judged it necessary, and that is recorded
//!   on the 処方箋 and the レセプト.

use rust_decimal::Decimal;

use crate::api::{ApiError, Outcome, Revision, Route, Severity};
use crate::decimal::Dec;
use crate::engine::Ctx;
use crate::law::Resolved;
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

/// 通則5 facts of one 処方: the analgesic patches and whether they exceed the limit.
pub struct Patches {
    /// Items that are analgesic patches (not for cancer pain), with their sheets (枚) if stated.
    pub sure: Vec<((usize, usize), Option<Dec>)>,
    /// External items whose patch status is not stated (unit 枚 or not stated), with their sheets.
    pub maybe: Vec<((usize, usize), Option<Dec>)>,
    pub limit: Resolved,
    /// Sheets of the sure items (`None` if one of them has no quantity).
    pub total: Option<Dec>,
    /// The stated reason (any slip of the unit): `patchReasonRecorded`.
    pub reason: Option<bool>,
}

impl Patches {
    /// More than the limit for certain.
    pub fn over(&self) -> bool {
        self.total.is_some_and(|t| t.0 > self.limit.value.0)
    }
    /// F200 (当該超過分に係る薬剤料に限る): the sheets of each sure item that may still be billed when
    /// the limit is exceeded without a recorded reason — the first `limit` sheets in claim order.
    pub fn allowed(&self) -> Vec<((usize, usize), Dec)> {
        let mut left = self.limit.value.0;
        self.sure
            .iter()
            .map(|&(k, q)| {
                let q = q.map_or(Decimal::ZERO, |q| q.0);
                let take = q.min(left).max(Decimal::ZERO);
                left -= take;
                (k, Dec(take))
            })
            .collect()
    }
}

/// Collect the 通則5 facts of a unit (no findings).
pub fn patches(ctx: &Ctx<'_>, unit: &Unit) -> Result<Patches, ApiError> {
    let limit = ctx.number("tsusoku5.sheets")?;
    let mut sure = Vec::new();
    let mut maybe = Vec::new();
    for (i, j) in unit.items(ctx) {
        let (Some(d), Some(it)) = (common::drug(ctx, i, j), common::item(ctx, i, j)) else {
            continue;
        };
        // 通知 通則10 ただし書き: patches for cancer pain are outside 通則5.
        if it.cancer_pain == Some(true) {
            continue;
        }
        let q = it.daily_quantity;
        match d.analgesic_patch {
            Some(true) => sure.push(((i, j), q)),
            Some(false) => {}
            None => {
                if d.route == Some(Route::External) && d.unit.as_deref().is_none_or(|u| u == "枚")
                {
                    maybe.push(((i, j), q));
                }
            }
        }
    }
    let total = sure
        .iter()
        .try_fold(Dec::ZERO, |acc, (_, q)| q.and_then(|q| acc.checked_add(q)));
    // Any slip of the 処方 stating the reason → stated; else any not stated → not stated.
    let stated: Vec<Option<bool>> = unit
        .rx
        .iter()
        .filter_map(|&i| ctx.claim.prescriptions.get(i))
        .map(|p| p.flags.patch_reason_recorded)
        .collect();
    let reason = if stated.contains(&Some(true)) {
        Some(true)
    } else if stated.contains(&None) {
        None
    } else {
        Some(false)
    };
    Ok(Patches {
        sure,
        maybe,
        limit,
        total,
        reason,
    })
}

/// 投薬 通則5 (R06 and R08): more than 63 analgesic patches in one 処方 bars F000, F100, F400 and F500,
/// and the F200 drug fee of the excess, unless the doctor's reason is written on the 処方箋 and the
/// レセプト. `true` = the fees of the unit are barred (F200 then bills [`Patches::allowed`]).
/// `p` is "F400" (outside slip) or "F100" (in-house 処方).
pub fn tsusoku5(ctx: &mut Ctx<'_>, unit: &Unit, p: &str) -> Result<bool, ApiError> {
    let rev = ctx.revision;
    let rxid = unit.id(ctx).map(str::to_string);
    let pt = patches(ctx, unit)?;
    let keys = ["tsusoku5", "tsuchi.tsusoku10"];
    let reason_path = format!(
        "prescriptions[{}].flags.patchReasonRecorded",
        unit.rx.first().copied().unwrap_or(0)
    );
    if pt.over() {
        let sheets = pt.total.unwrap_or(Dec::ZERO);
        let excess = sheets
            .0
            .checked_sub(pt.limit.value.0)
            .map_or(Dec::ZERO, Dec);
        if pt.reason == Some(true) {
            let fb = ctx
                .finding(
                    "tsusoku5.reason_recorded",
                    Outcome::Eligible,
                    Severity::Info,
                )
                .arg("sheets", sheets)
                .arg("limit", pt.limit.value)
                .uses(&pt.limit)
                .rx(rxid.as_deref());
            common::cite(fb, rev, &keys).push(ctx);
            return Ok(false);
        }
        let mut fb = ctx
            .finding(
                "tsusoku5.over_limit",
                if pt.reason.is_none() {
                    Outcome::NeedsReview
                } else {
                    Outcome::Ineligible
                },
                Severity::Error,
            )
            .arg("sheets", sheets)
            .arg("limit", pt.limit.value)
            .arg("excess", excess)
            .arg("item", p)
            .uses(&pt.limit)
            .rx(rxid.as_deref());
        if pt.reason.is_none() {
            fb = fb.missing(
                &reason_path,
                "63枚を超えて投薬する理由（医師が疾患の特性等により必要と判断）を処方箋及び診療報酬明細書に記載したか（patchReasonRecorded）",
                "whether the doctor's reason for more than 63 patches is written on the slip and the claim (patchReasonRecorded)",
            );
        }
        common::cite(fb, rev, &keys).push(ctx);
        return Ok(true);
    }
    if pt.reason == Some(true) {
        return Ok(false);
    }
    // Not over on the stated facts: could the missing ones make it over?
    let known: Decimal = pt
        .sure
        .iter()
        .chain(pt.maybe.iter())
        .filter_map(|(_, q)| q.map(|q| q.0))
        .sum();
    let unknown_qty: Vec<(usize, usize)> = pt
        .sure
        .iter()
        .chain(pt.maybe.iter())
        .filter(|(_, q)| q.is_none())
        .map(|(k, _)| *k)
        .collect();
    if known <= pt.limit.value.0 && unknown_qty.is_empty() {
        return Ok(false);
    }
    if pt.maybe.is_empty() && unknown_qty.is_empty() {
        return Ok(false);
    }
    let mut fb = ctx
        .finding("tsusoku5.review", Outcome::NeedsReview, Severity::Warning)
        .arg("limit", pt.limit.value)
        .uses(&pt.limit)
        .rx(rxid.as_deref());
    for ((i, j), _) in &pt.maybe {
        fb = fb.missing(
            &format!("{}.drug.analgesicPatch", common::path_item(*i, *j)),
            "鎮痛・消炎に係る効能・効果を有する貼付剤か（analgesicPatch）",
            "whether this is an analgesic / anti-inflammatory patch (analgesicPatch)",
        );
    }
    for (i, j) in unknown_qty {
        fb = fb.missing(
            &format!("{}.dailyQuantity", common::path_item(i, j)),
            "貼付剤の枚数（dailyQuantity、１調剤当たりの枚）",
            "the number of patches (dailyQuantity, sheets per dispensing)",
        );
    }
    common::cite(fb, rev, &keys).push(ctx);
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

    fn patches(n: &str, flags: serde_json::Value) -> serde_json::Value {
        json!({
            "serviceDate": "2026-06-10",
            "facility": {"kind": "clinic", "genericNamePrescribingNotice": true, "specialPharmacyRelationship": false},
            "patient": {"birthDate": "1970-01-01", "specifiedDiseaseMain": false},
            "prescriptions": [{"dispensing": "outside", "flags": flags, "items": [
                {"drug": {"name": "P", "route": "external", "analgesicPatch": true, "unit": "枚", "hasGeneric": false, "unitPrice": "17.1"},
                 "dailyQuantity": n}]}]
        })
    }

    #[test]
    fn tsusoku5_more_than_63_patches_bars_the_prescription_fee() {
        let e = eval_for_test(patches("64", json!({"patchReasonRecorded": false})));
        assert!(e.lines.is_empty());
        assert!(e
            .findings
            .iter()
            .any(|f| f.code == "tsusoku5.over_limit" && f.outcome == Outcome::Ineligible));
    }

    #[test]
    fn tsusoku5_63_patches_or_a_recorded_reason_is_billable() {
        assert_eq!(eval_for_test(patches("63", json!({}))).lines.len(), 1);
        let e = eval_for_test(patches("64", json!({"patchReasonRecorded": true})));
        assert_eq!(e.lines.len(), 1);
    }

    #[test]
    fn tsusoku6_does_not_exist_in_r06() {
        let e = eval_for_test(claim("2026-05-31", json!({})));
        assert_eq!(e.lines.len(), 1);
        assert!(!e.findings.iter().any(|f| f.code.starts_with("tsusoku6")));
    }
}
