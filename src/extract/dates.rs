//! Human date formats found on pages, English and Korean (`2024년 06월 21일`,
//! `2024.06.21 10:30`, 오전/오후, `June 21, 2024`), and date lines with labels
//! (`입력`, `수정`, `Published`, `Updated`) that say which date is which.
//!
//! Owns: reading dates out of a line of visible text and giving each its role.
//! Not owned: the ISO form of front matter (`crate::date`), and which line of a page is
//! the date line (the callers: `text` for captures, `metadata` for HTML).
//!
//! The formats and labels are tables ([`LABELS`], [`MONTHS`], [`ZONES`]); the scanner
//! tries each pattern and keeps the earliest, longest match, then reads the label just
//! before (or, for `송고`-style pages, just after) each date.

use std::sync::LazyLock;

use chrono::{FixedOffset, NaiveDate, NaiveTime};
use regex::Regex;

use crate::date::Timestamp;

/// What a date on a page is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRole {
    /// Publication (`입력`, `등록`, `승인`, `기사입력`, `게재`, `Published`).
    Published,
    /// A later update (`수정`, `Updated`).
    Updated,
    /// The page's own clock or print date: when it was saved, not published. Also any
    /// date that is about the site rather than the article (a publisher's registration
    /// date in a footer), so it is never taken as the publication date.
    Clock,
    /// A date with no label.
    Unlabelled,
}

/// A date found in a line, with its role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub when: Timestamp,
    pub role: DateRole,
}

/// Labels written before a date (or after it, see [`TRAILING_LABELS`]), longest first
/// so that `기사입력` wins over `입력` and `최종수정` over `수정`. Matched at the end of
/// the text before the date, ignoring case and the punctuation in `LABEL_PUNCTUATION`.
pub const LABELS: &[(&str, DateRole)] = &[
    ("기사입력", DateRole::Published),
    ("최초입력", DateRole::Published),
    ("최종수정", DateRole::Updated),
    ("최종 수정", DateRole::Updated),
    ("송고시간", DateRole::Published),
    ("등록일시", DateRole::Published),
    ("등록일자", DateRole::Published),
    ("입력일", DateRole::Published),
    ("등록일", DateRole::Published),
    ("게재일", DateRole::Published),
    ("발행일", DateRole::Published),
    ("수정일", DateRole::Updated),
    ("업데이트", DateRole::Updated),
    ("입력", DateRole::Published),
    ("등록", DateRole::Published),
    ("승인", DateRole::Published),
    ("게재", DateRole::Published),
    ("발행", DateRole::Published),
    ("송고", DateRole::Published),
    ("작성", DateRole::Published),
    ("수정", DateRole::Updated),
    // The page's own clock in a header bar, and print dates.
    ("날짜", DateRole::Clock),
    ("현재시간", DateRole::Clock),
    ("오늘", DateRole::Clock),
    ("인쇄일", DateRole::Clock),
    ("인쇄", DateRole::Clock),
    ("출력일", DateRole::Clock),
    ("first published", DateRole::Published),
    ("originally published", DateRole::Published),
    ("published on", DateRole::Published),
    ("published", DateRole::Published),
    ("posted on", DateRole::Published),
    ("posted", DateRole::Published),
    ("released", DateRole::Published),
    ("issued", DateRole::Published),
    ("last updated", DateRole::Updated),
    ("updated on", DateRole::Updated),
    ("updated", DateRole::Updated),
    ("last modified", DateRole::Updated),
    ("modified", DateRole::Updated),
    ("printed on", DateRole::Clock),
    ("printed", DateRole::Clock),
    ("accessed", DateRole::Clock),
    ("retrieved", DateRole::Clock),
    ("today is", DateRole::Clock),
    ("today", DateRole::Clock),
];

/// Labels that some pages write after the date (`2024-06-21 17:40 송고`).
pub const TRAILING_LABELS: &[(&str, DateRole)] = &[
    ("송고", DateRole::Published),
    ("입력", DateRole::Published),
    ("등록", DateRole::Published),
    ("수정", DateRole::Updated),
    ("게재", DateRole::Published),
];

/// Punctuation and words allowed between a label and its date (`입력 : `, `Published:`,
/// `[수정]`, `Updated on`, `| 입력 2024…`).
const LABEL_PUNCTUATION: &[char] = &[
    ':', '：', '|', '[', ']', '(', ')', '<', '>', '-', '–', '—', '·', '/', '=', ',',
];

/// Footer words that make every date on their line a date about the site (the
/// publisher's registration), not about the article.
const SITE_DATE_CONTEXT: &[&str] = &[
    "등록번호",
    "정기간행물",
    "사업자",
    "발행인",
    "편집인",
    "청소년보호",
    "제호",
];

/// English month names and their usual abbreviations.
pub const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sept", 9),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// Zone abbreviations written after a time, with their UTC offset in hours.
pub const ZONES: &[(&str, i32)] = &[
    ("KST", 9),
    ("JST", 9),
    ("UTC", 0),
    ("GMT", 0),
    ("BST", 1),
    ("CET", 1),
    ("CEST", 2),
    ("EST", -5),
    ("EDT", -4),
    ("CST", -6),
    ("CDT", -5),
    ("MST", -7),
    ("MDT", -6),
    ("PST", -8),
    ("PDT", -7),
];

/// Years outside this range are not news dates (they are usually other numbers that
/// happen to look like dates, e.g. phone or registration numbers).
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

const MONTH_ALTERNATION: &str = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";

/// An optional weekday in brackets after a date: `(금)`, `(Fri)`, `(금요일)`.
const WEEKDAY: &str = r"(?:\s*[(\[]\s*[^()\[\]0-9]{1,10}?\s*[)\]])?";

/// An optional time after a date: `10:30`, `10:30:15`, `오후 3:10`, `3:10 PM`,
/// `10시 30분`, with an optional zone (`+09:00`, `Z`, `KST`).
fn time_pattern() -> String {
    let zone_names = ZONES.iter().map(|(name, _)| *name).collect::<Vec<_>>();
    format!(
        r"(?:(?:T|\s*[,:]\s*|\s+)(?:at\s+)?(?:(?P<ampm1>오전|오후|(?i:a\.?m\.?|p\.?m\.?))\s*)?(?P<hour>[0-9]{{1,2}})\s*(?::|시\s*)(?P<minute>[0-9]{{2}})(?:\s*분)?(?::(?P<second>[0-9]{{2}})(?:\.[0-9]+)?)?(?:\s*(?P<ampm2>(?i:a\.?m\.?|p\.?m\.?)))?(?:\s*(?P<zone>Z|[+-][0-9]{{2}}:?[0-9]{{2}}|{zones})\b)?)?",
        zones = zone_names.join("|")
    )
}

/// The date patterns, each with named groups `year`, `month` (digits) or `mname`, `day`.
static PATTERNS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    let time = time_pattern();
    let sources = [
        // 2024년 06월 21일 (금) 오후 3:10
        format!(
            r"(?P<year>[0-9]{{4}})\s*년\s*(?P<month>[0-9]{{1,2}})\s*월\s*(?P<day>[0-9]{{1,2}})\s*일{WEEKDAY}{time}"
        ),
        // 2024-06-21T10:30:00+09:00, 2024.06.21. 10:30, 2024/06/21, 2024. 6. 21.
        format!(
            r"(?P<year>[0-9]{{4}})(?P<sep>[-./])\s?(?P<month>[0-9]{{1,2}})(?:[-./])\s?(?P<day>[0-9]{{1,2}})\.?{WEEKDAY}{time}"
        ),
        // June 21, 2024 / Jun. 21, 2024 10:30 AM / Friday, June 21st 2024
        format!(
            r"(?i:\b(?P<mname>{MONTH_ALTERNATION})\.?\s+(?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>[0-9]{{4}})\b){time}"
        ),
        // 21 June 2024 / 21 Jun. 2024, 10:30
        format!(
            r"(?i:\b(?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mname>{MONTH_ALTERNATION})\.?,?\s+(?P<year>[0-9]{{4}})\b){time}"
        ),
    ];
    sources
        .iter()
        .filter_map(|source| Regex::new(source).ok())
        .collect()
});

/// One date match in a string: byte range and the value.
#[derive(Debug, Clone, Copy)]
struct Match {
    start: usize,
    end: usize,
    when: Timestamp,
}

/// Every valid date in `text`, left to right, not overlapping.
///
/// Each pattern's next match is cached and only searched again once the scan has
/// passed it, so a long line with many dates costs one pass per pattern, not one per date.
fn scan(text: &str) -> Vec<Match> {
    let mut found: Vec<Match> = Vec::new();
    // Every pattern has a four-digit year: a text without one (most lines) has no date.
    if !has_four_digits(text) {
        return found;
    }
    // Per pattern: None = not searched yet; Some(None) = no more matches.
    let mut next: Vec<Option<Option<Match>>> = vec![None; PATTERNS.len()];
    let mut at = 0usize;
    while at < text.len() {
        for (slot, pattern) in next.iter_mut().zip(PATTERNS.iter()) {
            let stale = match slot {
                None => true,
                Some(Some(m)) => m.start < at,
                Some(None) => false,
            };
            if stale {
                *slot = Some(next_valid(pattern, text, at));
            }
        }
        let best = next
            .iter()
            .filter_map(|slot| slot.flatten())
            .min_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        match best {
            Some(m) => {
                found.push(m);
                at = m.end.max(next_char_boundary(text, m.start));
            }
            None => break,
        }
    }
    found
}

/// Whether `text` holds four ASCII digits in a row.
fn has_four_digits(text: &str) -> bool {
    let mut run = 0;
    text.bytes().any(|b| {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        run == 4
    })
}

/// The first match of `pattern` at or after `from` that is a real date.
fn next_valid(pattern: &Regex, text: &str, mut from: usize) -> Option<Match> {
    // A pattern may match an impossible date first; look further along.
    while let Some(caps) = pattern.captures_at(text, from) {
        let whole = caps.get(0)?;
        if let Some(when) = read_captures(&caps) {
            return Some(Match {
                start: whole.start(),
                end: whole.end(),
                when,
            });
        }
        from = next_char_boundary(text, whole.start());
        if from >= text.len() {
            break;
        }
    }
    None
}

fn next_char_boundary(text: &str, from: usize) -> usize {
    let mut next = from + 1;
    while next < text.len() && !text.is_char_boundary(next) {
        next += 1;
    }
    next.min(text.len())
}

fn read_captures(caps: &regex::Captures<'_>) -> Option<Timestamp> {
    let year: i32 = caps.name("year")?.as_str().parse().ok()?;
    if !YEARS.contains(&year) {
        return None;
    }
    let month = match (caps.name("month"), caps.name("mname")) {
        (Some(m), _) => m.as_str().parse().ok()?,
        (None, Some(name)) => {
            let name = name.as_str().to_lowercase();
            MONTHS.iter().find(|(n, _)| *n == name)?.1
        }
        _ => return None,
    };
    let day: u32 = caps.name("day")?.as_str().parse().ok()?;
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let Some(hour) = caps.name("hour") else {
        return Some(Timestamp::day(date));
    };
    let mut hour: u32 = hour.as_str().parse().ok()?;
    let minute: u32 = caps.name("minute")?.as_str().parse().ok()?;
    let second: u32 = match caps.name("second") {
        Some(s) => s.as_str().parse().ok()?,
        None => 0,
    };
    let ampm = caps
        .name("ampm1")
        .or_else(|| caps.name("ampm2"))
        .map(|m| m.as_str().to_lowercase().replace('.', ""));
    match ampm.as_deref() {
        Some("오후" | "pm") if hour < 12 => hour += 12,
        Some("오전" | "am") if hour == 12 => hour = 0,
        Some(_) if hour > 12 => return Some(Timestamp::day(date)),
        _ => {}
    }
    // An impossible time (25:00) keeps the valid day rather than losing the date.
    let Some(time) = NaiveTime::from_hms_opt(hour, minute, second) else {
        return Some(Timestamp::day(date));
    };
    let offset = caps.name("zone").and_then(|z| read_zone(z.as_str()));
    Some(Timestamp {
        date,
        time: Some(time),
        offset,
    })
}

fn read_zone(zone: &str) -> Option<FixedOffset> {
    if zone.eq_ignore_ascii_case("z") {
        return FixedOffset::east_opt(0);
    }
    if let Some(&(_, hours)) = ZONES.iter().find(|(name, _)| *name == zone) {
        return FixedOffset::east_opt(hours * 3600);
    }
    let sign = if zone.starts_with('-') { -1 } else { 1 };
    let digits: String = zone.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().ok()?;
    if hours > 23 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// Parses one date written in any supported human format: ISO 8601, Korean
/// (`2024년 6월 21일 (금) 오후 3:10`), dotted/slashed numeric (`2024.06.21. 10:30`),
/// English (`June 21, 2024`, `21 June 2024`, `Jun. 21, 2024 10:30 AM`). Surrounding
/// words (a label, a weekday) are ignored; the first date in `text` is returned.
/// Impossible dates (30 February, month 13) are never returned.
pub fn parse_date(text: &str) -> Option<Timestamp> {
    if let Some(iso) = Timestamp::parse_iso(text) {
        return Some(iso);
    }
    scan(text).first().map(|m| m.when)
}

/// Every labelled or unlabelled date in a line of text, in order, each with the role its
/// label gives (`입력 2024.06.21 10:30 | 수정 2024.06.22 09:00` → Published, Updated).
pub fn find_dates(line: &str) -> Vec<FoundDate> {
    let matches = scan(line);
    let site_dates = SITE_DATE_CONTEXT.iter().any(|key| line.contains(key));
    let mut out = Vec::with_capacity(matches.len());
    let mut previous_end = 0usize;
    for (i, m) in matches.iter().enumerate() {
        let before = &line[previous_end..m.start];
        let next_start = matches.get(i + 1).map_or(line.len(), |n| n.start);
        let after = &line[m.end..next_start];
        let role = if site_dates {
            DateRole::Clock
        } else {
            label_before(before)
                .or_else(|| label_leading(before))
                .or_else(|| label_after(after))
                .unwrap_or(DateRole::Unlabelled)
        };
        out.push(FoundDate { when: m.when, role });
        previous_end = m.end;
    }
    out
}

/// The role named by the label at the end of `before`, if any.
fn label_before(before: &str) -> Option<DateRole> {
    let trimmed =
        before.trim_end_matches(|c: char| c.is_whitespace() || LABEL_PUNCTUATION.contains(&c));
    let lower = trimmed.to_lowercase();
    let lower = lower
        .strip_suffix(" at")
        .or_else(|| lower.strip_suffix(" on"))
        .unwrap_or(&lower);
    LABELS.iter().find_map(|&(label, role)| {
        let rest = lower.strip_suffix(label)?;
        // A Latin label must be a whole word (`unpublished` is not `published`).
        let boundary = rest
            .chars()
            .next_back()
            .is_none_or(|c| !(label.is_ascii() && c.is_alphanumeric()));
        boundary.then_some(role)
    })
}

/// The role named by a label that opens a short stretch before the date, with a time
/// between (`Updated 9:00 AM EDT, Fri June 21, 2024`).
fn label_leading(before: &str) -> Option<DateRole> {
    // A label, a time, a zone and a weekday fit in this many characters.
    const MAX_LEADING_CHARS: usize = 32;
    let trimmed = before
        .trim_start_matches(|c: char| c.is_whitespace() || LABEL_PUNCTUATION.contains(&c))
        .trim_end();
    if trimmed.chars().count() > MAX_LEADING_CHARS {
        return None;
    }
    let lower = trimmed.to_lowercase();
    LABELS.iter().find_map(|&(label, role)| {
        let rest = lower.strip_prefix(label)?;
        let boundary = rest
            .chars()
            .next()
            .is_none_or(|c| !(label.is_ascii() && c.is_alphanumeric()));
        boundary.then_some(role)
    })
}

/// The role named by a label right after the date (`2024-06-21 17:40 송고`).
fn label_after(after: &str) -> Option<DateRole> {
    let trimmed =
        after.trim_start_matches(|c: char| c.is_whitespace() || LABEL_PUNCTUATION.contains(&c));
    TRAILING_LABELS.iter().find_map(|&(label, role)| {
        let rest = trimmed.strip_prefix(label)?;
        // The label must end there: `입력` but not `입력된` (a word going on).
        let ends = rest
            .chars()
            .next()
            .is_none_or(|c| c.is_whitespace() || LABEL_PUNCTUATION.contains(&c));
        ends.then_some(role)
    })
}

/// True when the line is little more than dates and their labels (a date line, as
/// opposed to prose that mentions a date): at most `extra` other letters.
pub fn is_date_line(line: &str) -> bool {
    let matches = scan(line);
    if matches.is_empty() {
        return false;
    }
    let mut rest = String::new();
    let mut previous = 0usize;
    for m in &matches {
        rest.push_str(&line[previous..m.start]);
        rest.push(' ');
        previous = m.end;
    }
    rest.push_str(&line[previous..]);
    let mut lower = rest.to_lowercase();
    for (label, _) in LABELS.iter().chain(TRAILING_LABELS) {
        lower = lower.replace(label, " ");
    }
    // Up to a few leftover letters: a weekday, `기사원문`, `KST`; more is prose.
    const MAX_LEFTOVER_LETTERS: usize = 12;
    lower.chars().filter(|c| c.is_alphabetic()).count() <= MAX_LEFTOVER_LETTERS
}

/// The publication date among those found: a labelled publication date wins over an
/// update, an unlabelled date and the page's clock.
pub fn pick_published(found: &[FoundDate]) -> Option<Timestamp> {
    let rank = |role: DateRole| match role {
        DateRole::Published => 0,
        DateRole::Unlabelled => 1,
        DateRole::Updated => 2,
        DateRole::Clock => 3,
    };
    found
        .iter()
        .filter(|f| f.role != DateRole::Clock)
        .min_by_key(|f| rank(f.role))
        .map(|f| f.when)
}

/// The latest update date among those found, when the page gives one.
pub fn pick_updated(found: &[FoundDate]) -> Option<Timestamp> {
    found
        .iter()
        .filter(|f| f.role == DateRole::Updated)
        .map(|f| f.when)
        .max_by_key(|t| t.sort_key())
}

/// The page's own clock (when it was saved or printed), when the page shows it.
pub fn pick_clock(found: &[FoundDate]) -> Option<Timestamp> {
    found
        .iter()
        .find(|f| f.role == DateRole::Clock)
        .map(|f| f.when)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> Option<String> {
        parse_date(text).map(|t| t.to_string())
    }

    #[test]
    fn every_pattern_compiles() {
        assert_eq!(PATTERNS.len(), 4);
        // `scan` skips texts without four digits in a row: every pattern must need them.
        for pattern in PATTERNS.iter() {
            assert!(pattern.as_str().contains("(?P<year>[0-9]{4})"), "{pattern}");
        }
        assert!(has_four_digits("x 2024"));
        assert!(!has_four_digits("06.21 10:30, 123 45"));
    }

    #[test]
    fn parses_the_supported_forms() {
        for (input, expected) in [
            ("2024년 06월 21일", "2024-06-21"),
            ("2024년 6월 21일 (금)", "2024-06-21"),
            ("2024년 6월 21일 (금) 오후 3:10", "2024-06-21T15:10:00"),
            ("2024.06.21 10:30", "2024-06-21T10:30:00"),
            ("2024.06.21. 10:30", "2024-06-21T10:30:00"),
            ("2024. 6. 21. 오전 12:05", "2024-06-21T00:05:00"),
            ("2024-06-21 17:40", "2024-06-21T17:40:00"),
            ("2024/06/21", "2024-06-21"),
            ("2024.06.21 오후 3:10", "2024-06-21T15:10:00"),
            ("June 21, 2024", "2024-06-21"),
            ("21 June 2024", "2024-06-21"),
            ("Jun. 21, 2024 10:30 AM", "2024-06-21T10:30:00"),
            (
                "Friday, June 21st, 2024 at 3:05 p.m.",
                "2024-06-21T15:05:00",
            ),
            ("2024-06-21T10:30:00+09:00", "2024-06-21T10:30:00+09:00"),
            ("2024-06-21 10:30 KST", "2024-06-21T10:30:00+09:00"),
            ("2024년 6월 21일 10시 30분", "2024-06-21T10:30:00"),
            (
                "Fri, 21 Jun 2024 10:30:00 +0900",
                "2024-06-21T10:30:00+09:00",
            ),
            ("2024년06월21일", "2024-06-21"),
            ("2024-06-21 오후 3:10:22", "2024-06-21T15:10:22"),
            ("February 1, 2016: 12:41 PM ET", "2016-02-01T12:41:00"),
        ] {
            assert_eq!(show(input).as_deref(), Some(expected), "{input}");
        }
    }

    #[test]
    fn impossible_dates_are_never_returned() {
        for bad in [
            "2024년 2월 30일",
            "2024.13.01",
            "February 30, 2024",
            "31 April 2024",
            "054)433-4433",
            "no date",
        ] {
            assert_eq!(show(bad), None, "{bad}");
        }
        // A bad date does not hide a good one later in the line.
        assert_eq!(
            show("2024.02.30 then 2024.03.01").as_deref(),
            Some("2024-03-01")
        );
    }

    #[test]
    fn roles_come_from_labels() {
        let found = find_dates("입력 2024.06.21 10:30 | 수정 2024.06.22 09:00");
        let roles: Vec<_> = found.iter().map(|f| f.role).collect();
        assert_eq!(roles, [DateRole::Published, DateRole::Updated]);
        assert_eq!(
            pick_published(&found).map(|t| t.to_string()).as_deref(),
            Some("2024-06-21T10:30:00")
        );
        assert_eq!(
            pick_updated(&found).map(|t| t.ymd()).as_deref(),
            Some("2024-06-22")
        );

        let seed = find_dates("김천신문 기자 / kimcheon@hanmail.net입력 : 2024년 06월 21일");
        assert_eq!(seed.len(), 1);
        assert_eq!(seed[0].role, DateRole::Published);

        let clock = find_dates("즐겨찾기+  날짜 : 2025-05-03 23:43:04 회원가입기사쓰기");
        assert_eq!(clock[0].role, DateRole::Clock);
        assert_eq!(pick_published(&clock), None);
        assert_eq!(
            pick_clock(&clock).map(|t| t.to_string()).as_deref(),
            Some("2025-05-03T23:43:04")
        );

        let english = find_dates("Published June 21, 2024 Updated June 22, 2024, 9:00 AM");
        let roles: Vec<_> = english.iter().map(|f| f.role).collect();
        assert_eq!(roles, [DateRole::Published, DateRole::Updated]);

        let cnn = find_dates("Updated 9:00 AM EDT, Fri June 21, 2024");
        assert_eq!(cnn[0].role, DateRole::Updated);

        let trailing = find_dates("2024-06-21 17:40 송고");
        assert_eq!(trailing[0].role, DateRole::Published);

        let footer = find_dates("정기간행물 등록번호 : 경북 아-00167 / 등록일 : 2011.01.20");
        assert_eq!(footer[0].role, DateRole::Clock);
    }

    #[test]
    fn long_lines_with_many_dates_are_fast() {
        let line = "입력 2024.06.21 10:30 | ".repeat(20_000);
        let started = std::time::Instant::now();
        assert_eq!(find_dates(&line).len(), 20_000);
        // Linear takes a few seconds in a debug build on a busy machine; a scan per
        // date over the whole line (quadratic) would take minutes.
        assert!(started.elapsed().as_secs() < 60);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,200}") {
            let _ = parse_date(&s);
            let _ = find_dates(&s);
            let _ = is_date_line(&s);
        }
    }

    #[test]
    fn date_lines_and_prose() {
        assert!(is_date_line(
            "입력 2024.06.21 10:30 | 수정 2024.06.22 09:00"
        ));
        assert!(is_date_line("Published June 21, 2024"));
        assert!(!is_date_line(
            "The council will meet again on June 21, 2024 to discuss the budget."
        ));
    }
}
