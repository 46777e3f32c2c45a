//! Golden cases: tests/cases/<item>/<name>.json, read by this runner and by the Node runner
//! (tests/node/golden.test.mjs) against pkg/.
//!
//! Each case is `{name, source, claim, expect, output}` — or, instead of `claim`, `claims` (one
//! patient's claims for `evaluatePatient`; `expect.results[i]` per claim) or `facility` (a
//! `checkFacilityStandard` input; `expect.outcome` and `expect.ingredients`):
//! - `source` cites the 通知 paragraph, 疑義解釈 問 or worked example the case checks;
//! - `expect` is written by hand: the lines (item, points, date) in order, the total, and
//!   findings that must (or must not) appear with their outcome — or the error codes and paths;
//! - `output` is the full envelope, written only by this runner with `SANTEI_BLESS=1` and
//!   reviewed like code; both runners require the engine's JSON to equal it exactly.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn case_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            case_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
}

/// Check `expect` against an envelope; returns the list of mismatches.
fn check_expect(expect: &Value, actual: &Value) -> Vec<String> {
    let mut bad = Vec::new();
    let status = expect.get("status").and_then(Value::as_str).unwrap_or("ok");
    if actual["status"] != status {
        bad.push(format!(
            "status: expected {status}, got {}",
            actual["status"]
        ));
        return bad;
    }
    if let Some(errors) = expect.get("errors").and_then(Value::as_array) {
        for e in errors {
            let found = actual["errors"].as_array().is_some_and(|a| {
                a.iter().any(|x| {
                    x["code"] == e["code"] && (e.get("path").is_none() || x["path"] == e["path"])
                })
            });
            if !found {
                bad.push(format!("error {e} not in {}", actual["errors"]));
            }
        }
    }
    if let Some(t) = expect.get("totalPoints") {
        if &actual["totalPoints"] != t {
            bad.push(format!(
                "totalPoints: expected {t}, got {}",
                actual["totalPoints"]
            ));
        }
    }
    if let Some(r) = expect.get("revision") {
        if &actual["revision"] != r {
            bad.push(format!(
                "revision: expected {r}, got {}",
                actual["revision"]
            ));
        }
    }
    if let Some(lines) = expect.get("lines").and_then(Value::as_array) {
        let got: Vec<String> = actual["lines"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|l| {
                        format!(
                            "{} {} {}x{}",
                            l["item"].as_str().unwrap_or(""),
                            l["date"].as_str().unwrap_or(""),
                            l["points"].as_str().unwrap_or(""),
                            l["count"]
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let want: Vec<String> = lines
            .iter()
            .map(|l| {
                let date = l
                    .get("date")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .unwrap_or_else(|| actual["serviceDate"].as_str().unwrap_or("").to_string());
                let count = l.get("count").cloned().unwrap_or(Value::from(1));
                format!(
                    "{} {} {}x{}",
                    l["item"].as_str().unwrap_or(""),
                    date,
                    l["points"].as_str().unwrap_or(""),
                    count
                )
            })
            .collect();
        if got != want {
            bad.push(format!("lines:\n  expected {want:?}\n  got      {got:?}"));
        }
    }
    let findings = actual["findings"].as_array().cloned().unwrap_or_default();
    if let Some(fs) = expect.get("findings").and_then(Value::as_array) {
        for f in fs {
            let ok = findings.iter().any(|x| {
                x["code"] == f["code"]
                    && (f.get("outcome").is_none() || x["outcome"] == f["outcome"])
                    && (f.get("severity").is_none() || x["severity"] == f["severity"])
            });
            if !ok {
                let codes: Vec<String> = findings
                    .iter()
                    .map(|x| {
                        format!(
                            "{}={}",
                            x["code"].as_str().unwrap_or(""),
                            x["outcome"].as_str().unwrap_or("")
                        )
                    })
                    .collect();
                bad.push(format!("finding {f} missing; got {codes:?}"));
            }
        }
    }
    if let Some(fs) = expect.get("absentFindings").and_then(Value::as_array) {
        for code in fs {
            if findings.iter().any(|x| &x["code"] == code) {
                bad.push(format!("finding {code} must be absent"));
            }
        }
    }
    bad
}

/// `claims` cases: `expect.results[i]` is checked like a claim's `expect` against result i.
fn check_patient_expect(expect: &Value, actual: &Value) -> Vec<String> {
    let status = expect.get("status").and_then(Value::as_str).unwrap_or("ok");
    if status == "error" {
        return check_expect(expect, actual);
    }
    let mut bad = Vec::new();
    let want = expect["results"].as_array().cloned().unwrap_or_default();
    let got = actual["results"].as_array().cloned().unwrap_or_default();
    if want.len() != got.len() {
        bad.push(format!(
            "results: expected {}, got {}",
            want.len(),
            got.len()
        ));
    }
    for (i, (w, g)) in want.iter().zip(got.iter()).enumerate() {
        for b in check_expect(w, g) {
            bad.push(format!("results[{i}]: {b}"));
        }
    }
    bad
}

/// `facility` cases: `expect.outcome`, `expect.revision`, `expect.ingredients` [{id, status,
/// share?, shortfall?}] that must match, and findings / absentFindings / errors as for claims.
fn check_facility_expect(expect: &Value, actual: &Value) -> Vec<String> {
    let mut bad = check_expect(expect, actual);
    if actual["status"] != "ok" {
        return bad;
    }
    if let Some(o) = expect.get("outcome") {
        if &actual["outcome"] != o {
            bad.push(format!("outcome: expected {o}, got {}", actual["outcome"]));
        }
    }
    for w in expect["ingredients"]
        .as_array()
        .cloned()
        .unwrap_or_default()
    {
        let got = actual["ingredients"]
            .as_array()
            .and_then(|a| a.iter().find(|g| g["id"] == w["id"]).cloned());
        let Some(g) = got else {
            bad.push(format!("ingredient {} missing", w["id"]));
            continue;
        };
        for key in ["status", "share", "threshold", "shortfall", "total"] {
            if let Some(v) = w.get(key) {
                if &g[key] != v {
                    bad.push(format!(
                        "ingredient {} {key}: expected {v}, got {}",
                        w["id"], g[key]
                    ));
                }
            }
        }
    }
    bad
}

#[test]
fn golden_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut files = Vec::new();
    case_files(&root, &mut files);
    assert!(
        !files.is_empty(),
        "no golden cases found under {}",
        root.display()
    );
    let bless = std::env::var("SANTEI_BLESS").is_ok_and(|v| v == "1");
    let engine = santei::Santei::new();
    let mut failures = Vec::new();
    for path in &files {
        let text = fs::read_to_string(path).unwrap();
        let mut case: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.strip_prefix(&root).unwrap().display().to_string();
        // A case gives `claim` (evaluate), `claims` (evaluatePatient: one patient's claims) or
        // `facility` (checkFacilityStandard input).
        let kind = ["claim", "claims", "facility"]
            .into_iter()
            .find(|k| case.get(*k).is_some())
            .unwrap_or_else(|| panic!("{name}: needs `claim`, `claims` or `facility`"));
        for key in ["name", "source", "expect"] {
            assert!(case.get(key).is_some(), "{name}: missing `{key}`");
        }
        let input_text = serde_json::to_string(&case[kind]).unwrap();
        let out_text = match kind {
            "claim" => engine.evaluate_json(&input_text),
            "claims" => engine.evaluate_patient_json(&input_text),
            _ => engine.check_facility_standard_json(&input_text),
        };
        let out: Value = serde_json::from_str(&out_text).unwrap();
        let bad = match kind {
            "claim" => check_expect(&case["expect"], &out),
            "claims" => check_patient_expect(&case["expect"], &out),
            _ => check_facility_expect(&case["expect"], &out),
        };
        for b in bad {
            failures.push(format!("{name}: {b}"));
        }
        if bless {
            case["output"] = out;
            fs::write(path, serde_json::to_string_pretty(&case).unwrap() + "\n").unwrap();
        } else if case.get("output") != Some(&out) {
            failures.push(format!(
                "{name}: output differs from the blessed snapshot (review, then SANTEI_BLESS=1 cargo test --test golden)\n  got {out_text}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} golden cases failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
    eprintln!("{} golden cases passed", files.len());
}
