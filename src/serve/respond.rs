//! Answering one HTTP request from the output folder.
//!
//! Owns what the server sends: files with their content type (and the live-reload script in
//! HTML), folder `index.html` files, redirects to a folder's slash, the site's own
//! `404.html` for missing pages, and the long-poll for live reload. Reads happen under the
//! output lock, so a page is never read halfway through a rebuild.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};

use tiny_http::{Header, Method, Request, Response};

use super::reload::{self, Generation};
use super::route::{self, Route};

/// At most this many reload long-polls wait at once; more get 503 and try again later.
const MAX_WAITING_PAGES: usize = 64;

/// What request handlers share with the rebuild loop.
#[derive(Debug)]
pub struct Shared {
    /// The folder the preview is built into and served from.
    pub out_dir: PathBuf,
    /// The site's base path, decoded (`/archive/`); follows `base_url` when it changes.
    pub base_path: RwLock<String>,
    /// Held for reading while a file is read, for writing while the site is rebuilt.
    pub output_lock: RwLock<()>,
    pub generation: Generation,
    /// Reload long-polls waiting now.
    waiting_pages: AtomicUsize,
}

impl Shared {
    pub fn new(out_dir: PathBuf, base_path: String) -> Shared {
        Shared {
            out_dir,
            base_path: RwLock::new(base_path),
            output_lock: RwLock::new(()),
            generation: Generation::default(),
            waiting_pages: AtomicUsize::new(0),
        }
    }

    pub fn base_path(&self) -> String {
        self.base_path
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// Where a path inside the output folder leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Located {
    /// A file to send.
    File(PathBuf),
    /// A folder asked for without its trailing slash.
    Folder,
    Missing,
}

/// Finds `segments` (already checked by `route`) inside `root`: a file, or a folder's
/// `index.html` when the URL ends with a slash. Never leaves `root`, even through a link.
pub fn locate(root: &Path, segments: &[String], trailing_slash: bool) -> Located {
    let mut path = root.to_path_buf();
    path.extend(segments);
    let file = if path.is_dir() {
        if !trailing_slash {
            return Located::Folder;
        }
        path.join("index.html")
    } else if trailing_slash {
        return Located::Missing;
    } else {
        path
    };
    let inside = match (file.canonicalize(), root.canonicalize()) {
        (Ok(file), Ok(root)) => file.starts_with(root) && file.is_file(),
        _ => false,
    };
    if inside {
        Located::File(file)
    } else {
        Located::Missing
    }
}

/// The `Content-Type` of a file, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml; charset=utf-8",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// The bytes to send for a file: HTML gets the live-reload script, the rest goes as it is.
pub fn body_for(path: &Path, bytes: Vec<u8>, generation: u64) -> Vec<u8> {
    if content_type(path).starts_with("text/html") {
        reload::inject(&bytes, &reload::script(generation))
    } else {
        bytes
    }
}

/// Answers one request. Reload long-polls move to a thread of their own, so they never hold
/// up page loads.
pub fn handle(request: Request, shared: &Arc<Shared>) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let response =
            text(405, "only GET and HEAD are served\n").with_header(header("Allow", "GET, HEAD"));
        let _ = request.respond(response);
        return;
    }
    let base_path = shared.base_path();
    let response = match route::route(request.url(), &base_path) {
        Route::Reload { since } => {
            wait_for_reload(request, since, shared);
            return;
        }
        Route::Redirect(location) => redirect(&location),
        Route::NotFound => not_found(shared),
        Route::BadRequest => text(400, "bad request path\n"),
        Route::Output {
            segments,
            trailing_slash,
        } => serve_output(shared, &base_path, &segments, trailing_slash),
    };
    let _ = request.respond(response);
}

fn serve_output(
    shared: &Shared,
    base_path: &str,
    segments: &[String],
    trailing_slash: bool,
) -> Response<std::io::Cursor<Vec<u8>>> {
    let _reading = shared.output_lock.read().unwrap_or_else(|e| e.into_inner());
    match locate(&shared.out_dir, segments, trailing_slash) {
        Located::File(path) => match std::fs::read(&path) {
            Ok(bytes) => {
                let body = body_for(&path, bytes, shared.generation.current());
                Response::from_data(body)
                    .with_header(header("Content-Type", content_type(&path)))
                    .with_header(header("Cache-Control", "no-store"))
            }
            Err(_) => not_found_locked(shared),
        },
        Located::Folder => redirect(&route::folder_href(base_path, segments)),
        Located::Missing => not_found_locked(shared),
    }
}

fn not_found(shared: &Shared) -> Response<std::io::Cursor<Vec<u8>>> {
    let _reading = shared.output_lock.read().unwrap_or_else(|e| e.into_inner());
    not_found_locked(shared)
}

/// The site's `404.html` with status 404 (plain text when the site has none yet).
fn not_found_locked(shared: &Shared) -> Response<std::io::Cursor<Vec<u8>>> {
    let page = shared.out_dir.join("404.html");
    match std::fs::read(&page) {
        Ok(bytes) => Response::from_data(body_for(&page, bytes, shared.generation.current()))
            .with_status_code(404)
            .with_header(header("Content-Type", content_type(&page)))
            .with_header(header("Cache-Control", "no-store")),
        Err(_) => text(404, "not found\n"),
    }
}

fn wait_for_reload(request: Request, since: Option<u64>, shared: &Arc<Shared>) {
    let Some(since) = since else {
        let _ = request.respond(text(200, &shared.generation.current().to_string()));
        return;
    };
    if shared.waiting_pages.fetch_add(1, Ordering::SeqCst) >= MAX_WAITING_PAGES {
        shared.waiting_pages.fetch_sub(1, Ordering::SeqCst);
        let _ = request.respond(text(503, "too many pages waiting\n"));
        return;
    }
    let shared = Arc::clone(shared);
    let spawned = std::thread::Builder::new()
        .name("reload-wait".into())
        .spawn(move || {
            let generation = shared.generation.wait_past(since, reload::LONG_POLL);
            shared.waiting_pages.fetch_sub(1, Ordering::SeqCst);
            let _ = request.respond(text(200, &generation.to_string()));
        });
    if spawned.is_err() {
        // The request went with the closure and was dropped, which answers 500.
        eprintln!("serve: could not start a thread for a reload request");
    }
}

fn redirect(location: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    text(302, &format!("see {location}\n"))
        .with_header(header("Location", location))
        .with_header(header("Cache-Control", "no-store"))
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_string(body)
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
        .with_header(header("Cache-Control", "no-store"))
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("ASCII header")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(parts: &[&str]) -> Vec<String> {
        parts.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn content_types_by_extension() {
        for (name, expected) in [
            ("index.html", "text/html; charset=utf-8"),
            ("style.css", "text/css; charset=utf-8"),
            ("search.js", "text/javascript; charset=utf-8"),
            ("search/index.json", "application/json"),
            ("atom.xml", "application/xml; charset=utf-8"),
            ("sitemap.XML", "application/xml; charset=utf-8"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("logo.svg", "image/svg+xml"),
            ("a.png", "image/png"),
            ("a.jpg", "image/jpeg"),
            ("a.jpeg", "image/jpeg"),
            ("a.webp", "image/webp"),
            ("font.woff2", "font/woff2"),
            ("CNAME", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(name)), expected, "{name}");
        }
    }

    #[test]
    fn only_html_gets_the_reload_script() {
        let html = b"<html><body>x</body></html>".to_vec();
        let served = String::from_utf8(body_for(Path::new("a/index.html"), html, 3)).unwrap();
        assert!(served.contains("const served = 3;"), "{served}");
        assert!(served.ends_with("</body></html>"));
        for name in ["search.js", "search/index.json", "atom.xml", "style.css"] {
            let bytes = b"</body> x".to_vec();
            assert_eq!(body_for(Path::new(name), bytes.clone(), 3), bytes, "{name}");
        }
    }

    #[test]
    fn files_folders_and_index_pages() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        std::fs::create_dir_all(root.join("2024/06/김")).unwrap();
        std::fs::write(root.join("index.html"), "home").unwrap();
        std::fs::write(root.join("2024/06/김/index.html"), "article").unwrap();
        std::fs::write(root.join("style.css"), "css").unwrap();
        std::fs::create_dir(root.join("empty")).unwrap();

        assert_eq!(
            locate(root, &[], true),
            Located::File(root.join("index.html"))
        );
        assert_eq!(
            locate(root, &segments(&["2024", "06", "김"]), true),
            Located::File(root.join("2024/06/김/index.html"))
        );
        assert_eq!(
            locate(root, &segments(&["2024", "06", "김"]), false),
            Located::Folder
        );
        assert_eq!(
            locate(root, &segments(&["style.css"]), false),
            Located::File(root.join("style.css"))
        );
        assert_eq!(
            locate(root, &segments(&["style.css"]), true),
            Located::Missing
        );
        assert_eq!(locate(root, &segments(&["empty"]), true), Located::Missing);
        assert_eq!(locate(root, &segments(&["nope"]), false), Located::Missing);
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_output_folder_are_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("out");
        std::fs::create_dir(&root).unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), root.join("up")).unwrap();
        assert_eq!(
            locate(&root, &segments(&["link.txt"]), false),
            Located::Missing
        );
        assert_eq!(
            locate(&root, &segments(&["up", "secret.txt"]), false),
            Located::Missing
        );
    }
}
