//! The evaluation pipeline: parse → select the rule set by date → resolve drugs → run the rules
//! in fee-schedule order → total. Pure: no clock, no I/O, no panics.

use crate::api::{
    ApiError, Basis, BatchEntry, BatchResult, Claim, DrugRef, ErrorEnvelope, Evaluation, Finding,
    Line, MasterRef, MissingFact, Outcome, Revision, Severity, Text, Used, SCHEMA_VERSION,
};
use crate::date::IsoDate;
use crate::decimal::Dec;
use crate::law::{law, Law, Resolved};
use crate::master::{merge, DrugCatalog, Lookup};
use crate::rules;

/// Largest claim accepted, in bytes of JSON (a claim is a few KB; this guards the page's memory).
pub const MAX_CLAIM_BYTES: usize = 4 * 1024 * 1024;

/// Everything a rule may read and write while one claim is evaluated.
pub struct Ctx<'a> {
    pub claim: &'a Claim,
    pub law: &'static Law,
    pub date: IsoDate,
    pub revision: Revision,
    /// Drug facts per prescription, per item (master + inline), in claim order.
    pub drugs: Vec<Vec<DrugRef>>,
    pub lines: Vec<Line>,
    pub findings: Vec<Finding>,
    pub masters: Vec<MasterRef>,
    catalog: &'a dyn DrugCatalog,
}

impl<'a> Ctx<'a> {
    /// A numeric parameter in force on the date of service.
    pub fn number(&self, id: &str) -> Result<Resolved, ApiError> {
        self.law.number(id, self.date)
    }

    /// A numeric parameter in force on another date (e.g. a discharge day).
    pub fn number_on(&self, id: &str, date: IsoDate) -> Result<Resolved, ApiError> {
        self.law.number(id, date)
    }

    /// Whether the drug at `path` already has its `drug.unknown_code` finding (its code is not in
    /// the master release in force).
    pub fn unknown_code_at(&self, path: &str) -> bool {
        self.findings.iter().any(|f| {
            f.code == "drug.unknown_code" && f.missing_facts.iter().any(|m| m.path == path)
        })
    }

    /// Resolve a drug reference (master facts on `date`, overridden by inline facts);
    /// an unknown code adds a needs_review finding naming the release.
    pub fn resolve(&mut self, drug: &DrugRef, date: IsoDate, path: &str) -> DrugRef {
        match self.catalog.lookup(drug, date) {
            Lookup::Found(facts, releases) => {
                for r in releases {
                    if !self.masters.contains(&r) {
                        self.masters.push(r);
                    }
                }
                merge(&facts, drug)
            }
            Lookup::NoCode => drug.clone(),
            Lookup::NotFound { key, release } => {
                if !self.unknown_code_at(path) {
                    self.finding("drug.unknown_code", Outcome::NeedsReview, Severity::Warning)
                        .arg("key", key)
                        .arg("release", release)
                        .missing(
                            path,
                            "この薬剤の事実（一般名、後発品の有無、剤形、薬価）をインラインで指定してください",
                            "give this drug's facts inline (generic name, generic availability, route, price)",
                        )
                        .push(self);
                }
                drug.clone()
            }
        }
    }

    /// Start a finding whose text comes from the catalogue (data/law/findings*.toml).
    pub fn finding(&self, code: &str, outcome: Outcome, severity: Severity) -> FindingBuilder {
        FindingBuilder::new(code, outcome, severity)
    }

    /// Add a billable line whose points are the item's parameter on `date`.
    pub fn bill(
        &mut self,
        item: &str,
        date: IsoDate,
        prescription_id: Option<&str>,
        extra_basis: Vec<Basis>,
    ) -> Result<Resolved, ApiError> {
        let it = self.law.item(item).ok_or_else(|| unknown_item(item))?;
        let param = it.param.ok_or_else(|| unknown_item(item))?;
        let value = self.law.number(param, date)?;
        let mut basis = vec![value.basis.clone()];
        basis.extend(extra_basis);
        self.bill_points(item, date, value.value, prescription_id, basis)?;
        Ok(value)
    }

    /// Add a billable line with computed points (e.g. F200 drug fees, ×40/100).
    pub fn bill_points(
        &mut self,
        item: &str,
        date: IsoDate,
        points: Dec,
        prescription_id: Option<&str>,
        basis: Vec<Basis>,
    ) -> Result<(), ApiError> {
        let it = self.law.item(item).ok_or_else(|| unknown_item(item))?;
        let code = self.law.code(item, date).unwrap_or_default().to_string();
        self.lines.push(Line {
            code,
            item: item.to_string(),
            name_ja: it.name.to_string(),
            points,
            count: 1,
            date,
            prescription_id: prescription_id.map(str::to_string),
            basis,
        });
        Ok(())
    }
}

fn unknown_item(item: &str) -> ApiError {
    ApiError::new(
        "law_data_missing",
        format!("fee-schedule item {item} is not in the law data"),
        "",
    )
}

/// Builds one finding; `push` renders its text from the catalogue.
#[must_use]
pub struct FindingBuilder {
    code: String,
    outcome: Outcome,
    severity: Severity,
    args: Vec<(&'static str, String)>,
    basis: Vec<Basis>,
    used: Vec<Used>,
    missing: Vec<MissingFact>,
    hint: Option<(String, Vec<(&'static str, String)>)>,
    prescription_id: Option<String>,
}

impl FindingBuilder {
    /// A finding with its catalogue code; `build` renders it (`Ctx::finding` starts one). The UKE
    /// checks keep a compact form of their own instead (src/uke/finding.rs).
    pub fn new(code: &str, outcome: Outcome, severity: Severity) -> Self {
        FindingBuilder {
            code: code.to_string(),
            outcome,
            severity,
            args: Vec::new(),
            basis: Vec::new(),
            used: Vec::new(),
            missing: Vec::new(),
            hint: None,
            prescription_id: None,
        }
    }
    pub fn arg(mut self, k: &'static str, v: impl ToString) -> Self {
        self.args.push((k, v.to_string()));
        self
    }
    pub fn basis(mut self, b: Basis) -> Self {
        if !self.basis.contains(&b) {
            self.basis.push(b);
        }
        self
    }
    /// Cite a document location that is not a parameter (e.g. a 通知 paragraph).
    pub fn cite(self, doc: &str, at: &str, law: Option<&str>) -> Self {
        self.basis(Basis {
            doc: doc.to_string(),
            at: at.to_string(),
            law: law.map(str::to_string),
        })
    }
    /// Record a parameter used (and cite it).
    pub fn uses(mut self, r: &Resolved) -> Self {
        self.used.push(r.used());
        self.basis(r.basis.clone())
    }
    pub fn missing(mut self, path: &str, ja: &str, en: &str) -> Self {
        self.missing.push(MissingFact {
            path: path.to_string(),
            message: Text {
                ja: ja.to_string(),
                en: en.to_string(),
            },
        });
        self
    }
    /// A hint rendered from its own catalogue entry.
    pub fn hint(mut self, code: &str, args: Vec<(&'static str, String)>) -> Self {
        self.hint = Some((code.to_string(), args));
        self
    }
    pub fn rx(mut self, id: Option<&str>) -> Self {
        self.prescription_id = id.map(str::to_string);
        self
    }
    pub fn build(self, law: &Law) -> Finding {
        let message = law.message(&self.code, &self.args);
        let hint = self.hint.map(|(c, a)| law.message(&c, &a));
        Finding {
            code: self.code,
            outcome: self.outcome,
            severity: self.severity,
            message,
            basis: self.basis,
            used: self.used,
            missing_facts: self.missing,
            hint,
            prescription_id: self.prescription_id,
        }
    }
    pub fn push(self, ctx: &mut Ctx<'_>) {
        let f = self.build(ctx.law);
        ctx.findings.push(f);
    }
}

/// Parse a claim from JSON text; errors name the JSON path.
pub fn parse_claim(text: &str) -> Result<Claim, ApiError> {
    if text.len() > MAX_CLAIM_BYTES {
        return Err(ApiError::new(
            "too_large",
            format!(
                "claim is {} bytes; the limit is {MAX_CLAIM_BYTES} bytes",
                text.len()
            ),
            "",
        ));
    }
    let claim: Claim = crate::json_path::parse(text).map_err(|(inner, path)| {
        // serde_json reports some type errors (e.g. `null` where an enum is expected) as
        // syntax errors: the input is only "invalid JSON" if it does not parse as JSON at all.
        let not_json = (inner.is_syntax() || inner.is_eof())
            && serde_json::from_str::<serde_json::Value>(text).is_err();
        let code = if not_json {
            "invalid_json"
        } else {
            "invalid_claim"
        };
        ApiError::new(code, inner.to_string(), path)
    })?;
    if let Some(v) = claim.schema_version {
        if v != SCHEMA_VERSION {
            return Err(ApiError::new(
                "unsupported_schema_version",
                format!("schemaVersion {v} is not supported: this build reads {SCHEMA_VERSION}"),
                "schemaVersion",
            ));
        }
    }
    Ok(claim)
}

/// Evaluate a parsed claim.
pub fn evaluate_claim(
    claim: &Claim,
    catalog: &dyn DrugCatalog,
) -> Result<Evaluation, Vec<ApiError>> {
    let law = law();
    let date = claim.service_date;
    let span = law.revision_for(date, "serviceDate").map_err(|e| vec![e])?;
    let mut ctx = Ctx {
        claim,
        law,
        date,
        revision: span.id,
        drugs: Vec::new(),
        lines: Vec::new(),
        findings: Vec::new(),
        masters: Vec::new(),
        catalog,
    };
    let mut drugs = Vec::with_capacity(claim.prescriptions.len());
    for (i, rx) in claim.prescriptions.iter().enumerate() {
        let mut row = Vec::with_capacity(rx.items.len());
        for (j, item) in rx.items.iter().enumerate() {
            let path = format!("prescriptions[{i}].items[{j}].drug");
            row.push(ctx.resolve(&item.drug, date, &path));
        }
        drugs.push(row);
    }
    ctx.drugs = drugs;
    rules::run(&mut ctx).map_err(|e| vec![e])?;
    let mut total = Dec::ZERO;
    for l in &ctx.lines {
        let n = Dec::from_int(i64::from(l.count));
        total = l
            .points
            .checked_mul(n)
            .and_then(|p| total.checked_add(p))
            .ok_or_else(|| vec![ApiError::new("overflow", "total points overflow", "")])?;
    }
    let billed_check = rules::billed::check(&mut ctx);
    Ok(Evaluation {
        status: "ok".to_string(),
        schema_version: SCHEMA_VERSION,
        service_date: date,
        revision: span.id,
        masters: ctx.masters,
        lines: ctx.lines,
        total_points: total,
        findings: ctx.findings,
        billed_check,
    })
}

/// JSON in, JSON envelope out: the one function every front end calls.
pub fn evaluate_json(text: &str, catalog: &dyn DrugCatalog) -> String {
    let result = parse_claim(text)
        .map_err(|e| vec![e])
        .and_then(|c| evaluate_claim(&c, catalog));
    to_json(&entry(result))
}

fn entry(r: Result<Evaluation, Vec<ApiError>>) -> BatchEntry {
    match r {
        Ok(e) => BatchEntry::Ok(Box::new(e)),
        Err(errs) => BatchEntry::Err(ErrorEnvelope::new(errs)),
    }
}

/// Parse a JSON array of claims, each on its own: a bad claim is an error (its path prefixed
/// `[i]`) in its place, the others still parse. Not an array: one error envelope as JSON text,
/// with `code` and `expected` naming what the caller takes.
pub fn parse_claim_array(
    text: &str,
    code: &str,
    expected: &str,
) -> Result<Vec<Result<Claim, ApiError>>, String> {
    let values: Vec<serde_json::Value> = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Array(a)) => a,
        Ok(_) => {
            return Err(to_json(&ErrorEnvelope::new(vec![ApiError::new(
                code, expected, "",
            )])))
        }
        Err(e) => {
            return Err(to_json(&ErrorEnvelope::new(vec![ApiError::new(
                "invalid_json",
                e.to_string(),
                "",
            )])))
        }
    };
    Ok(values
        .iter()
        .enumerate()
        .map(|(i, v)| parse_claim(&v.to_string()).map_err(|e| at_index(i, e)))
        .collect())
}

/// An error of the claim at `i` of an array: its path prefixed `[i]` (`[i].serviceDate`, or `[i]`
/// when the error names no field), the same for parse and evaluation errors.
pub fn at_index(i: usize, mut e: ApiError) -> ApiError {
    e.path = if e.path.is_empty() {
        format!("[{i}]")
    } else {
        format!("[{i}].{}", e.path)
    };
    e
}

/// Evaluate a JSON array of claims; a bad claim gives an error entry, the rest still evaluate.
/// Every error path, from parsing or from evaluation (e.g. `date_not_covered`), starts `[i]`.
pub fn evaluate_batch_json(text: &str, catalog: &dyn DrugCatalog) -> String {
    let parsed = match parse_claim_array(text, "invalid_batch", "expected an array of claims") {
        Ok(p) => p,
        Err(envelope) => return envelope,
    };
    let results = parsed
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            entry(r.map_err(|e| vec![e]).and_then(|c| {
                evaluate_claim(&c, catalog)
                    .map_err(|errs| errs.into_iter().map(|e| at_index(i, e)).collect())
            }))
        })
        .collect();
    to_json(&BatchResult {
        status: "ok".to_string(),
        results,
    })
}

/// Serialize an envelope; serialization of these types cannot fail, but never panic if it does.
pub fn to_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|e| {
        format!(
            "{{\"status\":\"error\",\"errors\":[{{\"code\":\"internal\",\"message\":{},\"path\":\"\"}}]}}",
            serde_json::Value::String(e.to_string())
        )
    })
}
