//! Plain-text captures (`.txt`) → `Article`, by the shape of the lines: a headline
//! before the byline, prose paragraphs, short menu lines, lists of headlines.
//!
//! Owns: the layout reading of a capture (what is header, metadata, body, furniture).
//! Uses the line readers in [`dates`], [`byline`] and
//! [`boilerplate`]; knows nothing of any one site.
//!
//! The stages:
//! 1. `classify` each line (blank, furniture, breadcrumb, byline, date line,
//!    caption, prose, teaser, other);
//! 2. `find_anchor`: the metadata block (a byline or date line) that is followed by
//!    prose; without one, the first run of prose;
//! 3. `read_header`: above the anchor, walking up: the headline-like lines (title,
//!    subtitle or standfirst; a kicker is passed over), the section from a breadcrumb or
//!    a label, the page clock;
//! 4. `read_body`: below, each prose line a paragraph (wrapped lines joined), captions,
//!    subheadings and lists kept, until the article ends (a repeated byline, a copyright
//!    line, a most-read heading, a headline list);
//! 5. the source from a copyright line, the byline, or the footer's first cell.

use super::ExtractError;
use super::boilerplate::{self, Boilerplate};
use super::byline::{self, Byline};
use super::dates::{self, DateRole, FoundDate};
use crate::article::Article;
use crate::date::Timestamp;

/// A line's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    Furniture(Boilerplate),
    Breadcrumb,
    /// A byline, alone or with a date (`홍길동 기자 / mail 입력 : 2024…`).
    Byline,
    /// A line of dates and their labels.
    Date,
    Caption,
    /// A sentence-ended line long enough to be a paragraph.
    Prose,
    /// A teaser: a headline or lead cut off with `..` or `…`.
    Teaser,
    /// Anything else: headlines, menus, short labels.
    Other,
}

/// A prose line (one that can anchor the body) has at least this many characters and
/// words: shorter sentence-ended lines are often labels (`Ends.`) or menu items.
const MIN_PROSE_CHARS: usize = 30;
const MIN_PROSE_WORDS: usize = 4;

/// A line without final punctuation still counts as body text when it is this long
/// (some captures lose the period of a paragraph, or cut it at the line's end).
const MIN_LONG_LINE_CHARS: usize = 80;
const MIN_LONG_LINE_WORDS: usize = 8;

/// After a metadata line, prose must start within this many non-blank lines for it to
/// be the article's byline (and not a byline in a list of other articles).
const ANCHOR_LOOKAHEAD: usize = 4;

/// Headlines and subtitles are at most this many characters.
const MAX_HEADLINE_CHARS: usize = 200;

/// Lines looked at above the metadata block for the headline (headline, subtitle,
/// standfirst, a photo slot and its caption).
const HEADER_LOOKBACK: usize = 6;

/// Date lines this close above the headline (in non-blank lines) are the article's.
const NEAR_DATE_LINES: usize = 2;

/// A standfirst used as the subtitle is at most this many characters.
const MAX_SUBTITLE_CHARS: usize = 300;

/// Words that stand for a photo or video slot in copied pages; skipped above the text.
const MEDIA_LABELS: &[&str] = &[
    "image",
    "photo",
    "video",
    "graphic",
    "enlarge this image",
    "play video",
    "사진",
    "영상",
    "그래픽",
    "동영상",
];

/// A single word this short above a headline is a section label (`행정`, `News`),
/// not a headline.
const MAX_LABEL_CHARS: usize = 8;

/// A summary box opened by `요약보기` closes (with its note or `닫기`) within this many
/// non-blank lines; otherwise only the heading line is skipped.
const SUMMARY_BOX_LINES: usize = 8;

/// A menu line: at least this many cells, separated by `|` or by runs of two or more
/// spaces or tabs (how a copied navigation bar looks). Words alone cannot tell a menu:
/// Korean headlines are also made of short words.
const MIN_MENU_CELLS: usize = 4;

/// Invisible characters removed from every line.
const INVISIBLE: &[char] = &['\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}'];

/// A cleaned line and its shape.
struct Line {
    text: String,
    kind: Kind,
}

/// Extracts an article from a plain-text capture.
pub fn extract_text(source: &str) -> Result<Article, ExtractError> {
    let lines: Vec<Line> = source
        .lines()
        .map(|raw| {
            let text: String = raw.chars().filter(|c| !INVISIBLE.contains(c)).collect();
            let text = text.trim().to_string();
            let kind = classify(&text);
            Line { text, kind }
        })
        .collect();
    let anchor = find_anchor(&lines)
        .ok_or_else(|| ExtractError::NoArticle("no prose paragraphs in the text".into()))?;

    let publisher_names = publisher_names(&lines);
    let header = read_header(&lines, anchor.header_end, &publisher_names);
    let mut meta_dates: Vec<FoundDate> = Vec::new();
    let mut first_byline: Option<Byline> = None;
    for line in &lines[anchor.meta_start..anchor.body_start] {
        collect_meta(line, &mut meta_dates, &mut first_byline);
    }
    let body = read_body(&lines, anchor.body_start);
    if body.paragraphs.is_empty() {
        return Err(ExtractError::NoArticle(
            "no prose paragraphs in the text".into(),
        ));
    }
    meta_dates.extend(body.dates.iter().cloned());
    meta_dates.extend(header.near_dates.iter().cloned());
    let mut byline = first_byline
        .or(body.leading_byline.clone())
        .or(body.trailing_byline.clone());
    // The byline above the text may lack what the dateline or closing byline gives.
    if let Some(b) = byline.as_mut() {
        for other in [&body.leading_byline, &body.trailing_byline]
            .into_iter()
            .flatten()
        {
            if b.email.is_none() {
                b.email.clone_from(&other.email);
            }
            if b.source.is_none() {
                b.source.clone_from(&other.source);
            }
        }
        if b.email.is_none() {
            b.email.clone_from(&body.trailing_email);
        }
    }

    let date = dates::pick_published(&meta_dates).or_else(|| {
        // No date by the article: a labelled publication date anywhere but the footer.
        let all: Vec<FoundDate> = lines
            .iter()
            .filter(|l| !matches!(l.kind, Kind::Furniture(_)))
            .flat_map(|l| dates::find_dates(&l.text))
            .filter(|f| f.role == DateRole::Published)
            .collect();
        dates::pick_published(&all)
    });
    let captured = header.clock.or_else(|| {
        let all: Vec<FoundDate> = lines
            .iter()
            .filter(|l| !matches!(l.kind, Kind::Furniture(_)))
            .flat_map(|l| dates::find_dates(&l.text))
            .collect();
        dates::pick_clock(&all)
    });
    let byline_source = byline.as_ref().and_then(|b| b.source.clone());
    let source = match (publisher_names.copyright.clone(), byline_source) {
        // `공감언론 뉴시스통신사` in the copyright, `뉴시스` in the dateline: the brand.
        (Some(holder), Some(brand)) if holder != brand && holder.contains(&brand) => Some(brand),
        (Some(holder), _) => Some(holder),
        (None, brand) => brand.or_else(|| publisher_names.footer.clone()),
    };

    // A capture with prose but no headline (a copied article body) is titled by its
    // first sentence.
    let title = header
        .title
        .unwrap_or_else(|| title_from_text(body.paragraphs.first().map_or("", String::as_str)));
    if title.is_empty() {
        return Err(ExtractError::NoArticle(
            "no headline above the article".into(),
        ));
    }
    Ok(Article {
        title,
        subtitle: header.subtitle,
        date,
        author: byline.as_ref().map(|b| b.author.clone()),
        email: byline.as_ref().and_then(|b| b.email.clone()),
        section: header.section,
        source,
        captured,
        tags: body.tags,
        body: body.paragraphs.join("\n\n"),
        ..Article::default()
    })
}

fn char_count(s: &str) -> usize {
    s.chars().count()
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Sentence-final punctuation: Korean `다.`, `.`, `?`, `!`, closing quotes.
/// A Korean sentence that lost its period still ends in the declarative `다`.
fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end();
    !is_teaser(t) && t.ends_with(['.', '?', '!', '"', '”', '’', '\'', '。', '」', '』', '다'])
}

fn is_teaser(line: &str) -> bool {
    let t = line.trim_end();
    t.ends_with("..") || t.ends_with('…')
}

fn is_prose(line: &str) -> bool {
    ends_sentence(line)
        && char_count(line) >= MIN_PROSE_CHARS
        && word_count(line) >= MIN_PROSE_WORDS
}

/// Body text, once the body has started: any sentence of two words or more, or a long
/// line without final punctuation.
fn is_body_text(line: &str) -> bool {
    (ends_sentence(line) && word_count(line) >= 2)
        || (!is_teaser(line)
            && char_count(line) >= MIN_LONG_LINE_CHARS
            && word_count(line) >= MIN_LONG_LINE_WORDS)
}

/// A line of cells separated by `|` or wide gaps: a menu.
fn is_menu(line: &str) -> bool {
    let pipes = line.split('|').filter(|c| !c.trim().is_empty()).count();
    let gaps = line
        .split("  ")
        .chain(line.split('\t'))
        .filter(|c| !c.trim().is_empty())
        .count();
    !ends_sentence(line) && (pipes >= MIN_MENU_CELLS || gaps > MIN_MENU_CELLS)
}

fn classify(text: &str) -> Kind {
    if text.is_empty() {
        return Kind::Blank;
    }
    if let Some(kind) = boilerplate::boilerplate_kind(text) {
        return Kind::Furniture(kind);
    }
    if boilerplate::breadcrumb_section(text).is_some() && !ends_sentence(text) {
        return Kind::Breadcrumb;
    }
    if byline::is_byline_meta_line(text) {
        return Kind::Byline;
    }
    if dates::is_date_line(text) {
        return Kind::Date;
    }
    if boilerplate::is_photo_caption(text) {
        return Kind::Caption;
    }
    if is_teaser(text) {
        return Kind::Teaser;
    }
    // A byline glued to the last sentence (`…했다.부산=홍길동 기자 hong@…`) does not
    // stop the sentence before it from being prose.
    if is_prose(text) || is_prose(byline::strip_trailing_byline(text).0) {
        return Kind::Prose;
    }
    Kind::Other
}

/// Where the parts of the page are: the header ends where the metadata block starts;
/// the body starts after it.
struct Anchor {
    header_end: usize,
    meta_start: usize,
    body_start: usize,
}

fn is_meta(kind: Kind) -> bool {
    matches!(kind, Kind::Byline | Kind::Date)
}

fn find_anchor(lines: &[Line]) -> Option<Anchor> {
    // 1. A metadata block followed by prose. Each block is looked at once.
    let mut i = 0usize;
    while i < lines.len() {
        if !is_meta(lines[i].kind) || is_clock_only(&lines[i].text) {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < lines.len() && (is_meta(lines[end].kind) || lines[end].kind == Kind::Blank) {
            end += 1;
        }
        if prose_follows(lines, end) {
            return Some(Anchor {
                header_end: i,
                meta_start: i,
                body_start: end,
            });
        }
        i = end.max(i + 1);
    }
    // 2. No metadata: the first prose line (a press release, a bare article).
    let first = (0..lines.len()).find(|&i| starts_prose(lines, i))?;
    Some(Anchor {
        header_end: first,
        meta_start: first,
        body_start: first,
    })
}

/// True when a paragraph starts at `index`: a prose line, or the first line of a
/// hard-wrapped paragraph that reads as prose once joined.
fn starts_prose(lines: &[Line], index: usize) -> bool {
    match lines[index].kind {
        Kind::Prose => true,
        Kind::Other => {
            // Measured without joining: the joined text would end as its last line does.
            let end = wrapped_end(lines, index);
            let part = &lines[index..end];
            end > index + 1
                && ends_sentence(&part[part.len() - 1].text)
                && part.iter().map(|l| char_count(&l.text)).sum::<usize>() >= MIN_PROSE_CHARS
                && part.iter().map(|l| word_count(&l.text)).sum::<usize>() >= MIN_PROSE_WORDS
        }
        _ => false,
    }
}

/// True when a line's only dates are the page's clock.
fn is_clock_only(text: &str) -> bool {
    let found = dates::find_dates(text);
    !found.is_empty() && found.iter().all(|f| f.role == DateRole::Clock)
}

/// True when prose starts within [`ANCHOR_LOOKAHEAD`] non-blank lines from `from`,
/// with only captions, skippable furniture or short lines before it.
fn prose_follows(lines: &[Line], from: usize) -> bool {
    // Blank and furniture lines are free, but only so many: a page of 100,000 blank
    // lines after each date line must not make the search quadratic.
    const MAX_LINES_LOOKED_AT: usize = 64;
    let mut seen = 0usize;
    let from = from.min(lines.len());
    for (index, line) in lines[from..]
        .iter()
        .enumerate()
        .take(MAX_LINES_LOOKED_AT)
        .map(|(offset, line)| (from + offset, line))
    {
        if starts_prose(lines, index) {
            return true;
        }
        match line.kind {
            Kind::Blank => continue,
            Kind::Furniture(
                Boilerplate::Copyright
                | Boilerplate::Footer
                | Boilerplate::SectionEnd
                | Boilerplate::Counter,
            )
            | Kind::Teaser
            | Kind::Byline => return false,
            // Share bars, summary boxes and notices between byline and text are free.
            Kind::Furniture(_) => continue,
            _ => {}
        }
        seen += 1;
        if seen >= ANCHOR_LOOKAHEAD {
            return false;
        }
    }
    false
}

#[derive(Default)]
struct Header {
    /// Dates on the lines right above the headline: the article's, not the clock.
    near_dates: Vec<FoundDate>,
    title: Option<String>,
    subtitle: Option<String>,
    section: Option<String>,
    clock: Option<Timestamp>,
}

/// Publisher names the page states (to tell the site's name from a headline).
#[derive(Default)]
struct Publishers {
    copyright: Option<String>,
    footer: Option<String>,
}

fn publisher_names(lines: &[Line]) -> Publishers {
    let mut names = Publishers::default();
    for line in lines {
        if let Kind::Furniture(_) = line.kind {
            if names.copyright.is_none() {
                names.copyright = boilerplate::copyright_holder(&line.text);
            }
            if names.footer.is_none() {
                names.footer = boilerplate::footer_publisher(&line.text);
            }
        }
    }
    names
}

fn read_header(lines: &[Line], end: usize, publishers: &Publishers) -> Header {
    let mut header = Header::default();
    let is_publisher = |text: &str| {
        let lower = text.to_lowercase();
        [&publishers.copyright, &publishers.footer]
            .iter()
            .filter_map(|n| n.as_deref())
            .any(|n| n.to_lowercase() == lower)
    };
    // Walk up from the metadata block over at most HEADER_LOOKBACK lines: headline-like
    // lines (no final period) are candidates; statements (a standfirst, a caption) are
    // passed below the headline; a statement above a headline ends the walk.
    let mut headlines: Vec<usize> = Vec::new();
    // A one-word label right above the headline (`정치`, `News`) names the section when
    // no breadcrumb does.
    let mut section_label: Option<String> = None;
    let mut top = end;
    let mut looked = 0usize;
    for i in (0..end).rev() {
        let line = &lines[i];
        match line.kind {
            Kind::Blank => continue,
            Kind::Caption if headlines.is_empty() => {
                looked += 1;
                continue;
            }
            Kind::Other | Kind::Prose => {}
            _ => break,
        }
        looked += 1;
        if looked > HEADER_LOOKBACK {
            break;
        }
        let text = line.text.as_str();
        if MEDIA_LABELS.contains(&text.to_lowercase().as_str()) {
            continue;
        }
        // Statements below the headline (a standfirst, a long caption) are passed.
        let statement = is_statement(text) || has_sentence_break(text);
        if headlines.is_empty() && statement {
            continue;
        }
        let label = word_count(text) == 1 && char_count(text) <= MAX_LABEL_CHARS;
        if label && !headlines.is_empty() && !is_publisher(text) {
            section_label = Some(text.to_string());
        }
        if char_count(text) > MAX_HEADLINE_CHARS
            || is_menu(text)
            || label
            || is_publisher(text)
            || is_clock_only(text)
        {
            break;
        }
        if statement {
            break;
        }
        headlines.push(i);
        top = i;
        if headlines.len() == 2 {
            break;
        }
    }
    let text_of = |i: usize| lines[i].text.clone();
    // The line right below the headline, when it is a statement: the standfirst.
    let standfirst = |title: usize| {
        lines[title + 1..end]
            .iter()
            .find(|l| l.kind != Kind::Blank)
            .filter(|l| {
                matches!(l.kind, Kind::Other | Kind::Prose)
                    && is_statement(&l.text)
                    && char_count(&l.text) <= MAX_SUBTITLE_CHARS
            })
            .map(|l| l.text.clone())
    };
    match headlines.as_slice() {
        [only] => {
            header.title = Some(text_of(*only));
            header.subtitle = standfirst(*only);
        }
        [lower, upper] if is_kicker(&lines[*upper].text, &lines[*lower].text) => {
            header.title = Some(text_of(*lower));
            header.subtitle = standfirst(*lower);
            top = *lower;
        }
        [lower, upper] => {
            header.title = Some(text_of(*upper));
            header.subtitle = Some(text_of(*lower));
        }
        _ => {}
    }
    // The section: the nearest breadcrumb above the headline.
    header.section = lines[..top]
        .iter()
        .rev()
        .filter(|l| l.kind == Kind::Breadcrumb)
        .find_map(|l| boilerplate::breadcrumb_section(&l.text))
        .or(section_label);
    // A date line right above the headline (`2024.06.21 10:30` over the title) is the
    // article's own date, not the page's clock.
    let mut near_start = top;
    let mut seen = 0usize;
    for i in (0..top).rev() {
        match lines[i].kind {
            Kind::Blank => continue,
            Kind::Date if seen < NEAR_DATE_LINES => {
                header.near_dates.extend(
                    dates::find_dates(&lines[i].text)
                        .into_iter()
                        .filter(|f| f.role != DateRole::Clock),
                );
                near_start = i;
            }
            _ => break,
        }
        seen += 1;
    }
    // The page clock: a clock-labelled date above the headline, else an unlabelled
    // date up there in a line of menus (today's date in a site header).
    let above: Vec<FoundDate> = lines[..near_start]
        .iter()
        .filter(|l| !matches!(l.kind, Kind::Furniture(Boilerplate::Footer)))
        .flat_map(|l| dates::find_dates(&l.text))
        .chain(
            lines[near_start..top]
                .iter()
                .flat_map(|l| dates::find_dates(&l.text))
                .filter(|f| f.role == DateRole::Clock),
        )
        .collect();
    header.clock = dates::pick_clock(&above).or_else(|| {
        above
            .iter()
            .find(|f| f.role == DateRole::Unlabelled)
            .map(|f| f.when)
    });
    header
}

/// A title made from the first sentence of the text, cut at a word boundary near
/// [`FALLBACK_TITLE_CHARS`] characters.
fn title_from_text(paragraph: &str) -> String {
    const FALLBACK_TITLE_CHARS: usize = 80;
    let plain = crate::article::markdown_to_text(paragraph);
    let mut sentence_end = plain.len();
    for (i, c) in plain.char_indices() {
        let next = plain[i + c.len_utf8()..].chars().next();
        if matches!(c, '.' | '?' | '!' | '。') && next.is_none_or(char::is_whitespace) {
            sentence_end = i + c.len_utf8();
            break;
        }
    }
    let sentence = plain[..sentence_end].trim();
    if char_count(sentence) <= FALLBACK_TITLE_CHARS {
        return sentence.to_string();
    }
    let mut out = String::new();
    for word in sentence.split_whitespace() {
        if char_count(&out) + 1 + char_count(word) > FALLBACK_TITLE_CHARS {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = sentence.chars().take(FALLBACK_TITLE_CHARS).collect();
    }
    out.push('…');
    out
}

/// A statement ends with a period (after any closing quote): `…밝혔다.`, `… said.”`.
/// Headlines end otherwise: no punctuation, `?`, `!`, a quote (`김천시장 “복지 최우선”`).
fn is_statement(line: &str) -> bool {
    let t = line
        .trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')', '」', '』']);
    // `… Underneath N.Y.C.`: a final abbreviation of single letters is no sentence end.
    let last_word = t.rsplit(char::is_whitespace).next().unwrap_or_default();
    let abbreviation = last_word.len() >= 4
        && last_word
            .split_terminator('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic));
    !is_teaser(t) && !abbreviation && t.ends_with(['.', '。'])
}

/// True when a sentence ends inside the line (`… Queens. The likely …`, `…했다. 이어…`):
/// a caption or a paragraph, not a headline. A period after a short word is an
/// abbreviation (`U.S. Senate`, `Mr. Kim`), not a sentence end.
fn has_sentence_break(line: &str) -> bool {
    const MIN_WORD_BEFORE_PERIOD: usize = 3;
    let chars: Vec<char> = line.chars().collect();
    chars.windows(3).enumerate().any(|(i, w)| {
        if !(w[0] == '.' && w[1] == ' ' && (w[2].is_uppercase() || is_hangul_char(w[2]))) {
            return false;
        }
        let word_len = chars[..i]
            .iter()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .count();
        let korean_end = i > 0 && chars[i - 1] == '다';
        korean_end || word_len >= MIN_WORD_BEFORE_PERIOD && chars[i - 1].is_lowercase()
    })
}

fn is_hangul_char(c: char) -> bool {
    ('\u{ac00}'..='\u{d7a3}').contains(&c)
}

/// A kicker above a headline (`American Opportunity` over the real headline): a few
/// words, at most half as long as the line below it.
fn is_kicker(upper: &str, lower: &str) -> bool {
    const MAX_KICKER_WORDS: usize = 3;
    const MAX_KICKER_CHARS: usize = 24;
    word_count(upper) <= MAX_KICKER_WORDS
        && char_count(upper) <= MAX_KICKER_CHARS
        && char_count(upper) * 2 <= char_count(lower)
}

fn collect_meta(line: &Line, found: &mut Vec<FoundDate>, byline: &mut Option<Byline>) {
    found.extend(
        dates::find_dates(&line.text)
            .into_iter()
            .filter(|f| f.role != DateRole::Clock),
    );
    if byline.is_none() && line.kind == Kind::Byline {
        *byline = byline::parse_byline(&line.text);
    }
}

#[derive(Default)]
struct Body {
    paragraphs: Vec<String>,
    dates: Vec<FoundDate>,
    leading_byline: Option<Byline>,
    trailing_byline: Option<Byline>,
    trailing_email: Option<String>,
    tags: Vec<String>,
}

fn read_body(lines: &[Line], start: usize) -> Body {
    let mut body = Body::default();
    let mut i = start;
    // After a line that ends with `:` inside the text, short lines are its list items.
    let mut in_list = false;
    while i < lines.len() {
        let line = &lines[i];
        let text = line.text.as_str();
        let started = !body.paragraphs.is_empty();
        i += 1;
        if line.kind == Kind::Other && MEDIA_LABELS.contains(&text.to_lowercase().as_str()) {
            continue;
        }
        if started && line.kind == Kind::Other && text.ends_with([':', '：']) {
            body.paragraphs.push(escape_markdown(text));
            in_list = true;
            continue;
        }
        if in_list && line.kind == Kind::Other && char_count(text) <= MAX_HEADLINE_CHARS {
            body.paragraphs.push(format!("- {}", escape_markdown(text)));
            continue;
        }
        if line.kind != Kind::Blank {
            in_list = false;
        }
        match line.kind {
            Kind::Blank => {}
            Kind::Furniture(
                Boilerplate::Copyright
                | Boilerplate::Footer
                | Boilerplate::Counter
                | Boilerplate::SectionEnd,
            ) => {
                if started {
                    break;
                }
            }
            Kind::Furniture(Boilerplate::Summary) if !started => {
                i = skip_summary_box(lines, i);
            }
            Kind::Furniture(_) | Kind::Breadcrumb => {}
            Kind::Byline | Kind::Date => {
                let mut ignored = None;
                collect_meta(line, &mut body.dates, &mut ignored);
                if line.kind == Kind::Byline && body.trailing_byline.is_none() {
                    body.trailing_byline = byline::parse_byline(text);
                }
                if started {
                    break;
                }
            }
            Kind::Caption => body.paragraphs.push(boilerplate::caption_markdown(text)),
            Kind::Teaser => {
                if started {
                    break;
                }
            }
            Kind::Other if started && byline::find_email(text).as_deref() == Some(text) => {
                // The reporter's address on its own line closes many Korean articles.
                body.trailing_email = Some(text.to_string());
                break;
            }
            Kind::Other if tags_of(text).is_some() => {
                body.tags = tags_of(text).unwrap_or_default();
                if started {
                    break;
                }
            }
            Kind::Prose | Kind::Other => {
                // A hard-wrapped paragraph: lines that stop mid-sentence continue on the
                // next line.
                let (joined, next) = join_wrapped(lines, i - 1);
                let text = joined.as_str();
                if line.kind == Kind::Prose || is_body_text(text) {
                    i = next;
                    if push_paragraph(&mut body, text) {
                        break;
                    }
                } else if started && line.kind == Kind::Other {
                    // A short line inside the article is a subheading when prose follows;
                    // otherwise the article has ended (a list of headlines, tags, menus).
                    if next_is_prose(lines, i) && !is_menu(text) {
                        let heading = text.trim_start_matches(HEADING_BULLETS).trim();
                        body.paragraphs
                            .push(format!("## {}", escape_markdown(heading)));
                    } else {
                        break;
                    }
                }
            }
        }
    }
    body
}

/// Bullets that decorate subheadings in captures (`■ 방과후 프로그램도 확대`).
const HEADING_BULLETS: &[char] = &['■', '□', '●', '○', '◆', '◇', '▶', '▷', '◎', '#', '*', ' '];

/// A line this long that stops mid-sentence is the first line of a wrapped paragraph.
const MIN_WRAPPED_LINE_CHARS: usize = 40;

/// A wrapped paragraph is joined over at most this many lines.
const MAX_WRAPPED_LINES: usize = 60;

/// The index after the last line of the paragraph starting at `start`: lines that stop
/// mid-sentence continue on the next line (a hard-wrapped paragraph).
fn wrapped_end(lines: &[Line], start: usize) -> usize {
    let mut next = start + 1;
    while next < lines.len()
        && next - start < MAX_WRAPPED_LINES
        && !ends_sentence(&lines[next - 1].text)
        && !is_teaser(&lines[next - 1].text)
        && char_count(&lines[next - 1].text) >= MIN_WRAPPED_LINE_CHARS
        && matches!(lines[next].kind, Kind::Prose | Kind::Other)
    {
        next += 1;
    }
    next
}

/// The paragraph starting at `start`, wrapped lines joined by a space, and the index
/// after its last line.
fn join_wrapped(lines: &[Line], start: usize) -> (String, usize) {
    let end = wrapped_end(lines, start);
    let parts: Vec<&str> = lines[start..end].iter().map(|l| l.text.as_str()).collect();
    (parts.join(" "), end)
}

/// Labels of a tag line (`Tags: budget, city hall`, `태그 : 복지, 김천시`).
const TAG_LABELS: &[&str] = &[
    "tags",
    "tag",
    "keywords",
    "topics",
    "태그",
    "키워드",
    "관련태그",
];

/// The tags a tag line lists (`Tags: a, b`, `#김천 #복지`), if the line is one.
fn tags_of(line: &str) -> Option<Vec<String>> {
    // A tag line is short; a tag is a few words.
    const MAX_TAG_LINE_CHARS: usize = 200;
    const MAX_TAG_CHARS: usize = 40;
    if char_count(line) > MAX_TAG_LINE_CHARS {
        return None;
    }
    let lower = line.to_lowercase();
    let list = if let Some(label) = TAG_LABELS.iter().find(|l| {
        lower.starts_with(*l) && lower[l.len()..].trim_start().starts_with([':', '：', '#'])
    }) {
        line[label.len()..]
            .trim_start()
            .trim_start_matches([':', '：'])
            .to_string()
    } else if line.starts_with('#') && line.matches('#').count() >= 2 {
        line.to_string()
    } else {
        return None;
    };
    let tags: Vec<String> = list
        .split([',', '#', '·', '|', '，', '、'])
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty() && char_count(t) <= MAX_TAG_CHARS)
        .collect();
    (!tags.is_empty()).then_some(tags)
}

/// Adds one paragraph, with a wire byline split off its start and a glued byline off
/// its end. Returns true when a trailing byline ended the article.
fn push_paragraph(body: &mut Body, text: &str) -> bool {
    let mut text = text;
    if body.paragraphs.is_empty()
        && let Some((lead, rest)) = byline::split_leading_byline(text)
    {
        body.leading_byline = Some(lead);
        text = rest;
    }
    let (prose, trailing) = byline::strip_trailing_byline(text);
    if !prose.trim().is_empty() {
        body.paragraphs.push(escape_markdown(prose.trim()));
    }
    match trailing {
        Some(b) => {
            body.trailing_byline.get_or_insert(b);
            true
        }
        None => false,
    }
}

fn next_is_prose(lines: &[Line], from: usize) -> bool {
    lines[from.min(lines.len())..]
        .iter()
        .find(|l| l.kind != Kind::Blank)
        .is_some_and(|l| l.kind == Kind::Prose)
}

/// Skips an auto-summary box (its heading, summary sentences, note and `닫기`): up to
/// the last line that closes it (the long note or a furniture line) before the article's
/// prose resumes, within [`SUMMARY_BOX_LINES`]; returns the index to continue from.
fn skip_summary_box(lines: &[Line], from: usize) -> usize {
    // A summary heading (`본문 요약봇`) is short; the note that closes a box is a sentence.
    const MAX_SUMMARY_HEADING_CHARS: usize = 20;
    let mut seen = 0usize;
    let mut resume = from;
    let mut closed = false;
    for (offset, line) in lines[from.min(lines.len())..].iter().enumerate() {
        if line.kind == Kind::Blank {
            continue;
        }
        seen += 1;
        if seen > SUMMARY_BOX_LINES {
            break;
        }
        let closes = match line.kind {
            Kind::Furniture(Boilerplate::Summary) => {
                char_count(&line.text) > MAX_SUMMARY_HEADING_CHARS
            }
            Kind::Furniture(Boilerplate::Furniture | Boilerplate::Notice) => true,
            _ => false,
        };
        if closes {
            resume = from + offset + 1;
            closed = true;
        } else if closed && line.kind == Kind::Prose {
            break;
        }
    }
    resume
}

/// Escapes the characters CommonMark would read as markup, so the text comes back
/// unchanged as plain text.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        let next = text[i + c.len_utf8()..].chars().next();
        let needs = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => true,
            '#' | '+' | '-' | '=' => i == 0,
            '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
            '!' => next == Some('['),
            // `1. ` / `1) ` at the start would make a list.
            '.' | ')' => i > 0 && text[..i].bytes().all(|d| d.is_ascii_digit()),
            _ => false,
        };
        if needs {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::markdown_to_text;

    #[test]
    fn escaping_round_trips_as_plain_text() {
        for text in [
            "1. 첫째 *별표* _밑줄_ [링크] <태그> # 샵",
            "- 대시로 시작",
            "AT&T and &amp; stay",
            "2024.06.21 기준",
        ] {
            assert_eq!(markdown_to_text(&escape_markdown(text)), text, "{text}");
        }
    }

    #[test]
    fn lists_after_a_colon_and_photo_slots_stay_in_the_text() {
        let page = "Council sets out winter plan\nBy Ann Lee\nThe council published its winter plan on Monday after a long consultation.\nImage\nIt sets out three priorities:\nGritting main roads first\nExtra beds for rough sleepers\nThe plan will be reviewed in March, officials said.\n";
        let article = extract_text(page).unwrap();
        let text = crate::article::markdown_to_text(&article.body);
        assert_eq!(
            text,
            "The council published its winter plan on Monday after a long consultation.\n\nIt sets out three priorities:\n\nGritting main roads first\n\nExtra beds for rough sleepers\n\nThe plan will be reviewed in March, officials said."
        );
        assert!(article.body.contains("\n\n- Gritting main roads first"));
    }

    #[test]
    fn date_above_the_headline_is_the_articles() {
        let page = "2025년 5월 3일 토요일 로그인 회원가입 구독신청 전체기사\n홈 > 지역\n2024.06.21 10:30\n시, 하천 정비 사업 착수\n홍길동 기자\n시는 올해 하천 정비 사업을 시작해 내년까지 마무리한다고 21일 밝혔다.\n";
        let article = extract_text(page).unwrap();
        assert_eq!(article.title, "시, 하천 정비 사업 착수");
        assert_eq!(article.date.unwrap().to_string(), "2024-06-21T10:30:00");
        assert_eq!(article.captured.unwrap().to_string(), "2025-05-03");
        assert_eq!(article.section.as_deref(), Some("지역"));
    }

    #[test]
    fn korean_paragraphs_without_periods() {
        let page = "주민센터 리모델링 마치고 재개관\n입력 2024.05.02\n동 주민센터가 석 달간의 리모델링 공사를 마치고 2일 다시 문을 열었다\n민원실은 1층으로 옮겨 어르신과 장애인의 이용이 편해졌다\n";
        let article = extract_text(page).unwrap();
        assert_eq!(article.title, "주민센터 리모델링 마치고 재개관");
        assert_eq!(article.body.split("\n\n").count(), 2);
    }

    #[test]
    fn sentence_breaks() {
        assert!(has_sentence_break(
            "A worker in Flushing, Queens. The likely source was salt"
        ));
        assert!(has_sentence_break(
            "시가 사업을 추진했다. 이어 주민 설명회를 열었다"
        ));
        assert!(!has_sentence_break("U.S. Senate passes budget"));
        assert!(!has_sentence_break("Mr. Kim goes to Washington"));
        assert!(!has_sentence_break(
            "2024년 6월 21일 김천시 복지박람회 개막"
        ));
        assert!(!is_statement(
            "How Winter Wreaks Havoc on What’s Underneath N.Y.C."
        ));
        assert!(is_statement("The council met on Friday."));
    }

    #[test]
    fn menu_only_page_is_no_article() {
        let page =
            "홈 | 정치 | 경제 | 사회 | 문화\n로그인 회원가입\n많이 본 뉴스\n시장, 예산 발표..\n";
        assert!(matches!(
            extract_text(page),
            Err(ExtractError::NoArticle(_))
        ));
    }

    #[test]
    fn simple_korean_capture() {
        let page = "홈 > 사회\n\n시, 겨울철 제설 대책 마련\n\n홍길동 기자 hong@example.com\n입력 2024.12.01 10:30 | 수정 2024.12.02 09:00\n\n시는 올겨울 폭설에 대비해 제설 장비를 늘리고 비상 근무 체계를 갖춘다고 1일 밝혔다.\n시 관계자는 \"시민 안전을 최우선으로 하겠다\"고 말했다.\n\n저작권자 © 한빛일보 무단전재 및 재배포 금지\n";
        let article = extract_text(page).unwrap();
        assert_eq!(article.title, "시, 겨울철 제설 대책 마련");
        assert_eq!(article.section.as_deref(), Some("사회"));
        assert_eq!(article.author.as_deref(), Some("홍길동 기자"));
        assert_eq!(article.date.unwrap().to_string(), "2024-12-01T10:30:00");
        assert_eq!(article.source.as_deref(), Some("한빛일보"));
        assert_eq!(article.body.split("\n\n").count(), 2);
    }

    #[test]
    fn many_meta_and_blank_lines_stay_linear() {
        let page = "입력 2024.06.21\n\n\n".repeat(20_000);
        let started = std::time::Instant::now();
        assert!(extract_text(&page).is_err());
        // Generous for a busy machine; the quadratic version took minutes.
        assert!(started.elapsed().as_secs() < 60);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "(\\PC{0,40}\n){0,12}") {
            let _ = extract_text(&s);
        }
    }

    #[test]
    fn deep_and_huge_inputs_do_not_panic() {
        let page =
            "제목\n".repeat(10_000) + &"본문 문장이 여기에 길게 이어진다고 한다.\n".repeat(10_000);
        let _ = extract_text(&page);
        let _ = extract_text("\u{feff}\n\n\u{200b}");
    }
}
