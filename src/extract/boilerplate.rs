//! Boilerplate lines and phrases in English and Korean: copyright lines, share bars,
//! most-read and related lists, footers with publisher registration, breadcrumbs.

/// True when a line of text is site furniture rather than article prose (STUB: false).
pub fn is_boilerplate_line(_line: &str) -> bool {
    false
}

/// The section named by a breadcrumb line (`뉴스 > 행정` → `행정`) (STUB: none).
pub fn breadcrumb_section(_line: &str) -> Option<String> {
    None
}
