//! Boilerplate lines and phrases in English and Korean: copyright lines, share bars,
//! most-read and related lists, footers with publisher registration, visitor counters,
//! auto-summary boxes, cookie and newsletter notices, breadcrumbs and photo captions.
//!
//! Owns: deciding, for one line of visible text, whether it is site furniture
//! ([`is_boilerplate_line`], [`boilerplate_kind`]), whether it ends the article's run of
//! text ([`is_section_end`]), the section a breadcrumb names ([`breadcrumb_section`]),
//! photo captions ([`is_photo_caption`]) and the publisher a copyright or footer line
//! names ([`copyright_holder`], [`footer_publisher`]).
//! Not owned: where those lines are on a page (`text`, `html`).
//!
//! Every rule is a table below. A line *is* boilerplate when it is short and made of
//! furniture phrases, or carries a strong marker (copyright, registration numbers); a
//! long sentence that merely mentions `댓글` or `인쇄` is prose.

use super::rules::Fragments;

/// What kind of furniture a line is. Callers may skip some kinds and stop at others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Boilerplate {
    /// `저작권자 ©`, `무단 전재 및 재배포 금지`, `© 2024 … All rights reserved`.
    Copyright,
    /// Publisher footer: `발행인`, `등록번호`, `청소년보호책임자`, addresses.
    Footer,
    /// Visitor counters (`방문자 수 : 55,621`).
    Counter,
    /// A heading after which the rest is not article text (`많이 본 뉴스`, `Most read`).
    SectionEnd,
    /// A line made only of furniture words: share bars, tools, menus
    /// (`트위터 페이스북 밴드`, `글씨크게 인쇄 스크랩`, `Share Tweet Email`).
    Furniture,
    /// Auto-summary boxes (`요약보기`, `본문 요약봇`) and their notes.
    Summary,
    /// Newsletter, sign-up, advertisement and cookie notices.
    Notice,
}

/// Copyright markers: any of these in a short line makes it a copyright line.
pub const COPYRIGHT_MARKERS: &[&str] = &[
    "저작권자",
    "무단전재",
    "무단 전재",
    "무단복제",
    "무단 복제",
    "재배포 금지",
    "재배포금지",
    "재배포 및",
    "AI학습",
    "AI 학습",
    "all rights reserved",
    "copyright",
    "copyrights",
];

/// Symbols that start a copyright notice (`ⓒ김천신문`, `© 2024 Gazette`).
pub const COPYRIGHT_SYMBOLS: &[&str] = &["ⓒ", "©", "(c)", "(C)", "Ⓒ"];

/// A copyright line is at most this many characters; longer text is prose about rights.
const MAX_COPYRIGHT_CHARS: usize = 200;

/// Furniture phrases. A short line made only of these (and separators, counts, arrows)
/// is furniture. Matched case-insensitively, longest first.
pub const FURNITURE_PHRASES: &[&str] = &[
    // share targets and tools
    "카카오스토리",
    "카카오톡",
    "카카오",
    "네이버블로그",
    "네이버 블로그",
    "네이버밴드",
    "트위터",
    "페이스북",
    "밴드",
    "라인",
    "텔레그램",
    "인스타그램",
    "유튜브",
    "URL복사",
    "URL 복사",
    "링크복사",
    "링크 복사",
    "주소복사",
    "기사 공유",
    "기사공유",
    "공유하기",
    "공유",
    "글씨크게",
    "글씨작게",
    "글자크기",
    "글자 크기",
    "가가",
    "인쇄하기",
    "인쇄",
    "스크랩",
    "북마크",
    "즐겨찾기",
    "메일보내기",
    "이메일",
    "기사제보",
    "제보하기",
    "구독하기",
    "구독",
    "좋아요",
    "싫어요",
    "훈훈해요",
    "슬퍼요",
    "화나요",
    "후속기사 원해요",
    "추천해요",
    "공감해요",
    "추천하기",
    "추천",
    "공감",
    "댓글쓰기",
    "댓글보기",
    "댓글",
    "목록",
    "이전기사",
    "다음기사",
    "이전 기사",
    "다음 기사",
    "맨위로",
    "닫기",
    "더보기",
    "보기",
    "기사원문",
    "원문보기",
    "본문 바로가기",
    "바로가기",
    "로그인",
    "로그아웃",
    "회원가입",
    "전체기사보기",
    "전체기사",
    "기사쓰기",
    "검색",
    "메뉴",
    "홈",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "pinterest",
    "reddit",
    "email",
    "e-mail",
    "print",
    "share on",
    "share via",
    "share to",
    "post to",
    "more options",
    "share this article",
    "share this story",
    "share",
    "tweet",
    "copy link",
    "save",
    "comments",
    "comment",
    "menu",
    "search",
    "log in",
    "login",
    "sign in",
    "home",
    "skip to main content",
    "skip to content",
    "main menu",
    "accessibility",
    "cookies",
    "share this page",
    "x",
];

/// Headings after which a page lists other articles: the rest is not article text.
pub const SECTION_END_HEADINGS: &[&str] = &[
    "많이 본 뉴스",
    "많이본 뉴스",
    "많이본뉴스",
    "가장 많이 본 뉴스",
    "가장 많이 본",
    "인기기사",
    "인기 기사",
    "인기뉴스",
    "관련기사",
    "관련 기사",
    "관련뉴스",
    "관련 뉴스",
    "주요기사",
    "주요 기사",
    "주요뉴스",
    "주요 뉴스",
    "최신기사",
    "최신 기사",
    "최신뉴스",
    "최신 뉴스",
    "추천기사",
    "추천 기사",
    "이 시각 주요뉴스",
    "이시각 주요뉴스",
    "오늘의 주요뉴스",
    "포토뉴스",
    "기획기사",
    "기획 기사",
    "이 기자의 다른 기사",
    "기자의 다른기사",
    "다른기사 보기",
    "많이 본 기사",
    "많이본 기사",
    "많이본기사",
    "실시간 인기기사",
    "실시간 뉴스",
    "랭킹뉴스",
    "이 시각 인기 뉴스",
    "인기 검색어",
    "함께 많이 본 뉴스",
    "이 기자의 다른기사",
    "기자의 다른 기사",
    "함께 보면 좋은 기사",
    "related articles",
    "related stories",
    "related news",
    "related",
    "most read",
    "most popular",
    "most viewed",
    "more stories",
    "more from",
    "more news",
    "read next",
    "read more",
    "recommended",
    "recommended for you",
    "trending",
    "trending now",
    "you may also like",
    "you might also like",
    "top stories",
    "latest news",
    "latest stories",
    "editor's picks",
    // press releases end with these
    "ends",
    "-ends-",
    "notes to editors",
    "note to editors",
    "notes for editors",
    "media enquiries",
    "media inquiries",
    "media contact",
    "press contact",
];

/// A section-ending heading is a short line: at most this many characters (a heading
/// and perhaps a second heading beside it, `많이 본 뉴스 최신뉴스`).
const MAX_HEADING_CHARS: usize = 40;

/// Footer keys (publisher registration, contact and legal lines).
pub const FOOTER_KEYS: &[&str] = &[
    "청소년보호책임자",
    "청소년 보호 책임자",
    "정기간행물",
    "등록번호",
    "사업자등록",
    "통신판매업",
    "발행·편집인",
    "발행인",
    "편집인",
    "편집국장",
    "대표이사",
    "제호",
    "윤리강령",
    "개인정보처리방침",
    "개인정보 처리방침",
    "개인정보취급방침",
    "이메일무단수집거부",
    "대표전화",
    "주소 :",
    "주소:",
    "tel :",
    "tel:",
    "fax :",
    "fax:",
    "privacy policy",
    "terms of use",
    "terms of service",
    "terms and conditions",
    "cookie policy",
    "contact us",
    "about us",
];

/// Visitor counter words.
pub const COUNTER_KEYS: &[&str] = &[
    "방문자수",
    "방문자 수",
    "방문자",
    "접속자",
    "visitors",
    "visitor count",
    "page views",
];

/// Auto-summary boxes on portals and papers.
pub const SUMMARY_PHRASES: &[&str] = &[
    "요약보기",
    "뉴스 요약쏙",
    "본문 요약봇",
    "요약봇",
    "ai 요약",
    "자동 추출 기술로 요약",
    "자동요약",
    "자동 요약",
    "전체 맥락을 이해하기 위해서는 본문 보기를 권장",
];

/// Notices (newsletters, sign-up, cookies) recognised by how the line starts; these
/// read as sentences, so they may be long (up to `MAX_NOTICE_CHARS`).
pub const NOTICE_PREFIXES: &[&str] = &[
    "subscribe to",
    "subscribe for",
    "sign up for our",
    "sign up to our",
    "sign up to receive",
    "get our newsletter",
    "we use cookies",
    "this website uses cookies",
    "this site uses cookies",
    "by continuing to use",
    "accept cookies",
    "accept all cookies",
    "manage cookies",
    "cookie settings",
    "story continues below",
    "continue reading",
    "click here to",
];

/// Notice labels that are the whole line, or nearly (at most
/// `MAX_NOTICE_LABEL_CHARS`): `Advertisement`, `광고`, `Sign up`. A sentence that starts
/// with the word (`Advertising revenue fell…`, `광고 시장이…`) is prose.
pub const NOTICE_LABELS: &[&str] = &[
    "advertisement",
    "advertising",
    "sponsored",
    "sponsored content",
    "sponsored by",
    "supported by",
    "presented by",
    "paid content",
    "newsletter",
    "sign up",
    "subscribe",
    "광고",
];

/// A notice label line is at most this many characters.
const MAX_NOTICE_LABEL_CHARS: usize = 24;

/// A notice is at most this many characters (cookie banners can run to a few sentences).
const MAX_NOTICE_CHARS: usize = 300;

/// A furniture line is at most this many characters: menus and share bars are short.
const MAX_FURNITURE_CHARS: usize = 80;

/// Decoration that wraps furniture (`- Copyrights … -`, `[관련기사]`, `▶ 더보기`).
const DECORATION: &[char] = &[
    '-', '–', '—', '[', ']', '<', '>', '【', '】', '《', '》', '〈', '〉', '(', ')', '▶', '▷', '►',
    '■', '□', '●', '○', '◆', '◇', '★', '☆', '·', '|', '/', ':', '+', '*', '#', '=', '※', ' ',
    '\u{a0}',
];

/// Breadcrumb separators between steps.
const BREADCRUMB_SEPARATORS: &[char] = &['>', '›', '»', '〉', '＞', '→', '▶', '>'];

/// Step names that mean "home", skipped when they are the only step left.
const HOME_STEPS: &[&str] = &["home", "홈", "메인", "main", "뉴스홈", "홈으로"];

/// A breadcrumb step is at most this many characters (section names are short).
const MAX_STEP_CHARS: usize = 20;

/// Photo caption openings (`▲ …`, `(사진=…)`) and closings (`… /사진=김천시`).
pub const CAPTION_PREFIXES: &[&str] = &[
    "▲",
    "△",
    "▶사진",
    "(사진=",
    "(사진 =",
    "<사진=",
    "[사진=",
    "/사진=",
    "사진=",
    "(사진제공=",
    "<사진제공=",
    "사진제공=",
    "(사진 제공=",
    "[사진]",
    "(사진)",
    "<사진>",
    "photo:",
    "photo by",
    "(photo",
    "image:",
    "caption:",
];

/// Caption credits written at the end of a caption line.
pub const CAPTION_CREDITS: &[&str] = &[
    "(사진=",
    "/사진=",
    "<사진=",
    "[사진=",
    "사진=",
    "(사진제공=",
    "사진제공",
    "(사진 제공",
    "(photo:",
    "(photo by",
    "photo:",
    "getty images",
    "ap photo",
    "/afp",
    "/reuters",
    "/epa",
    "photo credit",
    "credit:",
    "/연합뉴스",
    "/뉴시스",
    "/뉴스1",
    "자료사진",
];

/// Captions are short: at most this many characters.
const MAX_CAPTION_CHARS: usize = 200;

fn strip_decoration(line: &str) -> &str {
    line.trim_matches(|c: char| DECORATION.contains(&c) || c.is_whitespace())
}

fn char_count(s: &str) -> usize {
    s.chars().count()
}

/// True when the line ends like a sentence (Korean `다.`, `.`, `?`, `!`, closing quotes).
pub fn ends_like_sentence(line: &str) -> bool {
    let t = line.trim_end();
    if t.ends_with("..") || t.ends_with('…') {
        return false;
    }
    t.ends_with(['.', '?', '!', '"', '”', '’', '。', '다', '요'])
}

/// True when a line of text is site furniture rather than article prose.
pub fn is_boilerplate_line(line: &str) -> bool {
    boilerplate_kind(line).is_some()
}

/// What kind of furniture a line is, or `None` for article text (or unknown text).
pub fn boilerplate_kind(line: &str) -> Option<Boilerplate> {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return None;
    }
    let lower = trimmed.to_lowercase();
    let chars = char_count(trimmed);
    if chars <= MAX_COPYRIGHT_CHARS && is_copyright(trimmed, &lower) {
        return Some(Boilerplate::Copyright);
    }
    if is_section_end(trimmed) {
        return Some(Boilerplate::SectionEnd);
    }
    if is_summary(&lower, chars) {
        return Some(Boilerplate::Summary);
    }
    if is_footer(trimmed, &lower) {
        return Some(Boilerplate::Footer);
    }
    if is_counter(&lower, chars) {
        return Some(Boilerplate::Counter);
    }
    if chars <= MAX_NOTICE_CHARS && is_notice(&lower) {
        return Some(Boilerplate::Notice);
    }
    if chars <= MAX_FURNITURE_CHARS && only_furniture(&lower) {
        return Some(Boilerplate::Furniture);
    }
    None
}

fn is_copyright(trimmed: &str, lower: &str) -> bool {
    let bare = strip_decoration(trimmed);
    if COPYRIGHT_SYMBOLS.iter().any(|s| bare.starts_with(s)) {
        return true;
    }
    // `copyright` alone is a word prose uses (`copyrights and trademarks`): it marks a
    // notice only when it opens the line or comes with a symbol.
    // Lowercasing leaves the decoration characters as they are.
    let bare_lower = strip_decoration(lower);
    if bare_lower.starts_with("copyright") {
        return true;
    }
    let symbol = COPYRIGHT_SYMBOLS.iter().any(|s| trimmed.contains(s));
    COPYRIGHT_MARKERS
        .iter()
        .filter(|m| !m.starts_with("copyright"))
        .any(|m| lower.contains(m))
        // `저작권자` in a sentence about rights holders is prose: require a symbol, the
        // reprint ban, or a line that is not a sentence.
        && (symbol
            || lower.contains("무단")
            || lower.contains("재배포")
            || lower.contains("all rights reserved")
            || !ends_like_sentence(trimmed))
        || (symbol && lower.contains("copyright"))
}

fn is_summary(lower: &str, chars: usize) -> bool {
    // The summary note can be a sentence (`…요약된 내용입니다.`), so allow some length.
    const MAX_SUMMARY_CHARS: usize = 120;
    chars <= MAX_SUMMARY_CHARS && SUMMARY_PHRASES.iter().any(|p| lower.contains(p))
}

/// [`FOOTER_KEYS`], matched all at once.
static FOOTER_KEY_MATCHER: Fragments = Fragments::new(FOOTER_KEYS);

fn is_footer(trimmed: &str, lower: &str) -> bool {
    let keys = FOOTER_KEY_MATCHER.count_in(lower, 2);
    if keys == 0 {
        return false;
    }
    // Two keys, or one key in a `key : value` / cell layout, or one key in a line that
    // is not a sentence: a footer. One key in a sentence (`발행인 홍씨는 …했다.`) is prose.
    // A single key in a long line is prose or a reference that mentions it.
    const MAX_SINGLE_KEY_CHARS: usize = 100;
    if keys < 2 && char_count(trimmed) > MAX_SINGLE_KEY_CHARS {
        return false;
    }
    keys >= 2
        || trimmed.contains(" : ")
        || trimmed.contains(" / ")
        || trimmed.contains(" | ")
        || !ends_like_sentence(trimmed)
}

fn is_counter(lower: &str, chars: usize) -> bool {
    // A counter line is a label and a number: short.
    const MAX_COUNTER_CHARS: usize = 40;
    // A counter shows a number, or is only its label (`방문자수` above the numbers).
    chars <= MAX_COUNTER_CHARS
        && COUNTER_KEYS.iter().any(|k| lower.contains(k))
        && (lower.chars().any(|c| c.is_ascii_digit())
            || COUNTER_KEYS.contains(&strip_decoration(lower)))
}

fn is_notice(lower: &str) -> bool {
    let bare = strip_decoration(lower);
    let starts_with_word = |p: &str| {
        bare.starts_with(p)
            && bare[p.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric() || !p.is_ascii())
    };
    if NOTICE_PREFIXES.iter().any(|p| starts_with_word(p)) {
        return true;
    }
    if char_count(bare) <= MAX_NOTICE_LABEL_CHARS
        && !ends_like_sentence(bare)
        && NOTICE_LABELS.iter().any(|p| starts_with_word(p))
    {
        return true;
    }
    lower.contains("cookie") && (lower.contains("accept") || lower.contains("consent"))
}

/// [`FURNITURE_PHRASES`], longest first, so `카카오스토리` is consumed before `카카오`.
static FURNITURE_LONGEST_FIRST: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| {
        let mut phrases = FURNITURE_PHRASES.to_vec();
        phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
        phrases
    });

/// True when, after removing furniture phrases, separators and numbers, nothing is left.
/// Phrases may be glued together (`회원가입기사쓰기`) or span words (`기사 공유`).
fn only_furniture(lower: &str) -> bool {
    let normalised: String = lower
        .chars()
        .map(|c| {
            if c.is_whitespace() || DECORATION.contains(&c) || c == ',' {
                ' '
            } else {
                c
            }
        })
        .collect();
    let phrases = &*FURNITURE_LONGEST_FIRST;
    let mut left: &str = &normalised;
    let mut found = false;
    'consume: loop {
        left = left.trim_start_matches(|c: char| c == ' ' || c.is_ascii_digit() || c == '+');
        if left.is_empty() {
            return found;
        }
        for phrase in phrases {
            let Some(after) = left.strip_prefix(phrase) else {
                continue;
            };
            // Latin phrases end at a word boundary (`x` is not the start of `xylophone`).
            let whole_word =
                !phrase.is_ascii() || after.chars().next().is_none_or(|c| !c.is_alphanumeric());
            if whole_word {
                left = after;
                found = true;
                continue 'consume;
            }
        }
        return false;
    }
}

/// True when the line is a heading after which the page lists other articles
/// (`많이 본 뉴스`, `관련기사`, `Related`, `Most read`): the article's text has ended.
pub fn is_section_end(line: &str) -> bool {
    let bare = strip_decoration(line.trim());
    if bare.is_empty() || char_count(bare) > MAX_HEADING_CHARS {
        return false;
    }
    let lower = bare.to_lowercase();
    SECTION_END_HEADINGS.iter().any(|h| {
        lower.strip_prefix(h).is_some_and(|rest| {
            // The heading is the line, perhaps with a second heading or `더보기`, not
            // the start of a sentence (`Related to the budget, the council…`).
            let rest = strip_decoration(rest);
            rest.is_empty()
                || SECTION_END_HEADINGS
                    .iter()
                    .any(|other| rest.starts_with(other))
                || only_furniture(rest)
        })
    })
}

/// The section named by a breadcrumb line (`뉴스 > 행정` → `행정`,
/// `Home › News › Politics` → `Politics`, `HOME > 정치` → `정치`).
pub fn breadcrumb_section(line: &str) -> Option<String> {
    let line = line.trim();
    if !line.contains(BREADCRUMB_SEPARATORS) {
        return None;
    }
    let steps: Vec<&str> = line
        .split(BREADCRUMB_SEPARATORS)
        .map(|s| s.trim())
        .collect();
    if steps.len() < 2 || steps.iter().any(|s| s.is_empty()) {
        return None;
    }
    let short = |s: &&str| {
        char_count(s) <= MAX_STEP_CHARS
            && s.split_whitespace().count() <= 3
            && !ends_like_sentence(s)
    };
    // All steps but the last must be short; a long last step is the article's title.
    let (last, before) = steps.split_last()?;
    if !before.iter().all(short) {
        return None;
    }
    let pick = if short(last) {
        *last
    } else if before.len() >= 2 {
        before[before.len() - 1]
    } else {
        return None;
    };
    let is_home = HOME_STEPS.contains(&pick.to_lowercase().as_str());
    (!is_home).then(|| pick.to_string())
}

/// True when a line is a photo caption (`▲ 행사 모습`, `(사진=김천시 제공)`,
/// `… /사진=김천시`), to be kept as a caption, not as prose.
pub fn is_photo_caption(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || char_count(t) > MAX_CAPTION_CHARS {
        return false;
    }
    let lower = t.to_lowercase();
    if CAPTION_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    // A credit at the end: `행사 참석자들이 기념촬영을 하고 있다. (사진=김천시 제공)`. It
    // starts within the last `MAX_CREDIT_TAIL_CHARS` characters, so only they are searched
    // (the last occurrence decides, as a later one has the shorter tail).
    let tail_start = lower
        .char_indices()
        .rev()
        .nth(MAX_CREDIT_TAIL_CHARS - 1)
        .map_or(0, |(at, _)| at);
    let end = &lower[tail_start..];
    CAPTION_CREDITS.iter().any(|credit| {
        end.rfind(credit)
            .is_some_and(|at| !end[at..].contains(['。']))
    })
}

/// A caption credit is at most this many characters from the end of the line.
const MAX_CREDIT_TAIL_CHARS: usize = 40;

/// A caption as extractors emit it: an italic paragraph (`*▲ 행사 모습*`), escaped for
/// CommonMark so its plain text reads back unchanged.
pub fn caption_markdown(caption: &str) -> String {
    format!("*{}*", super::text::escape_markdown(caption.trim()))
}

/// The publisher a copyright line names (`Copyrights ⓒ김천신문. 무단 전재…` → `김천신문`,
/// `© 2024 Riverton Gazette. All rights reserved.` → `Riverton Gazette`).
pub fn copyright_holder(line: &str) -> Option<String> {
    if boilerplate_kind(line) != Some(Boilerplate::Copyright) {
        return None;
    }
    let lower = line.to_lowercase();
    // Start after the last copyright symbol or word that comes first in the line.
    let mut start = None;
    for marker in COPYRIGHT_SYMBOLS
        .iter()
        .chain(["copyrights", "copyright", "저작권자"].iter())
    {
        if let Some(at) = lower.find(&marker.to_lowercase()) {
            let end = at + marker.to_lowercase().len();
            start = Some(start.map_or(end, |s: usize| s.max(end)));
        }
    }
    let start = start?;
    // `lower` and `line` have the same byte layout for the markers above only when the
    // prefix is unchanged by lowercasing; map by characters to be safe.
    let prefix_chars = lower[..start].chars().count();
    let rest: String = line.chars().skip(prefix_chars).collect();
    let rest = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || c.is_ascii_digit() || matches!(c, '-' | '–' | ',' | '©' | 'ⓒ' | ':')
    });
    let stops = [
        ".",
        ",",
        "|",
        " - ",
        "무단",
        "all rights",
        "All rights",
        "ALL RIGHTS",
        ">",
        "]",
        "(",
        "/",
        "재배포",
    ];
    let end = stops
        .iter()
        .filter_map(|s| rest.find(s))
        .min()
        .unwrap_or(rest.len());
    // A year after the name (`© Northfield Council 2021`) is not part of it.
    let holder = rest[..end]
        .trim()
        .trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '-' | '–' | ' '));
    // A publisher's name is a few words.
    const MAX_HOLDER_CHARS: usize = 40;
    (!holder.is_empty()
        && char_count(holder) <= MAX_HOLDER_CHARS
        && holder.split_whitespace().count() <= 6)
        .then(|| holder.to_string())
}

/// The publisher named by a footer's first cell (`김천신문 / 주소 : …` → `김천신문`).
pub fn footer_publisher(line: &str) -> Option<String> {
    if boilerplate_kind(line) != Some(Boilerplate::Footer) {
        return None;
    }
    let first = line.split(['/', '|']).next()?.trim();
    const MAX_NAME_CHARS: usize = 20;
    let looks_like_name = !first.is_empty()
        && char_count(first) <= MAX_NAME_CHARS
        && !first.contains([':', '：'])
        && !FOOTER_KEYS.iter().any(|k| first.to_lowercase().contains(k));
    looks_like_name.then(|| first.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copyright_lines() {
        for line in [
            "- Copyrights ⓒ김천신문. 무단 전재 및 재배포 금지 -",
            "저작권자 © 한빛일보 무단전재 및 재배포 금지",
            "<저작권자ⓒ 뉴시스. 무단전재-재배포 금지.>",
            "© 2024 Riverton Gazette. All rights reserved.",
            "Copyright 2024 Millbrook Borough Council",
        ] {
            assert_eq!(
                boilerplate_kind(line),
                Some(Boilerplate::Copyright),
                "{line}"
            );
        }
        assert_eq!(
            copyright_holder("- Copyrights ⓒ김천신문. 무단 전재 및 재배포 금지 -").as_deref(),
            Some("김천신문")
        );
        assert_eq!(
            copyright_holder("저작권자 © 한빛일보 무단전재 및 재배포 금지").as_deref(),
            Some("한빛일보")
        );
        assert_eq!(
            copyright_holder("© 2024 Riverton Gazette. All rights reserved.").as_deref(),
            Some("Riverton Gazette")
        );
        assert_eq!(
            copyright_holder("© Northfield Council 2021-2024").as_deref(),
            Some("Northfield Council")
        );
    }

    #[test]
    fn furniture_and_prose() {
        for line in [
            "트위터 페이스북 밴드 카카오톡 카카오스토리 네이버블로그",
            "Share Tweet Email",
            "글씨크게 인쇄 스크랩",
            "댓글",
            "기사 공유",
            "Share this article",
            "Advertisement",
            "Subscribe to our newsletter",
            "Sign up",
            "We use cookies to improve your experience. Accept all cookies",
            "방문자수",
            "어제 방문자 수 : 55,621",
            "요약보기",
            "많이 본 뉴스 최신뉴스",
            "김천신문 / 주소 : 경북 김천시 충효길 91 2층 / 발행·편집인 : 이길용",
            "청소년보호책임자 : 황의숙 / Mail : kimcheon@daum.net",
            "정기간행물 등록번호 : 경북 아-00167 / 등록일 : 2011.01.20",
            "지는 신문 윤리강령 및 그 실요강을 준",
            "Related articles",
            "Most read",
            "좋아요 0 훈훈해요 0 슬퍼요 0 화나요 0 후속기사 원해요 0",
            "기자의 다른기사 보기",
        ] {
            assert!(is_boilerplate_line(line), "{line}");
        }
        for line in [
            "주민들은 댓글로 의견을 남기며 사업에 대한 관심을 보였고, 시는 이를 반영하겠다고 밝혔다.",
            "시는 홍보물 인쇄 비용을 줄이기 위해 온라인 안내를 늘렸다.",
            "The council will share the cost with the county, officials said.",
            "김천시지역사회보장협의체 우수사례 공유",
            "Related to the budget, the council also approved new bus routes.",
            "Advertising revenue fell 20% last year, the company said.",
            "광고 시장이 빠르게 커지고 있다.",
            "방문자 센터 새 단장",
        ] {
            assert!(!is_boilerplate_line(line), "{line}");
        }
        assert_eq!(
            footer_publisher("김천신문 / 주소 : 경북 김천시 충효길 91 2층 / 발행·편집인 : 이길용")
                .as_deref(),
            Some("김천신문")
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,120}") {
            let _ = boilerplate_kind(&s);
            let _ = breadcrumb_section(&s);
            let _ = is_photo_caption(&s);
            let _ = copyright_holder(&s);
            let _ = footer_publisher(&s);
            let _ = is_section_end(&s);
        }
    }

    #[test]
    fn section_ends() {
        assert!(is_section_end("많이 본 뉴스"));
        assert!(is_section_end("[관련기사]"));
        assert!(is_section_end("Most read"));
        assert!(is_section_end("Related"));
        assert!(!is_section_end("Related to the budget, the council met."));
    }

    #[test]
    fn breadcrumbs() {
        assert_eq!(breadcrumb_section("뉴스 > 행정").as_deref(), Some("행정"));
        assert_eq!(
            breadcrumb_section("홈 > 사회 > 교육").as_deref(),
            Some("교육")
        );
        assert_eq!(
            breadcrumb_section("Home › News › Politics").as_deref(),
            Some("Politics")
        );
        assert_eq!(breadcrumb_section("HOME > 정치").as_deref(), Some("정치"));
        assert_eq!(breadcrumb_section("Home >"), None);
        assert_eq!(breadcrumb_section("2 > 1 is true, said the teacher."), None);
    }

    #[test]
    fn captions() {
        assert!(is_photo_caption(
            "▲ 기장군협의체 위원들이 김천시를 방문했다."
        ));
        assert!(is_photo_caption("△ 기념촬영 모습"));
        assert!(is_photo_caption("(사진=김천시 제공)"));
        assert!(is_photo_caption("<사진=김천시>"));
        assert!(is_photo_caption(
            "참석자들이 기념촬영을 하고 있다. /사진=김천시"
        ));
        assert!(!is_photo_caption("김천시는 사진 공모전을 열었다고 밝혔다."));
        assert!(is_photo_caption("JIM WATSON/AFP/Getty Images"));
        assert!(is_photo_caption("시민들이 거리를 걷고 있다. /연합뉴스"));
        // A credit counts when its tail is at most 40 characters, whatever the padding
        // (the search looks at the end of the line only; this is the whole-line reading).
        let whole_line = |line: &str| {
            let lower = line.trim().to_lowercase();
            CAPTION_CREDITS.iter().any(|credit| {
                lower.rfind(credit).is_some_and(|at| {
                    let tail = &lower[at..];
                    char_count(tail) <= 40 && !tail.contains(['。'])
                })
            })
        };
        for credit in CAPTION_CREDITS {
            for pad in 0..50 {
                for filler in ["가", "a", "。"] {
                    let line = format!("행사 모습 {credit}{}", filler.repeat(pad));
                    let prefixed = CAPTION_PREFIXES
                        .iter()
                        .any(|p| line.to_lowercase().starts_with(p));
                    assert_eq!(
                        is_photo_caption(&line),
                        prefixed || whole_line(&line),
                        "{line}"
                    );
                }
            }
        }
    }
}
