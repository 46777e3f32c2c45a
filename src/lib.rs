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
pub mod cp932;
pub mod date;
pub mod decimal;
pub mod engine;
pub mod facility;
pub mod json_path;
pub mod law;
pub mod master;
pub mod patient;
pub mod rules;
pub mod sort;
pub mod uke;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

use serde::Serialize;

use std::sync::Arc;

use crate::api::{ApiError, ErrorEnvelope, MasterRef};
use crate::date::IsoDate;
use crate::master::{DrugCatalog, MasterCatalog, Release};

/// The drug catalogue an engine consults.
enum CatalogSlot {
    /// The dated masters (the default catalogue plus any releases loaded on top).
    Masters(Arc<MasterCatalog>),
    /// A caller's own catalogue (tests, embedders).
    Custom(Box<dyn DrugCatalog>),
}

/// The engine with its drug catalogue. Cheap to create (the default catalogue is parsed once
/// per process and shared); evaluation is read-only.
pub struct Santei {
    catalog: CatalogSlot,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LoadInfo {
    status: &'static str,
    kind: String,
    release: Option<IsoDate>,
    drugs: usize,
    releases: Vec<Release>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SearchInfo {
    status: &'static str,
    date: Option<IsoDate>,
    results: Vec<master::Hit>,
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
    /// An engine with the default catalogue embedded in this build (native). In wasm the
    /// catalogue starts empty and the page or package loads `santei-catalog.bin` into it.
    pub fn new() -> Self {
        Self {
            catalog: CatalogSlot::Masters(master::default_catalog()),
        }
    }

    /// An engine with no drug master at all: claims must carry inline facts.
    pub fn without_masters() -> Self {
        Self {
            catalog: CatalogSlot::Masters(Arc::new(MasterCatalog::new())),
        }
    }

    pub fn with_catalog(catalog: Box<dyn DrugCatalog>) -> Self {
        Self {
            catalog: CatalogSlot::Custom(catalog),
        }
    }

    pub fn catalog(&self) -> &dyn DrugCatalog {
        match &self.catalog {
            CatalogSlot::Masters(m) => m.as_ref(),
            CatalogSlot::Custom(c) => c.as_ref(),
        }
    }

    /// The dated masters, unless a custom catalogue was given.
    pub fn masters(&self) -> Option<&MasterCatalog> {
        match &self.catalog {
            CatalogSlot::Masters(m) => Some(m.as_ref()),
            CatalogSlot::Custom(_) => None,
        }
    }

    /// Add a master release on top of the catalogue (kind "catalog" replaces it). The new
    /// catalogue is built aside and swapped in only if the whole file reads: on error the
    /// loaded catalogue is unchanged. `release` is `YYYY-MM-DD` (see `MasterCatalog::with_master`).
    pub fn load_master(
        &mut self,
        kind: &str,
        bytes: &[u8],
        release: Option<&str>,
        source: &str,
    ) -> Result<Vec<Release>, ApiError> {
        let release = match release.filter(|r| !r.is_empty()) {
            Some(r) => Some(IsoDate::parse(r).ok_or_else(|| {
                ApiError::new(
                    "invalid_input",
                    format!("release must be YYYY-MM-DD, got {r:?}"),
                    "release",
                )
            })?),
            None => None,
        };
        let current = match &self.catalog {
            CatalogSlot::Masters(m) => m.clone(),
            CatalogSlot::Custom(_) => Arc::new(MasterCatalog::new()),
        };
        let next = current
            .with_master(kind, bytes, release, source)
            .map_err(|e| {
                ApiError::new(
                    "invalid_master",
                    e.to_string(),
                    format!("line {}, column {}", e.error.line, e.error.column),
                )
            })?;
        let releases = next.release_list();
        self.catalog = CatalogSlot::Masters(Arc::new(next));
        Ok(releases)
    }

    /// [`Santei::load_master`] as a JSON envelope: `{status:"ok", kind, release, drugs,
    /// releases}` or `{status:"error", errors:[{code:"invalid_master", message, path:"line L,
    /// column C"}]}`.
    pub fn load_master_json(
        &mut self,
        kind: &str,
        bytes: &[u8],
        release: Option<&str>,
        source: &str,
    ) -> String {
        let before = self
            .masters()
            .map_or_else(Vec::new, MasterCatalog::release_list);
        match self.load_master(kind, bytes, release, source) {
            Ok(releases) => engine::to_json(&LoadInfo {
                status: "ok",
                kind: kind.to_string(),
                // The release this file added (not the newest of its kind, which may be older
                // or newer), or replaced when it was loaded already (same kind and source); for
                // "catalog", the newest release in it.
                release: releases
                    .iter()
                    .find(|r| kind != "catalog" && r.kind == kind && !before.contains(r))
                    .or_else(|| {
                        releases
                            .iter()
                            .find(|r| kind != "catalog" && r.kind == kind && r.source == source)
                    })
                    .map(|r| r.release)
                    .or_else(|| {
                        releases
                            .iter()
                            .filter(|r| kind == "catalog" || r.kind == kind)
                            .map(|r| r.release)
                            .max()
                    }),
                drugs: self.masters().map_or(0, MasterCatalog::drug_count),
                releases,
            }),
            Err(e) => engine::to_json(&ErrorEnvelope::new(vec![e])),
        }
    }

    /// Drug search for the page: `{status:"ok", date, results:[{drug, notation, masters}]}`.
    /// `date` (YYYY-MM-DD) defaults to the latest release loaded.
    pub fn search_drugs_json(&self, query: &str, date: Option<&str>, limit: usize) -> String {
        let Some(m) = self.masters() else {
            return engine::to_json(&SearchInfo {
                status: "ok",
                date: None,
                results: Vec::new(),
            });
        };
        let date = match date.filter(|d| !d.is_empty()) {
            Some(d) => match IsoDate::parse(d) {
                Some(d) => Some(d),
                None => {
                    return engine::to_json(&ErrorEnvelope::new(vec![ApiError::new(
                        "invalid_input",
                        format!("date must be YYYY-MM-DD, got {d:?}"),
                        "date",
                    )]))
                }
            },
            None => m.latest_date(),
        };
        let results = date.map_or_else(Vec::new, |d| m.search(query, d, limit.min(200)));
        engine::to_json(&SearchInfo {
            status: "ok",
            date,
            results,
        })
    }

    /// One claim as JSON text → the envelope as JSON text.
    pub fn evaluate_json(&self, text: &str) -> String {
        engine::evaluate_json(text, self.catalog())
    }

    /// A JSON array of claims → `{status:"ok", results:[...]}`.
    pub fn evaluate_batch_json(&self, text: &str) -> String {
        engine::evaluate_batch_json(text, self.catalog())
    }

    /// A JSON array of one patient's claims → one result per claim (input order), evaluated in
    /// date order with first-use dates, monthly lines and A243-2 carried forward.
    pub fn evaluate_patient_json(&self, text: &str) -> String {
        patient::evaluate_patient_json(text, self.catalog())
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
        uke::check_uke_json(bytes, self.catalog(), every, progress)
    }

    pub fn version_json(&self) -> String {
        engine::to_json(&VersionInfo {
            status: "ok",
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
            schema_version: api::SCHEMA_VERSION,
            revisions: law::law().revisions,
            masters: self.catalog().releases(),
        })
    }
}

/// What a master file's name says (the CLI's `--master FILE` rule): `{status:"ok", kind,
/// release}`, each null when the name does not tell.
pub fn master_file_info_json(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let kind = if base.to_ascii_lowercase().ends_with(".bin") {
        Some("catalog")
    } else {
        master::read::kind_from_name(base).map(master::read::Kind::name)
    };
    engine::to_json(&MasterFileInfo {
        status: "ok",
        kind,
        release: master::read::release_from_name(base),
    })
}

#[derive(Serialize)]
struct MasterFileInfo {
    status: &'static str,
    kind: Option<&'static str>,
    release: Option<String>,
}

/// The rule catalogue with citations, as JSON text.
pub fn rules_json() -> String {
    let l = law::law();
    engine::to_json(&RulesInfo {
        status: "ok",
        sources: l.sources,
        params: l.params,
        items: l.items,
        findings: l.findings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn master_file_info_reads_names_as_the_cli_does() {
        let info = |n: &str| -> serde_json::Value {
            serde_json::from_str(&master_file_info_json(n)).unwrap()
        };
        let v = info("C:\\Downloads\\y_ALL20240321.zip");
        assert_eq!(v["kind"], "ssk-drug");
        assert_eq!(v["release"], "2024-03-21");
        let v = info("ippanmeishohoumaster_250814.xlsx");
        assert_eq!(v["kind"], "mhlw-ippanmei");
        assert_eq!(v["release"], "2025-08-14");
        assert_eq!(info("ge_20260612.csv")["kind"], "mhlw-ge");
        assert_eq!(info("s_ALL20240531.zip")["kind"], "ssk-procedure");
        assert_eq!(info("c_ALL20250307.csv")["kind"], "ssk-comment");
        assert_eq!(info("santei-catalog.bin")["kind"], "catalog");
        let v = info("claims.csv");
        assert!(v["kind"].is_null() && v["release"].is_null());
        assert!(info("y_20241399.csv")["release"].is_null(), "month 13");
    }

    /// loadMaster answers with the release the file added, even when a newer one of its kind
    /// is already loaded (the default catalogue has the 2026-06-12 後発医薬品 list).
    #[test]
    fn load_master_reports_the_release_it_added() {
        let mut s = Santei::new();
        let csv = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/masters/mhlw/ge_20250716.csv"
        ))
        .unwrap();
        let mut load = || -> serde_json::Value {
            serde_json::from_str(&s.load_master_json(
                "mhlw-ge",
                &csv,
                Some("2025-07-20"),
                "ge_20250720.csv",
            ))
            .unwrap()
        };
        let v = load();
        assert_eq!(v["status"], "ok", "{v}");
        assert_eq!(v["release"], "2025-07-20");
        let rel = v["releases"].as_array().unwrap();
        assert!(rel
            .iter()
            .any(|r| r["kind"] == "mhlw-ge" && r["release"] == "2026-06-12"));
        assert!(rel.iter().any(|r| r["source"] == "ge_20250720.csv"));
        // The same file again replaces its release and still answers with it.
        let v = load();
        assert_eq!(v["release"], "2025-07-20", "{v}");
    }
}
