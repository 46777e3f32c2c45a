//! `unpackMaster(kind, bytes)` for JS: never throws; returns
//! `{status:"ok", from:"zip"|"xlsx", rows?, csv: Uint8Array}` or the engine's error envelope
//! `{status:"error", errors:[{code:"invalid_master", message, path}]}`. The objects are built
//! with serde-wasm-bindgen (`csv` through serde_bytes, so it arrives as a Uint8Array).

use js_sys::Uint8Array;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[derive(Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
enum Answer<'a> {
    Ok {
        from: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        rows: Option<usize>,
        #[serde(with = "serde_bytes")]
        csv: &'a [u8],
    },
    Error {
        errors: [ApiError; 1],
    },
}

#[derive(Serialize)]
struct ApiError {
    code: &'static str,
    message: String,
    path: String,
}

fn to_js(answer: &Answer<'_>) -> JsValue {
    serde_wasm_bindgen::to_value(answer).unwrap_or_else(|e| JsValue::from_str(&e.to_string()))
}

fn error(code: &'static str, message: impl Into<String>, path: impl Into<String>) -> JsValue {
    to_js(&Answer::Error {
        errors: [ApiError {
            code,
            message: message.into(),
            path: path.into(),
        }],
    })
}

/// `unpackMaster(kind, bytes)`: a downloaded SSK ZIP or MHLW XLSX → the CSV for `loadMaster`.
#[wasm_bindgen(js_name = unpackMaster)]
pub fn unpack_master(kind: JsValue, bytes: JsValue) -> JsValue {
    let Some(kind) = kind.as_string() else {
        return error("invalid_input", "kind must be a string", "kind");
    };
    let bytes = if let Some(a) = bytes.dyn_ref::<Uint8Array>() {
        a.to_vec()
    } else if let Some(b) = bytes.dyn_ref::<js_sys::ArrayBuffer>() {
        Uint8Array::new(b).to_vec()
    } else {
        return error(
            "invalid_input",
            "bytes must be a Uint8Array or an ArrayBuffer",
            "bytes",
        );
    };
    match crate::unpack(&kind, &bytes) {
        Ok(u) => to_js(&Answer::Ok {
            from: u.from,
            rows: u.rows,
            csv: &u.csv,
        }),
        Err(e) => {
            let path = if e.line == 0 {
                "bytes".to_string()
            } else {
                format!("line {}, column {}", e.line, e.column)
            };
            error("invalid_master", e.message, path)
        }
    }
}
