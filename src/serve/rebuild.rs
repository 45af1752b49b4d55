//! One rebuild of the preview: re-read the configuration when it changed, import the
//! configured folders when they changed, then the same incremental `site::build` as
//! `clippings build`, into the preview's own output folder with a local `base_url`.
//!
//! Prints one line per rebuild (what changed, what was done, how long it took) and, on a
//! failure, the error naming the file; the output folder then still holds the last good
//! build (`site::build` never leaves a half-written site behind).

use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::time::Instant;

use crate::config::Config;
use crate::import::{self, ImportOptions, Status, Summary};
use crate::site::{self, BuildOptions};

use super::watch::Changes;

/// Said after a failure.
const STILL_SERVING: &str = "(still serving the last good build)";

/// Rebuilds one site into one output folder.
#[derive(Debug)]
pub struct Rebuilder {
    site_dir: PathBuf,
    out_dir: PathBuf,
    /// `http://127.0.0.1:1111`: the server's origin, which replaces the host of `base_url`.
    origin: String,
    /// The last configuration that parsed.
    config: Config,
    /// Warnings of the last build, so the same ones are not printed after every edit.
    last_warnings: Vec<String>,
}

/// What a rebuild did, for the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rebuilt {
    /// The output changed (or may have): pages should reload.
    Changed,
    /// The build ran and wrote nothing.
    Unchanged,
    /// Something failed; the last good output stays.
    Failed,
}

impl Rebuilder {
    pub fn new(site_dir: PathBuf, out_dir: PathBuf, origin: String, config: Config) -> Self {
        Rebuilder {
            site_dir,
            out_dir,
            origin,
            config,
            last_warnings: Vec::new(),
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The base URL the preview is built with: the server's origin and the configured path.
    pub fn local_base_url(&self) -> String {
        format!("{}{}", self.origin, self.config.base_path())
    }

    /// Imports and builds for `changes`, holding `output_lock` for writing while the output
    /// folder is rewritten; prints what happened. `after_import` runs when the import wrote
    /// articles, before the build reads them (to forget the file events of those writes).
    pub fn run(
        &mut self,
        changes: &Changes,
        output_lock: &RwLock<()>,
        after_import: &mut dyn FnMut(),
    ) -> Rebuilt {
        let started = Instant::now();
        let cause = changes.describe(&self.site_dir);
        if changes.config {
            match Config::load(&self.site_dir) {
                Ok(config) => self.config = config,
                Err(error) => {
                    eprintln!("{cause}: {error}\n{STILL_SERVING}");
                    return Rebuilt::Failed;
                }
            }
        }
        let mut import_note = String::new();
        if !self.config.import.is_empty() && (changes.import || changes.config) {
            match self.import() {
                Ok(summary) if summary.imported + summary.updated + summary.failed > 0 => {
                    import_note = format!("import: {summary}; ");
                    if summary.imported + summary.updated > 0 {
                        after_import();
                    }
                }
                Ok(_) => {}
                Err(error) => eprintln!("import failed: {error}"),
            }
        }
        let options = BuildOptions {
            out_dir: self.out_dir.clone(),
            base_url: Some(self.local_base_url()),
        };
        let result = {
            let _writing = output_lock.write().unwrap_or_else(|e| e.into_inner());
            site::build(&self.site_dir, &self.config, &options)
        };
        let millis = started.elapsed().as_millis();
        match result {
            Ok(report) => {
                if report.warnings != self.last_warnings {
                    for warning in &report.warnings {
                        eprintln!("warning: {warning}");
                    }
                    self.last_warnings = report.warnings.clone();
                }
                let build = if report.incremental {
                    format!(
                        "{} rendered, {} written, {} removed",
                        report.pages_rendered, report.pages_written, report.files_removed
                    )
                } else {
                    format!("full build, {} files written", report.pages_written)
                };
                let articles = match report.articles {
                    1 => "1 article".to_string(),
                    n => format!("{n} articles"),
                };
                println!("{cause}: {import_note}built {articles} in {millis} ms ({build})");
                if !report.incremental || report.pages_written + report.files_removed > 0 {
                    Rebuilt::Changed
                } else {
                    Rebuilt::Unchanged
                }
            }
            Err(error) => {
                eprintln!("{cause}: build failed after {millis} ms: {error}\n{STILL_SERVING}");
                Rebuilt::Failed
            }
        }
    }

    /// Imports the configured folders, printing the pages that were imported, updated or
    /// failed (unchanged and skipped ones are the normal case while editing).
    fn import(&self) -> Result<Summary, import::ImportError> {
        let folders = import_folders(&self.site_dir, &self.config);
        let options = ImportOptions {
            force: false,
            slug_style: self.config.slug,
        };
        let (pages, mut outcomes) = import::collect_pages(&folders);
        let print = |outcome: &import::Outcome| match outcome.status {
            Status::Imported | Status::Updated => println!("{outcome}"),
            Status::Failed => eprintln!("{outcome}"),
            Status::Unchanged | Status::Skipped => {}
        };
        outcomes.iter().for_each(print);
        outcomes.extend(import::import_pages(
            &self.site_dir,
            &pages,
            &options,
            &print,
        )?);
        Ok(Summary::of(&outcomes))
    }
}

/// The configured import folders, relative to the site (absolute ones stay as they are).
pub fn import_folders(site_dir: &Path, config: &Config) -> Vec<PathBuf> {
    config.import.iter().map(|f| site_dir.join(f)).collect()
}
