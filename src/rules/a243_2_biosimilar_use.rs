//! A243-2 バイオ後続品使用体制加算 — biosimilar use system add-on (inpatient).
//!
//! R6 告示 A243-2 (law/r06-kokuji-ika.txt L2353-L2360): 「…バイオ後続品のある先発バイオ医薬品（バイオ後続品
//! の適応のない患者に対して使用する先発バイオ医薬品は除く。）及びバイオ後続品を使用する患者について、
//! バイオ後続品使用体制加算として、入院初日に限り所定点数に加算する。」
//!
//! R8 告示 A243-2 (law/r08-kokuji-ika.txt L2612-L2619): the same, with 「先行バイオ医薬品」 and
//! 「退院の日に１回に限り所定点数に加算する。」
//!
//! Both: only for a facility that filed (届出) and a patient currently under a 入院基本料 or 特定入院料
//! whose note lists the add-on (law/r0?-kokuji-ika-A243-2-mentions.txt: A100, A102, A103, A104,
//! A105, A106 (not 特定入院基本料), A108) — and the 特定入院料 A317 特定一般病棟入院料, whose 注6 names it
//! across a line break the mentions files miss (law/r0?-kokuji-ika-A317.txt), except under its 注7
//! (注8 folds it in). A base fee that cannot be read as a fee number is needs_review, not a guess.
//!
//! 疑義解釈（その1） 問22 (law/r08-gigi-kaishaku-1.txt L248-L251): billed on the admission day
//! before 2026-06-01 under R6 → not again on the discharge day of the same admission. An admission
//! spanning 2026-06-01 that was not billed under R6 is billed on the discharge day under R8: an
//! inference (RULES.md §2.6), said so in the finding.

use crate::api::{Admission, ApiError, Basis, BilledLine, DrugRef, Outcome, Revision, Severity};
use crate::date::IsoDate;
use crate::engine::Ctx;

/// Which provision decides the billing, and on which day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Regime {
    /// R6: 入院初日.
    R6AdmissionDay(IsoDate),
    /// R8: 退院の日. `spanning` = admitted under R6, not billed then (the 問22 inference).
    R8DischargeDay { day: IsoDate, spanning: bool },
}

/// How one biologic use counts toward 「…を使用する患者」.
#[derive(Debug, Clone, PartialEq, Eq)]
enum UseClass {
    Qualifies,
    /// 先行 with a biosimilar, used where no biosimilar is indicated (excluded by the 告示).
    OriginatorNotIndicated,
    /// Neither a biosimilar nor an originator that has one.
    NotQualifying,
    /// 先行 with a biosimilar, indication not stated.
    IndicationUnknown,
    /// biosimilar / hasBiosimilar not known.
    FactsUnknown,
}

fn classify(drug: &DrugRef, indicated: Option<bool>) -> UseClass {
    if drug.biosimilar == Some(true) {
        return UseClass::Qualifies;
    }
    if drug.has_biosimilar == Some(true) {
        return match indicated {
            Some(true) => UseClass::Qualifies,
            Some(false) => UseClass::OriginatorNotIndicated,
            None => UseClass::IndicationUnknown,
        };
    }
    if drug.biologic == Some(false)
        || (drug.biosimilar == Some(false) && drug.has_biosimilar == Some(false))
    {
        return UseClass::NotQualifying;
    }
    UseClass::FactsUnknown
}

fn drug_label(d: &DrugRef) -> String {
    d.name
        .clone()
        .or_else(|| d.generic_name.clone())
        .or_else(|| d.code.clone())
        .or_else(|| d.yj.clone())
        .unwrap_or_else(|| "(名称なし)".to_string())
}

/// The leading `A123` of a base-fee reference such as "A100", "a100-1" or "A106 障害者施設等".
fn base_fee_key(s: &str) -> Option<String> {
    let t = s.trim();
    let head: String = t.chars().take(4).collect();
    let mut it = head.chars();
    let letter = it.next()?;
    if !letter.eq_ignore_ascii_case(&'A') || head.chars().count() != 4 {
        return None;
    }
    if !it.all(|c| c.is_ascii_digit()) {
        return None;
    }
    let rest = t.get(4..).unwrap_or("");
    if rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(head.to_ascii_uppercase())
}

/// The A243-2 line already billed in this admission, if any.
fn already_billed<'a>(ctx: &Ctx<'a>, adm: &'a Admission) -> Option<&'a BilledLine> {
    let codes: Vec<&str> = ctx
        .law
        .item("A243-2")
        .map(|it| it.codes.iter().map(|c| c.code).collect())
        .unwrap_or_default();
    let is_a243_2 = |b: &&BilledLine| b.code == "A243-2" || codes.contains(&b.code.as_str());
    adm.already_billed.iter().find(is_a243_2).or_else(|| {
        ctx.claim
            .history
            .billed_this_month
            .iter()
            .filter(|b| b.date.is_none_or(|d| d >= adm.admission_date))
            .find(is_a243_2)
    })
}

fn billed_label(b: &BilledLine) -> String {
    match b.date {
        Some(d) => format!("{} {d}", b.code),
        None => b.code.clone(),
    }
}

const Q22: (&str, &str, &str) = ("R08 疑義解釈その1", "問22", "r08-gigi-kaishaku-1.txt L248");

/// 告示 A243-2 注: decide the add-on for the claim's admission.
pub fn evaluate(ctx: &mut Ctx<'_>) -> Result<(), ApiError> {
    let claim = ctx.claim;
    let Some(adm) = claim.admission.as_ref() else {
        return Ok(());
    };
    if let Some(dis) = adm.discharge_date {
        if dis < adm.admission_date {
            return Err(ApiError::new(
                "invalid_claim",
                format!(
                    "dischargeDate {dis} is before admissionDate {}",
                    adm.admission_date
                ),
                "admission.dischargeDate",
            ));
        }
    }
    if claim.facility.dpc == Some(true) {
        // RULES §2.7: under DPC the 診断群分類点数表 and its 告示 decide how 入院基本料等加算 are
        // paid; that 告示 is not among santei's law texts, so this is not decided here.
        let rev = ctx.revision;
        ctx.finding("A243-2.dpc", Outcome::NeedsReview, Severity::Warning)
            .cite(rev_doc(rev), "別表第一 A243-2 注", Some(rev_line(rev, 1)))
            .missing(
                "facility.dpc",
                "DPC 対象病院での扱い（DPC 告示：出来高算定か係数での評価か）",
                "how a DPC hospital is paid for it (the DPC notice: fee-for-service or a coefficient)",
            )
            .push(ctx);
        return Ok(());
    }
    let law = ctx.law;
    let rev_of = move |d: IsoDate| law.revision_for(d, "").ok().map(|r| r.id);
    let adm_rev = rev_of(adm.admission_date);
    let dis_rev = adm.discharge_date.and_then(rev_of);
    let prior = already_billed(ctx, adm);

    // Which provision bills, and on which day.
    let regime = match adm_rev {
        Some(Revision::R08) => match adm.discharge_date {
            Some(day) => Regime::R8DischargeDay {
                day,
                spanning: false,
            },
            None => {
                awaiting_discharge(ctx);
                return Ok(());
            }
        },
        Some(Revision::R06) => {
            let later_claim = ctx.revision == Revision::R08;
            match (adm.discharge_date, dis_rev) {
                (Some(day), Some(Revision::R08)) if later_claim || prior.is_some() => {
                    Regime::R8DischargeDay {
                        day,
                        spanning: true,
                    }
                }
                (None, _) if later_claim => {
                    if let Some(b) = prior {
                        q22(ctx, b);
                    } else {
                        awaiting_discharge(ctx);
                    }
                    return Ok(());
                }
                _ => Regime::R6AdmissionDay(adm.admission_date),
            }
        }
        None => {
            // Admitted before the covered dates: only an R8 discharge day can be decided.
            match (adm.discharge_date, dis_rev) {
                (Some(day), Some(Revision::R08)) => Regime::R8DischargeDay {
                    day,
                    spanning: true,
                },
                _ => {
                    ctx.finding(
                        "A243-2.admission_not_covered",
                        Outcome::NeedsReview,
                        Severity::Warning,
                    )
                    .arg("date", adm.admission_date)
                    .missing(
                        "admission.admissionDate",
                        "対象期間（2024-06-01以降）の入院日",
                        "an admission date santei covers (from 2024-06-01)",
                    )
                    .push(ctx);
                    return Ok(());
                }
            }
        }
    };

    let (day, rev) = match regime {
        Regime::R6AdmissionDay(d) => (d, Revision::R06),
        Regime::R8DischargeDay { day, .. } => (day, Revision::R08),
    };

    // Once per admission (R6 「入院初日に限り」, R8 「退院の日に１回に限り」; 問22 across the change).
    if let Some(b) = prior {
        let billed_r6 = b.date.and_then(rev_of).is_none_or(|r| r == Revision::R06)
            && adm_rev == Some(Revision::R06);
        if rev == Revision::R08 && billed_r6 {
            q22(ctx, b);
        } else {
            ctx.finding("A243-2.already_billed", Outcome::Ineligible, Severity::Info)
                .arg("billed", billed_label(b))
                .cite(
                    if rev == Revision::R06 {
                        "R06 告示"
                    } else {
                        "R08 告示"
                    },
                    "別表第一 A243-2 注",
                    Some(if rev == Revision::R06 {
                        "r06-kokuji-ika.txt L2360"
                    } else {
                        "r08-kokuji-ika.txt L2619"
                    }),
                )
                .push(ctx);
        }
        return Ok(());
    }

    let mut blocked = false;
    let mut review = false;

    // 届出 in force on the billing day.
    let filed =
        claim.facility.filings.iter().any(|f| {
            f.item.trim() == "A243-2" && f.since <= day && f.until.is_none_or(|u| day <= u)
        });
    if !filed {
        blocked = true;
        ctx.finding("A243-2.no_filing", Outcome::Ineligible, Severity::Warning)
            .arg("date", day)
            .cite(
                rev_doc(rev),
                "別表第一 A243-2 注 「地方厚生局長等に届け出た保険医療機関」",
                Some(rev_line(rev, 0)),
            )
            .missing(
                "facility.filings",
                "A243-2 の届出（受理日）",
                "the A243-2 filing and the date it took effect",
            )
            .push(ctx);
    }

    // The base fee on the billing day must list the add-on.
    match adm.base_fee.as_deref() {
        None => {
            review = true;
            ctx.finding(
                "A243-2.base_fee_unknown",
                Outcome::NeedsReview,
                Severity::Warning,
            )
            .cite(rev_doc(rev), "別表第一 A243-2 注", Some(rev_line(rev, 1)))
            .missing(
                "admission.baseFee",
                "算定日の入院基本料（例: A100）",
                "the base inpatient fee on the billing day (e.g. A100)",
            )
            .push(ctx);
        }
        Some(fee) => {
            let listed = base_fee_key(fee).and_then(|k| {
                ctx.number_on(&format!("A243-2.base_fee.{k}"), day)
                    .ok()
                    .map(|r| (k, r))
            });
            match listed {
                None if base_fee_key(fee).is_none() => {
                    review = true;
                    ctx.finding(
                        "A243-2.base_fee_unreadable",
                        Outcome::NeedsReview,
                        Severity::Warning,
                    )
                    .arg("fee", fee)
                    .cite(rev_doc(rev), "別表第一 A243-2 注", Some(rev_line(rev, 1)))
                    .missing(
                        "admission.baseFee",
                        "算定日の入院基本料・特定入院料の区分番号（例: A100）",
                        "the fee-schedule number of the base inpatient fee on the billing day (e.g. A100)",
                    )
                    .push(ctx);
                }
                None => {
                    blocked = true;
                    ctx.finding(
                        "A243-2.base_fee_not_listed",
                        Outcome::Ineligible,
                        Severity::Warning,
                    )
                    .arg("fee", fee)
                    .arg("date", day)
                    .cite(rev_doc(rev), "別表第一 A243-2 注", Some(rev_line(rev, 1)))
                    .push(ctx);
                }
                Some((k, _)) if k == "A106" => match adm.specified_base_fee {
                    Some(false) => {}
                    Some(true) => {
                        blocked = true;
                        ctx.finding(
                            "A243-2.specified_base_fee",
                            Outcome::Ineligible,
                            Severity::Warning,
                        )
                        .uses(&ctx.number_on("A243-2.base_fee.A106", day)?)
                        .push(ctx);
                    }
                    None => {
                        review = true;
                        ctx.finding(
                            "A243-2.specified_base_fee_unknown",
                            Outcome::NeedsReview,
                            Severity::Warning,
                        )
                        .uses(&ctx.number_on("A243-2.base_fee.A106", day)?)
                        .missing(
                            "admission.specifiedBaseFee",
                            "特定入院基本料を算定しているか",
                            "is the 特定入院基本料 billed?",
                        )
                        .push(ctx);
                    }
                },
                Some((k, _)) if k == "A317" => match adm.community_care_room {
                    Some(false) => {}
                    Some(true) => {
                        blocked = true;
                        ctx.finding(
                            "A243-2.community_care_room",
                            Outcome::Ineligible,
                            Severity::Warning,
                        )
                        .cite(
                            a317_doc(rev),
                            "別表第一 A317 注8",
                            Some(a317_line(rev, "注8")),
                        )
                        .uses(&ctx.number_on("A243-2.base_fee.A317", day)?)
                        .push(ctx);
                    }
                    None => {
                        review = true;
                        ctx.finding(
                            "A243-2.community_care_room_unknown",
                            Outcome::NeedsReview,
                            Severity::Warning,
                        )
                        .cite(
                            a317_doc(rev),
                            "別表第一 A317 注7",
                            Some(a317_line(rev, "注7")),
                        )
                        .uses(&ctx.number_on("A243-2.base_fee.A317", day)?)
                        .missing(
                            "admission.communityCareRoom",
                            "A317 注7（地域包括ケア入院医療管理）を算定しているか",
                            "is A317 注7 (地域包括ケア入院医療管理) billed?",
                        )
                        .push(ctx);
                    }
                },
                Some(_) => {}
            }
        }
    }

    // 「…及びバイオ後続品を使用する患者」: a qualifying use during this admission.
    let end = adm.discharge_date;
    let mut first_qualifying: Option<(IsoDate, String)> = None;
    let mut unknown = false;
    for (i, u) in adm.biologics_used.iter().enumerate() {
        let path = format!("admission.biologicsUsed[{i}]");
        let drug = ctx.resolve(&u.drug, u.date, &format!("{path}.drug"));
        let label = drug_label(&drug);
        if u.date < adm.admission_date || end.is_some_and(|e| u.date > e) {
            ctx.finding(
                "A243-2.use_outside_admission",
                Outcome::Ineligible,
                Severity::Info,
            )
            .arg("drug", &label)
            .arg("date", u.date)
            .push(ctx);
            continue;
        }
        match classify(&drug, u.biosimilar_indicated) {
            UseClass::Qualifies => {
                if first_qualifying.as_ref().is_none_or(|(d, _)| u.date < *d) {
                    first_qualifying = Some((u.date, label));
                }
            }
            UseClass::OriginatorNotIndicated => {
                ctx.finding(
                    "A243-2.originator_not_indicated",
                    Outcome::Ineligible,
                    Severity::Info,
                )
                .arg("drug", &label)
                .arg("date", u.date)
                .cite(rev_doc(rev), "別表第一 A243-2 注", Some(rev_line(rev, 2)))
                .push(ctx);
            }
            UseClass::NotQualifying => {}
            UseClass::IndicationUnknown => {
                unknown = true;
                ctx.finding(
                    "A243-2.indication_unknown",
                    Outcome::NeedsReview,
                    Severity::Warning,
                )
                .arg("drug", &label)
                .arg("date", u.date)
                .cite(rev_doc(rev), "別表第一 A243-2 注", Some(rev_line(rev, 2)))
                .missing(
                    &format!("{path}.biosimilarIndicated"),
                    "この患者への使用にバイオ後続品の適応があるか",
                    "is a biosimilar approved for this patient's indication?",
                )
                .push(ctx);
            }
            UseClass::FactsUnknown => {
                unknown = true;
                ctx.finding(
                    "A243-2.drug_facts_unknown",
                    Outcome::NeedsReview,
                    Severity::Warning,
                )
                .arg("drug", &label)
                .arg("date", u.date)
                .missing(
                    &format!("{path}.drug"),
                    "バイオ後続品か（biosimilar）、バイオ後続品のある先行バイオ医薬品か（hasBiosimilar）",
                    "is it a biosimilar (biosimilar), or an originator that has one (hasBiosimilar)?",
                )
                .push(ctx);
            }
        }
    }
    let Some((use_date, use_drug)) = first_qualifying else {
        if !unknown {
            ctx.finding(
                "A243-2.no_qualifying_use",
                Outcome::Ineligible,
                Severity::Info,
            )
            .cite(rev_doc(rev), "別表第一 A243-2 注", Some(rev_line(rev, 2)))
            .missing(
                "admission.biologicsUsed",
                "入院中に使用したバイオ後続品・先行バイオ医薬品と使用日",
                "the biosimilars / originator biologics used in this admission, with dates",
            )
            .push(ctx);
        }
        return Ok(());
    };
    if blocked || review {
        return Ok(());
    }

    let day_basis = Basis {
        doc: rev_doc(rev).to_string(),
        at: "別表第一 A243-2 注".to_string(),
        law: Some(rev_line(rev, 3).to_string()),
    };
    let points = ctx.bill("A243-2", day, None, vec![day_basis.clone()])?;
    let (day_ja, day_en) = match regime {
        Regime::R6AdmissionDay(_) => ("R6: 入院初日", "R6: admission day"),
        Regime::R8DischargeDay { .. } => ("R8: 退院の日", "R8: discharge day"),
    };
    ctx.finding("A243-2.billable", Outcome::Eligible, Severity::Info)
        .arg("points", &points.raw)
        .arg("date", day)
        .arg("day", day_ja)
        .arg("day_en", day_en)
        .arg("drug", &use_drug)
        .uses(&points)
        .basis(day_basis)
        .push(ctx);
    if day.month_index() != ctx.date.month_index() {
        ctx.finding(
            "A243-2.billing_day_other_month",
            Outcome::Eligible,
            Severity::Warning,
        )
        .arg("date", day)
        .arg("service", ctx.date)
        .push(ctx);
    }
    if let Regime::R8DischargeDay { spanning: true, .. } = regime {
        ctx.finding(
            "A243-2.span_unbilled_inference",
            Outcome::Eligible,
            Severity::Warning,
        )
        .arg("date", day)
        .cite(Q22.0, Q22.1, Some(Q22.2))
        .push(ctx);
    }
    if let Regime::R6AdmissionDay(d) = regime {
        if use_date > d {
            ctx.finding(
                "A243-2.r6_use_after_first_day",
                Outcome::NeedsReview,
                Severity::Warning,
            )
            .arg("date", use_date)
            .cite(
                "R06 告示",
                "別表第一 A243-2 注",
                Some("r06-kokuji-ika.txt L2360"),
            )
            .push(ctx);
        }
    }
    Ok(())
}

fn awaiting_discharge(ctx: &mut Ctx<'_>) {
    ctx.finding(
        "A243-2.awaiting_discharge",
        Outcome::NeedsReview,
        Severity::Info,
    )
    .cite(
        "R08 告示",
        "別表第一 A243-2 注",
        Some("r08-kokuji-ika.txt L2619"),
    )
    .missing(
        "admission.dischargeDate",
        "退院日（R8 は退院の日に算定）",
        "the discharge date (R8 bills on the discharge day)",
    )
    .push(ctx);
}

fn q22(ctx: &mut Ctx<'_>, b: &BilledLine) {
    ctx.finding(
        "A243-2.q22_billed_on_admission",
        Outcome::Ineligible,
        Severity::Info,
    )
    .arg("billed", billed_label(b))
    .cite(Q22.0, Q22.1, Some(Q22.2))
    .push(ctx);
}

fn a317_doc(rev: Revision) -> &'static str {
    match rev {
        Revision::R06 => "R06 告示 A317",
        Revision::R08 => "R08 告示 A317",
    }
}

/// The [src …] block of A317 注7 / 注8 in the excerpt files.
fn a317_line(rev: Revision, note: &str) -> &'static str {
    match (rev, note) {
        (Revision::R06, "注7") => "r06-kokuji-ika-A317.txt [src 001218731.pdf:83 ke.txt A317 注7]",
        (Revision::R06, _) => "r06-kokuji-ika-A317.txt [src 001218731.pdf:83 ke.txt A317 注8]",
        (Revision::R08, "注7") => "r08-kokuji-ika-A317.txt [src 001686842.pdf:84 ke.txt A317 注7]",
        (Revision::R08, _) => "r08-kokuji-ika-A317.txt [src 001686842.pdf:84 ke.txt A317 注8]",
    }
}

fn rev_doc(rev: Revision) -> &'static str {
    match rev {
        Revision::R06 => "R06 告示",
        Revision::R08 => "R08 告示",
    }
}

/// Lines of the 告示 A243-2 注: 0 = 届出, 1 = 入院基本料, 2 = 使用する患者, 3 = billing day.
fn rev_line(rev: Revision, which: u8) -> &'static str {
    match (rev, which) {
        (Revision::R06, 0) => "r06-kokuji-ika.txt L2354",
        (Revision::R06, 1) => "r06-kokuji-ika.txt L2355",
        (Revision::R06, 2) => "r06-kokuji-ika.txt L2357",
        (Revision::R06, _) => "r06-kokuji-ika.txt L2360",
        (Revision::R08, 0) => "r08-kokuji-ika.txt L2613",
        (Revision::R08, 1) => "r08-kokuji-ika.txt L2614",
        (Revision::R08, 2) => "r08-kokuji-ika.txt L2616",
        (Revision::R08, _) => "r08-kokuji-ika.txt L2619",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::evaluate_claim;
    use crate::master::NoCatalog;
    use serde_json::json;

    fn eval(v: serde_json::Value) -> crate::api::Evaluation {
        let claim: crate::api::Claim = serde_json::from_value(v).unwrap();
        evaluate_claim(&claim, &NoCatalog).unwrap()
    }

    fn claim(
        service: &str,
        adm: &str,
        dis: Option<&str>,
        uses: serde_json::Value,
    ) -> serde_json::Value {
        json!({
            "serviceDate": service, "setting": "inpatient",
            "facility": {"kind": "hospital", "filings": [{"item": "A243-2", "since": "2024-06-01"}]},
            "admission": {"admissionDate": adm, "dischargeDate": dis, "baseFee": "A100", "biologicsUsed": uses}
        })
    }

    fn bs(date: &str) -> serde_json::Value {
        json!([{"drug": {"name": "トラスツズマブBS", "biologic": true, "biosimilar": true}, "date": date}])
    }

    fn codes(e: &crate::api::Evaluation) -> Vec<String> {
        e.findings.iter().map(|f| f.code.clone()).collect()
    }

    /// R8 告示 A243-2 注 「退院の日に１回に限り」 (L2619).
    #[test]
    fn r8_note_bills_on_the_discharge_day() {
        let e = eval(claim(
            "2026-06-20",
            "2026-06-03",
            Some("2026-06-20"),
            bs("2026-06-08"),
        ));
        assert_eq!(e.lines.len(), 1);
        assert_eq!(e.lines[0].date.to_string(), "2026-06-20");
        assert_eq!(e.lines[0].code, "190833910");
    }

    /// R6 告示 A243-2 注 「入院初日に限り」 (L2360).
    #[test]
    fn r6_note_bills_on_the_admission_day() {
        let e = eval(claim(
            "2026-04-30",
            "2026-04-10",
            Some("2026-04-30"),
            bs("2026-04-10"),
        ));
        assert_eq!(e.lines.len(), 1);
        assert_eq!(e.lines[0].date.to_string(), "2026-04-10");
        assert!(!codes(&e).contains(&"A243-2.r6_use_after_first_day".to_string()));
    }

    /// 疑義解釈（その1） 問22: billed on the R6 admission day → not again at the R8 discharge.
    #[test]
    fn q22_no_second_billing_across_the_change() {
        let mut c = claim(
            "2026-06-10",
            "2026-05-25",
            Some("2026-06-10"),
            bs("2026-05-25"),
        );
        c["admission"]["alreadyBilled"] = json!([{"code": "190833910", "date": "2026-05-25"}]);
        let e = eval(c);
        assert!(e.lines.is_empty());
        assert!(codes(&e).contains(&"A243-2.q22_billed_on_admission".to_string()));
    }

    /// RULES.md §2.6: spanning, not billed under R6 → R8 at discharge, flagged as an inference.
    #[test]
    fn spanning_unbilled_admission_bills_at_discharge_as_an_inference() {
        let e = eval(claim(
            "2026-06-10",
            "2026-05-25",
            Some("2026-06-10"),
            bs("2026-06-02"),
        ));
        assert_eq!(e.lines.len(), 1);
        assert_eq!(e.lines[0].date.to_string(), "2026-06-10");
        assert!(codes(&e).contains(&"A243-2.span_unbilled_inference".to_string()));
    }

    /// 告示 「バイオ後続品の適応のない患者に対して使用する先行バイオ医薬品は除く」.
    #[test]
    fn originator_without_indication_does_not_qualify_and_unknown_needs_review() {
        let orig = |ind: serde_json::Value| {
            json!([{"drug": {"name": "ハーセプチン", "biologic": true, "biosimilar": false, "hasBiosimilar": true},
                    "date": "2026-06-08", "biosimilarIndicated": ind}])
        };
        let e = eval(claim(
            "2026-06-20",
            "2026-06-03",
            Some("2026-06-20"),
            orig(json!(false)),
        ));
        assert!(e.lines.is_empty());
        assert!(codes(&e).contains(&"A243-2.originator_not_indicated".to_string()));
        assert!(codes(&e).contains(&"A243-2.no_qualifying_use".to_string()));
        let e = eval(claim(
            "2026-06-20",
            "2026-06-03",
            Some("2026-06-20"),
            orig(json!(null)),
        ));
        assert!(e.lines.is_empty());
        let f = e
            .findings
            .iter()
            .find(|f| f.code == "A243-2.indication_unknown")
            .unwrap();
        assert_eq!(f.outcome, Outcome::NeedsReview);
        let e = eval(claim(
            "2026-06-20",
            "2026-06-03",
            Some("2026-06-20"),
            orig(json!(true)),
        ));
        assert_eq!(e.lines.len(), 1);
    }

    /// 告示 「…のうち、バイオ後続品使用体制加算を算定できるものを現に算定している患者に限る」.
    #[test]
    fn base_fee_must_list_the_add_on() {
        let mut c = claim(
            "2026-06-20",
            "2026-06-03",
            Some("2026-06-20"),
            bs("2026-06-08"),
        );
        c["admission"]["baseFee"] = json!("A101");
        assert!(eval(c.clone()).lines.is_empty());
        c["admission"]["baseFee"] = json!("A106");
        let e = eval(c.clone());
        assert!(e.lines.is_empty());
        assert!(codes(&e).contains(&"A243-2.specified_base_fee_unknown".to_string()));
        c["admission"]["specifiedBaseFee"] = json!(false);
        assert_eq!(eval(c).lines.len(), 1);
        assert_eq!(base_fee_key("a108 有床"), Some("A108".to_string()));
        assert_eq!(base_fee_key("A1000"), None);
    }

    /// 告示 A317 注6 names A243-2 (a 特定入院料 the mentions files miss); 注7 → 注8 folds it in.
    #[test]
    fn a317_note6_lists_it_note7_folds_it_in() {
        let mut c = claim(
            "2026-06-20",
            "2026-06-03",
            Some("2026-06-20"),
            bs("2026-06-08"),
        );
        c["admission"]["baseFee"] = json!("A317");
        let e = eval(c.clone());
        assert!(e.lines.is_empty());
        assert!(codes(&e).contains(&"A243-2.community_care_room_unknown".to_string()));
        c["admission"]["communityCareRoom"] = json!(true);
        let e = eval(c.clone());
        assert!(e.lines.is_empty());
        assert!(codes(&e).contains(&"A243-2.community_care_room".to_string()));
        c["admission"]["communityCareRoom"] = json!(false);
        assert_eq!(eval(c.clone()).lines.len(), 1);
        c["admission"]["baseFee"] = json!("一般病棟");
        let e = eval(c);
        assert!(e.lines.is_empty());
        assert!(codes(&e).contains(&"A243-2.base_fee_unreadable".to_string()));
    }

    /// 告示 「地方厚生局長等に届け出た保険医療機関」: the filing must be in force on the billing day.
    #[test]
    fn filing_must_be_in_force_on_the_billing_day() {
        let mut c = claim(
            "2026-06-20",
            "2026-06-03",
            Some("2026-06-20"),
            bs("2026-06-08"),
        );
        c["facility"]["filings"] = json!([{"item": "A243-2", "since": "2026-06-21"}]);
        let e = eval(c);
        assert!(e.lines.is_empty());
        assert!(codes(&e).contains(&"A243-2.no_filing".to_string()));
    }

    #[test]
    fn discharge_before_admission_is_an_input_error() {
        let claim: crate::api::Claim = serde_json::from_value(claim(
            "2026-06-20",
            "2026-06-03",
            Some("2026-06-01"),
            bs("2026-06-02"),
        ))
        .unwrap();
        let e = evaluate_claim(&claim, &NoCatalog).unwrap_err();
        assert_eq!(e[0].path, "admission.dischargeDate");
    }

    #[test]
    fn r8_without_discharge_waits() {
        let e = eval(claim("2026-06-20", "2026-06-03", None, bs("2026-06-08")));
        assert!(e.lines.is_empty());
        assert!(codes(&e).contains(&"A243-2.awaiting_discharge".to_string()));
    }
}
