//! The build cache, `<site>/.clippings/build-cache.bin`: per source file its stamp and parsed
//! entry (so unchanged files are not parsed again), and per output file the fingerprint of its
//! inputs (so unchanged pages are not rendered again). Kept outside the output folder so it
//! is never deployed. A cache from another version, output folder or configuration is ignored.
//!
//! It is read and written by every build, so it is a compact binary file (postcard): at
//! 10,000 articles it is about half the size of the JSON it replaced and decodes several
//! times faster. It is a private file of this program, never something to edit or keep.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::load::Source;
use crate::slug::SlugStyle;

const CACHE_DIR: &str = ".clippings";
const CACHE_FILE: &str = "build-cache.bin";
/// The JSON cache of earlier versions, removed when the new one is written.
const OLD_CACHE_FILE: &str = "build-cache.json";
/// Bump when what the cache stores changes meaning (e.g. a new field in `Entry`).
const CACHE_FORMAT: u32 = 5;

/// The first 128 bits of a SHA-256 of everything an output is made from.
pub type Fingerprint = [u8; 16];

/// The version a cache must carry to be trusted: the program's and the cache format's.
pub fn version() -> String {
    format!("{}+cache{CACHE_FORMAT}", env!("CARGO_PKG_VERSION"))
}

#[derive(Debug, Default)]
pub struct BuildCache {
    /// The output folder the outputs below were written to.
    pub out_dir: PathBuf,
    /// Hash of configuration, templates and version (`Renderer::global_hash`).
    pub global: String,
    /// The slug style the entries' permalink names were made in.
    pub slug_style: SlugStyle,
    /// Sorted by path.
    pub sources: Vec<Source>,
    /// Output path → fingerprint of its inputs.
    pub outputs: HashMap<String, Fingerprint>,
}

/// What the cache is written from: the same fields, by reference.
pub struct BuildCacheRef<'a> {
    pub out_dir: &'a Path,
    pub global: &'a str,
    pub slug_style: SlugStyle,
    /// Sorted by path.
    pub sources: Vec<SourceRef<'a>>,
    /// Output path and fingerprint (each path once).
    pub outputs: &'a [(String, Fingerprint)],
}

/// A [`Source`] by reference (serialises to the same bytes).
#[derive(Serialize)]
pub struct SourceRef<'a> {
    pub stamp: super::load::Stamp,
    pub entry: &'a super::load::Entry,
}

/// The file's layout: this head, then `chunks` blocks, each an 8-byte little-endian length
/// and a postcard sequence (of sources for the first `source_chunks`, then of outputs).
/// Blocks are encoded and decoded in parallel: decoding 10,000 entries is most of the
/// time a no-op build spends on the cache.
#[derive(Serialize, Deserialize)]
struct Head {
    /// First, so a cache of another version is recognised before the rest is decoded.
    version: String,
    out_dir: PathBuf,
    global: String,
    slug_style: SlugStyle,
    source_chunks: u32,
    chunks: u32,
}

/// Sources (or outputs) per block: enough blocks to share among cores, few enough that
/// each is worth a task.
const CHUNK: usize = 1024;

pub fn path(site_dir: &Path) -> PathBuf {
    site_dir.join(CACHE_DIR).join(CACHE_FILE)
}

/// Reads the cache; a missing, unreadable or foreign cache is an empty one.
pub fn read(site_dir: &Path) -> BuildCache {
    std::fs::read(path(site_dir))
        .ok()
        .and_then(|bytes| decode(&bytes))
        .unwrap_or_default()
}

fn decode(bytes: &[u8]) -> Option<BuildCache> {
    // The version alone first: a cache of another format may not decode as this one.
    let (version, _) = postcard::take_from_bytes::<String>(bytes).ok()?;
    if version != self::version() {
        return None;
    }
    let (head, mut rest) = postcard::take_from_bytes::<Head>(bytes).ok()?;
    // The counts come from a file: never allocate by them, a damaged file must only fail.
    let mut blocks = Vec::new();
    for _ in 0..head.chunks {
        let len = u64::from_le_bytes(rest.get(..8)?.try_into().ok()?);
        let len = usize::try_from(len).ok()?;
        let block = rest.get(8..8usize.checked_add(len)?)?;
        blocks.push(block);
        rest = &rest[8 + len..];
    }
    let split = (head.source_chunks as usize).min(blocks.len());
    let (source_blocks, output_blocks) = blocks.split_at(split);
    let (sources, outputs) = rayon::join(
        || {
            source_blocks
                .par_iter()
                .map(|block| postcard::from_bytes::<Vec<Source>>(block).ok())
                .collect::<Option<Vec<_>>>()
        },
        || {
            output_blocks
                .par_iter()
                .map(|block| postcard::from_bytes::<Vec<(String, Fingerprint)>>(block).ok())
                .collect::<Option<Vec<_>>>()
        },
    );
    Some(BuildCache {
        out_dir: head.out_dir,
        global: head.global,
        slug_style: head.slug_style,
        sources: sources?.into_iter().flatten().collect(),
        outputs: outputs?.into_iter().flatten().collect(),
    })
}

/// Writes the cache. Failing to write it only costs speed next time, so the error is
/// returned for a warning, not a failed build.
pub fn write(site_dir: &Path, cache: &BuildCacheRef) -> std::io::Result<()> {
    let (sources, outputs) = rayon::join(
        || {
            cache
                .sources
                .par_chunks(CHUNK)
                .map(postcard::to_stdvec)
                .collect::<Result<Vec<_>, _>>()
        },
        || {
            cache
                .outputs
                .par_chunks(CHUNK)
                .map(postcard::to_stdvec)
                .collect::<Result<Vec<_>, _>>()
        },
    );
    let (sources, outputs) = (
        sources.map_err(std::io::Error::other)?,
        outputs.map_err(std::io::Error::other)?,
    );
    let head = Head {
        version: version(),
        out_dir: cache.out_dir.to_path_buf(),
        global: cache.global.to_string(),
        slug_style: cache.slug_style,
        source_chunks: sources.len() as u32,
        chunks: (sources.len() + outputs.len()) as u32,
    };
    let mut bytes = postcard::to_stdvec(&head).map_err(std::io::Error::other)?;
    for block in sources.iter().chain(&outputs) {
        bytes.extend_from_slice(&(block.len() as u64).to_le_bytes());
        bytes.extend_from_slice(block);
    }
    let file = path(site_dir);
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
        let _ = std::fs::remove_file(dir.join(OLD_CACHE_FILE));
    }
    let tmp = file.with_extension("bin.tmp");
    std::fs::write(&tmp, &bytes)?;
    std::fs::rename(&tmp, &file)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_foreign_caches() {
        let dir = tempfile::tempdir().unwrap();
        let outputs = vec![("index.html".to_string(), [7u8; 16])];
        let out = dir.path().join("public");
        write(
            dir.path(),
            &BuildCacheRef {
                out_dir: &out,
                global: "g",
                slug_style: SlugStyle::Romanize,
                sources: Vec::new(),
                outputs: &outputs,
            },
        )
        .unwrap();
        let cache = read(dir.path());
        assert_eq!(cache.out_dir, out);
        assert_eq!(cache.slug_style, SlugStyle::Romanize);
        assert_eq!(cache.outputs, outputs.into_iter().collect());

        // Another version's cache, a cut-off cache, or garbage, reads as empty.
        let bytes = std::fs::read(path(dir.path())).unwrap();
        let mut other = postcard::to_stdvec("0.0.0+cache0").unwrap();
        other.extend_from_slice(&bytes[postcard::to_stdvec(&version()).unwrap().len()..]);
        std::fs::write(path(dir.path()), &other).unwrap();
        assert!(read(dir.path()).outputs.is_empty());
        std::fs::write(path(dir.path()), &bytes[..bytes.len() - 3]).unwrap();
        assert!(read(dir.path()).outputs.is_empty());
        std::fs::write(path(dir.path()), b"\x05garbage").unwrap();
        assert!(read(dir.path()).outputs.is_empty());
    }
}
