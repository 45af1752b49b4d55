//! The build cache, `<site>/.clippings/build-cache.json`: per source file its stamp and parsed
//! entry (so unchanged files are not parsed again), and per output file the fingerprint of its
//! inputs (so unchanged pages are not rendered again). Kept outside the output folder so it
//! is never deployed. A cache from another version, output folder or configuration is ignored.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::load::Loaded;

const CACHE_DIR: &str = ".clippings";
const CACHE_FILE: &str = "build-cache.json";
/// Bump when what the cache stores changes meaning (e.g. a new field in `Entry`).
const CACHE_FORMAT: u32 = 3;

/// The version a cache must carry to be trusted: the program's and the cache format's.
pub fn version() -> String {
    format!("{}+cache{CACHE_FORMAT}", env!("CARGO_PKG_VERSION"))
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct BuildCache {
    pub version: String,
    /// The output folder the outputs below were written to.
    pub out_dir: PathBuf,
    /// Hash of configuration, templates and version (`Renderer::global_hash`).
    pub global: String,
    pub sources: HashMap<String, Loaded>,
    /// Output path → fingerprint of its inputs.
    pub outputs: BTreeMap<String, String>,
}

pub fn path(site_dir: &Path) -> PathBuf {
    site_dir.join(CACHE_DIR).join(CACHE_FILE)
}

/// Reads the cache; a missing, unreadable or foreign cache is an empty one. Also returns the
/// raw bytes, so an unchanged cache is not written again.
pub fn read(site_dir: &Path) -> (BuildCache, Vec<u8>) {
    let Ok(bytes) = std::fs::read(path(site_dir)) else {
        return (BuildCache::default(), Vec::new());
    };
    match serde_json::from_slice::<BuildCache>(&bytes) {
        Ok(cache) if cache.version == version() => (cache, bytes),
        _ => (BuildCache::default(), Vec::new()),
    }
}

/// Writes the cache unless its bytes are unchanged. Failing to write it only costs speed
/// next time, so the error is returned for a warning, not a failed build.
pub fn write(site_dir: &Path, cache: &BuildCache, old: &[u8]) -> std::io::Result<bool> {
    let bytes = serde_json::to_vec(cache).map_err(std::io::Error::other)?;
    if bytes == old {
        return Ok(false);
    }
    let file = path(site_dir);
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = file.with_extension("json.tmp");
    std::fs::write(&tmp, &bytes)?;
    std::fs::rename(&tmp, &file)?;
    Ok(true)
}
