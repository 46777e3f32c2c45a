//! F200 薬剤 — drug fees for in-house dispensing, and the counting of 内服薬 「種類」 that
//! F100 2 / F400 2 borrow (F200 注3, 通知 (6)).
//!
//! 告示 F200: 「薬剤料は、次の各区分ごとに所定単位につき、薬価が15円以下である場合は１点とし、15円を
//! 超える場合は10円又はその端数を増すごとに１点を所定点数に加算する。」 所定単位: 内服薬 １剤１日分,
//! 屯服薬 １回分, 外用薬 １調剤. Computed in rust_decimal, never floats.

use std::collections::BTreeMap;

use crate::api::{ApiError, Dispensing, Line, Outcome, Route, Severity, Use};
use crate::decimal::Dec;
use crate::engine::Ctx;
use crate::rules::f0_common::{self as common, Unit};
use crate::rules::f100_category::Category;
use rust_decimal::prelude::*;

/// Points for one 所定単位 whose price is `yen`: ≤ base → 1; else 1 per `step` yen or part above it.
pub fn points_for_price(yen: Dec, base: Dec, step: Dec) -> Option<Dec> {
    if yen.0 <= base.0 {
        return Some(Dec::from_int(1));
    }
    if step.0 <= Decimal::ZERO {
        return None;
    }
    let over = yen.0.checked_sub(base.0)?;
    let steps = over.checked_div(step.0)?.ceil();
    Some(Dec(Decimal::ONE.checked_add(steps)?))
}

/// The outcome of counting 内服薬 kinds: a range when prices are missing.
#[derive(Debug, Clone, Default)]
pub struct Kinds {
    /// Fewest kinds the facts allow.
    pub min: u32,
    /// Most kinds the facts allow.
    pub max: u32,
    /// Claim paths whose missing fact would decide the count.
    pub missing: Vec<(String, &'static str)>,
}

/// One 剤 of 内服薬: the items taken at the same times (F200 通知 (3)).
struct Dose {
    items: Vec<(usize, usize)>,
    price: Option<Dec>,
}

/// Price of one 所定単位 of an item (unit price × quantity), if both are known.
fn item_price(ctx: &Ctx<'_>, i: usize, j: usize) -> Option<Dec> {
    let d = common::drug(ctx, i, j)?;
    let it = common::item(ctx, i, j)?;
    let p = d.unit_price?;
    let q = it.daily_quantity?;
    p.checked_mul(q)
}

/// Group the regular 内服薬 of a unit into 剤 by `doseGroup` (per prescription).
fn doses(ctx: &Ctx<'_>, items: &[(usize, usize)]) -> (Vec<Dose>, Vec<(usize, usize)>) {
    let mut groups: BTreeMap<(usize, String), Vec<(usize, usize)>> = BTreeMap::new();
    let mut unknown_route = Vec::new();
    for &(i, j) in items {
        match common::regular_internal(ctx, i, j) {
            Some(true) => {
                let key = common::item(ctx, i, j)
                    .and_then(|it| it.dose_group.clone())
                    .unwrap_or_else(|| format!("\u{0}item{j}"));
                groups.entry((i, key)).or_default().push((i, j));
            }
            Some(false) => {}
            None => unknown_route.push((i, j)),
        }
    }
    let doses = groups
        .into_values()
        .map(|items| {
            let mut total = Some(Dec::ZERO);
            for &(i, j) in &items {
                total = match (total, item_price(ctx, i, j)) {
                    (Some(t), Some(p)) => t.checked_add(p),
                    _ => None,
                };
            }
            Dose {
                items,
                price: total,
            }
        })
        .collect();
    (doses, unknown_route)
}

/// F200 通知 (6) ア: kinds of regular 内服薬 in one 処方 — one per brand, but a 剤 whose price per
/// 所定単位 (１剤１日分) is ≤ 205円 counts as one kind ((ニ)); temporary courses of ≤ 2 weeks are
/// not counted (ウ・エ). For generic-name items the price is the lowest of the matching products
/// (F400 (12)); the claim's unitPrice is taken to be that price.
pub fn internal_kinds(ctx: &Ctx<'_>, items: &[(usize, usize)]) -> Result<Kinds, ApiError> {
    let limit = ctx.number("F200.tsuchi6.one_kind_yen")?.value;
    let (doses, unknown_route) = doses(ctx, items);
    let mut k = Kinds::default();
    for d in &doses {
        let n = u32::try_from(d.items.len()).unwrap_or(u32::MAX);
        match d.price {
            Some(p) if p.0 <= limit.0 => {
                k.min = k.min.saturating_add(1);
                k.max = k.max.saturating_add(1);
            }
            Some(_) => {
                k.min = k.min.saturating_add(n);
                k.max = k.max.saturating_add(n);
            }
            None => {
                k.min = k.min.saturating_add(1);
                k.max = k.max.saturating_add(n);
                if n > 1 {
                    for &(i, j) in &d.items {
                        if item_price(ctx, i, j).is_none() {
                            k.missing.push((
                                format!("{}.drug.unitPrice", common::path_item(i, j)),
                                "unitPrice/dailyQuantity",
                            ));
                        }
                    }
                }
            }
        }
    }
    for (i, j) in unknown_route {
        k.max = k.max.saturating_add(1);
        k.missing
            .push((format!("{}.drug.route", common::path_item(i, j)), "route"));
    }
    Ok(k)
}

/// What one billed 剤 line is, for 注2 / 注3.
struct DoseLine {
    line: usize,
    internal: bool,
    psych: Psych,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Psych {
    None,
    Only,
    Mixed,
}

/// Bill F200 for one in-house 処方 (outpatient): one line per 剤 (内服: per day × days; 屯服: per
/// dose × doses; 外用: per 調剤), then 注2 (×80/100 of the psychotropic drugs, category 1) or 注3
/// (×90/100 of all 内服薬, 7 kinds or more) as an adjustment line.
pub fn bill_unit(ctx: &mut Ctx<'_>, u: &Unit, category: Option<Category>) -> Result<(), ApiError> {
    let base = ctx.number("F200.base_yen")?;
    let step = ctx.number("F200.step_yen")?;
    let rev = ctx.revision;
    let rx_id = u.id(ctx).map(str::to_string);
    let items = u.items(ctx);
    // 投薬 通則5: over 63 patches with no recorded reason → no drug fee for the excess sheets.
    let patches = crate::rules::f0_general::patches(ctx, u)?;
    let caps: Vec<((usize, usize), Dec)> = if patches.over() && patches.reason != Some(true) {
        patches.allowed()
    } else {
        Vec::new()
    };
    let price_of = |ctx: &Ctx<'_>, i: usize, j: usize| -> Option<Dec> {
        match caps.iter().find(|(k, _)| *k == (i, j)) {
            Some((_, q)) => common::drug(ctx, i, j)?.unit_price?.checked_mul(*q),
            None => item_price(ctx, i, j),
        }
    };
    let mut dose_lines: Vec<DoseLine> = Vec::new();
    {
        // 剤 for 内服 (regular or temporary): same prescription + doseGroup; 屯服/外用 per item.
        let mut groups: BTreeMap<(usize, String), Vec<(usize, usize)>> = BTreeMap::new();
        for &(i, j) in &items {
            let Some(d) = common::drug(ctx, i, j) else {
                continue;
            };
            if d.oral_nutrition == Some(true)
                && !crate::rules::f0_general::nutrition_billable(ctx, i)
            {
                continue;
            }
            if caps
                .iter()
                .any(|(k, q)| *k == (i, j) && q.0 <= Decimal::ZERO)
            {
                continue;
            }
            let it = common::item(ctx, i, j);
            let use_ = it.and_then(|x| x.use_);
            let key = match (d.route, use_) {
                (Some(Route::Internal), Some(Use::Prn)) => format!("\u{1}prn{j}"),
                (Some(Route::Internal), _) => it
                    .and_then(|x| x.dose_group.clone())
                    .map(|g| format!("\u{0}{g}"))
                    .unwrap_or_else(|| format!("\u{0}item{j}")),
                (Some(Route::External), _) => format!("\u{2}ext{j}"),
                (Some(Route::Injection), _) => {
                    // Injectables and syringes are not F200 投薬 drugs (注射 / 在宅 sections).
                    let fb = ctx
                        .finding(
                            "F200.injection_not_f200",
                            Outcome::Ineligible,
                            Severity::Info,
                        )
                        .arg("item", common::path_item(i, j))
                        .rx(rx_id.as_deref());
                    common::cite(fb, rev, &["F200"]).push(ctx);
                    continue;
                }
                (None, _) => {
                    let fb = ctx
                        .finding(
                            "F200.route_unknown",
                            Outcome::NeedsReview,
                            Severity::Warning,
                        )
                        .arg("item", common::path_item(i, j))
                        .missing(
                            &format!("{}.drug.route", common::path_item(i, j)),
                            "内服・外用・注射の別（route）",
                            "whether the drug is internal, external or an injection (route)",
                        )
                        .rx(rx_id.as_deref());
                    common::cite(fb, rev, &["F200"]).push(ctx);
                    continue;
                }
            };
            groups.entry((i, key)).or_default().push((i, j));
        }
        for ((_, key), members) in groups {
            let mut price = Some(Dec::ZERO);
            for &(i, j) in &members {
                price = match (price, price_of(ctx, i, j)) {
                    (Some(t), Some(p)) => t.checked_add(p),
                    _ => None,
                };
            }
            let first = members.first().copied();
            let Some(price) = price else {
                if let Some((i, j)) = first {
                    let fb = ctx
                        .finding(
                            "F200.price_unknown",
                            Outcome::NeedsReview,
                            Severity::Warning,
                        )
                        .arg("item", common::path_item(i, j))
                        .missing(
                            &format!("{}.drug.unitPrice", common::path_item(i, j)),
                            "薬価（unitPrice）と数量（dailyQuantity）を指定してください",
                            "give the unit price (unitPrice) and the quantity (dailyQuantity)",
                        )
                        .rx(rx_id.as_deref());
                    common::cite(fb, rev, &["F200"]).push(ctx);
                }
                continue;
            };
            let per_unit = points_for_price(price, base.value, step.value).ok_or_else(|| {
                ApiError::new("law_data_invalid", "F200 step is not positive", "")
            })?;
            let external = key.starts_with('\u{2}');
            let count = match first.and_then(|(i, j)| common::item(ctx, i, j)) {
                Some(_) if external => 1,
                Some(it) => it.days.unwrap_or(1).max(1),
                None => 1,
            };
            let code = members
                .iter()
                .find_map(|&(i, j)| common::drug(ctx, i, j).and_then(|d| d.code.clone()))
                .unwrap_or_default();
            let unit_name = if key.starts_with('\u{0}') {
                "内服薬 １剤１日分"
            } else if key.starts_with('\u{1}') {
                "屯服薬 １回分"
            } else {
                "外用薬 １調剤"
            };
            let psych_n = members
                .iter()
                .filter(|&&(i, j)| {
                    common::drug(ctx, i, j).is_some_and(|d| {
                        d.psychotropic_class
                            .is_some_and(|c| c != crate::api::PsychotropicClass::None)
                    })
                })
                .count();
            let psych = if psych_n == 0 {
                Psych::None
            } else if psych_n == members.len() {
                Psych::Only
            } else {
                Psych::Mixed
            };
            let mut basis = vec![base.basis.clone()];
            if let Some(b) = common::basis(rev, "F200.tsuchi3") {
                basis.push(b);
            }
            dose_lines.push(DoseLine {
                line: ctx.lines.len(),
                internal: key.starts_with('\u{0}'),
                psych,
            });
            ctx.lines.push(Line {
                code,
                item: "F200".to_string(),
                name_ja: format!("薬剤料（{unit_name}、{price}円）"),
                points: per_unit,
                count,
                date: ctx.date,
                prescription_id: rx_id.clone(),
                basis,
            });
        }
    }
    match category {
        Some(Category::One) => {
            if dose_lines.iter().any(|d| d.psych == Psych::Mixed) {
                let fb = ctx
                    .finding("F200.note2.mixed", Outcome::NeedsReview, Severity::Warning)
                    .rx(rx_id.as_deref());
                common::cite(fb, rev, &["F200.note2"]).push(ctx);
            }
            let sel: Vec<usize> = dose_lines
                .iter()
                .filter(|d| d.psych == Psych::Only)
                .map(|d| d.line)
                .collect();
            adjust(
                ctx,
                &sel,
                "F200.note2.ratio",
                "F200-note2",
                "薬剤料（注2 向精神薬多剤投与 100分の80）",
                rx_id.as_deref(),
                &["F200.note2"],
            )?;
        }
        Some(Category::TwoKinds) => {
            let sel: Vec<usize> = dose_lines
                .iter()
                .filter(|d| d.internal)
                .map(|d| d.line)
                .collect();
            adjust(
                ctx,
                &sel,
                "F200.note3.ratio",
                "F200-note3",
                "薬剤料（注3 ７種類以上の内服薬 100分の90）",
                rx_id.as_deref(),
                &["F200.note3", "F200.tsuchi6a"],
            )?;
        }
        _ => {}
    }
    Ok(())
}

/// Add an adjustment line: round_half_up(total × ratio/100) − total over the selected lines.
fn adjust(
    ctx: &mut Ctx<'_>,
    sel: &[usize],
    ratio_id: &str,
    item: &str,
    name: &str,
    rxid: Option<&str>,
    keys: &[&str],
) -> Result<(), ApiError> {
    if sel.is_empty() {
        return Ok(());
    }
    let rev = ctx.revision;
    let ratio = ctx.number(ratio_id)?;
    let mut total = Decimal::ZERO;
    for &k in sel {
        if let Some(l) = ctx.lines.get(k) {
            total = l
                .points
                .0
                .checked_mul(Decimal::from(l.count))
                .and_then(|p| total.checked_add(p))
                .ok_or_else(|| ApiError::new("overflow", "points overflow", ""))?;
        }
    }
    let reduced = total
        .checked_mul(ratio.value.0)
        .and_then(|x| x.checked_div(Decimal::from(100)))
        .map(|x| x.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero))
        .ok_or_else(|| ApiError::new("overflow", "points overflow", ""))?;
    let delta = reduced
        .checked_sub(total)
        .ok_or_else(|| ApiError::new("overflow", "points overflow", ""))?;
    let mut basis = vec![ratio.basis.clone()];
    for b in common::bases(rev, keys) {
        if !basis.iter().any(|x| x.doc == b.doc && x.at == b.at) {
            basis.push(b);
        }
    }
    ctx.lines.push(Line {
        code: String::new(),
        item: item.to_string(),
        name_ja: name.to_string(),
        points: Dec(delta),
        count: 1,
        date: ctx.date,
        prescription_id: rxid.map(str::to_string),
        basis,
    });
    let fb = ctx
        .finding(
            &format!("{}.reduced", item.replace('-', ".")),
            Outcome::Eligible,
            Severity::Info,
        )
        .arg("total", Dec(total))
        .arg("reduced", Dec(reduced))
        .uses(&ratio)
        .rx(rxid);
    common::cite(fb, rev, keys).push(ctx);
    Ok(())
}

/// F200 for the outpatient in-house prescriptions of the day (called by the pipeline unless the
/// same-day rule decides the units itself).
pub fn evaluate(ctx: &mut Ctx<'_>, units: &[(Unit, Option<Category>)]) -> Result<(), ApiError> {
    if !common::outpatient(ctx) {
        return Ok(());
    }
    for (u, c) in units {
        bill_unit(ctx, u, *c)?;
    }
    Ok(())
}

/// Units of in-house prescriptions.
pub fn inhouse_units(ctx: &Ctx<'_>) -> Vec<Unit> {
    common::units(ctx, Dispensing::Inhouse, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Dec {
        Dec::parse(s).unwrap()
    }

    #[test]
    fn kokuji_f200_price_15_yen_or_less_is_one_point() {
        assert_eq!(points_for_price(d("15"), d("15"), d("10")), Some(d("1")));
        assert_eq!(points_for_price(d("0.5"), d("15"), d("10")), Some(d("1")));
    }

    #[test]
    fn kokuji_f200_each_10_yen_or_part_adds_one_point() {
        assert_eq!(points_for_price(d("15.01"), d("15"), d("10")), Some(d("2")));
        assert_eq!(points_for_price(d("25"), d("15"), d("10")), Some(d("2")));
        assert_eq!(points_for_price(d("25.1"), d("15"), d("10")), Some(d("3")));
        // E11: 50円 → 1 + ceil(35/10) = 5
        assert_eq!(points_for_price(d("50"), d("15"), d("10")), Some(d("5")));
    }
}
