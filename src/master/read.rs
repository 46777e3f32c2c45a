//! Reading master files as users download them: bytes → text → rows of fields, each row with
//! the line it started on. No meaning is given to any column here.
//!
//! Self-contained on purpose (std + crate::cp932 + csv, and natively zip + calamine): the build
//! script includes this file (and src/cp932.rs) with `#[path]` to build the default catalogue
//! from data/masters.
//!
//! - CP932 (SSK): `crate::cp932` (encoding_rs natively, the host's TextDecoder in wasm) is the
//!   WHATWG Shift_JIS decoder, which is Microsoft's CP932 (NEC/IBM extensions included). Decoding is strict: a malformed byte is an error naming
//!   its line and column, never a U+FFFD that would silently change a drug name.
//! - CSV: the `csv` crate (RFC 4180 quoting); rows may differ in length, the caller checks counts.
//! - ZIP (SSK `y_ALL*.zip`): the `zip` crate; XLSX (MHLW 一般名処方マスタ): `calamine`.

use std::fmt;

/// A problem in a master file, located by line and column (both 1-based; column = CSV field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl ReadError {
    pub fn new(line: usize, column: usize, message: impl Into<String>) -> Self {
        Self {
            line,
            column,
            message: message.into(),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

/// One record of a master file: its fields and the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub fields: Vec<String>,
}

impl Row {
    /// Field `col` (1-based, as the masters' documentation numbers them), "" when absent.
    pub fn col(&self, col: usize) -> &str {
        col.checked_sub(1)
            .and_then(|i| self.fields.get(i))
            .map_or("", String::as_str)
    }
}

/// Line and column (1-based, in characters of the line) of byte offset `at` in `bytes`.
fn locate(bytes: &[u8], at: usize) -> (usize, usize) {
    let upto = bytes.get(..at).unwrap_or(bytes);
    let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = upto
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p.saturating_add(1));
    let col_bytes = at.saturating_sub(start);
    (line, col_bytes + 1)
}

/// Which CSV field (1-based) byte offset `at` falls in, counting commas outside quotes.
fn field_at(bytes: &[u8], at: usize) -> usize {
    let upto = bytes.get(..at).unwrap_or(bytes);
    let start = upto
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p.saturating_add(1));
    let mut quoted = false;
    let mut field = 1usize;
    for &b in upto.get(start..).unwrap_or(&[]) {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => field = field.saturating_add(1),
            _ => {}
        }
    }
    field
}

/// Strict CP932 decoding. A file that is in fact UTF-8 (a common re-save) is named as such.
pub fn decode_cp932(bytes: &[u8]) -> Result<String, ReadError> {
    if !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
        let at = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(0);
        let (line, _) = locate(bytes, at);
        return Err(ReadError::new(
            line,
            field_at(bytes, at),
            "wrong encoding: the file is UTF-8, but this master is CP932 (Shift_JIS) as SSK publishes it",
        ));
    }
    crate::cp932::decode_strict(bytes).map_err(|at| {
        let (line, _) = locate(bytes, at);
        ReadError::new(
            line,
            field_at(bytes, at),
            format!(
                "wrong encoding: byte 0x{:02X} is not valid CP932 (Shift_JIS)",
                bytes.get(at).copied().unwrap_or(0)
            ),
        )
    })
}

/// UTF-8 (BOM stripped) as the MHLW CSV forms come; a CP932 file (Excel's "CSV" save) is also
/// accepted. Anything else is an error at the first bad byte.
pub fn decode_utf8_or_cp932(bytes: &[u8]) -> Result<String, ReadError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let (cp, bad) = crate::cp932::decode_lossy(body);
            if !bad {
                return Ok(cp.into_owned());
            }
            let at = e.valid_up_to();
            let (line, _) = locate(body, at);
            Err(ReadError::new(
                line,
                field_at(body, at),
                format!(
                    "wrong encoding: byte 0x{:02X} is neither UTF-8 nor CP932",
                    body.get(at).copied().unwrap_or(0)
                ),
            ))
        }
    }
}

/// CSV text → rows (with the line each starts on). Quoted fields may hold commas and newlines.
/// Blank lines are skipped; a lone trailing `\x1A` (DOS end-of-file) is ignored.
pub fn csv_rows(text: &str) -> Result<Vec<Row>, ReadError> {
    let text = text.strip_suffix('\u{1A}').unwrap_or(text);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut rec = csv::StringRecord::new();
    let mut lines = LineCounter {
        bytes: text.as_bytes(),
        at: 0,
        line: 1,
    };
    loop {
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {
                // csv's own line count lags by one after a CRLF record end: count from the byte.
                let byte = rec
                    .position()
                    .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
                let line = lines.line_at(byte);
                if rec.len() == 1 && rec.get(0).is_some_and(|f| f.trim().is_empty()) {
                    continue;
                }
                rows.push(Row {
                    line,
                    fields: rec.iter().map(str::to_string).collect(),
                });
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| {
                    lines.line_at(usize::try_from(p.byte()).unwrap_or(usize::MAX))
                });
                return Err(ReadError::new(line, 1, format!("malformed CSV: {e}")));
            }
        }
    }
    // A record cut off inside quotes swallows the rest of the file: the csv crate accepts it, so
    // check that every quote was closed.
    if text.matches('"').count() % 2 == 1 {
        let bytes = text.as_bytes();
        let at = bytes.iter().rposition(|&b| b == b'"').unwrap_or(0);
        let (line, _) = locate(bytes, at);
        return Err(ReadError::new(
            line,
            field_at(bytes, at),
            "truncated record: a quoted field is not closed",
        ));
    }
    Ok(rows)
}

/// Line numbers of increasing byte offsets (a record's start may sit on line ends it skips).
struct LineCounter<'a> {
    bytes: &'a [u8],
    at: usize,
    line: usize,
}

impl LineCounter<'_> {
    fn line_at(&mut self, byte: usize) -> usize {
        let mut start = byte;
        while matches!(self.bytes.get(start), Some(b'\n' | b'\r')) {
            start = start.saturating_add(1);
        }
        if start >= self.at {
            let seg = self.bytes.get(self.at..start).unwrap_or(&[]);
            self.line = self
                .line
                .saturating_add(seg.iter().filter(|&&b| b == b'\n').count());
            self.at = start;
        }
        self.line
    }
}

/// Check that every row has between `min` and `max` fields (the masters' documented layouts).
pub fn check_columns(rows: &[Row], min: usize, max: usize, what: &str) -> Result<(), ReadError> {
    for r in rows {
        let n = r.fields.len();
        if n < min || n > max {
            let expected = if min == max {
                format!("{min}")
            } else {
                format!("{min}..{max}")
            };
            return Err(ReadError::new(
                r.line,
                if n < min {
                    n.saturating_add(1)
                } else {
                    max.saturating_add(1)
                },
                format!("wrong column count for {what}: {n} fields, expected {expected}"),
            ));
        }
    }
    Ok(())
}

/// True when `bytes` look like a ZIP archive (the SSK full masters; XLSX files are ZIPs too).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The first `.csv` member of a ZIP archive (SSK publishes `y_ALLyyyymmdd.zip` with one CSV).
#[cfg(any(not(target_arch = "wasm32"), santei_archives))]
pub fn unzip_csv(bytes: &[u8]) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let zerr = |e: zip::result::ZipError| ReadError::new(0, 0, format!("bad ZIP archive: {e}"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(zerr)?;
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).map_err(zerr)?;
        if f.name().to_ascii_lowercase().ends_with(".csv") {
            let mut out = Vec::with_capacity(usize::try_from(f.size()).unwrap_or(0));
            f.read_to_end(&mut out)
                .map_err(|e| ReadError::new(0, 0, format!("bad ZIP member: {e}")))?;
            return Ok(out);
        }
    }
    Err(ReadError::new(0, 0, "the ZIP archive holds no .csv file"))
}

#[cfg(all(target_arch = "wasm32", not(santei_archives)))]
pub fn unzip_csv(_bytes: &[u8]) -> Result<Vec<u8>, ReadError> {
    Err(ReadError::new(
        0,
        0,
        "the engine reads CSV only: give a ZIP archive to loadMasterFile (it unpacks it), or unzip the CSV and load that",
    ))
}

/// The sheets of an XLSX workbook, each as rows of text cells (line = spreadsheet row number).
#[cfg(any(not(target_arch = "wasm32"), santei_archives))]
pub fn xlsx_sheets(bytes: &[u8]) -> Result<Vec<(String, Vec<Row>)>, ReadError> {
    use calamine::{Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|e| ReadError::new(0, 0, format!("bad XLSX workbook: {e}")))?;
    let names = wb.sheet_names().to_vec();
    let mut out = Vec::new();
    for name in names {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| ReadError::new(0, 0, format!("bad XLSX sheet {name}: {e}")))?;
        let first_row = range.start().map_or(0, |(r, _)| r as usize);
        let first_col = range.start().map_or(0, |(_, c)| c as usize);
        let mut rows = Vec::new();
        for (i, r) in range.rows().enumerate() {
            let mut fields: Vec<String> = vec![String::new(); first_col];
            fields.extend(r.iter().map(|c| match c {
                Data::Empty => String::new(),
                Data::String(s) => s.clone(),
                Data::Float(f) => {
                    let s = format!("{f}");
                    s.strip_suffix(".0").map_or(s.clone(), str::to_string)
                }
                Data::Int(n) => n.to_string(),
                other => other.to_string(),
            }));
            while fields.last().is_some_and(String::is_empty) {
                fields.pop();
            }
            if fields.is_empty() {
                continue;
            }
            rows.push(Row {
                line: first_row + i + 1,
                fields,
            });
        }
        out.push((name, rows));
    }
    Ok(out)
}

#[cfg(all(target_arch = "wasm32", not(santei_archives)))]
pub fn xlsx_sheets(_bytes: &[u8]) -> Result<Vec<(String, Vec<Row>)>, ReadError> {
    Err(ReadError::new(
        0,
        0,
        "the engine reads CSV only: give the XLSX workbook to loadMasterFile (it converts it), or load the CSV form",
    ))
}

/// The kinds of master santei reads (the `kind` of `loadMaster` and `--master kind=FILE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// SSK 医薬品マスター: full file (`y_ALL*.csv`, or its ZIP) or a change file (`y_*.csv`).
    SskDrug,
    /// MHLW 一般名処方マスタ: the CSV form, or natively the XLSX as published.
    MhlwIppanmei,
    /// MHLW 後発医薬品に関する情報 (CSV).
    MhlwGe,
    /// SSK 医科診療行為マスター.
    SskProcedure,
    /// SSK コメントマスター.
    SskComment,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::SskDrug,
        Kind::MhlwIppanmei,
        Kind::MhlwGe,
        Kind::SskProcedure,
        Kind::SskComment,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::SskDrug => "ssk-drug",
            Kind::MhlwIppanmei => "mhlw-ippanmei",
            Kind::MhlwGe => "mhlw-ge",
            Kind::SskProcedure => "ssk-procedure",
            Kind::SskComment => "ssk-comment",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == s)
    }

    /// The columns (1-based) of the canonical row layout santei keeps; all others are dropped
    /// from the compact catalogue.
    pub fn kept_columns(self) -> &'static [usize] {
        match self {
            // 1 変更区分, 3 医薬品コード, 5 漢字名称, 10 単位, 11 金額種別, 12 金額, 14 麻薬等,
            // 17 後発品, 28 剤形, 30 変更年月日, 31 廃止年月日, 32 薬価基準収載医薬品コード,
            // 37 一般名コード, 38 一般名処方の標準的な記載, 39 一般名処方加算対象区分
            Kind::SskDrug => &[1, 3, 5, 10, 11, 12, 14, 17, 28, 30, 31, 32, 37, 38, 39],
            // 1 区分, 2 一般名コード, 3 標準的な記載, 4 成分名, 5 規格, 6 加算対象, 10 例外コードのYJ
            Kind::MhlwIppanmei => &[1, 2, 3, 4, 5, 6, 10],
            // 1 YJ, 2 成分名, 4 後発医薬品の有無, 8 加算等の算定対象から除外
            Kind::MhlwGe => &[1, 2, 4, 8],
            // 1 変更区分, 3 コード, 5 名称, 11 点数識別, 12 点数, 87 変更年月日, 88 廃止年月日
            Kind::SskProcedure => &[1, 3, 5, 11, 12, 87, 88],
            // 1 変更区分, 7 漢字名称, 21 変更年月日, 22 廃止年月日, 23 コメントコード
            Kind::SskComment => &[1, 7, 21, 22, 23],
        }
    }

    /// Field counts of the published layouts.
    pub fn columns(self) -> (usize, usize) {
        match self {
            Kind::SskDrug => (40, 42),
            Kind::MhlwIppanmei => (6, 12),
            Kind::MhlwGe => (8, 9),
            Kind::SskProcedure => (150, 150),
            Kind::SskComment => (30, 30),
        }
    }
}

/// A master file as downloaded → canonical rows (the published column layout; header rows
/// dropped). ZIP is unpacked (natively), XLSX (一般名処方マスタ) is mapped to the CSV layout.
pub fn source_rows(kind: Kind, bytes: &[u8]) -> Result<Vec<Row>, ReadError> {
    if kind == Kind::MhlwIppanmei && is_zip(bytes) {
        return ippanmei_xlsx_rows(bytes);
    }
    let owned;
    let bytes = if is_zip(bytes) {
        owned = unzip_csv(bytes)?;
        owned.as_slice()
    } else {
        bytes
    };
    let text = match kind {
        Kind::SskDrug | Kind::SskProcedure | Kind::SskComment => decode_cp932(bytes)?,
        Kind::MhlwIppanmei | Kind::MhlwGe => decode_utf8_or_cp932(bytes)?,
    };
    let mut rows = csv_rows(&text)?;
    if matches!(kind, Kind::MhlwIppanmei | Kind::MhlwGe) {
        let head = rows
            .first()
            .map(|r| r.col(1).trim_start_matches('\u{feff}').to_string());
        let expected = if kind == Kind::MhlwIppanmei {
            "区分"
        } else {
            "薬価基準収載医薬品コード"
        };
        if head.as_deref() != Some(expected) {
            return Err(ReadError::new(
                rows.first().map_or(1, |r| r.line),
                1,
                format!("expected the header row starting with 「{expected}」"),
            ));
        }
        rows.remove(0);
    }
    let (min, max) = kind.columns();
    check_columns(&rows, min, max, kind.name())?;
    Ok(rows)
}

/// The 一般名処方マスタ workbook: sheet 1 (header 「区分」 on row 3) gives one row per 一般名コード;
/// the 例外コード sheet lists the products of 例外コード rows (group cells merged: blank = same as
/// above). Both become rows of the CSV layout (12 columns).
pub fn ippanmei_xlsx_rows(bytes: &[u8]) -> Result<Vec<Row>, ReadError> {
    let sheets = xlsx_sheets(bytes)?;
    let mut out = Vec::new();
    let mut flags = std::collections::HashMap::new();
    let main = sheets
        .first()
        .ok_or_else(|| ReadError::new(0, 0, "the workbook has no sheet"))?;
    let mut seen_header = false;
    for r in &main.1 {
        if !seen_header {
            seen_header = r.col(1) == "区分";
            continue;
        }
        if r.col(2).is_empty() {
            continue;
        }
        let mut fields: Vec<String> = r.fields.iter().take(9).cloned().collect();
        fields.resize(12, String::new());
        flags.insert(r.col(2).to_string(), r.col(6).to_string());
        out.push(Row {
            line: r.line,
            fields,
        });
    }
    if !seen_header {
        return Err(ReadError::new(
            1,
            1,
            "no header row starting with 「区分」 in the first sheet",
        ));
    }
    for (name, rows) in sheets.iter().skip(1) {
        let mut seen_header = false;
        let mut group: Vec<String> = Vec::new();
        for r in rows {
            if !seen_header {
                seen_header = r.col(1) == "区分";
                continue;
            }
            if !r.col(2).is_empty() {
                group = (1..=5).map(|c| r.col(c).to_string()).collect();
            }
            let yj = r.col(6);
            if yj.is_empty() || group.is_empty() {
                continue;
            }
            let code = group.get(1).cloned().unwrap_or_default();
            let flag = flags.get(&code).cloned().unwrap_or_default();
            let mut fields = group.clone();
            fields.extend([
                flag,
                "例外コード".to_string(),
                String::new(),
                String::new(),
                yj.to_string(),
                r.col(10).to_string(),
                name.to_string(),
            ]);
            out.push(Row {
                line: r.line,
                fields,
            });
        }
    }
    Ok(out)
}

/// The release date a file name carries: `y_ALL20240321.zip` → 2024-03-21,
/// `ippanmeishohoumaster_250814.xlsx` → 2025-08-14 (the last run of 8 or 6 digits).
pub fn release_from_name(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let runs: Vec<&str> = base
        .split(|c: char| !c.is_ascii_digit())
        .filter(|r| r.len() == 8 || r.len() == 6)
        .collect();
    let run = runs.last()?;
    let (y, rest) = if run.len() == 8 {
        (run.get(0..4)?.to_string(), run.get(4..)?)
    } else {
        (format!("20{}", run.get(0..2)?), run.get(2..)?)
    };
    let (m, d) = (rest.get(0..2)?, rest.get(2..4)?);
    let (mn, dn): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    if !(1..=12).contains(&mn) || !(1..=31).contains(&dn) {
        return None;
    }
    Some(format!("{y}-{m}-{d}"))
}

/// The kind a file name suggests (`y_…` SSK drug, `s_…` procedure, `c_…` comment,
/// `ippanmei…` 一般名処方マスタ, `ge_…` 後発医薬品), or `None`.
pub fn kind_from_name(name: &str) -> Option<Kind> {
    let base = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(name)
        .to_ascii_lowercase();
    if base.ends_with(".bin") || base.contains("catalog") {
        return None;
    }
    if base.starts_with("ippanmei") {
        Some(Kind::MhlwIppanmei)
    } else if base.starts_with("ge_") || base.starts_with("ge-") {
        Some(Kind::MhlwGe)
    } else if base.starts_with("y_") || base.starts_with("y-") {
        Some(Kind::SskDrug)
    } else if base.starts_with("s_") {
        Some(Kind::SskProcedure)
    } else if base.starts_with("c_") {
        Some(Kind::SskComment)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cp932_decodes_and_locates_bad_bytes() {
        let ok = encoding_rs::SHIFT_JIS.encode("\"0\",\"ガスター\"\n").0;
        assert_eq!(decode_cp932(&ok).unwrap(), "\"0\",\"ガスター\"\n");
        let mut bad = b"\"0\",\"a\"\n\"1\",\"".to_vec();
        bad.extend([0x82, 0x20]);
        bad.extend(b"\"\n");
        let e = decode_cp932(&bad).unwrap_err();
        assert_eq!((e.line, e.column), (2, 2), "{e}");
    }

    #[test]
    fn utf8_given_as_cp932_is_named() {
        let e = decode_cp932("\"0\",\"ガスター\"\n".as_bytes()).unwrap_err();
        assert!(e.message.contains("UTF-8"), "{e}");
        assert_eq!((e.line, e.column), (1, 2));
    }

    #[test]
    fn csv_lines_and_truncation() {
        let rows = csv_rows("a,b\n\"c\nd\",e\nf,g\n").unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[2].line, 4);
        let rows = csv_rows("a,b\r\nc,d\r\n\r\ne,f\r\n").unwrap();
        assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), [1, 2, 4]);
        let e = csv_rows("a,b\n\"c,d\n").unwrap_err();
        assert_eq!(e.line, 2);
    }
}
