//! `clippings serve`: a local preview of a site, rebuilt when its files change and reloaded
//! in the browser.
//!
//! Owns everything that exists only while previewing: the HTTP server (`respond`, over the
//! disk-free request routing and path checks in `route`), live reload (`reload`: a build
//! generation counter that pages long-poll, and the script added to HTML responses, never
//! to built files), the file watcher (`watch`) and the rebuild step (`rebuild`: import and
//! the same incremental `site::build` as `clippings build`). It does not decide what a site
//! contains (`site`) or how saved pages become articles (`import`).
//!
//! The preview is built into `.clippings/serve/site/` in the site (so `public/`, the
//! published output, is never touched) with `base_url` pointing at the local server:
//! `https://user.github.io/archive/` is previewed at `http://127.0.0.1:1111/archive/`.

mod rebuild;
mod reload;
mod respond;
mod route;
mod watch;

use std::convert::Infallible;
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use crate::config::{Config, ConfigError};

use rebuild::{Rebuilder, Rebuilt};
use respond::Shared;
use watch::{Changes, SiteWatcher, Watched};

/// The preview's own folder inside a site; it ignores itself for git.
pub const SERVE_DIR: &str = ".clippings/serve";
/// The port `serve` listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 1111;
/// Threads answering page requests (reload long-polls get threads of their own).
const WORKERS: usize = 4;

/// What to serve and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site's folder (the one holding `clippings.toml`).
    pub site_dir: PathBuf,
    /// Where to build the preview; `None` for `.clippings/serve/site` in the site.
    pub out_dir: Option<PathBuf>,
    /// The address to listen on.
    pub bind: IpAddr,
    /// The port to listen on; 0 for any free one (the address is printed).
    pub port: u16,
}

/// Why the preview could not start (or stopped).
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("cannot listen on {addr}: {message}")]
    Listen { addr: SocketAddr, message: String },
    #[error("{path}: {message}")]
    Io { path: PathBuf, message: String },
    #[error("cannot watch the site for changes: {0}")]
    Watch(#[from] notify::Error),
    #[error("the file watcher stopped")]
    WatcherStopped,
}

/// Builds the site, serves it and rebuilds it on every change, until the process is stopped.
/// Prints `serving <site> at <url>` once the first build is done.
pub fn serve(options: &ServeOptions) -> Result<Infallible, ServeError> {
    let config = Config::load(&options.site_dir)?;
    let site_dir = options
        .site_dir
        .canonicalize()
        .map_err(|e| io_error(&options.site_dir, e))?;
    let out_dir = match &options.out_dir {
        Some(dir) => std::path::absolute(dir).map_err(|e| io_error(dir, e))?,
        None => default_out_dir(&site_dir)?,
    };
    let requested = SocketAddr::new(options.bind, options.port);
    let server = tiny_http::Server::http(requested).map_err(|e| ServeError::Listen {
        addr: requested,
        message: e.to_string(),
    })?;
    let origin = match server.server_addr().to_ip() {
        Some(addr) => format!("http://{}", reachable(addr)),
        None => format!("http://{}", reachable(requested)),
    };

    let shared = Arc::new(Shared::new(out_dir.clone(), config.base_path()));
    let mut rebuilder = Rebuilder::new(site_dir.clone(), out_dir.clone(), origin.clone(), config);
    // Watch before the first build, so edits made while it runs are not missed.
    let mut watcher = SiteWatcher::new(Watched::new(&site_dir, &out_dir, rebuilder.config()))?;
    let first = rebuilder.run(&Changes::start(), &shared.output_lock, &mut || {
        watcher.forget_import_writes()
    });
    if first != Rebuilt::Failed {
        shared.generation.bump();
    }
    *shared.base_path.write().unwrap_or_else(|e| e.into_inner()) = rebuilder.config().base_path();
    println!(
        "serving {} at {}",
        options.site_dir.display(),
        page_url(&origin, &shared.base_path())
    );
    let _ = std::io::stdout().flush();

    let server = Arc::new(server);
    for worker in 0..WORKERS {
        let server = Arc::clone(&server);
        let shared = Arc::clone(&shared);
        std::thread::Builder::new()
            .name(format!("serve-{worker}"))
            .spawn(move || answer_requests(&server, &shared))
            .map_err(|e| io_error(&site_dir, e))?;
    }

    loop {
        let changes = watcher.next_changes().ok_or(ServeError::WatcherStopped)?;
        let rebuilt = rebuilder.run(&changes, &shared.output_lock, &mut || {
            watcher.forget_import_writes()
        });
        if changes.config {
            watcher.set_watched(Watched::new(&site_dir, &out_dir, rebuilder.config()));
        }
        if rebuilt == Rebuilt::Failed {
            continue;
        }
        let base_path = rebuilder.config().base_path();
        if base_path != shared.base_path() {
            *shared.base_path.write().unwrap_or_else(|e| e.into_inner()) = base_path.clone();
            println!(
                "base path changed: now serving at {}",
                page_url(&origin, &base_path)
            );
        }
        if rebuilt == Rebuilt::Changed {
            shared.generation.bump();
        }
        let _ = std::io::stdout().flush();
    }
}

/// A worker: answers requests for as long as the server runs. An error accepting one (too
/// many open files, say) is reported and the worker goes on.
fn answer_requests(server: &tiny_http::Server, shared: &Arc<Shared>) {
    loop {
        match server.recv() {
            Ok(request) => respond::handle(request, shared),
            Err(error) => {
                eprintln!("serve: {error}");
                std::thread::sleep(Duration::from_millis(100));
            }
        }
    }
}

/// `.clippings/serve/site` in the site, with a `.gitignore` that keeps the preview out of git.
fn default_out_dir(site_dir: &Path) -> Result<PathBuf, ServeError> {
    let serve_dir = site_dir.join(SERVE_DIR);
    std::fs::create_dir_all(&serve_dir).map_err(|e| io_error(&serve_dir, e))?;
    let ignore = serve_dir.join(".gitignore");
    if !ignore.exists() {
        std::fs::write(&ignore, "# The preview built by `clippings serve`.\n*\n")
            .map_err(|e| io_error(&ignore, e))?;
    }
    Ok(serve_dir.join("site"))
}

/// The address to put in URLs: a wildcard bind (`0.0.0.0`, `::`) is reached at loopback.
fn reachable(addr: SocketAddr) -> SocketAddr {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), addr.port())
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(IpAddr::V6(Ipv6Addr::LOCALHOST), addr.port())
        }
        _ => addr,
    }
}

/// The URL of the site's home page on the local server.
fn page_url(origin: &str, base_path: &str) -> String {
    format!("{origin}{}", crate::site::paths::encode_path(base_path))
}

fn io_error(path: &Path, error: std::io::Error) -> ServeError {
    ServeError::Io {
        path: path.to_path_buf(),
        message: error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_addresses_are_shown_as_loopback() {
        let any4: SocketAddr = "0.0.0.0:1111".parse().unwrap();
        assert_eq!(reachable(any4).to_string(), "127.0.0.1:1111");
        let any6: SocketAddr = "[::]:8080".parse().unwrap();
        assert_eq!(reachable(any6).to_string(), "[::1]:8080");
        let lan: SocketAddr = "192.168.1.5:1111".parse().unwrap();
        assert_eq!(reachable(lan), lan);
    }

    #[test]
    fn page_urls_encode_the_base_path() {
        assert_eq!(
            page_url("http://127.0.0.1:1111", "/archive/"),
            "http://127.0.0.1:1111/archive/"
        );
        assert_eq!(
            page_url("http://127.0.0.1:1111", "/김/"),
            "http://127.0.0.1:1111/%EA%B9%80/"
        );
    }

    #[test]
    fn the_default_output_folder_is_ignored_by_git() {
        let site = tempfile::tempdir().unwrap();
        let out = default_out_dir(site.path()).unwrap();
        assert_eq!(out, site.path().join(".clippings/serve/site"));
        let ignore = std::fs::read_to_string(site.path().join(".clippings/serve/.gitignore"));
        assert!(ignore.unwrap().lines().any(|line| line == "*"));
    }
}
