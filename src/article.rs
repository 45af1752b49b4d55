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
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// The publication date (not the date the page was saved).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The publisher's name, e.g. `김천신문`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The canonical URL of the original page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// When the page was saved, where the page shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub captured: Option<Timestamp>,
    /// The BCP 47 language of the article (`ko`, `en`), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The pinned permalink slug. Once written it never changes when the title does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// Keys a person added that the program does not know. Kept and written back.
    #[serde(flatten, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, serde_yaml_ng::Value>,
    /// The body as CommonMark. Not part of the front matter.
    #[serde(skip)]
    pub body: String,
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
    pub fn to_markdown(&self) -> String {
        let yaml = serde_yaml_ng::to_string(self).expect("an Article always serialises to YAML");
        let mut out = String::with_capacity(yaml.len() + self.body.len() + 16);
        out.push_str("---\n");
        out.push_str(&yaml);
        if !yaml.ends_with('\n') {
            out.push('\n');
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
pub fn markdown_to_text(markdown: &str) -> String {
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
    for event in Parser::new(markdown) {
        match event {
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
    fn plain_text_separates_blocks() {
        let text = markdown_to_text("# Head\n\nOne *two*\nthree.\n\n- a\n- b\n");
        assert_eq!(text, "Head\n\nOne two three.\n\na\n\nb");
    }
}
