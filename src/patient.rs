//! `evaluatePatient`: the claims of one patient, evaluated in date order, with what earlier claims
//! established carried into later ones.
//!
//! Some rules need a patient's history, not one claim: バイオ後続品導入初期加算 (注射 通則7, C101 注4)
//! runs 3 months from the month of the first use / prescription and is billed once a month;
//! A243-2 is billed once per admission (疑義解釈（その1） 問22 across 2026-06-01). Each claim may state
//! those facts itself (`firstUseDate`, `history.billedThisMonth`, `admission.alreadyBilled`);
//! this carries them forward instead:
//! - a biosimilar's `firstUseDate` stated on an earlier claim fills later claims that lack it
//!   (never guessed from the earliest claim given: the claims passed may not be the whole history);
//! - `sameOriginatorFirstUseDate`: the earliest start of another biosimilar with the same
//!   `originator` (R4 疑義解釈 問158: a switch does not restart the window);
//! - lines given by earlier claims of the same calendar month join `history.billedThisMonth`;
//! - an A243-2 line of an earlier claim of the same admission joins `admission.alreadyBilled`.
//!
//! Results come back in input order, one per claim; a bad claim gives an error entry and the others
//! still evaluate.

use std::collections::BTreeMap;

use crate::api::{
    ApiError, BatchEntry, BatchResult, BilledLine, Claim, DrugRef, ErrorEnvelope, Finding, Outcome,
    Severity,
};
use crate::date::IsoDate;
use crate::engine::{at_index, evaluate_claim, parse_claim_array, to_json};
use crate::law::law;
use crate::master::{merge, DrugCatalog, Lookup};

/// A key naming one product: the first of code, YJ, generic code, name, generic name.
fn product_key(d: &DrugRef) -> Option<String> {
    d.code
        .clone()
        .or_else(|| d.yj.clone())
        .or_else(|| d.generic_code.clone())
        .or_else(|| d.name.clone())
        .or_else(|| d.generic_name.clone())
}

fn resolve(catalog: &dyn DrugCatalog, d: &DrugRef, date: IsoDate) -> DrugRef {
    match catalog.lookup(d, date) {
        Lookup::Found(facts, _) => merge(&facts, d),
        _ => d.clone(),
    }
}

/// What earlier claims established for one window kind (injection use / C101 prescription).
#[derive(Default)]
struct Windows {
    /// product → first use stated on some claim (the earliest).
    stated: BTreeMap<String, IsoDate>,
    /// product → earliest use seen on the claims given.
    seen: BTreeMap<String, IsoDate>,
    /// product → originator.
    originator: BTreeMap<String, String>,
}

impl Windows {
    fn note(&mut self, key: &str, drug: &DrugRef, date: IsoDate, stated: Option<IsoDate>) {
        if let Some(s) = stated {
            let e = self.stated.entry(key.to_string()).or_insert(s);
            if s < *e {
                *e = s;
            }
        }
        let start = stated.map_or(date, |s| s.min(date));
        let e = self.seen.entry(key.to_string()).or_insert(start);
        if start < *e {
            *e = start;
        }
        if let Some(o) = &drug.originator {
            self.originator.insert(key.to_string(), o.clone());
        }
    }

    /// Earliest start of another product with the same originator.
    fn same_originator(&self, key: &str, drug: &DrugRef) -> Option<IsoDate> {
        let o = drug.originator.as_ref()?;
        self.originator
            .iter()
            .filter(|(k, v)| k.as_str() != key && *v == o)
            .filter_map(|(k, _)| self.seen.get(k).copied())
            .min()
    }
}

#[derive(Default)]
struct State {
    injections: Windows,
    prescriptions: Windows,
    /// (line as billed, admission date of its claim).
    lines: Vec<(BilledLine, String, Option<IsoDate>)>,
}

/// Fill one claim from the state; returns what was carried (for the finding).
fn enrich(claim: &mut Claim, st: &State, catalog: &dyn DrugCatalog) -> Vec<String> {
    let mut carried = Vec::new();
    let date = claim.service_date;
    for inj in &mut claim.injections {
        let d = resolve(catalog, &inj.drug, inj.date.unwrap_or(date));
        if d.biosimilar != Some(true) {
            continue;
        }
        let Some(key) = product_key(&d) else { continue };
        if inj.first_use_date.is_none() {
            if let Some(f) = st.injections.stated.get(&key) {
                inj.first_use_date = Some(*f);
                carried.push(format!("{key} firstUseDate {f}"));
            }
        }
        if inj.same_originator_first_use_date.is_none() {
            if let Some(f) = st.injections.same_originator(&key, &d) {
                inj.same_originator_first_use_date = Some(f);
                carried.push(format!("{key} sameOriginatorFirstUseDate {f}"));
            }
        }
    }
    for rx in &mut claim.prescriptions {
        for item in &mut rx.items {
            let d = resolve(catalog, &item.drug, date);
            if d.biosimilar != Some(true) {
                continue;
            }
            let Some(key) = product_key(&d) else { continue };
            if item.first_use_date.is_none() {
                if let Some(f) = st.prescriptions.stated.get(&key) {
                    item.first_use_date = Some(*f);
                    carried.push(format!("{key} firstUseDate {f}"));
                }
            }
            if item.same_originator_first_use_date.is_none() {
                if let Some(f) = st.prescriptions.same_originator(&key, &d) {
                    item.same_originator_first_use_date = Some(f);
                    carried.push(format!("{key} sameOriginatorFirstUseDate {f}"));
                }
            }
        }
    }
    let month = date.month_index();
    for (b, item, _) in &st.lines {
        if b.date
            .is_some_and(|d| d.month_index() == month && d <= date)
        {
            let dup = claim
                .history
                .billed_this_month
                .iter()
                .any(|x| x.code == b.code && x.date == b.date);
            if !dup {
                claim.history.billed_this_month.push(b.clone());
                carried.push(format!(
                    "{item} {}",
                    b.date.map(|d| d.to_string()).unwrap_or_default()
                ));
            }
        }
    }
    if let Some(adm) = claim.admission.as_mut() {
        for (b, item, adm_date) in &st.lines {
            if item == "A243-2" && *adm_date == Some(adm.admission_date) {
                let dup = adm
                    .already_billed
                    .iter()
                    .any(|x| x.code == b.code && x.date == b.date);
                if !dup {
                    adm.already_billed.push(b.clone());
                    carried.push(format!(
                        "A243-2 {}",
                        b.date.map(|d| d.to_string()).unwrap_or_default()
                    ));
                }
            }
        }
    }
    carried
}

/// Record what this claim establishes for later ones.
fn record(claim: &Claim, st: &mut State, catalog: &dyn DrugCatalog) {
    let date = claim.service_date;
    for inj in &claim.injections {
        let used = inj.date.unwrap_or(date);
        let d = resolve(catalog, &inj.drug, used);
        if d.biosimilar == Some(true) {
            if let Some(key) = product_key(&d) {
                st.injections.note(&key, &d, used, inj.first_use_date);
            }
        }
    }
    // 問160 (R4, secondary): a first use during an admission starts the window too.
    if let Some(adm) = &claim.admission {
        for u in &adm.biologics_used {
            let d = resolve(catalog, &u.drug, u.date);
            if d.biosimilar == Some(true) {
                if let Some(key) = product_key(&d) {
                    st.injections.note(&key, &d, u.date, None);
                }
            }
        }
    }
    for rx in &claim.prescriptions {
        for item in &rx.items {
            let d = resolve(catalog, &item.drug, date);
            if d.biosimilar == Some(true) {
                if let Some(key) = product_key(&d) {
                    st.prescriptions.note(&key, &d, date, item.first_use_date);
                }
            }
        }
    }
}

fn carried_finding(carried: &[String]) -> Finding {
    let text = carried.join("; ");
    let l = law();
    Finding {
        code: "patient.carried_forward".to_string(),
        outcome: Outcome::Eligible,
        severity: Severity::Info,
        message: l.message("patient.carried_forward", &[("what", text)]),
        basis: Vec::new(),
        used: Vec::new(),
        missing_facts: Vec::new(),
        hint: None,
        prescription_id: None,
    }
}

/// A JSON array of one patient's claims → `{status:"ok", results:[...]}` in input order.
pub fn evaluate_patient_json(text: &str, catalog: &dyn DrugCatalog) -> String {
    let mut parsed = match parse_claim_array(
        text,
        "invalid_patient",
        "expected an array of one patient's claims",
    ) {
        Ok(p) => p,
        Err(envelope) => return envelope,
    };
    // One patient: every stated patient.id must agree.
    let mut first_id: Option<&str> = None;
    for (i, c) in parsed.iter().enumerate() {
        if let Ok(c) = c {
            if let Some(id) = c.patient.id.as_deref() {
                match first_id {
                    None => first_id = Some(id),
                    Some(f) if f != id => {
                        return to_json(&ErrorEnvelope::new(vec![ApiError::new(
                            "patient_mismatch",
                            format!("claim {i} is for patient {id:?}, an earlier one for {f:?}: evaluatePatient takes one patient's claims"),
                            format!("[{i}].patient.id"),
                        )]))
                    }
                    Some(_) => {}
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..parsed.len()).collect();
    crate::sort::sort_by_key(&mut order, |&i| {
        parsed
            .get(i)
            .and_then(|c| c.as_ref().ok())
            .map(|c| c.service_date)
    });
    let mut results: Vec<Option<BatchEntry>> = vec![None; parsed.len()];
    let mut st = State::default();
    for i in order {
        let Some(slot) = parsed.get_mut(i) else {
            continue;
        };
        let entry = match slot {
            Err(e) => BatchEntry::Err(ErrorEnvelope::new(vec![e.clone()])),
            Ok(claim) => {
                let carried = enrich(claim, &st, catalog);
                record(claim, &mut st, catalog);
                match evaluate_claim(claim, catalog) {
                    Ok(mut ev) => {
                        let adm = claim.admission.as_ref().map(|a| a.admission_date);
                        for l in &ev.lines {
                            st.lines.push((
                                BilledLine {
                                    code: if l.code.is_empty() {
                                        l.item.clone()
                                    } else {
                                        l.code.clone()
                                    },
                                    points: Some(l.points),
                                    date: Some(l.date),
                                    count: Some(l.count),
                                },
                                l.item.clone(),
                                adm,
                            ));
                        }
                        if !carried.is_empty() {
                            ev.findings.push(carried_finding(&carried));
                        }
                        BatchEntry::Ok(Box::new(ev))
                    }
                    Err(errs) => BatchEntry::Err(ErrorEnvelope::new(
                        errs.into_iter().map(|e| at_index(i, e)).collect(),
                    )),
                }
            }
        };
        if let Some(r) = results.get_mut(i) {
            *r = Some(entry);
        }
    }
    to_json(&BatchResult {
        status: "ok".to_string(),
        results: results.into_iter().flatten().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::master::NoCatalog;
    use serde_json::{json, Value};

    fn run(v: Value) -> Value {
        serde_json::from_str(&evaluate_patient_json(&v.to_string(), &NoCatalog)).unwrap()
    }

    fn points(r: &Value, item: &str) -> usize {
        r["lines"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["item"] == item)
            .count()
    }

    /// RULES.md E21 through evaluatePatient: first use stated once, carried to later claims.
    #[test]
    fn first_use_is_carried_and_the_fourth_month_denied() {
        let drug = json!({"name": "インフリキシマブBS", "biologic": true, "biosimilar": true});
        let mut claims = Vec::new();
        for d in ["2026-07-13", "2026-04-20", "2026-05-18", "2026-06-15"] {
            let mut inj = json!({"drug": drug, "biosimilarExplained": true});
            if d == "2026-04-20" {
                inj["firstUseDate"] = json!(d);
            }
            claims.push(json!({"serviceDate": d, "injections": [inj]}));
        }
        let out = run(Value::Array(claims));
        let r = out["results"].as_array().unwrap();
        assert_eq!(
            r.iter()
                .map(|x| points(x, "G-general7"))
                .collect::<Vec<_>>(),
            vec![0, 1, 1, 1]
        );
    }

    /// Junk never panics: every input gives an envelope.
    #[test]
    fn junk_gives_error_envelopes() {
        let deep = "[".repeat(100_000);
        for text in ["", "null", "[", "{}", "[1, null, \"x\"]", &deep] {
            let out: Value =
                serde_json::from_str(&evaluate_patient_json(text, &NoCatalog)).unwrap();
            let st = out["status"].as_str().unwrap();
            if st == "ok" {
                assert!(out["results"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|r| r["status"] == "error"));
            } else {
                assert_eq!(st, "error");
            }
        }
    }

    #[test]
    fn another_patient_is_refused() {
        let out = run(json!([
            {"serviceDate": "2026-06-01", "patient": {"id": "a"}},
            {"serviceDate": "2026-06-02", "patient": {"id": "b"}}
        ]));
        assert_eq!(out["status"], "error");
        assert_eq!(out["errors"][0]["path"], "[1].patient.id");
    }

    #[test]
    fn a_bad_claim_gives_an_error_entry_and_the_rest_go_on() {
        let out = run(json!([{"serviceDate": "2026-13-01"}, {"serviceDate": "2026-06-02"}]));
        assert_eq!(out["results"][0]["status"], "error");
        assert_eq!(out["results"][1]["status"], "ok");
        assert_eq!(run(json!({"a": 1}))["status"], "error");
    }
}
