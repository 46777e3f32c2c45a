//! What can be decided from a receipt alone, per service day, under the rule set of that day.
//!
//! Every number comes from the law data (`law.item_by_code`, `law.number`); what a receipt
//! cannot show (how each drug on an outside slip was written, whether a same-day split was an
//! emergency, the discharge day) is a `needs_review` finding naming that fact.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::api::{DrugRef, Outcome, Revision, Severity};
use crate::date::IsoDate;
use crate::law::{Item, Law};
use crate::master::{DrugCatalog, Lookup};
use crate::uke::finding::{ParamRef, UkeFinding};
use crate::uke::model::{wareki_date, Code, LineKind, LineProblem, Receipt};

/// 別表20 診療識別: 21 内服, 22 屯服, 23 外用 (院内の薬剤, F200), 24 調剤 (F000), 25 処方 (F100),
/// 26 麻毒, 27 調基 (F500). Structural codes of the 記録条件仕様, not fee numbers.
const INHOUSE_DRUG_CATEGORIES: &[[u8; 2]] = &[*b"21", *b"22", *b"23"];
const INHOUSE_FEE_CATEGORIES: &[[u8; 2]] = &[*b"24", *b"25", *b"26", *b"27"];
/// 診療識別 90: 入院基本料.
const INPATIENT_BASE_CATEGORY: &[u8; 2] = b"90";

/// SSK comment codes of 通知 F400 (9): 830100205 reason, 850100206 date; 810000001 free text.
const SPLIT_REASON_COMMENT: &str = "830100205";
const SPLIT_DATE_COMMENT: &str = "850100206";
const FREE_TEXT_COMMENT: &str = "810000001";

/// FxHash (rustc's hasher) for the per-file caches: small keys, no untrusted-input concern
/// (the keys are codes and dates already validated, and a slow path only costs time).
#[derive(Default, Clone, Copy)]
pub struct FxBuild;

impl std::hash::BuildHasher for FxBuild {
    type Hasher = FxHasher;
    fn build_hasher(&self) -> FxHasher {
        FxHasher(0)
    }
}

pub struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            for (d, s) in b.iter_mut().zip(chunk) {
                *d = *s;
            }
            self.write_u64(u64::from_le_bytes(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// State kept across the receipts of one file.
#[derive(Default)]
pub struct FileState {
    /// A drug master is loaded (the unknown-code check runs only then).
    pub has_master: bool,
    /// Drug-master answers by (code, date): `Some((key, release))` when the code is unknown.
    drugs: HashMap<(u32, IsoDate), Option<(String, String)>, FxBuild>,
    /// Parameter values by (parameter, date): a month's file asks the same few again and again.
    numbers: HashMap<(&'static str, IsoDate), Option<ParamRef>, FxBuild>,
    /// Fee-schedule items by SSK code (a number: the codes are 9 digits), with their kind.
    items: HashMap<u32, Option<(&'static Item, ItemKind)>, FxBuild>,
    /// A243-2 billed per (patient, admission date): the receipt number that billed it.
    a243_2: HashMap<String, String, FxBuild>,
    /// 導入初期加算 billed per (patient, item): (receipt index, service month, first day, line,
    /// first-use date from comment 850100408).
    initial: BTreeMap<(String, &'static str), Vec<InitialUse>>,
    /// `<param>.months` / `<param>.per_month` values by (param, which, date).
    windows: HashMap<(&'static str, bool, IsoDate), Option<ParamRef>, FxBuild>,
    /// The days of the last service month seen: per day of month, the date and its rule set
    /// (None: not a date, or no rule set covers it).
    month: Option<((i32, u8), MonthDays)>,
    /// Buffers reused from receipt to receipt.
    scratch: Scratch,
    /// The last service month written as `YYYY-MM`.
    month_text: Option<((i32, u8), String)>,
}

/// Per day of month (index 1..=31): the date and the rule set in force, when both exist.
type MonthDays = [Option<(IsoDate, Revision)>; 32];

/// What `check_receipt` needs per receipt, kept across receipts (cleared, not reallocated).
#[derive(Default)]
struct Scratch {
    findings: Vec<UkeFinding>,
    /// Per day of month (index 1..=31), what the day billed; `touched` has bit d set when
    /// day d holds anything.
    days: Vec<Day>,
    touched: u32,
    group_len: Vec<u32>,
    unknown_drugs: Vec<Code>,
}

impl FileState {
    pub fn new(has_master: bool) -> Self {
        Self {
            has_master,
            ..Self::default()
        }
    }

    /// The item of an SSK code and what kind of item it is, remembered per file.
    fn item_kind(&mut self, law: &'static Law, code: &Code) -> Option<(&'static Item, ItemKind)> {
        let find = || {
            law.item_by_code(code.as_str()).map(|it| {
                let kind = ItemKind {
                    prescription_fee: is_prescription_fee(it.item),
                    generic_addition: is_generic_name_addition(it.item),
                    a243_2: is_a243_2(it.item),
                    windowed: it.param.is_some_and(|p| windowed(law, p)),
                };
                (it, kind)
            })
        };
        *self.items.entry(code.number()).or_insert_with(find)
    }

    /// A service month as `YYYY-MM` (the text of the last month asked is kept).
    pub fn month_text(&mut self, y: i32, m: u8) -> String {
        match &self.month_text {
            Some((key, text)) if *key == (y, m) => text.clone(),
            _ => {
                let text = format!("{y:04}-{m:02}");
                self.month_text = Some(((y, m), text.clone()));
                text
            }
        }
    }

    /// `<param>.months` (`per_month` false) or `<param>.per_month` in force on `date`.
    fn window(
        &mut self,
        law: &'static Law,
        param: &'static str,
        per_month: bool,
        date: IsoDate,
    ) -> Option<ParamRef> {
        *self
            .windows
            .entry((param, per_month, date))
            .or_insert_with(|| {
                let suffix = if per_month { "per_month" } else { "months" };
                ParamRef::get(law, &format!("{param}.{suffix}"), date)
            })
    }

    /// The day table of a service month (worked out once per month seen).
    fn month_days(&mut self, law: &'static Law, y: i32, m: u8) -> MonthDays {
        match &self.month {
            Some((key, table)) if *key == (y, m) => *table,
            _ => {
                let mut table = [None; 32];
                for (d, slot) in table.iter_mut().enumerate().skip(1) {
                    let Some(date) = u8::try_from(d)
                        .ok()
                        .and_then(|d| IsoDate::from_ymd(y, m, d))
                    else {
                        continue;
                    };
                    if let Ok(span) = law.revision_for(date, "") {
                        *slot = Some((date, span.id));
                    }
                }
                self.month = Some(((y, m), table));
                table
            }
        }
    }
}

/// What the checks need to know of an item, worked out once per code.
#[derive(Clone, Copy)]
struct ItemKind {
    prescription_fee: bool,
    generic_addition: bool,
    a243_2: bool,
    /// The item's points parameter has a month window (`<param>.months`).
    windowed: bool,
}

struct InitialUse {
    receipt: usize,
    month_index: i64,
    date: IsoDate,
    line: u32,
    first_use: Option<IsoDate>,
}

/// SSK comment 850100408 「初回使用年月日（バイオ後続品導入初期加算）」.
const FIRST_USE_COMMENT: &str = "850100408";

/// Checks that need the whole file: 導入初期加算 months counted from the earliest month the file
/// shows it billed for the same patient. Returns (receipt index, finding).
pub fn file_checks(state: &FileState, law: &'static Law) -> Vec<(usize, UkeFinding)> {
    let mut out = Vec::new();
    for ((_, item), uses) in &state.initial {
        let Some(it) = law.item(item) else { continue };
        let Some(param) = it.param else {
            continue;
        };
        let earliest = uses.iter().map(|u| (u.month_index, u.date)).min();
        for u in uses.iter().filter(|u| u.first_use.is_none()) {
            let Some(months) = ParamRef::get(law, &format!("{param}.months"), u.date) else {
                continue;
            };
            let limit = months.number.to_string().parse::<i64>().unwrap_or(i64::MAX);
            let b = match earliest {
                Some((m, first)) if u.month_index.saturating_sub(m) >= limit => {
                    UkeFinding::new(
                        "uke.bs_initial.beyond_window_in_file",
                        Outcome::NeedsReview,
                        Severity::Warning,
                    )
                    .arg("name", it.name)
                    .arg("date", u.date)
                    .arg("earliest", first)
                    .arg("months", months.raw())
                    .uses(&months)
                    .missing(
                        "injections[].firstUseDate",
                        "同じバイオ後続品か（別の先行バイオ医薬品のバイオ後続品なら新たに起算）",
                        "whether it is the same biosimilar (a biosimilar of another originator starts its own window)",
                    )
                }
                _ => UkeFinding::new(
                    "uke.bs_initial.first_use_unknown",
                    Outcome::NeedsReview,
                    Severity::Info,
                )
                .arg("name", it.name)
                .arg("date", u.date)
                .arg("months", months.raw())
                .uses(&months)
                .missing(
                    "injections[].firstUseDate",
                    "当該バイオ後続品の初回使用（処方）年月日（コメント 850100408）",
                    "the date of first use (prescription) of this biosimilar (comment 850100408)",
                ),
            };
            out.push((u.receipt, b.at(Some(u.date), Some(u.line))));
        }
    }
    out
}

/// What one service day of a receipt billed, as far as the checks need it.
#[derive(Default)]
struct Day {
    prescription_fees: u32,
    generic_additions: u32,
    inhouse_drug_lines: Vec<u32>,
    /// (line, the item's name, or its code when it is not a known item).
    inhouse_fee_lines: Vec<(u32, Result<&'static str, Code>)>,
    a243_2_lines: Vec<u32>,
}

impl Day {
    fn clear(&mut self) {
        self.prescription_fees = 0;
        self.generic_additions = 0;
        self.inhouse_drug_lines.clear();
        self.inhouse_fee_lines.clear();
        self.a243_2_lines.clear();
    }
}

/// Where a finding points in the file.
struct At {
    date: Option<IsoDate>,
    line: Option<u32>,
}

struct Out {
    findings: Vec<UkeFinding>,
}

impl Out {
    fn push(&mut self, b: UkeFinding, at: At) {
        self.findings.push(b.at(at.date, at.line));
    }
}

fn tsuchi_f400_9(rev: Revision) -> (&'static str, &'static str, &'static str) {
    match rev {
        Revision::R06 => ("R06 通知", "F400 (9)", "r06-tsuchi-ika.txt L18959"),
        Revision::R08 => ("R08 通知", "F400 (9)", "r08-tsuchi-ika.txt L20018"),
    }
}

/// 投薬 通則1: 「処方箋を交付した場合は、第５節の所定点数のみにより算定する。」
fn kokuji_toyaku_general1(rev: Revision) -> (&'static str, &'static str, &'static str) {
    match rev {
        Revision::R06 => (
            "R06 告示",
            "別表第一 第2章第5部 投薬 通則1",
            "r06-kokuji-ika.txt L10756",
        ),
        Revision::R08 => (
            "R08 告示",
            "別表第一 第2章第5部 投薬 通則1",
            "r08-kokuji-ika.txt L11418",
        ),
    }
}

fn kokuji_f400_note6(rev: Revision) -> (&'static str, &'static str, &'static str) {
    match rev {
        Revision::R06 => ("R06 告示", "別表第一 F400 注6", "r06-kokuji-ika.txt L10917"),
        Revision::R08 => ("R08 告示", "別表第一 F400 注6", "r08-kokuji-ika.txt L11588"),
    }
}

/// Is this fee-schedule item a 処方箋料 itself (F400 1/2/3, refill and 注8 forms), not an add-on?
fn is_prescription_fee(item: &str) -> bool {
    item.strip_prefix("F400-")
        .is_some_and(|rest| !rest.contains("note") || rest.contains("note8"))
}

fn is_generic_name_addition(item: &str) -> bool {
    item.starts_with("F400-note6")
}

fn is_a243_2(item: &str) -> bool {
    item == "A243-2" || item.starts_with("A243-2-")
}

fn problem_finding(p: &LineProblem) -> UkeFinding {
    UkeFinding::new(
        &format!("uke.line.{}", p.code),
        Outcome::NeedsReview,
        Severity::Warning,
    )
    .arg("line", p.line)
    .arg("detail", p.message.clone())
}

/// Check one receipt; returns its findings and the rule set(s) its days fall in.
pub fn check_receipt(
    r: &Receipt,
    index: usize,
    law: &'static Law,
    catalog: &dyn DrugCatalog,
    state: &mut FileState,
) -> (Vec<UkeFinding>, Vec<Revision>) {
    let mut out = Out {
        findings: std::mem::take(&mut state.scratch.findings),
    };
    out.findings.clear();
    let revisions = check_into(r, index, law, catalog, state, &mut out);
    // Exactly as long as needed: the report keeps it.
    let findings: Vec<UkeFinding> = out.findings.drain(..).collect();
    state.scratch.findings = out.findings;
    (findings, revisions)
}

fn check_into(
    r: &Receipt,
    index: usize,
    law: &'static Law,
    catalog: &dyn DrugCatalog,
    state: &mut FileState,
    out: &mut Out,
) -> Vec<Revision> {
    for p in &r.problems {
        out.push(
            problem_finding(p),
            At {
                date: None,
                line: Some(p.line),
            },
        );
    }
    let Some((y, m)) = r.service_month else {
        return Vec::new();
    };
    // The service month's days santei covers.
    let first = IsoDate::from_ymd(y, m, 1);
    let last = (28..=31u8).rev().find_map(|d| IsoDate::from_ymd(y, m, d));
    let covered = |d: Option<IsoDate>| d.and_then(|d| law.revision_for(d, "").ok());
    if covered(first).is_none() && covered(last).is_none() {
        let range = law
            .covered()
            .map(|(a, b)| format!("{a}..{b}"))
            .unwrap_or_else(|| "none".to_string());
        let mut b = UkeFinding::new("uke.date_not_covered", Outcome::NeedsReview, Severity::Info)
            .arg("month", format!("{y:04}-{m:02}"))
            .arg("range", range);
        for rev in law.revisions {
            b = b.cite_owned(
                rev.title.to_string(),
                format!("{:?} {}..{}", rev.id, rev.from, rev.until),
            );
        }
        out.push(
            b,
            At {
                date: first,
                line: Some(r.line),
            },
        );
        return Vec::new();
    }
    let month_days = state.month_days(law, y, m);
    // Rule sets seen: bit 0 R06, bit 1 R08 (in `Revision` order).
    let mut revisions = 0u8;

    // Dated view: per day of month, which items/categories were billed.
    let mut days = std::mem::take(&mut state.scratch.days);
    let mut touched = std::mem::take(&mut state.scratch.touched);
    if days.len() < 32 {
        days.resize_with(32, Day::default);
    }
    while touched != 0 {
        let d = touched.trailing_zeros() as usize;
        touched &= touched - 1;
        if let Some(day) = days.get_mut(d) {
            day.clear();
        }
    }
    let mut last_inpatient_day: Option<IsoDate> = None;
    // Days of month with a 一般名処方加算 (bit d: day d).
    let mut generic_addition_days = 0u32;
    let mut generic_addition_line: Option<u32> = None;

    // Group sizes (records sharing one 点数); groups are numbered 1, 2, ... within a receipt.
    let mut group_len = std::mem::take(&mut state.scratch.group_len);
    group_len.clear();
    for l in &r.lines {
        let g = usize::try_from(l.group).unwrap_or(0);
        if group_len.len() <= g {
            group_len.resize(g.saturating_add(1), 0);
        }
        if let Some(e) = group_len.get_mut(g) {
            *e = e.saturating_add(1);
        }
    }

    let mut unknown_drugs_seen = std::mem::take(&mut state.scratch.unknown_drugs);
    unknown_drugs_seen.clear();
    let has_master = state.has_master;

    for l in &r.lines {
        let item = if l.kind == LineKind::Procedure {
            state.item_kind(law, &l.code)
        } else {
            None
        };
        let mut wrong_points: Vec<IsoDate> = Vec::new();
        let mut expected_at: Option<ParamRef> = None;
        for &(day, count) in l.days.iter() {
            let Some(&Some((date, rev))) = month_days.get(usize::from(day)) else {
                continue;
            };
            revisions |= match rev {
                Revision::R06 => 1,
                Revision::R08 => 2,
            };
            touched |= 1u32 << day;
            let Some(d) = days.get_mut(usize::from(day)) else {
                continue;
            };
            if l.category.is(INPATIENT_BASE_CATEGORY) {
                last_inpatient_day = last_inpatient_day.max(Some(date));
            }
            if l.kind == LineKind::Drug && INHOUSE_DRUG_CATEGORIES.iter().any(|c| l.category.is(c))
            {
                d.inhouse_drug_lines.push(l.line);
            }
            if l.kind == LineKind::Procedure
                && INHOUSE_FEE_CATEGORIES.iter().any(|c| l.category.is(c))
            {
                let name = item.map(|(i, _)| i.name).ok_or(l.code);
                d.inhouse_fee_lines.push((l.line, name));
            }
            if l.kind == LineKind::Drug && has_master && !unknown_drugs_seen.contains(&l.code) {
                // The code is 9 digits (the reader checked): a number keys the cache.
                let key = (l.code.number(), date);
                let answer = match state.drugs.get(&key) {
                    Some(a) => a.clone(),
                    None => {
                        let drug = DrugRef {
                            code: Some(l.code.to_string()),
                            ..DrugRef::default()
                        };
                        let a = match catalog.lookup(&drug, date) {
                            Lookup::NotFound { key, release } => Some((key, release)),
                            _ => None,
                        };
                        state.drugs.insert(key, a.clone());
                        a
                    }
                };
                if let Some((key, release)) = answer {
                    unknown_drugs_seen.push(l.code);
                    out.push(
                        UkeFinding::new("drug.unknown_code", Outcome::NeedsReview, Severity::Warning)
                            .arg("key", key)
                            .arg("release", release)
                            .missing(
                                format!("line {}", l.line),
                                "この医薬品コードの薬剤の事実（一般名、後発品の有無、剤形、薬価）",
                                "the facts of this drug code (generic name, generic availability, route, price)",
                            ),
                        At {
                            date: Some(date),
                            line: Some(l.line),
                        },
                    );
                }
            }
            let Some((it, kind)) = item else { continue };
            if kind.prescription_fee {
                d.prescription_fees = d.prescription_fees.saturating_add(count);
            }
            if kind.generic_addition {
                d.generic_additions = d.generic_additions.saturating_add(count);
                generic_addition_days |= 1u32 << day;
                generic_addition_line.get_or_insert(l.line);
            }
            if kind.a243_2 {
                for _ in 0..count.min(31) {
                    d.a243_2_lines.push(l.line);
                }
            }
            // The code in force for this item on the date.
            let code_then = it
                .codes
                .iter()
                .find(|c| c.from <= date && date <= c.until)
                .map(|c| c.code);
            if let Some(code_then) = code_then {
                if l.code != code_then {
                    out.push(
                        UkeFinding::new(
                            "uke.code_not_in_force",
                            Outcome::Ineligible,
                            Severity::Warning,
                        )
                        .arg("code", l.code)
                        .arg("name", it.name)
                        .arg("date", date)
                        .arg("expected", code_then),
                        At {
                            date: Some(date),
                            line: Some(l.line),
                        },
                    );
                }
            }
            // The points billed against the date's value.
            let Some(param) = it.param else {
                continue;
            };
            let Some(expected) = state
                .numbers
                .entry((param, date))
                .or_insert_with(|| ParamRef::get(law, param, date))
                .as_ref()
            else {
                continue;
            };
            let alone = group_len
                .get(usize::try_from(l.group).unwrap_or(0))
                .copied()
                .unwrap_or(1)
                <= 1;
            match l.points {
                Some(p) if alone => {
                    if crate::decimal::Dec::from_int(p) != expected.number {
                        wrong_points.push(date);
                        if expected_at.is_none() {
                            expected_at = Some(*expected);
                        }
                    }
                }
                _ => {
                    // Recorded together with other records under one 点数: cannot be compared alone.
                    if wrong_points.is_empty() && expected_at.is_none() {
                        out.push(
                            UkeFinding::new(
                                "uke.points_grouped",
                                Outcome::NeedsReview,
                                Severity::Info,
                            )
                            .arg("code", l.code)
                            .arg("name", it.name)
                            .arg("expected", expected.number)
                            .uses(expected),
                            At {
                                date: Some(date),
                                line: Some(l.line),
                            },
                        );
                        expected_at = Some(*expected);
                    }
                }
            }
        }
        if let (Some(first_wrong), Some(expected)) = (wrong_points.first(), expected_at) {
            let dates: Vec<String> = wrong_points.iter().map(|d| d.to_string()).collect();
            out.push(
                UkeFinding::new("uke.points_differ", Outcome::Ineligible, Severity::Error)
                    .arg("code", l.code)
                    .arg("name", item.map(|(i, _)| i.name).unwrap_or(""))
                    .arg("billed", l.points.unwrap_or_default())
                    .arg("expected", expected.number)
                    .arg("date", dates.join(", "))
                    .uses(&expected),
                At {
                    date: Some(*first_wrong),
                    line: Some(l.line),
                },
            );
        }
    }
    state.scratch.group_len = group_len;
    state.scratch.unknown_drugs = unknown_drugs_seen;

    // Comments of the receipt (CO records and comment fields).
    let has_code = |c: &str| r.comments.iter().any(|x| x.code == c);
    let free_text = r
        .comments
        .iter()
        .any(|x| x.code == FREE_TEXT_COMMENT && !x.text.is_empty());
    let commented_dates: Vec<IsoDate> = r
        .comments
        .iter()
        .filter(|x| x.code == SPLIT_DATE_COMMENT)
        .filter_map(|x| wareki_date(&x.text))
        .collect();

    let mut bits = touched;
    while bits != 0 {
        let day = bits.trailing_zeros() as usize;
        bits &= bits - 1;
        let (Some(&Some((date, rev))), Some(d)) = (month_days.get(day), days.get(day)) else {
            continue;
        };
        // 一般名処方加算 is added to 処方箋料, per slip issued (告示 F400 注6).
        if d.generic_additions > d.prescription_fees {
            let (doc, at, lawref) = kokuji_f400_note6(rev);
            out.push(
                UkeFinding::new(
                    "uke.generic_name.without_prescription_fee",
                    Outcome::Ineligible,
                    Severity::Error,
                )
                .arg("date", date)
                .arg("additions", d.generic_additions)
                .arg("fees", d.prescription_fees)
                .cite(doc, at, Some(lawref)),
                At {
                    date: Some(date),
                    line: generic_addition_line,
                },
            );
        }
        // Same day: in-house dispensing and an outside slip (通知 F400 (9)).
        let split = d.prescription_fees > 0
            && (!d.inhouse_drug_lines.is_empty() || !d.inhouse_fee_lines.is_empty());
        if split {
            let (doc, at, lawref) = tsuchi_f400_9(rev);
            let first_line = d
                .inhouse_drug_lines
                .first()
                .copied()
                .or(d.inhouse_fee_lines.first().map(|x| x.0));
            out.push(
                UkeFinding::new("uke.split.same_day", Outcome::NeedsReview, Severity::Warning)
                    .arg("date", date)
                    .cite(doc, at, Some(lawref))
                    .missing(
                        "emergency",
                        "緊急やむを得ない事態（常時院外の患者への臨時の院内投薬、又は常時院内の患者への常用外薬剤の院外処方）であったか",
                        "whether it was an emergency (a usually-outside patient given drugs in-house, or a usually-in-house patient given a drug not stocked on an outside slip)",
                    ),
                At {
                    date: Some(date),
                    line: first_line,
                },
            );
            if !d.inhouse_fee_lines.is_empty() {
                let names: Vec<&str> = d
                    .inhouse_fee_lines
                    .iter()
                    .map(|x| match &x.1 {
                        Ok(name) => *name,
                        Err(code) => code.as_str(),
                    })
                    .collect();
                let (outcome, severity) = match rev {
                    Revision::R08 => (Outcome::Ineligible, Severity::Error),
                    Revision::R06 => (Outcome::NeedsReview, Severity::Warning),
                };
                let (tdoc, tat, tlaw) = kokuji_toyaku_general1(rev);
                out.push(
                    UkeFinding::new("uke.split.dispensing_fee_billed", outcome, severity)
                        .arg("date", date)
                        .arg("items", names.join("、"))
                        .cite(doc, at, Some(lawref))
                        .cite(tdoc, tat, Some(tlaw)),
                    At {
                        date: Some(date),
                        line: d.inhouse_fee_lines.first().map(|x| x.0),
                    },
                );
            }
            let coded = has_code(SPLIT_REASON_COMMENT) && has_code(SPLIT_DATE_COMMENT);
            if coded {
                if !commented_dates.is_empty() && !commented_dates.contains(&date) {
                    let shown: Vec<String> =
                        commented_dates.iter().map(|d| d.to_string()).collect();
                    out.push(
                        UkeFinding::new(
                            "uke.split.comment_date_mismatch",
                            Outcome::NeedsReview,
                            Severity::Warning,
                        )
                        .arg("date", date)
                        .arg("commented", shown.join(", "))
                        .cite(doc, at, Some(lawref)),
                        At {
                            date: Some(date),
                            line: None,
                        },
                    );
                }
            } else if free_text || has_code(SPLIT_REASON_COMMENT) || has_code(SPLIT_DATE_COMMENT) {
                out.push(
                    UkeFinding::new(
                        "uke.split.comment_free_text",
                        Outcome::NeedsReview,
                        Severity::Info,
                    )
                    .arg("date", date)
                    .cite(doc, at, Some(lawref))
                    .missing(
                        "remarks",
                        "摘要欄に併用の日付と理由が記載されているか",
                        "whether the 摘要 gives the date and the reason of the split",
                    ),
                    At {
                        date: Some(date),
                        line: None,
                    },
                );
            } else {
                let (outcome, severity) = match rev {
                    Revision::R08 => (Outcome::Ineligible, Severity::Error),
                    Revision::R06 => (Outcome::NeedsReview, Severity::Warning),
                };
                out.push(
                    UkeFinding::new("uke.split.comment_missing", outcome, severity)
                        .arg("date", date)
                        .cite(doc, at, Some(lawref)),
                    At {
                        date: Some(date),
                        line: None,
                    },
                );
            }
        }
    }

    // 一般名処方加算: the receipt does not carry the outside slip's drugs.
    let generic_addition_dates: Vec<IsoDate> = (1..32usize)
        .filter(|d| generic_addition_days & (1u32 << d) != 0)
        .filter_map(|d| month_days.get(d).copied().flatten().map(|(date, _)| date))
        .collect();
    if let Some(&first) = generic_addition_dates.first() {
        if let Ok(span) = law.revision_for(first, "") {
            let (doc, at, lawref) = kokuji_f400_note6(span.id);
            let dates: Vec<String> = generic_addition_dates
                .iter()
                .map(|d| d.to_string())
                .collect();
            out.push(
                UkeFinding::new("uke.generic_name.needs_slip", Outcome::NeedsReview, Severity::Info)
                    .arg("dates", dates.join(", "))
                    .cite(doc, at, Some(lawref))
                    .missing(
                        "prescriptions[].items[]",
                        "処方箋に記載した薬剤と、それぞれ一般名・銘柄名のどちらで記載したか（一般名処方マスタの加算区分）",
                        "the drugs on the slip and whether each was written by generic or brand name (and its 一般名処方マスタ flag)",
                    ),
                At {
                    date: Some(first),
                    line: generic_addition_line,
                },
            );
        }
    }

    let mut billed_a243: Vec<(IsoDate, u32)> = Vec::new();
    let mut bits = touched;
    while bits != 0 {
        let day = bits.trailing_zeros() as usize;
        bits &= bits - 1;
        if let (Some(&Some((date, _))), Some(d)) = (month_days.get(day), days.get(day)) {
            billed_a243.extend(d.a243_2_lines.iter().map(|l| (date, *l)));
        }
    }
    state.scratch.days = days;
    state.scratch.touched = touched;

    initial_addition(r, index, law, &month_days, state, out);

    a243_2(r, law, &billed_a243, last_inpatient_day, state, out);

    let mut seen = Vec::with_capacity(usize::try_from(revisions.count_ones()).unwrap_or(0));
    if revisions & 1 != 0 {
        seen.push(Revision::R06);
    }
    if revisions & 2 != 0 {
        seen.push(Revision::R08);
    }
    seen
}

fn kokuji_a243_2(rev: Revision) -> (&'static str, &'static str, &'static str) {
    match rev {
        Revision::R06 => (
            "R06 告示",
            "別表第一 A243-2 (入院初日)",
            "r06-kokuji-ika.txt L2360",
        ),
        Revision::R08 => (
            "R08 告示",
            "別表第一 A243-2 (退院の日)",
            "r08-kokuji-ika.txt L2619",
        ),
    }
}

/// A243-2 バイオ後続品使用体制加算: R06 入院初日に限り, R08 退院の日に１回に限り; not again in
/// one admission after an R06 billing (疑義解釈（その1） 問22).
fn a243_2(
    r: &Receipt,
    law: &'static Law,
    billed: &[(IsoDate, u32)],
    last_inpatient_day: Option<IsoDate>,
    state: &mut FileState,
    out: &mut Out,
) {
    let Some(&(first_date, first_line)) = billed.first() else {
        return;
    };
    let key = format!(
        "{}|{}",
        r.patient_key(),
        r.admission_date.map(|d| d.to_string()).unwrap_or_default()
    );
    if let Some(&(date, line)) = billed.get(1) {
        let rev = law
            .revision_for(date, "")
            .map(|s| s.id)
            .unwrap_or(Revision::R08);
        let (doc, at, lawref) = kokuji_a243_2(rev);
        out.push(
            UkeFinding::new("uke.a243_2.twice", Outcome::Ineligible, Severity::Error)
                .arg("date", date)
                .arg("count", billed.len())
                .cite(doc, at, Some(lawref)),
            At {
                date: Some(date),
                line: Some(line),
            },
        );
    } else if let Some(prev) = state.a243_2.get(&key) {
        let rev = law
            .revision_for(first_date, "")
            .map(|s| s.id)
            .unwrap_or(Revision::R08);
        let (doc, at, lawref) = kokuji_a243_2(rev);
        out.push(
            UkeFinding::new("uke.a243_2.twice", Outcome::Ineligible, Severity::Error)
                .arg("date", first_date)
                .arg("count", format!("2 (レセプト {prev})"))
                .cite(doc, at, Some(lawref)),
            At {
                date: Some(first_date),
                line: Some(first_line),
            },
        );
    }
    state.a243_2.insert(key, r.number.clone());
    for &(date, line) in billed.iter().take(1) {
        let Ok(span) = law.revision_for(date, "") else {
            continue;
        };
        let (doc, at, lawref) = kokuji_a243_2(span.id);
        match span.id {
            Revision::R06 => match r.admission_date {
                Some(a) if a == date => {}
                Some(a) => out.push(
                    UkeFinding::new(
                        "uke.a243_2.not_admission_day",
                        Outcome::Ineligible,
                        Severity::Error,
                    )
                    .arg("date", date)
                    .arg("admission", a)
                    .cite(doc, at, Some(lawref)),
                    At {
                        date: Some(date),
                        line: Some(line),
                    },
                ),
                None => out.push(
                    UkeFinding::new(
                        "uke.a243_2.admission_unknown",
                        Outcome::NeedsReview,
                        Severity::Warning,
                    )
                    .arg("date", date)
                    .cite(doc, at, Some(lawref))
                    .missing(
                        "admission.admissionDate",
                        "入院年月日（RE レコード）",
                        "the admission date (RE record)",
                    ),
                    At {
                        date: Some(date),
                        line: Some(line),
                    },
                ),
            },
            Revision::R08 => {
                match last_inpatient_day {
                    Some(later) if later > date => out.push(
                        UkeFinding::new(
                            "uke.a243_2.not_discharge_day",
                            Outcome::Ineligible,
                            Severity::Error,
                        )
                        .arg("date", date)
                        .arg("later", later)
                        .cite(doc, at, Some(lawref)),
                        At {
                            date: Some(date),
                            line: Some(line),
                        },
                    ),
                    _ => out.push(
                        UkeFinding::new(
                            "uke.a243_2.discharge_unverified",
                            Outcome::NeedsReview,
                            Severity::Info,
                        )
                        .arg("date", date)
                        .cite(doc, at, Some(lawref))
                        .missing(
                            "admission.dischargeDate",
                            "退院日（レセプトには記録されない）",
                            "the discharge date (a receipt does not record it)",
                        ),
                        At {
                            date: Some(date),
                            line: Some(line),
                        },
                    ),
                }
                let admitted_r06 = r
                    .admission_date
                    .and_then(|a| law.revision_for(a, "").ok())
                    .is_some_and(|s| s.id == Revision::R06);
                if admitted_r06 {
                    out.push(
                        UkeFinding::new("uke.a243_2.admitted_under_r06", Outcome::NeedsReview, Severity::Warning)
                            .arg("date", date)
                            .arg("admission", r.admission_date.map(|d| d.to_string()).unwrap_or_default())
                            .cite("R08 疑義解釈その1", "問22", Some("r08-gigi-kaishaku-1.txt L248"))
                            .missing("admission.alreadyBilled", "この入院で令和8年5月31日以前に入院初日の A243-2 を算定したか", "whether A243-2 was billed on the admission day (before 2026-06-01) in this admission"),
                        At { date: Some(date), line: Some(line) },
                    );
                }
            }
        }
    }
}

/// Does the item whose points parameter is `param` have a month window (`<param>.months`)?
/// Answered once per parameter for the embedded law data.
fn windowed(law: &'static Law, param: &str) -> bool {
    static WINDOWED: std::sync::OnceLock<BTreeSet<String>> = std::sync::OnceLock::new();
    let set = WINDOWED.get_or_init(|| {
        law.params
            .iter()
            .filter_map(|p| p.id.strip_suffix(".months"))
            .map(str::to_string)
            .collect()
    });
    set.contains(param)
}

/// バイオ後続品導入初期加算 (注射 通則7, C101 注4): once a month, within the months counted from
/// the month of first use; the first-use date is read from comment 850100408 when present.
fn initial_addition(
    r: &Receipt,
    index: usize,
    law: &'static Law,
    month_days: &MonthDays,
    state: &mut FileState,
    out: &mut Out,
) {
    let first_use = r
        .comments
        .iter()
        .filter(|c| c.code == FIRST_USE_COMMENT)
        .filter_map(|c| wareki_date(&c.text))
        .min();
    // Per item: total count this month, the first day and line.
    let mut billed: BTreeMap<&'static str, (u32, IsoDate, u32)> = BTreeMap::new();
    for l in r.lines.iter().filter(|l| l.kind == LineKind::Procedure) {
        let Some((it, kind)) = state.item_kind(law, &l.code) else {
            continue;
        };
        if !kind.windowed {
            continue;
        }
        for &(day, count) in l.days.iter() {
            let Some(&Some((date, _))) = month_days.get(usize::from(day)) else {
                continue;
            };
            let e = billed.entry(it.item).or_insert((0, date, l.line));
            e.0 = e.0.saturating_add(count);
            if date < e.1 {
                e.1 = date;
                e.2 = l.line;
            }
        }
    }
    for (item, (count, date, line)) in billed {
        let Some(it) = law.item(item) else { continue };
        let Some(param) = it.param else {
            continue;
        };
        if let Some(per_month) = state.window(law, param, true, date) {
            if crate::decimal::Dec::from_int(i64::from(count)) > per_month.number {
                out.push(
                    UkeFinding::new(
                        "uke.bs_initial.over_monthly",
                        Outcome::Ineligible,
                        Severity::Error,
                    )
                    .arg("name", it.name)
                    .arg("count", count)
                    .arg("limit", per_month.raw())
                    .uses(&per_month),
                    At {
                        date: Some(date),
                        line: Some(line),
                    },
                );
            }
        }
        if let (Some(first), Some(months)) = (first_use, state.window(law, param, false, date)) {
            let limit = months.number.to_string().parse::<i64>().unwrap_or(i64::MAX);
            if date.month_index().saturating_sub(first.month_index()) >= limit {
                out.push(
                    UkeFinding::new(
                        "uke.bs_initial.beyond_window",
                        Outcome::Ineligible,
                        Severity::Error,
                    )
                    .arg("name", it.name)
                    .arg("date", date)
                    .arg("first", first)
                    .arg("months", months.raw())
                    .uses(&months),
                    At {
                        date: Some(date),
                        line: Some(line),
                    },
                );
            }
        }
        state
            .initial
            .entry((r.patient_key(), item))
            .or_default()
            .push(InitialUse {
                receipt: index,
                month_index: date.month_index(),
                date,
                line,
                first_use,
            });
    }
}
