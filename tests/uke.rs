//! The UKE reader and checks on the public sample file, on generated 2025 / 2026 files, and on
//! broken input.

use santei::master::NoCatalog;
use santei::uke::gen::{generate, GenOptions, Scenario};
use santei::uke::model::Assembler;
use santei::uke::reader::Lines;
use santei::uke::{check_uke, UkeReport};

const SAMPLE: &str = "data/masters/uke/RECEIPTC_GAIRAI_SAMPLE.UKE";

fn check(bytes: &[u8]) -> UkeReport {
    check_uke(bytes, &NoCatalog, 1, &mut |_, _| {}).expect("checks")
}

fn codes(r: &santei::uke::ReceiptReport) -> Vec<String> {
    r.findings
        .iter()
        .map(|f| f.finding().code.clone())
        .collect()
}

fn gen(year: i32, month: u8, scenarios: &[Scenario]) -> Vec<u8> {
    generate(&GenOptions {
        year,
        month,
        receipts: scenarios.len(),
        scenarios: scenarios.to_vec(),
    })
}

#[test]
fn sample_file_is_read_with_its_prescription_fee_lines() {
    let bytes = std::fs::read(SAMPLE).unwrap();
    let mut asm = Assembler::new();
    let mut receipts = Vec::new();
    for line in Lines::new(&bytes) {
        assert!(!line.bad_encoding, "line {} is not CP932", line.number);
        if let Some(r) = asm.push(&line) {
            receipts.push(r);
        }
    }
    receipts.extend(asm.finish());
    assert_eq!(receipts.len(), 75);
    assert!(asm.file_problems.is_empty(), "{:?}", asm.file_problems);
    let r2 = &receipts[1];
    assert_eq!(r2.number, "2");
    assert_eq!(r2.name_kana.as_deref(), Some("カキクケコ"));
    assert_eq!(r2.service_month, Some((2021, 10)));
    let fee = r2.lines.iter().find(|l| l.code == "120002910").unwrap();
    assert_eq!(fee.points, Some(68));
    assert_eq!(fee.category, "80");
    let add = r2.lines.iter().find(|l| l.code == "120003570").unwrap();
    assert_eq!(add.points, Some(5));
    // Both on the same day, which is a real date of October 2021.
    assert_eq!(fee.days, add.days);
    let (day, count) = fee.days[0];
    assert_eq!(count, 1);
    assert!(r2.date(day).is_some());
    // Groups: the in-house drugs of receipt 1 share the 点数 on their last record.
    let r1 = &receipts[0];
    let grouped: Vec<_> = r1.lines.iter().filter(|l| l.points.is_none()).collect();
    assert!(!grouped.is_empty());
    for p in &receipts {
        for prob in &p.problems {
            panic!("receipt {} line {}: {}", p.number, prob.line, prob.message);
        }
    }
}

#[test]
fn sample_file_2021_dates_are_not_covered_rather_than_misjudged() {
    let bytes = std::fs::read(SAMPLE).unwrap();
    let report = check(&bytes);
    assert_eq!(report.summary.receipts, 75);
    assert_eq!(report.file.billing_month.as_deref(), Some("2021-11"));
    for r in &report.receipts {
        assert_eq!(
            codes(r),
            vec!["uke.date_not_covered"],
            "receipt {}",
            r.receipt_number
        );
        assert!(r.revisions.is_empty());
    }
    // 68 points for 処方箋料 in 2021 is not reported as wrong: the date is not covered.
    assert!(!report.summary.by_code.contains_key("uke.points_differ"));
    assert!(report.summary.malformed_lines.is_empty());
}

#[test]
fn generated_2026_file_r08_points_and_rules() {
    use Scenario::*;
    let bytes = gen(
        2026,
        6,
        &[
            GenericAddition1,
            GenericAddition2,
            StaleAddition1,
            AdditionWithoutFee,
            SplitUncommented,
            SplitCommented,
            InhouseOnly,
        ],
    );
    let report = check(&bytes);
    let r = &report.receipts;
    assert_eq!(r.len(), 7);
    assert!(r
        .iter()
        .all(|x| x.revisions == vec![santei::api::Revision::R08]));
    // 加算1 at 8 and 加算2 at 6 on a 2026-06 day: only the needs-the-slip review.
    assert_eq!(codes(&r[0]), vec!["uke.generic_name.needs_slip"]);
    assert_eq!(codes(&r[1]), vec!["uke.generic_name.needs_slip"]);
    // 加算1 billed at the R6 value 10 in June 2026.
    let stale = &r[2].findings[0];
    assert_eq!(stale.finding().code, "uke.points_differ");
    assert_eq!(stale.finding().used[0].value, "8");
    assert!(stale.finding().basis[0]
        .law
        .as_deref()
        .unwrap()
        .contains("r08-kokuji-ika.txt L11591"));
    assert!(codes(&r[3]).contains(&"uke.generic_name.without_prescription_fee".to_string()));
    let split = codes(&r[4]);
    for c in [
        "uke.split.same_day",
        "uke.split.dispensing_fee_billed",
        "uke.split.comment_missing",
    ] {
        assert!(split.contains(&c.to_string()), "{c} in {split:?}");
    }
    assert_eq!(codes(&r[5]), vec!["uke.split.same_day"]);
    assert!(r[6].findings.is_empty());
    assert_eq!(report.summary.receipts, 7);
    assert_eq!(report.summary.with_findings, 6);
}

#[test]
fn generated_2025_file_r06_points_and_rules() {
    use Scenario::*;
    let bytes = gen(
        2025,
        11,
        &[GenericAddition1, StaleAddition1, SplitUncommented],
    );
    let report = check(&bytes);
    let r = &report.receipts;
    assert!(r
        .iter()
        .all(|x| x.revisions == vec![santei::api::Revision::R06]));
    // 10 points is right under R6.
    assert_eq!(codes(&r[0]), vec!["uke.generic_name.needs_slip"]);
    assert_eq!(codes(&r[1]), vec!["uke.generic_name.needs_slip"]);
    // R6 has no billing rule for the split: needs review, not an error.
    let split = &r[2].findings;
    assert!(split
        .iter()
        .all(|f| f.finding().outcome == santei::api::Outcome::NeedsReview));
    assert!(split
        .iter()
        .any(|f| f.finding().code == "uke.split.dispensing_fee_billed"));
}

#[test]
fn malformed_line_is_reported_and_the_rest_is_checked() {
    use Scenario::*;
    let bytes = gen(2026, 7, &[Truncated, StaleAddition1]);
    let report = check(&bytes);
    assert_eq!(report.summary.receipts, 2);
    let m = &report.summary.malformed_lines;
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].code, "truncated");
    assert_eq!(m[0].line, 6);
    assert_eq!(report.receipts[0].findings[0].line, Some(6));
    assert!(codes(&report.receipts[1]).contains(&"uke.points_differ".to_string()));
}

#[test]
fn bad_bytes_unknown_records_and_bad_days() {
    let mut bytes = gen(2026, 6, &[Scenario::GenericAddition1]);
    // Drop the closing GO record so the lines below belong to the receipt.
    let go = bytes.windows(3).rposition(|w| w == b"GO,").unwrap();
    bytes.truncate(go);
    // A stray unknown record and a line with an invalid CP932 sequence, then day 31 of June.
    bytes.extend_from_slice(b"ZZ,1,2,3\r\n");
    bytes.extend_from_slice(b"CO,80,1,810000001,\x81\r\n");
    let mut bad_day = String::from("SI,80,1,120002910,,60,1,,,,,,");
    for d in 1..=31 {
        bad_day.push(',');
        if d == 31 {
            bad_day.push('1');
        }
    }
    bytes.extend_from_slice(bad_day.as_bytes());
    bytes.extend_from_slice(b"\r\n");
    let report = check(&bytes);
    let kinds: Vec<&str> = report
        .summary
        .malformed_lines
        .iter()
        .map(|p| p.code.as_str())
        .collect();
    assert!(kinds.contains(&"unknown_record"), "{kinds:?}");
    assert!(kinds.contains(&"bad_encoding"), "{kinds:?}");
    assert!(kinds.contains(&"bad_value"), "{kinds:?}");
    assert!(!kinds.contains(&"outside_receipt"), "{kinds:?}");
    assert!(report
        .summary
        .malformed_lines
        .windows(2)
        .all(|w| w[0].line <= w[1].line));
}

#[test]
fn files_that_are_not_cp932_uke_are_refused_with_a_code() {
    let err = |b: &[u8]| {
        check_uke(b, &NoCatalog, 1, &mut |_, _| {})
            .unwrap_err()
            .code
    };
    assert_eq!(err(b""), "uke_empty");
    assert_eq!(err(b"\r\n"), "uke_empty");
    let utf8 = String::from_utf8(
        encoding_rs::SHIFT_JIS
            .decode(&std::fs::read(SAMPLE).unwrap())
            .0
            .into_owned()
            .into_bytes(),
    )
    .unwrap();
    assert_eq!(err(utf8.as_bytes()), "uke_not_cp932");
    assert_eq!(err(b"\xff\xfeI\x00R\x00"), "uke_not_cp932");
    assert_eq!(err(b"{\"serviceDate\":\"2026-06-01\"}"), "uke_not_uke");
    assert_eq!(err(b"PK\x03\x04\x14\x00"), "uke_not_cp932");
}

#[test]
fn json_envelope_and_progress() {
    let bytes = gen(2026, 6, &[Scenario::GenericAddition1; 25]);
    let mut calls = Vec::new();
    let json = santei::Santei::new().check_uke_json(&bytes, 10, &mut |d, t| calls.push((d, t)));
    assert!(json.starts_with("{\"status\":\"ok\""));
    assert_eq!(calls, vec![(10, 25), (20, 25), (25, 25)]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["summary"]["receipts"], 25);
    assert_eq!(v["receipts"][0]["receiptNumber"], "1");
    assert_eq!(v["receipts"][0]["nameKana"], "ケンサ　ハナコ");
    assert_eq!(v["summary"]["byCode"]["uke.generic_name.needs_slip"], 25);
    let e = santei::Santei::new().check_uke_json(b"", 10, &mut |_, _| {});
    assert!(e.contains("\"status\":\"error\"") && e.contains("uke_empty"));
}

#[test]
fn a243_2_day_by_revision_and_once_per_admission() {
    use Scenario::*;
    // R6: on the admission day is right.
    let r6 = check(&gen(2025, 11, &[A243OnAdmissionDay, A243Twice]));
    assert!(
        r6.receipts[0].findings.is_empty(),
        "{:?}",
        codes(&r6.receipts[0])
    );
    assert!(codes(&r6.receipts[1]).contains(&"uke.a243_2.twice".to_string()));
    // R8: the patient is still admitted after the billing day, so it is not the discharge day.
    let r8 = check(&gen(2026, 6, &[A243OnAdmissionDay]));
    let c = codes(&r8.receipts[0]);
    assert!(
        c.contains(&"uke.a243_2.not_discharge_day".to_string()),
        "{c:?}"
    );
    let f = &r8.receipts[0].findings[0];
    assert!(f
        .finding()
        .basis
        .iter()
        .any(|b| b.law.as_deref() == Some("r08-kokuji-ika.txt L2619")));
}

#[test]
fn biosimilar_initial_addition_window_and_monthly_limit() {
    use Scenario::*;
    let report = check(&gen(
        2026,
        7,
        &[BsInitialFirstMonth, BsInitialLate, BsInitialTwiceNoComment],
    ));
    let r = &report.receipts;
    assert!(r[0].findings.is_empty(), "{:?}", codes(&r[0]));
    let late = &r[1].findings;
    let f = late
        .iter()
        .find(|f| f.finding().code == "uke.bs_initial.beyond_window")
        .expect("beyond window");
    assert_eq!(f.finding().used[0].param, "G.general7.months");
    let c = codes(&r[2]);
    assert!(
        c.contains(&"uke.bs_initial.over_monthly".to_string()),
        "{c:?}"
    );
    assert!(
        c.contains(&"uke.bs_initial.first_use_unknown".to_string()),
        "{c:?}"
    );
}

#[test]
fn biosimilar_initial_addition_history_in_the_file() {
    // Two receipts of the same patient in one file (a late claim for March and July 2026).
    let mut march = gen(2026, 3, &[Scenario::BsInitialTwiceNoComment]);
    let july = gen(2026, 7, &[Scenario::BsInitialTwiceNoComment]);
    let go = march.windows(3).rposition(|w| w == b"GO,").unwrap();
    march.truncate(go);
    let start = july.windows(4).position(|w| w == b"\nRE,").unwrap() + 1;
    march.extend_from_slice(&july[start..]);
    let report = check(&march);
    assert_eq!(report.summary.receipts, 2);
    assert!(codes(&report.receipts[0]).contains(&"uke.bs_initial.first_use_unknown".to_string()));
    assert!(
        codes(&report.receipts[1]).contains(&"uke.bs_initial.beyond_window_in_file".to_string()),
        "{:?}",
        codes(&report.receipts[1])
    );
}
