//! UKE findings, kept compact: a month's file gives ~100,000 of them, so a finding holds its
//! catalogue code, its arguments and references into the (static) law data, and its message is
//! rendered from the catalogue only when the report is serialised (or `finding()` is asked).
//! The JSON is the same, byte for byte, as the engine's `Finding` plus `date` and `line`.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

use crate::api::{Basis, Finding, MissingFact, Outcome, Severity, Text, Used};
use crate::date::IsoDate;
use crate::decimal::Dec;
use crate::law::{law, FindingText, Law, Param, ParamValue};
use crate::uke::model::Code;

/// An argument of a finding's message.
#[derive(Debug, Clone)]
pub enum Arg {
    Static(&'static str),
    Text(String),
    Int(i64),
    Date(IsoDate),
    Dec(Dec),
    Code(Code),
}

impl fmt::Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Arg::Static(s) => f.write_str(s),
            Arg::Text(s) => f.write_str(s),
            Arg::Int(n) => write!(f, "{n}"),
            Arg::Date(d) => write!(f, "{d}"),
            Arg::Dec(d) => write!(f, "{d}"),
            Arg::Code(c) => f.write_str(c.as_str()),
        }
    }
}

impl From<&'static str> for Arg {
    fn from(s: &'static str) -> Self {
        Arg::Static(s)
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<Code> for Arg {
    fn from(c: Code) -> Self {
        Arg::Code(c)
    }
}
impl From<IsoDate> for Arg {
    fn from(d: IsoDate) -> Self {
        Arg::Date(d)
    }
}
impl From<Dec> for Arg {
    fn from(d: Dec) -> Self {
        Arg::Dec(d)
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Int(n)
    }
}
impl From<u32> for Arg {
    fn from(n: u32) -> Self {
        Arg::Int(i64::from(n))
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

/// A citation: static text from the rule code or the law data (a dynamic one is rare).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cite {
    pub doc: Cow<'static, str>,
    pub at: Cow<'static, str>,
    pub law: Option<&'static str>,
}

/// A parameter value in force on a date, by reference into the law data.
#[derive(Debug, Clone, Copy)]
pub struct ParamRef {
    pub param: &'static Param,
    pub value: &'static ParamValue,
    /// The value as a number.
    pub number: Dec,
}

impl ParamRef {
    /// The numeric parameter `id` in force on `date` (None: no such parameter or value, or
    /// not a number).
    pub fn get(law: &'static Law, id: &str, date: IsoDate) -> Option<ParamRef> {
        let param = law.param(id)?;
        let value = param.at(date)?;
        let number = Dec::parse(value.value)?;
        Some(ParamRef {
            param,
            value,
            number,
        })
    }

    /// The value as written in the law data (e.g. "3").
    pub fn raw(&self) -> &'static str {
        self.value.value
    }

    fn cite(&self) -> Cite {
        Cite {
            doc: Cow::Borrowed(self.value.doc),
            at: Cow::Borrowed(self.value.at),
            law: Some(self.value.law),
        }
    }
}

/// A fact the receipt lacks that would decide the finding (text from the rule code).
#[derive(Debug, Clone)]
pub struct Missing {
    pub path: Cow<'static, str>,
    pub ja: &'static str,
    pub en: &'static str,
}

/// One part of a finding, in the order the rule code added it: all of a finding's parts share
/// one vector (one allocation per finding, not one per kind).
#[derive(Debug, Clone)]
pub enum Part {
    /// A message argument.
    Arg(&'static str, Arg),
    /// A legal basis.
    Cite(Cite),
    /// A parameter used (its citation is a `Cite` part as well).
    Used(ParamRef),
    /// A fact the receipt lacks.
    Missing(Missing),
}

/// Parts a finding has room for at its first part (most have two to five).
const PARTS: usize = 6;

/// A finding on a receipt: what the engine's `Finding` says, plus the day and the file line.
#[derive(Debug, Clone)]
pub struct UkeFinding {
    pub code: Cow<'static, str>,
    pub outcome: Outcome,
    pub severity: Severity,
    /// Arguments, citations, parameters used and missing facts, in the order given.
    pub parts: Vec<Part>,
    /// The catalogue text of `code` (looked up once, when the finding is made).
    text: Option<&'static FindingText>,
    pub date: Option<IsoDate>,
    pub line: Option<u32>,
}

impl UkeFinding {
    /// Start a finding whose text comes from the catalogue (data/law/findings*.toml).
    pub fn new(code: &str, outcome: Outcome, severity: Severity) -> Self {
        // Codes are catalogue codes: borrow the catalogue's copy (no allocation per finding).
        let text = law().finding_text(code);
        let code = match text {
            Some(t) => Cow::Borrowed(t.code),
            None => Cow::Owned(code.to_string()),
        };
        UkeFinding {
            code,
            outcome,
            severity,
            parts: Vec::new(),
            text,
            date: None,
            line: None,
        }
    }
    fn add(&mut self, p: Part) {
        if self.parts.capacity() == 0 {
            self.parts.reserve_exact(PARTS);
        }
        self.parts.push(p);
    }
    pub fn arg(mut self, k: &'static str, v: impl Into<Arg>) -> Self {
        self.add(Part::Arg(k, v.into()));
        self
    }
    /// The message arguments.
    pub fn args(&self) -> impl Iterator<Item = (&'static str, &Arg)> + '_ {
        self.parts.iter().filter_map(|p| match p {
            Part::Arg(k, v) => Some((*k, v)),
            _ => None,
        })
    }
    /// The legal basis, in order.
    pub fn basis(&self) -> impl Iterator<Item = &Cite> + '_ {
        self.parts.iter().filter_map(|p| match p {
            Part::Cite(c) => Some(c),
            _ => None,
        })
    }
    /// The parameters used, in order.
    pub fn used(&self) -> impl Iterator<Item = &ParamRef> + '_ {
        self.parts.iter().filter_map(|p| match p {
            Part::Used(u) => Some(u),
            _ => None,
        })
    }
    /// The missing facts, in order.
    pub fn missing_facts(&self) -> impl Iterator<Item = &Missing> + '_ {
        self.parts.iter().filter_map(|p| match p {
            Part::Missing(m) => Some(m),
            _ => None,
        })
    }
    fn cite_once(mut self, b: Cite) -> Self {
        if !self.basis().any(|c| *c == b) {
            self.add(Part::Cite(b));
        }
        self
    }
    /// Cite a document location that is not a parameter (e.g. a 通知 paragraph).
    pub fn cite(self, doc: &'static str, at: &'static str, law: Option<&'static str>) -> Self {
        self.cite_once(Cite {
            doc: Cow::Borrowed(doc),
            at: Cow::Borrowed(at),
            law,
        })
    }
    /// Cite with text made at run time.
    pub fn cite_owned(self, doc: String, at: String) -> Self {
        self.cite_once(Cite {
            doc: Cow::Owned(doc),
            at: Cow::Owned(at),
            law: None,
        })
    }
    /// Record a parameter used (and cite it).
    pub fn uses(mut self, p: &ParamRef) -> Self {
        self.add(Part::Used(*p));
        self.cite_once(p.cite())
    }
    pub fn missing(
        mut self,
        path: impl Into<Cow<'static, str>>,
        ja: &'static str,
        en: &'static str,
    ) -> Self {
        self.add(Part::Missing(Missing {
            path: path.into(),
            ja,
            en,
        }));
        self
    }
    /// Where it points in the file (the last step: the parts are trimmed to their number).
    pub fn at(mut self, date: Option<IsoDate>, line: Option<u32>) -> Self {
        self.date = date;
        self.line = line;
        self.parts.shrink_to_fit();
        self
    }

    fn message(&self) -> Message<'_> {
        Message {
            law: law(),
            code: &self.code,
            text: self.text,
            parts: &self.parts,
        }
    }

    /// The engine's `Finding` (message rendered).
    pub fn finding(&self) -> Finding {
        let msg = self.message();
        Finding {
            code: self.code.to_string(),
            outcome: self.outcome,
            severity: self.severity,
            message: Text {
                ja: msg.render(Lang::Ja),
                en: msg.render(Lang::En),
            },
            basis: self.basis().map(Cite::to_basis).collect(),
            used: self.used().map(|p| p.to_used()).collect(),
            missing_facts: self
                .missing_facts()
                .map(|m| MissingFact {
                    path: m.path.to_string(),
                    message: Text {
                        ja: m.ja.to_string(),
                        en: m.en.to_string(),
                    },
                })
                .collect(),
            hint: None,
            prescription_id: None,
        }
    }
}

impl Cite {
    fn to_basis(&self) -> Basis {
        Basis {
            doc: self.doc.to_string(),
            at: self.at.to_string(),
            law: self.law.map(str::to_string),
        }
    }
}

impl ParamRef {
    fn to_used(self) -> Used {
        Used {
            param: self.param.id.to_string(),
            value: self.value.value.to_string(),
            unit: self.param.unit.to_string(),
            from: self.value.from.to_string(),
        }
    }
}

#[derive(Clone, Copy)]
enum Lang {
    Ja,
    En,
}

/// A catalogue message with its arguments, rendered on demand.
struct Message<'a> {
    law: &'static Law,
    code: &'a str,
    /// The catalogue text of `code`, when known.
    text: Option<&'static FindingText>,
    parts: &'a [Part],
}

impl<'a> Message<'a> {
    fn args(&self) -> impl Iterator<Item = (&'static str, &'a Arg)> + 'a {
        self.parts.iter().filter_map(|p| match p {
            Part::Arg(k, v) => Some((*k, v)),
            _ => None,
        })
    }
}

impl Message<'_> {
    fn render(&self, lang: Lang) -> String {
        let mut s = String::new();
        let _ = write!(s, "{}", Rendered { msg: self, lang });
        s
    }
}

struct Rendered<'a, 'b> {
    msg: &'a Message<'b>,
    lang: Lang,
}

impl fmt::Display for Rendered<'_, '_> {
    /// `{name}` placeholders filled in one pass. The engine's `Law::message` replaces each
    /// argument in turn over the whole text; the two agree unless an argument's value itself
    /// holds a `{placeholder}` (text from the file can), and then that exact path is taken.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.msg;
        let Some(text) = m.text else {
            return f.write_str(&self.slow());
        };
        let template = match self.lang {
            Lang::Ja => text.ja,
            Lang::En => text.en,
        };
        if m.args().any(|(_, a)| match a {
            Arg::Text(s) => s.contains('{'),
            Arg::Static(s) => s.contains('{'),
            _ => false,
        }) {
            return f.write_str(&self.slow());
        }
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let (before, after) = rest.split_at(open);
            f.write_str(before)?;
            let tail = after.get(1..).unwrap_or("");
            let close = tail.find('}');
            let arg = close.and_then(|c| {
                let name = tail.get(..c)?;
                m.args().find(|(k, _)| *k == name).map(|(_, v)| (c, v))
            });
            match arg {
                Some((c, v)) => {
                    write!(f, "{v}")?;
                    rest = tail.get(c.saturating_add(1)..).unwrap_or("");
                }
                None => {
                    f.write_str("{")?;
                    rest = tail;
                }
            }
        }
        f.write_str(rest)
    }
}

impl Rendered<'_, '_> {
    /// The engine's own rendering (argument by argument).
    fn slow(&self) -> String {
        let m = self.msg;
        let args: Vec<(&str, String)> = m.args().map(|(k, v)| (k, v.to_string())).collect();
        let t = m.law.message(m.code, &args);
        match self.lang {
            Lang::Ja => t.ja,
            Lang::En => t.en,
        }
    }
}

/// `{"ja":..,"en":..}` written straight into the output.
struct MessageJson<'a>(Message<'a>);

impl Serialize for MessageJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Text", 2)?;
        st.serialize_field(
            "ja",
            &Collect(Rendered {
                msg: &self.0,
                lang: Lang::Ja,
            }),
        )?;
        st.serialize_field(
            "en",
            &Collect(Rendered {
                msg: &self.0,
                lang: Lang::En,
            }),
        )?;
        st.end()
    }
}

/// A `Display` serialised as a string without an intermediate `String` (serde_json escapes
/// as it writes).
struct Collect<T>(T);

impl<T: fmt::Display> Serialize for Collect<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

struct CiteJson<'a>(&'a Cite);

impl Serialize for CiteJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let mut st = s.serialize_struct("Basis", 3)?;
        st.serialize_field("doc", &*c.doc)?;
        st.serialize_field("at", &*c.at)?;
        if let Some(l) = c.law {
            st.serialize_field("law", l)?;
        }
        st.end()
    }
}

struct UsedJson<'a>(&'a ParamRef);

impl Serialize for UsedJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = self.0;
        let mut st = s.serialize_struct("Used", 4)?;
        st.serialize_field("param", &p.param.id)?;
        st.serialize_field("value", &p.value.value)?;
        st.serialize_field("unit", &p.param.unit)?;
        st.serialize_field("from", &p.value.from)?;
        st.end()
    }
}

struct MissingJson<'a>(&'a Missing);

impl Serialize for MissingJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let m = self.0;
        let mut st = s.serialize_struct("MissingFact", 2)?;
        st.serialize_field("path", &*m.path)?;
        st.serialize_field("message", &Text2 { ja: m.ja, en: m.en })?;
        st.end()
    }
}

#[derive(Serialize)]
struct Text2 {
    ja: &'static str,
    en: &'static str,
}

/// The parts of one kind serialised in order through a wrapper.
struct Seq<'a, W>(&'a [Part], fn(&'a Part) -> Option<W>);

impl<'a, W: Serialize> Serialize for Seq<'a, W> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().filter_map(self.1))
    }
}

impl Serialize for UkeFinding {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("UkeFinding", 10)?;
        st.serialize_field("code", &*self.code)?;
        st.serialize_field("outcome", &self.outcome)?;
        st.serialize_field("severity", &self.severity)?;
        st.serialize_field("message", &MessageJson(self.message()))?;
        st.serialize_field(
            "basis",
            &Seq(&self.parts, |p| match p {
                Part::Cite(c) => Some(CiteJson(c)),
                _ => None,
            }),
        )?;
        st.serialize_field(
            "used",
            &Seq(&self.parts, |p| match p {
                Part::Used(u) => Some(UsedJson(u)),
                _ => None,
            }),
        )?;
        st.serialize_field(
            "missingFacts",
            &Seq(&self.parts, |p| match p {
                Part::Missing(m) => Some(MissingJson(m)),
                _ => None,
            }),
        )?;
        st.serialize_field("hint", &Option::<Text>::None)?;
        if let Some(d) = &self.date {
            st.serialize_field("date", d)?;
        }
        if let Some(l) = &self.line {
            st.serialize_field("line", l)?;
        }
        st.end()
    }
}
