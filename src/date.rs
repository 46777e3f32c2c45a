//! ISO dates (`YYYY-MM-DD`) on the wire, `time::Date` inside. The engine never reads the clock.

use std::fmt;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use time::{Date, Month};

/// A calendar date read from and written as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate(pub Date);

impl IsoDate {
    /// Parses `YYYY-MM-DD`; `None` for anything else, impossible dates included.
    pub fn parse(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            part.parse().ok()
        };
        let y = i32::try_from(digits(0..4)?).ok()?;
        let m = u8::try_from(digits(5..7)?).ok()?;
        let d = u8::try_from(digits(8..10)?).ok()?;
        Self::from_ymd(y, m, d)
    }

    /// Parses `YYYYMMDD` (the SSK masters' and UKE's form).
    pub fn parse_compact(s: &str) -> Option<Self> {
        if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let y: i32 = s.get(0..4)?.parse().ok()?;
        let m: u8 = s.get(4..6)?.parse().ok()?;
        let d: u8 = s.get(6..8)?.parse().ok()?;
        Self::from_ymd(y, m, d)
    }

    pub fn from_ymd(y: i32, m: u8, d: u8) -> Option<Self> {
        let month = Month::try_from(m).ok()?;
        Date::from_calendar_date(y, month, d).ok().map(IsoDate)
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }

    pub fn month(self) -> u8 {
        u8::from(self.0.month())
    }

    pub fn day(self) -> u8 {
        self.0.day()
    }

    /// Months since year 0 (for "counted from the month of ..." windows).
    pub fn month_index(self) -> i64 {
        i64::from(self.year()) * 12 + i64::from(self.month()) - 1
    }

    pub fn next_day(self) -> Option<Self> {
        self.0.next_day().map(IsoDate)
    }

    pub fn previous_day(self) -> Option<Self> {
        self.0.previous_day().map(IsoDate)
    }

    /// Days from `self` to `other` (positive when `other` is later).
    pub fn days_until(self, other: IsoDate) -> i64 {
        (other.0 - self.0).whole_days()
    }
}

impl IsoDate {
    /// `YYYY-MM-DD` into a stack buffer for years 0..=9999 (every date santei meets): what
    /// `Display` writes, without the formatting machinery (a month's UKE report writes
    /// hundreds of thousands of dates).
    fn ascii(self) -> Option<[u8; 10]> {
        let y = u32::try_from(self.0.year()).ok().filter(|y| *y <= 9999)?;
        let m = u32::from(u8::from(self.0.month()));
        let d = u32::from(self.0.day());
        let digit = |n: u32| b'0'.wrapping_add(u8::try_from(n % 10).unwrap_or(0));
        Some([
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(d / 10),
            digit(d),
        ])
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(b) = self.ascii() {
            if let Ok(s) = std::str::from_utf8(&b) {
                return f.write_str(s);
            }
        }
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year(),
            u8::from(self.0.month()),
            self.0.day()
        )
    }
}

impl Serialize for IsoDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if let Some(b) = self.ascii() {
            if let Ok(text) = std::str::from_utf8(&b) {
                return s.serialize_str(text);
            }
        }
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = IsoDate;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date as \"YYYY-MM-DD\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<IsoDate, E> {
                IsoDate::parse(v).ok_or_else(|| {
                    E::custom(format!(
                        "invalid date \"{}\": expected a real calendar date as YYYY-MM-DD",
                        v.chars().take(40).collect::<String>()
                    ))
                })
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn display_is_zero_padded_iso() {
        for (y, m, d) in [
            (2026, 6, 1),
            (1, 1, 1),
            (999, 12, 31),
            (9999, 12, 31),
            (-5, 3, 4),
        ] {
            let date = IsoDate::from_ymd(y, m, d).unwrap();
            assert_eq!(date.to_string(), format!("{y:04}-{m:02}-{d:02}"));
            assert_eq!(
                serde_json::to_string(&date).unwrap(),
                format!("\"{y:04}-{m:02}-{d:02}\"")
            );
        }
    }

    use super::*;

    #[test]
    fn parses_and_rejects() {
        assert_eq!(
            IsoDate::parse("2026-06-01").unwrap().to_string(),
            "2026-06-01"
        );
        assert!(IsoDate::parse("2026-02-30").is_none());
        assert!(IsoDate::parse("2026-6-1").is_none());
        assert!(IsoDate::parse("20260601").is_none());
        assert_eq!(
            IsoDate::parse_compact("20260601"),
            IsoDate::parse("2026-06-01")
        );
        assert!(IsoDate::parse_compact("20261301").is_none());
    }

    #[test]
    fn month_index_counts_months() {
        let a = IsoDate::parse("2026-04-20").unwrap();
        let b = IsoDate::parse("2026-07-01").unwrap();
        assert_eq!(b.month_index() - a.month_index(), 3);
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for IsoDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "IsoDate".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A calendar date, YYYY-MM-DD (impossible dates are rejected)."
        })
    }
}
