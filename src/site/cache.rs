//! The build cache, `<site>/.clippings/cache/`: per source file its stamp and parsed entry
//! (so unchanged files are not parsed again), and per output file the fingerprint of its
//! inputs (so unchanged pages are not rendered again). Kept outside the output folder so it
//! is never deployed. A cache from another version is ignored; one from another output
//! folder or configuration only lends its parsed sources.
//!
//! Every build reads it and most builds change a little of it, so it is a folder of compact
//! binary blocks (postcard): `head.bin` says what the blocks are, `s<k>.bin` hold the sources
//! in path order and `o<k>.bin` the outputs in build order, [`BLOCK`] to a block. Blocks are
//! decoded in parallel, and a build writes only the blocks whose contents changed (one edit
//! rewrites a few hundred kilobytes, not the whole cache). Each file is replaced atomically
//! and the head last; a block left from an interrupted build is still true about what it
//! describes (stamps and fingerprints are checked against the present anyway), and an
//! unreadable block only costs the work it would have saved. It is a private file of this
//! program, never something to edit or keep.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::load::{Entry, Source, Stamp};
use crate::slug::SlugStyle;

const CACHE_DIR: &str = ".clippings";
const BLOCKS_DIR: &str = "cache";
const HEAD_FILE: &str = "head.bin";
/// Caches of earlier versions, removed when the new one is written.
const OLD_CACHE_FILES: &[&str] = &["build-cache.json", "build-cache.bin"];
/// Bump when what the cache stores changes meaning (e.g. a new field in `Entry`).
const CACHE_FORMAT: u32 = 6;

/// Sources (or outputs) per block: small enough that one edit rewrites little, large
/// enough that 10,000 articles make a few dozen files.
pub const BLOCK: usize = 1024;

/// The first 128 bits of a SHA-256 of everything an output is made from.
pub type Fingerprint = [u8; 16];

/// The fingerprint of a finished SHA-256 digest: its first 128 bits.
pub fn fingerprint_of(digest: &[u8]) -> Fingerprint {
    let mut out = [0u8; 16];
    out.copy_from_slice(&digest[..16]);
    out
}

/// The version a cache must carry to be trusted: the program's and the cache format's.
pub fn version() -> String {
    format!("{}+cache{CACHE_FORMAT}", env!("CARGO_PKG_VERSION"))
}

/// The cache as read.
#[derive(Debug, Default)]
pub struct BuildCache {
    /// The output folder the outputs below were written to.
    pub out_dir: PathBuf,
    /// Hash of configuration, templates and version (`Renderer::global_hash`).
    pub global: String,
    /// The slug style the entries' permalink names were made in.
    pub slug_style: SlugStyle,
    /// In path order, unless a damaged cache mixed blocks of two builds.
    pub sources: Vec<Source>,
    /// Output path → fingerprint of its inputs and its position in the last build's list.
    pub outputs: FxHashMap<String, (Fingerprint, usize)>,
    /// How many sources and outputs each block on disk held (`None`: unreadable).
    pub source_blocks: Vec<Option<usize>>,
    pub output_blocks: Vec<Option<usize>>,
}

/// What the cache is written from.
pub struct BuildCacheRef<'a> {
    pub out_dir: &'a Path,
    pub global: &'a str,
    pub slug_style: SlugStyle,
    /// In path order.
    pub sources: Vec<SourceRef<'a>>,
    /// Output path and fingerprint (each path once), in build order.
    pub outputs: &'a [(String, Fingerprint)],
    /// Per source and per output: true when it is the same, at the same position, as in the
    /// cache that was read (so a block of only such items need not be written again).
    pub sources_kept: &'a [bool],
    pub outputs_kept: &'a [bool],
    /// The block sizes of the cache that was read (`BuildCache::source_blocks`, …).
    pub old_source_blocks: &'a [Option<usize>],
    pub old_output_blocks: &'a [Option<usize>],
}

/// A [`Source`] by reference (serialises to the same bytes).
#[derive(Serialize)]
pub struct SourceRef<'a> {
    pub stamp: Stamp,
    pub entry: &'a Entry,
}

#[derive(Serialize, Deserialize)]
struct Head {
    /// First, so a cache of another version is recognised before the rest is decoded.
    version: String,
    out_dir: PathBuf,
    global: String,
    slug_style: SlugStyle,
    source_blocks: u32,
    output_blocks: u32,
}

fn blocks_dir(site_dir: &Path) -> PathBuf {
    site_dir.join(CACHE_DIR).join(BLOCKS_DIR)
}

fn block_name(kind: char, k: usize) -> String {
    format!("{kind}{k}.bin")
}

/// Reads the cache; a missing, unreadable or foreign cache is an empty one.
pub fn read(site_dir: &Path) -> BuildCache {
    let dir = blocks_dir(site_dir);
    let Ok(bytes) = std::fs::read(dir.join(HEAD_FILE)) else {
        return BuildCache::default();
    };
    // The version alone first: a head of another format may not decode as this one.
    match postcard::take_from_bytes::<String>(&bytes) {
        Ok((version, _)) if version == self::version() => {}
        _ => return BuildCache::default(),
    }
    let Ok(head) = postcard::from_bytes::<Head>(&bytes) else {
        return BuildCache::default();
    };
    // Counts from a file are never trusted: a damaged head may ask for no more blocks than
    // the folder holds.
    let files = std::fs::read_dir(&dir).map_or(0, Iterator::count);
    let count = |n: u32| (n as usize).min(files);
    let read_block = |kind: char, k: usize| std::fs::read(dir.join(block_name(kind, k))).ok();
    let (sources, outputs) = rayon::join(
        || {
            (0..count(head.source_blocks))
                .into_par_iter()
                .map(|k| {
                    read_block('s', k).and_then(|b| postcard::from_bytes::<Vec<Source>>(&b).ok())
                })
                .collect::<Vec<_>>()
        },
        || {
            (0..count(head.output_blocks))
                .into_par_iter()
                .map(|k| {
                    read_block('o', k)
                        .and_then(|b| postcard::from_bytes::<Vec<(String, Fingerprint)>>(&b).ok())
                })
                .collect::<Vec<_>>()
        },
    );
    let source_blocks = sources.iter().map(|b| b.as_ref().map(Vec::len)).collect();
    let output_blocks = outputs.iter().map(|b| b.as_ref().map(Vec::len)).collect();
    let mut by_path = FxHashMap::with_capacity_and_hasher(
        outputs.iter().flatten().map(Vec::len).sum(),
        Default::default(),
    );
    for (k, block) in outputs.into_iter().enumerate() {
        for (n, (rel, fingerprint)) in block.into_iter().flatten().enumerate() {
            by_path.insert(rel, (fingerprint, k * BLOCK + n));
        }
    }
    BuildCache {
        out_dir: head.out_dir,
        global: head.global,
        slug_style: head.slug_style,
        sources: sources.into_iter().flatten().flatten().collect(),
        outputs: by_path,
        source_blocks,
        output_blocks,
    }
}

/// Which blocks of `count` items must be written: those with an item not kept in place, or
/// whose size or readability on disk differs.
fn stale_blocks(count: usize, kept: &[bool], old: &[Option<usize>]) -> Vec<usize> {
    (0..count.div_ceil(BLOCK))
        .filter(|&k| {
            let range = k * BLOCK..((k + 1) * BLOCK).min(count);
            old.get(k).copied().flatten() != Some(range.len())
                || !kept
                    .get(range)
                    .is_some_and(|items| items.iter().all(|&kept| kept))
        })
        .collect()
}

/// Writes the blocks that changed, then the head, and removes blocks past the new end.
/// Failing to write only costs speed next time, so the error is returned for a warning, not
/// a failed build. Returns the number of blocks written.
pub fn write(site_dir: &Path, cache: &BuildCacheRef) -> std::io::Result<usize> {
    let dir = blocks_dir(site_dir);
    std::fs::create_dir_all(&dir)?;
    for old in OLD_CACHE_FILES {
        let _ = std::fs::remove_file(site_dir.join(CACHE_DIR).join(old));
    }
    let write_file = |name: &str, bytes: &[u8]| -> std::io::Result<()> {
        let tmp = dir.join(format!("{name}.tmp"));
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, dir.join(name))
    };
    let sources = stale_blocks(
        cache.sources.len(),
        cache.sources_kept,
        cache.old_source_blocks,
    );
    let outputs = stale_blocks(
        cache.outputs.len(),
        cache.outputs_kept,
        cache.old_output_blocks,
    );
    let written = sources.len() + outputs.len();
    let jobs: Vec<(char, usize)> = sources
        .into_iter()
        .map(|k| ('s', k))
        .chain(outputs.into_iter().map(|k| ('o', k)))
        .collect();
    jobs.par_iter()
        .map(|&(kind, k)| {
            let bytes = if kind == 's' {
                let end = ((k + 1) * BLOCK).min(cache.sources.len());
                postcard::to_stdvec(&cache.sources[k * BLOCK..end])
            } else {
                let end = ((k + 1) * BLOCK).min(cache.outputs.len());
                postcard::to_stdvec(&cache.outputs[k * BLOCK..end])
            }
            .map_err(std::io::Error::other)?;
            write_file(&block_name(kind, k), &bytes)
        })
        .collect::<std::io::Result<()>>()?;
    let head = Head {
        version: version(),
        out_dir: cache.out_dir.to_path_buf(),
        global: cache.global.to_string(),
        slug_style: cache.slug_style,
        source_blocks: cache.sources.len().div_ceil(BLOCK) as u32,
        output_blocks: cache.outputs.len().div_ceil(BLOCK) as u32,
    };
    write_file(
        HEAD_FILE,
        &postcard::to_stdvec(&head).map_err(std::io::Error::other)?,
    )?;
    // Blocks past the end belong to a larger archive of before.
    for (kind, from) in [
        ('s', head.source_blocks as usize),
        ('o', head.output_blocks as usize),
    ] {
        let mut k = from;
        while std::fs::remove_file(dir.join(block_name(kind, k))).is_ok() {
            k += 1;
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outputs(n: usize, mark: u8) -> Vec<(String, Fingerprint)> {
        (0..n)
            .map(|i| (format!("p{i}/index.html"), [mark; 16]))
            .collect()
    }

    fn save(
        dir: &Path,
        outputs: &[(String, Fingerprint)],
        kept: &[bool],
        old: &BuildCache,
    ) -> usize {
        write(
            dir,
            &BuildCacheRef {
                out_dir: Path::new("/out"),
                global: "g",
                slug_style: SlugStyle::Romanize,
                sources: Vec::new(),
                outputs,
                sources_kept: &[],
                outputs_kept: kept,
                old_source_blocks: &old.source_blocks,
                old_output_blocks: &old.output_blocks,
            },
        )
        .unwrap()
    }

    #[test]
    fn round_trip_rewrites_only_changed_blocks() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path();
        let list = outputs(BLOCK * 2 + 5, 1);
        assert_eq!(save(site, &list, &[], &BuildCache::default()), 3);
        let cache = read(site);
        assert_eq!(cache.out_dir, Path::new("/out"));
        assert_eq!(cache.slug_style, SlugStyle::Romanize);
        assert_eq!(cache.output_blocks, [Some(BLOCK), Some(BLOCK), Some(5)]);
        assert_eq!(cache.outputs["p3/index.html"], ([1; 16], 3));
        assert_eq!(cache.outputs.len(), list.len());

        // One output changed: only its block is written again.
        let mut kept = vec![true; list.len()];
        let mut changed = list.clone();
        changed[BLOCK + 7].1 = [2; 16];
        kept[BLOCK + 7] = false;
        assert_eq!(save(site, &changed, &kept, &cache), 1);
        let again = read(site);
        assert_eq!(
            again.outputs[&format!("p{}/index.html", BLOCK + 7)].0,
            [2; 16]
        );

        // A smaller list: its last block is rewritten, the blocks past it go.
        let short = outputs(BLOCK - 1, 1);
        assert_eq!(save(site, &short, &vec![true; short.len()], &again), 1);
        let again = read(site);
        assert_eq!(again.output_blocks, [Some(BLOCK - 1)]);
        assert!(!blocks_dir(site).join("o1.bin").exists());
    }

    #[test]
    fn foreign_or_damaged_caches() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path();
        let list = outputs(BLOCK + 1, 1);
        save(site, &list, &[], &BuildCache::default());
        let head = blocks_dir(site).join(HEAD_FILE);
        let bytes = std::fs::read(&head).unwrap();

        // A damaged block is only missing work: the other block still reads.
        std::fs::write(blocks_dir(site).join("o0.bin"), b"\xff\xff\xff").unwrap();
        let cache = read(site);
        assert_eq!(cache.output_blocks, [None, Some(1)]);
        assert_eq!(cache.outputs.len(), 1);

        // Another version's head, a cut-off head, or garbage: an empty cache.
        let mut other = postcard::to_stdvec("0.0.0+cache0").unwrap();
        other.extend_from_slice(&bytes[postcard::to_stdvec(&version()).unwrap().len()..]);
        std::fs::write(&head, &other).unwrap();
        assert!(read(site).outputs.is_empty());
        std::fs::write(&head, &bytes[..bytes.len() - 3]).unwrap();
        assert!(read(site).outputs.is_empty());
        std::fs::write(&head, b"\x05garbage").unwrap();
        assert!(read(site).outputs.is_empty());
    }
}
