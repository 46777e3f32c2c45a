//! `santei` — the command-line front end.
//!
//! ```text
//! santei evaluate claim.json|-     the same JSON as evaluate()
//! santei batch claims.json|-       the same JSON as evaluateBatch()
//! santei version | rules
//! santei catalog --out FILE        write the default drug catalogue (for the wasm packages)
//! santei search QUERY [--date D]   drug search by name or code, as the page does it
//! ```
//!
//! `evaluate`, `batch` and `search` take `--master FILE` (repeatable) to add a master release on
//! top of the default catalogue: the kind and release date come from the file name
//! (`y_20250813.csv`, `ippanmei_20260612.csv`, `ge_20260612.csv`, `s_ALL….zip`, `c_ALL….csv`) or
//! are given as `--master KIND=FILE` / `--master KIND@YYYY-MM-DD=FILE`.

use std::io::Read;
use std::process::ExitCode;

use santei::Santei;

const USAGE: &str = "usage: santei <command>\n\
  evaluate [--master [KIND[@DATE]=]FILE]... FILE|-   evaluate one claim (JSON)\n\
  batch [--master ...]... FILE|-     evaluate a JSON array of claims\n\
  search [--master ...]... [--date YYYY-MM-DD] [--limit N] QUERY   drug search\n\
  catalog --out FILE   write the default drug catalogue (santei-catalog.bin)\n\
  version              crate version, revisions and master releases\n\
  rules                the rule catalogue with citations\n\
  master kinds: ssk-drug, mhlw-ippanmei, mhlw-ge, ssk-procedure, ssk-comment, catalog\n";

/// Options and positional arguments of a command.
struct Args {
    masters: Vec<String>,
    date: Option<String>,
    limit: usize,
    out: Option<String>,
    rest: Vec<String>,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut a = Args {
        masters: Vec::new(),
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

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opts = match parse_args(args.get(1..).unwrap_or(&[])) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("santei: {e}");
            return ExitCode::from(2);
        }
    };
    let mut engine = Santei::new();
    for m in &opts.masters {
        if let Err(e) = load_master(&mut engine, m) {
            eprintln!("santei: {e}");
            return ExitCode::from(2);
        }
    }
    let out = match args.first().map(String::as_str) {
        Some("evaluate") => read_input(opts.rest.first()).map(|t| engine.evaluate_json(&t)),
        Some("batch") => read_input(opts.rest.first()).map(|t| engine.evaluate_batch_json(&t)),
        Some("search") => {
            Ok(engine.search_drugs_json(&opts.rest.join(" "), opts.date.as_deref(), opts.limit))
        }
        Some("catalog") => match &opts.out {
            Some(path) => std::fs::write(path, santei::master::DEFAULT_CATALOG)
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
        Some("version") => Ok(engine.version_json()),
        Some("rules") => Ok(santei::rules_json()),
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match out {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("santei: {e}");
            ExitCode::from(2)
        }
    }
}
