//! docs/claim.schema.json is the JSON Schema of `santei::api::Claim`, generated from the Rust
//! types (schemars honours the serde attributes: camelCase, defaults, deny_unknown_fields).
//! This test fails when the file and the code differ; `SANTEI_BLESS=1 cargo test --test schema`
//! rewrites it (review the diff like code).

use std::path::Path;

#[test]
fn claim_schema_is_current() {
    let schema = schemars::schema_for!(santei::api::Claim);
    let text = serde_json::to_string_pretty(&schema).unwrap() + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/claim.schema.json");
    if std::env::var("SANTEI_BLESS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &text).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == text,
        "docs/claim.schema.json is stale: run SANTEI_BLESS=1 cargo test --test schema and review"
    );
}

#[test]
fn golden_claims_use_only_schema_properties() {
    // Every golden case's claim parses (deny_unknown_fields) — so it is valid against the schema's
    // additionalProperties: false — and the schema names every top-level field the cases use.
    let schema: serde_json::Value =
        serde_json::to_value(schemars::schema_for!(santei::api::Claim)).unwrap();
    let props = schema["properties"].as_object().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut stack = vec![root];
    let mut n = 0;
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let case: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            let Some(claim) = case.get("claim").and_then(|c| c.as_object()) else {
                continue;
            };
            for k in claim.keys() {
                assert!(
                    props.contains_key(k),
                    "{}: `{k}` not in the schema",
                    p.display()
                );
            }
            n += 1;
        }
    }
    assert!(n > 0);
}
