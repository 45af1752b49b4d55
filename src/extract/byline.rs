//! Bylines in English and Korean: "By Jane Doe", `홍길동 기자 hong@example.com`,
//! `글·사진 홍길동 기자`, `[OO일보 홍길동 기자]`, `OO신문 기자 / email`,
//! `(서울=연합뉴스) 홍길동 기자 =`, `[서울=뉴시스]홍길동 기자 =`, `부산=홍길동 기자`,
//! `By Jane Doe and John Roe`, `Jane Doe, Staff Writer`.
//!
//! Owns: reading a byline at the start of a line ([`parse_byline`]), splitting a
//! dateline byline off the start of a lead paragraph ([`split_leading_byline`]) and a
//! byline glued to the end of the last paragraph ([`strip_trailing_byline`]).
//! Not owned: deciding which line of a page is the byline (`text`, `metadata`).
//!
//! The vocabulary is in tables: reporter titles ([`KOREAN_TITLES`]), credit prefixes
//! ([`CREDIT_PREFIXES`]), publication name endings ([`PUBLICATION_SUFFIXES`]) and
//! English roles ([`ENGLISH_ROLES`]).

use std::sync::LazyLock;

use regex::Regex;

/// A reporter's name and address as read from a byline.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Byline {
    /// The name as the page gives it, with the Korean title kept (`홍길동 기자`,
    /// `김천신문 기자`); several authors are joined with `, ` or ` and `.
    pub author: String,
    pub email: Option<String>,
    /// The publication or agency the byline names (`연합뉴스` in `(서울=연합뉴스)`,
    /// `김천신문` in `김천신문 기자`), when it names one.
    pub source: Option<String>,
    /// The dateline place (`서울` in `(서울=연합뉴스)`, `부산` in `부산=홍길동 기자`).
    pub dateline: Option<String>,
}

/// Korean reporter titles, longest first (a title that contains another comes first).
pub const KOREAN_TITLES: &[&str] = &[
    "객원논설위원",
    "선임기자",
    "수석기자",
    "전문기자",
    "객원기자",
    "인턴기자",
    "시민기자",
    "명예기자",
    "사진기자",
    "영상기자",
    "취재기자",
    "논설위원",
    "편집위원",
    "대기자",
    "특파원",
    "통신원",
    "칼럼니스트",
    "리포터",
    "에디터",
    "기자",
];

/// Credit words that may come before the name: `글·사진 홍길동 기자`, `사진 = 홍길동 기자`.
pub const CREDIT_PREFIXES: &[&str] = &[
    "글·사진",
    "글ㆍ사진",
    "글/사진",
    "글, 사진",
    "사진·글",
    "글·그림",
    "사진",
    "영상",
    "취재",
    "정리",
    "그래픽",
    "글",
];

/// Endings that mark a word as the name of a publication, not a person (`김천신문`,
/// `한빛일보`, `연합뉴스`). Used to tell `김천신문 기자` (the paper's desk) from a name,
/// and to take `OO일보` in `[OO일보 홍길동 기자]` as the source.
pub const PUBLICATION_SUFFIXES: &[&str] = &[
    "신문",
    "일보",
    "뉴스",
    "뉴시스",
    "방송",
    "통신",
    "타임스",
    "타임즈",
    "저널",
    "미디어",
    "데일리",
    "투데이",
    "헤럴드",
    "포스트",
    "매일",
    "경제",
    "닷컴",
    "일간",
    "주간",
    "TV",
    "tv",
];

/// Desk words that may precede a reporter's name (`사회부 홍길동 기자`).
pub const DESK_SUFFIXES: &[&str] = &["부", "팀", "국", "센터"];

/// English role words after a name (`Jane Doe, Staff Writer`), lowercase.
pub const ENGLISH_ROLES: &[&str] = &[
    "staff writer",
    "staff writers",
    "staff reporter",
    "staff",
    "senior reporter",
    "reporter",
    "reporters",
    "correspondent",
    "senior correspondent",
    "political editor",
    "political correspondent",
    "editor",
    "deputy editor",
    "news editor",
    "contributing writer",
    "contributor",
    "columnist",
    "freelance writer",
    "special to",
    "for the",
    "the associated press",
    "associated press",
    "reuters",
    "afp",
    "bloomberg",
    "ap",
];

/// Words that introduce a byline (`By Jane Doe`, `Par Jean Dupont`, `Von Anna Berg`), in
/// the languages our users' pages come in.
const BY_WORDS: &[&str] = &[
    "written by",
    "words by",
    "reporting by",
    "story by",
    "text by",
    "posted by",
    "published by",
    "by",
    "par",
    "por",
    "von",
    "door",
    "av",
    "di",
];

/// Lower-case words that may sit between the capitalised words of a name (`Michiel de Jong`).
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "di", "del", "della", "der", "den", "van", "von", "le", "la", "du", "dos", "das",
    "bin", "ibn", "al",
];

/// Words that join the names of several authors (`Jane Doe and John Roe`).
const NAME_JOINERS: &[&str] = &["and", "y", "e", "et", "und"];

/// Words of buttons and labels that sit in author boxes (`Follow Author`, `View Profile`).
const NOT_NAME_WORDS: &[&str] = &[
    "follow",
    "author",
    "authors",
    "view",
    "more",
    "profile",
    "share",
    "subscribe",
    "read",
    "all",
    "posts",
    "articles",
    "stories",
    "email",
    "contact",
    "about",
    "news",
    "staff",
];

/// The words that introduce a byline, as a regex group.
static ENGLISH_BY: LazyLock<String> = LazyLock::new(|| format!("(?i:{})", BY_WORDS.join("|")));

/// A person's name in English: 2 to 4 capitalised words, initials and particles allowed.
static ENGLISH_NAME: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"[A-Z][\p{{L}}'’\-]*\.?(?:\s+(?:(?:{})\s+)?[A-Z][\p{{L}}'’\-]*\.?){{1,3}}",
        NAME_PARTICLES.join("|")
    )
});

/// A Korean name or publication in front of a title: 2 to 12 Hangul syllables
/// (names are 2–4 syllables; paper names such as `김천신문` can be longer).
const KOREAN_NAME: &str = r"[가-힣]{2,12}";

/// A Korean person's name is at most this many syllables (남궁 + two: 4; 5 for a few
/// compound names). Longer words before a title must be publication names.
const MAX_PERSON_SYLLABLES: usize = 5;

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
        .unwrap_or_else(|_| unreachable_regex())
});

/// `(서울=연합뉴스)`, `[서울=뉴시스]`, `【도쿄=뉴스1】`: a dateline with the agency.
static DATELINE_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[(\[【<]\s*(?P<place>[가-힣A-Za-z·\s]{1,12}?)\s*=\s*(?P<agency>[가-힣A-Za-z0-9·\s]{2,16}?)\s*[)\]】>]\s*")
        .unwrap_or_else(|_| unreachable_regex())
});

static KOREAN_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    let titles = KOREAN_TITLES.join("|");
    let credits = CREDIT_PREFIXES
        .iter()
        .map(|c| regex::escape(c))
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&format!(
        r"^\s*(?P<open>[\[(【<]\s*)?(?:(?:{credits})\s*[:=]?\s*)?(?:(?P<place>[가-힣]{{1,8}})\s*=\s*)?(?:(?P<org>[가-힣A-Za-z0-9]{{1,12}})\s+)?(?P<name>{KOREAN_NAME})\s*(?P<title>{titles})"
    ))
    .unwrap_or_else(|_| unreachable_regex())
});

static ENGLISH_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*{by}:?\s+(?P<names>{name}(?:\s*(?:,|and|&)\s*{name})*)",
        by = *ENGLISH_BY,
        name = *ENGLISH_NAME
    ))
    .unwrap_or_else(|_| unreachable_regex())
});

static ENGLISH_NAME_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*(?P<names>{name}(?:\s*(?:,|and|&)\s*{name})*)\s*(?:,|\||—|–|-)\s*(?P<role>[A-Za-z][A-Za-z .]{{1,40}})$",
        name = *ENGLISH_NAME
    ))
    .unwrap_or_else(|_| unreachable_regex())
});

/// The patterns are constants and tested; should one ever fail to compile, a regex
/// that matches nothing keeps the reader harmless rather than panicking.
fn unreachable_regex() -> Regex {
    Regex::new(r"[^\s\S]").unwrap_or_else(|_| unreachable!("a constant regex compiles"))
}

/// What follows a byline on its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tail {
    /// Nothing but separators.
    End,
    /// A date or date label (`입력 : 2024…`).
    Date,
    /// `=` then prose: the lead paragraph of a wire story.
    Prose,
    /// Something else (the line is not a byline).
    Other,
}

/// A byline read from the start of `text`, the byte offset where the byline (with its
/// email and separators) ends, and what follows.
fn scan(text: &str) -> Option<(Byline, usize, Tail)> {
    scan_korean(text).or_else(|| scan_english(text))
}

fn scan_korean(text: &str) -> Option<(Byline, usize, Tail)> {
    // A wire dateline in brackets first: `(서울=연합뉴스) 홍길동 기자 =`.
    if let Some(caps) = DATELINE_AGENCY.captures(text) {
        let whole = caps.get(0)?;
        let byline = Byline {
            dateline: caps.name("place").map(|m| m.as_str().trim().to_string()),
            source: caps.name("agency").map(|m| m.as_str().trim().to_string()),
            ..Byline::default()
        };
        if let Some(found) = scan_korean_from(text, byline, whole.end()) {
            return Some(found);
        }
    }
    // `[한빛일보=홍길동 기자]` looks like a dateline but is the byline itself.
    scan_korean_from(text, Byline::default(), 0)
}

fn scan_korean_from(text: &str, mut byline: Byline, start: usize) -> Option<(Byline, usize, Tail)> {
    let rest = &text[start..];
    let caps = KOREAN_BYLINE.captures(rest)?;
    let whole = caps.get(0)?;
    // The title must end the word: `기자` but not `기자회견`, `기자는`.
    if rest[whole.end()..]
        .chars()
        .next()
        .is_some_and(|c| is_hangul(c) || c.is_alphanumeric())
    {
        return None;
    }
    let name = caps.name("name")?.as_str();
    let title = caps.name("title")?.as_str();
    let org = caps.name("org").map(|m| m.as_str());
    if let Some(place) = caps.name("place") {
        // `한빛일보=홍길동 기자`: the paper, not a place.
        if is_publication(place.as_str()) {
            byline
                .source
                .get_or_insert_with(|| place.as_str().to_string());
        } else {
            byline.dateline = Some(place.as_str().to_string());
        }
    }
    let name_is_publication = is_publication(name);
    match org {
        Some(org) if is_publication(org) => {
            byline.source.get_or_insert_with(|| org.to_string());
        }
        Some(org) if DESK_SUFFIXES.iter().any(|s| org.ends_with(s)) => {}
        // `이날 방문한 기자`: two ordinary words before a title are prose.
        Some(_) => return None,
        None => {}
    }
    if name_is_publication {
        byline.source.get_or_insert_with(|| name.to_string());
    } else if name.chars().count() > MAX_PERSON_SYLLABLES {
        return None;
    }
    byline.author = format!("{name} {title}");
    let mut end = start + whole.end();
    // Co-authors: `홍길동·김철수 기자` is read as one name; `홍길동 기자, 김철수 기자` here.
    loop {
        let after = &text[end..];
        let trimmed = after.trim_start_matches([' ', ',', '·', 'ㆍ']);
        if trimmed.len() == after.len() && !after.starts_with(' ') {
            break;
        }
        let Some(more) = KOREAN_BYLINE.captures(trimmed) else {
            break;
        };
        let (Some(m), Some(n), Some(t)) = (more.get(0), more.name("name"), more.name("title"))
        else {
            break;
        };
        let next_char = trimmed[m.end()..].chars().next();
        if more.name("org").is_some()
            || n.as_str().chars().count() > MAX_PERSON_SYLLABLES
            || next_char.is_some_and(|c| is_hangul(c) || c.is_alphanumeric())
        {
            break;
        }
        byline.author = format!("{}, {} {}", byline.author, n.as_str(), t.as_str());
        end += (after.len() - trimmed.len()) + m.end();
    }
    let (end, tail) = read_tail(text, end, &mut byline);
    Some((byline, end, tail))
}

fn scan_english(text: &str) -> Option<(Byline, usize, Tail)> {
    if let Some(caps) = ENGLISH_BYLINE.captures(text) {
        let names = caps.name("names")?;
        let names_text = cut_at_date_word(names.as_str(), &text[names.end()..]);
        if names_text.split_whitespace().count() < 2 {
            return None;
        }
        let mut byline = Byline {
            author: clean_names(names_text),
            ..Byline::default()
        };
        let mut end = names.start() + names_text.len();
        // `By Jane Doe, Staff Writer` / `By Jane Doe | Reporter`.
        if let Some(role_end) = role_after(&text[end..]) {
            end += role_end;
        }
        let (end, tail) = read_tail(text, end, &mut byline);
        // Another credit after the name (`Edited by …`) ends the byline as well.
        let next_word = text[end..]
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_lowercase();
        let tail = if tail == Tail::Other && CREDIT_WORDS.contains(&next_word.as_str()) {
            Tail::End
        } else {
            tail
        };
        return Some((byline, end, tail));
    }
    let caps = ENGLISH_NAME_ROLE.captures(text.trim_end())?;
    let role = caps.name("role")?.as_str().trim().to_lowercase();
    if !ENGLISH_ROLES.iter().any(|r| role.starts_with(r)) {
        return None;
    }
    let names = caps.name("names")?;
    let byline = Byline {
        author: clean_names(names.as_str()),
        ..Byline::default()
    };
    Some((byline, text.trim_end().len(), Tail::End))
}

/// The length of a `, Staff Writer` / `| Reporter` role after a name, if one is there.
fn role_after(after: &str) -> Option<usize> {
    let trimmed = after.trim_start_matches([' ', ',', '|', '—', '–', '-']);
    let skipped = after.len() - trimmed.len();
    if skipped == 0 {
        return None;
    }
    let lower = trimmed.to_lowercase();
    ENGLISH_ROLES
        .iter()
        .filter(|role| lower.starts_with(*role))
        .map(|role| role.len())
        .max()
        .filter(|&len| {
            lower[len..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
        })
        .map(|len| skipped + len)
}

/// A name run stops before a capitalised date word (`By Jane Doe Published June 21`).
fn cut_at_date_word<'a>(names: &'a str, after: &str) -> &'a str {
    let words: Vec<&str> = names.split_inclusive(char::is_whitespace).collect();
    let mut offset = 0usize;
    for (i, word) in words.iter().enumerate() {
        let bare = word.trim().trim_end_matches([',', '.']).to_lowercase();
        let is_label = super::dates::LABELS
            .iter()
            .any(|(label, _)| label.is_ascii() && *label == bare);
        let is_credit = CREDIT_WORDS.contains(&bare.as_str());
        // A month as the last word, with the day after it: `By Nathan Willis March 25`.
        let is_month_before_day = i + 1 == words.len()
            && super::dates::MONTHS.iter().any(|(month, _)| *month == bare)
            && after.trim_start().starts_with(|c: char| c.is_ascii_digit());
        if offset > 0 && (is_label || is_credit || is_month_before_day) {
            return names[..offset].trim_end();
        }
        offset += word.len();
    }
    names
}

/// Credit words that start another credit after an English byline
/// (`Written by Rob Ewaschuk Edited by Betsy Beyer`), lowercase.
const CREDIT_WORDS: &[&str] = &[
    "edited",
    "photos",
    "photographs",
    "photography",
    "illustration",
    "illustrations",
    "video",
    "additional",
    "graphics",
];

fn clean_names(names: &str) -> String {
    names.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads what follows a byline: brackets, `=`, an email, separators; says what comes
/// next. Returns the end of the byline and the tail kind.
fn read_tail(text: &str, mut end: usize, byline: &mut Byline) -> (usize, Tail) {
    const SEPARATORS: &[char] = &[' ', '\t', ']', ')', '】', '>', '/', '|', ',', '(', '<', '['];
    loop {
        let after = &text[end..];
        let trimmed =
            after.trim_start_matches(|c: char| SEPARATORS.contains(&c) || c.is_whitespace());
        end += after.len() - trimmed.len();
        // A saved page's obfuscated address (`[email protected]`) stands for an email.
        if let Some(rest) = strip_prefix_ignore_case(trimmed, EMAIL_PLACEHOLDER) {
            end += trimmed.len() - rest.len();
            continue;
        }
        // A social handle after the name (`@jane_doe`) belongs to the byline.
        if let Some(handle) = trimmed.strip_prefix('@') {
            let len = handle
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                .unwrap_or(handle.len());
            if len > 0 {
                end += 1 + len;
                continue;
            }
        }
        if let Some(m) = EMAIL.find(trimmed).filter(|m| m.start() == 0) {
            if byline.email.is_none() {
                byline.email = Some(m.as_str().to_string());
            }
            end += m.end();
            continue;
        }
        break;
    }
    let after = &text[end..];
    let trimmed =
        after.trim_start_matches(|c: char| c.is_whitespace() || [')', ']', '>'].contains(&c));
    if trimmed.is_empty() {
        return (text.len(), Tail::End);
    }
    if let Some(prose) = trimmed.strip_prefix(['=', '＝']) {
        let prose_at = text.len() - prose.trim_start().len();
        return (prose_at, Tail::Prose);
    }
    if starts_with_date(trimmed) {
        return (end, Tail::Date);
    }
    (end, Tail::Other)
}

/// What pages protected by an email-obfuscation service show in place of an address.
const EMAIL_PLACEHOLDER: &str = "[email protected]";

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

fn starts_with_date(text: &str) -> bool {
    // `Posted by Jane Doe on June 21, 2024`.
    let text = strip_prefix_ignore_case(text, "on ").unwrap_or(text);
    let lower = text.to_lowercase();
    let labelled = super::dates::LABELS
        .iter()
        .any(|(label, _)| lower.starts_with(label));
    let first_word = lower
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    let opens_date = text.starts_with(|c: char| c.is_ascii_digit())
        || super::dates::MONTHS.iter().any(|(m, _)| *m == first_word);
    labelled || opens_date && super::dates::is_date_line(text)
}

fn is_hangul(c: char) -> bool {
    matches!(c as u32, 0xAC00..=0xD7A3 | 0x1100..=0x11FF | 0x3130..=0x318F)
}

/// True when a word names a publication (`김천신문`, `한빛일보`, `연합뉴스`).
pub fn is_publication(word: &str) -> bool {
    PUBLICATION_SUFFIXES.iter().any(|s| word.ends_with(s)) && word.chars().count() >= 2
}

/// Reads a line that is (or starts with) a byline. Accepts what commonly follows a
/// byline on its line (an email, a date line, `=` and the lead's prose), and rejects
/// prose that merely starts with a name and a title (`홍길동 기자는 …`).
pub fn parse_byline(line: &str) -> Option<Byline> {
    let (byline, _, tail) = scan(line)?;
    (tail != Tail::Other).then_some(byline)
}

/// True when the whole line is a byline (with its email and separators), nothing else.
pub fn is_byline_line(line: &str) -> bool {
    matches!(scan(line), Some((_, _, Tail::End)))
}

/// True when a line starts with a byline followed by a date (`홍길동 기자 입력 2024…`),
/// or is only a byline.
pub fn is_byline_meta_line(line: &str) -> bool {
    matches!(scan(line), Some((_, _, Tail::End | Tail::Date)))
}

/// Splits a wire-style byline off the start of a lead paragraph:
/// `(서울=연합뉴스) 홍길동 기자 = 정부가…` → (byline, `정부가…`).
pub fn split_leading_byline(paragraph: &str) -> Option<(Byline, &str)> {
    let (byline, end, tail) = scan(paragraph)?;
    (tail == Tail::Prose).then(|| (byline, paragraph[end..].trim_start()))
}

/// The text after a word that introduces a byline (`By`, `Par`, … in any case, then a
/// space or a colon), if it starts with one.
pub fn strip_by_prefix(text: &str) -> Option<&str> {
    let text = text.trim_start();
    BY_WORDS.iter().find_map(|word| {
        let rest = strip_prefix_ignore_case(text, word)?;
        rest.starts_with([' ', ':', '\u{a0}'])
            .then(|| rest.trim_start_matches([' ', ':', '\u{a0}']))
    })
}

/// Whether a byline element's whole text is shaped like a person's name (`Jane Doe`,
/// `NATALIYA VASILYEVA`, `Michiel de Jong`): two to five words, each capitalised except
/// for particles and joiners, with no sentence punctuation and no interface label.
pub fn looks_like_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if !(2..=5).contains(&words.len())
        || text.chars().count() > 60
        || text.contains(['.', ':', '@', '|', '/', '(', ')', '?', '!'])
    {
        return false;
    }
    let capitalised =
        |w: &str| w.chars().next().is_some_and(char::is_uppercase) && w.chars().count() >= 2;
    let small = |w: &str| {
        let w = w.trim_end_matches(',');
        NAME_PARTICLES.contains(&w) || NAME_JOINERS.contains(&w)
    };
    let names = words.iter().filter(|w| capitalised(w)).count();
    let particles = words.iter().filter(|w| !capitalised(w) && small(w)).count();
    let interface = words
        .iter()
        .any(|w| NOT_NAME_WORDS.contains(&w.to_lowercase().as_str()));
    names >= 2 && names + particles == words.len() && !interface
}

/// Sentence ends after which a glued byline may start.
const SENTENCE_ENDS: &[char] = &['.', '!', '?', '"', '”', '’', '\'', ')', '。'];

/// The prose of a paragraph without a byline glued to its end
/// (`…처리했다.부산=홍길동 기자 hong@…` → `…처리했다.`), and that byline.
/// A paragraph with no trailing byline comes back whole.
pub fn strip_trailing_byline(paragraph: &str) -> (&str, Option<Byline>) {
    // A byline is short: look for its start only in the last stretch of the paragraph.
    const MAX_BYLINE_BYTES: usize = 160;
    let window_start = paragraph.len().saturating_sub(MAX_BYLINE_BYTES);
    for (i, c) in paragraph.char_indices() {
        if i < window_start || !SENTENCE_ENDS.contains(&c) {
            continue;
        }
        let cut = i + c.len_utf8();
        let rest = &paragraph[cut..];
        if rest.trim().is_empty() {
            break;
        }
        if let Some((byline, _, Tail::End)) = scan(rest) {
            return (paragraph[..cut].trim_end(), Some(byline));
        }
    }
    (paragraph, None)
}

/// Every email address in a line.
pub fn find_email(line: &str) -> Option<String> {
    EMAIL.find(line).map(|m| m.as_str().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn author(line: &str) -> Option<String> {
        parse_byline(line).map(|b| b.author)
    }

    #[test]
    fn korean_bylines() {
        assert_eq!(author("홍길동 기자").as_deref(), Some("홍길동 기자"));
        let b = parse_byline("홍길동 기자 hong@example.com").unwrap();
        assert_eq!(b.email.as_deref(), Some("hong@example.com"));
        assert_eq!(
            author("글·사진 홍길동 기자").as_deref(),
            Some("홍길동 기자")
        );
        let b = parse_byline("[한빛일보 홍길동 기자]").unwrap();
        assert_eq!(b.author, "홍길동 기자");
        assert_eq!(b.source.as_deref(), Some("한빛일보"));
        assert_eq!(author("홍길동 특파원").as_deref(), Some("홍길동 특파원"));
        let b =
            parse_byline("김천신문 기자 / kimcheon@hanmail.net입력 : 2024년 06월 21일").unwrap();
        assert_eq!(b.author, "김천신문 기자");
        assert_eq!(b.email.as_deref(), Some("kimcheon@hanmail.net"));
        assert_eq!(b.source.as_deref(), Some("김천신문"));
        let b = parse_byline("(서울=연합뉴스) 홍길동 기자 = 정부가 21일 발표했다.").unwrap();
        assert_eq!(b.author, "홍길동 기자");
        assert_eq!(b.source.as_deref(), Some("연합뉴스"));
        assert_eq!(b.dateline.as_deref(), Some("서울"));
        let b = parse_byline("[서울=뉴시스]홍길동 기자 = 정부가").unwrap();
        assert_eq!(b.source.as_deref(), Some("뉴시스"));
        let b = parse_byline("부산=홍길동 기자 hong@example.com").unwrap();
        assert_eq!(b.dateline.as_deref(), Some("부산"));
        assert_eq!(
            author("홍길동 기자, 김철수 기자").as_deref(),
            Some("홍길동 기자, 김철수 기자")
        );
    }

    #[test]
    fn prose_is_not_a_byline() {
        assert_eq!(author("홍길동 기자는 21일 현장을 찾았다."), None);
        assert_eq!(author("이날 방문한 기자 여러분께 감사드립니다."), None);
        assert_eq!(author("기자회견에서 밝혔다."), None);
        assert_eq!(author("By the time the council met, it was late."), None);
        assert_eq!(author("The Mayor, who spoke first, said little."), None);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,120}") {
            let _ = parse_byline(&s);
            let _ = strip_trailing_byline(&s);
            let _ = split_leading_byline(&s);
        }
    }

    #[test]
    fn english_bylines() {
        assert_eq!(author("By Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(
            author("By Jane Doe and John Roe").as_deref(),
            Some("Jane Doe and John Roe")
        );
        assert_eq!(
            author("Jane Doe, Staff Writer").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            author("BY JANE DOE | Reporter").as_deref(),
            Some("JANE DOE")
        );
        let b = parse_byline("By Jane Doe jane@example.com").unwrap();
        assert_eq!(b.email.as_deref(), Some("jane@example.com"));
        assert!(parse_byline("By Jane Doe Published June 21, 2024").is_some());
        assert_eq!(
            author("By\n\t\t\tScott Cunningham").as_deref(),
            Some("Scott Cunningham")
        );
        assert_eq!(
            author("By Nathan Willis\n   March 25, 2015").as_deref(),
            Some("Nathan Willis")
        );
        assert_eq!(
            author("Written by Rob Ewaschuk\n  Edited by Betsy Beyer").as_deref(),
            Some("Rob Ewaschuk")
        );
        assert_eq!(
            author("Par Sébastien Farcis").as_deref(),
            Some("Sébastien Farcis")
        );
    }

    #[test]
    fn splits_glued_bylines() {
        let (prose, byline) =
            strip_trailing_byline("시는 민원을 신속히 처리했다.부산=홍길동 기자 hong@example.com");
        assert_eq!(prose, "시는 민원을 신속히 처리했다.");
        let byline = byline.unwrap();
        assert_eq!(byline.author, "홍길동 기자");
        assert_eq!(byline.dateline.as_deref(), Some("부산"));
        let whole = "그는 기자 생활을 30년 했다. 이제 은퇴한다.";
        assert_eq!(strip_trailing_byline(whole), (whole, None));

        let (byline, rest) =
            split_leading_byline("(서울=연합뉴스) 홍길동 기자 = 정부가 발표했다.").unwrap();
        assert_eq!(byline.author, "홍길동 기자");
        assert_eq!(rest, "정부가 발표했다.");
    }
}
