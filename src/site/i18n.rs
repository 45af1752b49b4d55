//! Words the templates show (navigation, labels) and human date formats, in English and
//! Korean, as tables. Other languages fall back to English.
//!
//! Owns wording only; which language a page uses is decided by `render`.

use chrono::Datelike;
use serde::Serialize;

use crate::date::Timestamp;

/// The interface words of one language.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Labels {
    pub skip: &'static str,
    pub site_nav: &'static str,
    pub home: &'static str,
    pub archive: &'static str,
    pub tags: &'static str,
    pub sections: &'static str,
    pub search: &'static str,
    pub feed: &'static str,
    pub pagination: &'static str,
    pub newer: &'static str,
    pub older: &'static str,
    pub page: &'static str,
    pub of: &'static str,
    pub article_nav: &'static str,
    pub previous_article: &'static str,
    pub next_article: &'static str,
    pub related: &'static str,
    pub by: &'static str,
    pub section: &'static str,
    pub original: &'static str,
    pub source: &'static str,
    pub articles: &'static str,
    pub undated: &'static str,
    pub years: &'static str,
    pub months: &'static str,
    pub search_label: &'static str,
    pub search_button: &'static str,
    pub search_noscript: &'static str,
    pub search_help: &'static str,
    pub not_found: &'static str,
    pub not_found_text: &'static str,
    pub tagged: &'static str,
    pub in_section: &'static str,
    pub breadcrumb: &'static str,
    /// The name of the scrollable region around a table in an article body.
    pub table: &'static str,
}

pub const EN: Labels = Labels {
    skip: "Skip to content",
    site_nav: "Site",
    home: "Home",
    archive: "Archive",
    tags: "Tags",
    sections: "Sections",
    search: "Search",
    feed: "Feed",
    pagination: "Pagination",
    newer: "Newer articles",
    older: "Older articles",
    page: "Page",
    of: "of",
    article_nav: "More articles",
    previous_article: "Previous article",
    next_article: "Next article",
    related: "Related articles",
    by: "By",
    section: "Section",
    original: "Original article",
    source: "Source",
    articles: "articles",
    undated: "Undated",
    years: "Years",
    months: "Months",
    search_label: "Search the archive",
    search_button: "Search",
    search_noscript: "Search needs JavaScript, which is turned off. Every article is still reachable through the archive, tags and sections.",
    search_help: "Finds words in titles, tags and the opening of each article; Korean words are found inside longer words too.",
    not_found: "Page not found",
    not_found_text: "There is no page at this address. Try the archive or the search.",
    tagged: "Tagged",
    in_section: "Section",
    breadcrumb: "Breadcrumb",
    table: "Table",
};

pub const KO: Labels = Labels {
    skip: "본문으로 건너뛰기",
    site_nav: "사이트",
    home: "처음",
    archive: "보관함",
    tags: "태그",
    sections: "분류",
    search: "검색",
    feed: "피드",
    pagination: "쪽 이동",
    newer: "최근 기사",
    older: "이전 기사",
    page: "쪽",
    of: "/",
    article_nav: "다른 기사",
    previous_article: "이전 기사",
    next_article: "다음 기사",
    related: "관련 기사",
    by: "글",
    section: "분류",
    original: "원문 기사",
    source: "출처",
    articles: "건",
    undated: "날짜 없음",
    years: "연도",
    months: "월",
    search_label: "보관함 검색",
    search_button: "검색",
    search_noscript: "검색에는 자바스크립트가 필요하지만 꺼져 있습니다. 모든 기사는 보관함, 태그, 분류에서 볼 수 있습니다.",
    search_help: "제목, 태그, 기사 첫머리에서 찾습니다. 한국어 낱말은 더 긴 어절 안에서도 찾습니다.",
    not_found: "페이지를 찾을 수 없습니다",
    not_found_text: "이 주소에는 페이지가 없습니다. 보관함이나 검색을 이용해 보세요.",
    tagged: "태그",
    in_section: "분류",
    breadcrumb: "위치",
    table: "표",
};

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// True for Korean language tags (`ko`, `ko-KR`).
pub fn is_korean(lang: &str) -> bool {
    let lang = lang.trim();
    lang.eq_ignore_ascii_case("ko")
        || lang
            .get(..3)
            .is_some_and(|p| p.eq_ignore_ascii_case("ko-") || p.eq_ignore_ascii_case("ko_"))
}

pub fn labels(lang: &str) -> &'static Labels {
    if is_korean(lang) { &KO } else { &EN }
}

/// The name of a month (1-12).
pub fn month_name(month: u32, korean: bool) -> String {
    if korean {
        format!("{month}월")
    } else {
        EN_MONTHS
            .get(month.saturating_sub(1) as usize)
            .copied()
            .unwrap_or("")
            .to_string()
    }
}

/// `21 June 2024` / `2024년 6월 21일`.
pub fn format_day(timestamp: &Timestamp, korean: bool) -> String {
    let d = timestamp.date;
    if korean {
        format!("{}년 {}월 {}일", d.year(), d.month(), d.day())
    } else {
        format!("{} {} {}", d.day(), month_name(d.month(), false), d.year())
    }
}

/// `June 2024` / `2024년 6월`.
pub fn format_month(year: i32, month: u32, korean: bool) -> String {
    if korean {
        format!("{year}년 {month}월")
    } else {
        format!("{} {year}", month_name(month, false))
    }
}

/// `5 min read` / `5분 분량`.
pub fn reading_time(minutes: u32, korean: bool) -> String {
    if korean {
        format!("{minutes}분 분량")
    } else {
        format!("{minutes} min read")
    }
}

/// `12 articles` / `12건`.
pub fn count(n: usize, korean: bool) -> String {
    match (korean, n) {
        (true, n) => format!("{n}건"),
        (false, 1) => "1 article".into(),
        (false, n) => format!("{n} articles"),
    }
}

/// The source box line: "Originally published by 김천신문 on 21 June 2024" or
/// "김천신문 2024년 6월 21일 보도".
pub fn source_line(source: &str, date: Option<&Timestamp>, korean: bool) -> String {
    match (korean, date) {
        (true, Some(d)) => format!("{source} {} 보도", format_day(d, true)),
        (true, None) => format!("{source} 보도"),
        (false, Some(d)) => format!(
            "Originally published by {source} on {}",
            format_day(d, false)
        ),
        (false, None) => format!("Originally published by {source}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_both_languages() {
        let day = Timestamp::parse_iso("2024-06-21").unwrap();
        assert_eq!(format_day(&day, false), "21 June 2024");
        assert_eq!(format_day(&day, true), "2024년 6월 21일");
        assert_eq!(
            source_line("김천신문", Some(&day), false),
            "Originally published by 김천신문 on 21 June 2024"
        );
        assert_eq!(
            source_line("김천신문", Some(&day), true),
            "김천신문 2024년 6월 21일 보도"
        );
        assert!(is_korean("ko-KR") && is_korean("KO") && !is_korean("en") && !is_korean("k"));
    }
}
