//! `Article`: the one type that crosses from extraction and import to the site build,
//! and its file form, a Markdown document with YAML front matter.
//!
//! The Markdown files in `content/` are the archive of record: people read, edit and
//! version them. So this module promises two things:
//! - any valid YAML front matter a person writes loads (unknown keys are kept, not lost);
//! - what the program writes loads back to the same values, whatever the strings hold
//!   (quotes, colons, `#`, leading dashes, YAML keywords, newlines, zero-width characters).
//!
//! It does not know where files live (that is `import` and `site::load`) nor how a page
//! became an article (that is `extract`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::date::Timestamp;

/// An extracted or hand-written article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Article {
    /// The headline, without the site's name.
    #[serde(deserialize_with = "lenient::string")]
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "lenient::optional_string")]
    pub subtitle: Option<String>,
    /// The publication date (not the date the page was saved).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "lenient::optional_string")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "lenient::optional_string")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "lenient::optional_string")]
    pub section: Option<String>,
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "lenient::string_list"
    )]
    pub tags: Vec<String>,
    /// The publisher's name, e.g. `김천신문`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "lenient::optional_string")]
    pub source: Option<String>,
    /// The canonical URL of the original page.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "lenient::optional_string")]
    pub source_url: Option<String>,
    /// When the page was saved, where the page shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub captured: Option<Timestamp>,
    /// The BCP 47 language of the article (`ko`, `en`), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "lenient::optional_string")]
    pub lang: Option<String>,
    /// The pinned permalink slug. Once written it never changes when the title does.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "lenient::optional_string")]
    pub slug: Option<String>,
    /// Keys a person added that the program does not know. Kept and written back.
    #[serde(flatten, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, serde_yaml_ng::Value>,
    /// The body as CommonMark. Not part of the front matter.
    #[serde(skip)]
    pub body: String,
}

/// People write front matter by hand: a title that is a number (`title: 1984`), a single
/// tag without brackets (`tags: 복지`), or an empty value must load, not fail.
mod lenient {
    use serde::{Deserialize, Deserializer};
    use serde_yaml_ng::Value;

    fn scalar(value: Value) -> Option<String> {
        match value {
            Value::String(s) => Some(s),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Tagged(tagged) => scalar(tagged.value),
            _ => None,
        }
    }

    pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        Ok(optional_string(d)?.unwrap_or_default())
    }

    pub fn optional_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        match Value::deserialize(d)? {
            Value::Null => Ok(None),
            value => scalar(value)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom("expected a text value")),
        }
    }

    pub fn string_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        match Value::deserialize(d)? {
            Value::Null => Ok(Vec::new()),
            Value::Sequence(items) => items
                .into_iter()
                .filter(|v| !v.is_null())
                .map(|v| {
                    scalar(v).ok_or_else(|| serde::de::Error::custom("expected a list of words"))
                })
                .collect(),
            value => scalar(value)
                .map(|s| vec![s])
                .ok_or_else(|| serde::de::Error::custom("expected a list of words")),
        }
    }
}

/// Why a Markdown file could not be read as an article.
#[derive(Debug, thiserror::Error)]
pub enum FrontMatterError {
    #[error("no front matter: the file must start with a line `---`")]
    Missing,
    #[error("the front matter is not closed: no second line `---`")]
    Unclosed,
    #[error("front matter, line {line}: {message}")]
    Yaml { line: usize, message: String },
    #[error("front matter has no `title`")]
    NoTitle,
}

impl FrontMatterError {
    /// The 1-based line of the whole file where the problem is, when known.
    pub fn line(&self) -> Option<usize> {
        match self {
            FrontMatterError::Yaml { line, .. } => Some(*line),
            FrontMatterError::Missing => Some(1),
            _ => None,
        }
    }
}

impl Article {
    /// Reads a Markdown document with YAML front matter.
    pub fn from_markdown(source: &str) -> Result<Article, FrontMatterError> {
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        let (yaml, body) = split_front_matter(source)?;
        let mut article: Article = if yaml.trim().is_empty() {
            Article::default()
        } else {
            serde_yaml_ng::from_str(yaml).map_err(|error| FrontMatterError::Yaml {
                // +1 for the opening `---` line.
                line: error.location().map(|l| l.line() + 1).unwrap_or(1),
                message: error.to_string(),
            })?
        };
        if article.title.trim().is_empty() {
            return Err(FrontMatterError::NoTitle);
        }
        // The blank line after the front matter and trailing newlines are layout, not body.
        article.body = body.trim_start_matches(['\r', '\n']).trim_end().to_string();
        Ok(article)
    }

    /// Writes the article as a Markdown document: front matter, a blank line, the body.
    ///
    /// The front matter is written by hand rather than by a YAML serialiser: keys in a
    /// fixed order, each string plain when it is unambiguous and double-quoted with
    /// escapes otherwise, so any string loads back unchanged and files diff cleanly.
    pub fn to_markdown(&self) -> String {
        let mut out = String::with_capacity(self.body.len() + 512);
        out.push_str("---\n");
        push_field(&mut out, "title", &self.title);
        let optional = [
            ("subtitle", self.subtitle.as_deref()),
            ("date", None),
            ("author", self.author.as_deref()),
            ("email", self.email.as_deref()),
            ("section", self.section.as_deref()),
        ];
        for (key, value) in optional {
            if key == "date" {
                if let Some(date) = self.date {
                    let _ = writeln!(out, "date: {date}");
                }
            } else if let Some(value) = value {
                push_field(&mut out, key, value);
            }
        }
        if !self.tags.is_empty() {
            out.push_str("tags:\n");
            for tag in &self.tags {
                out.push_str("  - ");
                out.push_str(&yaml_string(tag));
                out.push('\n');
            }
        }
        for (key, value) in [
            ("source", self.source.as_deref()),
            ("source_url", self.source_url.as_deref()),
        ] {
            if let Some(value) = value {
                push_field(&mut out, key, value);
            }
        }
        if let Some(captured) = self.captured {
            let _ = writeln!(out, "captured: {captured}");
        }
        for (key, value) in [
            ("lang", self.lang.as_deref()),
            ("slug", self.slug.as_deref()),
        ] {
            if let Some(value) = value {
                push_field(&mut out, key, value);
            }
        }
        for (key, value) in &self.extra {
            let mut one = serde_yaml_ng::Mapping::new();
            one.insert(serde_yaml_ng::Value::String(key.clone()), value.clone());
            if let Ok(yaml) = serde_yaml_ng::to_string(&one) {
                out.push_str(&yaml);
                if !yaml.ends_with('\n') {
                    out.push('\n');
                }
            }
        }
        out.push_str("---\n\n");
        let body = self.body.trim_matches('\n');
        if !body.is_empty() {
            out.push_str(body);
            out.push('\n');
        }
        out
    }

    /// The body as plain text: block elements separated by blank lines, no markup.
    pub fn plain_text(&self) -> String {
        markdown_to_text(&self.body)
    }
}

fn push_field(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(": ");
    out.push_str(&yaml_string(value));
    out.push('\n');
}

/// A YAML scalar that loads back as exactly `value`, as a string.
///
/// Plain (unquoted) only when nothing in it could be read otherwise: no indicator at the
/// start, no `: ` or ` #`, no edge spaces, no line breaks or invisible characters, and
/// not a word YAML reads as a boolean, null or number. Everything else is double-quoted,
/// with escapes for quotes, backslashes, control, format and line-separator characters.
pub fn yaml_string(value: &str) -> String {
    if is_plain_safe(value) {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => {
                let code = c as u32;
                if code <= 0xFF {
                    let _ = write!(out, "\\x{code:02X}");
                } else if code <= 0xFFFF {
                    let _ = write!(out, "\\u{code:04X}");
                } else {
                    let _ = write!(out, "\\U{code:08X}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters written as escapes inside double quotes: controls, and the invisible or
/// line-breaking ones a reader of the file could not see or a YAML reader might fold.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{85}'
                | '\u{a0}'
                | '\u{ad}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{feff}'
                | '\u{fffe}'
                | '\u{ffff}'
        )
        || ('\u{200b}'..='\u{200f}').contains(&c)
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2060}'..='\u{206f}').contains(&c)
}

fn is_plain_safe(value: &str) -> bool {
    const KEYWORDS: [&str; 22] = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "nan", ".nan", ".inf",
        "-.inf", "+.inf", "inf", "=", "<<", "-", "---", "...", "?",
    ];
    let Some(first) = value.chars().next() else {
        return false;
    };
    let last = value.chars().last().unwrap_or(first);
    if first.is_whitespace() || last.is_whitespace() || last == ':' {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if value.contains(": ") || value.contains(" #") || value.chars().any(needs_escape) {
        return false;
    }
    if KEYWORDS.contains(&value.to_ascii_lowercase().as_str()) {
        return false;
    }
    // Anything that starts like a number or a date could be read as one.
    if first.is_ascii_digit() || first == '.' || first == '+' {
        return false;
    }
    true
}

/// Splits `---\n<yaml>\n---\n<body>`. Accepts CRLF line ends.
fn split_front_matter(source: &str) -> Result<(&str, &str), FrontMatterError> {
    let first_end = source.find('\n').unwrap_or(source.len());
    if source[..first_end].trim_end() != "---" {
        return Err(FrontMatterError::Missing);
    }
    let yaml_start = (first_end + 1).min(source.len());
    let mut offset = yaml_start;
    for line in source[yaml_start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let body = &source[offset + line.len()..];
            return Ok((&source[yaml_start..offset], body));
        }
        offset += line.len();
    }
    Err(FrontMatterError::Unclosed)
}

/// Renders CommonMark to plain text, one block per paragraph, blocks separated by a blank line.
///
/// Images are left out, alt text and all: a description stands in for its picture where
/// the picture is shown, and in plain text (reading time, excerpts, the text an extraction
/// is scored on) it would read as a paragraph of the article.
pub fn markdown_to_text(markdown: &str) -> String {
    text_of(markdown, false)
}

/// Plain text as [`markdown_to_text`], with each image's alt text in place of the image:
/// how much a page holds, where a described picture counts as content.
pub fn markdown_to_text_with_alt(markdown: &str) -> String {
    text_of(markdown, true)
}

fn text_of(markdown: &str, with_alt: bool) -> String {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut blocks: Vec<String> = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, blocks: &mut Vec<String>| {
        let block = current.trim();
        if !block.is_empty() {
            blocks.push(block.to_string());
        }
        current.clear();
    };
    let mut image_depth = 0usize;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Image { .. }) => image_depth += 1,
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            Event::Text(_) | Event::Code(_) if image_depth > 0 && !with_alt => {}
            Event::Text(text) | Event::Code(text) => current.push_str(&text),
            Event::SoftBreak => current.push(' '),
            Event::HardBreak => current.push('\n'),
            Event::Start(Tag::Item) => {
                flush(&mut current, &mut blocks);
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableRow
                | TagEnd::TableHead,
            ) => flush(&mut current, &mut blocks),
            Event::End(TagEnd::TableCell) => current.push('\t'),
            _ => {}
        }
    }
    flush(&mut current, &mut blocks);
    let mut out = String::new();
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        let _ = write!(out, "{block}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn sample() -> Article {
        Article {
            title: "김천시지역사회보장협의체 우수사례 공유".into(),
            subtitle: Some("기장군지역사회보장협의체 벤치마킹을 위해 김천 방문".into()),
            date: Some(Timestamp::day(
                NaiveDate::from_ymd_opt(2024, 6, 21).unwrap(),
            )),
            author: Some("김천신문 기자".into()),
            email: Some("kimcheon@hanmail.net".into()),
            section: Some("행정".into()),
            tags: vec!["복지".into(), "김천시".into()],
            source: Some("김천신문".into()),
            captured: Timestamp::parse_iso("2025-05-03T23:43:04"),
            body: "첫 문단.\n\n둘째 문단.".into(),
            ..Article::default()
        }
    }

    #[test]
    fn round_trips() {
        let article = sample();
        let text = article.to_markdown();
        assert!(text.starts_with("---\ntitle: "));
        assert_eq!(Article::from_markdown(&text).unwrap(), article);
    }

    #[test]
    fn awkward_strings_round_trip() {
        for title in [
            "\"Quoted\": a title # with hash",
            "- leading dash",
            "yes",
            "null",
            "~",
            "&anchor *alias !tag",
            "line one\nline two",
            "---",
            "zero\u{200b}width and \u{202e}rtl",
            "emoji 📰",
            "  padded  ",
            "2024-06-21",
            "123",
        ] {
            let article = Article {
                title: title.into(),
                tags: vec![title.into()],
                ..Article::default()
            };
            let back = Article::from_markdown(&article.to_markdown()).unwrap();
            assert_eq!(back.title, title);
            assert_eq!(back.tags, vec![title.to_string()]);
        }
    }

    #[test]
    fn reads_hand_written_yaml_and_keeps_unknown_keys() {
        let text = "---\r\ntitle: 'It''s here'\r\ndate: 2024-06-21T10:30:00+09:00\r\ntags: [a, b]\r\ndraft: true\r\n---\r\nBody\r\n";
        let article = Article::from_markdown(text).unwrap();
        assert_eq!(article.title, "It's here");
        assert_eq!(article.tags, vec!["a", "b"]);
        assert_eq!(article.date.unwrap().ymd(), "2024-06-21");
        assert!(article.extra.contains_key("draft"));
        assert!(article.to_markdown().contains("draft: true"));
    }

    #[test]
    fn lenient_values_load() {
        let article =
            Article::from_markdown("---\ntitle: 1984\ntags: 복지\nauthor:\n---\nx").unwrap();
        assert_eq!(article.title, "1984");
        assert_eq!(article.tags, vec!["복지"]);
        assert_eq!(article.author, None);
    }

    #[test]
    fn reports_errors_with_line() {
        assert!(matches!(
            Article::from_markdown("no front matter"),
            Err(FrontMatterError::Missing)
        ));
        assert!(matches!(
            Article::from_markdown("---\ntitle: x\n"),
            Err(FrontMatterError::Unclosed)
        ));
        let error = Article::from_markdown("---\ntitle: x\ndate: 2024-02-30\n---\n").unwrap_err();
        assert!(error.to_string().contains("2024-02-30"), "{error}");
        let error = Article::from_markdown("---\ntitle: [unclosed\n---\n").unwrap_err();
        assert!(error.line().is_some());
    }

    #[test]
    fn plain_text_leaves_out_images() {
        let markdown = "Before.\n\n![A bin of whale bones.](https://example.com/a.jpg)\n\nAfter.";
        assert_eq!(markdown_to_text(markdown), "Before.\n\nAfter.");
        assert_eq!(
            markdown_to_text_with_alt(markdown),
            "Before.\n\nA bin of whale bones.\n\nAfter."
        );
    }

    #[test]
    fn plain_text_separates_blocks() {
        let text = markdown_to_text("# Head\n\nOne *two*\nthree.\n\n- a\n- b\n");
        assert_eq!(text, "Head\n\nOne two three.\n\na\n\nb");
    }
}
