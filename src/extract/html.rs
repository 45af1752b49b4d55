//! HTML pages → `Article`: parses the DOM, asks `metadata` for the fields, finds the
//! article's own content by scoring the DOM, and hands it to `markdown`.

use scraper::{Html, Selector};

use super::{ExtractError, markdown, metadata};
use crate::article::Article;

/// Extracts an article from decoded HTML.
pub fn extract_html(source: &str) -> Result<Article, ExtractError> {
    let doc = Html::parse_document(source);
    let meta = metadata::extract_metadata(&doc);
    let base_url = meta
        .source_url
        .as_deref()
        .and_then(|u| url::Url::parse(u).ok());
    let body = extract_body(&doc, base_url.as_ref());
    Ok(Article {
        title: meta.title.unwrap_or_default(),
        subtitle: meta.subtitle,
        date: meta.date,
        author: meta.author,
        email: meta.email,
        section: meta.section,
        tags: meta.tags,
        source: meta.source,
        source_url: meta.source_url,
        captured: meta.captured,
        lang: meta.lang,
        body,
        ..Article::default()
    })
}

/// Finds the main content and returns it as Markdown (STUB: `<article>` or `<body>`).
pub fn extract_body(doc: &Html, base_url: Option<&url::Url>) -> String {
    for css in ["article", "main", "body"] {
        let selector = Selector::parse(css).expect("valid selector");
        if let Some(node) = doc.select(&selector).next() {
            return markdown::to_markdown(node, base_url);
        }
    }
    String::new()
}
