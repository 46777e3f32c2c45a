//! `unpackMaster(kind, bytes)` for JS: never throws; returns
//! `{status:"ok", from:"zip"|"xlsx", rows?, csv: Uint8Array}` or the engine's error envelope
//! `{status:"error", errors:[{code:"invalid_master", message, path}]}`.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

fn set(o: &Object, k: &str, v: &JsValue) {
    // Setting a plain property of a fresh object cannot fail; ignore the Result anyway.
    let _ = Reflect::set(o, &JsValue::from_str(k), v);
}

fn error(code: &str, message: &str, path: &str) -> JsValue {
    let e = Object::new();
    set(&e, "code", &JsValue::from_str(code));
    set(&e, "message", &JsValue::from_str(message));
    set(&e, "path", &JsValue::from_str(path));
    let o = Object::new();
    set(&o, "status", &JsValue::from_str("error"));
    set(&o, "errors", &Array::of1(&e));
    o.into()
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
        Ok(u) => {
            let o = Object::new();
            set(&o, "status", &JsValue::from_str("ok"));
            set(&o, "from", &JsValue::from_str(u.from));
            if let Some(n) = u.rows {
                set(&o, "rows", &JsValue::from_f64(n as f64));
            }
            set(&o, "csv", &Uint8Array::from(u.csv.as_slice()).into());
            o.into()
        }
        Err(e) => {
            let path = if e.line == 0 {
                "bytes".to_string()
            } else {
                format!("line {}, column {}", e.line, e.column)
            };
            error("invalid_master", &e.message, &path)
        }
    }
}
