//! Files and folders of saved pages → Markdown files in `content/`.
//!
//! Owns where an article's file goes (`content/YYYY/MM/<slug>.md`), slug collisions
//! (`-2`, `-3`), and the promise that nothing a person wrote is lost:
//! - a page already imported (same bytes, under any name) is recognised by its content
//!   hash and left alone;
//! - a re-saved page (same source file, new bytes) replaces its article only if nobody
//!   edited the Markdown file since import (or with `--force`), and keeps its slug;
//! - new files are created without ever replacing an existing one.
//!
//! The record of what was imported lives in `.clippings/imports.json` in the site: for each
//! page, its source path, the hash of its bytes, the Markdown file written and the hash
//! of what was written (to tell hand edits). Extraction runs in parallel; writing is
//! sequential and in sorted order, so slugs are deterministic.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use walkdir::WalkDir;

use crate::article::Article;
use crate::extract::{self, PageKind};
use crate::slug::{self, SlugStyle};

/// The folder, inside a site, of Markdown articles.
pub const CONTENT_DIR: &str = "content";
/// The import record, relative to the site.
pub const MANIFEST_PATH: &str = ".clippings/imports.json";
/// The folder, inside `content/`, for articles with no date at all.
pub const UNDATED_DIR: &str = "undated";

/// How an import runs.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Replace Markdown files even when a person edited them since import.
    pub force: bool,
    /// How titles become slugs.
    pub slug_style: SlugStyle,
}

/// What happened to one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// A new Markdown file was written.
    Imported,
    /// A re-saved page replaced its (unedited) article.
    Updated,
    /// Nothing to do: the page was imported before.
    Unchanged,
    /// Left alone on purpose (an edited article, a deleted one, an unsupported file).
    Skipped,
    /// The page could not be used.
    Failed,
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::Imported => "imported",
            Status::Updated => "updated",
            Status::Unchanged => "unchanged",
            Status::Skipped => "skipped",
            Status::Failed => "failed",
        })
    }
}

/// One page's outcome, for the one-line-per-page report.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub source: PathBuf,
    pub status: Status,
    /// The Markdown file concerned, relative to the site.
    pub content: Option<PathBuf>,
    /// Why, for skipped and failed pages; extra facts otherwise.
    pub detail: String,
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:<9} {}", self.status, self.source.display())?;
        if let Some(content) = &self.content {
            write!(f, " → {}", content.display())?;
        }
        if !self.detail.is_empty() {
            write!(f, ": {}", self.detail)?;
        }
        Ok(())
    }
}

/// Counts per status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub imported: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: usize,
    pub failed: usize,
}

impl Summary {
    pub fn of(outcomes: &[Outcome]) -> Summary {
        let mut summary = Summary::default();
        for outcome in outcomes {
            *match outcome.status {
                Status::Imported => &mut summary.imported,
                Status::Updated => &mut summary.updated,
                Status::Unchanged => &mut summary.unchanged,
                Status::Skipped => &mut summary.skipped,
                Status::Failed => &mut summary.failed,
            } += 1;
        }
        summary
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} imported, {} updated, {} unchanged, {} skipped, {} failed",
            self.imported, self.updated, self.unchanged, self.skipped, self.failed
        )
    }
}

/// Errors that stop a whole import (as opposed to one page failing).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: {message}")]
    Manifest { path: PathBuf, message: String },
    #[error("{path}: cannot write: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// One entry of the import record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    /// The saved page, as it was named on import.
    source: PathBuf,
    /// SHA-256 of the saved page's bytes.
    hash: String,
    /// The Markdown file written, relative to the site.
    content: PathBuf,
    /// SHA-256 of the Markdown file as the importer wrote it.
    written: String,
    /// The article's identity as extracted (headline, day, URL), so a page saved again
    /// is recognised even after a person edited the title in the Markdown file.
    #[serde(default)]
    article: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    version: u32,
    pages: Vec<Entry>,
}

impl Manifest {
    fn load(site: &Path) -> Result<Manifest, ImportError> {
        let path = site.join(MANIFEST_PATH);
        match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).map_err(|error| ImportError::Manifest {
                path,
                message: format!(
                    "the import record is damaged ({error}); fix it or move it away to start a new one"
                ),
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Manifest {
                version: 1,
                pages: Vec::new(),
            }),
            Err(error) => Err(ImportError::Manifest {
                path,
                message: error.to_string(),
            }),
        }
    }

    fn save(&mut self, site: &Path) -> Result<(), ImportError> {
        self.version = 1;
        self.pages
            .sort_by(|a, b| a.content.cmp(&b.content).then(a.hash.cmp(&b.hash)));
        let mut text = serde_json::to_string_pretty(self).expect("manifest serialises");
        text.push('\n');
        write_atomic(&site.join(MANIFEST_PATH), text.as_bytes(), true)
    }
}

/// Lists the saved pages named by `inputs`: files as given, folders walked for `.html`,
/// `.htm`, `.txt`. Inputs that do not exist or are not pages come back as outcomes.
pub fn collect_pages(inputs: &[PathBuf]) -> (Vec<PathBuf>, Vec<Outcome>) {
    let mut pages = Vec::new();
    let mut problems = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let walker = WalkDir::new(input)
                .follow_links(false)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
            for entry in walker {
                match entry {
                    Ok(entry)
                        if entry.file_type().is_file()
                            && PageKind::from_path(entry.path()).is_some() =>
                    {
                        pages.push(entry.into_path())
                    }
                    Ok(_) => {}
                    Err(error) => problems.push(Outcome {
                        source: error.path().unwrap_or(input).to_path_buf(),
                        status: Status::Failed,
                        content: None,
                        detail: format!("cannot read: {error}"),
                    }),
                }
            }
        } else if input.is_file() {
            if PageKind::from_path(input).is_some() {
                pages.push(input.clone());
            } else {
                problems.push(Outcome {
                    source: input.clone(),
                    status: Status::Skipped,
                    content: None,
                    detail: "not a saved page (expected .html, .htm or .txt)".into(),
                });
            }
        } else {
            problems.push(Outcome {
                source: input.clone(),
                status: Status::Failed,
                content: None,
                detail: "no such file or folder".into(),
            });
        }
    }
    pages.sort();
    pages.dedup();
    (pages, problems)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// A page read and, when needed, extracted.
struct Prepared {
    source: PathBuf,
    hash: String,
    result: Result<Option<Article>, String>,
}

/// Imports `pages` into the site. `report` is called once per page, in order, as soon as
/// its outcome is known (for the one-line-per-page output and a progress bar).
pub fn import_pages(
    site: &Path,
    pages: &[PathBuf],
    options: &ImportOptions,
    report: &(dyn Fn(&Outcome) + Sync),
) -> Result<Vec<Outcome>, ImportError> {
    let mut manifest = Manifest::load(site)?;
    let by_hash: HashMap<String, usize> = manifest
        .pages
        .iter()
        .enumerate()
        .map(|(i, e)| (e.hash.clone(), i))
        .collect();

    // Read and hash every page, and extract those not seen before, in parallel.
    let prepared: Vec<Prepared> = pages
        .par_iter()
        .map(|source| {
            let bytes = match std::fs::read(source) {
                Ok(bytes) => bytes,
                Err(error) => {
                    return Prepared {
                        source: source.clone(),
                        hash: String::new(),
                        result: Err(format!("cannot read: {error}")),
                    };
                }
            };
            let hash = sha256_hex(&bytes);
            let known = by_hash
                .get(&hash)
                .is_some_and(|&i| site.join(&manifest.pages[i].content).exists());
            let result = if known && !options.force {
                Ok(None)
            } else {
                extract::extract(&bytes, PageKind::from_path(source))
                    .map(Some)
                    .map_err(|e| e.to_string())
            };
            Prepared {
                source: source.clone(),
                hash,
                result,
            }
        })
        .collect();

    let mut existing = ExistingContent::scan(site);
    let mut seen_hashes: HashMap<String, PathBuf> = HashMap::new();
    let mut outcomes = Vec::with_capacity(prepared.len());
    for page in prepared {
        let outcome = place(
            site,
            page,
            options,
            &mut manifest,
            &mut existing,
            &mut seen_hashes,
        )?;
        report(&outcome);
        outcomes.push(outcome);
    }
    if outcomes
        .iter()
        .any(|o| o.status != Status::Failed && o.status != Status::Skipped)
    {
        manifest.save(site)?;
    }
    Ok(outcomes)
}

/// Decides what to do with one prepared page and does it.
fn place(
    site: &Path,
    page: Prepared,
    options: &ImportOptions,
    manifest: &mut Manifest,
    existing: &mut ExistingContent,
    seen_hashes: &mut HashMap<String, PathBuf>,
) -> Result<Outcome, ImportError> {
    let source = page.source;
    let outcome = |status, content: Option<PathBuf>, detail: String| Outcome {
        source: source.clone(),
        status,
        content,
        detail,
    };
    let article = match page.result {
        Err(reason) => return Ok(outcome(Status::Failed, None, reason)),
        Ok(article) => article,
    };
    if let Some(first) = seen_hashes.get(&page.hash) {
        return Ok(outcome(
            Status::Unchanged,
            None,
            format!("same bytes as {}", first.display()),
        ));
    }
    seen_hashes.insert(page.hash.clone(), source.clone());

    let known = manifest.pages.iter().position(|e| e.hash == page.hash);
    let Some(mut article) = article else {
        // Known bytes whose article still exists: nothing to do.
        let content = known.map(|i| manifest.pages[i].content.clone());
        return Ok(outcome(Status::Unchanged, content, String::new()));
    };

    // A page imported before whose article was deleted stays deleted unless forced.
    if let Some(i) = known {
        let entry = &manifest.pages[i];
        if !site.join(&entry.content).exists() && !options.force {
            return Ok(outcome(
                Status::Skipped,
                Some(entry.content.clone()),
                "imported before and since deleted; use --force to import it again".into(),
            ));
        }
    }

    // The same source file, or the same article, saved again with new bytes: update
    // its article in place (unless a person edited it).
    let article_identity = identity(&article);
    let previous = known.or_else(|| {
        manifest.pages.iter().position(|e| {
            (e.source == source || e.article == article_identity) && site.join(&e.content).exists()
        })
    });
    if let Some(i) = previous {
        let entry = manifest.pages[i].clone();
        let path = site.join(&entry.content);
        if let Ok(current) = std::fs::read(&path) {
            if sha256_hex(&current) != entry.written && !options.force {
                return Ok(outcome(
                    Status::Skipped,
                    Some(entry.content),
                    "the Markdown file was edited since import; kept it (use --force to replace it)"
                        .into(),
                ));
            }
            // Keep the published slug, whatever the title says now.
            let pinned = std::str::from_utf8(&current)
                .ok()
                .and_then(|text| Article::from_markdown(text).ok())
                .and_then(|old| old.slug);
            article.slug = pinned.or_else(|| file_stem(&entry.content));
        }
        let written = write_article(&path, &article, true)?;
        manifest.pages[i] = Entry {
            source: source.clone(),
            hash: page.hash,
            content: entry.content.clone(),
            written,
            article: article_identity,
        };
        return Ok(outcome(Status::Updated, Some(entry.content), String::new()));
    }

    // The same article saved again (other bytes, e.g. a different clock line).
    if let Some(content) = existing.same_article(&article) {
        manifest.pages.push(Entry {
            source: source.clone(),
            hash: page.hash,
            content: content.clone(),
            written: sha256_hex(&std::fs::read(site.join(&content)).unwrap_or_default()),
            article: article_identity,
        });
        return Ok(outcome(
            Status::Unchanged,
            Some(content),
            "same article as already imported".into(),
        ));
    }

    let folder = article_folder(&article);
    let base = article
        .slug
        .clone()
        .filter(|s| is_safe_segment(s))
        .unwrap_or_else(|| slug::slugify(&article.title, options.slug_style));
    let slug = existing.free_slug(&folder, &base);
    article.slug = Some(slug.clone());
    let relative = folder.join(format!("{slug}.md"));
    let written = write_article(&site.join(&relative), &article, false)?;
    existing.add(&relative, &article);
    manifest.pages.push(Entry {
        source: source.clone(),
        hash: page.hash,
        content: relative.clone(),
        written,
        article: article_identity,
    });
    Ok(outcome(Status::Imported, Some(relative), String::new()))
}

/// `content/YYYY/MM` for a dated article (the publication date, else the capture date),
/// `content/undated` otherwise.
fn article_folder(article: &Article) -> PathBuf {
    use chrono::Datelike;
    let content = PathBuf::from(CONTENT_DIR);
    match article.date.or(article.captured) {
        Some(when) if (0..=9999).contains(&when.date.year()) => content
            .join(format!("{:04}", when.date.year()))
            .join(format!("{:02}", when.date.month())),
        _ => content.join(UNDATED_DIR),
    }
}

fn file_stem(path: &Path) -> Option<String> {
    path.file_stem()
        .and_then(|s| s.to_str())
        .map(str::to_string)
}

/// True when `segment` is usable as one path component as it stands.
fn is_safe_segment(segment: &str) -> bool {
    let mut components = Path::new(segment).components();
    matches!(components.next(), Some(Component::Normal(_)))
        && components.next().is_none()
        && !segment.is_empty()
        && segment.len() <= 200
        && !segment.starts_with('.')
        && !segment.chars().any(|c| {
            c.is_control()
                || matches!(
                    c,
                    '/' | '\\' | '#' | '?' | '%' | ':' | '*' | '"' | '<' | '>' | '|'
                )
        })
        && slug::slugify(segment, SlugStyle::Keep) == segment
}

/// Writes an article's Markdown file and returns the hash of what was written.
/// With `replace` false, an existing file is never overwritten.
fn write_article(path: &Path, article: &Article, replace: bool) -> Result<String, ImportError> {
    let text = article.to_markdown();
    write_atomic(path, text.as_bytes(), replace)?;
    Ok(sha256_hex(text.as_bytes()))
}

/// Writes a file through a temporary file in the same folder, so a reader never sees a
/// half-written file. With `replace` false, fails rather than replace an existing file.
fn write_atomic(path: &Path, bytes: &[u8], replace: bool) -> Result<(), ImportError> {
    let error = |source| ImportError::Write {
        path: path.to_path_buf(),
        source,
    };
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder).map_err(error)?;
    let mut temp = tempfile::NamedTempFile::new_in(folder).map_err(error)?;
    temp.write_all(bytes).map_err(error)?;
    if replace {
        temp.persist(path).map_err(|e| error(e.error))?;
    } else {
        temp.persist_noclobber(path).map_err(|e| error(e.error))?;
    }
    Ok(())
}

/// SHA-256 of bytes, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest.iter() {
        hex.push_str(&format!("{byte:02x}"));
    }
    hex
}

/// What is already in `content/`: taken file names per folder (for free slugs) and
/// the identity of each article (for recognising the same article saved twice).
#[derive(Default)]
struct ExistingContent {
    taken: HashSet<PathBuf>,
    identities: HashMap<String, PathBuf>,
}

impl ExistingContent {
    fn scan(site: &Path) -> ExistingContent {
        let mut existing = ExistingContent::default();
        let content = site.join(CONTENT_DIR);
        let files: Vec<PathBuf> = WalkDir::new(&content)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        let parsed: Vec<(PathBuf, Option<Article>)> = files
            .into_par_iter()
            .map(|path| {
                let article = std::fs::read_to_string(&path)
                    .ok()
                    .and_then(|text| Article::from_markdown(&text).ok());
                (path, article)
            })
            .collect();
        for (path, article) in parsed {
            let relative = path.strip_prefix(site).unwrap_or(&path).to_path_buf();
            match article {
                Some(article) => existing.add(&relative, &article),
                None => {
                    existing.taken.insert(normalise_key(&relative));
                }
            }
        }
        existing
    }

    fn add(&mut self, relative: &Path, article: &Article) {
        self.taken.insert(normalise_key(relative));
        self.identities
            .entry(identity(article))
            .or_insert_with(|| relative.to_path_buf());
    }

    fn same_article(&self, article: &Article) -> Option<PathBuf> {
        self.identities.get(&identity(article)).cloned()
    }

    /// `base`, or `base-2`, `base-3`… whichever is free in `folder`.
    fn free_slug(&self, folder: &Path, base: &str) -> String {
        let base = if base.is_empty() { "article" } else { base };
        let mut n = 1;
        loop {
            let candidate = if n == 1 {
                base.to_string()
            } else {
                format!("{base}-{n}")
            };
            if !self
                .taken
                .contains(&normalise_key(&folder.join(format!("{candidate}.md"))))
            {
                return candidate;
            }
            n += 1;
        }
    }
}

/// File names compared as case-insensitive file systems would.
fn normalise_key(path: &Path) -> PathBuf {
    PathBuf::from(path.to_string_lossy().to_lowercase())
}

/// What makes two saved pages the same article: headline, day and original URL.
fn identity(article: &Article) -> String {
    format!(
        "{}\u{1f}{}\u{1f}{}",
        article.title.to_lowercase(),
        article.date.map(|d| d.ymd()).unwrap_or_default(),
        article.source_url.as_deref().unwrap_or_default()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn safe_segments() {
        assert!(is_safe_segment("gimcheonsi-bokji"));
        assert!(!is_safe_segment(".."));
        assert!(!is_safe_segment("a/b"));
        assert!(!is_safe_segment(""));
        assert!(!is_safe_segment("a:b"));
    }

    #[test]
    fn folders_by_date() {
        let mut article = Article {
            title: "t".into(),
            ..Article::default()
        };
        assert_eq!(article_folder(&article), Path::new("content/undated"));
        article.date = crate::date::Timestamp::parse_iso("2024-06-21");
        assert_eq!(article_folder(&article), Path::new("content/2024/06"));
    }

    #[test]
    fn free_slugs_count_up() {
        let mut existing = ExistingContent::default();
        let folder = Path::new("content/2024/06");
        assert_eq!(existing.free_slug(folder, "a"), "a");
        existing.taken.insert(normalise_key(&folder.join("a.md")));
        existing.taken.insert(normalise_key(&folder.join("A-2.md")));
        assert_eq!(existing.free_slug(folder, "a"), "a-3");
    }
}
