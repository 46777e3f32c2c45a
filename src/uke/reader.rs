//! A streaming reader of レセプト電算処理システム (UKE) files: bytes in, one record per line out,
//! each with its 1-based line number.
//!
//! The 記録条件仕様 writes records as Shift_JIS (CP932) text, one per line, CRLF, fields separated
//! by commas, no quoting (a comma cannot occur inside a field). In Shift_JIS neither `,` (0x2C),
//! CR nor LF can be the second byte of a double-byte character, so lines and fields are split on
//! bytes first and only text that is not ASCII is decoded (encoding_rs's WHATWG Shift_JIS decoder,
//! which is Windows-31J / CP932). Nothing is read ahead: a 100 MB file is walked once.

use std::borrow::Cow;

/// Every record identifier of the 医科 記録条件仕様 this reader knows. Others are reported as
/// unknown (with their line number) and skipped.
pub const KNOWN_RECORDS: &[&str] = &[
    "IR", "RE", "HO", "KO", "SN", "JD", "MF", "SY", "SI", "IY", "TO", "CO", "SJ", "GO", "GR", "TI",
    "TR", "TS", "KH", "ND", "NI", "RC", "HR", "SK",
];

/// Is `id` one of [`KNOWN_RECORDS`]?
pub fn is_known_record(id: &str) -> bool {
    matches!(
        id,
        "IR" | "RE"
            | "HO"
            | "KO"
            | "SN"
            | "JD"
            | "MF"
            | "SY"
            | "SI"
            | "IY"
            | "TO"
            | "CO"
            | "SJ"
            | "GO"
            | "GR"
            | "TI"
            | "TR"
            | "TS"
            | "KH"
            | "ND"
            | "NI"
            | "RC"
            | "HR"
            | "SK"
    )
}

/// One physical line of the file.
#[derive(Debug)]
pub struct Line<'a> {
    /// 1-based line number.
    pub number: u32,
    /// The line's text (CR stripped), decoded from CP932.
    pub text: Cow<'a, str>,
    /// The line held bytes that are not valid CP932 (they were replaced by U+FFFD).
    pub bad_encoding: bool,
}

impl Line<'_> {
    /// The record identifier (`RE`, `SI`, ...): the text before the first comma.
    pub fn record_id(&self) -> &str {
        let text: &str = &self.text;
        match memchr::memchr(b',', text.as_bytes()) {
            Some(i) => text.get(..i).unwrap_or(""),
            None => text,
        }
    }

    /// The comma-separated fields (identifier included, field 0) into a stack buffer; `None`
    /// when the line has more than `N` fields.
    pub fn fields_into<'s, const N: usize>(&'s self, buf: &mut [&'s str; N]) -> Option<usize> {
        // A plain byte loop: records are mostly commas (SI has 44 fields, most empty), where a
        // byte test per position beats a vectorised search restarted at every comma.
        let text: &str = &self.text;
        let mut n = 0usize;
        let mut start = 0usize;
        for (i, &b) in text.as_bytes().iter().enumerate() {
            if b == b',' {
                *buf.get_mut(n)? = text.get(start..i).unwrap_or("");
                n = n.saturating_add(1);
                start = i.saturating_add(1);
            }
        }
        *buf.get_mut(n)? = text.get(start..).unwrap_or("");
        Some(n.saturating_add(1))
    }

    /// The comma-separated fields, identifier included (field 0).
    pub fn fields(&self) -> Vec<&str> {
        // Byte split: ',' is never part of a multi-byte UTF-8 sequence.
        let text: &str = &self.text;
        let mut out = Vec::with_capacity(48);
        let mut start = 0usize;
        for i in memchr::memchr_iter(b',', text.as_bytes()) {
            out.push(text.get(start..i).unwrap_or(""));
            start = i.saturating_add(1);
        }
        out.push(text.get(start..).unwrap_or(""));
        out
    }
}

/// Iterates over the lines of a UKE file. Empty lines and a trailing EOF mark (0x1A) are skipped.
pub struct Lines<'a> {
    bytes: &'a [u8],
    pos: usize,
    number: u32,
}

impl<'a> Lines<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            pos: 0,
            number: 0,
        }
    }

    /// Bytes consumed so far.
    pub fn position(&self) -> usize {
        self.pos
    }
}

impl<'a> Lines<'a> {
    /// The next line as its raw CP932 bytes (CR and an EOF mark stripped, never empty) with
    /// its 1-based number: what [`Iterator::next`] gives, before decoding.
    pub fn next_raw(&mut self) -> Option<(u32, &'a [u8])> {
        loop {
            let rest = self.bytes.get(self.pos..)?;
            if rest.is_empty() {
                return None;
            }
            self.number = self.number.saturating_add(1);
            let (raw, advance) = match memchr::memchr(b'\n', rest) {
                Some(i) => (rest.get(..i).unwrap_or(rest), i.saturating_add(1)),
                None => (rest, rest.len()),
            };
            self.pos = self.pos.saturating_add(advance);
            let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
            let raw = raw.strip_suffix(&[0x1a]).unwrap_or(raw);
            if raw.is_empty() {
                continue;
            }
            return Some((self.number, raw));
        }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        let (number, raw) = self.next_raw()?;
        let (text, bad_encoding) = decode(raw);
        Some(Line {
            number,
            text,
            bad_encoding,
        })
    }
}

/// Most fields a record may have (no record of the 記録条件仕様 has more than 48).
pub const MAX_FIELDS: usize = 64;

/// The comma-separated fields of UTF-8 text (ASCII, or CP932 already decoded), the identifier
/// included (field 0), as the end offset of each field.
pub struct Fields<'a> {
    text: &'a [u8],
    /// The same text as `str`, when the caller has it (a decoded line): fields as text then
    /// cost no UTF-8 check.
    utf8: Option<&'a str>,
    /// Field ends; indexed modulo its length, so that the split loop needs no bounds check
    /// (a line with more than [`MAX_FIELDS`] fields is refused after the loop).
    ends: [u32; MAX_FIELDS],
    n: usize,
}

impl<'a> Fields<'a> {
    /// Split `text` on commas; `None` when it has more than [`MAX_FIELDS`] fields. One pass
    /// without a branch per byte (records are mostly commas: SI has 44 fields in ~70 bytes,
    /// where a test-and-branch per byte mispredicts at every comma): each byte's offset is
    /// written as the current field's end, and a comma moves on to the next field.
    pub fn split(text: &'a [u8]) -> Option<Fields<'a>> {
        if text.len() >= u32::MAX as usize {
            return None;
        }
        let mut ends = [0u32; MAX_FIELDS];
        let mut n = 0usize;
        for (i, &b) in text.iter().enumerate() {
            if let Some(end) = ends.get_mut(n % MAX_FIELDS) {
                *end = i as u32;
            }
            n = n.wrapping_add(usize::from(b == b','));
        }
        if n >= MAX_FIELDS {
            return None;
        }
        *ends.get_mut(n)? = text.len() as u32;
        Some(Fields {
            text,
            utf8: None,
            ends,
            n: n + 1,
        })
    }

    /// [`Fields::split`] of text already known to be UTF-8.
    pub fn split_str(text: &'a str) -> Option<Fields<'a>> {
        let mut f = Self::split(text.as_bytes())?;
        f.utf8 = Some(text);
        Some(f)
    }

    /// Field `i` as text (`None`: no such field; fields are cut at ASCII commas out of
    /// UTF-8 text, so a field is UTF-8 whenever the text is).
    pub fn text(&self, i: usize) -> Option<&'a str> {
        let (start, end) = self.bounds(i)?;
        match self.utf8 {
            Some(s) => s.get(start..end),
            None => std::str::from_utf8(self.text.get(start..end)?).ok(),
        }
    }

    /// How many fields.
    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Field `i` (0: the record identifier).
    pub fn get(&self, i: usize) -> Option<&'a [u8]> {
        let (start, end) = self.bounds(i)?;
        self.text.get(start..end)
    }

    fn bounds(&self, i: usize) -> Option<(usize, usize)> {
        if i >= self.n {
            return None;
        }
        let start = match i.checked_sub(1) {
            Some(p) => (*self.ends.get(p)? as usize).saturating_add(1),
            None => 0,
        };
        Some((start, *self.ends.get(i)? as usize))
    }
}

/// CP932 bytes → text; ASCII lines are borrowed as they are.
pub fn decode(raw: &[u8]) -> (Cow<'_, str>, bool) {
    if raw.is_ascii() {
        if let Ok(s) = std::str::from_utf8(raw) {
            return (Cow::Borrowed(s), false);
        }
    }
    crate::cp932::decode_lossy(raw)
}

/// How many receipts (RE records) a file holds: a quick byte scan for progress reporting.
pub fn count_receipts(bytes: &[u8]) -> usize {
    let mut n = usize::from(bytes.starts_with(b"RE,"));
    for i in memchr::memmem::find_iter(bytes, b"\nRE,") {
        let _ = i;
        n = n.saturating_add(1);
    }
    n
}

/// Why a byte string is not a CP932 UKE file at all (checked before reading records).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotUke {
    Empty,
    /// UTF-16 / UTF-32 (NUL bytes or a UTF-16 byte-order mark).
    Utf16,
    /// Valid UTF-8 with non-ASCII text (or a UTF-8 byte-order mark): a converted file.
    Utf8,
    /// The first record is not one the 記録条件仕様 defines.
    NoRecords {
        line: u32,
        found: String,
    },
}

/// Sniff the encoding and the first record.
pub fn sniff(bytes: &[u8]) -> Result<(), NotUke> {
    if bytes.iter().all(|&b| b.is_ascii_whitespace() || b == 0x1a) {
        return Err(NotUke::Empty);
    }
    let head = bytes.get(..bytes.len().min(4096)).unwrap_or(bytes);
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) || head.contains(&0) {
        return Err(NotUke::Utf16);
    }
    if head.starts_with(&[0xef, 0xbb, 0xbf])
        || (!bytes.is_ascii() && std::str::from_utf8(bytes).is_ok())
    {
        return Err(NotUke::Utf8);
    }
    match Lines::new(bytes).next() {
        Some(line) => {
            let id = line.record_id();
            if is_known_record(id) && line.text.contains(',') {
                Ok(())
            } else {
                Err(NotUke::NoRecords {
                    line: line.number,
                    found: line.text.chars().take(20).collect(),
                })
            }
        }
        None => Err(NotUke::Empty),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_crlf_lines_and_numbers_them() {
        let bytes = b"IR,1\r\n\r\nRE,1\r\nSI,80\r\n\x1a";
        let lines: Vec<_> = Lines::new(bytes).collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].number, 1);
        assert_eq!(lines[1].number, 3);
        assert_eq!(lines[1].record_id(), "RE");
        assert_eq!(lines[2].text, "SI,80");
    }

    #[test]
    fn decodes_cp932_and_flags_bad_bytes() {
        // 「テスト」 in CP932.
        let (t, bad) = decode(&[0x83, 0x65, 0x83, 0x58, 0x83, 0x67]);
        assert_eq!(t, "テスト");
        assert!(!bad);
        let (_, bad) = decode(&[b'R', b'E', 0x83]);
        assert!(bad);
    }

    #[test]
    fn known_records_match_the_list() {
        for id in KNOWN_RECORDS {
            assert!(is_known_record(id));
        }
        assert!(!is_known_record("XX"));
        assert!(!is_known_record(""));
    }

    #[test]
    fn counts_receipts() {
        assert_eq!(count_receipts(b"IR,1\r\nRE,1\r\nSI\r\nRE,2\r\nXRE,3"), 2);
    }

    #[test]
    fn sniffs_non_uke() {
        assert_eq!(sniff(b""), Err(NotUke::Empty));
        assert_eq!(sniff(b"\r\n\r\n"), Err(NotUke::Empty));
        assert_eq!(sniff("RE,1,テスト".as_bytes()), Err(NotUke::Utf8));
        assert_eq!(sniff(&[0xff, 0xfe, b'I', 0]), Err(NotUke::Utf16));
        assert!(matches!(sniff(b"%PDF-1.4"), Err(NotUke::NoRecords { .. })));
        assert_eq!(sniff(b"IR,1,12"), Ok(()));
    }
}
