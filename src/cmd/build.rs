//! `clippings build`: import what is new in the configured folders, then render the site.

use std::path::PathBuf;
use std::process::ExitCode;

use clippings::config::Config;
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
    Ok(ExitCode::SUCCESS)
}
