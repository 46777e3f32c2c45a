//! Drug masters: what santei knows about a drug on a date of service, and from which release.
//!
//! The engine asks a [`DrugCatalog`]; the claim's inline facts override whatever it answers.

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
        originator
    )
}
