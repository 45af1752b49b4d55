//! Watching a site for edits: `content/`, `templates/`, `static/`, `clippings.toml` and the
//! configured import folders, with bursts of events (an editor's save, a `git checkout`)
//! gathered into one batch of [`Changes`].
//!
//! Ignores the build's own writes (`.clippings/`, the output folder) and editors' scratch
//! files. Folders that appear later (a first `templates/`) are picked up, because the site
//! folder itself is watched too (which also catches `clippings.toml` being replaced by a
//! rename, as many editors save).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::config::{CONFIG_FILE, Config};
use crate::import::CONTENT_DIR;

use super::rebuild::import_folders;

/// A batch ends after this long without a new event.
const QUIET: Duration = Duration::from_millis(200);
/// A batch ends after this long even while events keep coming.
const LONGEST_BATCH: Duration = Duration::from_secs(2);
/// How long the file events of an import's writes take to arrive.
const IMPORT_SETTLE: Duration = Duration::from_millis(100);
/// The polling interval when the system's file notifications are not available.
const POLL_INTERVAL: Duration = Duration::from_secs(1);

/// What changed since the last rebuild.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Changed paths, sorted.
    pub paths: BTreeSet<PathBuf>,
    /// `clippings.toml` changed (re-read it; import again).
    pub config: bool,
    /// Something in an import folder changed (import again).
    pub import: bool,
    /// The very first build of the session.
    pub start: bool,
}

impl Changes {
    /// The first build: everything is read, everything imported.
    pub fn start() -> Changes {
        Changes {
            config: true,
            import: true,
            start: true,
            ..Changes::default()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.paths.is_empty() && !self.config && !self.import && !self.start
    }

    /// A short account for the log line: `content/a.md changed`, `content/a.md and 2 more
    /// changed`, `start`. Paths that still exist are named first; the others are mostly
    /// editors' temporary files (a path that is gone is named when nothing else is left).
    pub fn describe(&self, site_dir: &Path) -> String {
        if self.start {
            return "start".into();
        }
        let existing: Vec<&PathBuf> = self.paths.iter().filter(|p| p.exists()).collect();
        let named = if existing.is_empty() {
            self.paths.iter().collect()
        } else {
            existing
        };
        let Some(first) = named.first() else {
            return "files changed".into();
        };
        let shown = first.strip_prefix(site_dir).unwrap_or(first).display();
        match named.len() {
            1 => format!("{shown} changed"),
            n => format!("{shown} and {} more changed", n - 1),
        }
    }
}

/// Which watched thing a path belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Config,
    /// Under `content/`, `templates/` or `static/`.
    Site,
    /// Under an import folder.
    Import,
}

/// The folders and files whose edits matter, and those whose edits never do.
#[derive(Debug, Clone)]
pub struct Watched {
    site_dir: PathBuf,
    /// `content/`, `templates/`, `static/`.
    site_folders: Vec<PathBuf>,
    import_folders: Vec<PathBuf>,
    /// `.clippings/` and the output folder.
    ignored: Vec<PathBuf>,
}

impl Watched {
    /// For a site (an absolute path) built into `out_dir` (absolute).
    pub fn new(site_dir: &Path, out_dir: &Path, config: &Config) -> Watched {
        Watched {
            site_dir: site_dir.to_path_buf(),
            site_folders: [CONTENT_DIR, "templates", "static"]
                .iter()
                .map(|name| site_dir.join(name))
                .collect(),
            import_folders: import_folders(site_dir, config),
            ignored: vec![site_dir.join(".clippings"), out_dir.to_path_buf()],
        }
    }

    /// What an event on `path` means, or `None` when it does not matter.
    pub fn classify(&self, path: &Path) -> Option<Kind> {
        if self.ignored.iter().any(|dir| path.starts_with(dir)) || is_scratch_file(path) {
            return None;
        }
        if path == self.site_dir.join(CONFIG_FILE) {
            return Some(Kind::Config);
        }
        if self.import_folders.iter().any(|dir| path.starts_with(dir)) {
            return Some(Kind::Import);
        }
        if self.site_folders.iter().any(|dir| path.starts_with(dir)) {
            return Some(Kind::Site);
        }
        None
    }

    /// The folders to watch recursively (those that exist now).
    fn folders(&self) -> impl Iterator<Item = &PathBuf> {
        self.site_folders
            .iter()
            .chain(&self.import_folders)
            .filter(|dir| dir.is_dir())
    }
}

/// Editors' temporary and backup files: `.a.md.swp`, `a.md~`, `.#a.md`, vim's `4913`.
fn is_scratch_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.starts_with(".#")
        || name == "4913"
}

/// The file watcher and the batches it yields.
pub struct SiteWatcher {
    watcher: Box<dyn Watcher + Send>,
    events: Receiver<notify::Result<notify::Event>>,
    watched: Watched,
    /// Folders watched now (recursively).
    folders: BTreeSet<PathBuf>,
}

impl SiteWatcher {
    /// Starts watching; falls back to polling when the system's notifications fail.
    pub fn new(watched: Watched) -> notify::Result<SiteWatcher> {
        let (sender, events) = channel();
        let watcher: Box<dyn Watcher + Send> = match notify::recommended_watcher(sender.clone()) {
            Ok(watcher) => Box::new(watcher),
            Err(error) => {
                eprintln!("serve: file notifications unavailable ({error}); polling instead");
                let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
                Box::new(notify::PollWatcher::new(sender, config)?)
            }
        };
        let mut site_watcher = SiteWatcher {
            watcher,
            events,
            watched,
            folders: BTreeSet::new(),
        };
        let site_dir = site_watcher.watched.site_dir.clone();
        site_watcher
            .watcher
            .watch(&site_dir, RecursiveMode::NonRecursive)?;
        site_watcher.refresh_folders();
        Ok(site_watcher)
    }

    /// Follows a new configuration (its import folders).
    pub fn set_watched(&mut self, watched: Watched) {
        self.watched = watched;
        self.refresh_folders();
    }

    /// Watches the folders that exist now and were not watched yet; forgets those gone.
    fn refresh_folders(&mut self) {
        let wanted: BTreeSet<PathBuf> = self.watched.folders().cloned().collect();
        for gone in self.folders.difference(&wanted) {
            let _ = self.watcher.unwatch(gone);
        }
        self.folders.retain(|dir| wanted.contains(dir));
        for dir in wanted {
            if self.folders.contains(&dir) {
                continue;
            }
            match self.watcher.watch(&dir, RecursiveMode::Recursive) {
                Ok(()) => {
                    self.folders.insert(dir);
                }
                Err(error) => eprintln!(
                    "serve: cannot watch {}: {error} (edits there will not trigger a rebuild)",
                    dir.display()
                ),
            }
        }
    }

    /// Blocks until something relevant changes, then gathers the burst it belongs to.
    /// `None` when the watcher stopped (it holds the other end of the channel, so only if
    /// its thread died).
    pub fn next_changes(&mut self) -> Option<Changes> {
        let mut changes = Changes::default();
        while changes.is_empty() {
            let event = self.events.recv().ok()?;
            self.note(event, &mut changes);
        }
        let started = Instant::now();
        while started.elapsed() < LONGEST_BATCH {
            match self.events.recv_timeout(QUIET) {
                Ok(event) => self.note(event, &mut changes),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
            }
        }
        self.refresh_folders();
        Some(changes)
    }

    /// After an import wrote articles: lets the events of those writes arrive, then forgets
    /// them and everything else waiting, so they do not cause a second rebuild. Nothing is
    /// lost: the build that follows reads every file as it is now.
    pub fn forget_import_writes(&mut self) {
        std::thread::sleep(IMPORT_SETTLE);
        while self.events.try_recv().is_ok() {}
        self.refresh_folders();
    }

    fn note(&self, event: notify::Result<notify::Event>, changes: &mut Changes) {
        let event = match event {
            Ok(event) => event,
            Err(error) => {
                eprintln!("serve: watching: {error}");
                return;
            }
        };
        if event.need_rescan() {
            changes.config = true;
            changes.import = true;
            return;
        }
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in &event.paths {
            match self.watched.classify(path) {
                Some(Kind::Config) => changes.config = true,
                Some(Kind::Import) => changes.import = true,
                Some(Kind::Site) => {}
                None => continue,
            }
            changes.paths.insert(path.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn watched() -> Watched {
        let config = Config::parse("import = [\"saved\", \"/elsewhere/pages\"]").unwrap();
        Watched::new(
            Path::new("/site"),
            Path::new("/site/.clippings/serve/site"),
            &config,
        )
    }

    #[test]
    fn sources_templates_static_and_config_matter() {
        let watched = watched();
        for path in [
            "/site/content/2024/06/a.md",
            "/site/templates/base.html",
            "/site/static/style.css",
            "/site/static/.well-known/x",
            "/site/templates",
        ] {
            assert_eq!(
                watched.classify(Path::new(path)),
                Some(Kind::Site),
                "{path}"
            );
        }
        assert_eq!(
            watched.classify(Path::new("/site/clippings.toml")),
            Some(Kind::Config)
        );
    }

    #[test]
    fn import_folders_matter_wherever_they_are() {
        let watched = watched();
        assert_eq!(
            watched.classify(Path::new("/site/saved/page.html")),
            Some(Kind::Import)
        );
        assert_eq!(
            watched.classify(Path::new("/elsewhere/pages/page.txt")),
            Some(Kind::Import)
        );
    }

    #[test]
    fn the_builds_own_writes_and_other_files_do_not() {
        let watched = watched();
        for path in [
            "/site/.clippings/cache/head.bin",
            "/site/.clippings/cache/s0.bin.tmp",
            "/site/.clippings/serve/site/index.html",
            "/site/public/index.html",
            "/site/.public.building-x1/index.html",
            "/site/README.md",
            "/site/content/2024/06/.a.md.swp",
            "/site/content/2024/06/a.md~",
            "/site/content/.#a.md",
            "/site/content/4913",
            "/site/clippings.toml~",
            "/elsewhere/other",
        ] {
            assert_eq!(watched.classify(Path::new(path)), None, "{path}");
        }
    }

    #[test]
    fn an_output_folder_inside_a_watched_folder_is_ignored() {
        let config = Config::default();
        let watched = Watched::new(Path::new("/site"), Path::new("/site/static/out"), &config);
        assert_eq!(watched.classify(Path::new("/site/static/out/a.html")), None);
        assert_eq!(
            watched.classify(Path::new("/site/static/a.css")),
            Some(Kind::Site)
        );
    }

    #[test]
    fn changes_describe_themselves() {
        let site = Path::new("/site");
        assert_eq!(Changes::start().describe(site), "start");
        let mut changes = Changes::default();
        assert!(changes.is_empty());
        changes.paths.insert(PathBuf::from("/site/content/b.md"));
        assert_eq!(changes.describe(site), "content/b.md changed");
        changes.paths.insert(PathBuf::from("/site/content/a.md"));
        changes.paths.insert(PathBuf::from("/site/static/c.css"));
        assert_eq!(changes.describe(site), "content/a.md and 2 more changed");
    }

    #[test]
    fn existing_paths_are_named_before_vanished_ones() {
        let site = tempfile::tempdir().unwrap();
        let site = site.path();
        std::fs::create_dir(site.join("content")).unwrap();
        std::fs::write(site.join("content/saved.md"), "x").unwrap();
        let mut changes = Changes::default();
        changes.paths.insert(site.join("content/.saved.md.tmp123"));
        changes.paths.insert(site.join("content/saved.md"));
        assert_eq!(changes.describe(site), "content/saved.md changed");
    }
}
