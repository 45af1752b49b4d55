//! Bylines in English and Korean: "By Jane Doe", `홍길동 기자 hong@example.com`,
//! `글·사진 홍길동 기자`, `[OO일보 홍길동 기자]`, `OO신문 기자 / email`.

/// A reporter's name and address as read from a byline.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Byline {
    pub author: String,
    pub email: Option<String>,
}

/// Reads a line that is (or starts with) a byline (STUB: none).
pub fn parse_byline(_line: &str) -> Option<Byline> {
    None
}
