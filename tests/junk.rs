//! Junk input never panics: wrong types, missing fields, huge numbers, invalid dates, deep
//! nesting, non-JSON and huge strings all give `{status:"error", errors:[{code, message, path}]}`
//! naming where the problem is (issue #2 item 8). The Node twin is tests/node/junk.test.mjs.

use serde_json::{json, Value};

fn eval(text: &str) -> Value {
    let out = santei::Santei::new().evaluate_json(text);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

/// Asserts an error envelope whose first error has `code` and `path`; returns it.
fn assert_error(text: &str, code: &str, path: &str) -> Value {
    let v = eval(text);
    assert_eq!(
        v["status"], "error",
        "expected an error envelope for {text:.200}: {v}"
    );
    let errors = v["errors"].as_array().expect("errors array");
    assert!(!errors.is_empty(), "no errors: {v}");
    for e in errors {
        assert!(
            e["code"].is_string() && e["message"].is_string() && e["path"].is_string(),
            "{e}"
        );
        assert!(!e["message"].as_str().unwrap().is_empty());
    }
    assert_eq!(errors[0]["code"], code, "code for {text:.200}: {v}");
    assert_eq!(errors[0]["path"], path, "path for {text:.200}: {v}");
    v
}

fn good() -> Value {
    json!({"serviceDate": "2026-06-02",
           "prescriptions": [{"id": "rx-1", "dispensing": "outside",
              "items": [{"drug": {"genericName": "x", "route": "internal"}, "days": 7}]}]})
}

/// `good()` with one value set at a JSON pointer (the parent must exist).
fn with(pointer: &str, v: Value) -> String {
    let mut c = good();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    match c
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("no {parent}"))
    {
        Value::Object(m) => {
            m.insert(key.to_string(), v);
        }
        Value::Array(a) => a[key.parse::<usize>().unwrap()] = v,
        other => panic!("{parent} is {other}"),
    }
    c.to_string()
}

#[test]
fn the_good_claim_evaluates() {
    assert_eq!(eval(&good().to_string())["status"], "ok");
}

#[test]
fn non_json() {
    for t in [
        "",
        " ",
        "{",
        "}",
        "not json",
        "{\"serviceDate\":",
        "nul",
        "\u{feff}{}",
        "{'a':1}",
    ] {
        let v = eval(t);
        assert_eq!(v["status"], "error", "{t:?}: {v}");
        assert_eq!(v["errors"][0]["code"], "invalid_json", "{t:?}: {v}");
    }
    // Trailing junk after a value: an error either way (serde reports the first problem it meets).
    assert_eq!(eval("{} trailing")["status"], "error");
    assert_error(&format!("{} trailing", good()), "invalid_json", "");
}

#[test]
fn wrong_top_level_types() {
    for t in ["null", "true", "1", "\"claim\"", "[]", "[1,2]", "1e999"] {
        let v = eval(t);
        assert_eq!(v["status"], "error", "{t}: {v}");
        assert!(v["errors"][0]["path"].is_string());
    }
}

#[test]
fn missing_fields() {
    assert_error("{}", "invalid_claim", "");
    assert_error(
        &json!({"prescriptions": []}).to_string(),
        "invalid_claim",
        "",
    );
    assert_error(
        &with("/prescriptions/0", json!({"id": "rx-1", "items": []})),
        "invalid_claim",
        "prescriptions[0]",
    );
    assert_error(
        &with("/prescriptions/0/items/0", json!({"days": 7})),
        "invalid_claim",
        "prescriptions[0].items[0]",
    );
}

#[test]
fn wrong_types_name_the_path() {
    let cases = [
        ("/serviceDate", json!(20260602), "serviceDate"),
        ("/prescriptions", json!({}), "prescriptions"),
        (
            "/prescriptions/0/dispensing",
            json!("mail"),
            "prescriptions[0].dispensing",
        ),
        (
            "/prescriptions/0/dispensing",
            json!(null),
            "prescriptions[0].dispensing",
        ),
        (
            "/prescriptions/0/items/0/days",
            json!("7"),
            "prescriptions[0].items[0].days",
        ),
        (
            "/prescriptions/0/items/0/days",
            json!(-1),
            "prescriptions[0].items[0].days",
        ),
        (
            "/prescriptions/0/items/0/days",
            json!(1.5),
            "prescriptions[0].items[0].days",
        ),
        (
            "/prescriptions/0/items/0/drug",
            json!("610406079"),
            "prescriptions[0].items[0].drug",
        ),
        (
            "/prescriptions/0/items/0/drug/route",
            json!("nasal"),
            "prescriptions[0].items[0].drug.route",
        ),
        (
            "/prescriptions/0/items/0/drug/hasGeneric",
            json!("yes"),
            "prescriptions[0].items[0].drug.hasGeneric",
        ),
        (
            "/prescriptions/0/items/0/drug/unitPrice",
            json!("ten yen"),
            "prescriptions[0].items[0].drug.unitPrice",
        ),
        (
            "/prescriptions/0/items/0/drug/unitPrice",
            json!(true),
            "prescriptions[0].items[0].drug.unitPrice",
        ),
        (
            "/prescriptions/0/items/0/use",
            json!(1),
            "prescriptions[0].items[0].use",
        ),
        (
            "/prescriptions/0/emergency",
            json!("no"),
            "prescriptions[0].emergency",
        ),
        (
            "/prescriptions/0/items",
            json!([[]]),
            "prescriptions[0].items[0]",
        ),
    ];
    for (ptr, v, path) in cases {
        assert_error(&with(ptr, v), "invalid_claim", path);
    }
    let mut c = good();
    c["facility"] = json!({"licensedBeds": "many"});
    assert_error(&c.to_string(), "invalid_claim", "facility.licensedBeds");
    let mut c = good();
    c["billed"] = json!([{"code": 120004270}]);
    assert_error(&c.to_string(), "invalid_claim", "billed[0].code");
}

#[test]
fn unknown_fields_are_rejected_with_their_path() {
    let mut c = good();
    c["servicedate"] = json!("2026-06-02");
    assert_error(&c.to_string(), "invalid_claim", "servicedate");
    assert_error(
        &with("/prescriptions/0/items/0/drug/colour", json!("red")),
        "invalid_claim",
        "prescriptions[0].items[0].drug.colour",
    );
}

#[test]
fn huge_numbers() {
    for n in [
        "4294967296",
        "18446744073709551616",
        "1e400",
        "-0.0",
        "99999999999999999999999999999999",
    ] {
        let text = good()
            .to_string()
            .replace("\"days\":7", &format!("\"days\":{n}"));
        let v = eval(&text);
        assert_eq!(v["status"], "error", "{n}: {v}");
        let path = v["errors"][0]["path"].as_str().unwrap();
        assert!(
            path == "prescriptions[0].items[0].days" || path.is_empty(),
            "{n}: {v}"
        );
    }
    for q in [
        json!("1e40"),
        json!("79228162514264337593543950336"),
        json!(1e300),
        json!("1".repeat(41)),
    ] {
        assert_error(
            &with("/prescriptions/0/items/0/dailyQuantity", q),
            "invalid_claim",
            "prescriptions[0].items[0].dailyQuantity",
        );
    }
    // Big but valid numbers evaluate.
    let v = eval(&with("/prescriptions/0/items/0/days", json!(u32::MAX)));
    assert_eq!(v["status"], "ok", "{v}");
    let v = eval(&with(
        "/prescriptions/0/items/0/dailyQuantity",
        json!("79228162514264337593543950335"),
    ));
    assert_eq!(v["status"], "ok", "{v}");
    let mut c = good();
    c["billed"] = json!([{"code": "120002910", "points": "79228162514264337593543950335", "count": u32::MAX}]);
    assert_eq!(eval(&c.to_string())["status"], "ok");
}

#[test]
fn invalid_dates() {
    for d in [
        "2026-02-30",
        "2026-13-01",
        "2026-6-2",
        "2026/06/02",
        "20260602",
        "",
        "2026-06-02T00:00:00",
        "+2026-06-02",
        "9999999999-01-01",
        "２０２６-06-02",
    ] {
        assert_error(
            &with("/serviceDate", json!(d)),
            "invalid_claim",
            "serviceDate",
        );
    }
    assert_error(
        &with("/prescriptions/0/items/0/firstUseDate", json!("2026-02-29")),
        "invalid_claim",
        "prescriptions[0].items[0].firstUseDate",
    );
    // Valid but outside the supported revisions.
    for d in ["0001-01-01", "2024-05-31", "9999-12-31"] {
        assert_error(
            &with("/serviceDate", json!(d)),
            "date_not_covered",
            "serviceDate",
        );
    }
}

#[test]
fn deeply_nested_json() {
    for n in [200, 10_000, 100_000] {
        assert_eq!(eval(&"[".repeat(n))["status"], "error");
        assert_eq!(eval(&"{\"a\":".repeat(n))["status"], "error");
        let nested = format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert_eq!(eval(&nested)["status"], "error");
        let mut c = good().to_string();
        c.pop();
        let text = format!("{c},\"remarks\":{}{}}}", "[".repeat(n), "]".repeat(n));
        let v = eval(&text);
        assert_eq!(v["status"], "error", "{v}");
        assert!(
            v["errors"][0]["path"]
                .as_str()
                .unwrap()
                .starts_with("remarks"),
            "{v}"
        );
        // A batch parses the array first: deep nesting there is an error too, not a crash.
        let b = santei::Santei::new().evaluate_batch_json(&format!("[{}]", "[".repeat(n)));
        assert!(b.contains("\"status\":\"error\""), "{b:.300}");
    }
}

#[test]
fn huge_strings() {
    let big = "x".repeat(santei::engine::MAX_CLAIM_BYTES + 1);
    assert_error(&with("/prescriptions/0/id", json!(big)), "too_large", "");
    // Below the limit a long string is just a string.
    let long = "薬".repeat(100_000);
    let v = eval(&with(
        "/prescriptions/0/items/0/drug/genericName",
        json!(long),
    ));
    assert_eq!(v["status"], "ok");
    assert_error(&format!("\"{}", "a".repeat(1_000_000)), "invalid_json", "");
    // Invalid escapes and lone surrogates.
    assert_error(r#"{"serviceDate":"\ud800"}"#, "invalid_json", "serviceDate");
    assert_error(r#"{"serviceDate":"\x"}"#, "invalid_json", "serviceDate");
}

#[test]
fn batch_keeps_going_after_a_bad_claim() {
    let good = good();
    let text = json!([good, {"serviceDate": "2026-02-30"}, "junk", good]).to_string();
    let out = santei::Santei::new().evaluate_batch_json(&text);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["status"], "ok");
    let r = v["results"].as_array().unwrap();
    assert_eq!(r.len(), 4);
    assert_eq!(r[0]["status"], "ok");
    assert_eq!(r[1]["status"], "error");
    assert_eq!(r[1]["errors"][0]["path"], "[1].serviceDate");
    assert_eq!(r[2]["status"], "error");
    assert_eq!(r[2]["errors"][0]["path"], "[2]");
    assert_eq!(r[3], r[0]);
    // An error raised while evaluating (not parsing) carries the same `[i]` prefix.
    let early = json!([good, {"serviceDate": "2024-05-31"}]).to_string();
    let v: Value =
        serde_json::from_str(&santei::Santei::new().evaluate_batch_json(&early)).unwrap();
    assert_eq!(v["results"][1]["errors"][0]["code"], "date_not_covered");
    assert_eq!(v["results"][1]["errors"][0]["path"], "[1].serviceDate");
    for junk in ["", "{}", "null", "[", "1"] {
        let v: Value =
            serde_json::from_str(&santei::Santei::new().evaluate_batch_json(junk)).unwrap();
        assert_eq!(v["status"], "error", "{junk}");
    }
}

/// A small deterministic fuzzer: mutate the good claim's bytes; every result is an envelope.
#[test]
fn mutated_claims_always_give_an_envelope() {
    let base = good().to_string().into_bytes();
    let mut seed: u64 = 0x5eed_1234_abcd_0001;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let alphabet = b"{}[]\":,0123456789-.eE truefalsnul\\";
    for _ in 0..3000 {
        let mut b = base.clone();
        for _ in 0..(1 + next() % 4) {
            let i = (next() as usize) % b.len();
            match next() % 3 {
                0 => b[i] = alphabet[(next() as usize) % alphabet.len()],
                1 => {
                    b.remove(i);
                }
                _ => b.insert(i, alphabet[(next() as usize) % alphabet.len()]),
            }
        }
        let text = String::from_utf8_lossy(&b);
        let v = eval(&text);
        let s = v["status"].as_str().unwrap();
        assert!(s == "ok" || s == "error", "{text}: {v}");
    }
}
