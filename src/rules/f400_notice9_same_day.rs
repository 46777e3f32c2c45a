//! F400 通知 (9): in-house and outside dispensing for one patient on one day.
//!
//! R06 and R08: 「原則として認められない」. R08 adds: in a 緊急やむを得ない事態 (a 常時院外 patient given
//! drugs in-house urgently and temporarily, or a 常時院内 patient given, urgently and temporarily, a
//! drug the facility does not stock on an outside slip), bill 処方箋料 and the in-house F200 薬剤
//! only — no F000 調剤料 and no F100 処方料 (so none of its add-ons) — and write the date and the
//! reason in 摘要. F500 falls away too (F500 注1, 通知 (2)). R06 has no emergency clause: the same
//! split is computed, but the outcome is needs_review. J038 通知 (24): HIF-PH inhibitors alone
//! in-house are a standing exception. 疑義解釈（その1）問37: B001-2, B001-2-11 and C003 are billed as
//! 「処方箋を交付する場合」.

use crate::api::{ApiError, Dispensing, Outcome, Revision, Severity};
use crate::engine::Ctx;
use crate::rules::f0_common as common;

/// What the same-day rule leaves billable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    /// F000, F100 (and add-ons) and F500 may be billed for the in-house 処方.
    pub inhouse_fees: bool,
}

/// SSK comment codes (R6 comment master; R8 mapping UNCERTAIN, RULES.md §4.4).
const REASON_CODE: &str = "830100205";
const DATE_CODE: &str = "850100206";

pub fn plan(ctx: &mut Ctx<'_>) -> Result<Plan, ApiError> {
    let normal = Plan { inhouse_fees: true };
    if !common::outpatient(ctx) {
        return Ok(normal);
    }
    let rev = ctx.revision;
    let has = |mode: Dispensing| {
        ctx.claim
            .prescriptions
            .iter()
            .any(|p| p.dispensing == mode && !p.items.is_empty())
    };
    if !(has(Dispensing::Inhouse) && has(Dispensing::Outside)) {
        return Ok(normal);
    }
    // J038 通知 (24): HIF-PH inhibitors alone in-house.
    let inhouse_items: Vec<(usize, usize)> = ctx
        .claim
        .prescriptions
        .iter()
        .enumerate()
        .filter(|(_, p)| p.dispensing == Dispensing::Inhouse)
        .flat_map(|(i, p)| (0..p.items.len()).map(move |j| (i, j)))
        .collect();
    if inhouse_items
        .iter()
        .all(|&(i, j)| common::drug(ctx, i, j).is_some_and(|d| d.hif_ph_inhibitor == Some(true)))
    {
        ctx.finding("F400.notice9.j038_hif_ph", Outcome::Eligible, Severity::Info)
            .basis(common::uncited(
                match rev {
                    Revision::R06 => "R06 通知",
                    Revision::R08 => "R08 通知",
                },
                "J038 人工腎臓 (24) 「『Ｆ４００』処方箋料の（９）の規定にかかわらず」 (not transcribed in law/)",
            ))
            .push(ctx);
        return Ok(normal);
    }

    let keys = ["F400.tsuchi9"];
    let usual = ctx.claim.patient.usual_dispensing;
    let any_emergency = ctx
        .claim
        .prescriptions
        .iter()
        .any(|p| p.emergency == Some(true));
    // The prescriptions of the mode that is not the patient's usual one must be the emergency.
    let emergency_ok = usual.map(|u| {
        let unusual: Vec<_> = ctx
            .claim
            .prescriptions
            .iter()
            .filter(|p| p.dispensing != u && !p.items.is_empty())
            .collect();
        !unusual.is_empty() && unusual.iter().all(|p| p.emergency == Some(true))
    });

    match (any_emergency, emergency_ok) {
        (false, _) | (true, Some(false)) => {
            let mut fb = ctx
                .finding("F400.notice9.not_permitted", Outcome::Ineligible, Severity::Error)
                .arg(
                    "why",
                    if any_emergency {
                        "緊急として示された処方が、患者の常時の投薬方法と逆の方法の処方になっていません"
                    } else {
                        "緊急やむを得ない事態（emergency）が示されていません"
                    },
                );
            if rev == Revision::R08 && !any_emergency {
                fb = fb.missing(
                    "prescriptions[].emergency",
                    "緊急やむを得ない事態か（常時院外の患者への臨時の院内投薬、又は常時院内の患者への常用していない薬剤の臨時の院外処方）",
                    "whether it was an emergency (a usually-outside patient given drugs in-house temporarily, or a usually-in-house patient given an unstocked drug on an outside slip)",
                );
            }
            common::cite(fb, rev, &keys).push(ctx);
        }
        (true, None) => {
            let fb = ctx
                .finding("F400.notice9.usual_unknown", Outcome::NeedsReview, Severity::Warning)
                .missing(
                    "patient.usualDispensing",
                    "患者が常時院外処方か常時院内投薬か（usualDispensing）",
                    "whether the patient usually gets outside slips or in-house dispensing (usualDispensing)",
                );
            common::cite(fb, rev, &keys).push(ctx);
            remarks_check(ctx)?;
        }
        (true, Some(true)) => {
            match rev {
                Revision::R08 => {
                    let mut fb = ctx.finding(
                        "F400.notice9.emergency_split",
                        Outcome::Eligible,
                        Severity::Info,
                    );
                    if usual == Some(Dispensing::Inhouse) {
                        fb = fb.missing(
                            "prescriptions[].items[]",
                            "院外処方した薬剤が当該保険医療機関で常用していない薬剤であること",
                            "that the drugs on the outside slip are not stocked by the facility",
                        );
                    }
                    common::cite(fb, rev, &keys).push(ctx);
                    let fb = ctx.finding("F400.notice9.gigi37", Outcome::Eligible, Severity::Info);
                    common::cite(fb, rev, &["gigi.37"]).push(ctx);
                }
                Revision::R06 => {
                    let fb = ctx.finding(
                        "F400.notice9.r06_review",
                        Outcome::NeedsReview,
                        Severity::Warning,
                    );
                    common::cite(fb, rev, &keys).push(ctx);
                }
            }
            remarks_check(ctx)?;
        }
    }
    Ok(Plan {
        inhouse_fees: false,
    })
}

/// 「当該診療報酬明細書の『摘要欄』に、その日付及び理由を記載すること」.
fn remarks_check(ctx: &mut Ctx<'_>) -> Result<(), ApiError> {
    let rev = ctx.revision;
    let remarks = &ctx.claim.remarks;
    let texts: Vec<&str> = remarks
        .iter()
        .filter(|r| r.code.is_none())
        .filter_map(|r| r.text.as_deref())
        .filter(|t| !t.trim().is_empty())
        .collect();
    let coded_date = remarks.iter().any(|r| {
        r.code.as_deref() == Some(DATE_CODE)
            && r.text.as_deref().is_some_and(|t| !t.trim().is_empty())
    });
    let coded_reason = remarks.iter().any(|r| {
        r.code.as_deref() == Some(REASON_CODE)
            && r.text.as_deref().is_some_and(|t| !t.trim().is_empty())
    });
    let text_date = texts.iter().any(|t| looks_like_date(t));
    let text_reason = texts.iter().any(|t| !looks_like_date_only(t));
    let date_ok = coded_date || text_date;
    let reason_ok = coded_reason || text_reason;
    if date_ok && reason_ok {
        return Ok(());
    }
    let mut missing = Vec::new();
    let mut fb = ctx.finding(
        "F400.notice9.remarks_missing",
        Outcome::Ineligible,
        Severity::Error,
    );
    if !date_ok {
        missing.push("日付 (850100206)");
        fb = fb.missing(
            "remarks",
            "摘要欄: 院内投薬と院外処方を同日に行った年月日（コメント 850100206 又は文字列）",
            "摘要: the date (comment 850100206 or free text)",
        );
    }
    if !reason_ok {
        missing.push("理由 (830100205)");
        fb = fb.missing(
            "remarks",
            "摘要欄: 同日に院内処方及び処方箋による投薬を行った理由（コメント 830100205 又は文字列）",
            "摘要: the reason (comment 830100205 or free text)",
        );
    }
    let fb = fb.arg("missing", missing.join("、"));
    common::cite(fb, rev, &["F400.tsuchi9"]).push(ctx);
    Ok(())
}

/// A free-text remark that names a date (2026-06-15, 2026/6/15, 令和8年6月15日, 6月15日, 20260615).
fn looks_like_date(t: &str) -> bool {
    let digits = t
        .chars()
        .filter(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .count();
    (t.contains('月') && t.contains('日'))
        || (digits >= 6 && (t.contains('-') || t.contains('/') || t.contains('.')))
        || (digits == 8 && t.trim().chars().all(|c| c.is_ascii_digit()))
}

/// A remark that is only a date (so it cannot be the reason too).
fn looks_like_date_only(t: &str) -> bool {
    looks_like_date(t)
        && t.chars().all(|c| {
            c.is_ascii_digit() || ('０'..='９').contains(&c) || "-/.年月日令和平成 　".contains(c)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notice9_remark_date_patterns() {
        assert!(looks_like_date("2026-06-15"));
        assert!(looks_like_date("令和8年6月15日"));
        assert!(looks_like_date("20260615"));
        assert!(!looks_like_date("喘息発作のため緊急に院内投薬"));
        assert!(looks_like_date_only("2026/06/15"));
        assert!(!looks_like_date_only(
            "6月15日 喘息発作のため緊急に院内投薬"
        ));
    }
}

#[cfg(test)]
mod rule_tests {
    use crate::api::Outcome;
    use crate::rules::f0_common::{eval_for_test, lines_of};
    use serde_json::json;

    fn claim(date: &str, emergency: bool, remarks: serde_json::Value) -> serde_json::Value {
        json!({
            "serviceDate": date,
            "facility": {"kind": "clinic", "genericNamePrescribingNotice": true, "pharmacistOnDuty": true},
            "patient": {"birthDate": "1970-01-01", "usualDispensing": "outside"},
            "prescriptions": [
                {"id": "in", "dispensing": "inhouse", "emergency": emergency, "items": [
                    {"drug": {"name": "X", "route": "internal", "unitPrice": "50", "hasGeneric": false},
                     "use": "prn", "days": 1, "dailyQuantity": "1"}]},
                {"id": "out", "dispensing": "outside", "items": [
                    {"drug": {"name": "Y", "genericName": "Y", "route": "internal", "hasGeneric": false, "unitPrice": "10"},
                     "use": "regular", "days": 28, "dailyQuantity": "1"}]}
            ],
            "remarks": remarks
        })
    }

    fn has(e: &crate::api::Evaluation, code: &str, outcome: Outcome) -> bool {
        e.findings
            .iter()
            .any(|f| f.code == code && f.outcome == outcome)
    }

    #[test]
    fn notice9_r08_emergency_bills_prescription_fee_and_inhouse_drug_only() {
        let e = eval_for_test(claim(
            "2026-06-15",
            true,
            json!([{"code": "850100206", "text": "20260615"}, {"code": "830100205", "text": "発作"}]),
        ));
        let items: Vec<String> = lines_of(&e).into_iter().map(|l| l.0).collect();
        assert_eq!(items, vec!["F200", "F400-3"]);
        assert!(has(&e, "F400.notice9.emergency_split", Outcome::Eligible));
        assert!(has(&e, "F400.notice9.gigi37", Outcome::Eligible));
        assert!(!e
            .findings
            .iter()
            .any(|f| f.code == "F400.notice9.remarks_missing"));
    }

    #[test]
    fn notice9_r08_emergency_without_date_and_reason_is_an_error() {
        let e = eval_for_test(claim("2026-06-15", true, json!([])));
        let f = e
            .findings
            .iter()
            .find(|f| f.code == "F400.notice9.remarks_missing")
            .unwrap();
        assert_eq!(f.missing_facts.len(), 2);
    }

    #[test]
    fn notice9_no_emergency_is_not_permitted_in_principle() {
        let e = eval_for_test(claim("2026-06-15", false, json!([])));
        assert!(has(&e, "F400.notice9.not_permitted", Outcome::Ineligible));
    }

    #[test]
    fn notice9_r06_has_no_emergency_clause_needs_review() {
        let e = eval_for_test(claim(
            "2026-05-31",
            true,
            json!([{"text": "2026年5月31日 発作のため"}]),
        ));
        assert!(has(&e, "F400.notice9.r06_review", Outcome::NeedsReview));
        assert!(!e.findings.iter().any(|f| f.code == "F400.notice9.gigi37"));
        let items: Vec<String> = lines_of(&e).into_iter().map(|l| l.0).collect();
        assert_eq!(items, vec!["F200", "F400-3"]);
    }
}
