//! Compare what the clerk intends to bill (`billed`) with what the rules give.
//!
//! One entry per difference: wrong points for the date (and whether they are the other revision's
//! value), billed but not earned, earned but not billed, 一般名処方加算 1 and 2 billed together,
//! codes santei does not know. Codes compare by count: a code billed twice needs two lines.

use std::collections::{BTreeMap, HashSet, VecDeque};

use crate::api::{BilledCheck, Outcome, Revision, Severity};
use crate::date::IsoDate;
use crate::decimal::Dec;
use crate::engine::Ctx;

/// F000 注 + F100 注2 may be billed as one combined SSK code (調剤・処方料（麻薬等）, 2点).
const COMBINED_NARCOTIC: &str = "120002030";

pub fn check(ctx: &mut Ctx<'_>) -> Vec<BilledCheck> {
    let claim = ctx.claim;
    let mut out = Vec::new();
    if claim.billed.is_empty() {
        return out;
    }
    // Expected: code → (points, count) per line, in order. Counts are never expanded.
    let mut expected: BTreeMap<String, VecDeque<(Dec, u64)>> = BTreeMap::new();
    // Lines without a code (drug fees of drugs given inline without a レセ電 code, adjustments)
    // cannot be matched by code and are left out.
    for l in ctx.lines.iter().filter(|l| !l.code.is_empty()) {
        expected
            .entry(l.code.clone())
            .or_default()
            .push_back((l.points, u64::from(l.count.max(1))));
    }
    let f000_note = ctx
        .law
        .code("F000-note", ctx.date)
        .unwrap_or_default()
        .to_string();
    let f100_note2 = ctx
        .law
        .code("F100-note2", ctx.date)
        .unwrap_or_default()
        .to_string();
    if claim.billed.iter().any(|b| b.code == COMBINED_NARCOTIC) {
        let both = take(&mut expected, &f000_note).is_some();
        let both = both && take(&mut expected, &f100_note2).is_some();
        if both {
            expected
                .entry(COMBINED_NARCOTIC.to_string())
                .or_default()
                .push_back((Dec::from_int(2), 1));
        }
    }
    let line_codes: HashSet<String> = ctx.lines.iter().map(|l| l.code.clone()).collect();
    // 一般名処方加算 1 and 2 billed together.
    let a1 = ctx
        .law
        .code("F400-note6-1", ctx.date)
        .unwrap_or_default()
        .to_string();
    let a2 = ctx
        .law
        .code("F400-note6-2", ctx.date)
        .unwrap_or_default()
        .to_string();
    if claim.billed.iter().any(|b| b.code == a1) && claim.billed.iter().any(|b| b.code == a2) {
        let rev = ctx.revision;
        let fb = ctx.finding("billed.note6_both", Outcome::Ineligible, Severity::Error);
        crate::rules::f0_common::cite(fb, rev, &["F400.note6", "F400.tsuchi12"]).push(ctx);
    }
    // Billed lines, one by one (a line's count consumes that many expected units).
    for b in &claim.billed {
        let mut count = u64::from(b.count.unwrap_or(1).max(1));
        while count > 0 {
            let want = expected.get_mut(&b.code).and_then(|v| {
                let first = v.front_mut()?;
                let n = first.1.min(count);
                let points = first.0;
                first.1 -= n;
                if first.1 == 0 {
                    v.pop_front();
                }
                Some((points, n))
            });
            let n = want.map_or(count, |w| w.1);
            count -= n;
            match (want.map(|w| w.0), b.points) {
                (Some(e), Some(p)) if e != p => {
                    let other = other_revision_value(ctx, &b.code, p);
                    let code = match (&other, ctx.law.item_by_code(&b.code)) {
                        (Some(_), Some(it)) if it.item.starts_with("F400-note6") => {
                            "F400.note6.points_changed"
                        }
                        (Some(_), _) => "billed.points_changed",
                        (None, _) => "billed.points_differ",
                    };
                    out.push(BilledCheck {
                        code: b.code.clone(),
                        billed: Some(p),
                        expected: Some(e),
                        finding: code.to_string(),
                    });
                    ctx.finding(code, Outcome::Ineligible, Severity::Error)
                        .arg("code", &b.code)
                        .arg("billed", p)
                        .arg("expected", e)
                        .arg("date", ctx.date)
                        .arg("other", other.map(|r| format!("{r:?}")).unwrap_or_default())
                        .push(ctx);
                }
                (Some(_), _) => {}
                (None, p) => {
                    let known = ctx.law.item_by_code(&b.code).is_some()
                        || b.code == COMBINED_NARCOTIC
                        || line_codes.contains(&b.code);
                    let ours = is_prescribing_code(&b.code);
                    let (finding, outcome, severity) = if known || ours {
                        ("billed.not_earned", Outcome::Ineligible, Severity::Error)
                    } else {
                        ("billed.unknown_code", Outcome::NeedsReview, Severity::Info)
                    };
                    out.push(BilledCheck {
                        code: b.code.clone(),
                        billed: p,
                        expected: None,
                        finding: finding.to_string(),
                    });
                    ctx.finding(finding, outcome, severity)
                        .arg("code", &b.code)
                        .push(ctx);
                }
            }
        }
    }
    for (code, rest) in expected {
        for (points, _) in rest {
            out.push(BilledCheck {
                code: code.clone(),
                billed: None,
                expected: Some(points),
                finding: "billed.missing".to_string(),
            });
            ctx.finding("billed.missing", Outcome::Eligible, Severity::Warning)
                .arg("code", &code)
                .arg("expected", points)
                .push(ctx);
        }
    }
    out
}

/// Consume one unit of an expected code.
fn take(expected: &mut BTreeMap<String, VecDeque<(Dec, u64)>>, code: &str) -> Option<Dec> {
    let v = expected.get_mut(code)?;
    let first = v.front_mut()?;
    let p = first.0;
    first.1 -= 1;
    if first.1 == 0 {
        v.pop_front();
    }
    Some(p)
}

/// SSK 診療行為 codes of 第5部 投薬 start with 12.
fn is_prescribing_code(code: &str) -> bool {
    code.len() == 9 && code.starts_with("12")
}

/// If `points` is the item's value under the other revision, name that revision.
fn other_revision_value(ctx: &Ctx<'_>, code: &str, points: Dec) -> Option<Revision> {
    let it = ctx.law.item_by_code(code)?;
    let param = it.param?;
    let other = match ctx.revision {
        Revision::R06 => (Revision::R08, IsoDate::parse("2026-06-01")?),
        Revision::R08 => (Revision::R06, IsoDate::parse("2026-05-31")?),
    };
    let v = ctx.law.number(param, other.1).ok()?;
    (v.value == points).then_some(other.0)
}

#[cfg(test)]
mod tests {
    use crate::rules::f0_common::eval_for_test;
    use serde_json::json;

    fn claim(billed: serde_json::Value) -> serde_json::Value {
        json!({
            "serviceDate": "2026-06-02",
            "facility": {"kind": "clinic", "genericNamePrescribingNotice": true},
            "patient": {"birthDate": "1970-01-01"},
            "prescriptions": [{"dispensing": "outside", "items": [
                {"drug": {"name": "A", "genericName": "A", "route": "internal", "hasGeneric": true, "additionFlag": "1,2"}, "writtenAs": "generic", "days": 28},
                {"drug": {"name": "B", "genericName": "B", "route": "internal", "hasGeneric": true, "additionFlag": "1,2"}, "writtenAs": "generic", "days": 28}
            ]}],
            "billed": billed
        })
    }

    #[test]
    fn billed_r06_points_on_r08_date_name_the_revision() {
        let e = eval_for_test(claim(json!([
            {"code": "120002910", "points": "60"},
            {"code": "120004270", "points": "10"}
        ])));
        assert_eq!(e.billed_check.len(), 1);
        assert_eq!(e.billed_check[0].finding, "F400.note6.points_changed");
    }

    #[test]
    fn billed_note6_addition1_and_2_together_is_an_error() {
        let e = eval_for_test(claim(json!([
            {"code": "120002910", "points": "60"},
            {"code": "120004270", "points": "8"},
            {"code": "120003570", "points": "6"}
        ])));
        assert!(e.findings.iter().any(|f| f.code == "billed.note6_both"));
        assert!(e
            .billed_check
            .iter()
            .any(|b| b.code == "120003570" && b.finding == "billed.not_earned"));
    }

    #[test]
    fn billed_huge_count_is_one_entry() {
        let e = eval_for_test(claim(
            json!([{"code": "120002910", "points": "60", "count": 4_000_000_000u32}]),
        ));
        assert!(e.billed_check.len() <= 3);
    }
}
