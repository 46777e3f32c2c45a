//! F500 調剤技術基本料 — outpatients (「２ その他の患者」 14点), R06 and R08.
//!
//! 注1: only where a pharmacist always works, and not when a 処方箋 is issued; 注2: once a month;
//! 通知 (2): not when a 処方箋 is issued in the same month; 注4 / 通知 (3): not with B008 / C008.

use crate::api::{ApiError, Outcome, Severity};
use crate::engine::Ctx;
use crate::rules::f0_common as common;

/// `inhouse` = in-house 処方 were billed through the normal (F000/F100) path today.
pub fn evaluate(ctx: &mut Ctx<'_>, inhouse: bool) -> Result<(), ApiError> {
    if !common::outpatient(ctx) || !inhouse {
        return Ok(());
    }
    let rev = ctx.revision;
    let keys = ["F500.note1", "F500.note2", "F500.tsuchi1", "F500.tsuchi2"];
    match ctx.claim.facility.pharmacist_on_duty {
        Some(true) => {}
        Some(false) => return Ok(()),
        None => {
            let fb = ctx
                .finding(
                    "F500.pharmacist_unknown",
                    Outcome::NeedsReview,
                    Severity::Info,
                )
                .missing(
                    "facility.pharmacistOnDuty",
                    "薬剤師が常時勤務しているか",
                    "whether a pharmacist always works at the facility",
                );
            common::cite(fb, rev, &["F500.note1", "tsusoku3"]).push(ctx);
            return Ok(());
        }
    }
    let f400_codes: Vec<String> = ctx
        .law
        .items
        .iter()
        .filter(|it| it.item.starts_with("F400-") && !it.item.starts_with("F400-note"))
        .filter_map(|it| ctx.law.code(it.item, ctx.date).map(str::to_string))
        .collect();
    let f400_refs: Vec<&str> = f400_codes.iter().map(String::as_str).collect();
    if common::billed_this_month(ctx, &f400_refs) {
        let fb = ctx.finding("F500.slip_this_month", Outcome::Ineligible, Severity::Info);
        common::cite(fb, rev, &["F500.tsuchi2"]).push(ctx);
        return Ok(());
    }
    if common::billed_this_month(ctx, &[&common::code_of(ctx, "F500-2")]) {
        let fb = ctx.finding("F500.monthly", Outcome::Ineligible, Severity::Info);
        common::cite(fb, rev, &["F500.note2", "F500.tsuchi1"]).push(ctx);
        return Ok(());
    }
    let r = ctx.bill(
        "F500-2",
        ctx.date,
        None,
        common::bases(rev, &["F500.tsuchi1"]),
    )?;
    let fb = ctx
        .finding("F500.billed", Outcome::Eligible, Severity::Info)
        .uses(&r)
        .missing(
            "history.billedThisMonth",
            "同一月に処方箋を交付した場合、又は薬剤管理指導料（B008）・在宅患者訪問薬剤管理指導料（C008）を算定した場合は算定できません",
            "not billable if a prescription slip is issued, or B008/C008 is billed, in the same month",
        );
    common::cite(fb, rev, &[&keys[..], &["F500.note4"]].concat()).push(ctx);
    Ok(())
}
