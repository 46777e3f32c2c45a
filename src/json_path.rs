//! The JSON path of a parse error, from the error's line and column.
//!
//! serde_json reports where an error was detected (line, column) but not the path of the field.
//! `serde_path_to_error` tracks the path by wrapping the deserializer, which instantiates every
//! `Deserialize` impl a second time — over 100 KB of wasm for this contract. Errors are rare, so
//! the path is recovered instead by re-reading the (already valid up to that point) JSON prefix.
//! The test below checks the result against `serde_path_to_error` on the same inputs.

/// One open container while scanning.
enum Frame {
    /// Inside an object: the key of the member being read (None between members).
    Object(Option<String>),
    /// Inside an array: the index of the element being read.
    Array(usize),
}

/// The byte offset of (1-based) `line` and `column` in `text`, clamped to the text.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0usize;
    for _ in 1..line {
        match text.get(start..).and_then(|t| t.find('\n')) {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let off = start.saturating_add(column).min(text.len());
    // step back to a char boundary
    (0..=off)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// The path (`prescriptions[0].items[2].drug.code`) of the value being read at `line:column`.
pub fn path_at(text: &str, line: usize, column: usize) -> String {
    let end = offset_of(text, line, column);
    let prefix = text.get(..end).unwrap_or(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut chars = prefix.char_indices().peekable();
    // In an object: true after `{` or `,` (the next string is a key).
    let mut expect_key = false;
    while let Some((i, c)) = chars.next() {
        match c {
            '{' => {
                stack.push(Frame::Object(None));
                expect_key = true;
            }
            '[' => {
                stack.push(Frame::Array(0));
                expect_key = false;
            }
            '}' | ']' => {
                if i + c.len_utf8() >= end {
                    // The error is at this closing bracket (e.g. a missing field): the path is
                    // the container's own.
                    // An array read as a struct is reported after its `]`: the path is the
                    // array's own, not an element's.
                    match stack.last_mut() {
                        Some(Frame::Object(k)) => *k = None,
                        Some(Frame::Array(_)) => {
                            stack.pop();
                        }
                        None => {}
                    }
                    break;
                }
                stack.pop();
                expect_key = false;
            }
            ',' => match stack.last_mut() {
                Some(Frame::Array(n)) => *n += 1,
                Some(Frame::Object(k)) => {
                    *k = None;
                    expect_key = true;
                }
                None => {}
            },
            '"' => {
                let mut s = String::new();
                let mut closed = false;
                while let Some((_, d)) = chars.next() {
                    match d {
                        '\\' => {
                            if let Some((_, e)) = chars.next() {
                                s.push(match e {
                                    'n' => '\n',
                                    't' => '\t',
                                    other => other,
                                });
                            }
                        }
                        '"' => {
                            closed = true;
                            break;
                        }
                        other => s.push(other),
                    }
                }
                if expect_key {
                    if let Some(Frame::Object(k)) = stack.last_mut() {
                        *k = Some(s);
                    }
                    expect_key = false;
                }
                if !closed {
                    break;
                }
            }
            _ => {}
        }
    }
    let mut path = String::new();
    for f in &stack {
        match f {
            Frame::Object(Some(k)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object(None) => {}
            Frame::Array(n) => {
                path.push('[');
                path.push_str(&n.to_string());
                path.push(']');
            }
        }
    }
    path
}

/// Parse JSON text into `T`; on error, also the path of the offending value.
/// Only whitespace may follow the value.
pub fn parse<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, (serde_json::Error, String)> {
    let de = &mut serde_json::Deserializer::from_str(text);
    match T::deserialize(&mut *de) {
        Ok(v) => de.end().map(|()| v).map_err(|e| (e, String::new())),
        Err(e) => {
            let path = path_at(text, e.line(), e.column());
            Err((e, path))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Claim;

    /// The path from `path_at` equals serde_path_to_error's for the same error.
    fn same_as_path_to_error(text: &str) {
        let de = &mut serde_json::Deserializer::from_str(text);
        let expected = match serde_path_to_error::deserialize::<_, Claim>(de) {
            Ok(_) => panic!("expected an error for {text}"),
            Err(e) => e.path().to_string(),
        };
        let e = serde_json::from_str::<Claim>(text).unwrap_err();
        let got = path_at(text, e.line(), e.column());
        let expected = if expected == "." {
            String::new()
        } else {
            expected
        };
        assert_eq!(got, expected, "for {text} ({e})");
    }

    #[test]
    fn paths_match_serde_path_to_error() {
        for t in [
            r#"{"serviceDate":"2026-02-30"}"#,
            r#"{"serviceDate":"2026-06-01","prescriptions":[{"dispensing":"outsid"}]}"#,
            r#"{"serviceDate":"2026-06-01","prescriptions":[{"dispensing":"outside"},{"dispensing":"inhouse","items":[{"drug":{"code":1}}]}]}"#,
            r#"{"serviceDate":"2026-06-01","prescriptions":[{"dispensing":"outside","items":[{"drug":{},"days":-1}]}]}"#,
            r#"{"serviceDate":"2026-06-01","prescriptions":[{"dispensing":"outside","items":[{"drug":{},"dailyQuantity":"abc"}]}]}"#,
            r#"{"serviceDate":"2026-06-01","prescriptions":[{"items":[]}]}"#,
            r#"{"serviceDate":"2026-06-01","facility":{"kind":"clinic","bogus":true}}"#,
            r#"{"serviceDate":"2026-06-01","facility":{"licensedBeds":99999999999}}"#,
            r#"{"prescriptions":[]}"#,
            r#"{"serviceDate":"2026-06-01","remarks":[{"code":"1"},{"text":7}]}"#,
            "{\n  \"serviceDate\": \"2026-06-01\",\n  \"patient\": {\"birthDate\": \"2020-13-01\"}\n}",
            r#"{"serviceDate":"2026-06-01","patient":{"id":"\"quoted\" \\ name","birthDate":5}}"#,
            r#"{"serviceDate":"2026-06-01","billed":[{"code":"120002910","points":"x"}]}"#,
            r#"{"prescriptions":[{"dispensing":"outside","id":"rx-1","items":[[]]}],"serviceDate":"2026-06-02"}"#,
            r#"{"serviceDate":"2026-06-01","prescriptions":[{"dispensing":"outside","items":[{"drug":{},"days":{}}]}]}"#,
            r#"{"serviceDate":"2026-06-01","prescriptions":[{"dispensing":"outside","items":[{"drug":[1,2]}]}]}"#,
            r#"{"serviceDate":"2026-06-01","prescriptions":{}}"#,
            r#"{"serviceDate":"2026-06-01","admission":{"admissionDate":"2026-06-01","biologicsUsed":[{"drug":{},"date":"x"}]}}"#,
        ] {
            same_as_path_to_error(t);
        }
    }

    #[test]
    fn offsets_clamp() {
        assert_eq!(path_at("", 5, 5), "");
        assert_eq!(path_at("{\"a\":[1,2", 1, 100), "a[1]");
    }
}
