//! `clippings import PATH...`: saved pages into `content/`, one line per page and a summary.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clippings::config::Config;
use clippings::import::{self, ImportOptions, Outcome, Status, Summary};

use super::SiteArg;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Saved pages, or folders of them (.html, .htm, .txt; folders are searched recursively).
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub site: SiteArg,
    /// Replace Markdown files even when they were edited by hand since import.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let config = Config::load(&args.site.site)?;
    let options = ImportOptions {
        force: args.force,
        slug_style: config.slug,
    };
    let summary = import_and_report(&args.site.site, &args.paths, &options)?;
    println!("{summary}");
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Imports `paths` into the site, printing one line per page (and a progress bar on a
/// terminal). Shared by `import` and `build`.
pub fn import_and_report(
    site: &Path,
    paths: &[PathBuf],
    options: &ImportOptions,
) -> anyhow::Result<Summary> {
    let (pages, mut outcomes) = import::collect_pages(paths);
    for outcome in &outcomes {
        print_outcome(outcome, None);
    }
    let bar = (std::io::stderr().is_terminal() && pages.len() > 1).then(|| {
        let bar = indicatif::ProgressBar::new(pages.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} pages {elapsed}")
                .expect("valid progress template"),
        );
        bar
    });
    let report = |outcome: &Outcome| {
        print_outcome(outcome, bar.as_ref());
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    };
    outcomes.extend(import::import_pages(site, &pages, options, &report)?);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(Summary::of(&outcomes))
}

fn print_outcome(outcome: &Outcome, bar: Option<&indicatif::ProgressBar>) {
    let line = outcome.to_string();
    match (outcome.status, bar) {
        (Status::Failed, Some(bar)) => bar.suspend(|| eprintln!("{line}")),
        (Status::Failed, None) => eprintln!("{line}"),
        (_, Some(bar)) => bar.println(line),
        (_, None) => println!("{line}"),
    }
}
