//! # santei (算定)
//!
//! Decides what a Japanese medical claim may bill under the fee schedule (診療報酬点数表) for the
//! prescribing and biosimilar items of the 2024 (R06) and 2026 (R08) revisions, and why, citing the law.
//!
//! ```
//! let engine = santei::Santei::new();
//! let out = engine.evaluate_json(r#"{"serviceDate":"2026-06-02","prescriptions":[
//!   {"id":"rx-1","dispensing":"outside","items":[]}]}"#);
//! assert!(out.contains("\"status\":\"ok\""));
//! assert!(out.contains("\"revision\":\"R08\""));
//! ```
//!
//! What it deliberately does not do: read the clock (the date of service is an input), touch the
//! network or the file system (masters come in as bytes), or guess — a reading that needs a fact
//! the claim lacks is a `needs_review` finding naming that fact.

pub mod api;
pub mod date;
pub mod decimal;
pub mod engine;
pub mod facility;
pub mod law;
pub mod master;
pub mod patient;
pub mod rules;
pub mod uke;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

use serde::Serialize;

use crate::api::MasterRef;
use crate::master::{DrugCatalog, NoCatalog};

/// The engine with its drug catalogue. Cheap to create; evaluation is read-only.
pub struct Santei {
    catalog: Box<dyn DrugCatalog>,
}

impl Default for Santei {
    fn default() -> Self {
        Self::new()
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct VersionInfo<'a> {
    status: &'static str,
    name: &'static str,
    version: &'static str,
    schema_version: u32,
    revisions: &'a [law::RevisionSpan],
    masters: Vec<MasterRef>,
}

#[derive(Serialize)]
struct RulesInfo<'a> {
    status: &'static str,
    sources: &'a [law::Source],
    params: &'a [law::Param],
    items: &'a [law::Item],
    findings: &'a [law::FindingText],
}

impl Santei {
    /// An engine with the default catalogue embedded in this build.
    pub fn new() -> Self {
        Self {
            catalog: Box::new(NoCatalog),
        }
    }

    pub fn with_catalog(catalog: Box<dyn DrugCatalog>) -> Self {
        Self { catalog }
    }

    pub fn catalog(&self) -> &dyn DrugCatalog {
        self.catalog.as_ref()
    }

    /// One claim as JSON text → the envelope as JSON text.
    pub fn evaluate_json(&self, text: &str) -> String {
        engine::evaluate_json(text, self.catalog.as_ref())
    }

    /// A JSON array of claims → `{status:"ok", results:[...]}`.
    pub fn evaluate_batch_json(&self, text: &str) -> String {
        engine::evaluate_batch_json(text, self.catalog.as_ref())
    }

    /// A JSON array of one patient's claims → one result per claim (input order), evaluated in
    /// date order with first-use dates, monthly lines and A243-2 carried forward.
    pub fn evaluate_patient_json(&self, text: &str) -> String {
        patient::evaluate_patient_json(text, self.catalog.as_ref())
    }

    /// `checkFacilityStandard`: per-ingredient quantities of the last 12 months → does the facility
    /// meet the A243-2 standard (R6 or R8 by `date`), ingredient by ingredient.
    pub fn check_facility_standard_json(&self, text: &str) -> String {
        facility::check_facility_standard_json(text)
    }

    /// A レセプト電算 (UKE) file's bytes → `{status:"ok", file, receipts, summary}` as JSON text;
    /// `progress(done, total)` is called every `every` receipts.
    pub fn check_uke_json(
        &self,
        bytes: &[u8],
        every: usize,
        progress: &mut dyn FnMut(usize, usize),
    ) -> String {
        uke::check_uke_json(bytes, self.catalog.as_ref(), every, progress)
    }

    pub fn version_json(&self) -> String {
        engine::to_json(&VersionInfo {
            status: "ok",
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
            schema_version: api::SCHEMA_VERSION,
            revisions: &law::law().revisions,
            masters: self.catalog.releases(),
        })
    }
}

/// The rule catalogue with citations, as JSON text.
pub fn rules_json() -> String {
    let l = law::law();
    engine::to_json(&RulesInfo {
        status: "ok",
        sources: &l.sources,
        params: &l.params,
        items: &l.items,
        findings: &l.findings,
    })
}
