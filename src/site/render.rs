//! The site's pages: which outputs exist (`Job`), the data each shows (its context), its
//! fingerprint for incremental builds, and rendering through the Tera templates.
//!
//! Templates ship in the binary (`templates/`, see `default_templates`) and a site's own
//! `templates/` folder overrides them file by file. Contexts carry ready-made strings
//! (hrefs under the base path, formatted dates, labels) so templates stay simple and a site's
//! own templates cannot get links wrong. Article bodies are rendered by `markdown` and given
//! to the template as a finished value: they are never parsed as templates.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};
use tera::{Context, Tera};

use crate::config::Config;

use super::cache::{Fingerprint, fingerprint_of};
use super::i18n::{self, Labels};
use super::load::{Entry, hex, read_body};
use super::model::{Site, year_segment};
use super::paths::Urls;
use super::{BuildError, feeds, search, sitemap};

/// The default templates, by name.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("item.html", include_str!("../../templates/item.html")),
    ("pager.html", include_str!("../../templates/pager.html")),
    ("months.html", include_str!("../../templates/months.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("list.html", include_str!("../../templates/list.html")),
    ("terms.html", include_str!("../../templates/terms.html")),
    ("year.html", include_str!("../../templates/year.html")),
    ("archive.html", include_str!("../../templates/archive.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("404.html", include_str!("../../templates/404.html")),
];

/// Bump when the rendering code changes what it writes, so old caches are not trusted.
const RENDER_VERSION: &str = "2";

/// One output file of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    Article(usize),
    Home(usize),
    Tag(usize, usize),
    Section(usize, usize),
    Month(usize, usize, usize),
    Undated(usize),
    Tags,
    Sections,
    Year(usize),
    Archive,
    Search,
    NotFound,
    SiteFeed,
    TagFeed(usize),
    Sitemap,
    Robots,
    SearchIndex,
    NoJekyll,
    Cname,
}

/// An output ready to be written or skipped: its path, fingerprint and how to make it.
pub struct Prepared {
    pub rel: String,
    pub fingerprint: Fingerprint,
    pub content: Pending,
}

/// The content of an output: bytes already made, or a template and its context.
pub enum Pending {
    Bytes(Vec<u8>),
    Page {
        template: &'static str,
        context: serde_json::Value,
        /// For article pages: the entry whose body is rendered at the last moment.
        body_of: Option<usize>,
    },
    /// Data not built yet (article and list pages): built when rendered.
    Deferred(Job),
}

/// What a paginated list page shows.
struct ListSource<'s> {
    base: String,
    page: usize,
    members: &'s [usize],
    heading: String,
    intro: String,
    /// The tag whose feed the page links.
    feed_of: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
struct Link {
    title: String,
    url: String,
}

#[derive(Debug, Clone, Serialize)]
struct PageMeta {
    title: String,
    /// The `<title>`: the page title and the site's, shortened to `MAX_TITLE_CHARS`.
    head_title: String,
    lang: String,
    canonical: String,
    description: String,
    og_type: &'static str,
    feeds: Vec<Link>,
    prev_url: Option<String>,
    next_url: Option<String>,
    is_home: bool,
}

#[derive(Debug, Clone, Serialize)]
struct Item {
    title: String,
    url: String,
    lang: String,
    date_iso: Option<String>,
    date_display: Option<String>,
    excerpt: String,
    section: Option<Link>,
}

#[derive(Debug, Clone, Serialize)]
struct Pager {
    current: usize,
    total: usize,
    label: String,
    newer_url: Option<String>,
    older_url: Option<String>,
    first_url: Option<String>,
    last_url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct MonthCell {
    name: String,
    count: usize,
    url: Option<String>,
    label: String,
}

#[derive(Debug, Clone, Serialize)]
struct Term {
    name: String,
    url: String,
    count: usize,
    count_label: String,
}

#[derive(Debug, Serialize)]
struct SiteCtx<'a> {
    title: &'a str,
    description: &'a str,
    author: &'a str,
    lang: &'a str,
    base: String,
    home_url: String,
    archive_url: String,
    tags_url: String,
    sections_url: String,
    search_url: String,
    feed_url: String,
    css_url: String,
    search_js_url: String,
    search_index_url: String,
    labels: &'static Labels,
}

/// Renders the site's outputs.
pub struct Renderer<'a> {
    tera: Tera,
    pub site: &'a Site,
    pub config: &'a Config,
    pub urls: Urls,
    content_dir: PathBuf,
    /// Hash of everything every page depends on: version, configuration, templates.
    pub global_hash: String,
    korean_site: bool,
    labels: &'static Labels,
    /// Every entry index, in order (the home page's members).
    all: Vec<usize>,
    /// Per entry: a digest of everything a list item or link to it shows (its file, its
    /// permalink, its language, its section's name), for quick fingerprints.
    item_keys: Vec<[u8; 16]>,
    /// A digest of every entry's key in order: what the sitemap and the search index show.
    all_items: [u8; 16],
}

impl<'a> Renderer<'a> {
    /// Loads the templates (defaults, then the site's overrides) and prepares the global
    /// context.
    pub fn new(site_dir: &Path, config: &'a Config, site: &'a Site) -> Result<Self, BuildError> {
        let mut templates: Vec<(String, String, Option<PathBuf>)> = TEMPLATES
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string(), None))
            .collect();
        let own = site_dir.join("templates");
        if own.is_dir() {
            for item in walkdir::WalkDir::new(&own).sort_by_file_name() {
                let item = item.map_err(|e| BuildError::Other(e.to_string()))?;
                if !item.file_type().is_file() {
                    continue;
                }
                let name = item
                    .path()
                    .strip_prefix(&own)
                    .unwrap_or(item.path())
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                let text = std::fs::read_to_string(item.path())
                    .map_err(|e| super::load::file_error(item.path(), None, &e.to_string()))?;
                templates.retain(|(n, _, _)| *n != name);
                templates.push((name, text, Some(item.path().to_path_buf())));
            }
        }
        templates.sort_by(|a, b| a.0.cmp(&b.0));
        let mut tera = Tera::new();
        let mut hasher = Sha256::new();
        hasher.update(env!("CARGO_PKG_VERSION"));
        hasher.update(RENDER_VERSION);
        hasher.update(serde_json::to_vec(config).unwrap_or_default());
        for (name, text, _) in &templates {
            hasher.update(name.as_bytes());
            hasher.update([0]);
            hasher.update(text.as_bytes());
            hasher.update([0]);
        }
        tera.add_raw_templates(templates.iter().map(|(n, t, _)| (n.as_str(), t.as_str())))
            .map_err(|e| {
                // Name the site's own template file when one is at fault.
                let text = error_chain(&e);
                let culprit = templates
                    .iter()
                    .find(|(n, _, p)| p.is_some() && text.contains(n.as_str()));
                match culprit {
                    Some((_, _, Some(path))) => super::load::file_error(path, None, &text),
                    _ => BuildError::Other(format!("templates: {text}")),
                }
            })?;
        let urls = Urls::new(config);
        let korean_site = i18n::is_korean(&config.language);
        let labels = i18n::labels(&config.language);
        let site_ctx = SiteCtx {
            title: &config.title,
            description: &config.description,
            author: &config.author,
            lang: &config.language,
            base: urls.base().to_string(),
            home_url: urls.href(""),
            archive_url: urls.href("archive/"),
            tags_url: urls.href("tags/"),
            sections_url: urls.href("sections/"),
            search_url: urls.href("search/"),
            feed_url: urls.href("atom.xml"),
            css_url: urls.href("style.css"),
            search_js_url: urls.href("search.js"),
            search_index_url: urls.href("search/index.json"),
            labels,
        };
        tera.global_context().insert("site", &site_ctx);
        let global_hash = hex(&hasher.finalize()[..16]);
        let item_keys = (0..site.entries.len())
            .into_par_iter()
            .map(|i| {
                let mut h = Sha256::new();
                h.update(site.entries[i].hash.as_bytes());
                h.update([0]);
                h.update(site.permalinks[i].as_bytes());
                h.update([0]);
                h.update(site.lang(i, config).as_bytes());
                if let Some(s) = site.entry_section[i] {
                    h.update([1]);
                    h.update(site.sections[s].name.as_bytes());
                    h.update([0]);
                    h.update(site.sections[s].segment.as_bytes());
                }
                fingerprint_of(&h.finalize())
            })
            .collect();
        let mut all_items = Sha256::new();
        for key in &item_keys {
            all_items.update(key);
        }
        let all_items = fingerprint_of(&all_items.finalize());
        Ok(Renderer {
            all: (0..site.entries.len()).collect(),
            item_keys,
            all_items,
            tera,
            site,
            config,
            urls,
            content_dir: site_dir.join("content"),
            global_hash,
            korean_site,
            labels,
        })
    }

    /// Every output of the site, in a stable order.
    pub fn jobs(&self) -> Vec<Job> {
        let site = self.site;
        let per_page = self.config.per_page.max(1);
        let pages = |n: usize| n.div_ceil(per_page).max(1);
        let mut jobs: Vec<Job> = (0..site.entries.len()).map(Job::Article).collect();
        jobs.extend((0..pages(site.entries.len())).map(Job::Home));
        for (t, tag) in site.tags.iter().enumerate() {
            jobs.extend((0..pages(tag.members.len())).map(|p| Job::Tag(t, p)));
            jobs.push(Job::TagFeed(t));
        }
        for (s, section) in site.sections.iter().enumerate() {
            jobs.extend((0..pages(section.members.len())).map(|p| Job::Section(s, p)));
        }
        for (y, year) in site.years.iter().enumerate() {
            jobs.push(Job::Year(y));
            for (m, members) in year.months.iter().enumerate() {
                if !members.is_empty() {
                    jobs.extend((0..pages(members.len())).map(|p| Job::Month(y, m, p)));
                }
            }
        }
        if !site.undated.is_empty() {
            jobs.extend((0..pages(site.undated.len())).map(Job::Undated));
        }
        jobs.extend([
            Job::Tags,
            Job::Sections,
            Job::Archive,
            Job::Search,
            Job::NotFound,
            Job::SiteFeed,
            Job::Sitemap,
            Job::Robots,
            Job::SearchIndex,
            Job::NoJekyll,
        ]);
        if self
            .config
            .cname
            .as_deref()
            .is_some_and(|c| !c.trim().is_empty())
        {
            jobs.push(Job::Cname);
        }
        jobs
    }

    /// The output path of a paginated list page.
    fn page_rel(base: &str, page: usize) -> String {
        if page == 0 {
            base.to_string()
        } else {
            format!("{base}page/{}/", page + 1)
        }
    }

    fn month_rel(&self, y: usize, m: usize) -> String {
        format!("{}/{:02}/", year_segment(self.site.years[y].year), m + 1)
    }

    /// What a paginated list shows: (base path, page, members, heading, intro, feeds).
    fn list_source(&self, job: Job) -> Option<ListSource<'_>> {
        Some(match job {
            Job::Home(p) => ListSource {
                base: String::new(),
                page: p,
                members: &self.all,
                heading: self.config.title.clone(),
                intro: String::new(),
                feed_of: None,
            },
            Job::Tag(t, p) => {
                let tag = &self.site.tags[t];
                ListSource {
                    base: format!("tags/{}/", tag.segment),
                    page: p,
                    members: &tag.members,
                    heading: tag.name.clone(),
                    intro: format!(
                        "{}: {}",
                        self.labels.tagged,
                        i18n::count(tag.members.len(), self.korean_site)
                    ),
                    feed_of: Some(t),
                }
            }
            Job::Section(s, p) => {
                let section = &self.site.sections[s];
                ListSource {
                    base: format!("sections/{}/", section.segment),
                    page: p,
                    members: &section.members,
                    heading: section.name.clone(),
                    intro: format!(
                        "{}: {}",
                        self.labels.in_section,
                        i18n::count(section.members.len(), self.korean_site)
                    ),
                    feed_of: None,
                }
            }
            Job::Month(y, m, p) => {
                let year = &self.site.years[y];
                ListSource {
                    base: self.month_rel(y, m),
                    page: p,
                    members: &year.months[m],
                    heading: i18n::format_month(year.year, m as u32 + 1, self.korean_site),
                    intro: i18n::count(year.months[m].len(), self.korean_site),
                    feed_of: None,
                }
            }
            Job::Undated(p) => ListSource {
                base: "undated/".into(),
                page: p,
                members: &self.site.undated,
                heading: self.labels.undated.to_string(),
                intro: i18n::count(self.site.undated.len(), self.korean_site),
                feed_of: None,
            },
            _ => return None,
        })
    }

    /// The fingerprint of an output from the keys of the entries it shows, without building
    /// its data (what makes a no-op build cheap): articles, list pages, feeds, the sitemap
    /// and the search index. `None` for the other outputs, which are few and small and are
    /// fingerprinted by their full data.
    fn quick_fingerprint(&self, job: Job) -> Option<(String, Fingerprint)> {
        let site = self.site;
        let mut hasher = Sha256::new();
        hasher.update(self.global_hash.as_bytes());
        let rel = match job {
            Job::Article(i) => {
                let rel = format!("{}index.html", site.permalinks[i]);
                hasher.update(b"article\0");
                hasher.update(rel.as_bytes());
                hasher.update(self.item_keys[i]);
                self.hash_tag_names(i, &mut hasher);
                for (mark, j) in [(b'p', site.previous(i)), (b'n', site.next(i))] {
                    hasher.update([mark]);
                    if let Some(j) = j {
                        hasher.update(self.item_keys[j]);
                    }
                }
                hasher.update(b"r");
                for &j in &site.related[i] {
                    hasher.update(self.item_keys[j]);
                }
                rel
            }
            Job::SiteFeed | Job::TagFeed(_) => {
                let (rel, title, members) = self.feed_source(job);
                hasher.update(b"feed\0");
                hasher.update(rel.as_bytes());
                hasher.update([0]);
                hasher.update(title.as_bytes());
                hasher.update([0]);
                for i in feeds::items(self, members) {
                    hasher.update(self.item_keys[i]);
                    self.hash_tag_names(i, &mut hasher);
                }
                rel
            }
            Job::Sitemap => {
                hasher.update(b"sitemap\0");
                hasher.update(self.all_items);
                for taxon in site.tags.iter().chain(&site.sections) {
                    hasher.update(taxon.segment.as_bytes());
                    hasher.update([0]);
                }
                hasher.update([1]);
                for year in &site.years {
                    hasher.update(year.year.to_le_bytes());
                    for members in &year.months {
                        hasher.update([u8::from(!members.is_empty())]);
                    }
                }
                "sitemap.xml".into()
            }
            Job::SearchIndex => {
                hasher.update(b"search\0");
                hasher.update(self.all_items);
                "search/index.json".into()
            }
            _ => {
                let list = self.list_source(job)?;
                let rel = format!("{}index.html", Self::page_rel(&list.base, list.page));
                hasher.update(b"list\0");
                hasher.update(rel.as_bytes());
                for text in [&list.heading, &list.intro] {
                    hasher.update(text.as_bytes());
                    hasher.update([0]);
                }
                let per_page = self.config.per_page.max(1);
                hasher.update((list.members.len() as u64).to_le_bytes());
                hasher.update((list.page as u64).to_le_bytes());
                if let Some(t) = list.feed_of {
                    hasher.update(site.tags[t].segment.as_bytes());
                }
                let start = (list.page * per_page).min(list.members.len());
                let end = (start + per_page).min(list.members.len());
                for &j in &list.members[start..end] {
                    hasher.update(self.item_keys[j]);
                }
                rel
            }
        };
        Some((rel, fingerprint_of(&hasher.finalize())))
    }

    /// The names and segments of an entry's tags (a tag's name is its smallest spelling
    /// across the archive, so it can change with another article).
    fn hash_tag_names(&self, i: usize, hasher: &mut Sha256) {
        for &t in &self.site.entry_tags[i] {
            hasher.update(self.site.tags[t].name.as_bytes());
            hasher.update([0]);
            hasher.update(self.site.tags[t].segment.as_bytes());
            hasher.update([0]);
        }
    }

    /// A feed's path, title and members (newest first).
    fn feed_source(&self, job: Job) -> (String, String, &[usize]) {
        match job {
            Job::TagFeed(t) => {
                let tag = &self.site.tags[t];
                (
                    format!("tags/{}/atom.xml", tag.segment),
                    format!("{} · {}", tag.name, self.config.title),
                    &tag.members,
                )
            }
            _ => ("atom.xml".into(), self.config.title.clone(), &self.all),
        }
    }

    /// An output's path and fingerprint; its data is built now only for the few outputs whose
    /// fingerprint needs it, otherwise when it is rendered.
    pub fn prepare(&self, job: Job) -> Prepared {
        if let Some((rel, fingerprint)) = self.quick_fingerprint(job) {
            return Prepared {
                rel,
                fingerprint,
                content: Pending::Deferred(job),
            };
        }
        let (rel, content) = self.content(job);
        let mut hasher = Sha256::new();
        hasher.update(self.global_hash.as_bytes());
        hasher.update(rel.as_bytes());
        match &content {
            Pending::Bytes(bytes) => hasher.update(bytes),
            Pending::Page {
                template, context, ..
            } => {
                hasher.update(template.as_bytes());
                hasher.update(serde_json::to_vec(context).unwrap_or_default());
            }
            Pending::Deferred(_) => {}
        }
        Prepared {
            rel,
            fingerprint: fingerprint_of(&hasher.finalize()),
            content,
        }
    }

    /// An output's path and data.
    fn content(&self, job: Job) -> (String, Pending) {
        if let Some(list) = self.list_source(job) {
            let feeds = list
                .feed_of
                .map(|t| self.tag_feed_link(t))
                .into_iter()
                .collect();
            return self.list_page(
                &list.base,
                list.page,
                list.members,
                list.heading,
                list.intro,
                feeds,
            );
        }
        match job {
            Job::Article(i) => (
                format!("{}index.html", self.site.permalinks[i]),
                self.article_page(i),
            ),
            Job::Home(_) | Job::Tag(..) | Job::Section(..) | Job::Month(..) | Job::Undated(_) => {
                (String::new(), Pending::Bytes(Vec::new()))
            }
            Job::Tags => self.terms_page("tags/", self.labels.tags, &self.site.tags),
            Job::Sections => {
                self.terms_page("sections/", self.labels.sections, &self.site.sections)
            }
            Job::Year(y) => self.year_page(y),
            Job::Archive => self.archive_page(),
            Job::Search => {
                let page = self.meta("search/", self.labels.search.into(), String::new());
                (
                    "search/index.html".to_string(),
                    self.page("search.html", serde_json::json!({ "page": page }), None),
                )
            }
            Job::NotFound => {
                let mut page = self.meta("404.html", self.labels.not_found.into(), String::new());
                page.canonical = self.urls.absolute("");
                (
                    "404.html".into(),
                    self.page("404.html", serde_json::json!({ "page": page }), None),
                )
            }
            Job::SiteFeed | Job::TagFeed(_) => {
                let (self_rel, title, members) = self.feed_source(job);
                let alt_rel = self_rel.strip_suffix("atom.xml").unwrap_or("");
                let bytes = feeds::atom(self, &title, &self_rel, alt_rel, members);
                (self_rel, Pending::Bytes(bytes.into_bytes()))
            }
            Job::Sitemap => (
                "sitemap.xml".into(),
                Pending::Bytes(sitemap::sitemap(self).into_bytes()),
            ),
            Job::Robots => (
                "robots.txt".into(),
                Pending::Bytes(sitemap::robots(self).into_bytes()),
            ),
            Job::SearchIndex => (
                "search/index.json".into(),
                Pending::Bytes(search::index(self)),
            ),
            Job::NoJekyll => (".nojekyll".into(), Pending::Bytes(Vec::new())),
            Job::Cname => {
                let cname = self.config.cname.as_deref().unwrap_or("").trim();
                (
                    "CNAME".into(),
                    Pending::Bytes(format!("{cname}\n").into_bytes()),
                )
            }
        }
    }

    /// Renders a prepared output to its bytes.
    pub fn render(&self, prepared: Prepared) -> Result<(String, Vec<u8>), BuildError> {
        match prepared.content {
            Pending::Deferred(job) => {
                let (_, content) = self.content(job);
                self.render(Prepared {
                    content,
                    ..prepared
                })
            }
            Pending::Bytes(bytes) => Ok((prepared.rel, bytes)),
            Pending::Page {
                template,
                mut context,
                body_of,
            } => {
                if let Some(i) = body_of {
                    let entry = &self.site.entries[i];
                    let path = self.content_dir.join(&entry.rel);
                    let body = super::markdown::render_body(&read_body(&path)?);
                    let lang = self.site.lang(i, self.config);
                    let body = super::markdown::label_tables(body, i18n::labels(&lang).table);
                    if let Some(article) = context.get_mut("article") {
                        article["body_html"] = serde_json::Value::String(body);
                    }
                }
                let context = Context::from_serialize(&context)
                    .map_err(|e| BuildError::Other(error_chain(&e)))?;
                // Rendered straight into bytes: no UTF-8 check of every page on the way out.
                let mut html = Vec::with_capacity(32 * 1024);
                self.tera
                    .render_to(template, &context, &mut html)
                    .map_err(|e| {
                        BuildError::Other(format!(
                            "rendering {} with template {template}: {}",
                            prepared.rel,
                            error_chain(&e)
                        ))
                    })?;
                Ok((prepared.rel, html))
            }
        }
    }

    fn page(
        &self,
        template: &'static str,
        context: serde_json::Value,
        body_of: Option<usize>,
    ) -> Pending {
        Pending::Page {
            template,
            context,
            body_of,
        }
    }

    fn meta(&self, rel: &str, title: String, description: String) -> PageMeta {
        PageMeta {
            head_title: head_title(&title, &self.config.title, rel.is_empty()),
            title,
            lang: self.config.language.clone(),
            canonical: self.urls.absolute(rel),
            description,
            og_type: "website",
            feeds: Vec::new(),
            prev_url: None,
            next_url: None,
            is_home: rel.is_empty(),
        }
    }

    fn tag_feed_link(&self, t: usize) -> Link {
        let tag = &self.site.tags[t];
        Link {
            title: format!("{} · {}", tag.name, self.config.title),
            url: self.urls.href(&format!("tags/{}/atom.xml", tag.segment)),
        }
    }

    /// An entry as a list item, in its own language.
    fn item(&self, i: usize) -> Item {
        let entry = &self.site.entries[i];
        let korean = self.site.is_korean(i, self.config);
        Item {
            title: entry.title.clone(),
            url: self.urls.href(&self.site.permalinks[i]),
            lang: self.site.lang(i, self.config),
            date_iso: entry.date.map(|d| d.to_string()),
            date_display: entry.date.map(|d| i18n::format_day(&d, korean)),
            excerpt: entry.excerpt.clone(),
            section: self.site.entry_section[i].map(|s| self.section_link(s)),
        }
    }

    fn section_link(&self, s: usize) -> Link {
        let section = &self.site.sections[s];
        Link {
            title: section.name.clone(),
            url: self.urls.href(&format!("sections/{}/", section.segment)),
        }
    }

    fn link_to(&self, i: usize) -> Link {
        Link {
            title: self.site.entries[i].title.clone(),
            url: self.urls.href(&self.site.permalinks[i]),
        }
    }

    fn list_page(
        &self,
        base: &str,
        page: usize,
        members: &[usize],
        heading: String,
        intro: String,
        feeds: Vec<Link>,
    ) -> (String, Pending) {
        let per_page = self.config.per_page.max(1);
        let total = members.len().div_ceil(per_page).max(1);
        let rel = Self::page_rel(base, page);
        let start = (page * per_page).min(members.len());
        let end = (start + per_page).min(members.len());
        let items: Vec<Item> = members[start..end].iter().map(|&i| self.item(i)).collect();
        let href = |p: usize| self.urls.href(&Self::page_rel(base, p));
        let pager = Pager {
            current: page + 1,
            total,
            label: format!(
                "{} {} {} {}",
                self.labels.page,
                page + 1,
                self.labels.of,
                total
            ),
            newer_url: (page > 0).then(|| href(page - 1)),
            older_url: (page + 1 < total).then(|| href(page + 1)),
            first_url: (page > 1).then(|| href(0)),
            last_url: (page + 2 < total).then(|| href(total - 1)),
        };
        let title = if page == 0 {
            heading.clone()
        } else {
            format!("{heading} ({})", pager.label)
        };
        let mut meta = self.meta(&rel, title, self.config.description.clone());
        meta.feeds = feeds;
        meta.prev_url = pager.newer_url.clone();
        meta.next_url = pager.older_url.clone();
        let context = serde_json::json!({
            "page": meta,
            "heading": heading,
            "intro": intro,
            "items": items,
            "pager": if total > 1 { Some(pager) } else { None },
        });
        (
            format!("{rel}index.html"),
            self.page("list.html", context, None),
        )
    }

    fn terms_page(
        &self,
        base: &str,
        heading: &str,
        taxons: &[super::model::Taxon],
    ) -> (String, Pending) {
        let terms: Vec<Term> = taxons
            .iter()
            .map(|t| Term {
                name: t.name.clone(),
                url: self.urls.href(&format!("{base}{}/", t.segment)),
                count: t.members.len(),
                count_label: i18n::count(t.members.len(), self.korean_site),
            })
            .collect();
        let meta = self.meta(base, heading.to_string(), String::new());
        let context = serde_json::json!({ "page": meta, "heading": heading, "terms": terms });
        (
            format!("{base}index.html"),
            self.page("terms.html", context, None),
        )
    }

    fn month_cells(&self, y: usize) -> Vec<MonthCell> {
        let year = &self.site.years[y];
        year.months
            .iter()
            .enumerate()
            .map(|(m, members)| {
                let name = i18n::month_name(m as u32 + 1, self.korean_site);
                MonthCell {
                    label: format!("{name}: {}", i18n::count(members.len(), self.korean_site)),
                    name,
                    count: members.len(),
                    url: (!members.is_empty()).then(|| self.urls.href(&self.month_rel(y, m))),
                }
            })
            .collect()
    }

    fn year_page(&self, y: usize) -> (String, Pending) {
        let year = &self.site.years[y];
        let rel = format!("{}/", year_segment(year.year));
        let heading = if self.korean_site {
            format!("{}년", year.year)
        } else {
            year.year.to_string()
        };
        let mut meta = self.meta(&rel, heading.clone(), String::new());
        // Newer year is "previous" in reading order, as on the paginated lists.
        let link = |y: usize| {
            self.urls
                .href(&format!("{}/", year_segment(self.site.years[y].year)))
        };
        let newer = y.checked_sub(1).map(link);
        let older = (y + 1 < self.site.years.len()).then(|| link(y + 1));
        meta.prev_url = newer.clone();
        meta.next_url = older.clone();
        let context = serde_json::json!({
            "page": meta,
            "heading": heading,
            "intro": i18n::count(year.total(), self.korean_site),
            "months": self.month_cells(y),
            "newer": newer.map(|url| Link { title: self.site.years[y - 1].year.to_string(), url }),
            "older": older.map(|url| Link { title: self.site.years[y + 1].year.to_string(), url }),
        });
        (
            format!("{rel}index.html"),
            self.page("year.html", context, None),
        )
    }

    fn archive_page(&self) -> (String, Pending) {
        let years: Vec<serde_json::Value> = self
            .site
            .years
            .iter()
            .enumerate()
            .map(|(y, year)| {
                serde_json::json!({
                    "year": year.year,
                    "url": self.urls.href(&format!("{}/", year_segment(year.year))),
                    "count_label": i18n::count(year.total(), self.korean_site),
                    "months": self.month_cells(y),
                })
            })
            .collect();
        let undated = (!self.site.undated.is_empty()).then(|| Term {
            name: self.labels.undated.to_string(),
            url: self.urls.href("undated/"),
            count: self.site.undated.len(),
            count_label: i18n::count(self.site.undated.len(), self.korean_site),
        });
        let meta = self.meta("archive/", self.labels.archive.into(), String::new());
        let context = serde_json::json!({
            "page": meta,
            "heading": self.labels.archive,
            "intro": i18n::count(self.site.entries.len(), self.korean_site),
            "years": years,
            "undated": undated,
        });
        (
            "archive/index.html".into(),
            self.page("archive.html", context, None),
        )
    }

    fn article_page(&self, i: usize) -> Pending {
        let site = self.site;
        let entry: &Entry = &site.entries[i];
        let lang = site.lang(i, self.config);
        let korean = i18n::is_korean(&lang);
        let labels = i18n::labels(&lang);
        let rel = &site.permalinks[i];
        let tags: Vec<Link> = site.entry_tags[i]
            .iter()
            .map(|&t| Link {
                title: site.tags[t].name.clone(),
                url: self.urls.href(&format!("tags/{}/", site.tags[t].segment)),
            })
            .collect();
        let mut meta = self.meta(rel, entry.title.clone(), entry.excerpt.clone());
        meta.lang = lang.clone();
        meta.og_type = "article";
        meta.feeds = site.entry_tags[i]
            .iter()
            .map(|&t| self.tag_feed_link(t))
            .collect();
        let source_box_korean = korean || self.korean_site;
        let source_line = entry
            .source
            .as_deref()
            .map(|s| i18n::source_line(s, entry.date.as_ref(), source_box_korean));
        let article = serde_json::json!({
            "title": entry.title,
            "subtitle": entry.subtitle,
            "author": entry.author,
            "email": entry.email,
            "mailto": entry.email.as_ref().map(|e| format!("mailto:{e}")),
            "date_iso": entry.date.map(|d| d.to_string()),
            "date_display": entry.date.map(|d| i18n::format_day(&d, korean)),
            "section": site.entry_section[i].map(|s| self.section_link(s)),
            "tags": tags,
            "reading_time": i18n::reading_time(entry.reading_minutes, korean),
            "labels": labels,
            "source_line": source_line,
            "source_url": entry.source_url.as_deref().filter(|u| is_web_url(u)),
            "source_labels": i18n::labels(if source_box_korean { "ko" } else { "en" }),
            "source_lang": if source_box_korean { "ko" } else { "en" },
            "rights": self.config.rights,
            "json_ld": self.json_ld(i, &lang),
            "hash": entry.hash,
            "body_html": "",
        });
        let context = serde_json::json!({
            "page": meta,
            "article": article,
            "previous": site.previous(i).map(|j| self.link_to(j)),
            "next": site.next(i).map(|j| self.link_to(j)),
            "related": site.related[i].iter().map(|&j| self.item(j)).collect::<Vec<_>>(),
        });
        self.page("article.html", context, Some(i))
    }

    /// The article's JSON-LD, safe to place inside `<script>` (`<`, `>` and `&` escaped).
    fn json_ld(&self, i: usize, lang: &str) -> String {
        let entry = &self.site.entries[i];
        let url = self.urls.absolute(&self.site.permalinks[i]);
        let mut ld = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": entry.title,
            "url": url,
            "mainEntityOfPage": url,
            "inLanguage": lang,
        });
        if let Some(date) = entry.date {
            ld["datePublished"] = date.to_string().into();
        }
        if let Some(author) = &entry.author {
            ld["author"] = serde_json::json!({ "@type": "Person", "name": author });
        }
        if let Some(source) = &entry.source {
            ld["publisher"] = serde_json::json!({ "@type": "Organization", "name": source });
        }
        if let Some(source_url) = entry.source_url.as_deref().filter(|u| is_web_url(u)) {
            ld["isBasedOn"] = source_url.into();
        }
        if !entry.tags.is_empty() {
            ld["keywords"] = entry.tags.join(", ").into();
        }
        serde_json::to_string(&ld)
            .unwrap_or_default()
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026")
    }
}

/// Longest `<title>`: search engines and tab strips cut titles at about this many characters
/// (html-validate's `long-title` rule uses the same figure).
const MAX_TITLE_CHARS: usize = 70;

/// `Headline · Site`, or the headline alone when both do not fit, cut with `…` if needed.
fn head_title(title: &str, site: &str, is_home: bool) -> String {
    let full = if is_home || site.is_empty() {
        title.to_string()
    } else {
        format!("{title} · {site}")
    };
    if full.chars().count() <= MAX_TITLE_CHARS {
        return full;
    }
    if title.chars().count() <= MAX_TITLE_CHARS {
        return title.to_string();
    }
    let mut cut: String = title.chars().take(MAX_TITLE_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// Only http(s) links are shown as the original URL (never `javascript:`).
fn is_web_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// An error and its causes on one line.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
