//! Decimal amounts (points, yen) as `rust_decimal::Decimal`, carried as strings on the wire.
//! Never floats: "2.5" stays "2.5".

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// A decimal written as a string (`"60"`, `"12.5"`); numbers are accepted on input too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Dec(pub Decimal);

impl Dec {
    pub const ZERO: Dec = Dec(Decimal::ZERO);

    pub fn parse(s: &str) -> Option<Dec> {
        let t = s.trim();
        if t.is_empty() || t.len() > 40 {
            return None;
        }
        Decimal::from_str(t).ok().map(Dec)
    }

    pub fn from_int(n: i64) -> Dec {
        Dec(Decimal::from(n))
    }

    pub fn checked_add(self, o: Dec) -> Option<Dec> {
        self.0.checked_add(o.0).map(Dec)
    }

    pub fn checked_mul(self, o: Dec) -> Option<Dec> {
        self.0.checked_mul(o.0).map(Dec)
    }
}

impl fmt::Display for Dec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.normalize())
    }
}

impl Serialize for Dec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Dec;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal string like \"2.5\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Dec, E> {
                Dec::parse(v).ok_or_else(|| {
                    E::custom(format!(
                        "invalid decimal \"{}\": expected a decimal string like \"2.5\"",
                        v.chars().take(40).collect::<String>()
                    ))
                })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Dec, E> {
                Ok(Dec(Decimal::from(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Dec, E> {
                Ok(Dec(Decimal::from(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Dec, E> {
                if !v.is_finite() {
                    return Err(E::custom("invalid decimal: not a finite number"));
                }
                Dec::parse(&v.to_string()).ok_or_else(|| {
                    E::custom(format!(
                        "invalid decimal {v}: out of range (use a decimal string)"
                    ))
                })
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for Dec {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Decimal".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A decimal as a string (\"2.5\"); JSON numbers are accepted on input.",
            "oneOf": [
                { "type": "string", "pattern": "^\\s*-?[0-9]+(\\.[0-9]+)?\\s*$" },
                { "type": "number" }
            ]
        })
    }
}
