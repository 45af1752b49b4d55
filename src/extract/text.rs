//! Plain-text captures (`.txt`) → `Article`, by the shape of the lines: a headline
//! before the byline, prose paragraphs, short menu lines, lists of headlines.

use super::ExtractError;
use crate::article::Article;

/// Extracts an article from a plain-text capture (STUB: first line title, rest body).
pub fn extract_text(source: &str) -> Result<Article, ExtractError> {
    let mut lines = source.lines().map(str::trim).filter(|l| !l.is_empty());
    let title = lines
        .next()
        .ok_or_else(|| ExtractError::NoArticle("no text".into()))?;
    let body = lines.collect::<Vec<_>>().join("\n\n");
    Ok(Article {
        title: title.to_string(),
        body,
        ..Article::default()
    })
}
