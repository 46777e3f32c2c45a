//! The dated law data: rule sets, parameters, fee-schedule items (codes) and the findings
//! catalogue, read from data/law/*.toml at build time (build.rs) and parsed once at run time.
//!
//! Rule code holds no fee numbers: it asks `param(id, date)` and gets the value with its citation.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::api::{ApiError, Basis, Revision, Text, Used};
use crate::date::IsoDate;
use crate::decimal::Dec;

static LAW_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/law.json"));

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct RevisionSpan {
    pub id: Revision,
    pub title: String,
    pub from: IsoDate,
    pub until: IsoDate,
    pub basis: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Source {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub file: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ParamValue {
    pub from: IsoDate,
    pub until: IsoDate,
    pub value: String,
    pub doc: String,
    pub at: String,
    /// `<file under law/> L<line>`.
    pub law: String,
    /// Text that must appear on that line.
    pub quote: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Param {
    pub id: String,
    /// One of: points, yen, percent, days, count, months, date, ratio.
    pub unit: String,
    pub name: String,
    /// The rule sets it exists in (all when empty); it must cover every date of those.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revisions: Vec<Revision>,
    pub values: Vec<ParamValue>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ItemCode {
    pub from: IsoDate,
    pub until: IsoDate,
    pub code: String,
    pub source: String,
}

/// A billable fee-schedule item: its stable reference, its SSK code(s) and the parameter of its points.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Item {
    pub item: String,
    pub name: String,
    #[serde(default)]
    pub param: Option<String>,
    pub codes: Vec<ItemCode>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct FindingText {
    pub code: String,
    pub ja: String,
    pub en: String,
}

#[derive(Debug, Default, Deserialize)]
struct RawLaw {
    #[serde(default)]
    revision: Vec<RevisionSpan>,
    #[serde(default)]
    source: Vec<Source>,
    #[serde(default)]
    param: Vec<Param>,
    #[serde(default)]
    item: Vec<Item>,
    #[serde(default)]
    finding: Vec<FindingText>,
}

/// All law data, indexed.
#[derive(Debug, Default)]
pub struct Law {
    pub revisions: Vec<RevisionSpan>,
    pub sources: Vec<Source>,
    pub params: Vec<Param>,
    pub items: Vec<Item>,
    pub findings: Vec<FindingText>,
    param_index: HashMap<String, usize>,
    item_index: HashMap<String, usize>,
    code_index: HashMap<String, usize>,
    finding_index: HashMap<String, usize>,
    /// Set when the embedded data failed to parse (a build defect); every evaluation reports it.
    pub load_error: Option<String>,
}

impl Law {
    fn from_json(text: &str) -> Law {
        let raw: RawLaw = match serde_json::from_str(text) {
            Ok(r) => r,
            Err(e) => {
                return Law {
                    load_error: Some(format!("embedded law data is invalid: {e}")),
                    ..Law::default()
                }
            }
        };
        let index = |names: Vec<&str>| -> HashMap<String, usize> {
            names
                .into_iter()
                .enumerate()
                .map(|(i, n)| (n.to_string(), i))
                .collect()
        };
        let param_index = index(raw.param.iter().map(|p| p.id.as_str()).collect());
        let item_index = index(raw.item.iter().map(|p| p.item.as_str()).collect());
        let finding_index = index(raw.finding.iter().map(|p| p.code.as_str()).collect());
        let mut code_index = HashMap::new();
        for (i, it) in raw.item.iter().enumerate() {
            for c in &it.codes {
                code_index.entry(c.code.clone()).or_insert(i);
            }
        }
        Law {
            revisions: raw.revision,
            sources: raw.source,
            params: raw.param,
            items: raw.item,
            findings: raw.finding,
            param_index,
            item_index,
            code_index,
            finding_index,
            load_error: None,
        }
    }

    pub fn param(&self, id: &str) -> Option<&Param> {
        self.param_index.get(id).and_then(|&i| self.params.get(i))
    }

    pub fn item(&self, item: &str) -> Option<&Item> {
        self.item_index.get(item).and_then(|&i| self.items.get(i))
    }

    /// The item an SSK code belongs to.
    pub fn item_by_code(&self, code: &str) -> Option<&Item> {
        self.code_index.get(code).and_then(|&i| self.items.get(i))
    }

    pub fn finding_text(&self, code: &str) -> Option<&FindingText> {
        self.finding_index
            .get(code)
            .and_then(|&i| self.findings.get(i))
    }

    /// The first and last day any rule set covers.
    pub fn covered(&self) -> Option<(IsoDate, IsoDate)> {
        let from = self.revisions.iter().map(|r| r.from).min()?;
        let until = self.revisions.iter().map(|r| r.until).max()?;
        Some((from, until))
    }

    /// The rule set for a date of service, or `date_not_covered` naming the covered range.
    pub fn revision_for(&self, date: IsoDate, path: &str) -> Result<&RevisionSpan, ApiError> {
        if let Some(r) = self
            .revisions
            .iter()
            .find(|r| r.from <= date && date <= r.until)
        {
            return Ok(r);
        }
        let range = match self.covered() {
            Some((a, b)) => format!("{a}..{b}"),
            None => "none".to_string(),
        };
        Err(ApiError::new(
            "date_not_covered",
            format!(
                "date {date} is not covered: santei has rules for dates of service {range} (R06 2024-06-01..2026-05-31, R08 from 2026-06-01)"
            ),
            path,
        ))
    }
}

impl ParamValue {
    pub fn basis(&self) -> Basis {
        Basis {
            doc: self.doc.clone(),
            at: self.at.clone(),
            law: Some(self.law.clone()),
        }
    }
}

impl Param {
    /// The value in force on `date` (the first match; tests forbid overlaps).
    pub fn at(&self, date: IsoDate) -> Option<&ParamValue> {
        self.values
            .iter()
            .find(|v| v.from <= date && date <= v.until)
    }
}

/// A parameter value resolved for a date: what a rule uses, with its citation.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub id: String,
    pub value: Dec,
    pub raw: String,
    pub unit: String,
    pub basis: Basis,
    pub from: IsoDate,
}

impl Resolved {
    pub fn used(&self) -> Used {
        Used {
            param: self.id.clone(),
            value: self.raw.clone(),
            unit: self.unit.clone(),
            from: self.from.to_string(),
        }
    }
}

/// Why the law data could not answer (a data defect, reported as an error envelope).
pub fn missing_param(id: &str, date: IsoDate) -> ApiError {
    ApiError::new(
        "law_data_missing",
        format!("no value of parameter {id} is in force on {date}"),
        "serviceDate",
    )
}

impl Law {
    /// A numeric parameter on a date.
    pub fn number(&self, id: &str, date: IsoDate) -> Result<Resolved, ApiError> {
        let p = self.param(id).ok_or_else(|| missing_param(id, date))?;
        let v = p.at(date).ok_or_else(|| missing_param(id, date))?;
        let value = Dec::parse(&v.value).ok_or_else(|| {
            ApiError::new(
                "law_data_invalid",
                format!("parameter {id} value {:?} is not a number", v.value),
                "serviceDate",
            )
        })?;
        Ok(Resolved {
            id: id.to_string(),
            value,
            raw: v.value.clone(),
            unit: p.unit.clone(),
            basis: v.basis(),
            from: v.from,
        })
    }

    /// A text (e.g. date) parameter on a date.
    pub fn text_param(&self, id: &str, date: IsoDate) -> Result<(String, Basis), ApiError> {
        let p = self.param(id).ok_or_else(|| missing_param(id, date))?;
        let v = p.at(date).ok_or_else(|| missing_param(id, date))?;
        Ok((v.value.clone(), v.basis()))
    }

    /// The SSK code of an item on a date.
    pub fn code(&self, item: &str, date: IsoDate) -> Option<&str> {
        self.item(item)?
            .codes
            .iter()
            .find(|c| c.from <= date && date <= c.until)
            .map(|c| c.code.as_str())
    }

    /// Render a catalogue message with `{name}` placeholders.
    pub fn message(&self, code: &str, args: &[(&str, String)]) -> Text {
        let (ja, en) = match self.finding_text(code) {
            Some(t) => (t.ja.clone(), t.en.clone()),
            None => (
                format!("（メッセージ未登録: {code}）"),
                format!("(no catalogue text for {code})"),
            ),
        };
        let fill = |mut s: String| {
            for (k, v) in args {
                s = s.replace(&format!("{{{k}}}"), v);
            }
            s
        };
        Text {
            ja: fill(ja),
            en: fill(en),
        }
    }
}

/// The law data embedded in this build.
pub fn law() -> &'static Law {
    static LAW: OnceLock<Law> = OnceLock::new();
    LAW.get_or_init(|| Law::from_json(LAW_JSON))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_law_loads() {
        let l = law();
        assert!(l.load_error.is_none(), "{:?}", l.load_error);
        assert!(l.param("F400.3").is_some());
    }

    #[test]
    fn revision_selection_switches_on_2026_06_01() {
        let l = law();
        let d = |s| IsoDate::parse(s).unwrap();
        assert_eq!(
            l.revision_for(d("2026-05-31"), "x").unwrap().id,
            Revision::R06
        );
        assert_eq!(
            l.revision_for(d("2026-06-01"), "x").unwrap().id,
            Revision::R08
        );
        let e = l.revision_for(d("2024-05-31"), "serviceDate").unwrap_err();
        assert_eq!(e.code, "date_not_covered");
        assert!(e.message.contains("2024-06-01"));
    }
}
