//! F400 処方箋料 — prescription fee (outside dispensing).
//!
//! Foundation slice: one 処方箋料 per outside slip. Categories 1/2 and the 注 add-ons are
//! decided in this module as the rules land (issues #2 and #3).

use crate::api::{ApiError, Dispensing};
use crate::engine::Ctx;

/// 告示 F400 注1: 「保険薬局において調剤を受けるために処方箋を交付した場合に、交付１回につき算定する。」
pub fn evaluate(ctx: &mut Ctx<'_>) -> Result<(), ApiError> {
    let claim = ctx.claim;
    let date = ctx.date;
    for rx in claim
        .prescriptions
        .iter()
        .filter(|rx| rx.dispensing == Dispensing::Outside)
    {
        ctx.bill("F400-3", date, rx.id.as_deref(), Vec::new())?;
    }
    Ok(())
}
