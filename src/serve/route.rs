//! Request target → what to answer, without touching the disk.
//!
//! Owns the rules that keep the preview inside its output folder: the path is split on `/`,
//! each segment percent-decoded on its own, and any segment that could climb or name another
//! root (`.`, `..`, an encoded `/`, a backslash, NUL, a drive prefix) makes the request a bad
//! one. Also strips the site's base path (`/archive/`) and recognises the live-reload
//! endpoint. Whether a file exists is `respond`'s question.

use std::path::{Component, Path};

use super::reload::RELOAD_PATH;

/// What a request asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The live-reload long-poll; `since` is the build generation the page was served at.
    Reload { since: Option<u64> },
    /// Go to this (encoded) location instead: `/` and `/archive` lead to `/archive/`.
    Redirect(String),
    /// A path inside the output folder: decoded segments below the base path, and whether
    /// the URL ended with `/` (a folder's `index.html`).
    Output {
        segments: Vec<String>,
        trailing_slash: bool,
    },
    /// Outside the base path: the site's 404 page.
    NotFound,
    /// A malformed or hostile path (traversal, bad escapes): answered 400.
    BadRequest,
}

/// Routes a request target (`/archive/2024/?q=x`, as sent) for a site whose base path is
/// `base_path` (decoded, starting and ending with `/`, as `Config::base_path` gives it).
pub fn route(target: &str, base_path: &str) -> Route {
    let Some(target) = origin_form(target) else {
        return Route::BadRequest;
    };
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (target, None),
    };
    let path = path.split('#').next().unwrap_or(path);
    if path == RELOAD_PATH {
        let since = query
            .into_iter()
            .flat_map(|q| q.split('&'))
            .find_map(|pair| pair.strip_prefix("since="))
            .and_then(|n| n.parse().ok());
        return Route::Reload { since };
    }
    let Some(segments) = decode_segments(path) else {
        return Route::BadRequest;
    };
    let trailing_slash = path.ends_with('/');
    let base: Vec<&str> = base_path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.is_empty() && !base.is_empty() {
        return Route::Redirect(encoded_base(base_path));
    }
    if segments.len() < base.len() || segments.iter().zip(&base).any(|(s, b)| s != b) {
        return Route::NotFound;
    }
    if segments.len() == base.len() && !trailing_slash && !base.is_empty() {
        return Route::Redirect(encoded_base(base_path));
    }
    Route::Output {
        segments: segments[base.len()..].to_vec(),
        trailing_slash: trailing_slash || segments.len() == base.len(),
    }
}

/// The href of a folder below the base path, with its trailing slash:
/// `/archive/tags/%EA%B9%80/`.
pub fn folder_href(base_path: &str, segments: &[String]) -> String {
    let mut href = encoded_base(base_path);
    for segment in segments {
        crate::site::paths::encode_segment(segment, &mut href);
        href.push('/');
    }
    href
}

fn encoded_base(base_path: &str) -> String {
    crate::site::paths::encode_path(base_path)
}

/// The path-and-query of a request target; an absolute-form target (`http://host/x`) loses
/// its scheme and host. Anything else (`*`, `host:port`) is not a page request.
fn origin_form(target: &str) -> Option<&str> {
    if target.starts_with('/') {
        return Some(target);
    }
    let rest = target
        .strip_prefix("http://")
        .or_else(|| target.strip_prefix("https://"))?;
    Some(rest.find('/').map_or("/", |i| &rest[i..]))
}

/// The decoded, non-empty segments of a URL path, or `None` when one is unsafe or malformed.
fn decode_segments(path: &str) -> Option<Vec<String>> {
    path.split('/')
        .filter(|raw| !raw.is_empty())
        .map(|raw| percent_decode(raw).filter(|s| is_safe_segment(s)))
        .collect()
}

/// A decoded segment that names exactly one entry inside a folder, on any platform.
fn is_safe_segment(segment: &str) -> bool {
    if segment.contains(['/', '\\', '\0']) || segment.chars().any(char::is_control) {
        return false;
    }
    let mut components = Path::new(segment).components();
    matches!(
        (components.next(), components.next()),
        (Some(Component::Normal(name)), None) if name == segment
    )
}

/// Percent-decodes one segment; `None` for a broken escape or bytes that are not UTF-8.
fn percent_decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let high = hex_value(*bytes.get(i + 1)?)?;
            let low = hex_value(*bytes.get(i + 2)?)?;
            out.push(high << 4 | low);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn hex_value(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        b'A'..=b'F' => Some(digit - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(segments: &[&str], trailing_slash: bool) -> Route {
        Route::Output {
            segments: segments.iter().map(|s| s.to_string()).collect(),
            trailing_slash,
        }
    }

    #[test]
    fn strips_the_base_path() {
        assert_eq!(
            route("/archive/style.css", "/archive/"),
            output(&["style.css"], false)
        );
        assert_eq!(
            route("/archive/2024/06/", "/archive/"),
            output(&["2024", "06"], true)
        );
        assert_eq!(route("/archive/", "/archive/"), output(&[], true));
        assert_eq!(
            route("/sub/dir/x/", "/sub/dir/"),
            output(&["x"], true),
            "a base path of two segments"
        );
    }

    #[test]
    fn a_root_base_path_serves_everything() {
        assert_eq!(route("/", "/"), output(&[], true));
        assert_eq!(route("/a/b.html", "/"), output(&["a", "b.html"], false));
    }

    #[test]
    fn the_root_and_the_bare_base_redirect_to_the_base() {
        assert_eq!(route("/", "/archive/"), Route::Redirect("/archive/".into()));
        assert_eq!(
            route("/archive", "/archive/"),
            Route::Redirect("/archive/".into())
        );
        assert_eq!(
            route("/", "/아카이브/"),
            Route::Redirect("/%EC%95%84%EC%B9%B4%EC%9D%B4%EB%B8%8C/".into()),
            "the location is encoded"
        );
    }

    #[test]
    fn paths_outside_the_base_are_not_found() {
        assert_eq!(route("/other/", "/archive/"), Route::NotFound);
        assert_eq!(route("/archived/", "/archive/"), Route::NotFound);
        assert_eq!(route("/style.css", "/archive/"), Route::NotFound);
    }

    #[test]
    fn segments_are_percent_decoded() {
        assert_eq!(
            route("/archive/tags/%EA%B9%80%EC%B2%9C%EC%8B%9C/", "/archive/"),
            output(&["tags", "김천시"], true)
        );
        assert_eq!(
            route("/%EC%95%84%EC%B9%B4%EC%9D%B4%EB%B8%8C/x", "/아카이브/"),
            output(&["x"], false),
            "an encoded base path matches its decoded form"
        );
        assert_eq!(route("/a%20b", "/"), output(&["a b"], false));
    }

    #[test]
    fn query_and_fragment_are_not_part_of_the_path() {
        assert_eq!(
            route("/archive/search/?q=%EA%B9%80", "/archive/"),
            output(&["search"], true)
        );
        assert_eq!(route("/a#top", "/"), output(&["a"], false));
    }

    #[test]
    fn traversal_is_rejected() {
        for target in [
            "/../Cargo.toml",
            "/archive/../../Cargo.toml",
            "/archive/%2e%2e/%2E%2E/Cargo.toml",
            "/archive/..%2f..%2fCargo.toml",
            "/archive/..%5c..%5cCargo.toml",
            "/archive/a\\..\\..\\b",
            "/archive/./x",
            "/archive/%2e/x",
            "/archive/x%00.html",
            "/archive/x%0a",
        ] {
            assert_eq!(route(target, "/archive/"), Route::BadRequest, "{target}");
        }
    }

    #[test]
    fn malformed_escapes_and_non_utf8_are_rejected() {
        for target in ["/a%", "/a%4", "/a%zz", "/%ff%fe"] {
            assert_eq!(route(target, "/"), Route::BadRequest, "{target}");
        }
    }

    #[test]
    fn odd_request_targets() {
        assert_eq!(route("*", "/"), Route::BadRequest);
        assert_eq!(route("example.org:443", "/"), Route::BadRequest);
        assert_eq!(
            route("http://127.0.0.1:1111/archive/x", "/archive/"),
            output(&["x"], false)
        );
        assert_eq!(route("//archive//x", "/archive/"), output(&["x"], false));
    }

    #[test]
    fn the_reload_endpoint_is_recognised_at_the_root() {
        assert_eq!(
            route("/__clippings/reload?since=7", "/archive/"),
            Route::Reload { since: Some(7) }
        );
        assert_eq!(
            route("/__clippings/reload", "/"),
            Route::Reload { since: None }
        );
        assert_eq!(
            route("/__clippings/reload?since=x", "/"),
            Route::Reload { since: None }
        );
    }

    #[test]
    fn folder_hrefs_are_encoded() {
        assert_eq!(
            folder_href("/archive/", &["tags".into(), "김".into()]),
            "/archive/tags/%EA%B9%80/"
        );
        assert_eq!(folder_href("/", &[]), "/");
    }
}
