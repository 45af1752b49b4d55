//! The search index, `/search/index.json`, read by `static/search.js`.
//!
//! One compact record per article: `[title, path, day, tags, section, excerpt, lang]`, where
//! `path` is the permalink relative to `base` in plain UTF-8 (the script encodes it: the
//! percent-encoded form of a Hangul path is three times longer). The script
//! matches Korean (and other unspaced scripts) as substrings of the lowercased text, so
//! `김천시` is found inside `김천시에서` (exactly what a bigram index approximates, without its
//! false positives), and other words by case-insensitive prefix. The text indexed is the
//! title, tags, section and the excerpt (the article's opening), which keeps the index at a
//! few hundred bytes per article.

use serde::Serialize;

use super::render::Renderer;

#[derive(Serialize)]
struct Index<'a> {
    version: u32,
    /// The base path every `path` is under (`/archive/`).
    base: &'a str,
    fields: [&'static str; 7],
    docs: Vec<[&'a str; 7]>,
}

pub fn index(r: &Renderer) -> String {
    let site = r.site;
    let days: Vec<String> = site
        .entries
        .iter()
        .map(|e| e.date.map(|d| d.ymd()).unwrap_or_default())
        .collect();
    let tags: Vec<String> = site.entries.iter().map(|e| e.tags.join(", ")).collect();
    let langs: Vec<String> = (0..site.entries.len())
        .map(|i| site.lang(i, r.config))
        .collect();
    let docs = site
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            [
                e.title.as_str(),
                site.permalinks[i].as_str(),
                days[i].as_str(),
                tags[i].as_str(),
                e.section.as_deref().unwrap_or(""),
                e.excerpt.as_str(),
                langs[i].as_str(),
            ]
        })
        .collect();
    let index = Index {
        version: 2,
        base: r.urls.base(),
        fields: ["title", "path", "date", "tags", "section", "text", "lang"],
        docs,
    };
    serde_json::to_string(&index).unwrap_or_default()
}
