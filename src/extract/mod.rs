//! Extraction: one saved page (bytes of HTML or a plain-text capture, any encoding)
//! becomes one [`Article`]: title, subtitle, date, author, section, tags, source and a
//! clean Markdown body.
//!
//! The stages, each in its own module:
//! - [`decode`]: bytes → text (BOM, declared charset, detection when none or wrong);
//! - [`prune`]: the text of scripts, styles and SVG pictures left out before parsing;
//! - [`metadata`]: HTML head and visible text → title, byline, dates, source, URL, lang;
//! - [`html`]: the DOM → the article's own content node(s), clutter dropped;
//! - [`markdown`]: the kept DOM → clean CommonMark;
//! - [`text`]: plain-text captures → the same fields by the shape of the lines;
//! - [`dates`], [`byline`], [`boilerplate`]: line-level readers shared by both paths,
//!   driven by the declarative tables in [`rules`].
//!
//! Extraction never reads site configuration: it knows pages, not sites.

pub mod boilerplate;
pub mod byline;
pub mod dates;
pub mod decode;
pub mod dom;
pub mod html;
pub mod markdown;
pub mod metadata;
pub mod prune;
pub mod rules;
pub mod text;

use std::path::Path;

use crate::article::Article;

/// What kind of saved page the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Html,
    Text,
}

impl PageKind {
    /// The kind for a file name by its extension (`.html`, `.htm`, `.xhtml`, `.txt`).
    pub fn from_path(path: &Path) -> Option<PageKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" | "xhtml" | "shtml" => Some(PageKind::Html),
            "txt" | "text" => Some(PageKind::Text),
            _ => None,
        }
    }
}

/// Why a page gave no article. Each names the reason in words a user can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is binary, not a text or HTML page ({0})")]
    Binary(String),
    #[error("no article found: {0}")]
    NoArticle(String),
    #[error("the page is too large ({0} bytes; the limit is {1})")]
    TooLarge(usize, usize),
}

/// At most this many tags are kept from a page: real articles carry a handful, and a page
/// with thousands of keywords must not become thousands of tag pages.
pub const MAX_TAGS: usize = 30;

/// Pages above this size are refused rather than parsed (a saved article is far smaller).
pub const MAX_PAGE_BYTES: usize = 64 * 1024 * 1024;

/// Extracts one article from the bytes of a saved page.
///
/// `kind` says how to read it; `None` sniffs the bytes (markup → HTML, else text).
pub fn extract(bytes: &[u8], kind: Option<PageKind>) -> Result<Article, ExtractError> {
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(ExtractError::TooLarge(bytes.len(), MAX_PAGE_BYTES));
    }
    let decoded = decode::decode(bytes)?;
    if decoded.text.trim().is_empty() {
        return Err(ExtractError::Empty);
    }
    let kind = kind.unwrap_or_else(|| sniff_kind(&decoded.text));
    let mut article = match kind {
        PageKind::Html => html::extract_html(&decoded.text)?,
        PageKind::Text => text::extract_text(&decoded.text)?,
    };
    if article.title.trim().is_empty() {
        article.title = title_from_body(&article.body);
    }
    finish(&mut article);
    if article.body.trim().is_empty() {
        return Err(ExtractError::NoArticle(
            "the page has no article body (only navigation or boilerplate)".into(),
        ));
    }
    if article.title.trim().is_empty() {
        return Err(ExtractError::NoArticle("the page has no title".into()));
    }
    Ok(article)
}

/// A title for a page that gives none: its first heading or sentence, cut at a word
/// boundary near 80 characters.
fn title_from_body(body: &str) -> String {
    let text = crate::article::markdown_to_text(body);
    let first = text.split("\n\n").next().unwrap_or("").trim();
    let sentence_end = first
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '!' | '?' | '。') && i > 10)
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(first.len());
    let sentence = &first[..sentence_end];
    if sentence.chars().count() <= 80 {
        return sentence.trim().to_string();
    }
    let mut cut = String::new();
    for word in sentence.split_whitespace() {
        if cut.chars().count() + word.chars().count() > 80 {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    if cut.is_empty() {
        sentence.chars().take(80).collect()
    } else {
        format!("{cut}…")
    }
}

/// Guesses whether decoded text is HTML: it starts, after whitespace and comments, with a tag.
pub fn sniff_kind(text: &str) -> PageKind {
    let head: String = text.trim_start().chars().take(512).collect::<String>();
    let lower = head.to_ascii_lowercase();
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with("<?xml")
        || lower.starts_with("<!--")
        || lower.starts_with("<head")
        || lower.starts_with("<body")
        || lower.starts_with("<meta")
    {
        PageKind::Html
    } else {
        PageKind::Text
    }
}

/// Normalisation every article gets, whatever path it came by: trimmed single-line
/// fields, NFC text, a language guess from the script when the page declared none.
fn finish(article: &mut Article) {
    let clean = |s: &str| -> String {
        crate::slug::to_nfc(s)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    article.title = clean(&article.title);
    for field in [
        &mut article.subtitle,
        &mut article.author,
        &mut article.email,
        &mut article.section,
        &mut article.source,
        &mut article.source_url,
        &mut article.lang,
    ] {
        if let Some(value) = field.as_deref() {
            let value = clean(value);
            *field = if value.is_empty() { None } else { Some(value) };
        }
    }
    let mut tags: Vec<String> = Vec::new();
    for tag in article.tags.drain(..) {
        let tag = clean(&tag);
        if tags.len() == MAX_TAGS {
            break;
        }
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    article.tags = tags;
    if let std::borrow::Cow::Owned(composed) = crate::slug::to_nfc(&article.body) {
        article.body = composed;
    }
    if article.lang.is_none() {
        article.lang = guess_lang(&article.title, &article.body);
    }
}

/// A language guess from the script of the text: Hangul → `ko`, kana → `ja`, Han only →
/// `zh`, mostly Latin → `None` (a Latin script alone does not tell the language).
pub fn guess_lang(title: &str, body: &str) -> Option<String> {
    let mut hangul = 0usize;
    let mut kana = 0usize;
    let mut han = 0usize;
    let mut letters = 0usize;
    for c in title.chars().chain(body.chars().take(4000)) {
        if !c.is_alphabetic() {
            continue;
        }
        letters += 1;
        match c as u32 {
            0xAC00..=0xD7A3 | 0x1100..=0x11FF | 0x3130..=0x318F => hangul += 1,
            0x3040..=0x30FF => kana += 1,
            0x4E00..=0x9FFF => han += 1,
            _ => {}
        }
    }
    if letters == 0 {
        return None;
    }
    let share = |n: usize| n * 5 >= letters; // at least a fifth of the letters
    if share(hangul) {
        Some("ko".into())
    } else if share(kana) {
        Some("ja".into())
    } else if share(han) {
        Some("zh".into())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_from_extension() {
        assert_eq!(
            PageKind::from_path(Path::new("a/B.HTM")),
            Some(PageKind::Html)
        );
        assert_eq!(
            PageKind::from_path(Path::new("a.txt")),
            Some(PageKind::Text)
        );
        assert_eq!(PageKind::from_path(Path::new("a.pdf")), None);
    }

    #[test]
    fn sniffs_html() {
        assert_eq!(sniff_kind("  <!DOCTYPE html><p>x"), PageKind::Html);
        assert_eq!(sniff_kind("뉴스 > 행정\n제목"), PageKind::Text);
    }

    #[test]
    fn guesses_korean() {
        assert_eq!(guess_lang("김천시 복지", "본문입니다."), Some("ko".into()));
        assert_eq!(guess_lang("Council news", "The body."), None);
    }

    #[test]
    fn empty_and_blank_pages_are_errors() {
        assert_eq!(extract(b"", None), Err(ExtractError::Empty));
        assert_eq!(extract(b"  \n\n ", None), Err(ExtractError::Empty));
    }
}
