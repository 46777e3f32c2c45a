//! The law data is complete and cited: every parameter has exactly one value on every date of
//! service it claims to cover (the day before and the day of 2026-06-01 included), every value
//! cites a known document and a line of ../law/ that really contains the quoted text, and every
//! fee-schedule item has exactly one code on every covered date.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use santei::api::Revision;
use santei::date::IsoDate;
use santei::law::law;

const UNITS: &[&str] = &[
    "points", "yen", "percent", "days", "count", "months", "date", "ratio",
];

fn law_lines(file: &str) -> HashMap<u32, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("law").join(file);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter_map(|l| {
            let rest = l.strip_prefix('L')?;
            let (n, body) = rest.split_once(':')?;
            Some((n.parse().ok()?, body.to_string()))
        })
        .collect()
}

/// The text of the block a `[src …]` marker line opens, up to the next marker (or the end).
fn src_block(file: &str, marker: &str) -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("law").join(file);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = text.lines().skip_while(|l| l.trim() != marker);
    lines.next()?;
    Some(
        lines
            .take_while(|l| !l.starts_with("[src "))
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

fn days(from: IsoDate, until: IsoDate) -> Vec<IsoDate> {
    let mut d = from;
    let mut out = Vec::new();
    while d <= until {
        out.push(d);
        d = d.next_day().unwrap();
    }
    out
}

#[test]
fn every_value_is_cited_on_a_real_line() {
    let l = law();
    let mut cache: HashMap<String, HashMap<u32, String>> = HashMap::new();
    let mut bad = Vec::new();
    for p in l.params {
        if !UNITS.contains(&p.unit) {
            bad.push(format!("{}: unit {:?} not in {UNITS:?}", p.id, p.unit));
        }
        assert!(!p.values.is_empty(), "{} has no values", p.id);
        for v in p.values {
            let Some(src) = l.sources.iter().find(|s| s.id == v.doc) else {
                bad.push(format!("{} {}: unknown document {:?}", p.id, v.from, v.doc));
                continue;
            };
            if v.at.trim().is_empty() || v.quote.trim().is_empty() {
                bad.push(format!("{} {}: empty `at` or `quote`", p.id, v.from));
            }
            // The 施設基準通知 transcriptions carry `[src FILE.pdf:PAGE te.txt:LINE]` block markers
            // instead of L-numbers: `<file> [src …]` cites the block that marker opens.
            if let Some((file, marker)) = v.law.split_once(" [src ") {
                if !src.file.is_empty() && src.file != file {
                    bad.push(format!(
                        "{} {}: cites {file} but {} is {}",
                        p.id, v.from, v.doc, src.file
                    ));
                }
                match src_block(file, &format!("[src {marker}")) {
                    None => bad.push(format!(
                        "{} {}: {file} has no marker [src {marker}",
                        p.id, v.from
                    )),
                    Some(text) if !squash(&text).contains(&squash(&v.quote)) => bad.push(format!(
                        "{} {}: the block of {file} [src {marker} does not contain {:?}: {text}",
                        p.id, v.from, v.quote
                    )),
                    Some(_) => {}
                }
                continue;
            }
            let Some((file, line)) = v.law.split_once(" L") else {
                bad.push(format!(
                    "{} {}: law {:?} is not `<file> L<n>`",
                    p.id, v.from, v.law
                ));
                continue;
            };
            if !src.file.is_empty() && src.file != file {
                bad.push(format!(
                    "{} {}: cites {file} but {} is {}",
                    p.id, v.from, v.doc, src.file
                ));
            }
            let lines = cache
                .entry(file.to_string())
                .or_insert_with(|| law_lines(file));
            let n: u32 = line.parse().unwrap_or(0);
            match lines.get(&n) {
                None => bad.push(format!("{} {}: {file} has no line L{n}", p.id, v.from)),
                Some(text) if !squash(text).contains(&squash(&v.quote)) => bad.push(format!(
                    "{} {}: {file} L{n} does not contain {:?}: {text}",
                    p.id, v.from, v.quote
                )),
                Some(_) => {}
            }
            if p.unit != "date" && santei::decimal::Dec::parse(&v.value).is_none() {
                bad.push(format!(
                    "{} {}: value {:?} is not a decimal",
                    p.id, v.from, v.value
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn every_parameter_covers_every_date_once() {
    let l = law();
    let (start, end) = l.covered().unwrap();
    assert_eq!(start, IsoDate::parse("2024-06-01").unwrap());
    // revisions themselves: no gap, no overlap
    for d in days(start, end) {
        let n = l
            .revisions
            .iter()
            .filter(|r| r.from <= d && d <= r.until)
            .count();
        assert_eq!(n, 1, "{d}: {n} revisions apply");
    }
    let before = IsoDate::parse("2026-05-31").unwrap();
    let after = IsoDate::parse("2026-06-01").unwrap();
    assert_eq!(l.revision_for(before, "").unwrap().id, Revision::R06);
    assert_eq!(l.revision_for(after, "").unwrap().id, Revision::R08);
    let mut bad = Vec::new();
    for p in l.params {
        let spans: Vec<_> = l
            .revisions
            .iter()
            .filter(|r| p.revisions.is_empty() || p.revisions.contains(&r.id))
            .collect();
        for r in spans {
            for d in days(r.from, r.until) {
                let n = p
                    .values
                    .iter()
                    .filter(|v| v.from <= d && d <= v.until)
                    .count();
                if n != 1 {
                    bad.push(format!(
                        "{}: {n} values on {d} ({})",
                        p.id,
                        if n == 0 { "gap" } else { "overlap" }
                    ));
                    break;
                }
            }
        }
    }
    for it in l.items {
        if let Some(param) = &it.param {
            if l.param(param).is_none() {
                bad.push(format!("item {}: unknown param {param}", it.item));
            }
        }
        let p_revs = it
            .param
            .as_deref()
            .and_then(|p| l.param(p))
            .map(|p| p.revisions)
            .unwrap_or_default();
        for r in l
            .revisions
            .iter()
            .filter(|r| p_revs.is_empty() || p_revs.contains(&r.id))
        {
            for d in days(r.from, r.until) {
                let n = it
                    .codes
                    .iter()
                    .filter(|c| c.from <= d && d <= c.until)
                    .count();
                if n != 1 {
                    bad.push(format!("item {}: {n} codes on {d}", it.item));
                    break;
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn every_finding_code_is_unique_and_has_both_languages() {
    let l = law();
    let mut seen = std::collections::HashSet::new();
    for f in l.findings {
        assert!(seen.insert(f.code), "duplicate finding code {}", f.code);
        assert!(
            !f.ja.trim().is_empty() && !f.en.trim().is_empty(),
            "{}: empty text",
            f.code
        );
        assert!(f.code.is_ascii(), "{}: finding codes are ASCII", f.code);
    }
}
