//! The command line: flags and their help text in one place, one module per subcommand.

mod build;
mod extract;
mod import;
mod init;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Turn saved news pages into a calm, fast, ad-free archive website.
///
/// The pipeline: saved page (HTML or text capture) → extracted article → Markdown file in
/// content/ → site in public/. `clippings build` does it all in one step when
/// clippings.toml lists folders of saved pages (`import = ["saved/"]`).
#[derive(Debug, Parser)]
#[command(name = "clippings", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new site that builds at once.
    Init(init::Args),
    /// Import saved pages (files or folders of .html, .htm, .txt) into content/.
    Import(import::Args),
    /// Extract one saved page and print it (no site needed).
    Extract(extract::Args),
    /// Import what is new in the configured folders, then render the site to public/.
    Build(build::Args),
    /// Preview the site locally, rebuilding and reloading when files change.
    Serve(serve::Args),
}

/// The `--site` flag shared by the commands that work on a site.
#[derive(Debug, Clone, clap::Args)]
pub struct SiteArg {
    /// The site's folder (the one holding clippings.toml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub site: PathBuf,
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Init(args) => init::run(args),
        Command::Import(args) => import::run(args),
        Command::Extract(args) => extract::run(args),
        Command::Build(args) => build::run(args),
        Command::Serve(args) => serve::run(args),
    }
}
