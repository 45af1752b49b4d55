//! Names and addresses of outputs: safe path segments for tags and sections, percent-encoding
//! of hrefs, and the base path / absolute URL of every output.
//!
//! Owns the mapping "site-relative output path → href / absolute URL"; it does not decide which
//! pages exist (that is `model`) nor what they contain (that is `render`).
//!
//! `segment` and `tag_key` delegate to `slug::segment` / `slug::tag_key` (one definition of a
//! safe segment and of a tag's identity for import and build); the wrappers keep the site's
//! call sites short.

use crate::config::Config;

/// A safe file and URL segment for a tag, section or slug: `slug::segment` (NFC, no
/// separators or reserved characters, no device names, bounded length, never empty).
pub fn segment(name: &str) -> String {
    crate::slug::segment(name)
}

/// The identity of a tag: `slug::tag_key` (NFC, lowercase, collapsed spaces), so
/// `Rust`/`rust` or composed/decomposed Hangul are one tag.
pub fn tag_key(name: &str) -> String {
    crate::slug::tag_key(name)
}

/// Percent-encodes one path segment (RFC 3986 unreserved characters stay as they are). The
/// result holds only `A-Z a-z 0-9 - . _ ~ %`, so it needs no escaping in HTML or XML.
pub fn encode_segment(segment: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let unreserved = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~');
    let bytes = segment.as_bytes();
    out.reserve(bytes.len());
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if unreserved(b) {
            continue;
        }
        // Runs of unreserved bytes are copied whole: a run is ASCII, so its ends are
        // character boundaries (`start` may sit inside a character only when the run is empty).
        if start < i {
            out.push_str(&segment[start..i]);
        }
        let encoded = [b'%', HEX[(b >> 4) as usize], HEX[(b & 15) as usize]];
        out.push_str(std::str::from_utf8(&encoded).unwrap_or_default());
        start = i + 1;
    }
    out.push_str(&segment[start..]);
}

/// Where the site lives: turns a site-relative path (`2024/06/21/slug/`, `atom.xml`) into
/// an href under the base path and into an absolute URL.
#[derive(Debug, Clone)]
pub struct Urls {
    /// `/` or `/archive/`.
    base_path: String,
    /// `https://host/archive/` when `base_url` names a host, else `None`.
    absolute_base: Option<String>,
}

impl Urls {
    pub fn new(config: &Config) -> Urls {
        let has_host = config.base_url.contains("://");
        let base_path = config.base_path();
        let absolute_base = has_host.then(|| {
            let with_slash = config.base_url_with_slash();
            // Keep scheme and host as written; encode the path the same way as hrefs.
            match with_slash
                .find("://")
                .and_then(|i| with_slash[i + 3..].find('/').map(|j| i + 3 + j))
            {
                Some(path_at) => format!("{}{}", &with_slash[..path_at], encode_path(&base_path)),
                None => with_slash,
            }
        });
        Urls {
            base_path: encode_path(&base_path),
            absolute_base,
        }
    }

    /// The base path, encoded, starting and ending with `/`.
    pub fn base(&self) -> &str {
        &self.base_path
    }

    /// The href of a site-relative path (UTF-8, not encoded): `/archive/tags/%EA%B9%80/`.
    pub fn href(&self, rel: &str) -> String {
        let mut out = String::with_capacity(self.base_path.len() + rel.len() * 3);
        out.push_str(&self.base_path);
        out.push_str(&encode_path(rel));
        out
    }

    /// The absolute URL of a site-relative path when the base URL names a host, else its href.
    pub fn absolute(&self, rel: &str) -> String {
        match &self.absolute_base {
            Some(base) => format!("{base}{}", encode_path(rel)),
            None => self.href(rel),
        }
    }

    /// Appends the absolute URL of `rel` (as [`Urls::absolute`]) to `out`, with the base
    /// escaped for XML (the encoded path needs no escaping).
    pub fn write_absolute_xml(&self, rel: &str, out: &mut String) {
        super::feeds::xml_escape(
            self.absolute_base.as_deref().unwrap_or(&self.base_path),
            out,
        );
        encode_path_into(rel, out);
    }

    /// True when absolute URLs (canonical, OpenGraph, feeds) can name a host.
    pub fn has_host(&self) -> bool {
        self.absolute_base.is_some()
    }
}

/// Percent-encodes every segment of a `/`-separated path, keeping the slashes.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    encode_path_into(path, &mut out);
    out
}

/// [`encode_path`], appended to `out`.
pub fn encode_path_into(path: &str, out: &mut String) {
    for (i, part) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        encode_segment(part, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_safe() {
        assert_eq!(segment("Rust Lang"), "rust-lang");
        assert_eq!(segment("IT·과학"), "it-과학");
        assert_eq!(segment("../etc/passwd"), "etc-passwd");
        assert_eq!(segment("C++"), "c");
        assert!(!segment("###").is_empty());
        assert!(segment(&"가".repeat(200)).len() <= crate::slug::MAX_SEGMENT_BYTES);
        // Decomposed Hangul becomes composed.
        assert_eq!(segment("\u{1100}\u{1161}"), "가");
    }

    #[test]
    fn tag_keys_fold_case_and_normalisation() {
        assert_eq!(tag_key("Rust"), tag_key("rust"));
        assert_eq!(tag_key("\u{1100}\u{1161}"), tag_key("가"));
    }

    #[test]
    fn hrefs_are_encoded_under_base() {
        let config = Config {
            base_url: "https://user.github.io/archive/".into(),
            ..Config::default()
        };
        let urls = Urls::new(&config);
        assert_eq!(urls.href("tags/김/"), "/archive/tags/%EA%B9%80/");
        assert_eq!(
            urls.absolute("atom.xml"),
            "https://user.github.io/archive/atom.xml"
        );
        let mut xml = String::new();
        urls.write_absolute_xml("tags/a&b 김/", &mut xml);
        assert_eq!(
            xml,
            "https://user.github.io/archive/tags/a%26b%20%EA%B9%80/"
        );
        assert_eq!(encode_path("a~b/c.d_e-f/%"), "a~b/c.d_e-f/%25");
        let urls = Urls::new(&Config::default());
        assert_eq!(urls.href(""), "/");
        assert!(!urls.has_host());
    }
}
