//! The only code that knows JavaScript. Every export takes plain JS values (or JSON text) and
//! returns a plain object envelope; none throws, none traps.
//!
//! Values cross as JSON text on purpose: the same `serde_json` bytes as the native CLI, so the
//! Node output equals native output exactly, and serde_json's recursion limit turns a deeply
//! nested input into an error envelope instead of a stack overflow.
//!
//! Two modules are built from this file (scripts/build-wasm.sh): the lean engine (pkg/web) and,
//! with the cargo feature `full`, the full module (pkg/full), which adds `checkUke`,
//! `evaluatePatient` and `checkFacilityStandard`. Without those exports the linker drops the UKE
//! reader, the patient and facility-standard code and their serde types, which keeps the engine
//! under its 250 KB gzip budget; pkg/'s wrapper answers `not_available` for them there.

use std::cell::RefCell;

use js_sys::JSON;
use wasm_bindgen::prelude::*;

use crate::api::{ApiError, ErrorEnvelope};
use crate::engine::to_json;
use crate::Santei;

/// The TypeScript types of the contract, emitted into pkg/{web,node}/santei.d.ts.
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = include_str!("wasm_types.d.ts");

thread_local! {
    static ENGINE: RefCell<Santei> = RefCell::new(Santei::new());
}

/// JS value → JSON text: strings are taken as JSON, anything else is stringified.
fn json_text(v: &JsValue, what: &str) -> Result<String, ApiError> {
    if let Some(s) = v.as_string() {
        return Ok(s);
    }
    if v.is_undefined() || v.is_null() {
        return Err(ApiError::new(
            "invalid_input",
            format!(
                "expected {what} (an object or JSON text), got {}",
                if v.is_null() { "null" } else { "undefined" }
            ),
            "",
        ));
    }
    match JSON::stringify(v) {
        Ok(s) => s.as_string().ok_or_else(|| {
            ApiError::new(
                "invalid_input",
                format!("{what} cannot be written as JSON"),
                "",
            )
        }),
        Err(_) => Err(ApiError::new(
            "invalid_input",
            format!("{what} cannot be written as JSON (a cycle or a BigInt?)"),
            "",
        )),
    }
}

/// JSON text (always produced by our own serializer) → plain JS object.
fn to_js(text: &str) -> JsValue {
    JSON::parse(text).unwrap_or_else(|_| JsValue::from_str(text))
}

fn error_js(e: ApiError) -> JsValue {
    to_js(&to_json(&ErrorEnvelope::new(vec![e])))
}

/// `evaluate(claim)`: one claim → `{status:"ok", ...evaluation}` or `{status:"error", errors}`.
#[wasm_bindgen(unchecked_return_type = "Envelope<Evaluation>")]
pub fn evaluate(
    #[wasm_bindgen(unchecked_param_type = "Claim | string")] claim: JsValue,
) -> JsValue {
    match json_text(&claim, "a claim") {
        Ok(text) => ENGINE.with(|e| to_js(&e.borrow().evaluate_json(&text))),
        Err(e) => error_js(e),
    }
}

/// `evaluateBatch(claims)`: an array of claims → one result per claim, in order.
#[wasm_bindgen(js_name = evaluateBatch, unchecked_return_type = "Envelope<BatchResult>")]
pub fn evaluate_batch(
    #[wasm_bindgen(unchecked_param_type = "Claim[] | string")] claims: JsValue,
) -> JsValue {
    match json_text(&claims, "an array of claims") {
        Ok(text) => ENGINE.with(|e| to_js(&e.borrow().evaluate_batch_json(&text))),
        Err(e) => error_js(e),
    }
}

#[cfg(feature = "full")]
/// `evaluatePatient(claims)`: one patient's claims, evaluated in date order with first-use dates,
/// monthly lines and A243-2 carried from earlier claims → one result per claim, in input order.
#[wasm_bindgen(js_name = evaluatePatient, unchecked_return_type = "Envelope<BatchResult>")]
pub fn evaluate_patient(
    #[wasm_bindgen(unchecked_param_type = "Claim[] | string")] claims: JsValue,
) -> JsValue {
    match json_text(&claims, "an array of one patient's claims") {
        Ok(text) => ENGINE.with(|e| to_js(&e.borrow().evaluate_patient_json(&text))),
        Err(e) => error_js(e),
    }
}

#[cfg(feature = "full")]
/// `checkFacilityStandard(input)`: per-ingredient quantities → the A243-2 facility standard.
#[wasm_bindgen(
    js_name = checkFacilityStandard,
    unchecked_return_type = "Envelope<FacilityStandardResult>"
)]
pub fn check_facility_standard(
    #[wasm_bindgen(unchecked_param_type = "FacilityStandardInput | string")] input: JsValue,
) -> JsValue {
    match json_text(&input, "a facility-standard input") {
        Ok(text) => ENGINE.with(|e| to_js(&e.borrow().check_facility_standard_json(&text))),
        Err(e) => error_js(e),
    }
}

/// `version()`: crate version, supported revisions and dates, master releases loaded.
#[wasm_bindgen(unchecked_return_type = "Envelope<VersionInfo>")]
pub fn version() -> JsValue {
    ENGINE.with(|e| to_js(&e.borrow().version_json()))
}

/// `rules()`: the rule catalogue — parameters with their dated values and citations, findings.
#[wasm_bindgen(unchecked_return_type = "Envelope<RulesInfo>")]
pub fn rules() -> JsValue {
    to_js(&crate::rules_json())
}

/// Bytes from a Uint8Array, an ArrayBuffer (or a view of one) or a string (UTF-8).
fn bytes_of(v: &JsValue) -> Result<Vec<u8>, ApiError> {
    if let Some(s) = v.as_string() {
        return Ok(s.into_bytes());
    }
    if v.is_instance_of::<js_sys::Uint8Array>() {
        return Ok(js_sys::Uint8Array::new(v).to_vec());
    }
    if v.is_instance_of::<js_sys::ArrayBuffer>() {
        return Ok(js_sys::Uint8Array::new(v).to_vec());
    }
    if ArrayBuffer::is_view(v) {
        let view = js_sys::DataView::from(v.clone());
        return Ok(js_sys::Uint8Array::new_with_byte_offset_and_length(
            &view.buffer(),
            view.byte_offset() as u32,
            view.byte_length() as u32,
        )
        .to_vec());
    }
    Err(ApiError::new(
        "invalid_input",
        "expected the master file's bytes (Uint8Array or ArrayBuffer)",
        "bytes",
    ))
}

use js_sys::ArrayBuffer;

fn busy() -> ApiError {
    ApiError::new(
        "busy",
        "santei is busy (called from inside a progress callback)",
        "",
    )
}

/// `loadMaster(kind, bytes, release?, source?)`: add a master release on top of the loaded
/// catalogue ("catalog" = the compact default catalogue `santei-catalog.bin`, replacing
/// everything; "ssk-drug", "mhlw-ippanmei", "mhlw-ge", "ssk-procedure", "ssk-comment" = the files
/// as downloaded, CSV; `release` = "YYYY-MM-DD", required for the MHLW lists; `source` = the file
/// name, kept as the release's provenance). Returns `{status:"ok", kind, release, drugs,
/// releases}` or an error envelope naming the line and column; on error the catalogue is
/// unchanged. ZIP and XLSX files go through pkg/'s `loadMasterFile`, which unpacks them first.
#[wasm_bindgen(js_name = loadMaster)]
pub fn load_master(kind: JsValue, bytes: JsValue, release: JsValue, source: JsValue) -> JsValue {
    let Some(kind) = kind.as_string() else {
        return error_js(ApiError::new(
            "invalid_input",
            "kind must be a string",
            "kind",
        ));
    };
    let bytes = match bytes_of(&bytes) {
        Ok(b) => b,
        Err(e) => return error_js(e),
    };
    let release = release.as_string();
    let source = source
        .as_string()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| format!("loadMaster({kind})"));
    ENGINE.with(|e| match e.try_borrow_mut() {
        Ok(mut engine) => {
            to_js(&engine.load_master_json(&kind, &bytes, release.as_deref(), &source))
        }
        Err(_) => error_js(busy()),
    })
}

/// `masterFileInfo(name)`: what a downloaded master's file name says, as `santei --master` reads
/// it: `{status:"ok", kind, release}` (`kind` "ssk-drug" for `y_…`, "mhlw-ippanmei" for
/// `ippanmei…`, … or "catalog" for `*.bin`; `release` from the name's last 8- or 6-digit date;
/// either may be null).
#[wasm_bindgen(js_name = masterFileInfo)]
pub fn master_file_info(name: JsValue) -> JsValue {
    to_js(&crate::master_file_info_json(
        &name.as_string().unwrap_or_default(),
    ))
}

/// `searchDrugs(query, date?, limit?)`: drugs by name (kana or kanji, partial) or code prefix,
/// as of `date` (default: the latest release loaded) → `{status:"ok", date, results:[{drug,
/// notation, masters}]}`.
#[wasm_bindgen(js_name = searchDrugs)]
pub fn search_drugs(query: JsValue, date: JsValue, limit: JsValue) -> JsValue {
    let query = query.as_string().unwrap_or_default();
    let date = date.as_string();
    let limit = limit
        .as_f64()
        .filter(|n| n.is_finite() && *n >= 0.0)
        .map_or(20, |n| n.min(200.0) as usize);
    ENGINE.with(|e| match e.try_borrow() {
        Ok(engine) => to_js(&engine.search_drugs_json(&query, date.as_deref(), limit)),
        Err(_) => error_js(busy()),
    })
}

#[cfg(feature = "full")]
/// `checkUke(bytes, options?)`: a レセプト電算 (UKE) file (Uint8Array or ArrayBuffer of CP932
/// bytes) → `{status:"ok", file, receipts, summary}` or an error envelope. `options.onProgress(done,
/// total)` is called every `options.progressEvery` receipts (default: about every 1 %); a callback
/// that throws is ignored and the check goes on.
#[wasm_bindgen(js_name = checkUke, unchecked_return_type = "Envelope<UkeReport>")]
pub fn check_uke(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
    // `CheckUkeOptions`, optional (left as `any` so `checkUke(bytes)` type-checks).
    options: JsValue,
) -> JsValue {
    let data: Vec<u8> = if let Some(a) = bytes.dyn_ref::<js_sys::Uint8Array>() {
        a.to_vec()
    } else if let Some(b) = bytes.dyn_ref::<js_sys::ArrayBuffer>() {
        js_sys::Uint8Array::new(b).to_vec()
    } else {
        return error_js(ApiError::new(
            "invalid_input",
            "expected the file's bytes as a Uint8Array or an ArrayBuffer",
            "",
        ));
    };
    let get = |name: &str| -> JsValue {
        if options.is_object() {
            js_sys::Reflect::get(&options, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
        } else {
            JsValue::UNDEFINED
        }
    };
    let callback = get("onProgress").dyn_into::<js_sys::Function>().ok();
    let every = get("progressEvery")
        .as_f64()
        .filter(|n| n.is_finite() && *n >= 1.0)
        .map_or(0, |n| n as usize);
    let mut progress = |done: usize, total: usize| {
        if let Some(f) = &callback {
            // A throwing callback must not break the check: its exception is caught here.
            let _ = f.call2(
                &JsValue::NULL,
                &JsValue::from(done as f64),
                &JsValue::from(total as f64),
            );
        }
    };
    let json = ENGINE.with(|e| match e.try_borrow() {
        Ok(engine) => engine.check_uke_json(&data, every, &mut progress),
        Err(_) => to_json(&ErrorEnvelope::new(vec![ApiError::new(
            "busy",
            "santei is busy (called from inside a progress callback)",
            "",
        )])),
    });
    to_js(&json)
}
