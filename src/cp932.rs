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

/// Does `bytes` decode without a replacement? Natively a bit table of the valid double-byte
/// pairs, built once from encoding_rs's own decoder: much cheaper than decoding, for lines
/// whose text is not read, only checked. Not available in WebAssembly (the host decodes there).
#[cfg(not(target_arch = "wasm32"))]
pub fn is_valid(bytes: &[u8]) -> bool {
    imp::is_valid(bytes)
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

    /// Lead bytes 0x81..=0xFC by trail bytes 0x40..=0xFC.
    const TRAILS: usize = 0xFC - 0x40 + 1;

    fn pair_index(lead: u8, trail: u8) -> usize {
        usize::from(lead.wrapping_sub(0x81)) * TRAILS + usize::from(trail.wrapping_sub(0x40))
    }

    /// Bit per (lead, trail) pair: set when the pair decodes to one character.
    fn pairs() -> &'static [u64] {
        static PAIRS: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
        PAIRS.get_or_init(|| {
            let mut bits = vec![0u64; (0xFC - 0x81 + 1) * TRAILS / 64 + 1];
            for lead in 0x81u8..=0xFC {
                for trail in 0x40u8..=0xFC {
                    let one = SHIFT_JIS
                        .decode_without_bom_handling_and_without_replacement(&[lead, trail])
                        .is_some_and(|s| s.chars().count() == 1);
                    let i = pair_index(lead, trail);
                    if let (true, Some(w)) = (one, bits.get_mut(i / 64)) {
                        *w |= 1u64 << (i % 64);
                    }
                }
            }
            bits
        })
    }

    pub fn is_valid(bytes: &[u8]) -> bool {
        let table = pairs();
        let mut rest = bytes;
        loop {
            // Skip to the next byte that is not ASCII.
            let Some(at) = rest.iter().position(|&b| b >= 0x80) else {
                return true;
            };
            let Some((&b, tail)) = rest.get(at..).and_then(<[u8]>::split_first) else {
                return true;
            };
            // 0x80 and the half-width katakana 0xA1..=0xDF are one byte each.
            if b == 0x80 || (0xA1..=0xDF).contains(&b) {
                rest = tail;
                continue;
            }
            if b == 0xA0 || b >= 0xFD {
                return false;
            }
            let Some((&t, tail)) = tail.split_first() else {
                return false;
            };
            if !(0x40..=0xFC).contains(&t) {
                return false;
            }
            let p = pair_index(b, t);
            if table
                .get(p / 64)
                .is_none_or(|w| w & (1u64 << (p % 64)) == 0)
            {
                return false;
            }
            rest = tail;
        }
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

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn is_valid_agrees_with_the_decoder() {
        let strict = |b: &[u8]| {
            encoding_rs::SHIFT_JIS
                .decode_without_bom_handling_and_without_replacement(b)
                .is_some()
        };
        for a in 0..=255u8 {
            assert_eq!(is_valid(&[a]), strict(&[a]), "{a:02x}");
            for b in 0..=255u8 {
                assert_eq!(is_valid(&[a, b]), strict(&[a, b]), "{a:02x} {b:02x}");
                for c in [0x2c, 0x40, 0x80, 0x82, 0xa0, 0xb1, 0xe0, 0xfc] {
                    assert_eq!(
                        is_valid(&[a, b, c]),
                        strict(&[a, b, c]),
                        "{a:02x} {b:02x} {c:02x}"
                    );
                    assert_eq!(
                        is_valid(&[b'H', a, b, c, b',']),
                        strict(&[b'H', a, b, c, b',']),
                        "H {a:02x} {b:02x} {c:02x}"
                    );
                }
            }
        }
    }

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
