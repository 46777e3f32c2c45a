//! F000 調剤料 — dispensing fee for in-house dispensing to outpatients, R06 and R08.
//!
//! 告示 F000 1: イ 内服薬・浸煎薬・屯服薬 11点, ロ 外用薬 8点, each 「１回の処方に係る調剤につき」; 注 麻薬等加算
//! 1点 per 処方 (通知 (4)). 通知 (1): one per 処方 whatever the number of 剤 or days; two departments
//! with different doctors bill one each.

use crate::api::{ApiError, Route};
use crate::engine::Ctx;
use crate::rules::f0_common::{self as common, Unit};

pub fn bill_unit(ctx: &mut Ctx<'_>, unit: &Unit) -> Result<(), ApiError> {
    let rev = ctx.revision;
    let rx_id = unit.id(ctx).map(str::to_string);
    let rxid = rx_id.as_deref();
    let items = unit.items(ctx);
    let mut internal = false;
    let mut external = false;
    let mut narcotic = false;
    for &(i, j) in &items {
        let Some(d) = common::drug(ctx, i, j) else {
            continue;
        };
        if d.oral_nutrition == Some(true) && !crate::rules::f0_general::nutrition_billable(ctx, i) {
            continue;
        }
        match d.route {
            Some(Route::Internal) => internal = true,
            Some(Route::External) => external = true,
            _ => {}
        }
        if d.narcotic_etc == Some(true) {
            narcotic = true;
        }
    }
    let basis = common::bases(rev, &["F000.tsuchi1"]);
    if internal {
        ctx.bill("F000-1i", ctx.date, rxid, basis.clone())?;
    }
    if external {
        ctx.bill("F000-1ro", ctx.date, rxid, basis)?;
    }
    if narcotic && (internal || external) {
        ctx.bill(
            "F000-note",
            ctx.date,
            rxid,
            common::bases(rev, &["F000.tsuchi4"]),
        )?;
    }
    Ok(())
}
