//! `clippings.toml`: the site's configuration. Read by `import` (where saved pages
//! live, how slugs are made) and by `site` (everything about the output).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::slug::SlugStyle;

/// The configuration file's name, at the root of a site.
pub const CONFIG_FILE: &str = "clippings.toml";

/// A site's configuration. Every key has a default, so an empty file is a valid site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The site's name, shown in the header and feeds.
    pub title: String,
    /// One line about the site, for the home page and feeds.
    pub description: String,
    /// Where the site is published, e.g. `https://user.github.io/archive/`.
    /// Its path is the base path of every link.
    pub base_url: String,
    /// The site's language (BCP 47), used where an article has none.
    pub language: String,
    /// Who runs the archive, for the footer and feeds.
    pub author: String,
    /// How titles become permalink slugs: `keep` (Hangul kept) or `romanize`.
    pub slug: SlugStyle,
    /// Folders (relative to the site) of saved pages that `build` imports first.
    pub import: Vec<PathBuf>,
    /// Articles per page on home, tag, section and archive pages.
    pub per_page: usize,
    /// Items in each Atom feed.
    pub feed_items: usize,
    /// A custom domain for GitHub Pages; written to `CNAME` when set.
    pub cname: Option<String>,
    /// The rights line shown in each article's source box.
    pub rights: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Clippings".into(),
            description: String::new(),
            base_url: "/".into(),
            language: "en".into(),
            author: String::new(),
            slug: SlugStyle::Keep,
            import: Vec::new(),
            per_page: 20,
            feed_items: 20,
            cname: None,
            rights: "Republished for archival purposes; rights remain with the original publisher."
                .into(),
        }
    }
}

/// Why the configuration could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: cannot read: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

impl Config {
    /// Loads `clippings.toml` from a site folder. A missing file is an error: the folder
    /// is not a site (run `clippings init`).
    pub fn load(site: &Path) -> Result<Config, ConfigError> {
        let path = site.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read {
            path: path.clone(),
            source,
        })?;
        Config::parse(&text).map_err(|message| ConfigError::Invalid { path, message })
    }

    /// Parses the text of a configuration file.
    pub fn parse(text: &str) -> Result<Config, String> {
        let config: Config = toml::from_str(text).map_err(|e| e.to_string())?;
        if config.per_page == 0 {
            return Err("per_page must be at least 1".into());
        }
        Ok(config)
    }

    /// The path part of `base_url`, always starting and ending with `/` (`/archive/`).
    pub fn base_path(&self) -> String {
        let url = self.base_url.trim();
        let path = match url.find("://") {
            Some(scheme_end) => {
                let rest = &url[scheme_end + 3..];
                rest.find('/').map(|i| &rest[i..]).unwrap_or("/")
            }
            None => url,
        };
        let path = path.trim_matches('/');
        if path.is_empty() {
            "/".into()
        } else {
            format!("/{path}/")
        }
    }

    /// `base_url` with exactly one trailing slash.
    pub fn base_url_with_slash(&self) -> String {
        format!("{}/", self.base_url.trim().trim_end_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_is_valid() {
        assert_eq!(Config::parse("").unwrap(), Config::default());
    }

    #[test]
    fn base_path_from_url() {
        let mut config = Config {
            base_url: "https://user.github.io/archive".into(),
            ..Config::default()
        };
        assert_eq!(config.base_path(), "/archive/");
        config.base_url = "https://example.org/".into();
        assert_eq!(config.base_path(), "/");
        config.base_url = "/sub/dir/".into();
        assert_eq!(config.base_path(), "/sub/dir/");
    }

    #[test]
    fn unknown_keys_are_errors() {
        let error = Config::parse("titel = \"x\"").unwrap_err();
        assert!(error.contains("titel"), "{error}");
    }

    #[test]
    fn reads_slug_style_and_import() {
        let config = Config::parse("slug = \"romanize\"\nimport = [\"saved/\"]").unwrap();
        assert_eq!(config.slug, SlugStyle::Romanize);
        assert_eq!(config.import, vec![PathBuf::from("saved/")]);
    }
}
