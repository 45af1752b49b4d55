//! `clippings init DIR`: a new site that builds at once.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clippings::config::CONFIG_FILE;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder for the new site (created if missing; must not already hold a site).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The site's title.
    #[arg(long, default_value = "Clippings")]
    pub title: String,
    /// The site's language (BCP 47, e.g. en or ko).
    #[arg(long, default_value = "en")]
    pub language: String,
    /// Also copy the default templates and stylesheet into the site, for editing.
    /// (Without it they are used from inside the program; files you add override them one by one.)
    #[arg(long)]
    pub templates: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dir = &args.dir;
    let config_path = dir.join(CONFIG_FILE);
    if config_path.exists() {
        bail!(
            "{}: already exists; this folder is already a site",
            config_path.display()
        );
    }
    for sub in ["content", "static", "saved"] {
        let path = dir.join(sub);
        std::fs::create_dir_all(&path)
            .with_context(|| format!("{}: cannot create", path.display()))?;
    }
    let config = format!(
        r#"# clippings site configuration. Every key is optional.
title = {title}
description = ""
# Where the site is published. For a GitHub Pages project site:
# base_url = "https://USER.github.io/REPO/"
base_url = "/"
language = {language}
# How titles become permalink slugs: "keep" (Hangul kept) or "romanize".
slug = "keep"
# Folders of saved pages that `clippings build` imports first.
import = ["saved"]
per_page = 20
feed_items = 20
"#,
        title = toml_string(&args.title),
        language = toml_string(&args.language),
    );
    write_new(&config_path, config.as_bytes())?;
    write_new(
        &dir.join(".gitignore"),
        b"/public/\n/.clippings/cache/\n/.clippings/serve/\n",
    )?;
    if args.templates {
        for (name, text) in clippings::site::default_templates() {
            write_new(&dir.join("templates").join(name), text.as_bytes())?;
        }
        for (name, text) in clippings::site::default_static() {
            write_new(&dir.join("static").join(name), text.as_bytes())?;
        }
    }
    println!(
        "created a new site in {}\nnext: put saved pages in {}, then run `clippings build --site {}`",
        dir.display(),
        dir.join("saved").display(),
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn toml_string(value: &str) -> String {
    toml::Value::String(value.to_string()).to_string()
}

/// Writes a file that must not exist yet.
fn write_new(path: &std::path::Path, bytes: &[u8]) -> anyhow::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("{}: cannot create", parent.display()))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("{}: cannot create", path.display()))?;
    std::io::Write::write_all(&mut file, bytes)
        .with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(())
}
