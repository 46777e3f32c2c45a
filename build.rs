//! Build step: reads the dated law data (data/law/*.toml) and embeds it as one JSON document,
//! so the engine (native and wasm) carries its parameters with no file access at run time.
//! Validation of gaps, overlaps and citations is a test (tests/law_data.rs), not a build step.

use std::{env, fs, path::Path};

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

/// The dated law data (data/law/*.toml) as one JSON document in OUT_DIR/law.json.
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
    let out = Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("law.json");
    let text = serde_json::to_string(&serde_json::Value::Object(doc)).unwrap_or_default();
    if let Err(e) = fs::write(&out, &text) {
        fail(&out, &e.to_string());
    }
    text
}

fn fail(path: &Path, msg: &str) -> ! {
    eprintln!("error in {}: {msg}", path.display());
    std::process::exit(1)
}
