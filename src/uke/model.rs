//! The receipts of a UKE file as santei reads them: one [`Receipt`] per RE record, with its
//! insurance records, diagnoses, the billed lines (SI procedures, IY drugs, TO materials) with
//! their day-of-month columns (算定日情報) turned into dates, and the 摘要 comments.
//!
//! Field positions follow the 記録条件仕様 (医科): SI and IY have 44 fields, the 1日..31日
//! columns at 14..44; TO has 48, the day columns at 18..48; CO has 5; SY has 8.

use serde::Serialize;

use crate::date::IsoDate;
use crate::uke::reader::{Fields, Line};

/// A line of the file santei could not use, with its 1-based number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LineProblem {
    pub line: u32,
    /// `bad_encoding`, `truncated`, `too_many_fields`, `bad_value`, `unknown_record`, `outside_receipt`.
    pub code: String,
    pub message: String,
}

/// The IR record: who sends the file and for which month.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileHeader {
    /// 審査支払機関: 1 = 社会保険診療報酬支払基金, 2 = 国民健康保険団体連合会.
    pub payer: Option<String>,
    pub prefecture: Option<String>,
    pub facility_code: Option<String>,
    pub facility_name: Option<String>,
    /// 請求年月 (YYYY-MM).
    pub billing_month: Option<String>,
}

/// What kind of billed line (SI / IY / TO).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LineKind {
    Procedure,
    Drug,
    Material,
}

/// A 診療識別 code (別表20): two ASCII digits, or empty when none was recorded yet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Category([u8; 2]);

impl Category {
    /// Two ASCII digits; anything else is not a 診療識別.
    pub fn parse(s: &str) -> Option<Category> {
        Self::parse_bytes(s.as_bytes())
    }

    fn parse_bytes(s: &[u8]) -> Option<Category> {
        match s {
            [a, b] if a.is_ascii_digit() && b.is_ascii_digit() => Some(Category([*a, *b])),
            _ => None,
        }
    }

    /// Is this the 診療識別 `code` (two ASCII digits)?
    pub fn is(&self, code: &[u8; 2]) -> bool {
        self.0 == *code
    }

    pub fn as_str(&self) -> &str {
        if self.0 == [0, 0] {
            return "";
        }
        std::str::from_utf8(&self.0).unwrap_or("")
    }
}

impl PartialEq<&str> for Category {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// A 9-digit SSK code (診療行為 / 医薬品 / 特定器材), kept inline (no `String` per line).
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Code([u8; 9]);

impl Code {
    /// Exactly nine ASCII digits.
    pub fn parse(s: &[u8]) -> Option<Code> {
        let a: [u8; 9] = s.try_into().ok()?;
        a.iter().all(u8::is_ascii_digit).then_some(Code(a))
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("")
    }

    /// The code as a number (nine digits fit in a `u32`).
    pub fn number(&self) -> u32 {
        self.0.iter().fold(0u32, |n, d| {
            n.wrapping_mul(10)
                .wrapping_add(u32::from(d.wrapping_sub(b'0')))
        })
    }
}

impl std::fmt::Debug for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.0.as_slice() == other.as_bytes()
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.0.as_slice() == other.as_bytes()
    }
}

/// (day of month, count on that day) of a billed line: most lines are billed on one or two
/// days, kept inline; more go to the heap.
#[derive(Clone)]
pub enum Days {
    Inline(u8, [(u8, u32); 2]),
    Heap(Vec<(u8, u32)>),
}

impl Default for Days {
    fn default() -> Self {
        Days::Inline(0, [(0, 0); 2])
    }
}

impl Days {
    pub fn push(&mut self, d: (u8, u32)) {
        match self {
            Days::Inline(n, a) => match a.get_mut(usize::from(*n)) {
                Some(slot) => {
                    *slot = d;
                    *n = n.saturating_add(1);
                }
                None => {
                    let mut v = Vec::with_capacity(8);
                    v.extend_from_slice(a);
                    v.push(d);
                    *self = Days::Heap(v);
                }
            },
            Days::Heap(v) => v.push(d),
        }
    }
}

impl std::ops::Deref for Days {
    type Target = [(u8, u32)];
    fn deref(&self) -> &[(u8, u32)] {
        match self {
            Days::Inline(n, a) => a.get(..usize::from(*n)).unwrap_or(&[]),
            Days::Heap(v) => v,
        }
    }
}

impl PartialEq for Days {
    fn eq(&self, other: &Days) -> bool {
        **self == **other
    }
}

impl std::fmt::Debug for Days {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

/// One SI, IY or TO record.
#[derive(Debug, Clone)]
pub struct BilledLine {
    pub line: u32,
    pub kind: LineKind,
    /// 診療識別 (別表20), carried forward from the record that opened the group when left blank.
    pub category: Category,
    pub code: Code,
    /// 点数 as recorded: on the last record of a group (剤 / 手技) only.
    pub points: Option<i64>,
    pub count: u32,
    /// Index of the group (records up to and including the one that carries the points).
    pub group: u32,
    /// (day of month, count on that day) from the 算定日情報 columns.
    pub days: Days,
}

/// A 摘要 comment: a CO record, or a comment field pair of an SI/IY/TO record.
#[derive(Debug, Clone)]
pub struct Comment {
    pub line: u32,
    pub code: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Diagnosis {
    pub line: u32,
    pub code: String,
    pub start: Option<IsoDate>,
    pub outcome: String,
    pub name: String,
}

/// One receipt (レセプト): an RE record and everything up to the next RE.
#[derive(Debug, Clone, Default)]
pub struct Receipt {
    pub line: u32,
    /// レセプト番号.
    pub number: String,
    /// レセプト種別 (別表5), e.g. 1112: 医科・医保単独・本人外来.
    pub kind: String,
    /// 診療年月 (year, month).
    pub service_month: Option<(i32, u8)>,
    pub name_kana: Option<String>,
    pub birth_date: Option<IsoDate>,
    /// 入院年月日 (入院基本料の起算日).
    pub admission_date: Option<IsoDate>,
    pub chart_number: Option<String>,
    /// 保険者番号 (HO) and 公費負担者番号 (KO).
    pub payers: Vec<String>,
    pub diagnoses: Vec<Diagnosis>,
    pub lines: Vec<BilledLine>,
    pub comments: Vec<Comment>,
    pub problems: Vec<LineProblem>,
}

impl Receipt {
    /// Inpatient receipt: the fourth digit of the レセプト種別 is odd (別表5).
    pub fn inpatient(&self) -> bool {
        self.kind
            .as_bytes()
            .get(3)
            .is_some_and(|d| d.is_ascii_digit() && (d - b'0') % 2 == 1)
    }

    /// The date of a day of the service month, if it is a real date.
    pub fn date(&self, day: u8) -> Option<IsoDate> {
        let (y, m) = self.service_month?;
        IsoDate::from_ymd(y, m, day)
    }

    /// Patient key for checks across receipts of one file.
    pub fn patient_key(&self) -> String {
        use std::fmt::Write as _;
        let chart = self.chart_number.as_deref().unwrap_or("");
        let kana = self.name_kana.as_deref().unwrap_or("");
        let mut key =
            String::with_capacity(chart.len().saturating_add(kana.len()).saturating_add(12));
        key.push_str(chart);
        key.push('|');
        if let Some(d) = self.birth_date {
            let _ = write!(key, "{d}");
        }
        key.push('|');
        key.push_str(kana);
        key
    }
}

/// Fields expected per record (医科 記録条件仕様). `exact` records must have exactly that many.
fn layout(id: &[u8]) -> Option<(usize, bool)> {
    Some(match id {
        b"SI" | b"IY" => (44, true),
        b"TO" => (48, true),
        b"CO" => (5, true),
        b"SY" => (8, true),
        b"RE" => (37, false),
        b"IR" => (10, false),
        b"HO" => (6, false),
        b"KO" => (6, false),
        _ => return None,
    })
}

/// The record identifiers of the 医科 記録条件仕様 ([`crate::uke::reader::KNOWN_RECORDS`]).
fn known(id: &[u8]) -> bool {
    matches!(
        id,
        b"IR"
            | b"RE"
            | b"HO"
            | b"KO"
            | b"SN"
            | b"JD"
            | b"MF"
            | b"SY"
            | b"SI"
            | b"IY"
            | b"TO"
            | b"CO"
            | b"SJ"
            | b"GO"
            | b"GR"
            | b"TI"
            | b"TR"
            | b"TS"
            | b"KH"
            | b"ND"
            | b"NI"
            | b"RC"
            | b"HR"
            | b"SK"
    )
}

/// Assembles receipts from lines; `push` hands back a finished receipt when the next begins.
#[derive(Default)]
pub struct Assembler {
    pub header: Option<FileHeader>,
    current: Option<Receipt>,
    /// Problems on lines that belong to no receipt (before the first RE, or in the IR record).
    pub file_problems: Vec<LineProblem>,
    /// 診療識別 in force (carried forward within a receipt).
    category: Category,
    group: u32,
    group_open: bool,
    /// The text of a line that is not ASCII, decoded (a buffer reused line after line).
    decoded: String,
    /// The emptied vectors of the last receipt handed back ([`Assembler::recycle`]).
    spare: Option<Receipt>,
    /// Diagnoses and strings of recycled receipts, whose buffers are reused (their texts are
    /// overwritten) for the SY, HO/KO and chart-number fields of later receipts.
    spare_diagnoses: Vec<Diagnosis>,
    spare_strings: Vec<String>,
}

/// Most diagnoses / strings kept for reuse.
const SPARES: usize = 64;

/// `s` written into a reused buffer (`pool`), or a new `String` when the pool is empty.
fn reuse(pool: &mut Vec<String>, s: &str) -> String {
    let mut t = pool.pop().unwrap_or_default();
    t.clear();
    t.push_str(s);
    t
}

/// A field's text written over `into` (empty when the field is missing or blank).
fn overwrite(into: &mut String, s: Option<&str>) {
    into.clear();
    into.push_str(s.unwrap_or(""));
}

fn problem(line: u32, code: &str, message: impl Into<String>) -> LineProblem {
    LineProblem {
        line,
        code: code.to_string(),
        message: message.into(),
    }
}

/// A field as text. Fields are cut at ASCII commas out of UTF-8 text, so they are UTF-8.
fn text(f: &[u8]) -> &str {
    std::str::from_utf8(f).unwrap_or("")
}

/// `str::trim` of a field's bytes, with a fast answer for the usual field that starts and
/// ends with a visible ASCII character (nothing to trim).
fn trim_bytes(f: &[u8]) -> &[u8] {
    match (f.first(), f.last()) {
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => f,
        (None, _) => f,
        _ => text(f).trim().as_bytes(),
    }
}

/// Field `i` trimmed, when not empty.
#[inline]
fn opt_str<'a>(f: &Fields<'a>, i: usize) -> Option<&'a str> {
    let raw = f.get(i)?;
    let s = match (raw.first(), raw.last()) {
        (None, _) => return None,
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => f.text(i)?,
        _ => f.text(i)?.trim(),
    };
    (!s.is_empty()).then_some(s)
}

fn opt(f: &Fields<'_>, i: usize) -> Option<String> {
    opt_str(f, i).map(str::to_string)
}

/// `str::parse::<i64>` on ASCII bytes: an optional sign, then at least one digit; `None` on
/// anything else or overflow.
fn parse_i64(s: &[u8]) -> Option<i64> {
    let (neg, digits) = match s {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, s),
    };
    if digits.is_empty() {
        return None;
    }
    let mut v: i64 = 0;
    for &b in digits {
        if !b.is_ascii_digit() {
            return None;
        }
        let d = i64::from(b.wrapping_sub(b'0'));
        v = v.checked_mul(10)?;
        v = if neg {
            v.checked_sub(d)?
        } else {
            v.checked_add(d)?
        };
    }
    Some(v)
}

fn digits(s: &str) -> String {
    // Full-width digits (０-９) to ASCII, as comment data may carry either.
    s.chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_u32(u32::from(c) - 0xFF10 + u32::from('0')),
            _ => None,
        })
        .collect()
}

/// 和暦 `GYYMMDD` (G: 1 明治, 2 大正, 3 昭和, 4 平成, 5 令和) → date; used by 850 comments.
pub fn wareki_date(s: &str) -> Option<IsoDate> {
    let d = digits(s);
    if d.len() != 7 {
        return IsoDate::parse_compact(&d);
    }
    let era: i32 = d.get(0..1)?.parse().ok()?;
    let yy: i32 = d.get(1..3)?.parse().ok()?;
    let mm: u8 = d.get(3..5)?.parse().ok()?;
    let dd: u8 = d.get(5..7)?.parse().ok()?;
    let base = match era {
        1 => 1867,
        2 => 1911,
        3 => 1925,
        4 => 1988,
        5 => 2018,
        _ => return None,
    };
    IsoDate::from_ymd(base + yy, mm, dd)
}

impl Assembler {
    pub fn new() -> Self {
        Self::default()
    }

    /// Take the receipt being assembled (at the end of the file).
    pub fn finish(&mut self) -> Option<Receipt> {
        self.current.take()
    }

    /// Hand back a receipt that is done with: its vectors are reused for a later receipt
    /// (no allocation per receipt for its lines, comments, ...).
    pub fn recycle(&mut self, mut r: Receipt) {
        if self.spare_strings.len() < SPARES {
            self.spare_strings.append(&mut r.payers);
            self.spare_strings.extend(r.chart_number.take());
        }
        if self.spare_diagnoses.len() < SPARES {
            self.spare_diagnoses.append(&mut r.diagnoses);
        }
        r.payers.clear();
        r.diagnoses.clear();
        r.lines.clear();
        r.comments.clear();
        r.problems.clear();
        self.spare = Some(r);
    }

    /// An empty receipt, with the vectors of the last one recycled.
    fn fresh(&mut self) -> Receipt {
        match self.spare.take() {
            Some(old) => Receipt {
                payers: old.payers,
                diagnoses: old.diagnoses,
                lines: old.lines,
                comments: old.comments,
                problems: old.problems,
                ..Receipt::default()
            },
            None => Receipt::default(),
        }
    }

    fn note(&mut self, p: LineProblem) {
        match self.current.as_mut() {
            Some(r) => r.problems.push(p),
            None => self.file_problems.push(p),
        }
    }

    /// Read one decoded line ([`crate::uke::reader::Lines`] as an iterator); returns the previous
    /// receipt when this line starts a new one. `check_uke` uses [`Assembler::push_raw`]; the
    /// tests (here and tests/uke.rs) hold it to this.
    pub fn push(&mut self, line: &Line<'_>) -> Option<Receipt> {
        self.push_text(
            line.number,
            line.text.as_bytes(),
            Some(&line.text),
            line.bad_encoding,
        )
    }

    /// Read one line as its raw CP932 bytes ([`crate::uke::reader::Lines::next_raw`]): the same
    /// as [`Assembler::push`] of the decoded line, without a `String` per line that is not ASCII.
    pub fn push_raw(&mut self, number: u32, raw: &[u8]) -> Option<Receipt> {
        if raw.is_ascii() {
            return self.push_text(number, raw, None, false);
        }
        // HO / KO: only the 保険者番号 / 公費負担者番号 (field 1, ASCII) is read; the rest of the
        // line (記号・番号, often full-width) is only checked to be CP932, not decoded.
        #[cfg(not(target_arch = "wasm32"))]
        if (raw.starts_with(b"HO,") || raw.starts_with(b"KO,"))
            && raw
                .get(3..)
                .and_then(|r| r.split(|&b| b == b',').next())
                .is_some_and(<[u8]>::is_ascii)
            && crate::cp932::is_valid(raw)
        {
            return self.push_text(number, raw, None, false);
        }
        let mut buf = std::mem::take(&mut self.decoded);
        buf.clear();
        let bad = crate::cp932::decode_lossy_into(raw, &mut buf);
        let done = self.push_text(number, buf.as_bytes(), Some(&buf), bad);
        self.decoded = buf;
        done
    }

    /// Read one line of UTF-8 text (ASCII, or CP932 decoded).
    /// `utf8`: the same text as `str` when the caller has it (a decoded line).
    fn push_text(
        &mut self,
        n: u32,
        line: &[u8],
        utf8: Option<&str>,
        bad_encoding: bool,
    ) -> Option<Receipt> {
        if bad_encoding {
            self.note(problem(
                n,
                "bad_encoding",
                "bytes that are not valid CP932 (Shift_JIS) were replaced by U+FFFD",
            ));
        }
        let split = match utf8 {
            Some(s) => Fields::split_str(s),
            None => Fields::split(line),
        };
        let Some(f) = split else {
            self.note(problem(
                n,
                "too_many_fields",
                "more than 64 fields: no record of the 記録条件仕様 has that many: line skipped",
            ));
            return None;
        };
        let f = &f;
        let id_bytes: &[u8] = f.get(0).unwrap_or(&[]);
        if !known(id_bytes) {
            let shown: String = text(id_bytes).chars().take(12).collect();
            self.note(problem(
                n,
                "unknown_record",
                format!("unknown record type \"{shown}\": line skipped"),
            ));
            return None;
        }
        // Known record identifiers are two ASCII letters.
        let id = || text(id_bytes);
        if let Some((want, exact)) = layout(id_bytes) {
            if f.len() < want {
                self.note(problem(
                    n,
                    "truncated",
                    format!(
                        "{} record has {} fields, expected {want}: line skipped",
                        id(),
                        f.len()
                    ),
                ));
                return None;
            }
            if exact && f.len() > want {
                self.note(problem(
                    n,
                    "too_many_fields",
                    format!(
                        "{} record has {} fields, expected {want}: line skipped",
                        id(),
                        f.len()
                    ),
                ));
                return None;
            }
        }
        match id_bytes {
            b"IR" => {
                self.header = Some(FileHeader {
                    payer: opt(f, 1),
                    prefecture: opt(f, 2),
                    facility_code: opt(f, 4),
                    facility_name: opt(f, 6),
                    billing_month: opt_str(f, 7).and_then(month_text),
                });
                None
            }
            b"RE" => {
                let done = self.current.take();
                self.category = Category::default();
                self.group = 0;
                self.group_open = false;
                let mut r = self.fresh();
                r.line = n;
                r.number = opt(f, 1).unwrap_or_default();
                r.kind = opt(f, 2).unwrap_or_default();
                r.service_month = opt_str(f, 3).and_then(parse_month);
                r.name_kana = opt(f, 36);
                r.birth_date = opt_str(f, 6).and_then(IsoDate::parse_compact);
                r.admission_date = opt_str(f, 8).and_then(IsoDate::parse_compact);
                r.chart_number = opt_str(f, 13).map(|s| reuse(&mut self.spare_strings, s));
                if r.service_month.is_none() {
                    r.problems.push(problem(
                        n,
                        "bad_value",
                        "RE 診療年月 is not a YYYYMM month: the receipt's dates are unknown",
                    ));
                }
                if bad_encoding {
                    r.problems.push(problem(
                        n,
                        "bad_encoding",
                        "bytes that are not valid CP932 (Shift_JIS) were replaced by U+FFFD",
                    ));
                }
                self.current = Some(r);
                done
            }
            b"GO" => self.current.take(),
            _ => {
                let Some(r) = self.current.as_mut() else {
                    self.file_problems.push(problem(
                        n,
                        "outside_receipt",
                        format!("{} record before the first RE record: line skipped", id()),
                    ));
                    return None;
                };
                match id_bytes {
                    b"HO" | b"KO" => {
                        if let Some(p) = opt_str(f, 1) {
                            r.payers.push(reuse(&mut self.spare_strings, p));
                        }
                    }
                    b"SY" => {
                        let mut d = self.spare_diagnoses.pop().unwrap_or(Diagnosis {
                            line: n,
                            code: String::new(),
                            start: None,
                            outcome: String::new(),
                            name: String::new(),
                        });
                        d.line = n;
                        overwrite(&mut d.code, opt_str(f, 1));
                        d.start = opt_str(f, 2).and_then(IsoDate::parse_compact);
                        overwrite(&mut d.outcome, opt_str(f, 3));
                        overwrite(&mut d.name, opt_str(f, 5));
                        r.diagnoses.push(d);
                    }
                    b"CO" => {
                        if let Some(c) = f.get(1).and_then(|c| Category::parse_bytes(trim_bytes(c)))
                        {
                            self.category = c;
                        }
                        r.comments.push(Comment {
                            line: n,
                            code: opt(f, 3).unwrap_or_default(),
                            text: opt(f, 4).unwrap_or_default(),
                        });
                    }
                    b"SI" | b"IY" | b"TO" => {
                        let (kind, comment_at, day_at) = match id_bytes {
                            b"SI" => (LineKind::Procedure, 7usize, 13usize),
                            b"IY" => (LineKind::Drug, 7, 13),
                            _ => (LineKind::Material, 11, 17),
                        };
                        match billed_line(f, id_bytes, n, kind, day_at, r.service_month) {
                            Ok(mut b) => {
                                if let Some(c) =
                                    f.get(1).and_then(|c| Category::parse_bytes(trim_bytes(c)))
                                {
                                    self.category = c;
                                }
                                if !self.group_open {
                                    self.group = self.group.saturating_add(1);
                                    self.group_open = true;
                                }
                                b.category = self.category;
                                b.group = self.group;
                                if b.points.is_some() {
                                    self.group_open = false;
                                }
                                r.lines.push(b);
                                for k in 0..3usize {
                                    let at = comment_at.saturating_add(k * 2);
                                    // Usually empty: no comment on this record.
                                    if f.get(at).is_none_or(<[u8]>::is_empty) {
                                        continue;
                                    }
                                    if let Some(code) = opt(f, at) {
                                        r.comments.push(Comment {
                                            line: n,
                                            code,
                                            text: opt(f, at.saturating_add(1)).unwrap_or_default(),
                                        });
                                    }
                                }
                            }
                            Err(p) => r.problems.push(p),
                        }
                    }
                    _ => {}
                }
                None
            }
        }
    }
}

fn parse_month(s: &str) -> Option<(i32, u8)> {
    if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = s.get(0..4)?.parse().ok()?;
    let m: u8 = s.get(4..6)?.parse().ok()?;
    (1..=12).contains(&m).then_some((y, m))
}

fn month_text(s: &str) -> Option<String> {
    parse_month(s).map(|(y, m)| format!("{y:04}-{m:02}"))
}

fn billed_line(
    f: &Fields<'_>,
    id: &[u8],
    n: u32,
    kind: LineKind,
    day_at: usize,
    month: Option<(i32, u8)>,
) -> Result<BilledLine, LineProblem> {
    let cat = f.get(1).map(trim_bytes).unwrap_or(&[]);
    if !cat.is_empty() && Category::parse_bytes(cat).is_none() {
        return Err(problem(
            n,
            "bad_value",
            format!(
                "{} 診療識別 \"{}\" is not two digits: line skipped",
                text(id),
                text(cat).chars().take(12).collect::<String>()
            ),
        ));
    }
    let code_field = f.get(3).map(trim_bytes).unwrap_or(&[]);
    let Some(code) = Code::parse(code_field) else {
        return Err(problem(
            n,
            "bad_value",
            format!(
                "{} code \"{}\" is not 9 digits: line skipped",
                text(id),
                text(code_field).chars().take(12).collect::<String>()
            ),
        ));
    };
    let num = |i: usize, what: &str| -> Result<Option<i64>, LineProblem> {
        let s = f.get(i).unwrap_or(&[]);
        if s.is_empty() {
            return Ok(None);
        }
        let s = trim_bytes(s);
        if s.is_empty() {
            return Ok(None);
        }
        parse_i64(s).map(Some).ok_or_else(|| {
            problem(
                n,
                "bad_value",
                format!(
                    "{} {what} \"{}\" is not a whole number: line skipped",
                    text(id),
                    text(s).chars().take(12).collect::<String>()
                ),
            )
        })
    };
    let points = num(5, "点数")?;
    let count = num(6, "回数")?.unwrap_or(0);
    let count = u32::try_from(count).map_err(|_| {
        problem(
            n,
            "bad_value",
            format!("{} 回数 out of range: line skipped", text(id)),
        )
    })?;
    let mut days = Days::default();
    for d in 0..31usize {
        if f.get(day_at.saturating_add(d)).is_none_or(<[u8]>::is_empty) {
            continue;
        }
        if let Some(c) = num(day_at.saturating_add(d), "算定日")? {
            if c <= 0 {
                continue;
            }
            let day = u8::try_from(d.saturating_add(1)).unwrap_or(31);
            let c = u32::try_from(c).map_err(|_| {
                problem(
                    n,
                    "bad_value",
                    format!("{} 算定日 count out of range: line skipped", text(id)),
                )
            })?;
            if let Some((y, m)) = month {
                if IsoDate::from_ymd(y, m, day).is_none() {
                    return Err(problem(
                        n,
                        "bad_value",
                        format!(
                            "{} is billed on day {day}, which {y:04}-{m:02} does not have: line skipped",
                            text(id)
                        ),
                    ));
                }
            }
            days.push((day, c));
        }
    }
    Ok(BilledLine {
        line: n,
        kind,
        category: Category::default(),
        code,
        points,
        count,
        group: 0,
        days,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wareki_dates() {
        assert_eq!(
            wareki_date("5080615").map(|d| d.to_string()).as_deref(),
            Some("2026-06-15")
        );
        assert_eq!(
            wareki_date("５０７０１０１")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2025-01-01")
        );
        assert_eq!(
            wareki_date("4310430").map(|d| d.to_string()).as_deref(),
            Some("2019-04-30")
        );
        assert_eq!(
            wareki_date("20260615").map(|d| d.to_string()).as_deref(),
            Some("2026-06-15")
        );
        assert!(wareki_date("9999999").is_none());
    }

    #[test]
    fn whole_numbers_parse_as_str_parse_does() {
        for s in [
            "",
            "0",
            "12",
            "+5",
            "-7",
            "-",
            "+",
            "1a",
            " 1",
            "１",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "--1",
        ] {
            assert_eq!(parse_i64(s.as_bytes()), s.parse::<i64>().ok(), "{s:?}");
        }
    }

    #[test]
    fn codes_and_days() {
        let c = Code::parse(b"120002910").unwrap();
        assert_eq!(c, "120002910");
        assert_eq!(c.number(), 120_002_910);
        assert_eq!(c.to_string(), "120002910");
        assert!(Code::parse(b"12000291").is_none());
        assert!(Code::parse(b"12000291x").is_none());
        let mut d = Days::default();
        for i in 1..=5u8 {
            d.push((i, u32::from(i) * 10));
            assert_eq!(d.len(), usize::from(i));
            assert_eq!(d[usize::from(i) - 1], (i, u32::from(i) * 10));
        }
        assert_eq!(
            format!("{d:?}"),
            "[(1, 10), (2, 20), (3, 30), (4, 40), (5, 50)]"
        );
    }

    /// The one receipt of `bytes`, read as raw lines (`push_raw`, what `check_uke` does) or as
    /// decoded lines (`push`, the reference).
    fn assemble(bytes: &[u8], raw: bool) -> Receipt {
        let mut asm = Assembler::new();
        let mut lines = crate::uke::reader::Lines::new(bytes);
        if raw {
            while let Some((n, l)) = lines.next_raw() {
                assert!(asm.push_raw(n, l).is_none());
            }
        } else {
            for l in lines {
                assert!(asm.push(&l).is_none());
            }
        }
        asm.finish().unwrap()
    }

    #[test]
    fn raw_and_decoded_lines_assemble_alike() {
        // 「テスト」 in CP932 as the カタカナ氏名, then an SI line with a bad byte.
        let mut bytes = b"RE,1,1112,202606,".to_vec();
        bytes.extend_from_slice(&[b','; 32]);
        bytes.extend_from_slice(&[0x83, 0x65, 0x83, 0x58, 0x83, 0x67]);
        bytes.extend_from_slice(b",\r\nSI,80,1,120002910,,60,1,,,,,,,1");
        bytes.extend_from_slice(&[b','; 30]);
        bytes.extend_from_slice(b"\r\nCO,80,1,830100205,\x83\r\n");
        let (a, b) = (assemble(&bytes, true), assemble(&bytes, false));
        assert_eq!(a.name_kana.as_deref(), Some("テスト"));
        assert_eq!(format!("{:?}", a.lines), format!("{:?}", b.lines));
        assert_eq!(a.problems, b.problems);
        assert_eq!(a.problems.len(), 1);
        assert_eq!(a.comments.len(), 1);
        assert_eq!(a.comments[0].text, b.comments[0].text);
    }

    #[test]
    fn insurance_lines_read_alike_raw_and_decoded() {
        let mut bytes = b"RE,1,1112,202606,".to_vec();
        bytes.extend_from_slice(&[b','; 33]);
        // 「１２３」 in CP932 as 記号, then a KO line with a byte that is not CP932, then one
        // whose number is not ASCII.
        bytes.extend_from_slice(b"\r\nHO,06132013,\x82\x50\x82\x51\x82\x52,4,1,500,,\r\n");
        bytes.extend_from_slice(b"KO,12345678,\x83,,,\r\nKO,\x82\x50,,,,\r\nHO,1,2\r\n");
        let (a, b) = (assemble(&bytes, true), assemble(&bytes, false));
        assert_eq!(a.payers, b.payers);
        assert_eq!(a.payers, ["06132013", "12345678", "１"]);
        assert_eq!(a.problems, b.problems);
        assert_eq!(a.problems.len(), 2, "{:?}", a.problems);
    }

    #[test]
    fn inpatient_from_kind() {
        let mut r = Receipt {
            kind: "1111".into(),
            ..Receipt::default()
        };
        assert!(r.inpatient());
        r.kind = "1112".into();
        assert!(!r.inpatient());
    }
}
