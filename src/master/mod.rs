//! Drug masters: what santei knows about a drug on a date of service, and from which release.
//!
//! The engine asks a [`DrugCatalog`]; the claim's inline facts override whatever it answers.
//!
//! - [`read`]: the files as users download them → rows (CP932 strictly via `encoding_rs`, CSV via
//!   `csv`, natively ZIP via `zip` and XLSX via `calamine`); errors name line and column.
//! - [`compact`]: the reduced form of all releases in data/masters that build.rs writes
//!   (`OUT_DIR/santei-catalog.bin`, ~3.6 MB raw, ~0.5 MB gzipped): embedded in the native build,
//!   shipped beside the wasm as `pkg/catalog/santei-catalog.bin` (`santei catalog --out FILE`).
//! - [`catalog`]: [`MasterCatalog`], the dated releases and the lookups (see its module docs for
//!   which release is in force on a date).
//!
//! Master kinds (`loadMaster(kind, bytes, release?)`, `santei … --master [KIND[@DATE]=]FILE`):
//!
//! | kind | file | release date |
//! |---|---|---|
//! | `catalog` | santei-catalog.bin (replaces everything loaded) | in the file |
//! | `ssk-drug` | SSK 医薬品マスター full (`y_ALL*.zip`/`.csv`) or change file (`y_*.csv`), CP932 | newest 変更年月日 (col 30) unless given; must be newer than the loaded ones |
//! | `mhlw-ippanmei` | 一般名処方マスタ: CSV (UTF-8 or CP932, header 「区分」), natively the XLSX | required (file name on the CLI) |
//! | `mhlw-ge` | 後発医薬品に関する情報 CSV (header 「薬価基準収載医薬品コード」) | required (file name on the CLI) |
//! | `ssk-procedure` | SSK 医科診療行為マスター (`s_ALL*.zip`/`.csv`) | newest col 87 unless given |
//! | `ssk-comment` | SSK コメントマスター (`c_ALL*.csv`) | newest col 21 unless given |
//!
//! A load builds a new catalogue and swaps it in only when the whole file reads: a malformed file
//! (truncated record, wrong encoding, wrong column count, a bad code, date or price) is an
//! `invalid_master` error whose path is `line L, column C`, and the loaded catalogue is unchanged.
//! Provenance: every lookup answers with the releases it used, as `MasterRef {name: kind,
//! release: YYYY-MM-DD}` (the evaluation's `masters`).

pub mod catalog;
pub mod compact;
pub mod read;

use crate::api::{DrugRef, MasterRef};
use crate::date::IsoDate;

pub use catalog::{Hit, LoadError, MasterCatalog, Release};
pub use read::Kind;

/// The default catalogue, built from data/masters by build.rs (native builds only: the wasm
/// engine gets it at run time through `loadMaster("catalog", bytes)`).
#[cfg(not(target_arch = "wasm32"))]
pub const DEFAULT_CATALOG: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/santei-catalog.bin"));
#[cfg(target_arch = "wasm32")]
pub const DEFAULT_CATALOG: &[u8] = b"";

/// The default catalogue, parsed once (native). Empty in wasm.
pub fn default_catalog() -> std::sync::Arc<MasterCatalog> {
    static DEFAULT: std::sync::OnceLock<std::sync::Arc<MasterCatalog>> = std::sync::OnceLock::new();
    DEFAULT
        .get_or_init(|| {
            std::sync::Arc::new(if DEFAULT_CATALOG.is_empty() {
                MasterCatalog::new()
            } else {
                MasterCatalog::from_compact(DEFAULT_CATALOG).unwrap_or_default()
            })
        })
        .clone()
}

/// The answer of a catalogue for one drug reference.
#[derive(Debug, Clone)]
pub enum Lookup {
    /// Facts as of the date, and the releases they came from.
    Found(Box<DrugRef>, Vec<MasterRef>),
    /// A code was given but no release in force on the date lists it.
    NotFound { key: String, release: String },
    /// The reference names no code: inline facts only.
    NoCode,
}

/// A source of drug facts by code, as of a date.
pub trait DrugCatalog {
    fn lookup(&self, drug: &DrugRef, date: IsoDate) -> Lookup;
    /// The releases loaded, for provenance.
    fn releases(&self) -> Vec<MasterRef>;
}

/// A catalogue that knows no drug: claims must carry inline facts.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoCatalog;

impl DrugCatalog for NoCatalog {
    fn lookup(&self, drug: &DrugRef, _date: IsoDate) -> Lookup {
        match drug
            .code
            .as_ref()
            .or(drug.yj.as_ref())
            .or(drug.generic_code.as_ref())
        {
            Some(k) => Lookup::NotFound {
                key: k.clone(),
                release: "none loaded".to_string(),
            },
            None => Lookup::NoCode,
        }
    }

    fn releases(&self) -> Vec<MasterRef> {
        Vec::new()
    }
}

/// Inline facts override the master's: every `Some` in `inline` wins.
pub fn merge(master: &DrugRef, inline: &DrugRef) -> DrugRef {
    macro_rules! pick {
        ($($f:ident),*) => { DrugRef { $($f: inline.$f.clone().or_else(|| master.$f.clone()),)* } };
    }
    pick!(
        code,
        yj,
        generic_code,
        name,
        generic_name,
        route,
        has_generic,
        generic,
        addition_flag,
        biologic,
        biosimilar,
        has_biosimilar,
        unit_price,
        unit,
        psychotropic_class,
        narcotic_etc,
        antineoplastic,
        benzodiazepine,
        long_term_year,
        oral_nutrition,
        syringe_or_needle,
        hif_ph_inhibitor,
        gargle,
        analgesic_patch,
        originator
    )
}
