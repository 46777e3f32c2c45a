//! CP932 (Windows-31J, "Shift_JIS" as SSK masters and UKE files use it) → UTF-8.
//!
//! Natively this is `encoding_rs`, the WHATWG Encoding Standard decoder that Firefox uses. In
//! WebAssembly the host's own `TextDecoder("shift_jis")` is used instead: browsers and Node
//! implement the same WHATWG decoder, and calling it keeps encoding_rs's tables for every other
//! legacy encoding (≈200 KB) out of the wasm module, which has a size budget. Both sides map
//! bytes identically (the WHATWG `Shift_JIS` decoder is the CP932 superset), so native and wasm
//! answers stay equal; tests/cp932 in Node checks that against the native decoding of the masters.

use std::borrow::Cow;

/// Decode, replacing malformed sequences with U+FFFD; `true` when any were replaced.
pub fn decode_lossy(bytes: &[u8]) -> (Cow<'_, str>, bool) {
    if let Ok(s) = std::str::from_utf8(bytes) {
        if bytes.is_ascii() {
            return (Cow::Borrowed(s), false);
        }
    }
    imp::decode_lossy(bytes)
}

/// [`decode_lossy`] appended to `out` (a buffer reused line after line: natively no `String`
/// per call); `true` when malformed sequences were replaced.
pub fn decode_lossy_into(bytes: &[u8], out: &mut String) -> bool {
    #[cfg(not(target_arch = "wasm32"))]
    {
        imp::decode_lossy_into(bytes, out)
    }
    #[cfg(target_arch = "wasm32")]
    {
        let (text, bad) = decode_lossy(bytes);
        out.push_str(&text);
        bad
    }
}

/// Decode strictly: the byte offset of the first malformed sequence on failure.
pub fn decode_strict(bytes: &[u8]) -> Result<String, usize> {
    if bytes.is_ascii() {
        return Ok(String::from_utf8_lossy(bytes).into_owned());
    }
    imp::decode_strict(bytes)
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use std::borrow::Cow;

    use encoding_rs::{DecoderResult, SHIFT_JIS};

    pub fn decode_lossy(bytes: &[u8]) -> (Cow<'_, str>, bool) {
        let (text, had_errors) = SHIFT_JIS.decode_without_bom_handling(bytes);
        (text, had_errors)
    }

    /// The same decoder and replacement as `decode_without_bom_handling`, into `out`.
    pub fn decode_lossy_into(bytes: &[u8], out: &mut String) -> bool {
        let mut decoder = SHIFT_JIS.new_decoder_without_bom_handling();
        let mut bad = false;
        let mut read = 0usize;
        loop {
            let rest = bytes.get(read..).unwrap_or(&[]);
            let need = decoder
                .max_utf8_buffer_length(rest.len())
                .unwrap_or_else(|| rest.len().saturating_mul(3).saturating_add(16));
            out.reserve(need);
            let (result, n, errors) = decoder.decode_to_string(rest, out, true);
            bad |= errors;
            read = read.saturating_add(n);
            if result == encoding_rs::CoderResult::InputEmpty {
                return bad;
            }
        }
    }

    pub fn decode_strict(bytes: &[u8]) -> Result<String, usize> {
        let mut decoder = SHIFT_JIS.new_decoder_without_bom_handling();
        let mut out = String::new();
        let mut read = 0usize;
        loop {
            let rest = bytes.get(read..).unwrap_or(&[]);
            let need = rest.len().saturating_mul(3).saturating_add(16);
            if out.capacity() - out.len() < need {
                out.reserve(need);
            }
            let (result, n) = decoder.decode_to_string_without_replacement(rest, &mut out, true);
            read = read.saturating_add(n);
            match result {
                DecoderResult::InputEmpty => return Ok(out),
                DecoderResult::OutputFull => continue,
                DecoderResult::Malformed(bad, after) => {
                    return Err(read
                        .saturating_sub(usize::from(bad))
                        .saturating_sub(usize::from(after)))
                }
            }
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use std::borrow::Cow;

    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        type TextDecoder;
        #[wasm_bindgen(constructor, catch)]
        fn new(label: &str, options: &JsValue) -> Result<TextDecoder, JsValue>;
        #[wasm_bindgen(method, catch)]
        fn decode(this: &TextDecoder, input: &[u8]) -> Result<String, JsValue>;
    }

    thread_local! {
        static LOSSY: Option<TextDecoder> = make(false);
        static FATAL: Option<TextDecoder> = make(true);
    }

    fn make(fatal: bool) -> Option<TextDecoder> {
        let opts = js_sys::Object::new();
        js_sys::Reflect::set(
            &opts,
            &JsValue::from_str("fatal"),
            &JsValue::from_bool(fatal),
        )
        .ok()?;
        TextDecoder::new("shift_jis", &opts).ok()
    }

    /// Without a host decoder (never seen: every browser and Node 18+ has one) nothing decodes.
    pub fn decode_lossy(bytes: &[u8]) -> (Cow<'_, str>, bool) {
        LOSSY.with(|d| match d.as_ref().and_then(|d| d.decode(bytes).ok()) {
            Some(s) => {
                let bad = s.contains('\u{FFFD}');
                (Cow::Owned(s), bad)
            }
            None => (Cow::Owned("\u{FFFD}".repeat(bytes.len().min(1))), true),
        })
    }

    pub fn decode_strict(bytes: &[u8]) -> Result<String, usize> {
        FATAL.with(|d| {
            let d = d.as_ref().ok_or(0usize)?;
            match d.decode(bytes) {
                Ok(s) => Ok(s),
                Err(_) => Err(first_bad(d, bytes)),
            }
        })
    }

    /// The offset of the first malformed unit: walk the Shift_JIS byte structure (a lead byte in
    /// 0x81–0x9F or 0xE0–0xFC takes a trail byte) and try each unit alone. Error path only.
    fn first_bad(d: &TextDecoder, bytes: &[u8]) -> usize {
        let mut i = 0usize;
        while let Some(&b) = bytes.get(i) {
            let len = if (0x81..=0x9F).contains(&b) || (0xE0..=0xFC).contains(&b) {
                2
            } else {
                1
            };
            let end = i.saturating_add(len).min(bytes.len());
            let unit = bytes.get(i..end).unwrap_or(&[]);
            if d.decode(unit).is_err() {
                return i;
            }
            i = end;
        }
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_cp932_and_reports_the_first_bad_byte() {
        // あ ― ① (0x87 0x40 is NEC row 13, a CP932 extension)
        let ok = [0x82, 0xA0, 0x81, 0x5C, 0x87, 0x40];
        assert_eq!(decode_strict(&ok).unwrap(), "あ―①");
        assert_eq!(decode_lossy(&ok), (Cow::Owned("あ―①".to_string()), false));
        let bad = [b'A', b'B', 0x82, 0xA0, 0xFF, b'C'];
        assert_eq!(decode_strict(&bad), Err(4));
        assert!(decode_lossy(&bad).1);
        assert_eq!(decode_lossy(b"plain"), (Cow::Borrowed("plain"), false));
    }
}
