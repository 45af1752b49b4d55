//! Writing the output folder safely.
//!
//! A full build writes into a fresh hidden folder beside the output and swaps it in only when
//! every file is written, so a failed build leaves the last good site untouched. An
//! incremental build writes in place, and only files whose bytes changed.

use std::path::{Path, PathBuf};

use super::BuildError;

fn io_error(path: &Path, error: std::io::Error) -> BuildError {
    BuildError::File {
        path: path.to_path_buf(),
        message: error.to_string(),
    }
}

/// Answers "is this output still a file on disk?" for the thousands of outputs an
/// incremental build skips (a page deleted by hand must be made again). On Unix each is
/// looked up relative to the output folder, opened once: the path walk from `/` down to
/// the folder is most of the cost of checking a file by its full path.
pub struct Existing {
    root: PathBuf,
    #[cfg(unix)]
    dir: Option<std::fs::File>,
}

impl Existing {
    pub fn new(root: &Path) -> Existing {
        Existing {
            root: root.to_path_buf(),
            #[cfg(unix)]
            dir: std::fs::File::open(root).ok(),
        }
    }

    /// True when `root/rel` is a regular file (following symbolic links, as `Path::is_file`).
    pub fn is_file(&self, rel: &str) -> bool {
        #[cfg(unix)]
        if let Some(dir) = &self.dir {
            use rustix::fs::{AtFlags, FileType, statat};
            return statat(dir, rel, AtFlags::empty())
                .is_ok_and(|stat| FileType::from_raw_mode(stat.st_mode) == FileType::RegularFile);
        }
        self.root.join(rel).is_file()
    }
}

/// Writes `bytes` at `root/rel`, creating folders.
pub fn write_new(root: &Path, rel: &str, bytes: &[u8]) -> Result<(), BuildError> {
    let path = root.join(rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
    }
    std::fs::write(&path, bytes).map_err(|e| io_error(&path, e))
}

/// Writes `bytes` at `root/rel` unless the file already holds them. Returns whether it wrote.
pub fn write_if_changed(root: &Path, rel: &str, bytes: &[u8]) -> Result<bool, BuildError> {
    let path = root.join(rel);
    if let Ok(existing) = std::fs::read(&path)
        && existing == bytes
    {
        return Ok(false);
    }
    write_new(root, rel, bytes)?;
    Ok(true)
}

/// Removes `root/rel` and the folders it leaves empty (up to `root`).
pub fn remove(root: &Path, rel: &str) -> Result<(), BuildError> {
    let path = root.join(rel);
    match std::fs::remove_file(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_error(&path, e)),
    }
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == root || !d.starts_with(root) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(())
}

/// A fresh, empty staging folder beside `out_dir`.
pub fn staging(out_dir: &Path) -> Result<PathBuf, BuildError> {
    let parent = parent_of(out_dir);
    std::fs::create_dir_all(&parent).map_err(|e| io_error(&parent, e))?;
    let name = out_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let dir = tempfile::Builder::new()
        .prefix(&format!(".{name}.building-"))
        .tempdir_in(&parent)
        .map_err(|e| io_error(&parent, e))?;
    Ok(dir.keep())
}

fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Replaces `out_dir` with the finished `staging` folder.
pub fn swap_in(staging: &Path, out_dir: &Path) -> Result<(), BuildError> {
    if out_dir.exists() {
        let parent = parent_of(out_dir);
        let old = tempfile::Builder::new()
            .prefix(".old-output-")
            .tempdir_in(&parent)
            .map_err(|e| io_error(&parent, e))?
            .keep();
        let old_site = old.join("site");
        std::fs::rename(out_dir, &old_site).map_err(|e| io_error(out_dir, e))?;
        if let Err(e) = std::fs::rename(staging, out_dir) {
            // Put the old site back before reporting.
            let _ = std::fs::rename(&old_site, out_dir);
            return Err(io_error(out_dir, e));
        }
        remove_tree(&old);
    } else {
        std::fs::rename(staging, out_dir).map_err(|e| io_error(out_dir, e))?;
    }
    Ok(())
}

/// Deletes a folder tree, its files in parallel (deleting a large old site one file at a
/// time was a quarter of a full build).
pub fn remove_tree(dir: &Path) {
    use rayon::prelude::*;
    let files = list_files(dir);
    files.par_iter().for_each(|rel| {
        let _ = std::fs::remove_file(dir.join(rel));
    });
    let _ = std::fs::remove_dir_all(dir);
}

/// Lists every file under `dir` as `/`-separated relative paths.
pub fn list_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for item in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if item.file_type().is_file() {
            let rel = item
                .path()
                .strip_prefix(dir)
                .unwrap_or(item.path())
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.push(rel);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn existing_outputs() {
        let dir = tempfile::tempdir().unwrap();
        write_new(dir.path(), "2024/06/21/김천/index.html", b"x").unwrap();
        let existing = Existing::new(dir.path());
        assert!(existing.is_file("2024/06/21/김천/index.html"));
        assert!(!existing.is_file("2024/06/21/김천"));
        assert!(!existing.is_file("2024/06/21/other/index.html"));
        remove(dir.path(), "2024/06/21/김천/index.html").unwrap();
        assert!(!existing.is_file("2024/06/21/김천/index.html"));
        assert!(!dir.path().join("2024").exists());
        // A missing output folder has no files.
        assert!(!Existing::new(&dir.path().join("none")).is_file("index.html"));
    }
}
