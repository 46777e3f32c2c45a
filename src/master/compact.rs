//! The compact catalogue: the master releases santei ships, reduced to the columns it uses.
//!
//! UTF-8 text, one record per line, fields separated by TAB:
//!
//! ```text
//! (→ = TAB)
//! santei-catalog→1
//! @→ssk-drug→2024-03-21→y_ALL20240321.zip→full
//! 0→610406079→ガスター散２％→ｇ→1→16.50→0→0→1→20240401→99999999→2325003B2029→2325003B2ZZZ→=→2
//! @→mhlw-ge→2026-06-12→ge_20260612.csv→delta
//! -→…kept fields of a row of the previous edition that is gone…
//! +→…kept fields of a row that is new or changed…
//! ```
//!
//! Each `@` line opens a release (kind, date, source file name, `full` or `delta`). A row holds
//! the kind's [`Kind::kept_columns`] in order; the reader puts them back at their published
//! column positions, so the same typed readers check the compact form and the original files.
//! Two lossless reductions keep it small: a `delta` release lists only the rows added to (`+`) or
//! removed from (`-`) the previous release of its kind (MHLW lists change little between
//! editions), and in SSK drug rows a 一般名処方の標準的な記載 equal to the one last written for the
//! same 一般名コード is written `=`.
//!
//! Self-contained (std only + `read`): the build script includes this file with `#[path]`.

use std::collections::{HashMap, HashSet};

use super::read::{Kind, ReadError, Row};

pub const MAGIC: &str = "santei-catalog\t1";

/// One release read back from the compact form, rows in the canonical layout.
#[derive(Debug, Clone)]
pub struct Section {
    pub kind: Kind,
    /// `YYYY-MM-DD`.
    pub release: String,
    pub source: String,
    pub rows: Vec<Row>,
}

fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// Builds the compact text release by release (in the order they are to be applied).
#[derive(Default)]
pub struct Writer {
    out: String,
    last: HashMap<Kind, Vec<String>>,
    notation: HashMap<String, String>,
}

impl Writer {
    pub fn new() -> Self {
        Self {
            out: format!("{MAGIC}\n"),
            ..Self::default()
        }
    }

    /// Add one release: `rows` in the canonical layout (as [`super::read::source_rows`] gives).
    pub fn add(&mut self, kind: Kind, release: &str, source: &str, rows: &[Row]) {
        let cols = kind.kept_columns();
        let mut lines: Vec<String> = Vec::with_capacity(rows.len());
        // Rows for distinct drug codes are applied independently: order it by YJ code so that
        // products of one ingredient sit together (gzip then finds their shared names).
        let mut order: Vec<&Row> = rows.iter().collect();
        let unique = rows.iter().map(|r| r.col(3)).collect::<HashSet<_>>().len() == rows.len();
        if kind == Kind::SskDrug && unique {
            order.sort_by(|a, b| (a.col(32), a.col(3)).cmp(&(b.col(32), b.col(3))));
        }
        for r in order {
            let mut fields: Vec<String> = cols.iter().map(|&c| clean(r.col(c))).collect();
            if kind == Kind::SskDrug {
                // 5 変更 rows that touch no kept column (e.g. only 経過措置 dates) change nothing here.
                let touched = [3usize, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15]
                    .iter()
                    .any(|&i| fields.get(i - 1).is_some_and(|f| !f.is_empty()));
                if r.col(1) == "5" && !touched {
                    continue;
                }
                let code = r.col(37);
                let text = r.col(38);
                // 一般名コード = first 9 characters of the YJ code + "ZZZ" (the usual case): `*`.
                let yj9 = r.col(32).get(..9).unwrap_or("");
                if !yj9.is_empty()
                    && code.len() == 12
                    && code.starts_with(yj9)
                    && code.ends_with("ZZZ")
                {
                    if let Some(f) = fields.get_mut(12) {
                        *f = "*".to_string();
                    }
                }
                if !code.is_empty() && !text.is_empty() {
                    if self.notation.get(code).map(String::as_str) == Some(text) {
                        if let Some(f) = fields.get_mut(13) {
                            *f = "=".to_string();
                        }
                    } else {
                        self.notation.insert(code.to_string(), text.to_string());
                    }
                }
            }
            lines.push(fields.join("\t"));
        }
        let delta = matches!(kind, Kind::MhlwIppanmei | Kind::MhlwGe);
        match self.last.get(&kind).filter(|_| delta) {
            Some(prev) => {
                self.out
                    .push_str(&format!("@\t{}\t{release}\t{source}\tdelta\n", kind.name()));
                let now: HashSet<&String> = lines.iter().collect();
                let before: HashSet<&String> = prev.iter().collect();
                for l in prev.iter().filter(|l| !now.contains(l)) {
                    self.out.push_str(&format!("-\t{l}\n"));
                }
                for l in lines.iter().filter(|l| !before.contains(l)) {
                    self.out.push_str(&format!("+\t{l}\n"));
                }
            }
            None => {
                self.out
                    .push_str(&format!("@\t{}\t{release}\t{source}\tfull\n", kind.name()));
                for l in &lines {
                    self.out.push_str(l);
                    self.out.push('\n');
                }
            }
        }
        self.last.insert(kind, lines);
    }

    pub fn finish(self) -> Vec<u8> {
        self.out.into_bytes()
    }
}

fn expand(kind: Kind, line: usize, kept: &[&str]) -> Row {
    let cols = kind.kept_columns();
    let width = kind.columns().1;
    let mut fields = vec![String::new(); width];
    for (&c, v) in cols.iter().zip(kept) {
        if let Some(f) = c.checked_sub(1).and_then(|i| fields.get_mut(i)) {
            *f = (*v).to_string();
        }
    }
    Row { line, fields }
}

/// Compact bytes → releases in file order, rows in the canonical layout. Errors name the line
/// (of the compact file) and the field.
pub fn read(bytes: &[u8]) -> Result<Vec<Section>, ReadError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes
            .get(..at)
            .unwrap_or(bytes)
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        ReadError::new(line, 1, "the catalogue is not UTF-8 text")
    })?;
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, l)) if l == MAGIC => {}
        _ => {
            return Err(ReadError::new(
                1,
                1,
                format!(
                    "not a santei catalogue: the first line must be {:?}",
                    MAGIC.replace('\t', " ")
                ),
            ))
        }
    }
    let mut sections: Vec<Section> = Vec::new();
    let mut last: HashMap<Kind, usize> = HashMap::new();
    let mut delta = false;
    let mut removed: HashSet<Vec<String>> = HashSet::new();
    let mut notation: HashMap<String, String> = HashMap::new();
    for (i, l) in lines {
        let line = i + 1;
        if l.is_empty() {
            continue;
        }
        let fields: Vec<&str> = l.split('\t').collect();
        if fields.first() == Some(&"@") {
            finish_delta(&mut sections, &mut removed);
            let kind = fields
                .get(1)
                .and_then(|k| Kind::parse(k))
                .ok_or_else(|| ReadError::new(line, 2, "unknown master kind"))?;
            let release = fields.get(2).copied().unwrap_or_default().to_string();
            if release.len() != 10 {
                return Err(ReadError::new(line, 3, "release must be YYYY-MM-DD"));
            }
            let source = fields.get(3).copied().unwrap_or_default().to_string();
            delta = match fields.get(4).copied() {
                Some("full") => false,
                Some("delta") => true,
                _ => return Err(ReadError::new(line, 5, "expected full or delta")),
            };
            let rows = if delta {
                let prev = last
                    .get(&kind)
                    .and_then(|&j| sections.get(j))
                    .ok_or_else(|| ReadError::new(line, 5, "a delta release with no base"))?;
                prev.rows.clone()
            } else {
                Vec::new()
            };
            last.insert(kind, sections.len());
            sections.push(Section {
                kind,
                release,
                source,
                rows,
            });
            continue;
        }
        let sec = sections
            .last_mut()
            .ok_or_else(|| ReadError::new(line, 1, "a row before the first release header"))?;
        let width = sec.kind.kept_columns().len();
        let (op, kept) = if delta {
            match fields.split_first() {
                Some((&op, rest)) if op == "+" || op == "-" => (op, rest.to_vec()),
                _ => {
                    return Err(ReadError::new(
                        line,
                        1,
                        "a delta row must start with + or -",
                    ))
                }
            }
        } else {
            ("+", fields.clone())
        };
        if kept.len() != width {
            return Err(ReadError::new(
                line,
                kept.len().min(width) + 1,
                format!(
                    "wrong column count: {} fields, expected {width}",
                    kept.len()
                ),
            ));
        }
        let mut row = expand(sec.kind, line, &kept);
        if sec.kind == Kind::SskDrug && row.col(37) == "*" {
            let yj9 = row.col(32).get(..9).unwrap_or("").to_string();
            if yj9.len() != 9 {
                return Err(ReadError::new(line, 13, "「*」 needs a YJ code"));
            }
            if let Some(f) = row.fields.get_mut(36) {
                *f = format!("{yj9}ZZZ");
            }
        }
        if sec.kind == Kind::SskDrug {
            let code = row.col(37).to_string();
            if let Some(f) = row.fields.get_mut(37) {
                if f == "=" {
                    *f = notation.get(&code).cloned().ok_or_else(|| {
                        ReadError::new(line, 14, "「=」 with no earlier notation for this code")
                    })?;
                } else if !f.is_empty() && !code.is_empty() {
                    notation.insert(code, f.clone());
                }
            }
        }
        if op == "-" {
            removed.insert(row.fields);
        } else {
            sec.rows.push(row);
        }
    }
    finish_delta(&mut sections, &mut removed);
    Ok(sections)
}

fn finish_delta(sections: &mut [Section], removed: &mut HashSet<Vec<String>>) {
    if removed.is_empty() {
        return;
    }
    if let Some(sec) = sections.last_mut() {
        sec.rows.retain(|r| !removed.contains(&r.fields));
    }
    removed.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(fields: &[&str]) -> Row {
        Row {
            line: 1,
            fields: fields.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn delta_round_trip() {
        let mut w = Writer::new();
        let mut a = vec![""; 8];
        a[0] = "1111111F1011";
        a[3] = "2";
        let mut b = a.clone();
        b[0] = "2222222F1011";
        let mut c = b.clone();
        c[3] = "3";
        w.add(Kind::MhlwGe, "2025-07-16", "ge1.csv", &[row(&a), row(&b)]);
        w.add(Kind::MhlwGe, "2026-06-12", "ge2.csv", &[row(&a), row(&c)]);
        let bytes = w.finish();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.contains("delta"), "{text}");
        let s = read(&bytes).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].rows.len(), 2);
        assert!(s[1].rows.iter().any(|r| r.col(4) == "3"));
        assert!(!s[1]
            .rows
            .iter()
            .any(|r| r.col(4) == "2" && r.col(1) == "2222222F1011"));
    }
}
