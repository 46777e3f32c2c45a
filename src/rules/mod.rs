//! The rules, one module per fee-schedule item, run in fee-schedule order.

use crate::api::{ApiError, Dispensing};
use crate::engine::Ctx;

pub mod a243_2_biosimilar_use;
pub mod billed;
pub mod biosimilar_initial;
pub mod f000_dispensing_fee;
pub mod f0_addons;
pub mod f0_common;
pub mod f0_general;
pub mod f100_category;
pub mod f100_prescribing_fee;
pub mod f200_drug_fee;
pub mod f400_notice9_same_day;
pub mod f400_prescription_fee;
pub mod f500_dispensing_technical_fee;

/// Run every rule on one claim.
pub fn run(ctx: &mut Ctx<'_>) -> Result<(), ApiError> {
    a243_2_biosimilar_use::evaluate(ctx)?;
    biosimilar_initial::evaluate_c101(ctx)?;
    prescribing(ctx)?;
    biosimilar_initial::evaluate_injection(ctx)?;
    Ok(())
}

/// 第5部 投薬 (outpatients): F000, F100, F200, F400, F500 and the same-day rule F400 通知 (9).
fn prescribing(ctx: &mut Ctx<'_>) -> Result<(), ApiError> {
    if !f0_common::outpatient(ctx) {
        inpatient_prescriptions(ctx);
        return Ok(());
    }
    let plan = f400_notice9_same_day::plan(ctx)?;
    // In-house 処方: 通則4/6 bars, then the category (needed by F100 and by F200 注2/注3).
    let mut inhouse = Vec::new();
    // Units whose F000/F100 (and F500) are barred by 通則5 (more than 63 patches): F200 still bills
    // the patches up to the limit and the other drugs.
    let mut patch_barred = Vec::new();
    for unit in f0_common::units(ctx, Dispensing::Inhouse, None) {
        if unit.items(ctx).is_empty() || f0_general::unit_barred(ctx, &unit, "F100")? {
            continue;
        }
        patch_barred.push(f0_general::tsusoku5(ctx, &unit, "F100")?);
        let before = ctx.findings.len();
        let cat = f100_category::decide(ctx, &unit, "F100")?;
        if !plan.inhouse_fees {
            // No 処方料 is billed (F400 通知 (9)): keep only the category findings that need review.
            let mut k = 0;
            ctx.findings.retain(|f| {
                k += 1;
                k <= before
                    || !f.code.starts_with("F100.category")
                    || f.outcome == crate::api::Outcome::NeedsReview
            });
        }
        inhouse.push((unit, Some(cat)));
    }
    let fees_ok = |k: usize| !patch_barred.get(k).copied().unwrap_or(false);
    if plan.inhouse_fees {
        for (k, (unit, _)) in inhouse.iter().enumerate() {
            if fees_ok(k) {
                f000_dispensing_fee::bill_unit(ctx, unit)?;
            }
        }
        for (k, (unit, cat)) in inhouse.iter().enumerate() {
            if let (Some(c), true) = (cat, fees_ok(k)) {
                f100_prescribing_fee::bill_unit(ctx, unit, *c)?;
            }
        }
    }
    f200_drug_fee::evaluate(ctx, &inhouse)?;
    f400_prescription_fee::evaluate(ctx)?;
    let any_fees = (0..inhouse.len()).any(fees_ok);
    f500_dispensing_technical_fee::evaluate(ctx, plan.inhouse_fees && any_fees)?;
    Ok(())
}

/// Inpatients: F100 処方料 is included in the 入院基本料 (F100 注3) and F400 is for slips filled at a
/// 保険薬局 (F400 注1); the inpatient 投薬 fees (F000 2, F200, F500 1) are not evaluated here — say so
/// rather than answer nothing.
fn inpatient_prescriptions(ctx: &mut Ctx<'_>) {
    let any = ctx.claim.prescriptions.iter().any(|p| !p.items.is_empty());
    if !any {
        return;
    }
    let rev = ctx.revision;
    let fb = ctx.finding(
        "F0.inpatient_not_evaluated",
        crate::api::Outcome::NeedsReview,
        crate::api::Severity::Info,
    );
    f0_common::cite(fb, rev, &["F100.note3", "F400.note1", "tsusoku1"]).push(ctx);
}
