//! A243-2 施設基準 — does a facility meet the biosimilar use standard on a date?
//!
//! `checkFacilityStandard(input)`: given the last 12 months of dispensing per ingredient
//! (規格単位数量 of the originator and of its biosimilars), decide the R6 or the R8 standard (chosen
//! by `date`) and list every listed ingredient with its share, threshold, pass / fail / exempt /
//! deemed, and the shortfall in units.
//!
//! R6 (基本診療料の施設基準等 三十五の三の二, law/r06-kokuji-shisetsu-kijun.txt L2095-L2124;
//! 通知 第26の2の3, law/r06-tsuchi-shisetsu-kijun-A243-2.txt):
//! - (2) uses of originators that have a biosimilar (excluding patients with no biosimilar
//!   indication) plus biosimilars in the last year: more than 100;
//! - (3) イ 80 % list, ロ 50 % list: 「ただし、直近一年間における当該成分の規格単位数量が五十未満の場合を除く」.
//!
//! R8 (通知 第26の2の3 1(2), law/r08-tsuchi-shisetsu-kijun-A243-2.txt; the 告示 says only 「十分な実績」):
//! - ア 80 % list, イ 50 % list; an ingredient under 50 units may fall short, 「ア又はイに掲げる成分の
//!   うち少なくとも１つ以上の成分については、規格単位数量の合計が50以上であること」; no use count.
//! - 2(2) 経過措置: filed on 2026-03-31 → until 2027-05-31 the new ingredients (ア(ホ)-(チ),
//!   イ(リ)-(ヲ)) are deemed to meet their share; such a facility needs one of the old ingredients
//!   at 50 units or more. Read here as applying to a facility that relies on the deeming (some new
//!   ingredient short of its share on its own) — the finding says so.
//!
//! Not assessed (no data): the 体制 (1), the 掲示 and web posting.
//!
//! Every number and list is law data (data/law/biosimilar_facility_standard.toml).

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::api::{ApiError, Basis, ErrorEnvelope, Filing, Finding, Outcome, Revision, Severity};
use crate::date::IsoDate;
use crate::decimal::Dec;
use crate::engine::to_json;
use crate::law::{law, Law, Resolved};

/// Largest input accepted, in bytes.
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;

/// Largest quantity accepted for one ingredient (規格単位数量 of a year is far smaller).
pub const MAX_QUANTITY: u64 = 1_000_000_000_000_000;

const SHARE_PREFIX: &str = "A243-2.std.share.";
const DEEMED_PREFIX: &str = "A243-2.std.transition.deemed.";

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FacilityStandardInput {
    #[serde(default)]
    pub schema_version: Option<u32>,
    /// The day the standard is decided for (selects R6 / R8 and the transitional period).
    pub date: IsoDate,
    /// 届出 held (only "A243-2" matters: the R8 transitional measure). Absent = not stated.
    #[serde(default)]
    pub filings: Option<Vec<Filing>>,
    /// R6 (2): uses in the last 12 months of originators with a biosimilar (excluding patients
    /// with no biosimilar indication) and biosimilars.
    #[serde(default)]
    pub use_count: Option<u64>,
    /// Per-ingredient quantities of the last 12 months.
    #[serde(default)]
    pub ingredients: Vec<IngredientQuantity>,
    /// The same as CSV text: `ingredient,originator,biosimilar[,originatorNotIndicated]`
    /// (header required; 成分 / 先行 / 後続 accepted as header names).
    #[serde(default)]
    pub csv: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IngredientQuantity {
    /// The ingredient's id (e.g. "epoetin") or its Japanese name (e.g. "エポエチン").
    pub ingredient: String,
    /// 規格単位数量 of the originator (先行 / 先発バイオ医薬品).
    pub originator: Dec,
    /// 規格単位数量 of its biosimilars.
    pub biosimilar: Dec,
    /// Originator quantity used for patients with no biosimilar indication, to be left out
    /// (「バイオ後続品の適応のない患者に対して使用する先行バイオ医薬品は除く」).
    #[serde(default)]
    pub originator_not_indicated: Option<Dec>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IngredientStatus {
    Pass,
    Fail,
    /// Total under the minimum: the share does not matter.
    Exempt,
    /// R8 transitional measure: deemed to meet its share.
    Deemed,
    /// Not on the lists in force on the date.
    NotListed,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IngredientResult {
    pub id: String,
    pub name_ja: String,
    /// The share it must reach (percent), when listed.
    pub threshold: Option<Dec>,
    pub originator: Dec,
    pub biosimilar: Dec,
    /// originator + biosimilar (the originator net of uses with no biosimilar indication).
    pub total: Dec,
    /// biosimilar / total in percent, truncated to 2 places (display); None when total is 0.
    pub share: Option<Dec>,
    pub status: IngredientStatus,
    /// Originator units that would have to be biosimilar instead to reach the threshold.
    pub shortfall: Option<Dec>,
    /// Or: extra biosimilar units (total growing with them) to reach it.
    pub additional_biosimilar: Option<Dec>,
    /// Covered by the R8 transitional measure (a new ingredient of R8).
    pub transitional: bool,
    pub basis: Vec<Basis>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FacilityStandardResult {
    pub status: String,
    pub date: IsoDate,
    pub revision: Revision,
    /// eligible = meets the standard (as far as quantities show), ineligible, or needs_review.
    pub outcome: Outcome,
    pub ingredients: Vec<IngredientResult>,
    pub findings: Vec<Finding>,
}

fn finding(
    law: &Law,
    code: &str,
    outcome: Outcome,
    severity: Severity,
    args: &[(&str, String)],
    used: &[&Resolved],
) -> Finding {
    let mut basis: Vec<Basis> = Vec::new();
    for r in used {
        if !basis.contains(&r.basis) {
            basis.push(r.basis.clone());
        }
    }
    Finding {
        code: code.to_string(),
        outcome,
        severity,
        message: law.message(code, args),
        basis,
        used: used.iter().map(|r| r.used()).collect(),
        missing_facts: Vec::new(),
        hint: None,
        prescription_id: None,
    }
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '・')
        .flat_map(char::to_lowercase)
        .collect()
}

fn dec(d: Decimal) -> Dec {
    Dec(d.normalize())
}

/// Parse the CSV form into quantities; errors name the line.
fn parse_csv(text: &str) -> Result<Vec<IngredientQuantity>, ApiError> {
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| ApiError::new("invalid_csv", e.to_string(), "csv"))?
        .clone();
    let col = |names: &[&str]| {
        headers
            .iter()
            .position(|h| names.iter().any(|n| norm(h) == norm(n)))
    };
    let ing = col(&["ingredient", "成分", "成分名"]);
    let orig = col(&[
        "originator",
        "先行",
        "先発",
        "先行バイオ医薬品",
        "先発バイオ医薬品",
    ]);
    let bs = col(&["biosimilar", "後続", "バイオ後続品"]);
    let not_ind = col(&["originatorNotIndicated", "適応外先行"]);
    let (Some(ing), Some(orig), Some(bs)) = (ing, orig, bs) else {
        return Err(ApiError::new(
            "invalid_csv",
            "the header must name the columns ingredient, originator and biosimilar (or 成分, 先行, 後続)",
            "csv",
        ));
    };
    let mut out = Vec::new();
    for (n, rec) in rdr.records().enumerate() {
        let line = n + 2;
        let rec = rec
            .map_err(|e| ApiError::new("invalid_csv", e.to_string(), format!("csv line {line}")))?;
        let name = rec.get(ing).unwrap_or("").to_string();
        if name.is_empty() {
            continue;
        }
        let num = |i: usize, what: &str| -> Result<Dec, ApiError> {
            let raw = rec.get(i).unwrap_or("").replace(',', "");
            if raw.is_empty() {
                return Ok(Dec::ZERO);
            }
            Dec::parse(&raw).ok_or_else(|| {
                ApiError::new(
                    "invalid_csv",
                    format!("{what} {raw:?} is not a number"),
                    format!("csv line {line}"),
                )
            })
        };
        out.push(IngredientQuantity {
            ingredient: name,
            originator: num(orig, "originator")?,
            biosimilar: num(bs, "biosimilar")?,
            originator_not_indicated: match not_ind {
                Some(i) => Some(num(i, "originatorNotIndicated")?),
                None => None,
            },
        });
    }
    Ok(out)
}

/// Decide the standard. Input errors (not shortfalls) are `Err`.
pub fn check(input: &FacilityStandardInput) -> Result<FacilityStandardResult, Vec<ApiError>> {
    let law = law();
    let date = input.date;
    let rev = law.revision_for(date, "date").map_err(|e| vec![e])?.id;
    let one = |e: ApiError| vec![e];
    let mut rows: Vec<(IngredientQuantity, String)> = input
        .ingredients
        .iter()
        .enumerate()
        .map(|(i, q)| (q.clone(), format!("ingredients[{i}]")))
        .collect();
    if let Some(text) = &input.csv {
        for (i, q) in parse_csv(text).map_err(one)?.into_iter().enumerate() {
            rows.push((q, format!("csv row {}", i + 1)));
        }
    }

    // The lists in force on the date, in the data's order.
    struct Listed {
        id: String,
        name: String,
        threshold: Resolved,
        deemed: bool,
    }
    let mut listed: Vec<Listed> = Vec::new();
    for p in law.params {
        let Some(id) = p.id.strip_prefix(SHARE_PREFIX) else {
            continue;
        };
        if p.at(date).is_none() {
            continue;
        }
        let threshold = law.number(p.id, date).map_err(one)?;
        let deemed = law
            .param(&format!("{DEEMED_PREFIX}{id}"))
            .and_then(|d| d.at(date))
            .is_some_and(|v| v.value == "1");
        listed.push(Listed {
            id: id.to_string(),
            name: p.name.to_string(),
            threshold,
            deemed,
        });
    }
    // Higher tier first, then the law's order.
    crate::sort::sort_by_key(&mut listed, |l| std::cmp::Reverse(l.threshold.value));

    let min_total = law.number("A243-2.std.min_total", date).map_err(one)?;
    let mut findings = Vec::new();
    let mut quantities: Vec<Option<(Decimal, Decimal, Decimal)>> = vec![None; listed.len()];
    let mut unlisted: Vec<IngredientResult> = Vec::new();
    for (q, path) in &rows {
        // Negative or absurd quantities are input errors; the cap also keeps every product
        // below far from Decimal's range (no overflow, no trap).
        let max = Decimal::from(MAX_QUANTITY);
        let bad = |d: Dec| (d.0.is_sign_negative() && !d.0.is_zero()) || d.0 > max;
        if bad(q.originator) || bad(q.biosimilar) || q.originator_not_indicated.is_some_and(bad) {
            return Err(vec![ApiError::new(
                "invalid_quantity",
                format!(
                    "{}: quantities must be between 0 and {MAX_QUANTITY}",
                    q.ingredient
                ),
                path.clone(),
            )]);
        }
        let excluded = q.originator_not_indicated.map_or(Decimal::ZERO, |d| d.0);
        if excluded > q.originator.0 {
            return Err(vec![ApiError::new(
                "invalid_quantity",
                format!(
                    "{}: originatorNotIndicated {} exceeds originator {}",
                    q.ingredient, excluded, q.originator
                ),
                format!("{path}.originatorNotIndicated"),
            )]);
        }
        let o = q.originator.0 - excluded;
        let b = q.biosimilar.0;
        let key = norm(&q.ingredient);
        match listed
            .iter()
            .position(|l| norm(&l.id) == key || norm(&l.name) == key)
        {
            Some(i) => {
                let Some(slot) = quantities.get_mut(i) else {
                    continue;
                };
                if slot.is_some() {
                    return Err(vec![ApiError::new(
                        "duplicate_ingredient",
                        format!("{} is given twice", q.ingredient),
                        format!("{path}.ingredient"),
                    )]);
                }
                *slot = Some((o, b, excluded));
            }
            None => {
                // Known in another rule set, or not at all.
                let known = law.params.iter().find(|p| {
                    p.id.strip_prefix(SHARE_PREFIX)
                        .is_some_and(|id| norm(id) == key || norm(p.name) == key)
                });
                if known.is_none() {
                    findings.push(finding(
                        law,
                        "facility.std.unknown_ingredient",
                        Outcome::NeedsReview,
                        Severity::Warning,
                        &[("ingredient", q.ingredient.clone())],
                        &[],
                    ));
                }
                let total = o + b;
                unlisted.push(IngredientResult {
                    id: known
                        .and_then(|p| p.id.strip_prefix(SHARE_PREFIX))
                        .unwrap_or(&q.ingredient)
                        .to_string(),
                    name_ja: known.map_or_else(|| q.ingredient.clone(), |p| p.name.to_string()),
                    threshold: None,
                    originator: dec(o),
                    biosimilar: dec(b),
                    total: dec(total),
                    share: share(b, total),
                    status: IngredientStatus::NotListed,
                    shortfall: None,
                    additional_biosimilar: None,
                    transitional: false,
                    basis: Vec::new(),
                });
            }
        }
    }

    // R8 2(2): filed on 2026-03-31 and the date on or before 2027-05-31.
    let mut transition: Option<(bool, Vec<Resolved>)> = None;
    let mut filing_unknown = false;
    let mut filed_by_text = String::new();
    if rev == Revision::R08 {
        let (filed_by, fb_basis) = law
            .text_param("A243-2.std.transition.filed_by", date)
            .map_err(one)?;
        let (until, u_basis) = law
            .text_param("A243-2.std.transition.until", date)
            .map_err(one)?;
        let (Some(filed_by), Some(until)) = (IsoDate::parse(&filed_by), IsoDate::parse(&until))
        else {
            return Err(vec![ApiError::new(
                "law_data_invalid",
                "transitional dates are not dates",
                "",
            )]);
        };
        let as_resolved = |id: &str, raw: String, basis: Basis| Resolved {
            id: id.to_string(),
            value: Dec::ZERO,
            raw,
            unit: "date".to_string(),
            basis,
            from: date,
        };
        let used = vec![
            as_resolved(
                "A243-2.std.transition.filed_by",
                filed_by.to_string(),
                fb_basis,
            ),
            as_resolved("A243-2.std.transition.until", until.to_string(), u_basis),
        ];
        let filed = input.filings.as_ref().map(|fs| {
            fs.iter().any(|f| {
                f.item.trim() == "A243-2"
                    && f.since <= filed_by
                    && f.until.is_none_or(|u| u >= filed_by)
            })
        });
        let in_period = date <= until;
        filing_unknown = in_period && filed.is_none();
        filed_by_text = filed_by.to_string();
        transition = Some((in_period && filed == Some(true), used));
    }
    let transition_on = transition.as_ref().is_some_and(|t| t.0);

    let mut results = Vec::new();
    let mut fails = Vec::new();
    let mut deemed_used = Vec::new();
    let mut new_short_unfiled = false;
    for (l, q) in listed.iter().zip(quantities.iter()) {
        let (o, b, _) = q.unwrap_or((Decimal::ZERO, Decimal::ZERO, Decimal::ZERO));
        let total = o + b;
        let t = l.threshold.value.0;
        let meets = b * Decimal::ONE_HUNDRED >= t * total;
        let status = if total < min_total.value.0 {
            IngredientStatus::Exempt
        } else if meets {
            IngredientStatus::Pass
        } else if l.deemed && transition_on {
            deemed_used.push(l.name.clone());
            IngredientStatus::Deemed
        } else {
            if l.deemed {
                new_short_unfiled = true;
            }
            fails.push(format!("{} ({})", l.name, l.id));
            IngredientStatus::Fail
        };
        let short = !meets && total > Decimal::ZERO;
        let shortfall = short.then(|| dec(t * total / Decimal::ONE_HUNDRED - b));
        let additional = if short && t < Decimal::ONE_HUNDRED {
            (t * total - Decimal::ONE_HUNDRED * b)
                .checked_div(Decimal::ONE_HUNDRED - t)
                .map(dec)
        } else {
            None
        };
        let mut basis = vec![l.threshold.basis.clone()];
        if status == IngredientStatus::Exempt {
            basis.push(min_total.basis.clone());
        }
        results.push(IngredientResult {
            id: l.id.clone(),
            name_ja: l.name.clone(),
            threshold: Some(dec(t)),
            originator: dec(o),
            biosimilar: dec(b),
            total: dec(total),
            share: share(b, total),
            status,
            shortfall,
            additional_biosimilar: additional,
            transitional: l.deemed,
            basis,
        });
    }
    results.extend(unlisted);

    let mut outcome = Outcome::Eligible;
    let mut worse = |o: Outcome| {
        outcome = match (outcome, o) {
            (Outcome::Ineligible, _) | (_, Outcome::Ineligible) => Outcome::Ineligible,
            (Outcome::NeedsReview, _) | (_, Outcome::NeedsReview) => Outcome::NeedsReview,
            _ => Outcome::Eligible,
        }
    };
    if fails.is_empty() {
        findings.push(finding(
            law,
            "facility.std.shares_met",
            Outcome::Eligible,
            Severity::Info,
            &[],
            &[&min_total],
        ));
    } else {
        // Only new ingredients fall short and the 2026-03-31 filing is not stated: the
        // transitional measure could still carry them.
        let only_new = fails.len()
            == results
                .iter()
                .filter(|r| r.status == IngredientStatus::Fail && r.transitional)
                .count();
        if new_short_unfiled && filing_unknown {
            let mut f = finding(
                law,
                "facility.std.transition_filing_unknown",
                Outcome::NeedsReview,
                Severity::Warning,
                &[("filed_by", filed_by_text.clone())],
                &[],
            );
            f.missing_facts.push(crate::api::MissingFact {
                path: "filings".to_string(),
                message: crate::api::Text {
                    ja: "A243-2 の届出と受理日（経過措置の判断）".to_string(),
                    en: "the A243-2 filing and its date (for the transitional measure)".to_string(),
                },
            });
            findings.push(f);
        }
        let o = if new_short_unfiled && filing_unknown && only_new {
            Outcome::NeedsReview
        } else {
            Outcome::Ineligible
        };
        worse(o);
        findings.push(finding(
            law,
            "facility.std.shares_not_met",
            o,
            Severity::Warning,
            &[("ingredients", fails.join("、"))],
            &[&min_total],
        ));
    }
    match rev {
        Revision::R06 => {
            let min_uses = law.number("A243-2.std.min_uses", date).map_err(one)?;
            match input.use_count {
                Some(n) if Decimal::from(n) > min_uses.value.0 => findings.push(finding(
                    law,
                    "facility.std.r6_uses_met",
                    Outcome::Eligible,
                    Severity::Info,
                    &[("count", n.to_string()), ("min", min_uses.raw.clone())],
                    &[&min_uses],
                )),
                Some(n) => {
                    worse(Outcome::Ineligible);
                    findings.push(finding(
                        law,
                        "facility.std.r6_uses_not_met",
                        Outcome::Ineligible,
                        Severity::Warning,
                        &[("count", n.to_string()), ("min", min_uses.raw.clone())],
                        &[&min_uses],
                    ));
                }
                None => {
                    worse(Outcome::NeedsReview);
                    let mut f = finding(
                        law,
                        "facility.std.r6_uses_unknown",
                        Outcome::NeedsReview,
                        Severity::Warning,
                        &[("min", min_uses.raw.clone())],
                        &[&min_uses],
                    );
                    f.missing_facts.push(crate::api::MissingFact {
                        path: "useCount".to_string(),
                        message: crate::api::Text {
                            ja: "直近1年間の先発バイオ医薬品及びバイオ後続品の使用回数".to_string(),
                            en: "uses of originators with a biosimilar and biosimilars in the last 12 months".to_string(),
                        },
                    });
                    findings.push(f);
                }
            }
        }
        Revision::R08 => {
            let at_least = law
                .number("A243-2.std.at_least_one_total", date)
                .map_err(one)?;
            let any = results
                .iter()
                .any(|r| r.threshold.is_some() && r.total.0 >= at_least.value.0);
            if !any {
                worse(Outcome::Ineligible);
                findings.push(finding(
                    law,
                    "facility.std.r8_none_reaches_minimum",
                    Outcome::Ineligible,
                    Severity::Warning,
                    &[("min", at_least.raw.clone())],
                    &[&at_least],
                ));
            }
            if !deemed_used.is_empty() {
                let old_min = law
                    .number("A243-2.std.transition.old_min_total", date)
                    .map_err(one)?;
                let used: Vec<Resolved> = transition.map(|t| t.1).unwrap_or_default();
                let mut refs: Vec<&Resolved> = used.iter().collect();
                refs.push(&old_min);
                findings.push(finding(
                    law,
                    "facility.std.transition_applied",
                    Outcome::Eligible,
                    Severity::Info,
                    &[("ingredients", deemed_used.join("、"))],
                    &refs,
                ));
                let old_ok = results.iter().any(|r| {
                    r.threshold.is_some() && !r.transitional && r.total.0 >= old_min.value.0
                });
                if !old_ok {
                    worse(Outcome::Ineligible);
                    findings.push(finding(
                        law,
                        "facility.std.transition_old_minimum_not_met",
                        Outcome::Ineligible,
                        Severity::Warning,
                        &[("min", old_min.raw.clone())],
                        &[&old_min],
                    ));
                }
            }
        }
    }
    findings.push(finding(
        law,
        "facility.std.not_assessed",
        Outcome::NeedsReview,
        Severity::Info,
        &[],
        &[],
    ));
    Ok(FacilityStandardResult {
        status: "ok".to_string(),
        date,
        revision: rev,
        outcome,
        ingredients: results,
        findings,
    })
}

fn share(b: Decimal, total: Decimal) -> Option<Dec> {
    if total.is_zero() {
        return None;
    }
    (b * Decimal::ONE_HUNDRED)
        .checked_div(total)
        .map(|s| dec(s.round_dp_with_strategy(2, RoundingStrategy::ToZero)))
}

/// JSON in, envelope out.
pub fn check_facility_standard_json(text: &str) -> String {
    if text.len() > MAX_INPUT_BYTES {
        return to_json(&ErrorEnvelope::new(vec![ApiError::new(
            "too_large",
            format!(
                "input is {} bytes; the limit is {MAX_INPUT_BYTES}",
                text.len()
            ),
            "",
        )]));
    }
    let input: FacilityStandardInput = match crate::json_path::parse(text) {
        Ok(i) => i,
        Err((inner, path)) => {
            let code = if inner.is_syntax() || inner.is_eof() {
                "invalid_json"
            } else {
                "invalid_input"
            };
            return to_json(&ErrorEnvelope::new(vec![ApiError::new(
                code,
                inner.to_string(),
                path,
            )]));
        }
    };
    if let Some(v) = input.schema_version {
        if v != crate::api::SCHEMA_VERSION {
            return to_json(&ErrorEnvelope::new(vec![ApiError::new(
                "unsupported_schema_version",
                format!("schemaVersion {v} is not supported"),
                "schemaVersion",
            )]));
        }
    }
    match check(&input) {
        Ok(r) => to_json(&r),
        Err(errs) => to_json(&ErrorEnvelope::new(errs)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn run(v: Value) -> Value {
        serde_json::from_str(&check_facility_standard_json(&v.to_string())).unwrap()
    }

    fn ing<'a>(out: &'a Value, id: &str) -> &'a Value {
        out["ingredients"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()
    }

    /// R6 告示 三十五の三の二 (3)イ 「八割以上」, boundary 80 % passes; 79.x fails with a shortfall.
    #[test]
    fn r6_eighty_percent_boundary() {
        let out = run(
            json!({"date": "2026-05-31", "useCount": 101, "ingredients": [
            {"ingredient": "epoetin", "originator": "20", "biosimilar": "80"},
            {"ingredient": "リツキシマブ", "originator": "21", "biosimilar": "79"}]}),
        );
        assert_eq!(ing(&out, "epoetin")["status"], "pass");
        let r = ing(&out, "rituximab");
        assert_eq!(r["status"], "fail");
        assert_eq!(r["share"], "79");
        assert_eq!(r["shortfall"], "1");
        assert_eq!(r["additionalBiosimilar"], "5");
        assert_eq!(out["outcome"], "ineligible");
    }

    /// 「五十未満の場合を除く」: 49.x exempt, 50 not.
    #[test]
    fn under_fifty_is_exempt_fifty_is_not() {
        let out = run(
            json!({"date": "2025-01-01", "useCount": 101, "ingredients": [
            {"ingredient": "epoetin", "originator": "49.5", "biosimilar": "0"},
            {"ingredient": "rituximab", "originator": "50", "biosimilar": "0"}]}),
        );
        assert_eq!(ing(&out, "epoetin")["status"], "exempt");
        assert_eq!(ing(&out, "rituximab")["status"], "fail");
    }

    /// R6 (2) 「百回を超えること」: 100 fails, 101 passes.
    #[test]
    fn r6_more_than_one_hundred_uses() {
        let base = json!({"date": "2025-01-01", "ingredients": []});
        let mut a = base.clone();
        a["useCount"] = json!(100);
        assert_eq!(run(a)["outcome"], "ineligible");
        let mut b = base.clone();
        b["useCount"] = json!(101);
        assert_eq!(run(b)["outcome"], "eligible");
        assert_eq!(run(base)["outcome"], "needs_review");
    }

    /// R8 1(2) なお書: at least one ingredient at 50 units or more; no use count.
    #[test]
    fn r8_needs_one_ingredient_at_fifty() {
        let out = run(json!({"date": "2026-06-01", "ingredients": [
            {"ingredient": "epoetin", "originator": "0", "biosimilar": "49"}]}));
        assert_eq!(out["outcome"], "ineligible");
        let out = run(json!({"date": "2026-06-01", "ingredients": [
            {"ingredient": "epoetin", "originator": "0", "biosimilar": "50"}]}));
        assert_eq!(out["outcome"], "eligible");
        assert_eq!(out["ingredients"].as_array().unwrap().len(), 20);
    }

    /// R8 2(2) 経過措置: filed on 2026-03-31 → new ingredients deemed until 2027-05-31.
    #[test]
    fn r8_transitional_deeming() {
        let q = json!([
            {"ingredient": "epoetin", "originator": "0", "biosimilar": "100"},
            {"ingredient": "insulin_glargine", "originator": "100", "biosimilar": "0"}]);
        let filed = json!([{"item": "A243-2", "since": "2025-04-01"}]);
        let out = run(json!({"date": "2027-05-31", "filings": filed, "ingredients": q}));
        assert_eq!(ing(&out, "insulin_glargine")["status"], "deemed");
        assert_eq!(out["outcome"], "eligible");
        let out = run(json!({"date": "2027-06-01", "filings": filed, "ingredients": q}));
        assert_eq!(ing(&out, "insulin_glargine")["status"], "fail");
        let late = json!([{"item": "A243-2", "since": "2026-04-01"}]);
        let out = run(json!({"date": "2026-07-01", "filings": late, "ingredients": q}));
        assert_eq!(out["outcome"], "ineligible");
        // relying on the deeming needs an old ingredient at 50 or more
        let q2 = json!([
            {"ingredient": "epoetin", "originator": "0", "biosimilar": "40"},
            {"ingredient": "insulin_glargine", "originator": "100", "biosimilar": "0"}]);
        let out = run(json!({"date": "2026-07-01", "filings": filed, "ingredients": q2}));
        assert_eq!(out["outcome"], "ineligible");
        assert!(out["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "facility.std.transition_old_minimum_not_met"));
    }

    /// Law data discipline: every ingredient's value is one of the two tiers in force that day,
    /// and the R8 deemed set is exactly 1(2)ア(ホ)-(チ) and イ(リ)-(ヲ) (通知 2(2)).
    #[test]
    fn ingredient_lists_match_the_tiers_and_the_transitional_set() {
        let l = law();
        for p in l.params.iter().filter(|p| p.id.starts_with(SHARE_PREFIX)) {
            for v in p.values {
                for d in [v.from, v.until] {
                    let hi = l.number("A243-2.std.tier80", d).unwrap().raw;
                    let lo = l.number("A243-2.std.tier50", d).unwrap().raw;
                    assert!(
                        v.value == hi || v.value == lo,
                        "{} on {d}: {}",
                        p.id,
                        v.value
                    );
                }
            }
        }
        let d = IsoDate::parse("2026-06-01").unwrap();
        let mut deemed: Vec<&str> = l
            .params
            .iter()
            .filter_map(|p| p.id.strip_prefix(DEEMED_PREFIX))
            .collect();
        deemed.sort_unstable();
        assert_eq!(
            deemed,
            [
                "aflibercept",
                "darbepoetin",
                "filgrastim",
                "insulin_glargine",
                "pegfilgrastim",
                "ranibizumab",
                "tocilizumab",
                "ustekinumab"
            ]
        );
        let count = |d: IsoDate| {
            l.params
                .iter()
                .filter(|p| p.id.starts_with(SHARE_PREFIX) && p.at(d).is_some())
                .count()
        };
        assert_eq!(count(d), 20);
        assert_eq!(count(IsoDate::parse("2026-05-31").unwrap()), 13);
    }

    /// Junk never panics: every input gives an envelope.
    #[test]
    fn junk_gives_error_envelopes() {
        let deep = "[".repeat(100_000);
        for text in [
            "",
            "null",
            "[",
            "{}",
            "1e999",
            &deep,
            r#"{"date":"2026-06-01","csv":"\u0000"}"#,
            r#"{"date":"2026-06-01","csv":"ingredient,originator,biosimilar\nepoetin,abc,1"}"#,
            r#"{"date":"2026-06-01","ingredients":[{"ingredient":"epoetin","originator":"1e30","biosimilar":0}]}"#,
        ] {
            let out: Value = serde_json::from_str(&check_facility_standard_json(text)).unwrap();
            assert_eq!(out["status"], "error", "{}", &text[..text.len().min(40)]);
        }
    }

    #[test]
    fn csv_and_errors() {
        let out = run(
            json!({"date": "2026-06-01", "csv": "成分,先行,後続\nエポエチン,10,90\nフィルグラスチム,\"1,000\",0\n"}),
        );
        assert_eq!(ing(&out, "epoetin")["status"], "pass");
        assert_eq!(ing(&out, "filgrastim")["total"], "1000");
        let bad = run(
            json!({"date": "2026-06-01", "ingredients": [{"ingredient": "epoetin", "originator": "-1", "biosimilar": "0"}]}),
        );
        assert_eq!(bad["errors"][0]["code"], "invalid_quantity");
        let huge = run(
            json!({"date": "2026-06-01", "ingredients": [{"ingredient": "epoetin", "originator": "79228162514264337593543950335", "biosimilar": "79228162514264337593543950335"}]}),
        );
        assert_eq!(huge["errors"][0]["code"], "invalid_quantity");
        let dup = run(json!({"date": "2026-06-01", "ingredients": [
            {"ingredient": "epoetin", "originator": "1", "biosimilar": "0"},
            {"ingredient": "エポエチン", "originator": "1", "biosimilar": "0"}]}));
        assert_eq!(dup["errors"][0]["code"], "duplicate_ingredient");
        assert_eq!(
            run(json!({"date": "2024-05-31"}))["errors"][0]["code"],
            "date_not_covered"
        );
        assert_eq!(run(json!([1]))["status"], "error");
    }
}
