//! A generator of valid レセプト電算 (UKE) files with chosen scenarios, for tests and the
//! benchmark (`santei gen-uke`). Output is CP932 with CRLF, like a real export.
//!
//! Codes used: SSK 120002910 処方箋料（その他）, 120004270 一般名処方加算１, 120003570 一般名処方加算２,
//! 120001210 処方料（その他）, 120000710 調剤料（内服薬）, 190833910 バイオ後続品使用体制加算 (R6 master);
//! drugs 620098801 ロキソニン錠６０ｍｇ, 610406079 ガスター散２％, 629905801 (SSK 医薬品マスター 2024-03-21). Points are written as given by
//! the caller (the scenarios take them from the law data, so a generated "correct" file stays correct).

use encoding_rs::SHIFT_JIS;

use crate::date::IsoDate;
use crate::law::law;

/// One receipt's story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scenario {
    /// 処方箋料 + 一般名処方加算1 at the day's points.
    GenericAddition1,
    /// 処方箋料 + 一般名処方加算2 at the day's points.
    GenericAddition2,
    /// 一般名処方加算1 billed at the R6 value (10) whatever the day: wrong from 2026-06-01.
    StaleAddition1,
    /// 一般名処方加算2 with no 処方箋料 that day.
    AdditionWithoutFee,
    /// In-house drug + 処方料 + 調剤料 + 処方箋料 the same day, no 摘要.
    SplitUncommented,
    /// In-house drug + 処方箋料 the same day, with comments 830100205 and 850100206.
    SplitCommented,
    /// Outpatient visit with in-house drugs only (nothing to report).
    InhouseOnly,
    /// Inpatient: A243-2 on the admission day (right under R6, wrong under R8 while still admitted).
    A243OnAdmissionDay,
    /// Inpatient: A243-2 billed twice in the month.
    A243Twice,
    /// A line with too few fields (a truncated record) in the middle of the receipt.
    Truncated,
    /// Outpatient biosimilar injection with 導入初期加算 (注射 通則7), first use this month (comment 850100408).
    BsInitialFirstMonth,
    /// The same, first use four months before the service month: past the window.
    BsInitialLate,
    /// 導入初期加算 billed on two days of the month, no first-use comment.
    BsInitialTwiceNoComment,
}

impl Scenario {
    pub const ALL: &'static [Scenario] = &[
        Scenario::GenericAddition1,
        Scenario::GenericAddition2,
        Scenario::StaleAddition1,
        Scenario::AdditionWithoutFee,
        Scenario::SplitUncommented,
        Scenario::SplitCommented,
        Scenario::InhouseOnly,
        Scenario::A243OnAdmissionDay,
        Scenario::A243Twice,
        Scenario::Truncated,
        Scenario::BsInitialFirstMonth,
        Scenario::BsInitialLate,
        Scenario::BsInitialTwiceNoComment,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Scenario::GenericAddition1 => "generic-addition-1",
            Scenario::GenericAddition2 => "generic-addition-2",
            Scenario::StaleAddition1 => "stale-addition-1",
            Scenario::AdditionWithoutFee => "addition-without-fee",
            Scenario::SplitUncommented => "split-uncommented",
            Scenario::SplitCommented => "split-commented",
            Scenario::InhouseOnly => "inhouse-only",
            Scenario::A243OnAdmissionDay => "a243-on-admission-day",
            Scenario::A243Twice => "a243-twice",
            Scenario::Truncated => "truncated",
            Scenario::BsInitialFirstMonth => "bs-initial-first-month",
            Scenario::BsInitialLate => "bs-initial-late",
            Scenario::BsInitialTwiceNoComment => "bs-initial-twice-no-comment",
        }
    }

    pub fn parse(s: &str) -> Option<Scenario> {
        Scenario::ALL.iter().copied().find(|x| x.name() == s)
    }
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct GenOptions {
    /// Service month.
    pub year: i32,
    pub month: u8,
    /// Receipts to write; scenarios are used in turn.
    pub receipts: usize,
    pub scenarios: Vec<Scenario>,
}

fn days_field(days: &[(u8, u32)]) -> String {
    let mut cols = vec![String::new(); 31];
    for &(d, c) in days {
        if let Some(slot) = cols.get_mut(usize::from(d).saturating_sub(1)) {
            *slot = c.to_string();
        }
    }
    cols.join(",")
}

fn si(cat: &str, code: &str, points: Option<i64>, days: &[(u8, u32)]) -> String {
    let count: u32 = days.iter().map(|d| d.1).sum();
    let p = points.map(|p| p.to_string()).unwrap_or_default();
    format!("SI,{cat},1,{code},,{p},{count},,,,,,,{}", days_field(days))
}

fn iy(cat: &str, code: &str, qty: &str, points: Option<i64>, days: &[(u8, u32)]) -> String {
    let count: u32 = days.iter().map(|d| d.1).sum();
    let p = points.map(|p| p.to_string()).unwrap_or_default();
    format!(
        "IY,{cat},1,{code},{qty},{p},{count},,,,,,,{}",
        days_field(days)
    )
}

/// Points of a fee-schedule item on a date, from the law data (0 when the data lacks it).
fn points(item: &str, date: Option<IsoDate>) -> i64 {
    let l = law();
    date.and_then(|d| {
        let p = l.item(item)?.param?;
        let v = l.number(p, d).ok()?;
        v.value.to_string().parse::<i64>().ok()
    })
    .unwrap_or(0)
}

struct Names;
impl Names {
    const KANA: &'static [&'static str] = &[
        "サンテイ　タロウ",
        "ケンサ　ハナコ",
        "レセプト　イチロウ",
        "ショホウ　ミドリ",
        "バイオ　ケンジ",
    ];
    const KANJI: &'static [&'static str] = &[
        "算定　太郎",
        "検査　花子",
        "請求　一郎",
        "処方　緑",
        "薬剤　健二",
    ];
}

/// Write one receipt's records.
fn receipt(out: &mut Vec<String>, no: usize, year: i32, month: u8, s: Scenario) {
    let ym = format!("{year:04}{month:02}");
    let day = u8::try_from(no % 27).unwrap_or(0).saturating_add(1);
    let date = IsoDate::from_ymd(year, month, day);
    let kana = Names::KANA
        .get(no % Names::KANA.len())
        .copied()
        .unwrap_or("");
    let kanji = Names::KANJI
        .get(no % Names::KANJI.len())
        .copied()
        .unwrap_or("");
    let inpatient = matches!(s, Scenario::A243OnAdmissionDay | Scenario::A243Twice);
    let kind = if inpatient { "1111" } else { "1112" };
    let admission = if inpatient {
        format!("{ym}{:02}", day)
    } else {
        String::new()
    };
    let chart = format!("{:08}", no);
    let empties = ",".repeat(17);
    out.push(format!(
        "RE,{no},{kind},{ym},{kanji},1,19700101,,{admission},,,,,{chart},,,,,,{empties}{kana},"
    ));
    out.push("HO,06132013,１２３,４５６,1,500,,,,,,,,,".to_string());
    out.push(format!("SY,8830417,{ym}01,1,,,01,"));
    let d = &[(day, 1u32)];
    let visit = si("12", "112007410", Some(73), d);
    match s {
        Scenario::GenericAddition1 | Scenario::StaleAddition1 => {
            out.push(visit);
            out.push(si("80", "120002910", Some(points("F400-3", date)), d));
            let add = if s == Scenario::StaleAddition1 {
                10
            } else {
                points("F400-note6-1", date)
            };
            out.push(si("80", "120004270", Some(add), d));
        }
        Scenario::GenericAddition2 => {
            out.push(visit);
            out.push(si("80", "120002910", Some(points("F400-3", date)), d));
            out.push(si("80", "120003570", Some(points("F400-note6-2", date)), d));
        }
        Scenario::AdditionWithoutFee => {
            out.push(visit);
            out.push(si("80", "120003570", Some(points("F400-note6-2", date)), d));
        }
        Scenario::SplitUncommented | Scenario::SplitCommented => {
            out.push(visit);
            out.push(iy("22", "620098801", "1", Some(1), d));
            if s == Scenario::SplitUncommented {
                out.push(si("24", "120000710", Some(11), d));
                out.push(si("25", "120001210", Some(42), d));
            }
            out.push(si("80", "120002910", Some(points("F400-3", date)), d));
            if s == Scenario::SplitCommented {
                let (y, m, dd) = (year - 2018, month, day);
                out.push("CO,80,1,830100205,発作時の頓用薬を院内で投与".to_string());
                out.push(format!("CO,80,1,850100206,5{y:02}{m:02}{dd:02}"));
            }
        }
        Scenario::InhouseOnly => {
            out.push(visit);
            out.push(iy("21", "610406079", "3", Some(12), &[(day, 1)]));
            out.push(si("24", "120000710", Some(11), d));
            out.push(si("25", "120001210", Some(42), d));
        }
        Scenario::A243OnAdmissionDay | Scenario::A243Twice => {
            let last = (28..=31u8)
                .rev()
                .find(|&x| IsoDate::from_ymd(year, month, x).is_some())
                .unwrap_or(28);
            let stay: Vec<(u8, u32)> = (day..=last).map(|x| (x, 1)).collect();
            out.push(si("90", "190077410", Some(1688), &stay));
            let mut a = vec![(day, 1u32)];
            if s == Scenario::A243Twice && day < last {
                a.push((last, 1));
            }
            out.push(si(
                "90",
                "190833910",
                Some(points("A243-2", date).max(100)),
                &a,
            ));
        }
        Scenario::Truncated => {
            out.push(visit);
            out.push("SI,80,1,120002910,,60".to_string());
        }
        Scenario::BsInitialFirstMonth
        | Scenario::BsInitialLate
        | Scenario::BsInitialTwiceNoComment => {
            out.push(visit);
            let mut on = vec![(day, 1u32)];
            if s == Scenario::BsInitialTwiceNoComment {
                on.push((day.saturating_add(1), 1));
            }
            // 点滴注射 + the biosimilar (インフリキシマブBS), then the 通則7 addition.
            out.push(si("33", "130003510", None, &on));
            out.push(iy("", "629905801", "1", Some(2000), &on));
            out.push(si("33", "130013790", Some(points("G-general7", date)), &on));
            if s != Scenario::BsInitialTwiceNoComment {
                let (fy, fm) = if s == Scenario::BsInitialLate {
                    let idx = i64::from(year) * 12 + i64::from(month) - 1 - 4;
                    (
                        i32::try_from(idx / 12).unwrap_or(year),
                        u8::try_from(idx % 12 + 1).unwrap_or(1),
                    )
                } else {
                    (year, month)
                };
                out.push(format!(
                    "CO,33,1,850100408,5{:02}{fm:02}{:02}",
                    fy - 2018,
                    day.min(28)
                ));
            }
        }
    }
}

/// Generate a UKE file (CP932 bytes, CRLF).
pub fn generate(opts: &GenOptions) -> Vec<u8> {
    let scenarios = if opts.scenarios.is_empty() {
        Scenario::ALL.to_vec()
    } else {
        opts.scenarios.clone()
    };
    let (by, bm) = if opts.month >= 12 {
        (opts.year.saturating_add(1), 1)
    } else {
        (opts.year, opts.month.saturating_add(1))
    };
    let mut out_bytes = Vec::with_capacity(opts.receipts.saturating_mul(400));
    let mut lines = vec![format!(
        "IR,1,13,1,1312345,,サンテイ診療所,{by:04}{bm:02},00,0312345678"
    )];
    let flush = |lines: &mut Vec<String>, out: &mut Vec<u8>| {
        for l in lines.drain(..) {
            let (b, _, _) = SHIFT_JIS.encode(&l);
            out.extend_from_slice(&b);
            out.extend_from_slice(b"\r\n");
        }
    };
    for i in 0..opts.receipts {
        let s = scenarios
            .get(i % scenarios.len())
            .copied()
            .unwrap_or(Scenario::GenericAddition1);
        receipt(&mut lines, i.saturating_add(1), opts.year, opts.month, s);
        if lines.len() > 1000 {
            flush(&mut lines, &mut out_bytes);
        }
    }
    lines.push(format!("GO,{},0,99", opts.receipts));
    flush(&mut lines, &mut out_bytes);
    out_bytes
}
