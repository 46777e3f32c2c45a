//! レセプト電算処理システム (UKE) files: read a month's claims and check, receipt by receipt,
//! what the prescribing and biosimilar rules say about what was billed.
//!
//! - [`reader`]: streaming line reader over CP932 bytes, with line numbers.
//! - [`model`]: receipts (RE) with insurance, diagnoses, SI/IY/TO lines dated by 算定日情報, comments.
//! - [`check`]: the checks that a receipt alone can decide, per service day and rule set.
//!
//! `check_uke_json(bytes, ..)` returns `{status:"ok", file, receipts:[...], summary}` or an error
//! envelope (`uke_empty`, `uke_not_cp932`, `uke_not_uke`); a malformed line is reported with its
//! line number and the rest of the file is still checked.

pub mod check;
pub mod finding;
#[cfg(not(target_arch = "wasm32"))]
pub mod gen;
pub mod model;
pub mod reader;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::api::{ApiError, ErrorEnvelope, Outcome, Revision, Severity};
use crate::engine::to_json;
use crate::law::law;
use crate::master::DrugCatalog;
use model::{Assembler, FileHeader, LineProblem, Receipt};
use reader::{Lines, NotUke};

pub use finding::UkeFinding;

/// The report of one receipt.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptReport {
    /// RE レセプト番号.
    pub receipt_number: String,
    /// Line of the RE record.
    pub line: u32,
    /// RE レセプト種別 (別表5).
    pub kind: String,
    pub inpatient: bool,
    /// RE 診療年月, YYYY-MM.
    pub service_month: Option<String>,
    /// RE カタカナ氏名 (when recorded).
    pub name_kana: Option<String>,
    /// Rule sets the receipt's service days fall in (empty when none is covered).
    pub revisions: Vec<Revision>,
    /// SI / IY / TO / CO / SY records read.
    pub procedures: usize,
    pub drugs: usize,
    pub materials: usize,
    pub comments: usize,
    pub diagnoses: usize,
    /// The most severe finding (null when none).
    pub max_severity: Option<Severity>,
    pub findings: Vec<UkeFinding>,
}

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Receipts read.
    pub receipts: usize,
    /// Receipts with at least one finding.
    pub with_findings: usize,
    /// Receipts with at least one ineligible finding.
    pub with_errors: usize,
    pub by_code: BTreeMap<String, usize>,
    pub by_outcome: BTreeMap<String, usize>,
    /// Lines santei could not use, with their numbers.
    pub malformed_lines: Vec<LineProblem>,
    pub lines: u32,
    pub bytes: usize,
    /// Drug master releases used for the unknown-code check (empty: no master loaded, not checked).
    pub masters: Vec<crate::api::MasterRef>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UkeReport {
    pub status: String,
    pub file: FileHeader,
    pub receipts: Vec<ReceiptReport>,
    pub summary: Summary,
}

/// Largest file accepted (a large hospital's month is well under this).
pub const MAX_UKE_BYTES: usize = 1 << 30;

fn not_uke_error(e: NotUke) -> ApiError {
    match e {
        NotUke::Empty => ApiError::new("uke_empty", "the file is empty: no UKE records", ""),
        NotUke::Utf16 => ApiError::new(
            "uke_not_cp932",
            "the file is UTF-16 or binary (NUL bytes), not a CP932 (Shift_JIS) レセプト電算 file",
            "",
        ),
        NotUke::Utf8 => ApiError::new(
            "uke_not_cp932",
            "the file is UTF-8 text, not CP932 (Shift_JIS): レセプト電算 files are written in Shift_JIS; export the original file",
            "",
        ),
        NotUke::NoRecords { line, found } => ApiError::new(
            "uke_not_uke",
            format!(
                "line {line} is not a レセプト電算 record (expected IR, RE, ... followed by a comma; found \"{found}\")"
            ),
            format!("line {line}"),
        ),
    }
}

/// Check a UKE file. `progress(done, total)` is called after every `every` receipts (0: about
/// every 1 %) and at the end.
pub fn check_uke(
    bytes: &[u8],
    catalog: &dyn DrugCatalog,
    every: usize,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<UkeReport, ApiError> {
    let law = law();
    if bytes.len() > MAX_UKE_BYTES {
        return Err(ApiError::new(
            "too_large",
            format!(
                "the file is {} bytes; the limit is {MAX_UKE_BYTES}",
                bytes.len()
            ),
            "",
        ));
    }
    reader::sniff(bytes).map_err(not_uke_error)?;
    let total = reader::count_receipts(bytes);
    // 0: about every 1 % of the receipts.
    let every = if every == 0 {
        (total / 100).max(1)
    } else {
        every
    };
    let mut asm = Assembler::new();
    let mut state = check::FileState::new(!catalog.releases().is_empty());
    let mut summary = Summary {
        bytes: bytes.len(),
        masters: catalog.releases(),
        ..Summary::default()
    };
    let mut receipts = Vec::with_capacity(total);
    let mut lines = Lines::new(bytes);
    let mut malformed: Vec<LineProblem> = Vec::new();
    let mut on_receipt =
        |mut r: Receipt, receipts: &mut Vec<ReceiptReport>, summary: &mut Summary| {
            malformed.extend(r.problems.iter().cloned());
            let report = report(&mut r, receipts.len(), catalog, &mut state);
            // Counted now, while its findings are in the cache.
            tally_receipt(&report, summary);
            receipts.push(report);
            if receipts.len() % every == 0 {
                progress(receipts.len(), total.max(receipts.len()));
            }
            r
        };
    while let Some((number, raw)) = lines.next_raw() {
        summary.lines = number;
        if let Some(done) = asm.push_raw(number, raw) {
            let done = on_receipt(done, &mut receipts, &mut summary);
            asm.recycle(done);
        }
    }
    if let Some(done) = asm.finish() {
        on_receipt(done, &mut receipts, &mut summary);
    }
    for (i, f) in check::file_checks(&state, law) {
        if let Some(r) = receipts.get_mut(i) {
            if r.findings.is_empty() {
                summary.with_findings = summary.with_findings.saturating_add(1);
            }
            let had_error = r.findings.iter().any(|f| f.outcome == Outcome::Ineligible);
            if !had_error && f.outcome == Outcome::Ineligible {
                summary.with_errors = summary.with_errors.saturating_add(1);
            }
            tally_finding(&f, &mut summary);
            r.findings.push(f);
            r.max_severity = r.findings.iter().map(|f| f.severity).max();
        }
    }
    progress(receipts.len(), receipts.len());
    malformed.append(&mut asm.file_problems);
    crate::sort::sort_by_key(&mut malformed, |p| p.line);
    summary.malformed_lines = malformed;
    summary.receipts = receipts.len();
    if receipts.is_empty() && asm.header.is_none() {
        return Err(ApiError::new(
            "uke_not_uke",
            "no IR or RE record was found: this is not a レセプト電算 file",
            "",
        ));
    }
    Ok(UkeReport {
        status: "ok".to_string(),
        file: asm.header.unwrap_or_default(),
        receipts,
        summary,
    })
}

/// Count a receipt's findings into the summary.
fn tally_receipt(r: &ReceiptReport, summary: &mut Summary) {
    let findings = &r.findings;
    if !findings.is_empty() {
        summary.with_findings = summary.with_findings.saturating_add(1);
    }
    if findings.iter().any(|f| f.outcome == Outcome::Ineligible) {
        summary.with_errors = summary.with_errors.saturating_add(1);
    }
    for f in findings {
        tally_finding(f, summary);
    }
}

/// Count one finding by code and outcome.
fn tally_finding(f: &UkeFinding, summary: &mut Summary) {
    match summary.by_code.get_mut(&*f.code) {
        Some(e) => *e = e.saturating_add(1),
        None => {
            summary.by_code.insert(f.code.to_string(), 1);
        }
    }
    let o = match f.outcome {
        Outcome::Eligible => "eligible",
        Outcome::Ineligible => "ineligible",
        Outcome::NeedsReview => "needs_review",
    };
    match summary.by_outcome.get_mut(o) {
        Some(e) => *e = e.saturating_add(1),
        None => {
            summary.by_outcome.insert(o.to_string(), 1);
        }
    }
}

/// The report of a receipt (its texts are moved out: the receipt is not used after this).
fn report(
    r: &mut Receipt,
    index: usize,
    catalog: &dyn DrugCatalog,
    state: &mut check::FileState,
) -> ReceiptReport {
    let (findings, revisions) = check::check_receipt(r, index, law(), catalog, state);
    let count = |k: model::LineKind| r.lines.iter().filter(|l| l.kind == k).count();
    let (procedures, drugs, materials) = (
        count(model::LineKind::Procedure),
        count(model::LineKind::Drug),
        count(model::LineKind::Material),
    );
    ReceiptReport {
        receipt_number: std::mem::take(&mut r.number),
        line: r.line,
        inpatient: r.inpatient(),
        kind: std::mem::take(&mut r.kind),
        service_month: r.service_month.map(|(y, m)| state.month_text(y, m)),
        name_kana: r.name_kana.take(),
        revisions,
        procedures,
        drugs,
        materials,
        comments: r.comments.len(),
        diagnoses: r.diagnoses.len(),
        max_severity: findings.iter().map(|f| f.severity).max(),
        findings,
    }
}

/// Bytes in, JSON envelope out (the same text natively and in JS).
pub fn check_uke_json(
    bytes: &[u8],
    catalog: &dyn DrugCatalog,
    every: usize,
    progress: &mut dyn FnMut(usize, usize),
) -> String {
    reserve_heap(bytes.len());
    match check_uke(bytes, catalog, every, progress) {
        Ok(r) => report_json(&r, bytes.len()),
        Err(e) => to_json(&ErrorEnvelope::new(vec![e])),
    }
}

/// The report as JSON text, written into a buffer sized for it up front (the text is about
/// 3.5 times the file for a file where most receipts have findings) rather than doubled as it
/// grows.
pub fn report_json(r: &UkeReport, file_bytes: usize) -> String {
    let mut out: Vec<u8> = Vec::new();
    if out.try_reserve(file_bytes.saturating_mul(4)).is_err() {
        return to_json(r);
    }
    match serde_json::to_writer(&mut out, r) {
        Ok(()) => String::from_utf8(out).unwrap_or_else(|_| to_json(r)),
        Err(_) => to_json(r),
    }
}

/// In WebAssembly the heap is grown once, before the check, to what the report will need
/// (about ten times the file: the receipts' findings, then the JSON text). Grown a little at a
/// time instead (the allocator's default), each `memory.grow` makes V8 count more external
/// memory and collect garbage: a 100,000-receipt file took twice as long, slower and slower
/// as it went. Natively this is not needed (the system allocator maps large blocks itself).
fn reserve_heap(file_bytes: usize) {
    if cfg!(target_arch = "wasm32") {
        let mut want = file_bytes.saturating_mul(10);
        while want > file_bytes {
            let mut v: Vec<u8> = Vec::new();
            if v.try_reserve_exact(want).is_ok() {
                // Freed at once: the allocator keeps the grown memory for what follows.
                return;
            }
            want /= 2;
        }
    }
}
