//! The 1 / 2 / 3 category of F100 処方料 and F400 処方箋料 (same predicate in both; F400 通知 (5)(6)(8)
//! refer to F100 (3)(6) and F200 (6)), for R06 and R08 alike.
//!
//! - 1: 向精神薬多剤投与 — ≥3 抗不安薬, ≥3 睡眠薬, ≥3 抗うつ薬, ≥3 抗精神病薬 or ≥4 抗不安薬+睡眠薬, counted by
//!   一般名 (F100 (3) イ), unless an exception (イ)–(ニ) of F100 (3) ア applies.
//! - 2: ≥7 kinds of regular 内服薬 (F200 (6)), unless 地域包括診療加算 is billed; or 向精神薬長期処方 (F100 (6)).
//! - 3: otherwise.

use std::collections::BTreeSet;

use crate::api::{ApiError, Outcome, PsychotropicClass, Severity, Use};
use crate::engine::Ctx;
use crate::rules::f0_common::{self as common, Unit};
use crate::rules::f200_drug_fee;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// 1: 向精神薬多剤投与.
    One,
    /// 2 by 7 or more kinds of 内服薬.
    TwoKinds,
    /// 2 by 向精神薬長期処方.
    TwoLongTerm,
    Three,
}

impl Category {
    pub fn suffix(self) -> &'static str {
        match self {
            Category::One => "1",
            Category::TwoKinds => "2",
            Category::TwoLongTerm => "2-bz",
            Category::Three => "3",
        }
    }
}

/// Is this item 臨時 for the psychotropic exception (ハ): a continuous course ≤ 2 weeks or ≤ 14 doses.
fn psych_temporary(ctx: &Ctx<'_>, i: usize, j: usize) -> bool {
    common::item(ctx, i, j).is_some_and(|it| {
        matches!(it.use_, Some(Use::Temporary) | Some(Use::Prn)) && it.days.is_none_or(|d| d <= 14)
    })
}

/// Distinct 一般名 per psychotropic class; `with_temporary` also counts temporary antidepressants
/// and antipsychotics (anxiolytics and hypnotics always count, (ハ) last sentence).
fn psych_counts(ctx: &Ctx<'_>, items: &[(usize, usize)], with_temporary: bool) -> [usize; 4] {
    let mut sets: [BTreeSet<String>; 4] = Default::default();
    for &(i, j) in items {
        let Some(d) = common::drug(ctx, i, j) else {
            continue;
        };
        let Some(class) = d.psychotropic_class else {
            continue;
        };
        let idx = match class {
            PsychotropicClass::Anxiolytic => 0,
            PsychotropicClass::Hypnotic => 1,
            PsychotropicClass::Antidepressant => 2,
            PsychotropicClass::Antipsychotic => 3,
            PsychotropicClass::None => continue,
        };
        if idx >= 2 && !with_temporary && psych_temporary(ctx, i, j) {
            continue;
        }
        let key = d
            .generic_name
            .clone()
            .or_else(|| d.code.clone())
            .or_else(|| d.name.clone())
            .unwrap_or_else(|| format!("{i}.{j}"));
        if let Some(s) = sets.get_mut(idx) {
            s.insert(key);
        }
    }
    [sets[0].len(), sets[1].len(), sets[2].len(), sets[3].len()]
}

/// Items whose psychotropic class is not stated but could be one of the four: not an injection, and —
/// when a code shows the 薬効分類 — a 中枢神経系用薬 (11x) or スルピリド's 消化性潰瘍用剤 (2329). The
/// drugs of 別紙様式36 are in those classes; a coded drug outside them is taken as not psychotropic
/// (an inference from the 薬効分類, stated in the finding).
fn psych_unknown(ctx: &Ctx<'_>, items: &[(usize, usize)]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for &(i, j) in items {
        let Some(d) = common::drug(ctx, i, j) else {
            continue;
        };
        if d.psychotropic_class.is_some()
            || d.route == Some(crate::api::Route::Injection)
            || d.syringe_or_needle == Some(true)
        {
            continue;
        }
        let class_code = d.yj.as_deref().or(d.generic_code.as_deref());
        if let Some(c) = class_code {
            if !(c.starts_with("11") || c.starts_with("2329")) {
                continue;
            }
        }
        let key = d
            .generic_name
            .clone()
            .or_else(|| d.code.clone())
            .or_else(|| d.name.clone())
            .unwrap_or_else(|| format!("{i}.{j}"));
        if !out.iter().any(|(_, _, k)| *k == key) {
            out.push((i, j, key));
        }
    }
    out
}

fn is_multi(c: [usize; 4], each: usize, pair: usize) -> bool {
    c.iter().any(|&n| n >= each) || c[0] + c[1] >= pair
}

/// Decide the category of one unit, pushing the findings that explain it. `p` is "F100" or "F400".
pub fn decide(ctx: &mut Ctx<'_>, unit: &Unit, p: &str) -> Result<Category, ApiError> {
    let rev = ctx.revision;
    let rx_id = unit.id(ctx).map(str::to_string);
    let rxid = rx_id.as_deref();
    let items = unit.items(ctx);
    let each = ctx.number(&format!("{p}.1.each_kinds"))?;
    let pair = ctx.number(&format!("{p}.1.anxiolytic_hypnotic_kinds"))?;
    let seven = ctx.number(&format!("{p}.2.kinds"))?;
    let each_n = dec_usize(&each.value);
    let pair_n = dec_usize(&pair.value);
    let seven_n = u32::try_from(dec_usize(&seven.value)).unwrap_or(u32::MAX);
    let tsuchi_cat1 = if p == "F400" {
        vec!["F400.tsuchi5", "F100.tsuchi3a", "F100.tsuchi3i"]
    } else {
        vec!["F100.tsuchi3a", "F100.tsuchi3i"]
    };

    // --- 1: 向精神薬多剤投与 ---
    let counts = psych_counts(ctx, &items, false);
    let counts_all = psych_counts(ctx, &items, true);
    let detail = format!(
        "抗不安薬{} 睡眠薬{} 抗うつ薬{} 抗精神病薬{}",
        counts[0], counts[1], counts[2], counts[3]
    );
    // Classes not stated: could they make it 向精神薬多剤投与? (Each class could take all of them.)
    if !is_multi(counts_all, each_n, pair_n) {
        let unknown = psych_unknown(ctx, &items);
        let n = unknown.len();
        let hi = [
            counts_all[0] + n,
            counts_all[1] + n,
            counts_all[2] + n,
            counts_all[3] + n,
        ];
        let could = hi.iter().any(|&x| x >= each_n) || counts_all[0] + counts_all[1] + n >= pair_n;
        if n > 0 && could {
            let mut fb = ctx
                .finding(
                    &format!("{p}.category1.class_unknown"),
                    Outcome::NeedsReview,
                    Severity::Warning,
                )
                .arg("detail", detail.clone())
                .arg("n", n)
                .uses(&each)
                .uses(&pair)
                .rx(rxid);
            for (i, j, _) in &unknown {
                fb = fb.missing(
                    &format!("{}.drug.psychotropicClass", common::path_item(*i, *j)),
                    "抗不安薬・睡眠薬・抗うつ薬・抗精神病薬のいずれか（別紙様式36）、又はいずれでもない（\"none\"）か（psychotropicClass）",
                    "whether the drug is an anxiolytic, hypnotic, antidepressant or antipsychotic (別紙様式36), or none of them (\"none\") (psychotropicClass)",
                );
            }
            common::cite(fb, rev, &tsuchi_cat1).push(ctx);
        }
    }
    if is_multi(counts_all, each_n, pair_n) && !is_multi(counts, each_n, pair_n) {
        // Multi-drug only through temporary antidepressants/antipsychotics: exception (ハ).
        let fb = ctx
            .finding(
                &format!("{p}.category1.exception"),
                Outcome::Eligible,
                Severity::Info,
            )
            .arg("exception", "(ハ)")
            .arg("detail", detail.clone())
            .uses(&each)
            .uses(&pair)
            .rx(rxid);
        common::cite(
            fb,
            rev,
            &[tsuchi_cat1.as_slice(), &["F100.tsuchi3a.ha"]].concat(),
        )
        .push(ctx);
        remark_check(ctx, p, rxid, &["830100194", "850100205"])?;
    } else if is_multi(counts, each_n, pair_n) {
        let rx_flags: Vec<Option<String>> = unit
            .rx
            .iter()
            .filter_map(|&i| ctx.claim.prescriptions.get(i))
            .map(|r| r.flags.psychotropic_exception.clone())
            .collect();
        let exception = rx_flags.into_iter().flatten().next();
        let only_ad_ap_three = counts[0] < each_n
            && counts[1] < each_n
            && counts[0] + counts[1] < pair_n
            && counts[2] <= each_n
            && counts[3] <= each_n;
        match exception.as_deref().map(normalize_exception) {
            Some(Some(ex)) if ex != "ニ" || only_ad_ap_three => {
                let key = match ex {
                    "イ" => "F100.tsuchi3a.i",
                    "ロ" => "F100.tsuchi3a.ro",
                    "ハ" => "F100.tsuchi3a.ha",
                    _ => "F100.tsuchi3a.ni",
                };
                let fb = ctx
                    .finding(
                        &format!("{p}.category1.exception"),
                        Outcome::Eligible,
                        Severity::Info,
                    )
                    .arg("exception", format!("({ex})"))
                    .arg("detail", detail.clone())
                    .uses(&each)
                    .uses(&pair)
                    .rx(rxid);
                common::cite(fb, rev, &[tsuchi_cat1.as_slice(), &[key]].concat()).push(ctx);
                let codes: &[&str] = match ex {
                    "イ" => &["830100194", "850100201"],
                    "ロ" => &["830100194", "850100203"],
                    "ハ" => &["830100194", "850100205"],
                    _ => &["830100194"],
                };
                remark_check(ctx, p, rxid, codes)?;
                if ex == "ニ" {
                    let fb = ctx
                        .finding(
                            &format!("{p}.category1.registration"),
                            Outcome::NeedsReview,
                            Severity::Warning,
                        )
                        .missing(
                            "prescriptions[].doctor",
                            "処方医が別紙様式39により精神科の診療に係る経験を十分に有する医師として届け出ていること",
                            "the prescriber's filing (別紙様式39) as a doctor with sufficient psychiatric experience",
                        )
                        .rx(rxid);
                    common::cite(fb, rev, &["F100.tsuchi3a.ni"]).push(ctx);
                }
            }
            Some(_) => {
                let fb = ctx
                    .finding(
                        &format!("{p}.category1.exception_invalid"),
                        Outcome::Ineligible,
                        Severity::Warning,
                    )
                    .arg("exception", exception.clone().unwrap_or_default())
                    .arg("detail", detail.clone())
                    .rx(rxid);
                common::cite(fb, rev, &tsuchi_cat1).push(ctx);
                cat1_found(ctx, p, rxid, &detail, &each, &pair, &tsuchi_cat1);
                return Ok(Category::One);
            }
            None => {
                cat1_found(ctx, p, rxid, &detail, &each, &pair, &tsuchi_cat1);
                return Ok(Category::One);
            }
        }
    }

    // --- 2: 7 or more kinds of 内服薬 ---
    let regional = unit.rx.iter().any(|&i| {
        ctx.claim
            .prescriptions
            .get(i)
            .is_some_and(|r| r.flags.regional_comprehensive_care == Some(true))
    });
    // A001 注12 地域包括診療加算 is an add-on of 診療所 (告示 A001 注12): at a clinic, "not stated"
    // matters once there are 7 kinds or more.
    let regional_unknown = !regional
        && ctx.claim.facility.kind == crate::api::FacilityKind::Clinic
        && unit.rx.iter().any(|&i| {
            ctx.claim
                .prescriptions
                .get(i)
                .is_some_and(|r| r.flags.regional_comprehensive_care.is_none())
        });
    let kinds = f200_drug_fee::internal_kinds(ctx, &items)?;
    let tsuchi_kinds: Vec<&str> = if p == "F400" {
        vec![
            "F400.tsuchi6",
            "F200.tsuchi6a",
            "F200.tsuchi6a.ni",
            "F200.tsuchi6u",
            "F400.tsuchi12.lowest",
        ]
    } else {
        vec![
            "F100.tsuchi4",
            "F200.tsuchi6a",
            "F200.tsuchi6a.ni",
            "F200.tsuchi6u",
        ]
    };
    let one_kind = ctx.number("F200.tsuchi6.one_kind_yen")?;
    let mut two_kinds = false;
    if kinds.min >= seven_n {
        if regional {
            let fb = ctx
                .finding(
                    &format!("{p}.category2.regional_care"),
                    Outcome::Ineligible,
                    Severity::Info,
                )
                .arg("kinds", kinds.min)
                .uses(&seven)
                .rx(rxid);
            common::cite(fb, rev, &[&[p2(p)][..], &tsuchi_kinds].concat()).push(ctx);
        } else {
            two_kinds = true;
            let fb = ctx
                .finding(
                    &format!("{p}.category2.kinds"),
                    Outcome::Eligible,
                    Severity::Info,
                )
                .arg("kinds", kinds.min)
                .uses(&seven)
                .uses(&one_kind)
                .rx(rxid);
            common::cite(fb, rev, &[&[p2(p)][..], &tsuchi_kinds].concat()).push(ctx);
            if regional_unknown {
                let fb = ctx
                    .finding(
                        &format!("{p}.category2.regional_unknown"),
                        Outcome::NeedsReview,
                        Severity::Warning,
                    )
                    .arg("kinds", kinds.min)
                    .uses(&seven)
                    .missing(
                        &format!(
                            "prescriptions[{}].flags.regionalComprehensiveCare",
                            unit.rx.first().copied().unwrap_or(0)
                        ),
                        "再診料の地域包括診療加算（A001 注12）を算定しているか（算定していれば「2」は適用しません）",
                        "whether A001 注12 地域包括診療加算 is billed (then category 2 does not apply)",
                    )
                    .rx(rxid);
                common::cite(fb, rev, &[&[p2(p)][..], &tsuchi_kinds].concat()).push(ctx);
            }
            // F400 (7) / F200 (6) オ: temporary additions that bring the count to 7 or more need
            // their necessity written (処方箋の備考欄; in-house, 摘要 unless the 傷病名 shows it).
            let temporary = items.iter().any(|&(i, j)| {
                common::regular_internal(ctx, i, j) == Some(true)
                    && common::item(ctx, i, j).is_some_and(|it| it.use_ == Some(Use::Temporary))
            });
            if temporary {
                let (keys, ja, en): (&[&str], &str, &str) = if p == "F400" {
                    (
                        &["F400.tsuchi7", "F200.tsuchi6o"],
                        "処方箋の備考欄に臨時の追加投与の必要性を記載したか",
                        "whether the slip's 備考欄 states why the temporary additions are needed",
                    )
                } else {
                    (
                        &["F200.tsuchi6o"],
                        "傷病名欄から必要性が明らかでない場合、摘要欄に臨時の追加投与の必要性を記載したか",
                        "whether 摘要 states why the temporary additions are needed (unless the diagnoses show it)",
                    )
                };
                let fb = ctx
                    .finding(
                        &format!("{p}.category2.temporary_reason"),
                        Outcome::NeedsReview,
                        Severity::Info,
                    )
                    .missing("remarks", ja, en)
                    .rx(rxid);
                common::cite(fb, rev, keys).push(ctx);
            }
        }
    } else if kinds.max >= seven_n && !regional {
        let mut fb = ctx
            .finding(
                &format!("{p}.category2.review"),
                Outcome::NeedsReview,
                Severity::Warning,
            )
            .arg("min", kinds.min)
            .arg("max", kinds.max)
            .uses(&seven)
            .uses(&one_kind)
            .rx(rxid);
        for (path, what) in &kinds.missing {
            fb = fb.missing(
                path,
                &format!("{what} が分からないため、205円以下の剤を１種類とする計算ができません"),
                &format!("{what} is missing, so the 205-yen rule cannot be applied"),
            );
        }
        common::cite(fb, rev, &[&[p2(p)][..], &tsuchi_kinds].concat()).push(ctx);
    }

    // --- 2: 向精神薬長期処方 ---
    let mut long_term = false;
    let exempt = unit.rx.iter().any(|&i| {
        ctx.claim
            .prescriptions
            .get(i)
            .is_some_and(|r| r.flags.long_term_benzodiazepine_exempt == Some(true))
    });
    let mut unknown_years = Vec::new();
    for &(i, j) in &items {
        let Some(d) = common::drug(ctx, i, j) else {
            continue;
        };
        if d.benzodiazepine != Some(true) {
            continue;
        }
        match d.long_term_year {
            Some(true) => long_term = true,
            Some(false) => {}
            None => unknown_years.push((i, j)),
        }
    }
    let long_keys: Vec<&str> = if p == "F400" {
        vec!["F400.tsuchi8", "F100.tsuchi6"]
    } else {
        vec!["F100.tsuchi6"]
    };
    if long_term && exempt {
        long_term = false;
        let fb = ctx
            .finding(
                &format!("{p}.category2.long_term_exempt"),
                Outcome::Ineligible,
                Severity::Info,
            )
            .rx(rxid);
        common::cite(fb, rev, &long_keys).push(ctx);
    } else if long_term {
        let fb = ctx
            .finding(&format!("{p}.category2.long_term"), Outcome::Eligible, Severity::Info)
            .missing(
                "prescriptions[].flags.longTermBenzodiazepineExempt",
                "不安又は不眠の症状があること、及び処方医が研修修了医師でなく直近１年以内に精神科医の助言も得ていないことを確認してください",
                "confirm the patient has anxiety or insomnia and that the prescriber is neither trained nor advised by a psychiatrist within the last year",
            )
            .rx(rxid);
        common::cite(fb, rev, &long_keys).push(ctx);
    } else if !unknown_years.is_empty() && !exempt {
        let mut fb = ctx
            .finding(
                &format!("{p}.category2.long_term_review"),
                Outcome::NeedsReview,
                Severity::Warning,
            )
            .rx(rxid);
        for (i, j) in unknown_years {
            fb = fb.missing(
                &format!("{}.drug.longTermYear", common::path_item(i, j)),
                "同一成分・同一１日用量で１年以上連続して処方しているか（longTermYear）",
                "whether the same ingredient has been prescribed at the same daily dose for a year or more (longTermYear)",
            );
        }
        common::cite(fb, rev, &long_keys).push(ctx);
    }

    if two_kinds {
        return Ok(Category::TwoKinds);
    }
    if long_term {
        return Ok(Category::TwoLongTerm);
    }
    let keys: Vec<&str> = if p == "F400" {
        vec!["F400.tsuchi6"]
    } else {
        vec!["F100.tsuchi4"]
    };
    let fb = ctx
        .finding(&format!("{p}.category3"), Outcome::Eligible, Severity::Info)
        .arg("kinds", kinds.min)
        .rx(rxid);
    common::cite(fb, rev, &keys).push(ctx);
    Ok(Category::Three)
}

fn p2(p: &str) -> &'static str {
    if p == "F400" {
        "F400.tsuchi6"
    } else {
        "F100.2"
    }
}

fn cat1_found(
    ctx: &mut Ctx<'_>,
    p: &str,
    rxid: Option<&str>,
    detail: &str,
    each: &crate::law::Resolved,
    pair: &crate::law::Resolved,
    keys: &[&str],
) {
    let rev = ctx.revision;
    let fb = ctx
        .finding(&format!("{p}.category1"), Outcome::Eligible, Severity::Info)
        .arg("detail", detail)
        .uses(each)
        .uses(pair)
        .rx(rxid);
    common::cite(fb, rev, keys).push(ctx);
}

/// The exceptions need their reason (830100194) and their date in 摘要 (F100 (3) ア).
fn remark_check(
    ctx: &mut Ctx<'_>,
    p: &str,
    rxid: Option<&str>,
    codes: &[&str],
) -> Result<(), ApiError> {
    let missing: Vec<&str> = codes
        .iter()
        .copied()
        .filter(|c| !common::remark_has(ctx, c))
        .collect();
    let has_text = ctx
        .claim
        .remarks
        .iter()
        .any(|r| r.text.as_deref().is_some_and(|t| !t.trim().is_empty()));
    if !missing.is_empty() && !has_text {
        let rev = ctx.revision;
        let fb = ctx
            .finding(&format!("{p}.category1.remark_missing"), Outcome::NeedsReview, Severity::Warning)
            .arg("codes", missing.join(", "))
            .missing(
                "remarks",
                "摘要欄に「１」を算定しない理由（830100194）と例外に応じた年月日を記載してください",
                "record in 摘要 why 「1」 is not billed (830100194) and the date the exception requires",
            )
            .rx(rxid);
        common::cite(fb, rev, &["F100.tsuchi3a"]).push(ctx);
    }
    Ok(())
}

/// "イ", "ロ", "ハ", "ニ" (also "i", "ro", "ha", "ni", "(イ)"…).
fn normalize_exception(s: &str) -> Option<&'static str> {
    let t: String = s
        .chars()
        .filter(|c| !matches!(c, '(' | ')' | '（' | '）' | ' '))
        .collect::<String>()
        .to_lowercase();
    match t.as_str() {
        "イ" | "i" => Some("イ"),
        "ロ" | "ro" => Some("ロ"),
        "ハ" | "ha" => Some("ハ"),
        "ニ" | "ni" => Some("ニ"),
        _ => None,
    }
}

fn dec_usize(d: &crate::decimal::Dec) -> usize {
    use rust_decimal::prelude::ToPrimitive;
    d.0.to_usize().unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f100_tsuchi3_multi_thresholds() {
        assert!(is_multi([3, 0, 0, 0], 3, 4));
        assert!(is_multi([2, 2, 0, 0], 3, 4));
        assert!(!is_multi([2, 1, 2, 2], 3, 4));
        assert!(is_multi([0, 0, 0, 3], 3, 4));
    }

    #[test]
    fn f100_tsuchi3_exception_names() {
        assert_eq!(normalize_exception("(ニ)"), Some("ニ"));
        assert_eq!(normalize_exception("ro"), Some("ロ"));
        assert_eq!(normalize_exception("x"), None);
    }
}
