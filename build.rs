//! Build step: reads the dated law data (data/law/*.toml) and embeds it as one JSON document,
//! so the engine (native and wasm) carries its parameters with no file access at run time.
//! Validation of gaps, overlaps and citations is a test (tests/law_data.rs), not a build step.

use std::{env, fs, path::Path};

fn main() {
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
    if let Err(e) = fs::write(&out, text) {
        fail(&out, &e.to_string());
    }
}

fn fail(path: &Path, msg: &str) -> ! {
    eprintln!("error in {}: {msg}", path.display());
    std::process::exit(1)
}
