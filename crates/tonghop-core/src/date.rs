use serde::{Serialize, Serializer};
use std::fmt;

/// A calendar date (proleptic Gregorian), enough for deadlines and document dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

impl Date {
    /// A valid date, or `None`.
    #[must_use]
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Year.
    #[must_use]
    pub fn year(self) -> i32 {
        self.year
    }
    /// Month 1–12.
    #[must_use]
    pub fn month(self) -> u32 {
        self.month
    }
    /// Day of month.
    #[must_use]
    pub fn day(self) -> u32 {
        self.day
    }

    /// Days since 1970-01-01 (negative before).
    #[must_use]
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    #[must_use]
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        Date {
            year: i32::try_from(y).unwrap_or(i32::MAX),
            month: u32::try_from(m).unwrap_or(1),
            day: u32::try_from(d).unwrap_or(1),
        }
    }

    /// Days from `self` to `other` (positive when `other` is later).
    #[must_use]
    pub fn days_until(self, other: Date) -> i64 {
        other.days_since_epoch() - self.days_since_epoch()
    }

    /// From an Excel serial date (1900 system; serial 60 is Excel's phantom 29/2/1900).
    #[must_use]
    pub fn from_excel_serial(serial: f64) -> Option<Date> {
        if !(1.0..2_958_466.0).contains(&serial) {
            return None;
        }
        // Serial 25569 is 1970-01-01.
        #[allow(clippy::cast_possible_truncation)]
        let days = serial.floor() as i64 - 25_569;
        Some(Date::from_days_since_epoch(days))
    }

    /// The Excel serial of this date.
    #[must_use]
    pub fn to_excel_serial(self) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let s = (self.days_since_epoch() + 25_569) as f64;
        s
    }

    /// The last day of this date's month.
    #[must_use]
    pub fn month_end(self) -> Date {
        Date {
            day: days_in_month(self.year, self.month),
            ..self
        }
    }

    /// ISO form `yyyy-mm-dd`.
    #[must_use]
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// A date in the ISO form [`Date::iso`] writes (`summary.json`'s).
    #[must_use]
    pub fn from_iso(s: &str) -> Option<Date> {
        let mut parts = s.trim().splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    /// Vietnamese order, `dd/mm/yyyy`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_round_trip() {
        let d = Date::new(2022, 10, 15).unwrap();
        assert_eq!(Date::from_iso(&d.iso()), Some(d));
        assert_eq!(Date::from_iso("2022-02-30"), None);
        assert_eq!(Date::from_iso("15/10/2022"), None);
    }

    #[test]
    fn epoch_round_trip() {
        for days in [-1000, 0, 1, 59, 18_000, 19_300, 30_000] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
        assert_eq!(Date::new(2021, 4, 15).unwrap().iso(), "2021-04-15");
    }

    #[test]
    fn excel_serials() {
        // 44854 is 20/10/2022 in Excel (1900 system).
        assert_eq!(Date::from_excel_serial(44854.0), Date::new(2022, 10, 20));
        assert_eq!(Date::new(2022, 10, 20).unwrap().to_excel_serial(), 44854.0);
    }

    #[test]
    fn invalid_dates_rejected() {
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2024, 13, 1).is_none());
    }

    #[test]
    fn days_between() {
        let a = Date::new(2022, 10, 25).unwrap();
        let b = Date::new(2022, 11, 2).unwrap();
        assert_eq!(a.days_until(b), 8);
    }
}
