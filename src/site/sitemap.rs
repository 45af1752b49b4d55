//! `sitemap.xml` (every article and the first page of every list) and `robots.txt` pointing
//! to it. Sitemaps hold at most 50,000 URLs; beyond that the extra URLs are left out with the
//! articles first, so every article stays listed up to that size.

use std::fmt::Write as _;

use super::model::year_segment;
use super::render::Renderer;

/// The sitemap protocol's limit of URLs per file.
const MAX_URLS: usize = 50_000;

/// The sitemap's URLs (site-relative) with their last modification day, articles first.
fn urls<'r>(
    r: &'r Renderer,
) -> impl Iterator<Item = (std::borrow::Cow<'r, str>, Option<String>)> + 'r {
    let site = r.site;
    let articles = site
        .permalinks
        .iter()
        .zip(&site.entries)
        .map(|(link, entry)| (link.as_str().into(), entry.date.map(|d| d.ymd())));
    let newest = site.entries.first().and_then(|e| e.date.map(|d| d.ymd()));
    let fixed = ["archive/", "tags/", "sections/", "search/"]
        .into_iter()
        .map(|rel| (rel.into(), None));
    let tags = site
        .tags
        .iter()
        .map(|tag| (format!("tags/{}/", tag.segment).into(), None));
    let sections = site
        .sections
        .iter()
        .map(|section| (format!("sections/{}/", section.segment).into(), None));
    let years = site.years.iter().flat_map(|year| {
        let months = year
            .months
            .iter()
            .enumerate()
            .filter(|(_, members)| !members.is_empty())
            .map(move |(m, _)| {
                (
                    format!("{}/{:02}/", year_segment(year.year), m + 1).into(),
                    None,
                )
            });
        std::iter::once((format!("{}/", year_segment(year.year)).into(), None)).chain(months)
    });
    articles
        .chain(std::iter::once(("".into(), newest)))
        .chain(fixed)
        .chain(tags)
        .chain(sections)
        .chain(years)
        .take(MAX_URLS)
}

pub fn sitemap(r: &Renderer) -> String {
    let mut out = String::with_capacity(r.site.entries.len() * 160 + 200);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (rel, lastmod) in urls(r) {
        out.push_str("<url><loc>");
        r.urls.write_absolute_xml(&rel, &mut out);
        out.push_str("</loc>");
        if let Some(day) = lastmod {
            let _ = write!(out, "<lastmod>{day}</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

pub fn robots(r: &Renderer) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        r.urls.absolute("sitemap.xml")
    )
}
