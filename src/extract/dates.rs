//! Human date formats found on pages, English and Korean (`2024년 06월 21일`,
//! `2024.06.21 10:30`, 오전/오후, `June 21, 2024`), and date lines with labels
//! (`입력`, `수정`, `Published`, `Updated`) that say which date is which.

use crate::date::Timestamp;

/// What a date on a page is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRole {
    /// Publication (`입력`, `등록`, `승인`, `기사입력`, `게재`, `Published`).
    Published,
    /// A later update (`수정`, `Updated`).
    Updated,
    /// The page's own clock or print date: when it was saved, not published.
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

/// Parses one date written in any supported human format (STUB: ISO only).
pub fn parse_date(text: &str) -> Option<Timestamp> {
    Timestamp::parse_iso(text)
}

/// Every labelled or unlabelled date in a line of text, in order (STUB: none).
pub fn find_dates(_line: &str) -> Vec<FoundDate> {
    Vec::new()
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
