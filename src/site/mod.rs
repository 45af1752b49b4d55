//! content/ → `Site` (pages, tags, sections, date archive) → rendered output in `public/`,
//! with feeds, sitemap and search index.
//!
//! The stages: `load` reads Markdown files into articles; `model` builds the site's
//! indexes; `render` runs the Tera templates; `feeds`, `sitemap`, `search` write the
//! machine-readable outputs; `output` writes into a fresh folder and swaps it in.

use std::path::{Path, PathBuf};

use crate::config::Config;

/// What `build` is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The output folder (default `public/` in the site).
    pub out_dir: PathBuf,
    /// Overrides `base_url` from the configuration.
    pub base_url: Option<String>,
}

/// What a build did.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    pub articles: usize,
    pub pages_written: usize,
}

/// Why a build failed. Names the file (and line) that broke it.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{path}: {message}")]
    File { path: PathBuf, message: String },
    #[error("{0}")]
    Other(String),
}

/// Builds the site in `site_dir` (STUB).
pub fn build(
    _site_dir: &Path,
    _config: &Config,
    _options: &BuildOptions,
) -> Result<BuildReport, BuildError> {
    Err(BuildError::Other("site building is not written yet".into()))
}

/// The default templates shipped in the binary, as (file name, text) (STUB).
pub fn default_templates() -> &'static [(&'static str, &'static str)] {
    &[]
}

/// The default static files shipped in the binary, as (file name, bytes) (STUB).
pub fn default_static() -> &'static [(&'static str, &'static [u8])] {
    &[]
}
