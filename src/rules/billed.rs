//! Compare what the clerk intends to bill (`billed`) with what the rules give.

use crate::api::{BilledCheck, Outcome, Severity};
use crate::engine::Ctx;

/// One entry per difference: wrong points, billed but not earned, earned but not billed.
pub fn check(ctx: &mut Ctx<'_>) -> Vec<BilledCheck> {
    let claim = ctx.claim;
    let mut out = Vec::new();
    if claim.billed.is_empty() {
        return out;
    }
    for b in &claim.billed {
        let expected = ctx.lines.iter().find(|l| l.code == b.code);
        match (expected, b.points) {
            (Some(l), Some(p)) if l.points != p => {
                out.push(BilledCheck {
                    code: b.code.clone(),
                    billed: Some(p),
                    expected: Some(l.points),
                    finding: "billed.points_differ".to_string(),
                });
                ctx.finding("billed.points_differ", Outcome::Ineligible, Severity::Error)
                    .arg("code", &b.code)
                    .arg("billed", p)
                    .arg("expected", l.points)
                    .arg("date", ctx.date)
                    .push(ctx);
            }
            (Some(_), _) => {}
            (None, p) => {
                out.push(BilledCheck {
                    code: b.code.clone(),
                    billed: p,
                    expected: None,
                    finding: "billed.not_earned".to_string(),
                });
                ctx.finding("billed.not_earned", Outcome::Ineligible, Severity::Error)
                    .arg("code", &b.code)
                    .push(ctx);
            }
        }
    }
    let lines: Vec<_> = ctx
        .lines
        .iter()
        .filter(|l| !claim.billed.iter().any(|b| b.code == l.code))
        .map(|l| (l.code.clone(), l.points))
        .collect();
    for (code, points) in lines {
        out.push(BilledCheck {
            code: code.clone(),
            billed: None,
            expected: Some(points),
            finding: "billed.missing".to_string(),
        });
        ctx.finding("billed.missing", Outcome::Eligible, Severity::Warning)
            .arg("code", code)
            .arg("expected", points)
            .push(ctx);
    }
    out
}
