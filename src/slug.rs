//! Slugs: the last part of an article's permalink and the file names of tags and
//! sections. Owns readable Hangul slugs, Revised Romanization (`slug = "romanize"`),
//! and the rules that keep every path segment safe on every file system and in URLs.

use serde::{Deserialize, Serialize};

/// How titles become slugs (`slug` in `clippings.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SlugStyle {
    /// Keep Hangul and other letters, lowercase Latin, join words with `-`.
    #[default]
    Keep,
    /// Revised Romanization of Korean, ASCII only.
    Romanize,
}

/// Turns a title into a slug segment (STUB: letters and digits joined by `-`).
pub fn slugify(title: &str, _style: SlugStyle) -> String {
    let mut out = String::new();
    for word in title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_lowercase());
    }
    out
}
