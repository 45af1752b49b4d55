//! `clippings build`: import what is new in the configured folders (`import = [...]` in
//! clippings.toml), then render the site.

use std::path::PathBuf;
use std::process::ExitCode;

use clippings::config::Config;
use clippings::import::ImportOptions;
use clippings::site::{self, BuildOptions};

use super::SiteArg;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub site: SiteArg,
    /// Where to write the site (default: public/ in the site folder).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The URL the site is published at, overriding base_url in clippings.toml
    /// (e.g. https://user.github.io/archive/ for a GitHub Pages project site).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let site_dir = args.site.site;
    let config = Config::load(&site_dir)?;
    let mut failed = 0;
    if !config.import.is_empty() {
        // Relative to the site; shown without a leading `./` when the site is here.
        let folders: Vec<_> = config
            .import
            .iter()
            .map(|f| {
                if site_dir == std::path::Path::new(".") {
                    f.clone()
                } else {
                    site_dir.join(f)
                }
            })
            .collect();
        let options = ImportOptions {
            force: false,
            slug_style: config.slug,
        };
        let summary = super::import::import_and_report(&site_dir, &folders, &options)?;
        println!("import: {summary}");
        failed = summary.failed;
    }
    let options = BuildOptions {
        out_dir: args.out.unwrap_or_else(|| site_dir.join("public")),
        base_url: args.base_url,
    };
    let report = site::build(&site_dir, &config, &options)?;
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    println!(
        "built {} articles into {} ({} files written)",
        report.articles,
        options.out_dir.display(),
        report.pages_written
    );
    // Pages that failed to import were named above; the site is built without them,
    // and the exit status says something needs attention.
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
