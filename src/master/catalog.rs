//! The drug catalogue: SSK 医薬品マスター versions, MHLW 一般名処方マスタ editions and MHLW
//! 後発医薬品 lists, each dated, answering "what is this drug on this date, and per which release".
//!
//! Dating (a release is in force from its date until the next release of the same master):
//! - SSK drug master: releases are applied in date order (full file, then change files). For a date
//!   of service D the release in force is the last one dated ≤ D (the first one for earlier dates);
//!   the drug's facts are its version in force on D (変更年月日 col 30 ≤ D) among the records of
//!   releases up to that one; a drug whose 廃止年月日 (col 31) is before D is not found.
//! - 一般名処方マスタ: the edition dated ≤ D decides the 加算 flag (listed with 加算1 / 加算1,2;
//!   on the 削除リスト or not listed: none). Before the earliest edition, the SSK col 39 flag.
//! - 後発医薬品 list: the edition dated ≤ D (the earliest for earlier dates) gives 後発品の有無
//!   (col 4: 1 originator without generic, 2/☆ originator with one, 3/★ generic) and, by the
//!   「［…後続N］」 tag of 成分名, biosimilars and the originators they follow.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use serde::Serialize;

use super::compact;
use super::read::{self, Kind, ReadError, Row};
use super::{DrugCatalog, Lookup};
use crate::api::{AdditionFlag, DrugRef, MasterRef, Route};
use crate::date::IsoDate;
use crate::decimal::Dec;

/// A master release: its kind, date and the file it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Release {
    pub kind: &'static str,
    pub release: IsoDate,
    pub source: String,
    pub rows: usize,
}

/// One SSK drug record as santei keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct DrugRec {
    name: String,
    unit: String,
    /// 金額種別 (col 11): 1 = yen.
    price_kind: String,
    price: String,
    /// 麻薬・毒薬・覚醒剤原料・向精神薬 (col 14): 0 none, 1 麻薬, 2 毒薬, 3 覚醒剤原料, 5 向精神薬.
    narcotic: String,
    /// 後発品 (col 17): 1 = 後発医薬品.
    generic: String,
    /// 剤形 (col 28): 1 内用, 3 その他, 4 注射, 6 外用, 8 歯科用.
    form: String,
    yj: String,
    generic_code: String,
    notation: String,
    /// 一般名処方加算対象区分 (col 39): 0 none, 1 加算1 only, 2 加算1・2.
    flag: String,
}

#[derive(Debug, Clone)]
struct DrugVersion {
    /// Index into `ssk_releases`.
    release: usize,
    from: IsoDate,
    /// `None`: abolished from `from` on.
    rec: Option<Arc<DrugRec>>,
}

#[derive(Debug, Clone, PartialEq)]
struct IppEntry {
    kubun: String,
    notation: String,
    ingredient: String,
    flag: AdditionFlag,
}

/// One edition of the 一般名処方マスタ.
#[derive(Debug, Clone)]
struct Edition {
    release: Release,
    entries: HashMap<String, IppEntry>,
    deleted: HashSet<String>,
    /// 例外コード products: YJ → 一般名コード.
    exceptions: HashMap<String, String>,
    /// 一般名コード → its 例外コード products' YJ codes.
    groups: HashMap<String, Vec<String>>,
}

#[derive(Debug, Clone)]
struct GeRow {
    ingredient: String,
    mark: String,
    excluded: bool,
}

/// One edition of the 後発医薬品に関する情報 list.
#[derive(Debug, Clone)]
struct GeEdition {
    release: Release,
    rows: HashMap<String, GeRow>,
    /// 成分名 bases (before 「［」) that have a biosimilar in this edition.
    with_biosimilar: HashSet<String>,
}

/// A procedure or comment code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeEntry {
    pub code: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<Dec>,
    pub from: Option<IsoDate>,
    pub until: Option<IsoDate>,
    pub release: IsoDate,
}

/// One search result for the page's drug search.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Hit {
    pub drug: DrugRef,
    /// 一般名処方の標準的な記載 (【般】…).
    pub notation: Option<String>,
    pub masters: Vec<MasterRef>,
}

/// Every master release loaded, dated. Cloning is cheap enough to build-then-swap on load.
#[derive(Debug, Clone, Default)]
pub struct MasterCatalog {
    ssk_releases: Vec<Release>,
    drugs: HashMap<String, Vec<DrugVersion>>,
    by_yj: HashMap<String, Vec<String>>,
    by_generic_code: HashMap<String, Vec<String>>,
    ippanmei: Vec<Edition>,
    ge: Vec<GeEdition>,
    procedures: HashMap<String, CodeEntry>,
    comments: HashMap<String, CodeEntry>,
    others: Vec<Release>,
    index: OnceLock<Arc<Vec<(String, String)>>>,
}

/// A load error with its place, for `loadMaster` and `--master`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub kind: String,
    pub error: ReadError,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.kind, self.error)
    }
}

fn err(line: usize, column: usize, msg: impl Into<String>) -> ReadError {
    ReadError::new(line, column, msg)
}

fn compact_date(row: &Row, col: usize) -> Result<Option<IsoDate>, ReadError> {
    let s = row.col(col);
    if s.is_empty() || s == "99999999" || s == "0" {
        return Ok(None);
    }
    IsoDate::parse_compact(s).map(Some).ok_or_else(|| {
        err(
            row.line,
            col,
            format!("expected a date YYYYMMDD, got {s:?}"),
        )
    })
}

/// Strip 「［…］」 tags (e.g. 「［アダリムマブ後続１］」) and spaces: the 一般的名称.
fn ingredient_base(s: &str) -> String {
    s.split('［').next().unwrap_or(s).trim().to_string()
}

impl MasterCatalog {
    pub fn new() -> Self {
        Self::default()
    }

    /// The catalogue built from the compact form (see [`compact`]).
    pub fn from_compact(bytes: &[u8]) -> Result<Self, LoadError> {
        let mut c = Self::new();
        c.apply_compact(bytes)?;
        Ok(c)
    }

    fn apply_compact(&mut self, bytes: &[u8]) -> Result<(), LoadError> {
        let sections = compact::read(bytes).map_err(|error| LoadError {
            kind: "catalog".to_string(),
            error,
        })?;
        for s in sections {
            let date = IsoDate::parse(&s.release).ok_or_else(|| LoadError {
                kind: "catalog".to_string(),
                error: err(0, 3, format!("bad release date {:?}", s.release)),
            })?;
            self.apply_rows(s.kind, date, &s.source, &s.rows)
                .map_err(|error| LoadError {
                    kind: "catalog".to_string(),
                    error,
                })?;
        }
        Ok(())
    }

    /// Load one master file (as downloaded) on top of this catalogue, returning the new one.
    /// `kind` "catalog" replaces everything with a compact catalogue. `release` dates the file;
    /// for SSK drug files it defaults to the latest 変更年月日 in the file.
    pub fn with_master(
        &self,
        kind: &str,
        bytes: &[u8],
        release: Option<IsoDate>,
        source: &str,
    ) -> Result<Self, LoadError> {
        let lerr = |error: ReadError| LoadError {
            kind: kind.to_string(),
            error,
        };
        if kind == "catalog" {
            return Self::from_compact(bytes);
        }
        let k = Kind::parse(kind).ok_or_else(|| {
            lerr(err(
                0,
                0,
                format!(
                    "unknown master kind {kind:?}: expected catalog, ssk-drug, mhlw-ippanmei, mhlw-ge, ssk-procedure or ssk-comment"
                ),
            ))
        })?;
        let rows = read::source_rows(k, bytes).map_err(lerr)?;
        let release = match release {
            Some(r) => r,
            None if matches!(k, Kind::SskDrug | Kind::SskProcedure | Kind::SskComment) => {
                let col = match k {
                    Kind::SskDrug => 30,
                    Kind::SskProcedure => 87,
                    _ => 21,
                };
                let mut latest = None;
                for r in &rows {
                    if let Some(d) = compact_date(r, col).map_err(lerr)? {
                        latest = latest.max(Some(d));
                    }
                }
                latest.ok_or_else(|| lerr(err(0, col, "no date in the file: give the release date")))?
            }
            None => {
                return Err(lerr(err(
                    0,
                    0,
                    "the release date of this master is unknown: give it (YYYY-MM-DD, or a file name with the date)",
                )))
            }
        };
        let mut next = self.clone();
        next.apply_rows(k, release, source, &rows).map_err(lerr)?;
        Ok(next)
    }

    fn apply_rows(
        &mut self,
        kind: Kind,
        date: IsoDate,
        source: &str,
        rows: &[Row],
    ) -> Result<(), ReadError> {
        self.index = OnceLock::new();
        let release = Release {
            kind: kind.name(),
            release: date,
            source: source.to_string(),
            rows: rows.len(),
        };
        match kind {
            Kind::SskDrug => self.apply_ssk_drug(release, rows),
            Kind::MhlwIppanmei => self.apply_ippanmei(release, rows),
            Kind::MhlwGe => self.apply_ge(release, rows),
            Kind::SskProcedure | Kind::SskComment => self.apply_codes(kind, release, rows),
        }
    }

    fn apply_ssk_drug(&mut self, release: Release, rows: &[Row]) -> Result<(), ReadError> {
        if let Some(last) = self.ssk_releases.last() {
            if release.release <= last.release {
                return Err(err(
                    0,
                    0,
                    format!(
                        "SSK drug release {} is not newer than the loaded {} ({}): releases apply in date order",
                        release.release, last.release, last.source
                    ),
                ));
            }
        }
        let ri = self.ssk_releases.len();
        self.ssk_releases.push(release);
        for r in rows {
            let code = r.col(3);
            if code.len() != 9 || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err(
                    r.line,
                    3,
                    format!("医薬品コード must be 9 digits, got {code:?}"),
                ));
            }
            let change = r.col(1);
            let from = compact_date(r, 30)?;
            let until = compact_date(r, 31)?;
            match change {
                "0" | "3" | "5" => {
                    let full = !r.col(5).is_empty();
                    let base = self.latest_rec(code);
                    let rec = if full {
                        rec_from_row(r)?
                    } else {
                        let mut rec = (*base.ok_or_else(|| {
                            err(
                                r.line,
                                3,
                                format!("a change (変更区分 5) to drug {code}, which no loaded release lists"),
                            )
                        })?)
                        .clone();
                        patch_rec(&mut rec, r)?;
                        rec
                    };
                    let from = from.ok_or_else(|| err(r.line, 30, "変更年月日 is missing"))?;
                    let same = self.latest_rec(code).is_some_and(|b| *b == rec);
                    let versions = self.drugs.entry(code.to_string()).or_default();
                    if !same || versions.is_empty() {
                        insert_version(
                            versions,
                            DrugVersion {
                                release: ri,
                                from,
                                rec: Some(Arc::new(rec.clone())),
                            },
                        );
                    }
                    if !rec.yj.is_empty() {
                        let v = self.by_yj.entry(rec.yj.clone()).or_default();
                        if !v.iter().any(|c| c == code) {
                            v.push(code.to_string());
                        }
                    }
                    if !rec.generic_code.is_empty() {
                        let v = self
                            .by_generic_code
                            .entry(rec.generic_code.clone())
                            .or_default();
                        if !v.iter().any(|c| c == code) {
                            v.push(code.to_string());
                        }
                    }
                    if let Some(u) = until {
                        self.abolish(code, u, ri);
                    }
                }
                "9" => {
                    if !self.drugs.contains_key(code) {
                        return Err(err(
                            r.line,
                            3,
                            format!("abolition (変更区分 9) of drug {code}, which no loaded release lists"),
                        ));
                    }
                    let u = until.ok_or_else(|| err(r.line, 31, "廃止年月日 is missing"))?;
                    self.abolish(code, u, ri);
                }
                "1" => {
                    // 抹消: the record is withdrawn as if never listed.
                    self.drugs.remove(code);
                }
                other => {
                    return Err(err(
                        r.line,
                        1,
                        format!("変更区分 must be 0, 1, 3, 5 or 9, got {other:?}"),
                    ))
                }
            }
        }
        Ok(())
    }

    fn abolish(&mut self, code: &str, until: IsoDate, ri: usize) {
        if let (Some(v), Some(from)) = (self.drugs.get_mut(code), until.next_day()) {
            insert_version(
                v,
                DrugVersion {
                    release: ri,
                    from,
                    rec: None,
                },
            );
        }
    }

    fn latest_rec(&self, code: &str) -> Option<Arc<DrugRec>> {
        self.drugs
            .get(code)?
            .iter()
            .rev()
            .find_map(|v| v.rec.clone())
    }

    fn apply_ippanmei(&mut self, release: Release, rows: &[Row]) -> Result<(), ReadError> {
        let mut ed = Edition {
            release,
            entries: HashMap::new(),
            deleted: HashSet::new(),
            exceptions: HashMap::new(),
            groups: HashMap::new(),
        };
        for r in rows {
            let kubun = r.col(1);
            let code = r.col(2);
            if code.len() != 12 {
                return Err(err(
                    r.line,
                    2,
                    format!("一般名コード must be 12 characters, got {code:?}"),
                ));
            }
            match kubun {
                "削除リスト" => {
                    ed.deleted.insert(code.to_string());
                    continue;
                }
                "内用薬" | "外用薬" | "注射薬" => {}
                other => {
                    return Err(err(
                        r.line,
                        1,
                        format!("区分 must be 内用薬, 外用薬, 注射薬 or 削除リスト, got {other:?}"),
                    ))
                }
            }
            let flag = match r.col(6).replace(['，', ' '], ",").as_str() {
                "加算1,2" | "加算１,２" => AdditionFlag::OneAndTwo,
                "加算1" | "加算１" => AdditionFlag::One,
                "" => AdditionFlag::None,
                other => {
                    return Err(err(
                        r.line,
                        6,
                        format!("一般名処方加算対象 must be 加算1 or 加算1,2, got {other:?}"),
                    ))
                }
            };
            ed.entries
                .entry(code.to_string())
                .or_insert_with(|| IppEntry {
                    kubun: kubun.to_string(),
                    notation: r.col(3).to_string(),
                    ingredient: r.col(4).to_string(),
                    flag,
                });
            let yj = r.col(10);
            if !yj.is_empty() {
                if yj.len() != 12 {
                    return Err(err(
                        r.line,
                        10,
                        format!("例外コードの薬価基準収載医薬品コード must be 12 characters, got {yj:?}"),
                    ));
                }
                ed.exceptions.insert(yj.to_string(), code.to_string());
                ed.groups
                    .entry(code.to_string())
                    .or_default()
                    .push(yj.to_string());
            }
        }
        let date = ed.release.release;
        self.ippanmei.retain(|e| e.release.release != date);
        self.ippanmei.push(ed);
        crate::sort::sort_by_key(&mut self.ippanmei, |e| e.release.release);
        Ok(())
    }

    fn apply_ge(&mut self, release: Release, rows: &[Row]) -> Result<(), ReadError> {
        let mut ed = GeEdition {
            release,
            rows: HashMap::new(),
            with_biosimilar: HashSet::new(),
        };
        for r in rows {
            let yj = r.col(1);
            if yj.len() != 12 {
                return Err(err(
                    r.line,
                    1,
                    format!("薬価基準収載医薬品コード must be 12 characters, got {yj:?}"),
                ));
            }
            let mark = r.col(4).trim();
            if !matches!(mark, "" | "1" | "2" | "3" | "★" | "☆") {
                return Err(err(
                    r.line,
                    4,
                    format!("後発医薬品の有無 must be 1, 2, 3, ★ or ☆, got {mark:?}"),
                ));
            }
            let ingredient = r.col(2).to_string();
            if ingredient.contains("後続") {
                ed.with_biosimilar.insert(ingredient_base(&ingredient));
            }
            ed.rows.insert(
                yj.to_string(),
                GeRow {
                    ingredient,
                    mark: mark.to_string(),
                    excluded: !r.col(8).trim().is_empty(),
                },
            );
        }
        let date = ed.release.release;
        self.ge.retain(|e| e.release.release != date);
        self.ge.push(ed);
        crate::sort::sort_by_key(&mut self.ge, |e| e.release.release);
        Ok(())
    }

    fn apply_codes(&mut self, kind: Kind, release: Release, rows: &[Row]) -> Result<(), ReadError> {
        let (code_col, name_col, from_col, until_col) = match kind {
            Kind::SskProcedure => (3, 5, 87, 88),
            _ => (23, 7, 21, 22),
        };
        let mut table = if kind == Kind::SskProcedure {
            self.procedures.clone()
        } else {
            self.comments.clone()
        };
        for r in rows {
            let code = r.col(code_col);
            if code.len() != 9 || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err(
                    r.line,
                    code_col,
                    format!("code must be 9 digits, got {code:?}"),
                ));
            }
            if r.col(1) == "1" {
                table.remove(code);
                continue;
            }
            let points = if kind == Kind::SskProcedure && r.col(11) == "3" {
                Some(Dec::parse(r.col(12)).ok_or_else(|| {
                    err(
                        r.line,
                        12,
                        format!("点数 must be a number, got {:?}", r.col(12)),
                    )
                })?)
            } else {
                None
            };
            table.insert(
                code.to_string(),
                CodeEntry {
                    code: code.to_string(),
                    name: r.col(name_col).to_string(),
                    points,
                    from: compact_date(r, from_col)?,
                    until: compact_date(r, until_col)?,
                    release: release.release,
                },
            );
        }
        if kind == Kind::SskProcedure {
            self.procedures = table;
        } else {
            self.comments = table;
        }
        self.others
            .retain(|o| !(o.kind == release.kind && o.release == release.release));
        self.others.push(release);
        Ok(())
    }

    // -----------------------------------------------------------------------------------------
    // Queries
    // -----------------------------------------------------------------------------------------

    /// All releases loaded, in kind and date order.
    pub fn release_list(&self) -> Vec<Release> {
        let mut v = self.ssk_releases.clone();
        v.extend(self.ippanmei.iter().map(|e| e.release.clone()));
        v.extend(self.ge.iter().map(|e| e.release.clone()));
        v.extend(self.others.iter().cloned());
        v
    }

    /// The latest release date of any master loaded (the default date of a search).
    pub fn latest_date(&self) -> Option<IsoDate> {
        self.release_list().iter().map(|r| r.release).max()
    }

    /// Number of drug codes the SSK master lists (any date).
    pub fn drug_count(&self) -> usize {
        self.drugs.len()
    }

    /// A procedure code of the SSK 医科診療行為マスター.
    pub fn procedure(&self, code: &str) -> Option<&CodeEntry> {
        self.procedures.get(code)
    }

    /// A comment code of the SSK コメントマスター.
    pub fn comment(&self, code: &str) -> Option<&CodeEntry> {
        self.comments.get(code)
    }

    fn ssk_release_at(&self, date: IsoDate) -> Option<usize> {
        if self.ssk_releases.is_empty() {
            return None;
        }
        Some(
            self.ssk_releases
                .iter()
                .rposition(|r| r.release <= date)
                .unwrap_or(0),
        )
    }

    /// The SSK record of `code` in force on `date`, with the release in force.
    fn ssk_at(&self, code: &str, date: IsoDate) -> Option<(Arc<DrugRec>, usize)> {
        let ri = self.ssk_release_at(date)?;
        let versions = self.drugs.get(code)?;
        let v = versions
            .iter()
            .rfind(|v| v.release <= ri && v.from <= date)?;
        v.rec.clone().map(|r| (r, ri))
    }

    fn ippanmei_at(&self, date: IsoDate) -> Option<&Edition> {
        self.ippanmei
            .iter()
            .rev()
            .find(|e| e.release.release <= date)
    }

    fn ge_at(&self, date: IsoDate) -> Option<&GeEdition> {
        self.ge
            .iter()
            .rev()
            .find(|e| e.release.release <= date)
            .or_else(|| self.ge.first())
    }

    fn ssk_ref(&self, ri: usize) -> Option<MasterRef> {
        self.ssk_releases.get(ri).map(|r| MasterRef {
            name: Kind::SskDrug.name().to_string(),
            release: r.release.to_string(),
        })
    }

    fn latest_release_name(&self, date: IsoDate) -> String {
        self.ssk_release_at(date)
            .and_then(|ri| self.ssk_releases.get(ri))
            .map_or_else(|| "none loaded".to_string(), |r| r.release.to_string())
    }

    /// Facts of an SSK drug on `date`.
    fn facts_for_code(&self, code: &str, date: IsoDate) -> Option<(DrugRef, Vec<MasterRef>)> {
        let (rec, ri) = self.ssk_at(code, date)?;
        let mut refs: Vec<MasterRef> = self.ssk_ref(ri).into_iter().collect();
        let mut d = DrugRef {
            code: Some(code.to_string()),
            yj: (!rec.yj.is_empty()).then(|| rec.yj.clone()),
            name: Some(rec.name.clone()),
            unit: (!rec.unit.is_empty()).then(|| rec.unit.clone()),
            unit_price: if rec.price_kind == "1" {
                Dec::parse(&rec.price)
            } else {
                None
            },
            narcotic_etc: Some(!matches!(rec.narcotic.as_str(), "0" | "")),
            generic: Some(rec.generic == "1"),
            route: route_of_form(&rec.form),
            ..DrugRef::default()
        };
        let ed = self.ippanmei_at(date);
        let gc = if !rec.generic_code.is_empty() {
            Some(rec.generic_code.clone())
        } else {
            ed.and_then(|e| e.exceptions.get(&rec.yj).cloned())
        };
        d.generic_code = gc.clone();
        // 一般名処方加算 flag: the edition in force; before the first edition, SSK col 39.
        match ed {
            Some(e) => {
                let entry = gc.as_ref().and_then(|g| e.entries.get(g));
                d.addition_flag = Some(match entry {
                    Some(en) if gc.as_ref().is_some_and(|g| !e.deleted.contains(g)) => en.flag,
                    _ => AdditionFlag::None,
                });
                push_ref(&mut refs, &e.release);
            }
            None => {
                d.addition_flag = Some(match rec.flag.as_str() {
                    "2" => AdditionFlag::OneAndTwo,
                    "1" => AdditionFlag::One,
                    _ => AdditionFlag::None,
                });
            }
        }
        // 一般的名称: the 一般名処方マスタ 成分名 (edition in force, else any that lists the code).
        if let Some(g) = &gc {
            d.generic_name = ed
                .and_then(|e| e.entries.get(g))
                .or_else(|| self.ippanmei.iter().rev().find_map(|e| e.entries.get(g)))
                .map(|en| ingredient_base(&en.ingredient));
        }
        if let Some(ge) = self.ge_at(date) {
            if let Some(row) = ge.rows.get(&rec.yj) {
                push_ref(&mut refs, &ge.release);
                apply_ge(&mut d, row, ge);
                if d.biosimilar == Some(true) {
                    d.originator = self.originator_of(&rec.yj, gc.as_deref(), date);
                }
            }
        }
        Some((d, refs))
    }

    /// The originator of a biosimilar: the product of its 一般名処方マスタ 例外コード group that
    /// the 後発医薬品 list marks as an originator (col 4 = 2 or ☆).
    fn originator_of(&self, yj: &str, gc: Option<&str>, date: IsoDate) -> Option<String> {
        let ge = self.ge_at(date)?;
        let group = self
            .ippanmei_at(date)
            .and_then(|e| gc.and_then(|g| e.groups.get(g)))
            .or_else(|| {
                self.ippanmei
                    .iter()
                    .rev()
                    .find_map(|e| e.exceptions.get(yj).and_then(|g| e.groups.get(g)))
            })?;
        group
            .iter()
            .filter(|y| {
                ge.rows
                    .get(y.as_str())
                    .is_some_and(|r| matches!(r.mark.as_str(), "2" | "☆"))
            })
            .find_map(|y| {
                self.by_yj
                    .get(y)
                    .and_then(|codes| codes.iter().find_map(|c| self.ssk_at(c, date)))
                    .map(|(r, _)| r.name.clone())
            })
    }

    /// Facts for a 一般名コード alone (a drug written by generic name).
    fn facts_for_generic_code(&self, gc: &str, date: IsoDate) -> Option<(DrugRef, Vec<MasterRef>)> {
        let ed = self.ippanmei_at(date);
        let mut refs = Vec::new();
        let mut d = DrugRef {
            generic_code: Some(gc.to_string()),
            ..DrugRef::default()
        };
        if let Some((e, en)) = ed.and_then(|e| e.entries.get(gc).map(|en| (e, en))) {
            push_ref(&mut refs, &e.release);
            d.name = Some(en.notation.clone());
            d.generic_name = Some(ingredient_base(&en.ingredient));
            d.route = match en.kubun.as_str() {
                "内用薬" => Some(Route::Internal),
                "外用薬" => Some(Route::External),
                "注射薬" => Some(Route::Injection),
                _ => None,
            };
            d.addition_flag = Some(if e.deleted.contains(gc) {
                AdditionFlag::None
            } else {
                en.flag
            });
            if en.kubun == "注射薬" {
                let bio = self.ge_at(date).is_some_and(|ge| {
                    ge.with_biosimilar
                        .contains(&ingredient_base(&en.ingredient))
                }) || en.ingredient.contains("遺伝子組換え");
                if bio {
                    d.biologic = Some(true);
                    d.has_biosimilar = Some(true);
                }
            }
            return Some((d, refs));
        }
        // Not in the edition in force (or before the first edition): an SSK product that carries
        // the code gives its notation and col 39 flag.
        let codes = self.by_generic_code.get(gc)?;
        let (rec, ri) = codes.iter().find_map(|c| self.ssk_at(c, date))?;
        refs.extend(self.ssk_ref(ri));
        d.name = (!rec.notation.is_empty()).then(|| rec.notation.clone());
        d.route = route_of_form(&rec.form);
        d.addition_flag = Some(match (ed, rec.flag.as_str()) {
            (Some(e), _) => {
                push_ref(&mut refs, &e.release);
                AdditionFlag::None
            }
            (None, "2") => AdditionFlag::OneAndTwo,
            (None, "1") => AdditionFlag::One,
            _ => AdditionFlag::None,
        });
        d.generic_name = self
            .ippanmei
            .iter()
            .rev()
            .find_map(|e| e.entries.get(gc))
            .map(|en| ingredient_base(&en.ingredient));
        Some((d, refs))
    }

    /// The drug's facts on `date` and the releases they came from.
    pub fn facts(&self, drug: &DrugRef, date: IsoDate) -> Lookup {
        if let Some(code) = drug.code.as_deref() {
            return match self.facts_for_code(code, date) {
                Some((d, r)) => Lookup::Found(Box::new(d), r),
                None => Lookup::NotFound {
                    key: code.to_string(),
                    release: self.latest_release_name(date),
                },
            };
        }
        if let Some(yj) = drug.yj.as_deref() {
            let hit = self.by_yj.get(yj).and_then(|codes| {
                let mut cs: Vec<&String> = codes.iter().collect();
                // Prefer the plain product over its 選定療養 (67…) twin.
                crate::sort::sort_by_key(&mut cs, |c| c.starts_with("67"));
                cs.into_iter().find_map(|c| self.facts_for_code(c, date))
            });
            return match hit {
                Some((d, r)) => Lookup::Found(Box::new(d), r),
                None => Lookup::NotFound {
                    key: yj.to_string(),
                    release: self.latest_release_name(date),
                },
            };
        }
        if let Some(gc) = drug.generic_code.as_deref() {
            return match self.facts_for_generic_code(gc, date) {
                Some((d, r)) => Lookup::Found(Box::new(d), r),
                None => Lookup::NotFound {
                    key: gc.to_string(),
                    release: self.ippanmei_at(date).map_or_else(
                        || self.latest_release_name(date),
                        |e| e.release.release.to_string(),
                    ),
                },
            };
        }
        Lookup::NoCode
    }

    /// Search drugs by name (kana or kanji, partial; hiragana and half-width forms match) or by
    /// code prefix (レセ電, YJ or 一般名コード), as of `date`. Products first, then 【般】 entries.
    pub fn search(&self, query: &str, date: IsoDate, limit: usize) -> Vec<Hit> {
        let q = normalize(query);
        if q.is_empty() || limit == 0 {
            return Vec::new();
        }
        let code_like = q.len() >= 3 && q.bytes().all(|b| b.is_ascii_alphanumeric());
        let index = self.index();
        let mut hits = Vec::new();
        let mut seen = HashSet::new();
        let mut push = |key: &str, hits: &mut Vec<Hit>| {
            if hits.len() >= limit || !seen.insert(key.to_string()) {
                return;
            }
            let lookup = if key.len() == 9 {
                self.facts_for_code(key, date)
            } else {
                self.facts_for_generic_code(key, date)
            };
            if let Some((d, masters)) = lookup {
                let notation = d.generic_code.as_deref().and_then(|g| {
                    self.ippanmei_at(date)
                        .and_then(|e| e.entries.get(g))
                        .map(|en| en.notation.clone())
                        .or_else(|| {
                            d.code
                                .as_deref()
                                .and_then(|c| self.ssk_at(c, date))
                                .map(|(r, _)| r.notation.clone())
                                .filter(|n| !n.is_empty())
                        })
                });
                hits.push(Hit {
                    drug: d,
                    notation,
                    masters,
                });
            }
        };
        for (name, key) in index.iter() {
            if hits.len() >= limit {
                break;
            }
            let matched = name.contains(&q)
                || (code_like && key.to_ascii_uppercase().starts_with(&q))
                || (code_like && key.len() == 9 && {
                    self.drugs
                        .get(key)
                        .and_then(|v| v.iter().rev().find_map(|x| x.rec.clone()))
                        .is_some_and(|r| r.yj.starts_with(&q))
                });
            if matched {
                push(key, &mut hits);
            }
        }
        hits
    }

    /// (normalized name, key) for every product and 一般名コード; built on the first search.
    fn index(&self) -> Arc<Vec<(String, String)>> {
        self.index
            .get_or_init(|| {
                let mut v: Vec<(String, String)> = Vec::with_capacity(self.drugs.len() + 2000);
                let mut codes: Vec<&String> = self.drugs.keys().collect();
                crate::sort::sort(&mut codes);
                for c in codes {
                    if let Some(r) = self.latest_rec(c) {
                        v.push((normalize(&r.name), c.clone()));
                    }
                }
                let mut gcs: Vec<(String, String)> = Vec::new();
                let mut seen = HashSet::new();
                for e in self.ippanmei.iter().rev() {
                    for (g, en) in &e.entries {
                        if seen.insert(g.clone()) {
                            gcs.push((normalize(&en.notation), g.clone()));
                        }
                    }
                }
                crate::sort::sort_by(&mut gcs, |a, b| a.1.cmp(&b.1));
                v.extend(gcs);
                Arc::new(v)
            })
            .clone()
    }
}

fn push_ref(refs: &mut Vec<MasterRef>, r: &Release) {
    let m = MasterRef {
        name: r.kind.to_string(),
        release: r.release.to_string(),
    };
    if !refs.contains(&m) {
        refs.push(m);
    }
}

fn apply_ge(d: &mut DrugRef, row: &GeRow, ge: &GeEdition) {
    match row.mark.as_str() {
        "1" => d.has_generic = Some(false),
        "2" | "☆" | "3" | "★" => d.has_generic = Some(true),
        _ => {}
    }
    let base = ingredient_base(&row.ingredient);
    let biosimilar = row.ingredient.contains("後続");
    let originator_with_bs = !biosimilar
        && matches!(row.mark.as_str(), "1" | "2" | "☆")
        && ge.with_biosimilar.contains(&base);
    d.biosimilar = Some(biosimilar);
    d.has_biosimilar = Some(originator_with_bs);
    d.biologic = Some(biosimilar || originator_with_bs || row.ingredient.contains("遺伝子組換え"));
    if d.generic_name.is_none() && !base.is_empty() {
        d.generic_name = Some(base);
    }
    let _ = row.excluded;
}

fn route_of_form(form: &str) -> Option<Route> {
    match form {
        "1" => Some(Route::Internal),
        "4" => Some(Route::Injection),
        "6" => Some(Route::External),
        _ => None,
    }
}

fn rec_from_row(r: &Row) -> Result<DrugRec, ReadError> {
    let rec = DrugRec {
        name: r.col(5).to_string(),
        unit: r.col(10).to_string(),
        price_kind: r.col(11).to_string(),
        price: r.col(12).to_string(),
        narcotic: r.col(14).to_string(),
        generic: r.col(17).to_string(),
        form: r.col(28).to_string(),
        yj: r.col(32).to_string(),
        generic_code: r.col(37).to_string(),
        notation: r.col(38).to_string(),
        flag: r.col(39).to_string(),
    };
    check_rec(&rec, r)?;
    Ok(rec)
}

fn patch_rec(rec: &mut DrugRec, r: &Row) -> Result<(), ReadError> {
    let set = |f: &mut String, col: usize| {
        let v = r.col(col);
        if !v.is_empty() {
            *f = v.to_string();
        }
    };
    set(&mut rec.name, 5);
    set(&mut rec.unit, 10);
    set(&mut rec.price_kind, 11);
    set(&mut rec.price, 12);
    set(&mut rec.narcotic, 14);
    set(&mut rec.generic, 17);
    set(&mut rec.form, 28);
    set(&mut rec.yj, 32);
    set(&mut rec.generic_code, 37);
    set(&mut rec.notation, 38);
    set(&mut rec.flag, 39);
    check_rec(rec, r)
}

fn check_rec(rec: &DrugRec, r: &Row) -> Result<(), ReadError> {
    if !rec.price.is_empty() && Dec::parse(&rec.price).is_none() {
        return Err(err(
            r.line,
            12,
            format!("金額 must be a decimal number, got {:?}", rec.price),
        ));
    }
    if !matches!(rec.generic.as_str(), "" | "0" | "1") {
        return Err(err(
            r.line,
            17,
            format!("後発品 must be 0 or 1, got {:?}", rec.generic),
        ));
    }
    if !matches!(rec.flag.as_str(), "" | "0" | "1" | "2") {
        return Err(err(
            r.line,
            39,
            format!(
                "一般名処方加算対象区分 must be 0, 1 or 2, got {:?}",
                rec.flag
            ),
        ));
    }
    if !rec.yj.is_empty() && rec.yj.len() != 12 {
        return Err(err(
            r.line,
            32,
            format!(
                "薬価基準収載医薬品コード must be 12 characters, got {:?}",
                rec.yj
            ),
        ));
    }
    if !rec.generic_code.is_empty() && rec.generic_code.len() != 12 {
        return Err(err(
            r.line,
            37,
            format!(
                "一般名コード must be 12 characters, got {:?}",
                rec.generic_code
            ),
        ));
    }
    Ok(())
}

/// Keep versions ordered by (from, release) so the last one ≤ a date is the one in force.
fn insert_version(v: &mut Vec<DrugVersion>, ver: DrugVersion) {
    let at = v
        .iter()
        .position(|x| (x.from, x.release) > (ver.from, ver.release))
        .unwrap_or(v.len());
    v.insert(at, ver);
}

/// Search form of a name: full-width ASCII → ASCII upper case, half-width katakana → full-width
/// (with voiced marks joined), hiragana → katakana, spaces dropped.
pub fn normalize(s: &str) -> String {
    const HALF: &str = "｡｢｣､･ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ";
    const FULL: &str = "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3041}'..='\u{3096}' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
            'ﾞ' | 'ﾟ' | '゛' | '゜' => {
                let semi = matches!(c, 'ﾟ' | '゜');
                if let Some(prev) = out.pop() {
                    let joined = match (prev, semi) {
                        ('ウ', false) => 'ヴ',
                        (p, false) if "カキクケコサシスセソタチツテトハヒフヘホ".contains(p) => {
                            char::from_u32(p as u32 + 1).unwrap_or(p)
                        }
                        (p, true) if "ハヒフヘホ".contains(p) => {
                            char::from_u32(p as u32 + 2).unwrap_or(p)
                        }
                        (p, _) => p,
                    };
                    out.push(joined);
                }
                continue;
            }
            c => HALF
                .chars()
                .position(|h| h == c)
                .and_then(|i| FULL.chars().nth(i))
                .unwrap_or(c),
        };
        if c.is_whitespace() || c == '\u{3000}' {
            continue;
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

impl DrugCatalog for MasterCatalog {
    fn lookup(&self, drug: &DrugRef, date: IsoDate) -> Lookup {
        self.facts(drug, date)
    }

    fn releases(&self) -> Vec<MasterRef> {
        self.release_list()
            .into_iter()
            .map(|r| MasterRef {
                name: r.kind.to_string(),
                release: r.release.to_string(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    //! Tests on the real files in data/masters (the originals as users download them).
    use super::*;
    use crate::Santei;

    fn d(s: &str) -> IsoDate {
        IsoDate::parse(s).unwrap()
    }

    fn data(path: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/data/masters/{path}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    fn by_code(code: &str) -> DrugRef {
        DrugRef {
            code: Some(code.to_string()),
            ..DrugRef::default()
        }
    }

    fn found(c: &MasterCatalog, drug: &DrugRef, date: &str) -> (DrugRef, Vec<MasterRef>) {
        match c.facts(drug, d(date)) {
            Lookup::Found(f, r) => (*f, r),
            other => panic!("{drug:?} on {date}: {other:?}"),
        }
    }

    fn cp932(text: &str) -> Vec<u8> {
        encoding_rs::SHIFT_JIS.encode(text).0.into_owned()
    }

    #[test]
    fn row_counts_of_the_real_files() {
        let n = |k: Kind, p: &str| read::source_rows(k, &data(p)).unwrap().len();
        assert_eq!(n(Kind::SskDrug, "ssk/y_ALL20240321.zip"), 19_686);
        assert_eq!(n(Kind::SskDrug, "ssk/y-updates/y_20240906.csv"), 2_190);
        assert_eq!(n(Kind::SskProcedure, "ssk/s_ALL20240531.zip"), 10_133);
        assert_eq!(n(Kind::SskComment, "ssk/c_ALL20250307.csv"), 3_857);
        assert_eq!(n(Kind::MhlwIppanmei, "mhlw/ippanmei_20260401.csv"), 1_726);
        assert_eq!(n(Kind::MhlwIppanmei, "mhlw/ippanmei_20260601.csv"), 1_794);
        assert_eq!(n(Kind::MhlwIppanmei, "mhlw/ippanmei_20260612.csv"), 1_814);
        assert_eq!(n(Kind::MhlwGe, "mhlw/ge_20260612.csv"), 12_409);
        // XLSX: 1,369 一般名コード rows on the main sheet + 81 例外コード products.
        assert_eq!(
            n(Kind::MhlwIppanmei, "mhlw/ippanmeishohoumaster_250814.xlsx"),
            1_450
        );
    }

    #[test]
    fn default_catalogue_parses_and_names_every_release() {
        let c = MasterCatalog::from_compact(crate::master::DEFAULT_CATALOG).unwrap();
        assert!(c.drug_count() > 21_000, "{}", c.drug_count());
        let r = c.release_list();
        assert_eq!(r.iter().filter(|r| r.kind == "ssk-drug").count(), 24);
        assert_eq!(r.iter().filter(|r| r.kind == "mhlw-ippanmei").count(), 4);
        assert_eq!(r.iter().filter(|r| r.kind == "mhlw-ge").count(), 2);
        assert_eq!(
            c.procedure("120004270").map(|p| p.points),
            Some(Some(Dec::from_int(10)))
        );
        assert!(c.comment("850100408").is_some());
    }

    #[test]
    fn gaster_powder_by_code_r06_and_r08() {
        let c = crate::master::default_catalog();
        let (f, r) = found(&c, &by_code("610406079"), "2024-06-03");
        assert_eq!(f.name.as_deref(), Some("ガスター散２％"));
        assert_eq!(f.generic_code.as_deref(), Some("2325003B2ZZZ"));
        assert_eq!(f.yj.as_deref(), Some("2325003B2029"));
        assert_eq!(
            f.addition_flag,
            Some(AdditionFlag::OneAndTwo),
            "SSK col 39 = 2"
        );
        assert_eq!(f.route, Some(Route::Internal));
        assert_eq!(f.unit_price, Dec::parse("16.50"));
        assert_eq!(f.unit.as_deref(), Some("ｇ"));
        assert_eq!((f.generic, f.has_generic), (Some(false), Some(true)));
        assert_eq!(f.generic_name.as_deref(), Some("ファモチジン"));
        assert_eq!(
            r[0].release, "2024-05-31",
            "SSK release in force on 2024-06-03"
        );
        let (f, r) = found(&c, &by_code("610406079"), "2026-06-03");
        assert_eq!(f.addition_flag, Some(AdditionFlag::OneAndTwo));
        assert!(r
            .iter()
            .any(|m| m.name == "mhlw-ippanmei" && m.release == "2026-06-01"));
        // By YJ code, the same product.
        let yj = DrugRef {
            yj: Some("2325003B2029".into()),
            ..DrugRef::default()
        };
        assert_eq!(
            found(&c, &yj, "2024-06-03").0.code.as_deref(),
            Some("610406079")
        );
    }

    #[test]
    fn addition_flag_follows_the_edition_in_force() {
        let c = crate::master::default_catalog();
        // 【般】ペランパネル錠２ｍｇ first appears in the 2026-06-12 edition.
        let g = DrugRef {
            generic_code: Some("1139014F1ZZZ".into()),
            ..DrugRef::default()
        };
        assert!(matches!(
            c.facts(&g, d("2026-06-11")),
            Lookup::NotFound { .. }
        ));
        let (f, r) = found(&c, &g, "2026-06-12");
        assert_eq!(f.addition_flag, Some(AdditionFlag::OneAndTwo));
        assert_eq!(r[0].release, "2026-06-12");
        // 1124001F1ZZZ (エスタゾラム錠１ｍｇ) is on the 2026 削除リスト: no 加算.
        let del = DrugRef {
            generic_code: Some("1124001F1ZZZ".into()),
            ..DrugRef::default()
        };
        if let Lookup::Found(f, _) = c.facts(&del, d("2026-06-02")) {
            assert_eq!(f.addition_flag, Some(AdditionFlag::None));
        }
    }

    #[test]
    fn biologic_with_biosimilar_in_the_2026_edition() {
        let c = crate::master::default_catalog();
        let g = DrugRef {
            generic_code: Some("3999426GCZZZ".into()),
            ..DrugRef::default()
        };
        let (f, r) = found(&c, &g, "2026-06-02");
        assert_eq!(
            f.name.as_deref(),
            Some("【般】アダリムマブ注射用シリンジ４０ｍｇ０．４ｍＬ")
        );
        assert_eq!((f.biologic, f.has_biosimilar), (Some(true), Some(true)));
        assert_eq!(f.route, Some(Route::Injection));
        assert_eq!(f.addition_flag, Some(AdditionFlag::OneAndTwo));
        assert_eq!(r[0].release, "2026-06-01");
        // Not in the 2026-04-01 edition: unknown by generic code before 2026-06-01.
        assert!(matches!(
            c.facts(&g, d("2026-05-31")),
            Lookup::NotFound { .. }
        ));
        // The originator product (ヒュミラ) and a biosimilar by YJ, mapped through 例外コード.
        let humira = DrugRef {
            yj: Some("3999426G3027".into()),
            ..DrugRef::default()
        };
        let (f, _) = found(&c, &humira, "2026-06-02");
        assert_eq!(f.generic_code.as_deref(), Some("3999426GCZZZ"));
        assert_eq!(
            (f.biologic, f.biosimilar, f.has_biosimilar),
            (Some(true), Some(false), Some(true))
        );
        let bs = DrugRef {
            yj: Some("3999463G2021".into()),
            ..DrugRef::default()
        };
        let (f, _) = found(&c, &bs, "2026-06-02");
        assert_eq!((f.biologic, f.biosimilar), (Some(true), Some(true)));
        assert_eq!(
            f.originator.as_deref(),
            Some("ヒュミラ皮下注４０ｍｇシリンジ０．４ｍＬ")
        );
        assert_eq!(
            f.generic_name.as_deref(),
            Some("アダリムマブ（遺伝子組換え）")
        );
        // R6: no 一般名コード for the biologic yet, so no 加算 by generic name.
        let (f, _) = found(&c, &humira, "2025-09-01");
        assert_eq!(f.addition_flag, Some(AdditionFlag::None));
    }

    #[test]
    fn change_files_add_and_abolish() {
        let c = crate::master::default_catalog();
        // y_20240731.csv abolishes 629700301 with 廃止年月日 2024-07-31.
        found(&c, &by_code("629700301"), "2024-07-31");
        assert!(matches!(
            c.facts(&by_code("629700301"), d("2024-08-01")),
            Lookup::NotFound { .. }
        ));
        // y_20240417.csv adds 620203502 (フルオロメトロン点眼液０．０２％「ＮＩＴ」) from 2024-04-17.
        assert!(matches!(
            c.facts(&by_code("620203502"), d("2024-04-16")),
            Lookup::NotFound { .. }
        ));
        let (f, r) = found(&c, &by_code("620203502"), "2024-06-03");
        assert_eq!(f.route, Some(Route::External));
        assert_eq!(r[0].name, "ssk-drug");
    }

    #[test]
    fn a_new_change_file_on_top_of_the_default() {
        let c = crate::master::default_catalog();
        let mut add = vec![String::new(); 42];
        for (col, v) in [
            (1, "3"),
            (2, "Y"),
            (3, "699999901"),
            (5, "テスト錠１０ｍｇ"),
            (10, "錠"),
            (11, "1"),
            (12, "12.30"),
            (14, "0"),
            (17, "1"),
            (28, "1"),
            (30, "20250901"),
            (31, "99999999"),
            (32, "2325003F1999"),
            (37, "2325003F1ZZZ"),
            (39, "2"),
        ] {
            add[col - 1] = v.to_string();
        }
        let mut abolish = vec![String::new(); 42];
        for (col, v) in [(1, "9"), (2, "Y"), (3, "610406079"), (31, "20250930")] {
            abolish[col - 1] = v.to_string();
        }
        let line = |f: &[String]| {
            f.iter()
                .map(|x| format!("\"{x}\""))
                .collect::<Vec<_>>()
                .join(",")
                + "\r\n"
        };
        let file = cp932(&(line(&add) + &line(&abolish)));
        let next = c
            .with_master("ssk-drug", &file, None, "y_20250901.csv")
            .unwrap();
        let (f, r) = found(&next, &by_code("699999901"), "2025-09-02");
        assert_eq!(f.name.as_deref(), Some("テスト錠１０ｍｇ"));
        assert_eq!(r[0].release, "2025-09-01");
        found(&next, &by_code("610406079"), "2025-09-30");
        assert!(matches!(
            next.facts(&by_code("610406079"), d("2025-10-01")),
            Lookup::NotFound { .. }
        ));
        // Out of order: the same file again is not newer.
        let e = next
            .with_master("ssk-drug", &file, None, "y_20250901.csv")
            .unwrap_err();
        assert!(e.error.message.contains("not newer"), "{e}");
    }

    fn broken(kind: &str, bytes: &[u8], release: Option<&str>) -> (usize, usize, String) {
        let mut s = Santei::new();
        let before = s.masters().unwrap().release_list();
        let e = s.load_master(kind, bytes, release, "broken").unwrap_err();
        assert_eq!(e.code, "invalid_master");
        assert_eq!(
            s.masters().unwrap().release_list(),
            before,
            "catalogue unchanged"
        );
        let (l, c) = e
            .path
            .strip_prefix("line ")
            .and_then(|p| p.split_once(", column "))
            .map(|(l, c)| (l.parse().unwrap(), c.parse().unwrap()))
            .unwrap();
        (l, c, e.message)
    }

    #[test]
    fn broken_files_name_line_and_column_and_change_nothing() {
        let good = data("ssk/y-updates/y_20250813.csv");
        let text = encoding_rs::SHIFT_JIS.decode(&good).0.into_owned();
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        // Truncated: the third record cut inside a quoted field.
        let cut = lines[..2].concat() + &lines[2][..30];
        let (l, _, m) = broken("ssk-drug", &cp932(&cut), Some("2025-09-01"));
        assert_eq!(l, 3, "{m}");
        // Wrong encoding: the same file re-saved as UTF-8.
        let (l, c, m) = broken("ssk-drug", text.as_bytes(), Some("2025-09-01"));
        assert!(m.contains("UTF-8"), "{m}");
        assert_eq!(l, 1, "{m}");
        assert!(c >= 1);
        // Wrong column count: the 5th record cut after its 20th field (a change record).
        let mut rows: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        rows[4] = rows[4].split(',').take(20).collect::<Vec<_>>().join(",") + "\r\n";
        let (l, c, m) = broken("ssk-drug", &cp932(&rows.concat()), Some("2025-09-01"));
        assert_eq!((l, c), (5, 21), "{m}");
        assert!(m.contains("column count"), "{m}");
        // A bad value: a price that is not a number, line 1 column 12.
        let mut f = vec!["\"\"".to_string(); 42];
        for (col, v) in [
            (1, "3"),
            (3, "699999902"),
            (5, "名"),
            (12, "x"),
            (30, "20250901"),
        ] {
            f[col - 1] = format!("\"{v}\"");
        }
        let (l, c, _) = broken("ssk-drug", &cp932(&(f.join(",") + "\r\n")), None);
        assert_eq!((l, c), (1, 12));
        // MHLW CSV with a bad 区分 on data line 3 (file line 4).
        let ipp = String::from_utf8(data("mhlw/ippanmei_20260612.csv")).unwrap();
        let mut il: Vec<String> = ipp.lines().map(str::to_string).collect();
        il[3] = il[3].replacen("内用薬", "内服", 1);
        let (l, c, m) = broken(
            "mhlw-ippanmei",
            il.join("\n").as_bytes(),
            Some("2026-07-01"),
        );
        assert_eq!((l, c), (4, 1), "{m}");
        // A catalogue with a wrong first line.
        let (l, _, _) = broken("catalog", b"not a catalogue\n", None);
        assert_eq!(l, 1);
    }

    #[test]
    fn ippanmei_xlsx_loads_natively() {
        let c = MasterCatalog::new()
            .with_master(
                "mhlw-ippanmei",
                &data("mhlw/ippanmeishohoumaster_250814.xlsx"),
                Some(d("2025-08-14")),
                "ippanmeishohoumaster_250814.xlsx",
            )
            .unwrap();
        let e = c.ippanmei_at(d("2025-09-01")).unwrap();
        assert_eq!(
            e.entries.get("2325003B2ZZZ").map(|x| x.flag),
            Some(AdditionFlag::OneAndTwo)
        );
        assert_eq!(
            e.exceptions.get("1319702Q3037").map(String::as_str),
            Some("1319702QAZZZ")
        );
    }

    /// The browser reads the XLSX through crates/unpack (XLSX → the MHLW CSV layout) and then
    /// the engine's CSV reader: that must give the same edition as the native XLSX reader.
    #[test]
    fn ippanmei_xlsx_unpacked_for_the_browser_reads_the_same() {
        let xlsx = data("mhlw/ippanmeishohoumaster_250814.xlsx");
        let load = |bytes: &[u8]| {
            MasterCatalog::new()
                .with_master("mhlw-ippanmei", bytes, Some(d("2025-08-14")), "x")
                .unwrap()
        };
        let native = load(&xlsx);
        let csv = santei_unpack::unpack("mhlw-ippanmei", &xlsx).unwrap().csv;
        let browser = load(&csv);
        let (a, b) = (
            native.ippanmei_at(d("2025-09-01")).unwrap(),
            browser.ippanmei_at(d("2025-09-01")).unwrap(),
        );
        assert!(a.entries.len() > 1000);
        assert_eq!(a.entries, b.entries);
        assert_eq!(a.deleted, b.deleted);
        assert_eq!(a.exceptions, b.exceptions);
        assert_eq!(a.groups, b.groups);
    }

    /// The SSK ZIP's CSV member, unpacked for the browser, loads as the native ZIP reader does.
    #[test]
    fn ssk_zip_unpacked_for_the_browser_reads_the_same() {
        let zip = data("ssk/y_ALL20240321.zip");
        let csv = santei_unpack::unpack("ssk-drug", &zip).unwrap().csv;
        let load = |bytes: &[u8]| {
            MasterCatalog::new()
                .with_master("ssk-drug", bytes, None, "y_ALL20240321")
                .unwrap()
        };
        let (a, b) = (load(&zip), load(&csv));
        assert_eq!(a.drug_count(), b.drug_count());
        assert_eq!(a.release_list(), b.release_list());
    }

    #[test]
    fn search_by_kana_kanji_and_code() {
        let c = crate::master::default_catalog();
        let names = |q: &str| -> Vec<String> {
            c.search(q, d("2026-06-02"), 10)
                .into_iter()
                .filter_map(|h| h.drug.name)
                .collect()
        };
        assert!(names("がすたー散").contains(&"ガスター散２％".to_string()));
        assert!(names("ｶﾞｽﾀｰ散").contains(&"ガスター散２％".to_string()));
        assert!(names("610406079").contains(&"ガスター散２％".to_string()));
        assert!(names("ファモチジン散２")
            .iter()
            .any(|n| n.starts_with("【般】")));
        let h = c.search(
            "アダリムマブＢＳ皮下注４０ｍｇシリンジ０．４ｍＬ「ＭＡ」",
            d("2026-06-02"),
            1,
        );
        assert_eq!(
            h[0].notation.as_deref(),
            Some("【般】アダリムマブ注射用シリンジ４０ｍｇ０．４ｍＬ")
        );
        assert!(c.search("", d("2026-06-02"), 10).is_empty());
    }

    #[test]
    fn normalize_folds_kana_and_width() {
        assert_eq!(normalize("ｶﾞｽﾀｰ ｻﾝ"), "ガスターサン");
        assert_eq!(normalize("がすたー"), "ガスター");
        assert_eq!(normalize("ｐｏ１０ｍｇ"), "PO10MG");
        assert_eq!(normalize("ﾊﾟﾌﾞ"), "パブ");
    }
}
