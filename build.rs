//! Build step: reads the dated law data (data/law/*.toml) and generates Rust statics from it
//! (OUT_DIR/law_data.rs, included by src/law.rs), so the engine (native and wasm) carries its
//! parameters with no file access and no parsing at run time. A malformed entry (missing key,
//! wrong type, impossible date) fails the build; validation of gaps, overlaps and citations is a
//! test (tests/law_data.rs), not a build step.

use std::{env, fmt::Write as _, fs, path::Path};

use serde::Deserialize;

#[allow(dead_code)]
#[path = "src/cp932.rs"]
mod cp932;
#[path = "src/master/read.rs"]
mod read;

#[allow(dead_code)]
#[path = "src/master/compact.rs"]
mod compact;

fn main() {
    let law = law_data();
    catalog(&law);
}

/// The default drug catalogue: every master release in data/masters, reduced to the columns
/// santei uses (src/master/compact.rs), written to OUT_DIR/santei-catalog.bin. The native
/// build embeds it; `santei catalog --out FILE` writes it for the wasm packages.
fn catalog(law: &str) {
    println!("cargo:rerun-if-changed=data/masters");
    println!("cargo:rerun-if-changed=src/master/read.rs");
    println!("cargo:rerun-if-changed=src/master/compact.rs");
    let out =
        Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("santei-catalog.bin");
    if env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        // The wasm engine loads the catalogue at run time (loadMaster("catalog", bytes)).
        let _ = fs::write(&out, compact::MAGIC);
        return;
    }
    let root = Path::new("data/masters");
    let mut files: Vec<(read::Kind, String, std::path::PathBuf)> = Vec::new();
    let mut walk = vec![root.to_path_buf()];
    while let Some(dir) = walk.pop() {
        println!("cargo:rerun-if-changed={}", dir.display());
        let Ok(rd) = fs::read_dir(&dir) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk.push(p);
                continue;
            }
            let name = p
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            let lower = name.to_ascii_lowercase();
            if !(lower.ends_with(".csv") || lower.ends_with(".zip") || lower.ends_with(".xlsx")) {
                continue;
            }
            if let (Some(kind), Some(release)) =
                (read::kind_from_name(&name), read::release_from_name(&name))
            {
                files.push((kind, release, p));
            }
        }
    }
    if files.is_empty() {
        println!(
            "cargo:warning=no master files under data/masters: the default catalogue is empty"
        );
    }
    // Apply order: kind, then release date; a full SSK file before a change file of the same date.
    files.sort_by(|a, b| {
        let full = |p: &Path| !p.to_string_lossy().contains("_ALL");
        (a.0, &a.1, full(&a.2)).cmp(&(b.0, &b.1, full(&b.2)))
    });
    let mut w = compact::Writer::new();
    for (kind, release, path) in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let bytes = fs::read(&path).unwrap_or_else(|e| fail(&path, &e.to_string()));
        let mut rows =
            read::source_rows(kind, &bytes).unwrap_or_else(|e| fail(&path, &e.to_string()));
        subset(kind, &mut rows, law);
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        w.add(kind, &release, name, &rows);
    }
    if let Err(e) = fs::write(&out, w.finish()) {
        fail(&out, &e.to_string());
    }
}

/// The default catalogue carries all drugs, but of the procedure and comment masters only what
/// the prescribing rules touch (budget: the catalogue file stays under 600 KB gzipped): codes
/// named in data/law, procedures of 区分 F (投薬) and G (注射), and comments about 処方, 投薬,
/// 薬剤, 注射, 調剤, 医薬品, 後発, 一般名 or バイオ. A user loads the full files with --master.
fn subset(kind: read::Kind, rows: &mut Vec<read::Row>, law: &str) {
    match kind {
        read::Kind::SskProcedure => {
            rows.retain(|r| matches!(r.col(85), "F" | "G") || law.contains(r.col(3)));
        }
        read::Kind::SskComment => {
            const WORDS: [&str; 9] = [
                "処方",
                "投薬",
                "薬剤",
                "注射",
                "調剤",
                "医薬品",
                "後発",
                "一般名",
                "バイオ",
            ];
            rows.retain(|r| WORDS.iter().any(|w| r.col(7).contains(w)) || law.contains(r.col(23)));
        }
        read::Kind::MhlwGe => {
            // Rows with neither a 後発品 mark (col 4) nor an exclusion (col 8) carry no fact santei uses.
            rows.retain(|r| !r.col(4).is_empty() || !r.col(8).is_empty());
        }
        _ => {}
    }
}

/// The dated law data (data/law/*.toml) merged into one JSON document (its text is returned, for
/// `subset`), and generated as Rust statics into OUT_DIR/law_data.rs.
fn law_data() -> String {
    let dir = Path::new("data/law");
    println!("cargo:rerun-if-changed=data/law");
    let mut files: Vec<_> = match fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            println!("cargo:warning=cannot read data/law: {e}");
            Vec::new()
        }
    };
    files.retain(|p| p.extension().is_some_and(|x| x == "toml"));
    files.sort();
    let mut doc = serde_json::Map::new();
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).unwrap_or_else(|e| fail(&path, &e.to_string()));
        let value: toml::Value =
            toml::from_str(&text).unwrap_or_else(|e| fail(&path, &e.to_string()));
        let json = serde_json::to_value(value).unwrap_or_else(|e| fail(&path, &e.to_string()));
        if let serde_json::Value::Object(map) = json {
            for (k, v) in map {
                match (doc.get_mut(&k), v) {
                    (Some(serde_json::Value::Array(a)), serde_json::Value::Array(b)) => a.extend(b),
                    (None, v) => {
                        doc.insert(k, v);
                    }
                    (Some(_), _) => fail(
                        &path,
                        &format!("key `{k}` defined twice with non-array values"),
                    ),
                }
            }
        }
    }
    let doc = serde_json::Value::Object(doc);
    let out = Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("law_data.rs");
    let raw: RawLaw =
        serde_json::from_value(doc.clone()).unwrap_or_else(|e| fail(dir, &e.to_string()));
    if let Err(e) = fs::write(&out, generate(&raw)) {
        fail(&out, &e.to_string());
    }
    serde_json::to_string(&doc).unwrap_or_default()
}

// The shape of data/law/*.toml (mirrors the types of src/law.rs; unknown keys are ignored).

#[derive(Deserialize)]
struct RawLaw {
    #[serde(default)]
    revision: Vec<RawRevision>,
    #[serde(default)]
    source: Vec<RawSource>,
    #[serde(default)]
    param: Vec<RawParam>,
    #[serde(default)]
    item: Vec<RawItem>,
    #[serde(default)]
    finding: Vec<RawFinding>,
}

#[derive(Deserialize)]
struct RawRevision {
    id: String,
    title: String,
    from: String,
    until: String,
    basis: String,
}

#[derive(Deserialize)]
struct RawSource {
    id: String,
    title: String,
    #[serde(default)]
    file: String,
}

#[derive(Deserialize)]
struct RawParam {
    id: String,
    unit: String,
    name: String,
    #[serde(default)]
    revisions: Vec<String>,
    values: Vec<RawValue>,
}

#[derive(Deserialize)]
struct RawValue {
    from: String,
    until: String,
    value: String,
    doc: String,
    at: String,
    law: String,
    quote: String,
}

#[derive(Deserialize)]
struct RawItem {
    item: String,
    name: String,
    #[serde(default)]
    param: Option<String>,
    codes: Vec<RawCode>,
}

#[derive(Deserialize)]
struct RawCode {
    from: String,
    until: String,
    code: String,
    source: String,
}

#[derive(Deserialize)]
struct RawFinding {
    code: String,
    ja: String,
    en: String,
}

/// `ymd(2024, 6, 1)` for "2024-06-01" (src/law.rs checks the date is possible, at compile time).
fn date(s: &str) -> String {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |i: usize, len: usize| -> u32 {
        match parts.get(i) {
            Some(p) if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) => {
                p.parse().unwrap_or_default()
            }
            _ => fail(
                Path::new("data/law"),
                &format!("date {s:?} is not YYYY-MM-DD"),
            ),
        }
    };
    if parts.len() != 3 {
        fail(
            Path::new("data/law"),
            &format!("date {s:?} is not YYYY-MM-DD"),
        );
    }
    format!("ymd({}, {}, {})", num(0, 4), num(1, 2), num(2, 2))
}

fn revision(id: &str) -> String {
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        fail(
            Path::new("data/law"),
            &format!("revision id {id:?} is not a name"),
        );
    }
    format!("Revision::{id}")
}

/// A Rust string literal (`{:?}` of a str is valid Rust).
fn lit(s: &str) -> String {
    format!("{s:?}")
}

/// OUT_DIR/law_data.rs: one static slice per table, in the order of the files and entries.
fn generate(raw: &RawLaw) -> String {
    let mut o = String::from("// @generated by build.rs from data/law/*.toml: do not edit.\n\n");
    o.push_str("pub static REVISIONS: &[RevisionSpan] = &[\n");
    for r in &raw.revision {
        let _ = writeln!(
            o,
            "    RevisionSpan {{ id: {}, title: {}, from: {}, until: {}, basis: {} }},",
            revision(&r.id),
            lit(&r.title),
            date(&r.from),
            date(&r.until),
            lit(&r.basis)
        );
    }
    o.push_str("];\n\npub static SOURCES: &[Source] = &[\n");
    for s in &raw.source {
        let _ = writeln!(
            o,
            "    Source {{ id: {}, title: {}, file: {} }},",
            lit(&s.id),
            lit(&s.title),
            lit(&s.file)
        );
    }
    o.push_str("];\n\npub static PARAMS: &[Param] = &[\n");
    for p in &raw.param {
        let revisions: Vec<String> = p.revisions.iter().map(|r| revision(r)).collect();
        let _ = writeln!(
            o,
            "    Param {{ id: {}, unit: {}, name: {}, revisions: &[{}], values: &[",
            lit(&p.id),
            lit(&p.unit),
            lit(&p.name),
            revisions.join(", ")
        );
        for v in &p.values {
            let _ = writeln!(
                o,
                "        ParamValue {{ from: {}, until: {}, value: {}, doc: {}, at: {}, law: {}, quote: {} }},",
                date(&v.from),
                date(&v.until),
                lit(&v.value),
                lit(&v.doc),
                lit(&v.at),
                lit(&v.law),
                lit(&v.quote)
            );
        }
        o.push_str("    ] },\n");
    }
    o.push_str("];\n\npub static ITEMS: &[Item] = &[\n");
    for it in &raw.item {
        let param = match &it.param {
            Some(p) => format!("Some({})", lit(p)),
            None => "None".to_string(),
        };
        let _ = writeln!(
            o,
            "    Item {{ item: {}, name: {}, param: {param}, codes: &[",
            lit(&it.item),
            lit(&it.name)
        );
        for c in &it.codes {
            let _ = writeln!(
                o,
                "        ItemCode {{ from: {}, until: {}, code: {}, source: {} }},",
                date(&c.from),
                date(&c.until),
                lit(&c.code),
                lit(&c.source)
            );
        }
        o.push_str("    ] },\n");
    }
    o.push_str("];\n\npub static FINDINGS: &[FindingText] = &[\n");
    for f in &raw.finding {
        let _ = writeln!(
            o,
            "    FindingText {{ code: {}, ja: {}, en: {} }},",
            lit(&f.code),
            lit(&f.ja),
            lit(&f.en)
        );
    }
    o.push_str("];\n");
    o
}

fn fail(path: &Path, msg: &str) -> ! {
    eprintln!("error in {}: {msg}", path.display());
    std::process::exit(1)
}
