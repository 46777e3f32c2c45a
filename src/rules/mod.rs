//! The rules, one module per fee-schedule item, run in fee-schedule order.

use crate::api::ApiError;
use crate::engine::Ctx;

pub mod a243_2_biosimilar_use;
pub mod billed;
pub mod biosimilar_initial;
pub mod f0_common;
pub mod f0_general;
pub mod f100_category;
pub mod f200_drug_fee;
pub mod f400_prescription_fee;

/// Run every rule on one claim.
pub fn run(ctx: &mut Ctx<'_>) -> Result<(), ApiError> {
    a243_2_biosimilar_use::evaluate(ctx)?;
    biosimilar_initial::evaluate_c101(ctx)?;
    f400_prescription_fee::evaluate(ctx)?;
    biosimilar_initial::evaluate_injection(ctx)?;
    Ok(())
}
