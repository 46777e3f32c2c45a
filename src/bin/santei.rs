//! `santei` — the command-line front end.
//!
//! ```text
//! santei evaluate claim.json|-     the same JSON as evaluate()
//! santei batch claims.json|-       the same JSON as evaluateBatch()
//! santei patient claims.json|-     the same JSON as evaluatePatient()
//! santei facility input.json|-     the same JSON as checkFacilityStandard()
//! santei check FILE.UKE [--json]   check a レセプト電算 file (readable report, or checkUke's JSON)
//! santei gen-uke --month YYYY-MM [--receipts N] [--scenarios a,b] [-o FILE]
//! santei bench-uke [--receipts N] [--month YYYY-MM] [--scenarios a,b] [--repeat 3]
//! santei version | rules
//! santei catalog --out FILE        write the default drug catalogue (for the wasm packages)
//! santei search QUERY [--date D]   drug search by name or code, as the page does it
//! santei serve [--port 8080] [--root DIR]   serves www/ and pkg/ on 127.0.0.1
//! ```
//!
//! `evaluate`, `batch` and `search` take `--master FILE` (repeatable) to add a master release on
//! top of the default catalogue: the kind and release date come from the file name
//! (`y_20250813.csv`, `ippanmei_20260612.csv`, `ge_20260612.csv`, `s_ALL….zip`, `c_ALL….csv`) or
//! are given as `--master KIND=FILE` / `--master KIND@YYYY-MM-DD=FILE`.

use std::io::{Read, Write};
use std::process::ExitCode;
use std::time::Instant;

use santei::uke::gen::{generate, GenOptions, Scenario};
use santei::Santei;

#[path = "santei/serve.rs"]
mod serve;

const USAGE: &str = "usage: santei <command>\n\
  evaluate [--master [KIND[@DATE]=]FILE]... FILE|-\n\
                       evaluate one claim (JSON); --master adds a master release on top of\n\
                       the default catalogue (kinds: ssk-drug, mhlw-ippanmei, mhlw-ge,\n\
                       ssk-procedure, ssk-comment, catalog; kind and date from the file name)\n\
  batch [--master ...]... FILE|-   evaluate a JSON array of claims\n\
                       (--no-default: start from an empty catalogue, not the embedded one)\n\
  search [--master ...]... [--date YYYY-MM-DD] [--limit N] QUERY\n\
                       drug search by name (kana/kanji, partial) or code\n\
  patient [--master ...]... FILE|-   evaluate one patient's claims (JSON array) in date order\n\
  facility FILE|-      check the A243-2 facility standard (per-ingredient quantities)\n\
  catalog --out FILE   write the default drug catalogue (santei-catalog.bin)\n\
  check FILE.UKE [--json] [--en]\n\
                       check a レセプト電算 (UKE) file: a readable report, or with --json the\n\
                       same JSON as checkUke(); exit 1 when the file cannot be read as UKE\n\
  gen-uke --month YYYY-MM [--receipts N] [--scenarios a,b,...] [-o FILE]\n\
                       write a valid UKE file (CP932, CRLF) with chosen scenarios\n\
  bench-uke [--receipts N] [--month YYYY-MM] [--scenarios ...] [--repeat 3]\n\
                       benchmark: generate N receipts (default 100000); read, check and\n\
                       serialise them (best of --repeat runs); print MB/s, receipts/s, peak RSS\n\
  version              crate version, revisions and master releases\n\
  rules                the rule catalogue with citations\n\
  serve [--port 8080] [--root DIR]\n\
                       serve the page (www/) and pkg/ on http://127.0.0.1:PORT/ (root: .)\n";

/// Options and positional arguments of a command.
struct Args {
    masters: Vec<String>,
    /// `--no-default`: start from an empty catalogue instead of the embedded default.
    no_default: bool,
    date: Option<String>,
    limit: usize,
    out: Option<String>,
    rest: Vec<String>,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut a = Args {
        masters: Vec::new(),
        no_default: false,
        date: None,
        limit: 20,
        out: None,
        rest: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(x) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match x.as_str() {
            "--master" => a.masters.push(value("--master")?),
            "--no-default" => a.no_default = true,
            "--date" => a.date = Some(value("--date")?),
            "--out" => a.out = Some(value("--out")?),
            "--limit" => {
                a.limit = value("--limit")?
                    .parse()
                    .map_err(|_| "--limit needs a number".to_string())?
            }
            _ => a.rest.push(x.clone()),
        }
    }
    Ok(a)
}

/// `[KIND[@DATE]=]FILE` → load it into the engine; errors name the file, line and column.
fn load_master(engine: &mut Santei, spec: &str) -> Result<(), String> {
    let (head, path) = match spec.split_once('=') {
        Some((h, p)) if !h.contains('/') && !h.contains('.') => (Some(h), p),
        _ => (None, spec),
    };
    let (kind, date) = match head {
        Some(h) => match h.split_once('@') {
            Some((k, d)) => (Some(k.to_string()), Some(d.to_string())),
            None => (Some(h.to_string()), None),
        },
        None => (None, None),
    };
    let name = std::path::Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(path)
        .to_string();
    let kind = match kind {
        Some(k) => k,
        None if name.ends_with(".bin") => "catalog".to_string(),
        None => santei::master::read::kind_from_name(&name)
            .map(|k| k.name().to_string())
            .ok_or_else(|| {
                format!("cannot tell the master kind of {path}: use --master KIND=FILE")
            })?,
    };
    let date = date.or_else(|| santei::master::read::release_from_name(&name));
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    engine
        .load_master(&kind, &bytes, date.as_deref(), &name)
        .map(|_| ())
        .map_err(|e| format!("{path}: {}", e.message))
}

fn read_input(arg: Option<&String>) -> Result<String, String> {
    match arg.map(String::as_str) {
        None => Err("missing FILE (use - for stdin)".to_string()),
        Some("-") => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .map_err(|e| format!("cannot read stdin: {e}"))?;
            Ok(s)
        }
        Some(p) => std::fs::read_to_string(p).map_err(|e| format!("cannot read {p}: {e}")),
    }
}

fn read_bytes(arg: Option<&String>) -> Result<Vec<u8>, String> {
    match arg.map(String::as_str) {
        None => Err("missing FILE (use - for stdin)".to_string()),
        Some("-") => {
            let mut b = Vec::new();
            std::io::stdin()
                .read_to_end(&mut b)
                .map_err(|e| format!("cannot read stdin: {e}"))?;
            Ok(b)
        }
        Some(p) => std::fs::read(p).map_err(|e| format!("cannot read {p}: {e}")),
    }
}

/// The value after `--name`.
fn opt<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    let i = args.iter().position(|a| a == name)?;
    args.get(i.saturating_add(1)).map(String::as_str)
}

fn parse_month(s: &str) -> Result<(i32, u8), String> {
    let bad = || format!("bad month {s:?}: expected YYYY-MM");
    let (y, m) = s.split_once('-').ok_or_else(bad)?;
    let y: i32 = y.parse().map_err(|_| bad())?;
    let m: u8 = m.parse().map_err(|_| bad())?;
    if !(1..=12).contains(&m) {
        return Err(bad());
    }
    Ok((y, m))
}

fn gen_options(
    args: &[String],
    default_month: &str,
    default_n: usize,
) -> Result<GenOptions, String> {
    let (year, month) = parse_month(opt(args, "--month").unwrap_or(default_month))?;
    let receipts = match opt(args, "--receipts") {
        Some(n) => n.parse().map_err(|_| format!("bad --receipts {n:?}"))?,
        None => default_n,
    };
    let scenarios = match opt(args, "--scenarios") {
        Some(list) => list
            .split(',')
            .map(|s| {
                Scenario::parse(s.trim()).ok_or_else(|| {
                    let all: Vec<&str> = Scenario::ALL.iter().map(|x| x.name()).collect();
                    format!("unknown scenario {s:?}; known: {}", all.join(", "))
                })
            })
            .collect::<Result<Vec<_>, _>>()?,
        None => Vec::new(),
    };
    Ok(GenOptions {
        year,
        month,
        receipts,
        scenarios,
    })
}

fn gen_uke(args: &[String]) -> Result<(), String> {
    let opts = gen_options(args, "2026-06", 10)?;
    let bytes = generate(&opts);
    match opt(args, "-o") {
        Some(path) => std::fs::write(path, &bytes).map_err(|e| format!("cannot write {path}: {e}")),
        None => std::io::stdout()
            .write_all(&bytes)
            .map_err(|e| format!("cannot write: {e}")),
    }
}

/// Peak resident memory of this process in KiB (Linux), if known.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU time of this thread in seconds (Linux /proc/thread-self/schedstat), if known: the
/// machine may be shared, so throughput is reported per CPU second as well as per wall second.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Seconds of CPU and of wall clock of one run of `f`.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Option<f64>, f64) {
    let (c, t) = (cpu_seconds(), Instant::now());
    let out = f();
    let wall = t.elapsed().as_secs_f64();
    (out, cpu_seconds().zip(c).map(|(b, a)| b - a), wall)
}

/// Best (least CPU) of the runs of one phase.
#[derive(Default)]
struct Phase {
    cpu: Option<f64>,
    wall: f64,
}

impl Phase {
    fn add(&mut self, cpu: Option<f64>, wall: f64) {
        let better = match (cpu, self.cpu) {
            (Some(a), Some(b)) => a < b,
            (Some(_), None) => true,
            _ => self.wall == 0.0 || wall < self.wall,
        };
        if better {
            self.cpu = cpu;
            self.wall = wall;
        }
    }

    fn json(&self, mb: f64, n: f64) -> String {
        let rate = |per: f64, secs: f64, digits: usize| {
            if secs > 0.0 {
                format!("{:.digits$}", per / secs)
            } else {
                "null".to_string()
            }
        };
        let cpu = self.cpu.unwrap_or(0.0);
        format!(
            "{{\"cpuSeconds\":{},\"wallSeconds\":{:.3},\"MBpsCpu\":{},\"MBpsWall\":{},\"receiptsPerSecondCpu\":{},\"receiptsPerSecondWall\":{}}}",
            self.cpu.map(|c| format!("{c:.3}")).unwrap_or_else(|| "null".into()),
            self.wall,
            rate(mb, cpu, 1),
            rate(mb, self.wall, 1),
            rate(n, cpu, 0),
            rate(n, self.wall, 0),
        )
    }
}

/// `bench-uke`: generate a month's file, then per phase the best of `--repeat` runs (default 3)
/// of: read only (lines, CP932, receipts assembled), check (read + rules + the report as data),
/// JSON (the report serialised, as checkUke returns it). CPU seconds are this thread's
/// (/proc/thread-self/schedstat), so a busy machine shows in wall time, not in CPU time.
fn bench_uke(engine: &Santei, args: &[String]) -> Result<(), String> {
    let opts = gen_options(args, "2026-06", 100_000)?;
    let repeat: usize = match opt(args, "--repeat") {
        Some(n) => n.parse().map_err(|_| format!("bad --repeat {n:?}"))?,
        None => 3,
    };
    let t0 = Instant::now();
    let bytes = generate(&opts);
    let gen_s = t0.elapsed().as_secs_f64();
    let mb = bytes.len() as f64 / 1_000_000.0;
    // The default catalogue is loaded before the first check (not part of the figures).
    let _ = engine.catalog().releases();
    let rss_before = peak_rss_kib();
    let (mut read, mut check, mut json, mut both) = (
        Phase::default(),
        Phase::default(),
        Phase::default(),
        Phase::default(),
    );
    let (mut receipts, mut with_findings, mut json_bytes) = (0usize, 0usize, 0usize);
    for _ in 0..repeat.max(1) {
        let (n, c, w) = timed(|| {
            let mut asm = santei::uke::model::Assembler::new();
            let mut n = 0usize;
            let mut lines = santei::uke::reader::Lines::new(&bytes);
            while let Some((number, raw)) = lines.next_raw() {
                if let Some(done) = asm.push_raw(number, raw) {
                    n = n.saturating_add(1);
                    asm.recycle(done);
                }
            }
            n.saturating_add(usize::from(asm.finish().is_some()))
        });
        read.add(c, w);
        receipts = n;
        let (report, c1, w1) =
            timed(|| santei::uke::check_uke(&bytes, engine.catalog(), 0, &mut |_, _| {}));
        let report = report.map_err(|e| format!("{}: {}", e.code, e.message))?;
        check.add(c1, w1);
        let (text, c2, w2) = timed(|| santei::uke::report_json(&report, bytes.len()));
        json.add(c2, w2);
        both.add(c1.zip(c2).map(|(a, b)| a + b), w1 + w2);
        with_findings = report.summary.with_findings;
        json_bytes = text.len();
    }
    let n = receipts as f64;
    let kib = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_else(|| "null".into());
    println!(
        "{{\"receipts\":{receipts},\"bytes\":{},\"MB\":{mb:.1},\"repeat\":{},\"generateSeconds\":{gen_s:.3},\
\"read\":{},\"check\":{},\"json\":{},\"checkAndJson\":{},\"jsonBytes\":{json_bytes},\
\"withFindings\":{with_findings},\"peakRssKiBBeforeCheck\":{},\"peakRssKiB\":{}}}",
        bytes.len(),
        repeat.max(1),
        read.json(mb, n),
        check.json(mb, n),
        json.json(mb, n),
        both.json(mb, n),
        kib(rss_before),
        kib(peak_rss_kib()),
    );
    Ok(())
}

fn severity_label(s: santei::api::Severity) -> &'static str {
    match s {
        santei::api::Severity::Error => "ERROR  ",
        santei::api::Severity::Warning => "WARNING",
        santei::api::Severity::Info => "INFO   ",
    }
}

/// The readable report of `santei check`.
fn readable(path: &str, report: &santei::uke::UkeReport, english: bool) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let file = &report.file;
    let sum = &report.summary;
    let _ = writeln!(
        out,
        "{path}: facility {} billing month {}",
        file.facility_code.as_deref().unwrap_or("?"),
        file.billing_month.as_deref().unwrap_or("?")
    );
    let _ = writeln!(
        out,
        "receipts {}, with findings {}, with errors {}, malformed lines {}\n",
        sum.receipts,
        sum.with_findings,
        sum.with_errors,
        sum.malformed_lines.len()
    );
    for r in report.receipts.iter().filter(|r| !r.findings.is_empty()) {
        let _ = writeln!(
            out,
            "receipt {} {} {} (line {})",
            r.receipt_number,
            r.name_kana.as_deref().unwrap_or(""),
            r.service_month.as_deref().unwrap_or(""),
            r.line
        );
        for uf in &r.findings {
            let f = &uf.finding();
            let line = uf.line.map(|l| format!(" L{l}")).unwrap_or_default();
            let msg = if english {
                &f.message.en
            } else {
                &f.message.ja
            };
            let _ = writeln!(
                out,
                "  {} {}{line}: {msg}",
                severity_label(f.severity),
                f.code
            );
            let basis: Vec<String> = f
                .basis
                .iter()
                .map(|b| {
                    let law = b
                        .law
                        .as_deref()
                        .map(|l| format!(" {l}"))
                        .unwrap_or_default();
                    format!("{} {}{law}", b.doc, b.at)
                })
                .collect();
            if !basis.is_empty() {
                let _ = writeln!(out, "           [{}]", basis.join("; "));
            }
        }
        out.push('\n');
    }
    if !sum.by_code.is_empty() {
        out.push_str("by finding code:\n");
        for (k, n) in &sum.by_code {
            let _ = writeln!(out, "  {k:<45} {n}");
        }
    }
    if !sum.malformed_lines.is_empty() {
        out.push_str("malformed lines:\n");
        for l in &sum.malformed_lines {
            let _ = writeln!(out, "  line {}: {} ({})", l.line, l.message, l.code);
        }
    }
    out
}

fn check(engine: &Santei, args: &[String]) -> ExitCode {
    let path = args.iter().skip(1).find(|a| !a.starts_with("--"));
    let json_out = args.iter().any(|a| a == "--json");
    let english = args.iter().any(|a| a == "--en");
    let bytes = match read_bytes(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("santei: {e}");
            return ExitCode::from(2);
        }
    };
    match santei::uke::check_uke(&bytes, engine.catalog(), usize::MAX, &mut |_, _| {}) {
        Ok(report) => {
            if json_out {
                println!("{}", santei::engine::to_json(&report));
            } else {
                print!(
                    "{}",
                    readable(path.map_or("-", String::as_str), &report, english)
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            let env = santei::engine::to_json(&santei::api::ErrorEnvelope::new(vec![e.clone()]));
            if json_out {
                println!("{env}");
            } else {
                eprintln!("santei: {}: {}", e.code, e.message);
            }
            ExitCode::from(1)
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let own = matches!(
        args.first().map(String::as_str),
        Some("evaluate" | "batch" | "patient" | "facility" | "search" | "catalog")
    );
    let opts = match parse_args(if own {
        args.get(1..).unwrap_or(&[])
    } else {
        &[]
    }) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("santei: {e}");
            return ExitCode::from(2);
        }
    };
    let mut engine = if opts.no_default {
        Santei::without_masters()
    } else {
        Santei::new()
    };
    for m in &opts.masters {
        if let Err(e) = load_master(&mut engine, m) {
            eprintln!("santei: {e}");
            return ExitCode::from(2);
        }
    }
    let out = match args.first().map(String::as_str) {
        Some("evaluate") => read_input(opts.rest.first()).map(|t| engine.evaluate_json(&t)),
        Some("batch") => read_input(opts.rest.first()).map(|t| engine.evaluate_batch_json(&t)),
        Some("patient") => read_input(opts.rest.first()).map(|t| engine.evaluate_patient_json(&t)),
        Some("facility") => {
            read_input(opts.rest.first()).map(|t| engine.check_facility_standard_json(&t))
        }
        Some("search") => {
            Ok(engine.search_drugs_json(&opts.rest.join(" "), opts.date.as_deref(), opts.limit))
        }
        Some("catalog") => match &opts.out {
            Some(path) => std::path::Path::new(path)
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| std::fs::write(path, santei::master::DEFAULT_CATALOG))
                .map(|()| {
                    format!(
                        "{{\"status\":\"ok\",\"out\":{},\"bytes\":{}}}",
                        serde_json::Value::String(path.clone()),
                        santei::master::DEFAULT_CATALOG.len()
                    )
                })
                .map_err(|e| format!("cannot write {path}: {e}")),
            None => Err("catalog needs --out FILE".to_string()),
        },
        Some("check") => return check(&engine, &args),
        Some("gen-uke") => {
            return match gen_uke(&args) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("santei: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Some("bench-uke") => {
            return match bench_uke(&engine, &args) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("santei: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Some("version") => Ok(engine.version_json()),
        Some("rules") => Ok(santei::rules_json()),
        Some("serve") => {
            return match serve::parse_args(args.get(1..).unwrap_or_default())
                .and_then(|o| serve::run(&o))
            {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("santei: {e}");
                    ExitCode::from(2)
                }
            };
        }
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match out {
        Ok(json) => {
            // Not println!: a closed pipe (`santei rules | head`) must not panic.
            let mut out = std::io::stdout().lock();
            match writeln!(out, "{json}").and_then(|()| out.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("santei: cannot write the output: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Err(e) => {
            eprintln!("santei: {e}");
            ExitCode::from(2)
        }
    }
}
