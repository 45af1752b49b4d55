//! Atom feeds: one for the site (`/atom.xml`) and one per tag (`/tags/<tag>/atom.xml`),
//! newest first, capped at `feed_items`. Entries carry the excerpt as summary (not the whole
//! body) so feeds stay small and cheap to rebuild. Undated articles are left out: Atom needs
//! a date on every entry and we never invent one.

use std::fmt::Write as _;

use crate::date::Timestamp;

use super::render::Renderer;

/// Escapes text for XML content and attribute values.
pub fn xml_escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{fffe}' | '\u{ffff}' => {}
            c => out.push(c),
        }
    }
}

fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    xml_escape(text, &mut out);
    out
}

/// RFC 3339 as Atom requires: a missing time is midnight, a missing offset is UTC.
pub fn rfc3339(t: &Timestamp) -> String {
    let mut full = *t;
    if full.time.is_none() {
        full.time = chrono::NaiveTime::from_hms_opt(0, 0, 0);
    }
    if full.offset.is_none() {
        full.offset = chrono::FixedOffset::east_opt(0);
    }
    full.to_string()
}

/// The entries a feed of `members` (newest first) shows: the first `feed_items` dated ones.
pub fn items<'m>(r: &'m Renderer, members: &'m [usize]) -> impl Iterator<Item = usize> + 'm {
    let site = r.site;
    members
        .iter()
        .copied()
        .filter(move |&i| site.entries[i].date.is_some())
        .take(r.config.feed_items)
}

/// Writes an Atom feed of `members` (entry indices, newest first).
pub fn atom(r: &Renderer, title: &str, self_rel: &str, alt_rel: &str, members: &[usize]) -> String {
    let site = r.site;
    let dated: Vec<usize> = items(r, members).collect();
    let updated = dated
        .first()
        .and_then(|&i| site.entries[i].date.as_ref())
        .map(rfc3339)
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let self_url = r.urls.absolute(self_rel);
    let mut out = String::with_capacity(1024 + dated.len() * 600);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        out,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        esc(&r.config.language)
    );
    let _ = writeln!(out, "<title>{}</title>", esc(title));
    if !r.config.description.is_empty() {
        let _ = writeln!(out, "<subtitle>{}</subtitle>", esc(&r.config.description));
    }
    let _ = writeln!(
        out,
        "<link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>",
        esc(&self_url)
    );
    let _ = writeln!(
        out,
        "<link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>",
        esc(&r.urls.absolute(alt_rel))
    );
    let _ = writeln!(out, "<id>{}</id>", esc(&self_url));
    let _ = writeln!(out, "<updated>{updated}</updated>");
    let feed_author = if r.config.author.is_empty() {
        &r.config.title
    } else {
        &r.config.author
    };
    let _ = writeln!(out, "<author><name>{}</name></author>", esc(feed_author));
    let _ = writeln!(out, "<generator>clippings</generator>");
    for i in dated {
        let entry = &site.entries[i];
        let url = r.urls.absolute(&site.permalinks[i]);
        let date = entry.date.as_ref().map(rfc3339).unwrap_or_default();
        out.push_str("<entry>\n");
        let _ = writeln!(out, "<title>{}</title>", esc(&entry.title));
        let _ = writeln!(
            out,
            "<link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>",
            esc(&url)
        );
        let _ = writeln!(out, "<id>{}</id>", esc(&url));
        let _ = writeln!(out, "<published>{date}</published>");
        let _ = writeln!(out, "<updated>{date}</updated>");
        if let Some(author) = &entry.author {
            let _ = writeln!(out, "<author><name>{}</name></author>", esc(author));
        }
        for &t in &site.entry_tags[i] {
            let _ = writeln!(out, "<category term=\"{}\"/>", esc(&site.tags[t].name));
        }
        if !entry.excerpt.is_empty() {
            let _ = writeln!(out, "<summary>{}</summary>", esc(&entry.excerpt));
        }
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_dates() {
        assert_eq!(esc("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
        let day = Timestamp::parse_iso("2024-06-21").unwrap();
        assert_eq!(rfc3339(&day), "2024-06-21T00:00:00Z");
        let full = Timestamp::parse_iso("2024-06-21T10:00:00+09:00").unwrap();
        assert_eq!(rfc3339(&full), "2024-06-21T10:00:00+09:00");
    }
}
