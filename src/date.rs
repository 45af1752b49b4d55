//! `Timestamp`: the one date type that crosses from extraction to the built site.
//!
//! A news page says as much as it knows: sometimes only a day (`2024년 06월 21일`),
//! sometimes a wall-clock time (`2024.06.21 10:30`), sometimes a full instant with its
//! offset (`2024-06-21T08:30:00+09:00`). `Timestamp` keeps exactly that much and never
//! invents the rest. Above all it keeps the page's own calendar day: a date written with
//! an offset is never moved to another day by the zone of the machine that builds the site.
//!
//! This module owns the ISO 8601 form used in front matter and JSON. Reading the many
//! human date formats found on pages is `extract::dates`' job, not this one's.

use std::fmt;

use chrono::{Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar day, optionally with a time of day and a UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Timestamp {
    /// The calendar day as the page states it (in the page's own zone).
    pub date: NaiveDate,
    /// The wall-clock time, when the page gives one.
    pub time: Option<NaiveTime>,
    /// The UTC offset, when the page gives one. Only meaningful with `time`.
    pub offset: Option<FixedOffset>,
}

impl Timestamp {
    /// A day with no time.
    pub fn day(date: NaiveDate) -> Self {
        Timestamp {
            date,
            time: None,
            offset: None,
        }
    }

    /// A local wall-clock time with no known offset.
    pub fn local(datetime: NaiveDateTime) -> Self {
        Timestamp {
            date: datetime.date(),
            time: Some(datetime.time()),
            offset: None,
        }
    }

    /// Parses the ISO 8601 / RFC 3339 forms we write and that people commonly type:
    /// `2024-06-21`, `2024-06-21T10:30`, `2024-06-21 10:30:00`, `2024-06-21T10:30:00Z`,
    /// `2024-06-21T10:30:00.123+09:00`, `2024-06-21T10:30:00+0900`.
    /// Returns `None` for anything else, including impossible dates such as 30 February.
    pub fn parse_iso(input: &str) -> Option<Self> {
        let s = input.trim();
        // The year may carry a sign and more than four digits (ISO 8601 expanded years).
        let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
        let year_digits = unsigned.bytes().take_while(u8::is_ascii_digit).count();
        if year_digits < 4 {
            return None;
        }
        let day_len = (s.len() - unsigned.len()) + year_digits + 6;
        if s.len() < day_len || !s.is_char_boundary(day_len) {
            return None;
        }
        let (day_part, rest) = s.split_at(day_len);
        let date = parse_day(day_part)?;
        if rest.is_empty() {
            return Some(Timestamp::day(date));
        }
        let rest = rest.strip_prefix(['T', 't', ' '])?;
        // Split the time from a trailing zone designator.
        let zone_at = rest
            .char_indices()
            .skip(1)
            .find(|&(_, c)| c == '+' || c == '-' || c == 'Z' || c == 'z')
            .map(|(i, _)| i);
        let (time_part, zone_part) = match zone_at {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        let time = parse_time(time_part.trim())?;
        let offset = match zone_part.trim() {
            "" => None,
            "Z" | "z" => Some(FixedOffset::east_opt(0)?),
            zone => Some(parse_offset(zone)?),
        };
        Some(Timestamp {
            date,
            time: Some(time),
            offset,
        })
    }

    /// The `YYYY-MM-DD` day, as shown in permalinks and archives.
    pub fn ymd(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}",
            self.date.year(),
            self.date.month(),
            self.date.day()
        )
    }

    /// A key that orders timestamps by their instant where known, else by their local reading.
    /// Used for "newest first"; ties are broken by the caller.
    pub fn sort_key(&self) -> NaiveDateTime {
        let time = self.time.unwrap_or(NaiveTime::MIN);
        let local = self.date.and_time(time);
        match self.offset {
            Some(offset) => local
                .checked_sub_signed(chrono::Duration::seconds(offset.local_minus_utc() as i64))
                .unwrap_or(local),
            None => local,
        }
    }
}

fn parse_day(s: &str) -> Option<NaiveDate> {
    let (year, month_day) = s.rsplit_once('-').and_then(|(ym, d)| {
        let (y, m) = ym.rsplit_once('-')?;
        Some((y, (m, d)))
    })?;
    let (month, day) = month_day;
    if month.len() != 2 || day.len() != 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

fn parse_time(s: &str) -> Option<NaiveTime> {
    for format in ["%H:%M:%S%.f", "%H:%M:%S", "%H:%M"] {
        if let Ok(time) = NaiveTime::parse_from_str(s, format) {
            return Some(time);
        }
    }
    None
}

fn parse_offset(zone: &str) -> Option<FixedOffset> {
    let sign = match zone.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = zone[1..].chars().filter(|c| *c != ':').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (hours, minutes) = match digits.len() {
        2 => (digits.parse::<i32>().ok()?, 0),
        4 => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    if hours > 23 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let year = self.date.year();
        if (0..=9999).contains(&year) {
            write!(f, "{}", self.ymd())?;
        } else {
            // ISO 8601 expanded years carry a sign; chrono parses them back.
            write!(
                f,
                "{:+05}-{:02}-{:02}",
                year,
                self.date.month(),
                self.date.day()
            )?;
        }
        if let Some(time) = self.time {
            write!(
                f,
                "T{:02}:{:02}:{:02}",
                time.hour(),
                time.minute(),
                time.second()
            )?;
            if let Some(offset) = self.offset {
                let total = offset.local_minus_utc();
                if total == 0 {
                    write!(f, "Z")?;
                } else {
                    let sign = if total < 0 { '-' } else { '+' };
                    let total = total.abs();
                    write!(f, "{}{:02}:{:02}", sign, total / 3600, (total % 3600) / 60)?;
                }
            }
        }
        Ok(())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Timestamp::parse_iso(&raw).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{raw}` is not a valid date (expected YYYY-MM-DD, optionally with a time such as 2024-06-21T10:30:00+09:00)"
            ))
        })
    }
}

/// A compact serde form of an optional `Timestamp`, for the build cache (a private binary
/// file read by every build, where parsing 10,000 ISO strings was most of the decoding):
/// the day as days since 1 January of year 1, the time as seconds and nanoseconds since
/// midnight, the offset in seconds east of UTC. Front matter keeps the ISO form.
pub mod compact {
    use super::*;

    type Repr = (i32, Option<(u32, u32)>, Option<i32>);

    pub fn serialize<S: Serializer>(
        value: &Option<Timestamp>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let repr: Option<Repr> = value.map(|t| {
            (
                t.date.num_days_from_ce(),
                t.time
                    .map(|time| (time.num_seconds_from_midnight(), time.nanosecond())),
                t.offset.map(|offset| offset.local_minus_utc()),
            )
        });
        repr.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Timestamp>, D::Error> {
        let Some((days, time, offset)) = Option::<Repr>::deserialize(deserializer)? else {
            return Ok(None);
        };
        let invalid = || serde::de::Error::custom("invalid timestamp in the build cache");
        let date = NaiveDate::from_num_days_from_ce_opt(days).ok_or_else(invalid)?;
        let time = match time {
            Some((secs, nanos)) => Some(
                NaiveTime::from_num_seconds_from_midnight_opt(secs, nanos).ok_or_else(invalid)?,
            ),
            None => None,
        };
        let offset = match offset {
            Some(secs) => Some(FixedOffset::east_opt(secs).ok_or_else(invalid)?),
            None => None,
        };
        Ok(Some(Timestamp { date, time, offset }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_day_only() {
        let t = Timestamp::parse_iso("2024-06-21").unwrap();
        assert_eq!(t.to_string(), "2024-06-21");
        assert!(t.time.is_none());
    }

    #[test]
    fn keeps_own_calendar_day_with_offset() {
        let t = Timestamp::parse_iso("2024-06-21T08:30+09:00").unwrap();
        assert_eq!(t.ymd(), "2024-06-21");
        assert_eq!(t.to_string(), "2024-06-21T08:30:00+09:00");
        // The instant is the previous day in UTC, but the page's day is kept.
        assert_eq!(t.sort_key().date().to_string(), "2024-06-20");
    }

    #[test]
    fn accepts_common_variants() {
        for (input, shown) in [
            ("2024-06-21 10:30", "2024-06-21T10:30:00"),
            ("2024-06-21T10:30:00Z", "2024-06-21T10:30:00Z"),
            ("2024-06-21T10:30:00.250-05:00", "2024-06-21T10:30:00-05:00"),
            ("2024-06-21T10:30:00+0900", "2024-06-21T10:30:00+09:00"),
        ] {
            assert_eq!(Timestamp::parse_iso(input).unwrap().to_string(), shown);
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "2024-02-30",
            "2024-13-01",
            "2024-06-21T25:00",
            "2024-06-21T10:30+99:00",
            "junk",
            "2024-06-2",
            "",
        ] {
            assert!(Timestamp::parse_iso(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn far_years_do_not_crash() {
        let t = Timestamp::day(NaiveDate::from_ymd_opt(-44, 3, 15).unwrap());
        assert_eq!(t.to_string(), "-0044-03-15");
        assert_eq!(Timestamp::parse_iso("-0044-03-15"), Some(t));
        let t = Timestamp::day(NaiveDate::from_ymd_opt(12000, 1, 1).unwrap());
        assert_eq!(t.to_string(), "+12000-01-01");
        assert_eq!(Timestamp::parse_iso("+12000-01-01"), Some(t));
    }
}
