//! F400 処方箋料 — prescription fee (outside dispensing), R06 and R08.
//!
//! 告示 F400 注1: 「保険薬局において調剤を受けるために処方箋を交付した場合に、交付１回につき算定する。」
//! Category 1/2/3 (f100_category), 注2 ×40/100, 注3 乳幼児加算, 注4 特定疾患処方管理加算, 注5 抗悪性腫瘍剤処方
//! 管理加算, 注6 一般名処方加算 1/2 (通知 (12); R08 adds biologics with a biosimilar), 注7 向精神薬調整連携
//! 加算, 注8 (18/29/42), refill codes, 通知 (3)(4) grouping and the syringe-only bar of 通知 (9).

use crate::api::{AdditionFlag, ApiError, Dispensing, Outcome, Revision, Severity, WrittenAs};
use crate::engine::Ctx;
use crate::rules::f0_addons;
use crate::rules::f0_common::{self as common, Unit};
use crate::rules::f0_general;
use crate::rules::f100_category;

/// Bill 処方箋料 for every outside-slip unit of the day.
pub fn evaluate(ctx: &mut Ctx<'_>) -> Result<(), ApiError> {
    if !common::outpatient(ctx) {
        return Ok(());
    }
    let units = common::units(ctx, Dispensing::Outside, None);
    let several = units.len() > 1;
    for unit in &units {
        if several {
            notice4_separate(ctx, unit);
        }
        evaluate_unit(ctx, unit)?;
    }
    Ok(())
}

/// 通知 (4): each unit is a separate 処方箋料 only because departments and doctors differ.
fn notice4_separate(ctx: &mut Ctx<'_>, unit: &Unit) {
    let rev = ctx.revision;
    let fb = ctx
        .finding("F400.notice4.separate", Outcome::Eligible, Severity::Info)
        .rx(unit.id(ctx));
    common::cite(fb, rev, &["F400.tsuchi3", "F400.tsuchi4"]).push(ctx);
}

fn evaluate_unit(ctx: &mut Ctx<'_>, unit: &Unit) -> Result<(), ApiError> {
    let rev = ctx.revision;
    let rx_id = unit.id(ctx).map(str::to_string);
    let rxid = rx_id.as_deref();
    let items = unit.items(ctx);
    if unit.rx.len() > 1 {
        let fb = ctx
            .finding(
                "F400.notice3.one_issuance",
                Outcome::Eligible,
                Severity::Info,
            )
            .arg("slips", unit.rx.len())
            .rx(rxid);
        common::cite(fb, rev, &["F400.tsuchi3"]).push(ctx);
    }
    // 通知 (9) second paragraph: syringes/needles alone cannot be given on a 処方箋.
    if !items.is_empty()
        && items.iter().all(|&(i, j)| {
            common::drug(ctx, i, j).is_some_and(|d| d.syringe_or_needle == Some(true))
        })
    {
        let fb = ctx
            .finding(
                "F400.notice9.syringe_only",
                Outcome::Ineligible,
                Severity::Error,
            )
            .rx(rxid);
        common::cite(fb, rev, &["F400.tsuchi9.syringe"]).push(ctx);
        return Ok(());
    }
    if f0_general::unit_barred(ctx, unit, "F400")? || f0_general::tsusoku5(ctx, unit, "F400")? {
        return Ok(());
    }

    let category = f100_category::decide(ctx, unit, "F400")?;
    let refill = unit.rx.iter().any(|&i| {
        ctx.claim
            .prescriptions
            .get(i)
            .is_some_and(|r| r.refill == Some(true))
    });
    // 通知 (15): patches (and drugs with a quantity limit) may not be prescribed on a refill slip.
    if refill {
        let patch = items.iter().any(|&(i, j)| {
            common::drug(ctx, i, j).is_some_and(|d| {
                d.analgesic_patch == Some(true)
                    || (d.route == Some(crate::api::Route::External)
                        && d.unit.as_deref() == Some("枚"))
            })
        });
        if patch {
            let fb = ctx
                .finding(
                    "F400.notice15.refill_patch",
                    Outcome::Ineligible,
                    Severity::Error,
                )
                .rx(rxid);
            common::cite(fb, rev, &["F400.tsuchi15"]).push(ctx);
        }
    }
    let special = ctx.claim.facility.special_pharmacy_relationship == Some(true);
    let mut item = format!("F400-{}", category.suffix());
    if special {
        item.push_str("-special");
    }
    if refill {
        item.push_str("-refill");
    }
    let param = ctx
        .law
        .item(&item)
        .and_then(|it| it.param)
        .ok_or_else(|| ApiError::new("law_data_missing", format!("item {item} missing"), ""))?;
    let base = ctx.number(param)?;
    let mut basis = vec![base.basis.clone()];
    basis.extend(common::bases(rev, &["F400.note1"]));
    if special {
        let fb = ctx
            .finding(
                "F400.note8.special_pharmacy",
                Outcome::Eligible,
                Severity::Info,
            )
            .arg("points", base.value)
            .uses(&base)
            .rx(rxid);
        common::cite(fb, rev, &["F400.note8", "F400.tsuchi16"]).push(ctx);
    } else if ctx.claim.facility.special_pharmacy_relationship.is_none() {
        // 注8 not stated: bill the ordinary points and say what 注8 would give (通知 (16) ア〜ウ).
        let mut special_item = format!("F400-{}-special", category.suffix());
        if refill {
            special_item.push_str("-refill");
        }
        let special = ctx
            .law
            .item(&special_item)
            .and_then(|it| it.param)
            .ok_or_else(|| {
                ApiError::new(
                    "law_data_missing",
                    format!("item {special_item} missing"),
                    "",
                )
            })?;
        let alt = ctx.number(special)?;
        let fb = ctx
            .finding("F400.note8.review", Outcome::NeedsReview, Severity::Info)
            .arg("points", alt.value)
            .uses(&alt)
            .missing(
                "facility.specialPharmacyRelationship",
                "直近3月の処方箋交付が12,000回超で、特別調剤基本料Aの薬局（当該医療機関の処方箋による調剤が9割超）と不動産取引等の特別な関係があるか（specialPharmacyRelationship）",
                "whether the facility issued over 12,000 slips in the last 3 months and has a special relationship with a 特別調剤基本料A pharmacy that takes over 90% of its dispensing from it (specialPharmacyRelationship)",
            )
            .rx(rxid);
        common::cite(fb, rev, &["F400.note8", "F400.tsuchi16"]).push(ctx);
    }
    // 注2 ×40/100, then 注3 乳幼児加算, 注4 特定疾患処方管理加算, 注5 抗悪性腫瘍剤処方管理加算 (shared
    // with F100: f0_addons), 注6 一般名処方加算 and 注7 向精神薬調整連携加算.
    let ids = &f0_addons::F400;
    let points = f0_addons::reduce(ctx, ids, unit, base.value, refill, &mut basis)?;
    ctx.bill_points(&item, ctx.date, points, rxid, basis)?;

    f0_addons::infant(ctx, ids, rxid)?;
    f0_addons::specified_disease(ctx, ids, unit, rxid, refill)?;
    f0_addons::antineoplastic(ctx, ids, unit, rxid)?;
    note6_generic_name(ctx, unit, rxid)?;
    f0_addons::psychotropic_reduction(ctx, ids, unit, rxid)?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// 注6 一般名処方加算
// ---------------------------------------------------------------------------------------------

/// What one item is for 注6, as far as the facts go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// Not a 後発医薬品のある医薬品 (nor, in R08, a biologic with a biosimilar): outside the 加算.
    Out,
    /// In scope; counts for 加算1 and (written by generic name) earns 加算2.
    InBoth,
    /// In scope for 加算1 only (一般名処方マスタ 「加算1」).
    InOne,
}

/// Possible scopes of one item (more than one when a fact is missing), plus the missing facts.
struct ItemScope {
    options: Vec<Scope>,
    missing: Vec<(String, &'static str, &'static str)>,
    notes: Vec<&'static str>,
}

fn item_scope(ctx: &Ctx<'_>, i: usize, j: usize) -> ItemScope {
    let mut s = ItemScope {
        options: Vec::new(),
        missing: Vec::new(),
        notes: Vec::new(),
    };
    let Some(d) = common::drug(ctx, i, j) else {
        s.options.push(Scope::Out);
        return s;
    };
    let it = common::item(ctx, i, j);
    let path = common::path_item(i, j);
    let flag_options = |s: &mut ItemScope| -> Vec<Scope> {
        match d.addition_flag {
            Some(AdditionFlag::OneAndTwo) => vec![Scope::InBoth],
            Some(AdditionFlag::One) => vec![Scope::InOne],
            Some(AdditionFlag::None) => {
                s.notes.push("master_none");
                vec![Scope::Out]
            }
            None => {
                s.missing.push((
                    format!("{path}.drug.additionFlag"),
                    "一般名処方マスタの加算区分（「加算1」又は「加算1,2」）",
                    "the 一般名処方マスタ flag (\"1\" or \"1,2\")",
                ));
                vec![Scope::InBoth, Scope::InOne]
            }
        }
    };
    let is_bio =
        d.biologic == Some(true) || d.biosimilar == Some(true) || d.has_biosimilar == Some(true);
    if is_bio {
        if ctx.revision == Revision::R06 {
            s.notes.push("r06_biologic");
            s.options.push(Scope::Out);
            return s;
        }
        if d.biosimilar == Some(true) {
            s.options = flag_options(&mut s);
            return s;
        }
        match d.has_biosimilar {
            Some(true) => match it.and_then(|x| x.biosimilar_indicated) {
                Some(true) => s.options = flag_options(&mut s),
                Some(false) => {
                    s.notes.push("originator_not_indicated");
                    s.options.push(Scope::Out);
                }
                None => {
                    s.missing.push((
                        format!("{path}.biosimilarIndicated"),
                        "この患者の適応にバイオ後続品があるか（biosimilarIndicated）",
                        "whether a biosimilar is indicated for this patient (biosimilarIndicated)",
                    ));
                    let mut o = flag_options(&mut s);
                    o.push(Scope::Out);
                    s.options = o;
                }
            },
            Some(false) => s.options.push(Scope::Out),
            None => {
                s.missing.push((
                    format!("{path}.drug.hasBiosimilar"),
                    "バイオ後続品が収載されている先行バイオ医薬品か（hasBiosimilar）",
                    "whether a biosimilar is listed for this biologic (hasBiosimilar)",
                ));
                let mut o = flag_options(&mut s);
                o.push(Scope::Out);
                s.options = o;
            }
        }
        return s;
    }
    match d.addition_flag {
        Some(AdditionFlag::None) => {
            s.notes.push("master_none");
            s.options.push(Scope::Out);
            return s;
        }
        // Listed in the 一般名処方マスタ edition in force with a 加算 flag: the master decides
        // (RULES.md §1.7), whatever hasGeneric says.
        Some(_) => {
            s.options = flag_options(&mut s);
            return s;
        }
        None => {}
    }
    match (d.has_generic, d.generic) {
        (Some(true), _) | (_, Some(true)) => s.options = flag_options(&mut s),
        (Some(false), _) => s.options.push(Scope::Out),
        (None, _) => {
            if d.addition_flag.is_some() {
                // Listed in the 一般名処方マスタ with a 加算 flag: in scope.
                s.options = flag_options(&mut s);
            } else {
                s.missing.push((
                    format!("{path}.drug.hasGeneric"),
                    "後発医薬品のある医薬品か（hasGeneric）",
                    "whether a generic exists for this drug (hasGeneric)",
                ));
                s.options = vec![Scope::InBoth, Scope::InOne, Scope::Out];
            }
        }
    }
    s
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Addition {
    None,
    Two,
    One,
}

struct Line6 {
    key: String,
    generic_written: bool,
    scope: Scope,
}

/// 通知 (12): 加算1 when every in-scope item (≥ 2 品目, counted by 一般的名称 and route) is written by
/// generic name; 加算2 when at least one in-scope item written by generic name earns it.
fn decide_addition(lines: &[Line6]) -> Addition {
    let inscope: Vec<&Line6> = lines.iter().filter(|l| l.scope != Scope::Out).collect();
    let mut keys: Vec<&str> = inscope.iter().map(|l| l.key.as_str()).collect();
    crate::sort::sort(&mut keys);
    keys.dedup();
    if keys.len() >= 2 && inscope.iter().all(|l| l.generic_written) {
        return Addition::One;
    }
    if inscope
        .iter()
        .any(|l| l.generic_written && l.scope == Scope::InBoth)
    {
        return Addition::Two;
    }
    Addition::None
}

/// 品目 key: 一般的名称 + route (通知 (12) 「投与経路が異なる場合は…別品目」).
fn item_key(ctx: &Ctx<'_>, i: usize, j: usize) -> String {
    let d = common::drug(ctx, i, j);
    let name = d
        .and_then(|d| {
            d.generic_name
                .clone()
                .or_else(|| d.generic_code.clone())
                .or_else(|| d.code.clone())
                .or_else(|| d.name.clone())
        })
        .unwrap_or_else(|| format!("#{i}.{j}"));
    let route = d
        .and_then(|d| d.route)
        .map(|r| format!("{r:?}"))
        .unwrap_or_default();
    format!("{name}|{route}")
}

fn note6_generic_name(ctx: &mut Ctx<'_>, unit: &Unit, rxid: Option<&str>) -> Result<(), ApiError> {
    let rev = ctx.revision;
    let mut keys: Vec<&str> = vec!["F400.note6", "F400.tsuchi12", "kijun.7.5"];
    if rev == Revision::R08 {
        keys.push("F400.tsuchi12.biologic");
    }
    let items = unit.items(ctx);
    let generic_written = |ctx: &Ctx<'_>, i: usize, j: usize| {
        common::item(ctx, i, j).is_some_and(|it| it.written_as == Some(WrittenAs::Generic))
    };
    let scopes: Vec<((usize, usize), ItemScope)> = items
        .iter()
        .map(|&(i, j)| ((i, j), item_scope(ctx, i, j)))
        .collect();
    // `writtenAs` not stated on an item that may be in scope: both readings are weighed below.
    let written_unknown: Vec<bool> = scopes
        .iter()
        .map(|((i, j), s)| {
            common::item(ctx, *i, *j).is_some_and(|it| it.written_as.is_none())
                && s.options.iter().any(|o| *o != Scope::Out)
        })
        .collect();
    let any_generic =
        items.iter().any(|&(i, j)| generic_written(ctx, i, j)) || written_unknown.contains(&true);

    // Notes on excluded items (shown whether or not an addition results).
    for ((i, j), s) in &scopes {
        for note in &s.notes {
            let code = match *note {
                "r06_biologic" => "F400.note6.r06_biologic",
                "originator_not_indicated" => "F400.note6.originator_not_indicated",
                _ => "F400.note6.master_excluded",
            };
            let name = common::drug(ctx, *i, *j)
                .and_then(|d| d.name.clone().or_else(|| d.generic_name.clone()))
                .unwrap_or_else(|| common::path_item(*i, *j));
            let fb = ctx
                .finding(code, Outcome::Ineligible, Severity::Info)
                .arg("drug", name)
                .rx(rxid);
            common::cite(fb, rev, &keys).push(ctx);
        }
    }
    if !any_generic {
        hint_none(ctx, unit, rxid, &scopes, &keys);
        return Ok(());
    }

    // Facility standard 第七 五 (掲示).
    match ctx.claim.facility.generic_name_prescribing_notice {
        Some(true) => {}
        Some(false) => {
            let fb = ctx
                .finding(
                    "F400.note6.no_notice",
                    Outcome::Ineligible,
                    Severity::Warning,
                )
                .rx(rxid);
            common::cite(fb, rev, &["F400.note6", "kijun.7.5"]).push(ctx);
            return Ok(());
        }
        None => {
            let fb = ctx
                .finding("F400.note6.notice_unknown", Outcome::NeedsReview, Severity::Warning)
                .missing(
                    "facility.genericNamePrescribingNotice",
                    "一般名処方の趣旨の院内掲示（及び原則ウェブサイト掲載）をしているか",
                    "whether the facility posts the 一般名処方 notice (and, in principle, on its website)",
                )
                .rx(rxid);
            common::cite(fb, rev, &["F400.note6", "kijun.7.5"]).push(ctx);
            return Ok(());
        }
    }

    // Enumerate the worlds the missing facts allow: only the uncertain items vary (at most 8 of
    // them; beyond that the add-on is left to review).
    let keys_of: Vec<String> = scopes
        .iter()
        .map(|((i, j), _)| item_key(ctx, *i, *j))
        .collect();
    let written: Vec<bool> = scopes
        .iter()
        .map(|((i, j), _)| generic_written(ctx, *i, *j))
        .collect();
    // The add-on only grows when more items are written by generic name, so the two extremes
    // (every unstated item by brand / by generic name) bound it.
    let written_all: Vec<bool> = written
        .iter()
        .zip(&written_unknown)
        .map(|(w, u)| *w || *u)
        .collect();
    let readings: Vec<&Vec<bool>> = if written_unknown.contains(&true) {
        vec![&written, &written_all]
    } else {
        vec![&written]
    };
    let uncertain: Vec<usize> = scopes
        .iter()
        .enumerate()
        .filter(|(_, (_, s))| s.options.len() > 1)
        .map(|(k, _)| k)
        .collect();
    let worlds = uncertain.iter().try_fold(1usize, |acc, &k| {
        acc.checked_mul(scopes.get(k).map_or(1, |(_, s)| s.options.len()))
    });
    let complete = worlds.is_some_and(|w| w.saturating_mul(scopes.len()) <= 200_000);
    let mut results: Vec<Addition> = Vec::new();
    if complete {
        let mut choice: Vec<Scope> = scopes
            .iter()
            .map(|(_, s)| s.options.first().copied().unwrap_or(Scope::Out))
            .collect();
        let sizes: Vec<usize> = uncertain
            .iter()
            .map(|&k| scopes.get(k).map_or(1, |(_, s)| s.options.len()))
            .collect();
        let total: usize = sizes.iter().product();
        for n in 0..total {
            let mut rest = n;
            for (u, &k) in uncertain.iter().enumerate() {
                let size = sizes.get(u).copied().unwrap_or(1).max(1);
                let pick = rest % size;
                rest /= size;
                if let (Some(c), Some((_, s))) = (choice.get_mut(k), scopes.get(k)) {
                    *c = s.options.get(pick).copied().unwrap_or(Scope::Out);
                }
            }
            for w in &readings {
                let lines: Vec<Line6> = choice
                    .iter()
                    .zip(keys_of.iter().zip(w.iter()))
                    .map(|(sc, (key, w))| Line6 {
                        key: key.clone(),
                        generic_written: *w,
                        scope: *sc,
                    })
                    .collect();
                results.push(decide_addition(&lines));
            }
        }
    }
    let lo = results.iter().min().copied().unwrap_or(Addition::None);
    let hi = results.iter().max().copied().unwrap_or(Addition::None);
    if !complete || lo != hi {
        let mut fb = ctx
            .finding("F400.note6.review", Outcome::NeedsReview, Severity::Warning)
            .arg("billed", addition_name(lo))
            .arg(
                "possible",
                addition_name(if complete { hi } else { Addition::One }),
            )
            .rx(rxid);
        for (_, s) in &scopes {
            for (p, ja, en) in &s.missing {
                fb = fb.missing(p, ja, en);
            }
        }
        for (((i, j), _), u) in scopes.iter().zip(&written_unknown) {
            if *u {
                fb = fb.missing(
                    &format!("{}.writtenAs", common::path_item(*i, *j)),
                    "一般名処方（【般】…）か銘柄名処方か（writtenAs）",
                    "whether the item is written by generic name (【般】…) or by brand (writtenAs)",
                );
            }
        }
        common::cite(fb, rev, &keys).push(ctx);
    }
    // Bill what every reading of the facts allows.
    let inscope_keys: Vec<String> = {
        let mut k: Vec<String> = scopes
            .iter()
            .filter(|(_, s)| s.options.iter().all(|o| *o != Scope::Out))
            .map(|((i, j), _)| item_key(ctx, *i, *j))
            .collect();
        crate::sort::sort(&mut k);
        k.dedup();
        k
    };
    match lo {
        Addition::One => {
            let r = ctx.bill(
                "F400-note6-1",
                ctx.date,
                rxid,
                common::bases(rev, &["F400.tsuchi12"]),
            )?;
            let fb = ctx
                .finding("F400.note6.addition1", Outcome::Eligible, Severity::Info)
                .arg("items", inscope_keys.len())
                .uses(&r)
                .rx(rxid);
            common::cite(fb, rev, &keys).push(ctx);
        }
        Addition::Two => {
            let r = ctx.bill(
                "F400-note6-2",
                ctx.date,
                rxid,
                common::bases(rev, &["F400.tsuchi12"]),
            )?;
            // Hint: which in-scope items written by brand keep this from 加算1.
            let brand: Vec<String> = scopes
                .iter()
                .filter(|((i, j), s)| {
                    !generic_written(ctx, *i, *j) && s.options.iter().all(|o| *o != Scope::Out)
                })
                .map(|((i, j), _)| {
                    common::drug(ctx, *i, *j)
                        .and_then(|d| d.name.clone().or_else(|| d.generic_name.clone()))
                        .unwrap_or_else(|| common::path_item(*i, *j))
                })
                .collect();
            let one = ctx.number("F400.note6.addition1")?;
            let mut fb = ctx
                .finding("F400.note6.addition2", Outcome::Eligible, Severity::Info)
                .arg("items", inscope_keys.len())
                .uses(&r)
                .rx(rxid);
            if !brand.is_empty() && inscope_keys.len() >= 2 {
                fb = fb.hint(
                    "F400.note6.hint_addition1",
                    vec![
                        ("drugs", brand.join("、")),
                        ("points", one.value.to_string()),
                    ],
                );
            } else if inscope_keys.len() < 2 {
                fb = fb.hint("F400.note6.hint_one_item", vec![]);
            }
            common::cite(fb, rev, &keys).push(ctx);
        }
        Addition::None => {
            let fb = ctx
                .finding("F400.note6.none", Outcome::Ineligible, Severity::Info)
                .rx(rxid);
            common::cite(fb, rev, &keys).push(ctx);
        }
    }
    Ok(())
}

fn addition_name(a: Addition) -> &'static str {
    match a {
        Addition::One => "一般名処方加算1",
        Addition::Two => "一般名処方加算2",
        Addition::None => "なし",
    }
}

/// No item is written by generic name: say which in-scope items could earn an addition.
fn hint_none(
    ctx: &mut Ctx<'_>,
    unit: &Unit,
    rxid: Option<&str>,
    scopes: &[((usize, usize), ItemScope)],
    keys: &[&str],
) {
    let _ = unit;
    let rev = ctx.revision;
    let both: Vec<String> = scopes
        .iter()
        .filter(|(_, s)| s.options == vec![Scope::InBoth])
        .map(|((i, j), _)| {
            common::drug(ctx, *i, *j)
                .and_then(|d| d.name.clone().or_else(|| d.generic_name.clone()))
                .unwrap_or_else(|| common::path_item(*i, *j))
        })
        .collect();
    if both.is_empty() || ctx.claim.facility.generic_name_prescribing_notice != Some(true) {
        return;
    }
    let fb = ctx
        .finding("F400.note6.none", Outcome::Ineligible, Severity::Info)
        .hint(
            "F400.note6.hint_write_generic",
            vec![("drugs", both.join("、"))],
        )
        .rx(rxid);
    common::cite(fb, rev, keys).push(ctx);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(key: &str, g: bool, scope: Scope) -> Line6 {
        Line6 {
            key: key.into(),
            generic_written: g,
            scope,
        }
    }

    #[test]
    fn notice12_all_generic_two_items_earns_addition1() {
        let v = [l("a", true, Scope::InBoth), l("b", true, Scope::InBoth)];
        assert_eq!(decide_addition(&v), Addition::One);
    }

    #[test]
    fn notice12_one_item_only_earns_addition2() {
        let v = [l("a", true, Scope::InBoth), l("x", false, Scope::Out)];
        assert_eq!(decide_addition(&v), Addition::Two);
    }

    #[test]
    fn notice12_same_generic_name_two_strengths_is_one_item() {
        let v = [
            l("a|Internal", true, Scope::InBoth),
            l("a|Internal", true, Scope::InBoth),
        ];
        assert_eq!(decide_addition(&v), Addition::Two);
    }

    #[test]
    fn notice12_same_generic_name_two_routes_is_two_items() {
        let v = [
            l("a|Internal", true, Scope::InBoth),
            l("a|External", true, Scope::InBoth),
        ];
        assert_eq!(decide_addition(&v), Addition::One);
    }

    #[test]
    fn notice12_one_brand_written_blocks_addition1() {
        let v = [
            l("a", true, Scope::InBoth),
            l("b", true, Scope::InBoth),
            l("c", false, Scope::InBoth),
        ];
        assert_eq!(decide_addition(&v), Addition::Two);
    }

    #[test]
    fn notice12_flag1_only_counts_for_addition1_not_addition2() {
        let v = [l("a", true, Scope::InOne), l("b", true, Scope::InOne)];
        assert_eq!(decide_addition(&v), Addition::One);
        let v = [l("a", true, Scope::InOne), l("b", false, Scope::InBoth)];
        assert_eq!(decide_addition(&v), Addition::None);
    }
}
