//! `content/**/*.md` → one `Entry` per article: its front matter and the few facts lists,
//! feeds and search need (excerpt, reading time). Bodies are not kept: the article page
//! reads its file again when it renders, so memory stays flat as the archive grows.
//!
//! Owns reading and parsing in parallel, reusing the parse of files whose size and
//! modification time match the build cache, and turning parse errors into messages that
//! name the file and line. It does not decide permalinks or order (that is `model`); it only
//! remembers, per entry, the slug `model` derives from the file, since that is the costly
//! part of assigning permalinks and depends on nothing but the file and the slug style.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::article::{Article, markdown_to_text};
use crate::date::Timestamp;
use crate::slug::SlugStyle;

use super::BuildError;

/// Excerpts (list pages, feeds, search) stop after this many characters: about two lines of
/// a list item, and enough opening text for search to find the article's subject.
const EXCERPT_CHARS: usize = 200;
/// Reading speeds: Korean is measured in characters (about 500 a minute for news prose),
/// other languages in words (about 230 a minute).
const KOREAN_CHARS_PER_MINUTE: usize = 500;
const WORDS_PER_MINUTE: usize = 230;
/// A text counts as Korean when at least this share of its letters are Hangul.
const HANGUL_SHARE_FOR_KOREAN: f64 = 0.3;
/// A text counts as English when at least this share of its letters are ASCII: accented
/// Latin languages (French, German, Vietnamese) stay below it.
const ASCII_SHARE_FOR_ENGLISH: f64 = 0.98;

/// What the build knows about one article without its body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The path under `content/`, `/`-separated.
    pub rel: String,
    /// Hex digest of the file's bytes; part of every fingerprint that shows the article.
    pub hash: String,
    pub title: String,
    pub subtitle: Option<String>,
    #[serde(with = "crate::date::compact")]
    pub date: Option<Timestamp>,
    pub author: Option<String>,
    pub email: Option<String>,
    pub section: Option<String>,
    pub tags: Vec<String>,
    pub source: Option<String>,
    pub source_url: Option<String>,
    pub lang: Option<String>,
    pub slug: Option<String>,
    pub excerpt: String,
    pub reading_minutes: u32,
    /// True when the text is mostly Hangul (used when `lang` is not given).
    pub hangul: bool,
    /// True when nearly all its letters are ASCII (taken as English when `lang` is not given
    /// and the site is Korean).
    pub latin: bool,
    /// The last segment its permalink asks for ([`super::model::permalink_name`] of this
    /// entry under the site's slug style), before clashes with other articles are resolved.
    pub name: String,
}

/// File identity used to skip re-parsing unchanged files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub secs: i64,
    pub nanos: u32,
    pub size: u64,
}

/// A Markdown file found under `content/`: its `/`-separated path there, its full path,
/// and its stamp (or why it could not be read).
struct Found {
    rel: String,
    path: PathBuf,
    stamp: Result<Stamp, BuildError>,
}

/// Lists the Markdown files under `content_dir` with their stamps, sorted by path, skipping
/// hidden files and folders and not following symbolic links. Folders are read in
/// parallel, and each file's stamp is taken relative to its open folder: one look-up per
/// file instead of a walk down its whole path (the largest cost of a no-op build).
fn scan_sources(content_dir: &Path) -> Result<Vec<Found>, BuildError> {
    if !content_dir.is_dir() {
        return Ok(Vec::new());
    }
    let found = std::sync::Mutex::new(Vec::new());
    let failures = std::sync::Mutex::new(Vec::new());
    rayon::scope(|scope| {
        scan_folder(
            scope,
            content_dir.to_path_buf(),
            String::new(),
            &found,
            &failures,
        );
    });
    let mut failures = failures.into_inner().unwrap_or_else(|e| e.into_inner());
    if !failures.is_empty() {
        failures.sort_by(|a: &(PathBuf, String), b| a.0.cmp(&b.0));
        let (path, message) = failures.swap_remove(0);
        return Err(BuildError::File { path, message });
    }
    let mut found = found.into_inner().unwrap_or_else(|e| e.into_inner());
    found.sort_unstable_by(|a: &Found, b| a.rel.cmp(&b.rel));
    Ok(found)
}

fn scan_folder<'s>(
    scope: &rayon::Scope<'s>,
    dir: PathBuf,
    prefix: String,
    found: &'s std::sync::Mutex<Vec<Found>>,
    failures: &'s std::sync::Mutex<Vec<(PathBuf, String)>>,
) {
    let fail = |path: &Path, error: std::io::Error| {
        if let Ok(mut list) = failures.lock() {
            list.push((path.to_path_buf(), error.to_string()));
        }
    };
    let items = match std::fs::read_dir(&dir) {
        Ok(items) => items,
        Err(error) => return fail(&dir, error),
    };
    let mut here = Vec::new();
    for item in items {
        let item = match item {
            Ok(item) => item,
            Err(error) => {
                fail(&dir, error);
                continue;
            }
        };
        let name = item.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let Ok(kind) = item.file_type() else {
            continue;
        };
        if kind.is_dir() {
            let prefix = format!("{prefix}{name}/");
            let path = item.path();
            scope.spawn(move |scope| scan_folder(scope, path, prefix, found, failures));
        } else if kind.is_file() && name.ends_with(".md") && name.len() > 3 {
            let path = item.path();
            let stamp = item
                .metadata()
                .map(|meta| stamp_from(&meta))
                .map_err(|e| file_error(&path, None, &e.to_string()));
            here.push(Found {
                rel: format!("{prefix}{name}"),
                path,
                stamp,
            });
        }
    }
    if let Ok(mut list) = found.lock() {
        list.append(&mut here);
    }
}

fn stamp_from(meta: &std::fs::Metadata) -> Stamp {
    let (secs, nanos) = match meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
    {
        Some(d) => (d.as_secs() as i64, d.subsec_nanos()),
        None => (0, 0),
    };
    Stamp {
        secs,
        nanos,
        size: meta.len(),
    }
}

pub(crate) fn file_error(path: &Path, line: Option<usize>, message: &str) -> BuildError {
    BuildError::File {
        path: path.to_path_buf(),
        message: match line {
            Some(line) => format!("line {line}: {message}"),
            None => message.to_string(),
        },
    }
}

/// Reads and parses one file.
pub fn read_article(path: &Path) -> Result<(Article, String), BuildError> {
    let bytes = std::fs::read(path).map_err(|e| file_error(path, None, &e.to_string()))?;
    let hash = hex_digest(&bytes);
    let text = String::from_utf8(bytes)
        .map_err(|e| file_error(path, None, &format!("not UTF-8 text: {e}")))?;
    let article = Article::from_markdown(&text)
        .map_err(|error| file_error(path, error.line(), &error.to_string()))?;
    Ok((article, hash))
}

/// Reads only the body of a file already loaded once (its front matter was checked then):
/// the same text `Article::from_markdown` gives as `body`, without parsing the YAML again.
pub fn read_body(path: &Path) -> Result<String, BuildError> {
    let text = std::fs::read_to_string(path).map_err(|e| file_error(path, None, &e.to_string()))?;
    match body_after_front_matter(&text) {
        Some(body) => Ok(body.to_string()),
        // Not the shape it had when loaded (changed meanwhile): parse it properly.
        None => Ok(read_article(path)?.0.body),
    }
}

/// The body of a Markdown document, by the rules of `Article::from_markdown`: after the
/// closing `---` (or `...`) line, leading line breaks and trailing whitespace removed.
fn body_after_front_matter(source: &str) -> Option<&str> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let first_end = source.find('\n').unwrap_or(source.len());
    if source[..first_end].trim_end() != "---" {
        return None;
    }
    let mut offset = (first_end + 1).min(source.len());
    for line in source[offset..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let body = &source[offset + line.len()..];
            return Some(body.trim_start_matches(['\r', '\n']).trim_end());
        }
        offset += line.len();
    }
    None
}

/// The first 128 bits of SHA-256, in hex.
pub fn hex_digest(bytes: &[u8]) -> String {
    hex(&digest(bytes))
}

/// The first 128 bits of SHA-256.
pub fn digest(bytes: &[u8]) -> super::cache::Fingerprint {
    super::cache::fingerprint_of(&Sha256::digest(bytes))
}

/// Bytes in lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Builds the entry of a parsed article.
pub fn entry_of(rel: String, hash: String, article: Article, style: SlugStyle) -> Entry {
    let text = markdown_to_text(&article.body);
    let (mut hangul, mut letters, mut ascii) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        // ASCII and Hangul first: the general Unicode letter lookup is slow.
        if c.is_ascii() {
            letters += usize::from(c.is_ascii_alphabetic());
            ascii += usize::from(c.is_ascii_alphabetic());
        } else if ('\u{ac00}'..='\u{d7a3}').contains(&c) {
            hangul += 1;
            letters += 1;
        } else {
            letters += usize::from(c.is_alphabetic());
        }
    }
    let is_hangul = letters > 0 && hangul as f64 >= letters as f64 * HANGUL_SHARE_FOR_KOREAN;
    let latin = letters > 0 && ascii as f64 >= letters as f64 * ASCII_SHARE_FOR_ENGLISH;
    let korean = match &article.lang {
        Some(lang) => super::i18n::is_korean(lang),
        None => is_hangul,
    };
    let minutes = if korean {
        text.chars().filter(|c| !c.is_whitespace()).count() / KOREAN_CHARS_PER_MINUTE
    } else {
        text.split_whitespace().count() / WORDS_PER_MINUTE
    };
    let mut entry = Entry {
        rel,
        hash,
        excerpt: excerpt(&markdown_to_text(&prose_blocks(&article.body))),
        reading_minutes: (minutes as u32).max(1),
        hangul: is_hangul,
        latin,
        title: article.title.trim().to_string(),
        subtitle: nonempty(article.subtitle),
        date: article.date,
        author: nonempty(article.author),
        email: nonempty(article.email),
        section: nonempty(article.section),
        tags: article
            .tags
            .into_iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        source: nonempty(article.source),
        source_url: nonempty(article.source_url),
        lang: nonempty(article.lang),
        slug: nonempty(article.slug),
        name: String::new(),
    };
    entry.name = super::model::permalink_name(&entry, style);
    entry
}

fn nonempty(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The opening of the body's prose for an excerpt: the first blocks that are not images,
/// captions (a paragraph wholly in emphasis, as import writes them), headings, tables or
/// code, as many as an excerpt can use. When nothing is left, the whole body.
fn prose_blocks(body: &str) -> String {
    let mut prose = String::new();
    for block in body.split("\n\n").map(str::trim) {
        let caption = block.len() > 2
            && ((block.starts_with('*') && block.ends_with('*'))
                || (block.starts_with('_') && block.ends_with('_')));
        if block.is_empty() || caption || block.starts_with(['#', '|', '!', '`', '~', '<']) {
            continue;
        }
        if !prose.is_empty() {
            prose.push_str("\n\n");
        }
        prose.push_str(block);
        // Markup only shortens the text: this many characters of Markdown are enough.
        if prose.chars().count() > EXCERPT_CHARS * 2 {
            break;
        }
    }
    if prose.is_empty() {
        body.to_string()
    } else {
        prose
    }
}

/// The opening of the text, whitespace collapsed, cut at a word boundary.
fn excerpt(text: &str) -> String {
    let mut out = String::new();
    let mut count = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if count + len > EXCERPT_CHARS {
            if count == 0 {
                out.extend(word.chars().take(EXCERPT_CHARS));
            }
            out.push('…');
            return out;
        }
        if count > 0 {
            out.push(' ');
            count += 1;
        }
        out.push_str(word);
        count += len;
    }
    out
}

/// What `load` found: every source in path order, and whether anything differs from the
/// cache it was given.
#[derive(Debug)]
pub struct Loaded {
    /// Per source, in `/`-separated path order: its file's stamp and its entry.
    pub sources: Vec<Source>,
    /// Files parsed now (new or changed since the cache).
    pub parsed: usize,
    /// Cached sources whose file is gone.
    pub removed: usize,
    /// Per source: taken from the cache, from the same position in its list.
    pub kept: Vec<bool>,
}

/// One source file: the stamp its entry was read at, and the entry.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Source {
    pub stamp: Stamp,
    pub entry: Entry,
}

/// Loads every article, reusing the `cached` sources (sorted by path, as the cache stores
/// them) whose stamp matches; slugs of new parses follow `style`. Fails on the first broken
/// file (in path order), naming it and the line, and counts the other broken files.
pub fn load(
    content_dir: &Path,
    mut cached: Vec<Source>,
    style: SlugStyle,
) -> Result<Loaded, BuildError> {
    // Both lists in byte order of the whole path, so they are matched by one merge instead
    // of a map of 10,000 cloned paths.
    let files = scan_sources(content_dir)?;
    let in_order = cached.is_sorted_by(|a, b| a.entry.rel < b.entry.rel);
    if !in_order {
        cached.sort_unstable_by(|a, b| a.entry.rel.cmp(&b.entry.rel));
        cached.dedup_by(|a, b| a.entry.rel == b.entry.rel);
    }
    let cached_count = cached.len();

    // Reuse what the stamps allow; the rest is parsed below, in parallel.
    // Nearly every slot is `Ready`: boxing it would cost an allocation per article.
    #[allow(clippy::large_enum_variant)]
    enum Slot {
        /// From the cache, with its position there.
        Ready(Source, usize),
        Parse(String, PathBuf, Stamp),
        Broken(BuildError),
    }
    let mut cached = cached.into_iter().enumerate().peekable();
    let (mut reused, mut matched) = (0, 0);
    let slots: Vec<Slot> = files
        .into_iter()
        .map(|Found { rel, path, stamp }| {
            while cached.next_if(|(_, c)| c.entry.rel < rel).is_some() {}
            let hit = cached.next_if(|(_, c)| c.entry.rel == rel);
            matched += usize::from(hit.is_some());
            match stamp {
                Err(error) => Slot::Broken(error),
                Ok(stamp) => match hit {
                    Some((at, source)) if source.stamp == stamp => {
                        reused += 1;
                        Slot::Ready(source, at)
                    }
                    _ => Slot::Parse(rel, path, stamp),
                },
            }
        })
        .collect();
    let results: Vec<Result<(Source, Option<usize>), BuildError>> = slots
        .into_par_iter()
        .map(|slot| match slot {
            Slot::Ready(source, at) => Ok((source, Some(at))),
            Slot::Broken(error) => Err(error),
            Slot::Parse(rel, path, stamp) => {
                let (article, hash) = read_article(&path)?;
                let entry = entry_of(rel, hash, article, style);
                Ok((Source { stamp, entry }, None))
            }
        })
        .collect();
    let mut sources = Vec::with_capacity(results.len());
    let mut kept = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok((source, from)) => {
                kept.push(in_order && from == Some(sources.len()));
                sources.push(source);
            }
            Err(e) => errors.push(e),
        }
    }
    let mut errors = errors.into_iter();
    match errors.next() {
        None => Ok(Loaded {
            parsed: sources.len() - reused,
            removed: cached_count - matched,
            sources,
            kept,
        }),
        Some(first) => {
            let more = errors.count();
            if more == 0 {
                Err(first)
            } else {
                Err(match first {
                    BuildError::File { path, message } => BuildError::File {
                        path,
                        message: format!("{message} (and {more} more broken files)"),
                    },
                    other => other,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_skip_images_captions_and_headings() {
        let article = Article::from_markdown(
            "---\ntitle: T\n---\n\n![A crowd by the river](a.jpg)\n\n*▲ A crowd by the river. ⓒ Paper*\n\n## Lead\n\nThe festival opened on Friday.",
        )
        .unwrap();
        let entry = entry_of("a.md".into(), "h".into(), article, SlugStyle::Keep);
        assert_eq!(entry.excerpt, "The festival opened on Friday.");
        // A body of captions alone still gives an excerpt.
        let article = Article::from_markdown("---\ntitle: T\n---\n\n*Only a caption*").unwrap();
        let entry = entry_of("b.md".into(), "h".into(), article, SlugStyle::Keep);
        assert_eq!(entry.excerpt, "Only a caption");
    }

    #[test]
    fn entry_measures_reading_and_language() {
        let article = Article::from_markdown(&format!(
            "---\ntitle: 제목\n---\n\n{}",
            "김천시에서 열린 회의. ".repeat(200)
        ))
        .unwrap();
        let entry = entry_of("a.md".into(), "h".into(), article, SlugStyle::Keep);
        assert!(entry.hangul);
        // 200 × 10 non-space characters = 2000 / 500 = 4 minutes.
        assert_eq!(entry.reading_minutes, 4);
        assert!(entry.excerpt.chars().count() <= EXCERPT_CHARS + 1);
        let article =
            Article::from_markdown(&format!("---\ntitle: T\n---\n\n{}", "word ".repeat(460)))
                .unwrap();
        let entry = entry_of("b.md".into(), "h".into(), article, SlugStyle::Keep);
        assert!(!entry.hangul);
        assert_eq!(entry.reading_minutes, 2);
    }

    #[test]
    fn body_split_matches_article_parser() {
        for text in [
            "---\ntitle: a\n---\n\nBody\n\nmore\n",
            "\u{feff}---\r\ntitle: a\r\n---\r\n\r\nBody\r\n",
            "---\ntitle: a\n...\nBody with --- inside\n---\nand after\n",
            "---\ntitle: a\n---",
            "---  \ntitle: \"---\"\ntags: [x]\n---   \n\n\n  indented code?\n\n",
        ] {
            let article = Article::from_markdown(text).unwrap();
            assert_eq!(
                body_after_front_matter(text),
                Some(article.body.as_str()),
                "{text:?}"
            );
        }
        assert_eq!(body_after_front_matter("no front matter"), None);
    }

    #[test]
    fn broken_file_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ok.md"), "---\ntitle: ok\n---\nx").unwrap();
        std::fs::write(dir.path().join("bad.md"), "---\ntitle: x\ndate: [\n---\n").unwrap();
        let error = load(dir.path(), Vec::new(), SlugStyle::Keep)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("bad.md") && error.contains("line"),
            "{error}"
        );
    }

    #[test]
    fn reuses_cached_sources_by_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |rel: &str, title: &str| {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, format!("---\ntitle: {title}\n---\n\nBody.")).unwrap();
        };
        write("b/z.md", "Zed");
        write("a.md", "Ay");
        write("b-c.md", "Dash");
        write(".drafts/x.md", "Hidden folder");
        write("b/.y.md", "Hidden file");
        write("notes.txt", "Not Markdown");
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join("a.md"), root.join("link.md")).unwrap();

        let first = load(root, Vec::new(), SlugStyle::Keep).unwrap();
        let rels: Vec<&str> = first.sources.iter().map(|s| s.entry.rel.as_str()).collect();
        // Byte order of the whole path ('-' sorts before '/').
        assert_eq!(rels, ["a.md", "b-c.md", "b/z.md"]);
        assert_eq!((first.parsed, first.removed), (3, 0));
        assert_eq!(first.sources[2].entry.name, "zed");

        // Unchanged files are taken from the cache, whatever order it comes in.
        let mut cached = first.sources;
        cached.reverse();
        let second = load(root, cached, SlugStyle::Keep).unwrap();
        assert_eq!((second.parsed, second.removed), (0, 0));
        // … but not from their place in it, so none counts as kept in place.
        assert_eq!(second.kept, [false, false, false]);
        let second = load(root, second.sources, SlugStyle::Keep).unwrap();
        assert_eq!(second.kept, [true, true, true]);

        // One file gone, one new, one changed (a different size, so a different stamp).
        std::fs::remove_file(root.join("b-c.md")).unwrap();
        write("c.md", "See");
        write("a.md", "Ay again");
        let third = load(root, second.sources, SlugStyle::Keep).unwrap();
        let titles: Vec<&str> = third
            .sources
            .iter()
            .map(|s| s.entry.title.as_str())
            .collect();
        assert_eq!(titles, ["Ay again", "Zed", "See"]);
        assert_eq!((third.parsed, third.removed), (2, 1));
        // "b/z.md" moved from third to second place.
        assert_eq!(third.kept, [false, false, false]);
    }
}
