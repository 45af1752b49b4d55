//! HTML → metadata, from every source a page offers, in a documented order of trust
//! (JSON-LD, OpenGraph/Twitter, article:* meta, Dublin Core, itemprop, `<time>`,
//! canonical link, `<html lang>`, then the visible text).

use scraper::{Html, Selector};

use crate::date::Timestamp;

/// What the page says about its article, before the body is chosen.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub author: Option<String>,
    pub email: Option<String>,
    pub date: Option<Timestamp>,
    pub captured: Option<Timestamp>,
    pub section: Option<String>,
    pub tags: Vec<String>,
    pub source: Option<String>,
    pub source_url: Option<String>,
    pub lang: Option<String>,
}

/// Reads the metadata of a parsed page (STUB: `<title>` only; to be replaced).
pub fn extract_metadata(doc: &Html) -> Metadata {
    let selector = Selector::parse("title").expect("valid selector");
    let title = doc
        .select(&selector)
        .next()
        .map(|t| t.text().collect::<String>().trim().to_string())
        .filter(|t| !t.is_empty());
    Metadata {
        title,
        ..Metadata::default()
    }
}
