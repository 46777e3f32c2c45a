//! santei-unpack: the archive half of santei's master readers, as a second, small wasm module
//! that the npm package loads only when a user gives it a ZIP or an XLSX file.
//!
//! The engine's wasm module reads masters as CSV only (its budget is 250 KB gzipped, and the
//! ZIP and XLSX readers — `zip`, `calamine`, `quick-xml` — would take most of it). Users download
//! the SSK masters as ZIP archives (`y_ALL20240321.zip`) and the MHLW 一般名処方マスタ as an XLSX
//! workbook, so `loadMasterFile` in pkg/ hands such files to this module first:
//!
//! - a ZIP of an SSK master → the bytes of its `.csv` member, untouched (CP932, as published);
//! - the 一般名処方マスタ workbook (an XLSX is a ZIP too) → a UTF-8 CSV in the MHLW CSV layout
//!   (header row 「区分,一般名コード,…」, 12 columns), the same rows the native reader produces.
//!
//! The engine then reads that CSV exactly as it reads a downloaded one. The readers are not
//! copies: this crate compiles the engine's own src/master/read.rs (and src/cp932.rs) with
//! `cfg(santei_archives)` on, which the engine's wasm build leaves off.

#[path = "../../../src/cp932.rs"]
#[allow(dead_code)]
mod cp932;

#[path = "../../../src/master/read.rs"]
#[allow(dead_code)]
mod read;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use read::{Kind, ReadError};

/// The MHLW 一般名処方マスタ CSV header (the published CSV form's first row).
const IPPANMEI_HEADER: [&str; 12] = [
    "区分",
    "一般名コード",
    "一般名処方の標準的な記載",
    "成分名",
    "規格",
    "一般名処方加算対象",
    "例外コード",
    "同一剤形・規格内の最低薬価",
    "備考",
    "薬価基準収載医薬品コード_例外コード",
    "品名_例外コード",
    "備考_例外コード",
];

/// What an archive became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unpacked {
    /// The CSV to give to `loadMaster(kind, …)`.
    pub csv: Vec<u8>,
    /// Where it came from: `"zip"` (a member of a ZIP archive) or `"xlsx"` (a converted workbook).
    pub from: &'static str,
    /// Data rows (header rows not counted) for XLSX; `None` for a ZIP member (not parsed here).
    pub rows: Option<usize>,
}

/// A ZIP (SSK masters) or XLSX (MHLW 一般名処方マスタ) file of master `kind` → the CSV that
/// santei's engine reads. Errors name a line and column where the file has one (0 = none).
pub fn unpack(kind: &str, bytes: &[u8]) -> Result<Unpacked, ReadError> {
    let kind = Kind::parse(kind).ok_or_else(|| {
        ReadError::new(
            0,
            0,
            format!(
                "unknown master kind {kind:?} (expected one of ssk-drug, mhlw-ippanmei, mhlw-ge, \
                 ssk-procedure, ssk-comment)"
            ),
        )
    })?;
    if !read::is_zip(bytes) {
        return Err(ReadError::new(
            0,
            0,
            "not a ZIP archive or XLSX workbook (a CSV file is given to loadMaster as it is)",
        ));
    }
    if kind == Kind::MhlwIppanmei {
        let rows = read::ippanmei_xlsx_rows(bytes)?;
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let io = |e: csv::Error| ReadError::new(0, 0, format!("cannot write CSV: {e}"));
        w.write_record(IPPANMEI_HEADER).map_err(io)?;
        for r in &rows {
            w.write_record(&r.fields).map_err(io)?;
        }
        let csv = w
            .into_inner()
            .map_err(|e| ReadError::new(0, 0, format!("cannot write CSV: {e}")))?;
        return Ok(Unpacked {
            csv,
            from: "xlsx",
            rows: Some(rows.len()),
        });
    }
    Ok(Unpacked {
        csv: read::unzip_csv(bytes)?,
        from: "zip",
        rows: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(path: &str) -> Vec<u8> {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../data/masters")
            .join(path);
        std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    #[test]
    fn ssk_zip_gives_its_csv_member_untouched() {
        let u = unpack("ssk-drug", &data("ssk/y_ALL20240321.zip")).unwrap();
        assert_eq!(u.from, "zip");
        // CP932 as published: 19,686 CRLF lines (the row count the engine's reader finds).
        assert_eq!(u.csv.iter().filter(|&&b| b == b'\n').count(), 19_686);
        assert!(
            std::str::from_utf8(&u.csv).is_err(),
            "still CP932, not re-encoded"
        );
    }

    #[test]
    fn ippanmei_xlsx_becomes_the_csv_layout() {
        let u = unpack(
            "mhlw-ippanmei",
            &data("mhlw/ippanmeishohoumaster_250814.xlsx"),
        )
        .unwrap();
        assert_eq!(u.from, "xlsx");
        let text = String::from_utf8(u.csv).unwrap();
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some(IPPANMEI_HEADER.join(",").as_str()));
        let rows = u.rows.unwrap();
        assert!(rows > 1000, "{rows} rows");
        // Every row has the 12 columns of the CSV form.
        let mut rdr = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let mut n = 0;
        for rec in rdr.records() {
            assert_eq!(rec.unwrap().len(), 12);
            n += 1;
        }
        assert_eq!(n, rows);
    }

    #[test]
    fn refuses_what_it_cannot_unpack() {
        let e = unpack("ssk-drug", b"1,2,3\r\n").unwrap_err();
        assert!(e.message.contains("not a ZIP"), "{e}");
        let e = unpack("nonsense", b"PK\x03\x04").unwrap_err();
        assert!(e.message.contains("unknown master kind"), "{e}");
        let e = unpack("ssk-drug", b"PK\x03\x04 truncated").unwrap_err();
        assert!(e.message.contains("ZIP"), "{e}");
        let e = unpack("mhlw-ippanmei", b"PK\x03\x04 truncated").unwrap_err();
        assert!(e.message.contains("XLSX"), "{e}");
    }
}
