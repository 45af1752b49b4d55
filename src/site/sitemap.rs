//! `sitemap.xml` (every article and the first page of every list) and `robots.txt` pointing
//! to it. Sitemaps hold at most 50,000 URLs; beyond that the extra URLs are left out with the
//! articles first, so every article stays listed up to that size.

use std::fmt::Write as _;

use super::feeds::xml_escape;
use super::model::year_segment;
use super::render::Renderer;

/// The sitemap protocol's limit of URLs per file.
const MAX_URLS: usize = 50_000;

/// The sitemap's URLs with their last modification day, articles first.
fn urls(r: &Renderer) -> Vec<(String, Option<String>)> {
    let site = r.site;
    let mut list: Vec<(String, Option<String>)> = site
        .permalinks
        .iter()
        .zip(&site.entries)
        .map(|(link, entry)| (link.clone(), entry.date.map(|d| d.ymd())))
        .collect();
    let newest = site.entries.first().and_then(|e| e.date.map(|d| d.ymd()));
    list.push((String::new(), newest));
    for fixed in ["archive/", "tags/", "sections/", "search/"] {
        list.push((fixed.into(), None));
    }
    for tag in &site.tags {
        list.push((format!("tags/{}/", tag.segment), None));
    }
    for section in &site.sections {
        list.push((format!("sections/{}/", section.segment), None));
    }
    for year in &site.years {
        list.push((format!("{}/", year_segment(year.year)), None));
        for (m, members) in year.months.iter().enumerate() {
            if !members.is_empty() {
                list.push((format!("{}/{:02}/", year_segment(year.year), m + 1), None));
            }
        }
    }
    list.truncate(MAX_URLS);
    list
}

pub fn sitemap(r: &Renderer) -> String {
    let list = urls(r);
    let mut out = String::with_capacity(list.len() * 100 + 200);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (rel, lastmod) in list {
        out.push_str("<url><loc>");
        xml_escape(&r.urls.absolute(&rel), &mut out);
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
