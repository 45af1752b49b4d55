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

use std::io::Write as _;

use super::render::Renderer;

/// The names of a record's fields, in order.
const FIELDS: [&str; 7] = ["title", "path", "date", "tags", "section", "text", "lang"];

/// The index as JSON: `{"version":2,"base":…,"fields":[…],"docs":[[…],…]}`. Written record
/// by record into one buffer (it is rebuilt whenever any article changes, so it is made
/// without an intermediate copy of every record).
pub fn index(r: &Renderer) -> Vec<u8> {
    let site = r.site;
    let mut out: Vec<u8> = Vec::with_capacity(site.entries.len() * 720 + 256);
    let json = |out: &mut Vec<u8>, text: &str| {
        // Writing a string into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, text);
    };
    out.extend_from_slice(b"{\"version\":2,\"base\":");
    json(&mut out, r.urls.base());
    out.extend_from_slice(b",\"fields\":[");
    for (n, field) in FIELDS.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        json(&mut out, field);
    }
    out.extend_from_slice(b"],\"docs\":[");
    let mut tags = String::new();
    for (i, entry) in site.entries.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.push(b'[');
        json(&mut out, &entry.title);
        out.push(b',');
        json(&mut out, &site.permalinks[i]);
        out.push(b',');
        match &entry.date {
            Some(d) => {
                let _ = write!(out, "\"{}\"", d.ymd());
            }
            None => out.extend_from_slice(b"\"\""),
        }
        out.push(b',');
        tags.clear();
        for (n, tag) in entry.tags.iter().enumerate() {
            if n > 0 {
                tags.push_str(", ");
            }
            tags.push_str(tag);
        }
        json(&mut out, &tags);
        out.push(b',');
        json(&mut out, entry.section.as_deref().unwrap_or(""));
        out.push(b',');
        json(&mut out, &entry.excerpt);
        out.push(b',');
        json(&mut out, &site.lang(i, r.config));
        out.push(b']');
    }
    out.extend_from_slice(b"]}");
    out
}
