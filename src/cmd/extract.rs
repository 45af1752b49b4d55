//! `clippings extract FILE`: one page to stdout as Markdown (with front matter) or JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clippings::article::Article;
use clippings::extract::{self, PageKind};
use serde::Serialize;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The saved page: .html, .htm or .txt (other names are sniffed).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// What to print: the Markdown file import would write, or JSON.
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Markdown,
    Json,
}

/// The JSON form: every key always present, null or [] when unknown.
#[derive(Serialize)]
struct Json<'a> {
    title: &'a str,
    subtitle: Option<&'a str>,
    author: Option<&'a str>,
    email: Option<&'a str>,
    date: Option<String>,
    section: Option<&'a str>,
    tags: &'a [String],
    source: Option<&'a str>,
    source_url: Option<&'a str>,
    captured: Option<String>,
    lang: Option<&'a str>,
    text: String,
    markdown: &'a str,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("{}: cannot read", args.file.display()))?;
    let article = match extract::extract(&bytes, PageKind::from_path(&args.file)) {
        Ok(article) => article,
        Err(error) => {
            eprintln!("{}: {error}", args.file.display());
            return Ok(ExitCode::from(1));
        }
    };
    match args.format {
        Format::Markdown => print!("{}", article.to_markdown()),
        Format::Json => println!("{}", serde_json::to_string_pretty(&to_json(&article))?),
    }
    Ok(ExitCode::SUCCESS)
}

fn to_json(article: &Article) -> Json<'_> {
    Json {
        title: &article.title,
        subtitle: article.subtitle.as_deref(),
        author: article.author.as_deref(),
        email: article.email.as_deref(),
        date: article.date.map(|d| d.to_string()),
        section: article.section.as_deref(),
        tags: &article.tags,
        source: article.source.as_deref(),
        source_url: article.source_url.as_deref(),
        captured: article.captured.map(|d| d.to_string()),
        lang: article.lang.as_deref(),
        text: article.plain_text(),
        markdown: &article.body,
    }
}
