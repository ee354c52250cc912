//! A calendar date (a report's publication day, a deadline), with the day count between two.

use std::fmt;

/// A valid calendar date of the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// The date, when it is one (`2024-02-30` is not).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = [
            31,
            if leap { 29 } else { 28 },
            31,
            30,
            31,
            30,
            31,
            31,
            30,
            31,
            30,
            31,
        ];
        let ok = (1..=12).contains(&month)
            && day >= 1
            && day <= days[usize::from(month.max(1)) - 1]
            && (1900..=9999).contains(&year);
        ok.then_some(Date { year, month, day })
    }

    /// `2024-03-08` (ISO), and only that.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let t = s.get(r)?;
            t.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| t.parse().ok())?
        };
        Date::new(
            i32::try_from(num(0..4)?).ok()?,
            u8::try_from(num(5..7)?).ok()?,
            u8::try_from(num(8..10)?).ok()?,
        )
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        crate::util::timefmt::days_from_civil(
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        )
    }

    /// Days from `self` to `later`: positive when `later` is after it.
    pub fn days_to(self, later: Date) -> i64 {
        later.days() - self.days()
    }

    /// Today in the local zone (`SOURCE_DATE_EPOCH` fixes it).
    pub fn today() -> Option<Date> {
        Date::parse_iso(crate::util::timefmt::now().get(..10)?)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Stored (findings in the spill, the cache, `units.parquet`) as its ISO text.
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Date::parse_iso(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a date: {text}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_and_counted() {
        assert_eq!(
            Date::new(2024, 2, 29).map(|d| d.to_string()).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(Date::new(2023, 2, 29), None);
        assert_eq!(Date::new(2023, 13, 1), None);
        assert_eq!(Date::new(2023, 4, 31), None);
        assert_eq!(Date::parse_iso("2024-03-08"), Date::new(2024, 3, 8));
        assert_eq!(Date::parse_iso("2024-3-08"), None);
        assert_eq!(Date::parse_iso("2024-03-0x"), None);
        assert_eq!(Date::new(1970, 1, 1).map(Date::days), Some(0));
        let (jan31, mar8) = (
            Date::new(2024, 1, 31).unwrap(),
            Date::new(2024, 3, 8).unwrap(),
        );
        assert_eq!(jan31.days_to(mar8), 37);
        assert_eq!(mar8.days_to(jan31), -37);
    }
}
