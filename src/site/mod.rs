//! content/ → `Site` (pages, tags, sections, date archive) → rendered output in `public/`,
//! with feeds, sitemap and search index.
//!
//! The stages: `load` reads Markdown files into entries; `model` builds the site's
//! indexes; `render` decides the outputs and runs the Tera templates (article bodies through
//! `markdown`); `feeds`, `sitemap`, `search` write the machine-readable outputs; `output`
//! writes into a fresh folder and swaps it in; `cache` makes the next build incremental.
//! `paths` and `i18n` hold naming and wording.

mod cache;
mod feeds;
mod i18n;
mod load;
pub mod markdown;
mod model;
mod output;
pub mod paths;
mod render;
mod search;
mod sitemap;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use rustc_hash::FxHashSet;

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
    /// Files written (created or changed).
    pub pages_written: usize,
    /// Outputs rendered (an incremental build renders only those whose inputs changed).
    pub pages_rendered: usize,
    /// Files removed because their page no longer exists.
    pub files_removed: usize,
    /// True when the build reused the previous output (incremental).
    pub incremental: bool,
    /// Things a person should know (permalink clashes, static files shadowed).
    pub warnings: Vec<String>,
    /// Wall-clock time of the build in milliseconds.
    pub millis: u128,
}

/// Why a build failed. Names the file (and line) that broke it.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{path}: {message}")]
    File { path: PathBuf, message: String },
    #[error("{0}")]
    Other(String),
}

/// The default templates (name, text), as shipped in the binary. `clippings init
/// --templates` copies them; a site's `templates/<name>` overrides one file by file.
pub fn default_templates() -> &'static [(&'static str, &'static str)] {
    render::TEMPLATES
}

/// The default static files (path under `static/`, text), as shipped in the binary.
pub fn default_static() -> &'static [(&'static str, &'static str)] {
    STATIC
}

const STATIC: &[(&str, &str)] = &[
    ("style.css", include_str!("../../static/style.css")),
    ("search.js", include_str!("../../static/search.js")),
];

/// Builds the site in `site_dir` into `options.out_dir`.
pub fn build(
    site_dir: &Path,
    config: &Config,
    options: &BuildOptions,
) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let timings = std::env::var_os("CLIPPINGS_TIMINGS").is_some();
    let lap = |stage: &str| {
        if timings {
            eprintln!(
                "{:>8.1} ms  {stage}",
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
    };
    let mut config = config.clone();
    if let Some(base_url) = &options.base_url {
        config.base_url = base_url.clone();
    }
    let out_dir = options.out_dir.clone();
    check_out_dir(site_dir, &out_dir)?;

    let mut old_cache = cache::read(site_dir);
    lap("read cache");
    let mut cached_sources = std::mem::take(&mut old_cache.sources);
    let restyled = old_cache.slug_style != config.slug;
    if restyled {
        // Another slug style: the cached parses stand, their permalink names do not.
        cached_sources.par_iter_mut().for_each(|source| {
            source.entry.name = model::permalink_name(&source.entry, config.slug);
        });
    }
    let loaded = load::load(&site_dir.join("content"), cached_sources, config.slug)?;
    lap(&format!("load ({} parsed)", loaded.parsed));
    let sources_changed = loaded.parsed > 0 || loaded.removed > 0 || restyled;
    let sources_kept = if restyled { Vec::new() } else { loaded.kept };
    let (stamps, entries): (Vec<load::Stamp>, Vec<load::Entry>) = loaded
        .sources
        .into_iter()
        .map(|source| (source.stamp, source.entry))
        .unzip();
    let site = model::Site::new(entries);
    lap("model");
    let renderer = render::Renderer::new(site_dir, &config, &site)?;
    lap("templates and entry keys");
    let mut report = BuildReport {
        articles: site.entries.len(),
        warnings: site.warnings.clone(),
        ..BuildReport::default()
    };

    let jobs = renderer.jobs();
    let statics = static_files(site_dir)?;
    let same_out = absolute(&old_cache.out_dir) == absolute(&out_dir);
    let incremental =
        same_out && old_cache.global == renderer.global_hash && out_dir.join(".nojekyll").is_file();
    report.incremental = incremental;

    // Every output of this build with its fingerprint: the pages in job order, then the
    // static files. `unchanged` counts those whose fingerprint the cache already holds, so
    // an unchanged build is recognised without building a map of 13,000 paths.
    let mut outputs: Vec<(String, cache::Fingerprint)> =
        Vec::with_capacity(jobs.len() + statics.len());
    let mut unchanged = 0;
    // Per output: the same fingerprint at the same place in the list as last time.
    let mut outputs_kept: Vec<bool> = Vec::new();
    // Where the cache had this output with this fingerprint.
    let cached_at = |rel: &str, fingerprint: &cache::Fingerprint| match old_cache.outputs.get(rel) {
        Some(&(old, at)) if old == *fingerprint => Some(at),
        _ => None,
    };
    // Whether a generated page has this path (a static file of the same path is hidden).
    let generated = |outputs: &[(String, cache::Fingerprint)], pages: usize, rel: &str| {
        outputs[..pages].iter().any(|(page, _)| page == rel)
    };
    let pages;
    if incremental {
        // Fingerprint everything (cheap), render only what changed, write only changed
        // bytes. Templates and configuration are unchanged here (else the build is full), so
        // a render can fail only on a file that changed after loading; pages written before
        // such a failure are correct pages of the new content.
        type Done = (String, cache::Fingerprint, Option<usize>, bool, bool);
        let existing = output::Existing::new(&out_dir);
        let results: Vec<Result<Done, BuildError>> = jobs
            .par_iter()
            .map(|&job| {
                let prepared = renderer.prepare(job);
                let fingerprint = prepared.fingerprint;
                let same = cached_at(&prepared.rel, &fingerprint);
                // A page deleted from the output by hand is made again.
                if same.is_some() && existing.is_file(&prepared.rel) {
                    return Ok((prepared.rel, fingerprint, same, false, false));
                }
                let (rel, bytes) = renderer.render(prepared)?;
                let written = output::write_if_changed(&out_dir, &rel, &bytes)?;
                Ok((rel, fingerprint, same, true, written))
            })
            .collect();
        for result in results {
            let (rel, fingerprint, same, rendered, written) = result?;
            unchanged += usize::from(same.is_some());
            outputs_kept.push(same == Some(outputs.len()));
            report.pages_rendered += usize::from(rendered);
            report.pages_written += usize::from(written);
            outputs.push((rel, fingerprint));
        }
        pages = outputs.len();
        for (rel, bytes) in &statics {
            if generated(&outputs, pages, rel) {
                continue;
            }
            let fingerprint = load::digest(bytes);
            let same = cached_at(rel, &fingerprint);
            unchanged += usize::from(same.is_some());
            outputs_kept.push(same == Some(outputs.len()));
            if same.is_none() && output::write_if_changed(&out_dir, rel, bytes)? {
                report.pages_written += 1;
            }
            outputs.push((rel.clone(), fingerprint));
        }
        // Outputs of the last build that this one no longer makes. When every cached output
        // was matched above, there are none.
        if unchanged != old_cache.outputs.len() {
            let current: FxHashSet<&str> = outputs.iter().map(|(rel, _)| rel.as_str()).collect();
            for rel in old_cache.outputs.keys() {
                if !current.contains(rel.as_str()) {
                    output::remove(&out_dir, rel)?;
                    report.files_removed += 1;
                }
            }
        }
    } else {
        let staging = output::staging(&out_dir)?;
        let results: Vec<Result<(String, cache::Fingerprint), BuildError>> = jobs
            .par_iter()
            .map(|&job| {
                let prepared = renderer.prepare(job);
                let fingerprint = prepared.fingerprint;
                let (rel, bytes) = renderer.render(prepared)?;
                output::write_new(&staging, &rel, &bytes)?;
                Ok((rel, fingerprint))
            })
            .collect();
        let mut failure = None;
        for result in results {
            match result {
                Ok(done) => outputs.push(done),
                Err(e) => {
                    failure.get_or_insert(e);
                }
            }
        }
        pages = outputs.len();
        if failure.is_none() {
            for (rel, bytes) in &statics {
                if generated(&outputs, pages, rel) {
                    continue;
                }
                if let Err(e) = output::write_new(&staging, rel, bytes) {
                    failure = Some(e);
                    break;
                }
                outputs.push((rel.clone(), load::digest(bytes)));
            }
        }
        if let Some(error) = failure {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(error);
        }
        report.pages_rendered = pages;
        report.pages_written = outputs.len();
        if let Err(error) = output::swap_in(&staging, &out_dir) {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(error);
        }
    }
    for (rel, _) in &statics {
        if generated(&outputs, pages, rel) {
            report.warnings.push(format!(
                "static/{rel} is hidden by a generated page of the same path"
            ));
        }
    }

    lap(&format!(
        "render and write ({} rendered, {} written, incremental: {incremental})",
        report.pages_rendered, report.pages_written
    ));
    // An unchanged cache is not written again (it is the largest thing a no-op touches).
    let outputs_unchanged = unchanged == outputs.len() && outputs.len() == old_cache.outputs.len();
    if !sources_changed && incremental && outputs_unchanged {
        lap("cache unchanged");
        report.millis = started.elapsed().as_millis();
        return Ok(report);
    }
    let out_abs = absolute(&out_dir);
    let new_cache = cache::BuildCacheRef {
        out_dir: &out_abs,
        global: &renderer.global_hash,
        slug_style: config.slug,
        sources: site
            .by_path
            .iter()
            .zip(stamps)
            .map(|(&i, stamp)| cache::SourceRef {
                stamp,
                entry: &site.entries[i],
            })
            .collect(),
        outputs: &outputs,
        sources_kept: &sources_kept,
        outputs_kept: &outputs_kept,
        old_source_blocks: &old_cache.source_blocks,
        old_output_blocks: &old_cache.output_blocks,
    };
    match cache::write(site_dir, &new_cache) {
        Ok(blocks) => lap(&format!("write cache ({blocks} blocks)")),
        Err(error) => report
            .warnings
            .push(format!("could not save the build cache: {error}")),
    }
    report.millis = started.elapsed().as_millis();
    Ok(report)
}

/// The static files to copy: the defaults, then the site's `static/` folder over them.
fn static_files(site_dir: &Path) -> Result<Vec<(String, Vec<u8>)>, BuildError> {
    let mut files: BTreeMap<String, Vec<u8>> = STATIC
        .iter()
        .map(|(name, text)| (name.to_string(), text.as_bytes().to_vec()))
        .collect();
    let own = site_dir.join("static");
    if own.is_dir() {
        for rel in output::list_files(&own) {
            let path = own.join(&rel);
            let bytes =
                std::fs::read(&path).map_err(|e| load::file_error(&path, None, &e.to_string()))?;
            files.insert(rel, bytes);
        }
    }
    Ok(files.into_iter().collect())
}

/// Refuses output folders whose replacement would destroy the site itself.
fn check_out_dir(site_dir: &Path, out_dir: &Path) -> Result<(), BuildError> {
    let site = absolute(site_dir);
    let out = absolute(out_dir);
    if site.starts_with(&out) || out.join(crate::config::CONFIG_FILE).exists() {
        return Err(BuildError::Other(format!(
            "refusing to build into {}: it holds the site itself (choose another --out)",
            out_dir.display()
        )));
    }
    Ok(())
}

/// The absolute, lexically normalised form of a path (it need not exist).
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
