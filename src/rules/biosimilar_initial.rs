//! バイオ後続品導入初期加算 — biosimilar introduction add-on: 注射 通則7 and C101 注4.
//!
//! 注射 通則7 (R6 law/r06-kokuji-ika.txt L10975-L10978, R8 law/r08-kokuji-ika.txt L11645-L11648):
//! 「入院中の患者以外の患者に対する注射に当たって、当該患者に対し、バイオ後続品に係る説明を行い、
//! バイオ後続品を使用した場合は、バイオ後続品導入初期加算として、当該バイオ後続品の初回の使用日の
//! 属する月から起算して３月を限度として、月１回に限り150点を所定点数に加算する。」
//! (通知 第6部 通則5: R6 r06-tsuchi-ika.txt L19100, R8 r08-tsuchi-ika.txt L20170.)
//!
//! C101 注4 (R6 L7903-L7906, R8 L8471-L8473): 「患者に対し、バイオ後続品に係る説明を行い、バイオ後続品を
//! 処方した場合には、…当該バイオ後続品の初回の処方日の属する月から起算して３月を限度として、150点を
//! 所定点数に加算する。」 通知 C101 (11): 3 months, once a month, prescribing by the biosimilar's
//! generic name ［…後続］ or brand; (12): face-to-face only. 注1: not with B001-2-12 / 外来化学療法加算
//! in the same month.
//!
//! Switching between biosimilars of the same originator does not restart the window: the source is
//! only the R4 疑義解釈 問158 (secondary transcriptions, RULES.md §3.2), so where that reading alone
//! denies the add-on the finding is `needs_review`.

use rust_decimal::prelude::ToPrimitive;

use crate::api::{ApiError, BilledLine, DrugRef, Outcome, Setting, Severity, WrittenAs};
use crate::date::IsoDate;
use crate::engine::Ctx;
use crate::law::Resolved;

/// The two provisions share the logic; this names each one's item, parameters and citations.
struct Kind {
    item: &'static str,
    months: &'static str,
    prefix: &'static str,
    /// (doc, at, law) for R6 and R8.
    r6: (&'static str, &'static str, &'static str),
    r8: (&'static str, &'static str, &'static str),
}

const INJECTION: Kind = Kind {
    item: "G-general7",
    months: "G.general7.months",
    prefix: "G.general7",
    r6: (
        "R06 通知",
        "第2章第6部 注射 通則5 バイオ後続品導入初期加算",
        "r06-tsuchi-ika.txt L19100",
    ),
    r8: (
        "R08 通知",
        "第2章第6部 注射 通則5 バイオ後続品導入初期加算",
        "r08-tsuchi-ika.txt L20170",
    ),
};

const C101: Kind = Kind {
    item: "C101-note4",
    months: "C101-note4.months",
    prefix: "C101-note4",
    r6: ("R06 通知", "C101 (11)", "r06-tsuchi-ika.txt L11257"),
    r8: ("R08 通知", "C101 (11)", "r08-tsuchi-ika.txt L12342"),
};

fn label(d: &DrugRef) -> String {
    d.name
        .clone()
        .or_else(|| d.generic_name.clone())
        .or_else(|| d.code.clone())
        .unwrap_or_else(|| "(名称なし)".to_string())
}

/// One candidate: a biosimilar used (or prescribed) on `date`.
struct Candidate<'a> {
    drug: DrugRef,
    date: IsoDate,
    explained: Option<bool>,
    first: Option<IsoDate>,
    same_originator_first: Option<IsoDate>,
    path: String,
    rx: Option<&'a str>,
}

impl Kind {
    fn f(&self, what: &str) -> String {
        format!("{}.{what}", self.prefix)
    }

    fn cite(&self, ctx: &Ctx<'_>) -> (&'static str, &'static str, &'static str) {
        match ctx.revision {
            crate::api::Revision::R06 => self.r6,
            crate::api::Revision::R08 => self.r8,
        }
    }

    /// The line of this item already billed in the claim's month, if any.
    fn billed_this_month<'a>(&self, ctx: &Ctx<'a>) -> Option<&'a BilledLine> {
        let codes: Vec<&str> = ctx
            .law
            .item(self.item)
            .map(|it| it.codes.iter().map(|c| c.code).collect())
            .unwrap_or_default();
        let month = ctx.date.month_index();
        ctx.claim.history.billed_this_month.iter().find(|b| {
            (b.code == self.item || codes.contains(&b.code.as_str()))
                && b.date.is_none_or(|d| d.month_index() == month)
        })
    }

    /// needs_review: the first-use date that starts the 3-month window is not stated.
    fn first_use_unknown(
        &self,
        ctx: &mut Ctx<'_>,
        c: &Candidate<'_>,
        name: &str,
        months: &Resolved,
    ) {
        ctx.finding(
            &self.f("first_use_unknown"),
            Outcome::NeedsReview,
            Severity::Warning,
        )
        .arg("drug", name)
        .uses(months)
        .missing(
            &format!("{}.firstUseDate", c.path),
            "このバイオ後続品の初回の使用日（処方日）",
            "the date of this patient's first use (prescription) of this biosimilar",
        )
        .rx(c.rx)
        .push(ctx);
    }

    /// Decide each candidate; the first eligible one bills (月１回に限り).
    fn run(&self, ctx: &mut Ctx<'_>, candidates: Vec<Candidate<'_>>) -> Result<(), ApiError> {
        let mut billed = self.billed_this_month(ctx).map(|b| match b.date {
            Some(d) => format!("{} {d}", b.code),
            None => b.code.clone(),
        });
        let months = ctx.number(self.months)?;
        let limit = months.value.0.to_i64().unwrap_or(0);
        let (doc, at, law) = self.cite(ctx);
        for c in candidates {
            let name = label(&c.drug);
            match c.explained {
                Some(true) => {}
                Some(false) => {
                    ctx.finding(
                        &self.f("not_explained"),
                        Outcome::Ineligible,
                        Severity::Info,
                    )
                    .arg("drug", &name)
                    .cite(doc, at, Some(law))
                    .rx(c.rx)
                    .push(ctx);
                    continue;
                }
                None => {
                    ctx.finding(
                        &self.f("explained_unknown"),
                        Outcome::NeedsReview,
                        Severity::Warning,
                    )
                    .arg("drug", &name)
                    .cite(doc, at, Some(law))
                    .missing(
                        &format!("{}.biosimilarExplained", c.path),
                        "バイオ後続品の有効性や安全性等について説明したか",
                        "was the biosimilar's efficacy and safety explained to the patient?",
                    )
                    .rx(c.rx)
                    .push(ctx);
                    // Name the first-use date too when it is also missing: both facts are needed.
                    if c.first.is_none() {
                        self.first_use_unknown(ctx, &c, &name, &months);
                    }
                    continue;
                }
            }
            let Some(first) = c.first else {
                self.first_use_unknown(ctx, &c, &name, &months);
                continue;
            };
            if first > c.date {
                ctx.finding(
                    &self.f("first_use_after"),
                    Outcome::NeedsReview,
                    Severity::Warning,
                )
                .arg("drug", &name)
                .arg("first", first)
                .arg("date", c.date)
                .missing(
                    &format!("{}.firstUseDate", c.path),
                    "初回の使用日（今回以前の日付）",
                    "the first-use date (on or before this one)",
                )
                .rx(c.rx)
                .push(ctx);
                continue;
            }
            // 「初回の使用日の属する月から起算して３月を限度として」: months m0, m0+1, m0+2.
            let month_no = c.date.month_index() - first.month_index() + 1;
            if month_no > limit {
                ctx.finding(&self.f("window_over"), Outcome::Ineligible, Severity::Info)
                    .arg("drug", &name)
                    .arg("first", first)
                    .arg("month", month_no)
                    .arg("months", &months.raw)
                    .uses(&months)
                    .rx(c.rx)
                    .push(ctx);
                continue;
            }
            if let Some(earlier) = c.same_originator_first.filter(|e| *e < first) {
                let m = c.date.month_index() - earlier.month_index() + 1;
                if m > limit {
                    ctx.finding(
                        &self.f("switch_same_originator"),
                        Outcome::NeedsReview,
                        Severity::Warning,
                    )
                    .arg("drug", &name)
                    .arg("earlier", earlier)
                    .arg("month", m)
                    .uses(&months)
                    .cite("R04 疑義解釈", "その1 問158 (二次資料)", None)
                    .rx(c.rx)
                    .push(ctx);
                    continue;
                }
            }
            if let Some(b) = &billed {
                ctx.finding(
                    &self.f("already_this_month"),
                    Outcome::Ineligible,
                    Severity::Info,
                )
                .arg("billed", b)
                .cite(doc, at, Some(law))
                .rx(c.rx)
                .push(ctx);
                continue;
            }
            let line_date = if self.item == INJECTION.item {
                c.date
            } else {
                ctx.date
            };
            let points = ctx.bill(self.item, line_date, c.rx, Vec::new())?;
            ctx.finding(&self.f("billable"), Outcome::Eligible, Severity::Info)
                .arg("points", &points.raw)
                .arg("drug", &name)
                .arg("first", first)
                .arg("month", month_no)
                .arg("months", &months.raw)
                .uses(&points)
                .uses(&months)
                .cite(doc, at, Some(law))
                .rx(c.rx)
                .push(ctx);
            billed = Some(format!("{} {line_date}", self.item));
        }
        Ok(())
    }
}

/// Is the resolved drug a biosimilar? `None` (with a finding) when a biologic's status is unknown.
fn biosimilar_or_flag(ctx: &mut Ctx<'_>, kind: &Kind, d: &DrugRef, path: &str) -> bool {
    match d.biosimilar {
        Some(b) => b,
        None => {
            if d.biologic == Some(true) && d.has_biosimilar != Some(true) {
                ctx.finding(
                    &kind.f("biosimilar_unknown"),
                    Outcome::NeedsReview,
                    Severity::Warning,
                )
                .arg("drug", label(d))
                .missing(
                    &format!("{path}.drug.biosimilar"),
                    "バイオ後続品か",
                    "is it a biosimilar?",
                )
                .push(ctx);
            }
            false
        }
    }
}

/// An injection whose drug has no biologic/biosimilar facts (inline or from a master):
/// needs_review naming the fact, unless the drug's code is unknown to the master (already a
/// `drug.unknown_code` finding on the same path).
fn facts_unknown(ctx: &mut Ctx<'_>, d: &DrugRef, drug_path: &str) {
    if ctx.unknown_code_at(drug_path) {
        return;
    }
    let (doc, at, law) = INJECTION.cite(ctx);
    ctx.finding(
        "G.general7.drug_facts_unknown",
        Outcome::NeedsReview,
        Severity::Info,
    )
    .arg("drug", label(d))
    .cite(doc, at, Some(law))
    .missing(
        &format!("{drug_path}.biosimilar"),
        "バイオ後続品か（注射 通則7 のバイオ後続品導入初期加算の対象か）",
        "is it a biosimilar (for the injection biosimilar introduction add-on)?",
    )
    .push(ctx);
}

/// 注射 通則7: outpatient injections of a biosimilar.
pub fn evaluate_injection(ctx: &mut Ctx<'_>) -> Result<(), ApiError> {
    let claim = ctx.claim;
    let mut candidates = Vec::new();
    // 通知 C101 (13): a patient under C101 this month whose self-injected drug is injected at an
    // outpatient visit (not an emergency) — the injection and the drug are not billable, so the
    // 通則7 add-on has nothing to attach to.
    let c101_billed = claim
        .self_injection
        .as_ref()
        .is_some_and(|si| si.management_billed == Some(true));
    let self_injected: Vec<DrugRef> = if c101_billed {
        claim
            .prescriptions
            .iter()
            .enumerate()
            .flat_map(|(i, rx)| (0..rx.items.len()).map(move |j| (i, j)))
            .filter_map(|(i, j)| ctx.drugs.get(i).and_then(|r| r.get(j)).cloned())
            .filter(|d| d.route.is_none_or(|r| r == crate::api::Route::Injection))
            .collect()
    } else {
        Vec::new()
    };
    for (i, inj) in claim.injections.iter().enumerate() {
        let path = format!("injections[{i}]");
        let date = inj.date.unwrap_or(ctx.date);
        let drug_path = format!("{path}.drug");
        let drug = ctx.resolve(&inj.drug, date, &drug_path);
        if drug.biosimilar.is_none() && drug.biologic.is_none() && drug.has_biosimilar.is_none() {
            // Neither the claim nor a master says what the injected drug is: whether 通則7 can
            // apply is not decided silently. A code the master lacks is already a finding.
            facts_unknown(ctx, &drug, &drug_path);
            continue;
        }
        if !biosimilar_or_flag(ctx, &INJECTION, &drug, &path) {
            continue;
        }
        let same =
            |a: &Option<String>, b: &Option<String>| matches!((a, b), (Some(x), Some(y)) if x == y);
        let self_injected_drug = self_injected.iter().any(|d| {
            same(&d.code, &drug.code)
                || same(&d.yj, &drug.yj)
                || same(&d.generic_name, &drug.generic_name)
        });
        if self_injected_drug && inj.emergency_visit != Some(true) {
            let c = match ctx.revision {
                crate::api::Revision::R06 => ("R06 通知", "C101 (13)", "r06-tsuchi-ika.txt L11266"),
                crate::api::Revision::R08 => ("R08 通知", "C101 (13)", "r08-tsuchi-ika.txt L12351"),
            };
            let mut fb = ctx
                .finding(
                    "G.general7.c101_self_injected",
                    if inj.emergency_visit.is_none() {
                        Outcome::NeedsReview
                    } else {
                        Outcome::Ineligible
                    },
                    Severity::Warning,
                )
                .arg("drug", label(&drug))
                .cite(c.0, c.1, Some(c.2));
            if inj.emergency_visit.is_none() {
                fb = fb.missing(
                    &format!("{path}.emergencyVisit"),
                    "緊急時の受診か（緊急時なら注射の費用を算定でき、摘要欄にその旨を記載）",
                    "was it an emergency visit (then the injection is billable, with a note in 摘要)?",
                );
            }
            fb.push(ctx);
            continue;
        }
        candidates.push(Candidate {
            drug,
            date,
            explained: inj.biosimilar_explained,
            first: inj.first_use_date,
            same_originator_first: inj.same_originator_first_use_date,
            path,
            rx: None,
        });
    }
    if candidates.is_empty() {
        return Ok(());
    }
    if claim.setting == Setting::Inpatient {
        let (doc, at, law) = INJECTION.cite(ctx);
        ctx.finding("G.general7.inpatient", Outcome::Ineligible, Severity::Info)
            .cite(doc, at, Some(law))
            .push(ctx);
        return Ok(());
    }
    INJECTION.run(ctx, candidates)
}

/// C101 注4: a biosimilar prescribed for self-injection, in a month C101 is billed.
pub fn evaluate_c101(ctx: &mut Ctx<'_>) -> Result<(), ApiError> {
    let claim = ctx.claim;
    let Some(si) = claim.self_injection.as_ref() else {
        return Ok(());
    };
    let mut candidates = Vec::new();
    for (i, rx) in claim.prescriptions.iter().enumerate() {
        for (j, item) in rx.items.iter().enumerate() {
            let path = format!("prescriptions[{i}].items[{j}]");
            let Some(drug) = ctx.drugs.get(i).and_then(|r| r.get(j)).cloned() else {
                continue;
            };
            if drug
                .route
                .is_some_and(|r| r != crate::api::Route::Injection)
            {
                continue;
            }
            if drug.biosimilar != Some(true)
                && drug.has_biosimilar == Some(true)
                && item.written_as == Some(WrittenAs::Generic)
            {
                let (doc, at, law) = C101.cite(ctx);
                ctx.finding(
                    "C101-note4.generic_name_biologic",
                    Outcome::NeedsReview,
                    Severity::Warning,
                )
                .arg("drug", label(&drug))
                .cite(doc, at, Some(law))
                .rx(rx.id.as_deref())
                .push(ctx);
                continue;
            }
            if !biosimilar_or_flag(ctx, &C101, &drug, &path) {
                continue;
            }
            candidates.push(Candidate {
                drug,
                date: ctx.date,
                explained: item.biosimilar_explained,
                first: item.first_use_date,
                same_originator_first: item.same_originator_first_use_date,
                path,
                rx: rx.id.as_deref(),
            });
        }
    }
    if candidates.is_empty() {
        return Ok(());
    }
    let (doc, at, law) = C101.cite(ctx);
    let tsuchi12 = match ctx.revision {
        crate::api::Revision::R06 => ("R06 通知", "C101 (12)", "r06-tsuchi-ika.txt L11264"),
        crate::api::Revision::R08 => ("R08 通知", "C101 (12)", "r08-tsuchi-ika.txt L12349"),
    };
    let note1 = match ctx.revision {
        crate::api::Revision::R06 => ("R06 告示", "別表第一 C101 注1", "r06-kokuji-ika.txt L7893"),
        crate::api::Revision::R08 => ("R08 告示", "別表第一 C101 注1", "r08-kokuji-ika.txt L8460"),
    };
    let mut blocked = false;
    if claim.setting == Setting::Inpatient {
        blocked = true;
        ctx.finding("C101-note4.inpatient", Outcome::Ineligible, Severity::Info)
            .cite(note1.0, note1.1, Some(note1.2))
            .push(ctx);
    }
    if si.outpatient_chemotherapy_same_month == Some(true) {
        blocked = true;
        ctx.finding(
            "C101-note4.chemotherapy_same_month",
            Outcome::Ineligible,
            Severity::Warning,
        )
        .cite(note1.0, note1.1, Some(note1.2))
        .push(ctx);
    }
    match si.management_billed {
        Some(true) => {}
        Some(false) => {
            blocked = true;
            ctx.finding(
                "C101-note4.management_not_billed",
                Outcome::Ineligible,
                Severity::Info,
            )
            .cite(doc, at, Some(law))
            .push(ctx);
        }
        None => {
            blocked = true;
            ctx.finding(
                "C101-note4.management_unknown",
                Outcome::NeedsReview,
                Severity::Warning,
            )
            .missing(
                "selfInjection.managementBilled",
                "この月に C101 在宅自己注射指導管理料を算定するか",
                "is C101 billed this month?",
            )
            .push(ctx);
        }
    }
    match si.face_to_face {
        Some(true) => {}
        Some(false) => {
            blocked = true;
            ctx.finding(
                "C101-note4.not_face_to_face",
                Outcome::Ineligible,
                Severity::Info,
            )
            .cite(tsuchi12.0, tsuchi12.1, Some(tsuchi12.2))
            .push(ctx);
        }
        None => {
            blocked = true;
            ctx.finding(
                "C101-note4.face_to_face_unknown",
                Outcome::NeedsReview,
                Severity::Warning,
            )
            .cite(tsuchi12.0, tsuchi12.1, Some(tsuchi12.2))
            .missing(
                "selfInjection.faceToFace",
                "対面診療か",
                "was the visit face to face?",
            )
            .push(ctx);
        }
    }
    if blocked {
        return Ok(());
    }
    C101.run(ctx, candidates)
}

#[cfg(test)]
mod tests {
    use crate::api::Outcome;
    use crate::engine::evaluate_claim;
    use crate::master::NoCatalog;
    use serde_json::json;

    fn eval(v: serde_json::Value) -> crate::api::Evaluation {
        let claim: crate::api::Claim = serde_json::from_value(v).unwrap();
        evaluate_claim(&claim, &NoCatalog).unwrap()
    }

    fn inj(date: &str, first: &str) -> serde_json::Value {
        json!({"serviceDate": date, "injections": [{
            "drug": {"name": "インフリキシマブBS", "biologic": true, "biosimilar": true, "originator": "インフリキシマブ"},
            "biosimilarExplained": true, "firstUseDate": first}]})
    }

    fn outcome(e: &crate::api::Evaluation, code: &str) -> Option<Outcome> {
        e.findings
            .iter()
            .find(|f| f.code == code)
            .map(|f| f.outcome)
    }

    /// 注射 通則7 「初回の使用日の属する月から起算して３月を限度として、月１回に限り150点」.
    #[test]
    fn general7_three_months_from_the_first_use_month() {
        for (d, n) in [
            ("2026-04-20", 1),
            ("2026-05-18", 1),
            ("2026-06-15", 1),
            ("2026-07-13", 0),
        ] {
            let e = eval(inj(d, "2026-04-20"));
            assert_eq!(e.lines.len(), n, "{d}");
        }
        let e = eval(inj("2026-07-01", "2026-04-30"));
        assert_eq!(
            outcome(&e, "G.general7.window_over"),
            Some(Outcome::Ineligible)
        );
    }

    /// 「月１回に限り」: already billed this month → not again.
    #[test]
    fn general7_once_a_month() {
        let mut c = inj("2026-04-27", "2026-04-20");
        c["history"] = json!({"billedThisMonth": [{"code": "130013790", "date": "2026-04-20"}]});
        let e = eval(c);
        assert!(e.lines.is_empty());
        assert_eq!(
            outcome(&e, "G.general7.already_this_month"),
            Some(Outcome::Ineligible)
        );
    }

    /// 「入院中の患者以外の患者に対する注射に当たって」 and 「説明を行い」.
    #[test]
    fn general7_outpatients_after_explanation() {
        let mut c = inj("2026-04-20", "2026-04-20");
        c["setting"] = json!("inpatient");
        assert!(eval(c).lines.is_empty());
        let mut c = inj("2026-04-20", "2026-04-20");
        c["injections"][0]["biosimilarExplained"] = json!(null);
        let e = eval(c);
        assert_eq!(
            outcome(&e, "G.general7.explained_unknown"),
            Some(Outcome::NeedsReview)
        );
        assert!(e.lines.is_empty());
    }

    /// R4 疑義解釈 問158 (secondary): a switch between biosimilars of one originator does not restart.
    #[test]
    fn general7_switch_within_originator_needs_review() {
        let mut c = inj("2026-08-10", "2026-07-01");
        c["injections"][0]["sameOriginatorFirstUseDate"] = json!("2026-04-20");
        let e = eval(c);
        assert!(e.lines.is_empty());
        assert_eq!(
            outcome(&e, "G.general7.switch_same_originator"),
            Some(Outcome::NeedsReview)
        );
        let mut c = inj("2026-05-10", "2026-05-01");
        c["injections"][0]["sameOriginatorFirstUseDate"] = json!("2026-04-20");
        assert_eq!(eval(c).lines.len(), 1);
    }

    fn c101(date: &str, first: &str) -> serde_json::Value {
        json!({"serviceDate": date,
            "selfInjection": {"managementBilled": true, "faceToFace": true},
            "prescriptions": [{"id": "rx-1", "dispensing": "outside", "items": [{
                "drug": {"name": "インスリン グラルギンBS注", "biologic": true, "biosimilar": true, "route": "injection"},
                "writtenAs": "brand", "biosimilarExplained": true, "firstUseDate": first}]}]})
    }

    /// C101 注4 and 通知 (11) 「３月に限り、月１回に限り」, (12) 対面診療.
    #[test]
    fn c101_note4_window_month_and_face_to_face() {
        let e = eval(c101("2026-06-05", "2026-06-05"));
        assert!(e.lines.iter().any(|l| l.item == "C101-note4"));
        assert!(!eval(c101("2026-09-04", "2026-06-05"))
            .lines
            .iter()
            .any(|l| l.item == "C101-note4"));
        let mut c = c101("2026-06-25", "2026-06-05");
        c["history"] = json!({"billedThisMonth": [{"code": "114049870", "date": "2026-06-05"}]});
        assert!(!eval(c).lines.iter().any(|l| l.item == "C101-note4"));
        let mut c = c101("2026-06-05", "2026-06-05");
        c["selfInjection"]["faceToFace"] = json!(false);
        let e = eval(c);
        assert_eq!(
            outcome(&e, "C101-note4.not_face_to_face"),
            Some(Outcome::Ineligible)
        );
    }

    /// RULES.md §3.2: a generic-name prescription of a biologic that does not name the biosimilar.
    #[test]
    fn c101_generic_name_of_a_biologic_needs_review() {
        let mut c = c101("2026-06-05", "2026-06-05");
        c["prescriptions"][0]["items"][0]["drug"] = json!({"name": "【般】インスリン グラルギン", "biologic": true, "biosimilar": false, "hasBiosimilar": true, "route": "injection"});
        c["prescriptions"][0]["items"][0]["writtenAs"] = json!("generic");
        let e = eval(c);
        assert_eq!(
            outcome(&e, "C101-note4.generic_name_biologic"),
            Some(Outcome::NeedsReview)
        );
    }
}
