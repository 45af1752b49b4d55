//! HTML → metadata, from every source a page offers, in a documented order of trust.
//!
//! For each field the first source that gives a usable value wins:
//!
//! | field | sources, most trusted first |
//! | --- | --- |
//! | title | JSON-LD `headline` · `og:title` · `twitter:title` · Dublin Core title · `<title>`; then a site name part is cut off (` \| Site`, ` - Site`, `Site :: `) |
//! | subtitle | JSON-LD `alternativeHeadline` · an element whose class or id says sub-headline (`subtitle`, `standfirst`, `deck`, `head-sub`, `부제`) |
//! | author, email | JSON-LD `author` · `<meta name=author>` / `article:author` (not a URL) · Dublin Core creator · `itemprop=author` · visible byline elements (`rel=author`, class/id `byline`, `author`, `writer`, `reporter`) read by `byline` |
//! | date | JSON-LD `datePublished` · `article:published_time` and other published-date meta · Dublin Core date · `itemprop=datePublished` · `<time datetime>` · labelled date lines in the visible text (`입력`, `Published`), publication before update |
//! | section | `article:section` · JSON-LD `articleSection` · breadcrumbs (`홈 > 사회 > 교육` → `교육`) |
//! | tags | `article:tag` · JSON-LD `keywords` · `news_keywords` / `keywords` meta |
//! | source | `og:site_name` · JSON-LD `publisher.name` · `application-name` · the part cut off the title · the copyright line's holder |
//! | source_url | `<link rel=canonical>` · `og:url` · JSON-LD `url` / `mainEntityOfPage` · a saved-page comment (`saved from url=`) |
//! | lang | `<html lang>` · `content-language` · `og:locale` · JSON-LD `inLanguage` |
//! | captured | a saved-page comment with a date (`saved date:`) |
//!
//! Structured data comes first because publishers fill it for search engines and it is
//! unambiguous; visible text comes last because it must be interpreted.

use std::collections::HashMap;
use std::sync::LazyLock;

use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use super::dom::Attribute;
use super::rules::Fragments;
use super::{boilerplate, byline, dates};
use crate::date::Timestamp;

/// What the page says about its article, before the body is chosen.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub author: Option<String>,
    pub email: Option<String>,
    pub date: Option<Timestamp>,
    pub captured: Option<Timestamp>,
    pub section: Option<String>,
    pub tags: Vec<String>,
    pub source: Option<String>,
    pub source_url: Option<String>,
    pub lang: Option<String>,
    /// The URL relative links resolve against (`<base href>`, else the canonical URL).
    pub base_url: Option<String>,
    /// The title came only from `<title>`, matched by no heading, and is short: it may be
    /// the page's generic label (`Press release details | City Hall`), and a longer
    /// headline found at the top of the content is better.
    pub title_weak: bool,
}

/// A title from `<title>` alone with at most this many words may be the page's generic
/// label rather than the headline.
const WEAK_TITLE_MAX_WORDS: usize = 4;

/// JSON-LD types that describe an article.
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "BlogPosting",
    "SocialMediaPosting",
    "LiveBlogPosting",
    "TechArticle",
    "ScholarlyArticle",
    "Report",
    "WebPage",
];

/// Separators between a headline and a site name in `<title>`.
const TITLE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " / ", " » ", " : ",
];

/// Meta names (lowercased `name`/`property`/`itemprop`) for each field, most trusted first.
const META_TITLE: &[&str] = &[
    "dc:title",
    "dcterm:title",
    "og:title",
    "twitter:title",
    "dc.title",
    "dcterms.title",
];
const META_AUTHOR: &[&str] = &[
    "dc:creator",
    "dcterm:creator",
    "dc.creator",
    "dcterms.creator",
    "author",
    "article:author",
    "og:article:author",
    "parsely-author",
    "sailthru.author",
    "byl",
];
const META_DATE: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "published_time",
    "datepublished",
    "dc:date",
    "dcterm:date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.issued",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "citation_publication_date",
];
const META_SECTION: &[&str] = &["article:section", "section", "parsely-section"];
const META_SITE: &[&str] = &[
    "og:site_name",
    "application-name",
    "publisher",
    "dc.publisher",
];
const META_URL: &[&str] = &["og:url", "twitter:url"];

/// Class or id fragments of elements that hold the byline.
static BYLINE_HINTS: Fragments = Fragments::new(&[
    "byline",
    "author",
    "writer",
    "reporter",
    "journalist",
    "기자",
]);
/// Class or id fragments of elements that hold the date line.
static DATE_HINTS: Fragments = Fragments::new(&[
    "date", "time", "info", "byline", "meta", "posted", "publish",
]);
/// Class or id fragments of sub-headline elements.
static SUBTITLE_HINTS: Fragments = Fragments::new(&[
    "subtitle",
    "sub-title",
    "sub_title",
    "subhead",
    "standfirst",
    "deck",
    "head-sub",
    "headsub",
    "sub_tit",
    "subtit",
    "summary-title",
]);
/// Class or id fragments of boxes whose `<time>` is not the article's publication.
static NOT_PUBLISHED_HINTS: Fragments =
    Fragments::new(&["comment", "update", "modified", "related"]);
/// Class or id fragments of breadcrumb trails.
static BREADCRUMB_HINTS: Fragments =
    Fragments::new(&["breadcrumb", "location", "navi_path", "path"]);

/// Every fragment of the tables above that the visible-text readers match against class
/// names, ignoring ASCII case: an element none of them names is not kept for those readers
/// (most classed elements are not), so its lowercased key is never built.
static ANY_CLASS_HINT: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    let tables = [
        &BYLINE_HINTS,
        &DATE_HINTS,
        &SUBTITLE_HINTS,
        &BREADCRUMB_HINTS,
    ];
    let fragments = tables
        .iter()
        .flat_map(|table| table.fragments().iter().copied());
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(fragments)
        .expect("fragment tables are small literals")
});

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("a valid selector in the metadata tables")
}

static ITEMPROP: LazyLock<Selector> = LazyLock::new(|| selector("[itemprop]"));

/// At most this many `<h1>`, `<time>` and classed elements are read.
const MAX_HEADINGS: usize = 5;
const MAX_TIMES: usize = 50;
const MAX_CLASSED: usize = 5000;
/// Saved-page comments are looked for among the first nodes of the page.
const SAVED_COMMENT_NODES: usize = 200;

/// The elements metadata reads, gathered in document order by one walk of the page (a
/// selector query per kind walked the whole tree each time).
#[derive(Default)]
struct Gathered<'a> {
    /// The first `<html>` and `<title>`.
    html: Option<ElementRef<'a>>,
    title: Option<ElementRef<'a>>,
    metas: Vec<ElementRef<'a>>,
    /// `<script type="application/ld+json">`.
    json_ld: Vec<ElementRef<'a>>,
    /// `href` of `<link rel=canonical>` and of `<base>`.
    canonical: Vec<&'a str>,
    base: Vec<&'a str>,
    headings: Vec<ElementRef<'a>>,
    times: Vec<ElementRef<'a>>,
    /// Elements with `itemprop`.
    itemprops: Vec<ElementRef<'a>>,
    /// Elements inside `<body>` with a class or id, and any with `rel=author`, among the
    /// first `MAX_CLASSED`: those whose class or id holds a hint, that are `rel=author`, or
    /// have an `aria-label` (what the visible-text readers look at).
    classed: Vec<Classed<'a>>,
    /// Comments among the first nodes.
    comments: Vec<&'a str>,
}

fn gather(doc: &Html) -> Gathered<'_> {
    use ego_tree::iter::Edge;
    let mut found = Gathered::default();
    let mut in_body = 0usize; // open <body> elements around the current node
    let mut nodes = 0usize;
    let mut classed_seen = 0usize;
    for edge in doc.tree.root().traverse() {
        let node = match edge {
            Edge::Open(node) => node,
            Edge::Close(node) => {
                if node
                    .value()
                    .as_element()
                    .is_some_and(|e| e.name() == "body")
                {
                    in_body -= 1;
                }
                continue;
            }
        };
        nodes += 1;
        if let Node::Comment(comment) = node.value() {
            if nodes <= SAVED_COMMENT_NODES {
                found.comments.push(comment);
            }
            continue;
        }
        let Some(element) = ElementRef::wrap(node) else {
            continue;
        };
        let e = element.value();
        let has = |name: &str, value: &str| {
            e.attribute(name).is_some_and(|v| {
                v.split_ascii_whitespace()
                    .any(|word| word.eq_ignore_ascii_case(value))
            })
        };
        let inside_body = in_body > 0;
        match e.name() {
            "html" if found.html.is_none() => found.html = Some(element),
            "title" if found.title.is_none() => found.title = Some(element),
            "body" => in_body += 1,
            "meta" => found.metas.push(element),
            "script"
                if e.attribute("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                found.json_ld.push(element)
            }
            "link" if has("rel", "canonical") => found.canonical.extend(e.attribute("href")),
            "base" => found.base.extend(e.attribute("href")),
            "h1" if found.headings.len() < MAX_HEADINGS => found.headings.push(element),
            "time" if found.times.len() < MAX_TIMES => found.times.push(element),
            _ => {}
        }
        if e.attribute("itemprop").is_some() {
            found.itemprops.push(element);
        }
        let (class, id) = (e.attribute("class"), e.attribute("id"));
        let rel_author = has("rel", "author");
        if classed_seen < MAX_CLASSED
            && (inside_body && (class.is_some() || id.is_some()) || rel_author)
        {
            classed_seen += 1;
            let hinted = [class, id]
                .into_iter()
                .flatten()
                .any(|name| ANY_CLASS_HINT.is_match(name));
            if hinted || rel_author || e.attribute("aria-label").is_some() {
                found.classed.push(Classed {
                    key: class_key(e),
                    element,
                });
            }
        }
    }
    found
}

/// Reads the metadata of a parsed page.
pub fn extract_metadata(doc: &Html) -> Metadata {
    let page = gather(doc);
    let meta = collect_meta(&page.metas);
    let classed = page.classed;
    let ld = json_ld(&page.json_ld);
    let get = |names: &[&str]| -> Option<String> {
        names
            .iter()
            .filter_map(|n| meta.get(*n))
            .flatten()
            .find(|v| !v.trim().is_empty())
            .cloned()
    };
    let saved = saved_page_comment(&page.comments);

    let mut out = Metadata::default();

    // Source URL and base first: links and the site name depend on them.
    out.source_url = page
        .canonical
        .iter()
        .copied()
        .chain(get(META_URL).as_deref())
        .chain(ld.url.as_deref())
        .chain(saved.url.as_deref())
        .find_map(absolute_http);
    out.base_url = page
        .base
        .iter()
        .find_map(|href| resolve(out.source_url.as_deref(), href))
        .or_else(|| out.source_url.clone());
    out.captured = saved.date;

    out.source = get(META_SITE)
        .or_else(|| ld.publisher.clone())
        .map(|s| clean_text(&s))
        .filter(|s| !s.is_empty() && !s.contains("://"));

    let page_title = page
        .title
        .map(|t| clean_text(&t.text().collect::<String>()));
    let headings: Vec<String> = page
        .headings
        .iter()
        .map(|h| clean_text(&h.text().collect::<String>()))
        .filter(|h| !h.is_empty())
        .collect();
    // An article's `headline` and `name` usually agree; when they differ, the one the
    // page's own <title> or <h1> shows is the headline (the other is often a description).
    let shown = |t: &String| {
        let t = normalise_for_compare(t);
        !t.is_empty()
            && (page_title
                .as_deref()
                .is_some_and(|p| normalise_for_compare(p).contains(&t))
                || headings.iter().any(|h| normalise_for_compare(h) == t))
    };
    let structured_title = match (&ld.headline, &ld.name) {
        (Some(headline), Some(name)) if !shown(headline) && shown(name) => Some(name.clone()),
        (Some(headline), _) => Some(headline.clone()),
        (None, name) => name.clone(),
    }
    .or_else(|| get(META_TITLE));
    let heading_confirms = page_title
        .as_deref()
        .is_some_and(|t| headings.iter().any(|h| t.contains(h.as_str())));
    let from_page_title = structured_title.is_none() && !heading_confirms;
    let (title, site_part) = choose_title(
        structured_title,
        page_title,
        &headings,
        out.source.as_deref(),
    );
    // A page label (`보도자료 상세보기`, `Press release`) is short; a headline is not.
    out.title_weak = from_page_title
        && title
            .as_deref()
            .is_none_or(|t| word_count(t) <= WEAK_TITLE_MAX_WORDS);
    out.title = title;
    if out.source.is_none() {
        out.source = site_part;
    }

    out.subtitle = ld
        .alternative_headline
        .clone()
        .or_else(|| hinted_text(&classed, &SUBTITLE_HINTS, 8, 300))
        .map(|s| clean_text(&s))
        .filter(|s| !s.is_empty() && Some(s) != out.title.as_ref());

    // Byline: structured first, then the visible byline.
    let structured_author = (!ld.authors.is_empty())
        .then(|| clean_author(&ld.authors.join(", ")))
        .or_else(|| {
            META_AUTHOR
                .iter()
                .filter_map(|n| meta.get(*n))
                .find_map(|values| meta_authors(values))
        })
        .or_else(|| itemprop_text(&page.itemprops, "author").map(|a| clean_author(&a)))
        .filter(|a| !a.is_empty());
    let visible = visible_byline(&classed);
    out.author = structured_author.or_else(|| visible.as_ref().map(|b| b.author.clone()));
    out.email = visible.and_then(|b| b.email);

    // Dates.
    out.date = ld
        .date_published
        .as_deref()
        .and_then(parse_any_date)
        .or_else(|| {
            META_DATE
                .iter()
                .filter_map(|n| meta.get(*n))
                .flatten()
                .find_map(|v| parse_any_date(v))
        })
        .or_else(|| itemprop_date(&page.itemprops))
        .or_else(|| time_element_date(&page.times))
        .or_else(|| visible_date(&classed));

    out.section = get(META_SECTION)
        .or_else(|| ld.section.clone())
        .or_else(|| breadcrumb(&classed))
        .map(|s| clean_text(&s))
        .filter(|s| !s.is_empty() && s.chars().count() <= 40);

    let mut tags: Vec<String> = meta.get("article:tag").cloned().unwrap_or_default();
    if tags.is_empty() {
        tags = ld.keywords.clone();
    }
    if tags.is_empty() {
        tags = get(&["news_keywords", "keywords"])
            .map(|k| split_keywords(&k))
            .unwrap_or_default();
    }
    out.tags = tags
        .into_iter()
        .flat_map(|t| split_keywords(&t))
        .filter(|t| t.chars().count() <= 40)
        .collect();

    out.lang = page
        .html
        .and_then(|h| {
            h.value()
                .attribute("lang")
                .or_else(|| h.value().attribute("xml:lang"))
        })
        .map(str::to_string)
        .or_else(|| get(&["content-language", "og:locale"]))
        .or_else(|| ld.language.clone())
        .and_then(|l| normalise_lang(&l));
    out
}

/// Every `<meta>` by lowercased name, property, itemprop or http-equiv.
fn collect_meta(metas: &[ElementRef<'_>]) -> HashMap<String, Vec<String>> {
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    for element in metas {
        let e = element.value();
        let Some(content) = e.attribute("content") else {
            continue;
        };
        for key in ["name", "property", "itemprop", "http-equiv"] {
            if let Some(name) = e.attribute(key) {
                // `property` may hold several space-separated names.
                for name in name.split_whitespace() {
                    map.entry(name.to_ascii_lowercase())
                        .or_default()
                        .push(content.trim().to_string());
                }
            }
        }
    }
    map
}

/// What the JSON-LD article object says.
#[derive(Debug, Default)]
struct LinkedData {
    headline: Option<String>,
    /// An article's `name` (a generic WebPage's is not kept).
    name: Option<String>,
    alternative_headline: Option<String>,
    authors: Vec<String>,
    date_published: Option<String>,
    publisher: Option<String>,
    section: Option<String>,
    keywords: Vec<String>,
    language: Option<String>,
    url: Option<String>,
}

fn json_ld(scripts: &[ElementRef<'_>]) -> LinkedData {
    let values: Vec<Value> = scripts
        .iter()
        .filter_map(|script| parse_lenient_json(&script.text().collect::<String>()))
        .collect();
    let mut objects = Vec::new();
    for value in &values {
        collect_objects(value, &mut objects);
    }
    // The most specific article type wins over a generic WebPage.
    let article = objects
        .iter()
        .filter_map(|o| type_rank(o).map(|r| (r, o)))
        .min_by_key(|(r, _)| *r);
    let mut ld = LinkedData::default();
    let Some((rank, article)) = article else {
        return ld;
    };
    let text = |key: &str| article.get(key).and_then(scalar_text);
    // A generic WebPage's `name` is often the site's or a template's; only an article's counts.
    let is_article = ARTICLE_TYPES.get(rank) != Some(&"WebPage");
    ld.headline = text("headline").filter(|h| h.len() < 400);
    ld.name = if is_article { text("name") } else { None }.filter(|h| h.len() < 400);
    ld.alternative_headline = text("alternativeHeadline");
    ld.date_published = text("datePublished").or_else(|| text("dateCreated"));
    ld.section = article.get("articleSection").and_then(first_text);
    ld.language = article.get("inLanguage").and_then(first_text);
    ld.url = text("url").or_else(|| {
        article
            .get("mainEntityOfPage")
            .and_then(|m| scalar_text(m).or_else(|| m.get("@id").and_then(scalar_text)))
    });
    ld.publisher = article.get("publisher").and_then(|p| {
        p.get("name")
            .and_then(scalar_text)
            .or_else(|| first_text(p))
    });
    if let Some(author) = article.get("author").or_else(|| article.get("creator")) {
        let list: Vec<&Value> = match author {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        for item in list {
            let name = match item {
                Value::String(s) => Some(s.clone()),
                Value::Object(_) => item.get("name").and_then(first_text),
                _ => None,
            };
            if let Some(name) = name.map(|n| clean_author(&n))
                && !name.is_empty()
                && !looks_like_url(&name)
                && !ld.authors.contains(&name)
            {
                ld.authors.push(name);
            }
        }
    }
    ld.keywords = match article.get("keywords") {
        Some(Value::String(s)) => split_keywords(s),
        Some(Value::Array(items)) => items.iter().filter_map(scalar_text).collect(),
        _ => Vec::new(),
    };
    ld
}

fn type_rank(object: &serde_json::Map<String, Value>) -> Option<usize> {
    let types: Vec<&str> = match object.get("@type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => return None,
    };
    types
        .iter()
        .filter_map(|t| ARTICLE_TYPES.iter().position(|a| a == t))
        .min()
}

/// Every JSON object inside a JSON-LD value (`@graph`, arrays, nesting), breadth first and
/// bounded, so hostile nesting cannot exhaust the stack.
fn collect_objects<'a>(value: &'a Value, out: &mut Vec<&'a serde_json::Map<String, Value>>) {
    let mut queue = std::collections::VecDeque::from([(value, 0usize)]);
    while let Some((value, depth)) = queue.pop_front() {
        if depth > 8 || out.len() > 200 {
            break;
        }
        match value {
            Value::Object(map) => {
                out.push(map);
                if let Some(graph) = map.get("@graph") {
                    queue.push_back((graph, depth + 1));
                }
                if let Some(main) = map.get("mainEntity") {
                    queue.push_back((main, depth + 1));
                }
            }
            Value::Array(items) => {
                queue.extend(items.iter().map(|item| (item, depth + 1)));
            }
            _ => {}
        }
    }
}

/// Parses JSON-LD as publishers write it: with HTML comments or CDATA around it, trailing
/// commas, raw control characters inside strings.
fn parse_lenient_json(raw: &str) -> Option<Value> {
    // Wrappers pages put around the JSON: comments, CDATA sections (with or without `//`).
    let mut trimmed = raw.trim();
    for (open, close) in [
        ("<!--", "-->"),
        ("//<![CDATA[", "//]]>"),
        ("<![CDATA[", "]]>"),
    ] {
        trimmed = trimmed.strip_prefix(open).unwrap_or(trimmed).trim_start();
        trimmed = trimmed.strip_suffix(close).unwrap_or(trimmed).trim_end();
    }
    if let Ok(value) = serde_json::from_str(trimmed) {
        return Some(value);
    }
    // Replace raw control characters and drop commas before a closing bracket.
    let mut cleaned = String::with_capacity(trimmed.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in trimmed.chars() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            } else if c.is_control() {
                cleaned.push(' ');
                continue;
            }
            cleaned.push(c);
        } else {
            if c == '"' {
                in_string = true;
            }
            if c == '}' || c == ']' {
                let kept = cleaned.trim_end().len();
                if cleaned[..kept].ends_with(',') {
                    cleaned.truncate(kept - 1);
                }
            }
            cleaned.push(c);
        }
    }
    serde_json::from_str(&cleaned).ok()
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(decode_entities(s.trim())).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn first_text(value: &Value) -> Option<String> {
    match value {
        Value::Array(items) => items.iter().find_map(first_text),
        Value::Object(map) => map.get("name").and_then(scalar_text),
        other => scalar_text(other),
    }
}

/// JSON-LD strings sometimes carry HTML entities (`&amp;`, `&#39;`).
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let fragment = Html::parse_fragment(s);
    fragment.root_element().text().collect()
}

/// Picks the title and cuts a site name off it. Returns the title and the cut-off part
/// (a site name, used as `source` when no better one is known).
fn choose_title(
    structured: Option<String>,
    page_title: Option<String>,
    headings: &[String],
    site_name: Option<&str>,
) -> (Option<String>, Option<String>) {
    let candidate = structured
        .map(|t| clean_text(&t))
        .filter(|t| !t.is_empty())
        .or_else(|| page_title.clone().filter(|t| !t.is_empty()))
        .or_else(|| headings.first().cloned());
    let Some(candidate) = candidate else {
        return (None, None);
    };
    // A heading that equals the title or one of its parts is the headline itself.
    if headings.iter().any(|h| h == &candidate) {
        return (Some(candidate), None);
    }
    let (title, site) = strip_site_name(&candidate, site_name, headings);
    (Some(title), site)
}

/// Cuts the site-name part off a title: the part that equals the known site name, else
/// the part a heading does not contain, else (Readability's rule) the shorter end part
/// when what remains still has at least three words.
pub fn strip_site_name(
    title: &str,
    site_name: Option<&str>,
    headings: &[String],
) -> (String, Option<String>) {
    for separator in TITLE_SEPARATORS {
        let Some((first, rest)) = title.split_once(separator) else {
            continue;
        };
        let Some((head, last)) = title.rsplit_once(separator) else {
            continue;
        };
        let site = site_name.map(normalise_for_compare);
        // A known site name at either end.
        if site.as_deref() == Some(&normalise_for_compare(last)) {
            return (head.trim().to_string(), Some(last.trim().to_string()));
        }
        if site.as_deref() == Some(&normalise_for_compare(first)) {
            return (rest.trim().to_string(), Some(first.trim().to_string()));
        }
        // A heading on the page that matches one side.
        for heading in headings {
            if heading == head.trim() {
                return (head.trim().to_string(), Some(last.trim().to_string()));
            }
            if heading == rest.trim() {
                return (rest.trim().to_string(), Some(first.trim().to_string()));
            }
        }
        // Otherwise cut the last part when it is short and the rest is a real headline.
        let words = |s: &str| s.split_whitespace().count();
        if words(last) <= 4 && words(head) >= 3 {
            return (head.trim().to_string(), Some(last.trim().to_string()));
        }
        if words(first) <= 3 && words(rest) >= 4 && *separator != " : " {
            return (rest.trim().to_string(), Some(first.trim().to_string()));
        }
    }
    (title.to_string(), None)
}

/// Words of a title: runs of text that hold a letter or digit (a lone `|` or `-` is none).
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn normalise_for_compare(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Collapses whitespace.
fn clean_text(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An author value without a leading "By", trailing role words or an address.
/// The authors named by one meta name: a page repeats the name once per author
/// (`<meta name="DC.Creator">`, `article:author`), so every usable value counts, in order.
/// Names written `Last, First` are joined with `; ` so the list still reads unambiguously.
fn meta_authors(values: &[String]) -> Option<String> {
    let mut names: Vec<String> = Vec::new();
    for value in values {
        let value = value.trim();
        if value.is_empty() || looks_like_url(value) || value.starts_with('@') {
            continue;
        }
        let name = clean_author(value);
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    let separator = if names.iter().any(|n| n.contains(',')) {
        "; "
    } else {
        ", "
    };
    (!names.is_empty()).then(|| names.join(separator))
}

fn clean_author(s: &str) -> String {
    let s = clean_text(s);
    if let Some(parsed) = byline::parse_byline(&s) {
        return parsed.author;
    }
    let s = byline::strip_by_prefix(&s).unwrap_or(&s);
    s.trim()
        .trim_end_matches([',', '|', '·'])
        .trim()
        .to_string()
}

fn looks_like_url(s: &str) -> bool {
    let s = s.trim();
    s.starts_with("http://")
        || s.starts_with("https://")
        || s.starts_with("www.")
        || s.starts_with('/')
}

fn absolute_http(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    matches!(parsed.scheme(), "http" | "https").then(|| parsed.to_string())
}

fn resolve(base: Option<&str>, href: &str) -> Option<String> {
    match base.and_then(|b| url::Url::parse(b).ok()) {
        Some(base) => base.join(href.trim()).ok().map(|u| u.to_string()),
        None => absolute_http(href),
    }
    .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
}

/// Any date as found in metadata: ISO first, then the human formats.
fn parse_any_date(value: &str) -> Option<Timestamp> {
    let value = value.trim();
    Timestamp::parse_iso(value).or_else(|| dates::parse_date(value))
}

fn itemprop_text(itemprops: &[ElementRef<'_>], prop: &str) -> Option<String> {
    itemprops
        .iter()
        .filter(|e| {
            e.value()
                .attribute("itemprop")
                .is_some_and(|p| p.split_whitespace().any(|p| p == prop))
        })
        .find_map(|e| {
            if let Some(content) = e.value().attribute("content") {
                return Some(content.to_string());
            }
            // A nested `itemprop=name` holds the name itself.
            let name = e
                .select(&ITEMPROP)
                .find(|n| n.value().attribute("itemprop") == Some("name"))
                .map(|n| {
                    n.value()
                        .attribute("content")
                        .map(str::to_string)
                        .unwrap_or_else(|| n.text().collect())
                });
            let text = name.unwrap_or_else(|| e.text().collect());
            let text = clean_text(&text);
            (!text.is_empty() && text.chars().count() <= 100).then_some(text)
        })
}

fn itemprop_date(itemprops: &[ElementRef<'_>]) -> Option<Timestamp> {
    itemprops
        .iter()
        .filter(|e| {
            e.value().attribute("itemprop").is_some_and(|p| {
                p.split_whitespace()
                    .any(|p| p == "datePublished" || p == "dateCreated")
            })
        })
        .find_map(|e| {
            let v = e.value();
            v.attribute("content")
                .or_else(|| v.attribute("datetime"))
                .map(str::to_string)
                .or_else(|| Some(e.text().collect()))
                .and_then(|s| parse_any_date(&s))
        })
}

/// A `<time>` marked `pubdate`, else the first `<time datetime>` that is not inside an
/// element about updates or comments.
fn time_element_date(times: &[ElementRef<'_>]) -> Option<Timestamp> {
    let date_of = |e: &ElementRef| {
        e.value()
            .attribute("datetime")
            .and_then(parse_any_date)
            .or_else(|| parse_any_date(&e.text().collect::<String>()))
    };
    if let Some(date) = times
        .iter()
        .filter(|e| e.value().attribute("pubdate").is_some())
        .find_map(date_of)
    {
        return Some(date);
    }
    times
        .iter()
        .filter(|e| !in_hinted_ancestor(e, &NOT_PUBLISHED_HINTS))
        .find_map(date_of)
}

fn in_hinted_ancestor(element: &ElementRef, hints: &Fragments) -> bool {
    element.ancestors().take(8).any(|a| {
        a.value()
            .as_element()
            .is_some_and(|e| class_id_matches(e, hints))
    })
}

/// An element with a class, id or `rel=author`, and its lowercased `class id` key.
struct Classed<'a> {
    element: ElementRef<'a>,
    key: String,
}

fn class_id_matches(e: &scraper::node::Element, hints: &Fragments) -> bool {
    hints.found_in(&class_key(e))
}

fn class_key(e: &scraper::node::Element) -> String {
    let mut key = String::new();
    if let Some(class) = e.attribute("class") {
        key.push_str(&class.to_ascii_lowercase());
    }
    key.push(' ');
    if let Some(id) = e.attribute("id") {
        key.push_str(&id.to_ascii_lowercase());
    }
    key
}

/// The text of the first short element whose class or id carries one of the hints.
fn hinted_text(
    classed: &[Classed<'_>],
    hints: &Fragments,
    min_chars: usize,
    max_chars: usize,
) -> Option<String> {
    classed
        .iter()
        .filter(|c| hints.found_in(&c.key))
        .map(|c| c.element)
        .filter(|e| {
            !matches!(
                e.value().name(),
                "body" | "html" | "meta" | "script" | "style"
            )
        })
        .find_map(|e| {
            let text = clean_text(&e.text().collect::<String>());
            let n = text.chars().count();
            (n >= min_chars && n <= max_chars).then_some(text)
        })
}

/// A byline read from the visible page: `rel=author` links and elements whose class or
/// id says byline, author, writer or reporter.
fn visible_byline(classed: &[Classed<'_>]) -> Option<byline::Byline> {
    let mut fallback: Option<byline::Byline> = None;
    for &Classed { element, ref key } in classed {
        let e = element.value();
        let rel_author = e
            .attribute("rel")
            .is_some_and(|r| r.split_whitespace().any(|r| r == "author"));
        let bylineish = rel_author || BYLINE_HINTS.found_in(key);
        if !bylineish && !DATE_HINTS.found_in(key) {
            continue;
        }
        if matches!(
            e.name(),
            "body" | "html" | "meta" | "script" | "style" | "img"
        ) {
            continue;
        }
        let text = clean_text(&element.text().collect::<String>());
        if text.is_empty() || text.chars().count() > 200 {
            continue;
        }
        // The whole element, then each piece of text in it (a byline often shares an
        // info line with the dates).
        let pieces = std::iter::once(text.clone()).chain(
            element
                .text()
                .map(clean_text)
                .filter(|t| !t.is_empty() && *t != text),
        );
        for piece in pieces {
            if let Some(parsed) = byline::parse_byline(&piece) {
                return Some(parsed);
            }
        }
        if !bylineish || text.chars().count() > 120 {
            continue;
        }
        if fallback.is_none() {
            let author = clean_author(&text);
            let words = author.split_whitespace().count();
            let said_by = rel_author || byline::strip_by_prefix(&text).is_some();
            if (said_by || byline::looks_like_name(&author))
                && (1..=6).contains(&words)
                && !author.chars().any(|c| c.is_ascii_digit())
            {
                fallback = Some(byline::Byline {
                    author,
                    email: byline::find_email(&text),
                    ..byline::Byline::default()
                });
            }
        }
    }
    fallback
}

/// The publication date from labelled date lines in elements that hold dates.
fn visible_date(classed: &[Classed<'_>]) -> Option<Timestamp> {
    let mut found = Vec::new();
    for &Classed { element, ref key } in classed {
        if !DATE_HINTS.found_in(key) {
            continue;
        }
        let text = clean_text(&element.text().collect::<String>());
        if text.is_empty() || text.chars().count() > 200 {
            continue;
        }
        found.extend(dates::find_dates(&text));
        if found.iter().any(|f| f.role == dates::DateRole::Published) {
            break;
        }
    }
    dates::pick_published(&found)
}

fn breadcrumb(classed: &[Classed<'_>]) -> Option<String> {
    classed
        .iter()
        .filter(|c| {
            BREADCRUMB_HINTS.found_in(&c.key)
                || c.element
                    .value()
                    .attribute("aria-label")
                    .is_some_and(|l| l.to_lowercase().contains("breadcrumb"))
        })
        .find_map(|c| {
            let text = clean_text(&c.element.text().collect::<String>());
            (text.chars().count() <= 120)
                .then(|| boilerplate::breadcrumb_section(&text))
                .flatten()
        })
}

/// What a browser's "save page" left in a comment: the address and, for some tools, when.
#[derive(Default)]
struct SavedComment {
    url: Option<String>,
    date: Option<Timestamp>,
}

fn saved_page_comment(comments: &[&str]) -> SavedComment {
    let mut saved = SavedComment::default();
    for comment in comments {
        for line in comment.lines() {
            let line = line.trim();
            let lower = line.to_ascii_lowercase();
            if let Some(i) = lower.find("saved from url=") {
                let rest = &line[i + "saved from url=".len()..];
                let rest = rest.split(')').nth(1).unwrap_or(rest);
                saved.url = absolute_http(rest.split_whitespace().next().unwrap_or(""));
            } else if let Some(rest) = lower.strip_prefix("url:") {
                saved.url = saved.url.take().or_else(|| absolute_http(rest.trim()));
            } else if lower.starts_with("saved date:") {
                let rest = line["saved date:".len()..].trim();
                saved.date = parse_any_date(rest);
            }
        }
    }
    saved
}

fn split_keywords(s: &str) -> Vec<String> {
    s.split([',', ';', '|'])
        .map(clean_text)
        .filter(|k| !k.is_empty())
        .collect()
}

/// `en_US` → `en-US`, `KO` → `ko`; anything that is not a language tag → `None`.
fn normalise_lang(raw: &str) -> Option<String> {
    let raw = raw
        .trim()
        .split([',', ';'])
        .next()?
        .trim()
        .replace('_', "-");
    let mut parts = raw.split('-');
    let primary = parts.next()?.to_ascii_lowercase();
    if !(2..=3).contains(&primary.len()) || !primary.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut tag = primary;
    for part in parts {
        if part.is_empty() || part.len() > 8 || !part.chars().all(|c| c.is_ascii_alphanumeric()) {
            break;
        }
        tag.push('-');
        if part.len() == 2 {
            tag.push_str(&part.to_ascii_uppercase());
        } else {
            tag.push_str(part);
        }
    }
    Some(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(html: &str) -> Metadata {
        extract_metadata(&Html::parse_document(html))
    }

    #[test]
    fn json_ld_graph_wins() {
        let m = meta_of(
            r#"<html lang="en_gb"><head><title>Wrong | Site</title>
            <meta property="og:title" content="Also wrong">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"The Site"},
              {"@type":"NewsArticle","headline":"Bridge reopens","datePublished":"2022-11-08T09:15:00+00:00",
               "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}],
               "publisher":{"@type":"Organization","name":"Riverside Gazette"},
               "keywords":"transport, bridges","articleSection":"Transport",}
            ]}</script></head><body></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Bridge reopens"));
        assert_eq!(m.author.as_deref(), Some("Jane Doe, John Roe"));
        assert_eq!(m.date.unwrap().to_string(), "2022-11-08T09:15:00Z");
        assert_eq!(m.source.as_deref(), Some("Riverside Gazette"));
        assert_eq!(m.tags, vec!["transport", "bridges"]);
        assert_eq!(m.section.as_deref(), Some("Transport"));
        assert_eq!(m.lang.as_deref(), Some("en-GB"));
    }

    #[test]
    fn every_author_of_a_repeated_meta_name_is_kept() {
        let m = meta_of(
            r#"<html><head><title>Storage protocol</title>
            <meta name="DC.Creator" content="Kooman, F.">
            <meta name="DC.Creator" content="Jong, Michiel de">
            <meta name="DC.Creator" content="Kooman, F."></head><body></body></html>"#,
        );
        assert_eq!(m.author.as_deref(), Some("Kooman, F.; Jong, Michiel de"));
        let m = meta_of(
            r#"<html><head><title>Bridge reopens</title>
            <meta property="article:author" content="https://example.com/jane">
            <meta property="article:author" content="Jane Doe">
            <meta property="article:author" content="John Roe"></head><body></body></html>"#,
        );
        assert_eq!(m.author.as_deref(), Some("Jane Doe, John Roe"));
    }

    #[test]
    fn json_ld_inside_cdata_is_read() {
        for wrapped in [
            "<![CDATA[ {json} ]]>",
            "//<![CDATA[\n{json}\n//]]>",
            "<!-- {json} -->",
        ] {
            let json = r#"{"@type":"BlogPosting","headline":"Survey findings","author":{"@type":"Person","name":"Dana Steer"}}"#;
            let html = format!(
                r#"<html><head><script type="application/ld+json">{}</script></head></html>"#,
                wrapped.replace("{json}", json)
            );
            let m = meta_of(&html);
            assert_eq!(m.author.as_deref(), Some("Dana Steer"), "{wrapped}");
            assert_eq!(m.title.as_deref(), Some("Survey findings"), "{wrapped}");
        }
    }

    #[test]
    fn a_name_alone_in_a_byline_element_is_the_author() {
        for (html, expected) in [
            (
                r#"<div class="author"><div class="author-name">NATALIYA VASILYEVA</div></div>"#,
                Some("NATALIYA VASILYEVA"),
            ),
            (
                r#"<span class="author">Par<span class="authorname"> Jean Dupont</span></span>"#,
                Some("Jean Dupont"),
            ),
            (
                r#"<p class="byline">Michiel de Jong</p>"#,
                Some("Michiel de Jong"),
            ),
            // Prose, a label or initials in a byline-ish box are not a name.
            (
                r#"<div class="byline">J J</div><div class="author-bio">Writes about cities.</div>"#,
                None,
            ),
            (r#"<div class="author-tools">Follow Author</div>"#, None),
        ] {
            let m = meta_of(&format!("<html><body>{html}</body></html>"));
            assert_eq!(m.author.as_deref(), expected, "{html}");
        }
    }

    #[test]
    fn json_ld_name_wins_over_a_headline_the_page_does_not_show() {
        let page = |headline: &str| {
            format!(
                r#"<html><head><title>New Zealand - Encyclopedia</title>
                <script type="application/ld+json">{{"@type":"Article","name":"New Zealand",
                "headline":"{headline}"}}</script></head><body><h1>New Zealand</h1></body></html>"#
            )
        };
        let m = meta_of(&page("island country in the southwestern Pacific Ocean"));
        assert_eq!(m.title.as_deref(), Some("New Zealand"));
        // A headline the page shows stays the title.
        let m = meta_of(
            r#"<html><head><title>Visiting New Zealand | Travel</title>
            <script type="application/ld+json">{"@type":"Article","name":"New Zealand",
            "headline":"Visiting New Zealand"}</script></head>
            <body><h1>Visiting New Zealand</h1></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Visiting New Zealand"));
    }

    #[test]
    fn og_article_author_is_a_byline() {
        let m = meta_of(
            r#"<html><head><meta property="og:article:author" content="BBC News"></head></html>"#,
        );
        assert_eq!(m.author.as_deref(), Some("BBC News"));
    }

    #[test]
    fn by_prefixes_in_several_languages() {
        assert_eq!(byline::strip_by_prefix("By Jane Doe"), Some("Jane Doe"));
        assert_eq!(
            byline::strip_by_prefix("par Jean Dupont"),
            Some("Jean Dupont")
        );
        assert_eq!(byline::strip_by_prefix("Por: Ana Lima"), Some("Ana Lima"));
        assert_eq!(byline::strip_by_prefix("Byron Smith"), None);
        assert_eq!(byline::strip_by_prefix("Paris news"), None);
    }

    #[test]
    fn title_suffixes_are_cut() {
        for (title, site, expected) in [
            (
                "Council agrees budget | Northfield News",
                None,
                "Council agrees budget",
            ),
            (
                "Council agrees budget - Northfield News",
                Some("Northfield News"),
                "Council agrees budget",
            ),
            (
                "Northfield News :: Council agrees the budget for next year",
                None,
                "Council agrees the budget for next year",
            ),
            (
                "중앙도서관 리모델링 마치고 14일 재개관 - 한빛일보",
                None,
                "중앙도서관 리모델링 마치고 14일 재개관",
            ),
        ] {
            let (got, _) = strip_site_name(title, site, &[]);
            assert_eq!(got, expected, "{title}");
        }
    }

    #[test]
    fn opengraph_canonical_and_visible_byline() {
        let m = meta_of(
            r#"<html><head><title>Night buses return - Gazette</title>
            <meta property="og:site_name" content="Gazette">
            <link rel="canonical" href="https://gazette.example.com/news/night-buses">
            <meta property="article:published_time" content="2022-11-08T09:15:00+00:00">
            <meta property="article:tag" content="buses"><meta property="article:tag" content="transport">
            </head><body><h1>Night buses return</h1><div class="byline">By Jane Okafor</div>
            <p class="standfirst">Late services return in January.</p></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Night buses return"));
        assert_eq!(m.source.as_deref(), Some("Gazette"));
        assert_eq!(
            m.source_url.as_deref(),
            Some("https://gazette.example.com/news/night-buses")
        );
        assert_eq!(m.author.as_deref(), Some("Jane Okafor"));
        assert_eq!(m.tags, vec!["buses", "transport"]);
        assert_eq!(
            m.subtitle.as_deref(),
            Some("Late services return in January.")
        );
    }

    #[test]
    fn korean_visible_fields() {
        let m = meta_of(
            r#"<html><head><title>복지 우수사례 공유 - 가상신문</title></head><body>
            <div class="location">홈 &gt; 뉴스 &gt; 행정</div>
            <h1>복지 우수사례 공유</h1>
            <ul class="info-text"><li>홍길동 기자 hong@example.com</li><li>입력 2024.06.21 10:30 | 수정 2024.06.22 09:00</li></ul>
            </body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("복지 우수사례 공유"));
        assert_eq!(m.section.as_deref(), Some("행정"));
        assert_eq!(m.author.as_deref(), Some("홍길동 기자"));
        assert_eq!(m.email.as_deref(), Some("hong@example.com"));
        assert_eq!(m.date.unwrap().ymd(), "2024-06-21");
        assert_eq!(m.source.as_deref(), Some("가상신문"));
    }

    #[test]
    fn broken_json_ld_and_impossible_dates_do_not_panic() {
        let m = meta_of(
            r#"<html><head><script type="application/ld+json"><!-- {"@type":"Article","headline":"A
            headline","datePublished":"2023-02-30"} --></script></head><body></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("A headline"));
        assert_eq!(m.date, None);
    }

    #[test]
    fn lang_tags() {
        assert_eq!(normalise_lang("ko_KR").as_deref(), Some("ko-KR"));
        assert_eq!(normalise_lang("EN").as_deref(), Some("en"));
        assert_eq!(normalise_lang("12"), None);
    }
}
