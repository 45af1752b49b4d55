//! Entries → the site's structure: order (newest first), permalinks, tags, sections, the
//! year/month archive, previous/next and related articles.
//!
//! Owns every decision about which page an article lives at and which lists show it.
//! Everything here is index-based (`usize` into `Site::entries`) so lists never copy articles.

use std::collections::{BTreeMap, HashSet};

use chrono::Datelike;
use rayon::prelude::*;

use crate::config::Config;
use crate::slug;

use super::load::Entry;
use super::paths::{segment, tag_key};

/// Related articles shown under an article.
pub const RELATED_COUNT: usize = 5;
/// Related candidates are looked for among this many neighbours in time on each side within
/// each shared tag. This bounds the work per article (a tag on half the archive does not make
/// the build quadratic) and favours articles close in time, which are usually the related ones.
const RELATED_WINDOW: usize = 25;

/// A tag or a section: its display name, path segment and members (newest first).
#[derive(Debug, Clone)]
pub struct Taxon {
    pub name: String,
    pub segment: String,
    pub members: Vec<usize>,
}

/// One year of the archive: members per month (index 0 = January), newest first.
#[derive(Debug, Clone)]
pub struct Year {
    pub year: i32,
    pub months: Vec<Vec<usize>>,
}

impl Year {
    pub fn total(&self) -> usize {
        self.months.iter().map(Vec::len).sum()
    }
}

/// The site's structure.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// Newest first; undated articles last.
    pub entries: Vec<Entry>,
    /// Per entry: its directory relative to the site root, ending in `/`.
    pub permalinks: Vec<String>,
    /// Sorted by key.
    pub tags: Vec<Taxon>,
    pub sections: Vec<Taxon>,
    /// Per entry: indices into `tags` (in the article's order) and `sections`.
    pub entry_tags: Vec<Vec<usize>>,
    pub entry_section: Vec<Option<usize>>,
    /// Newest year first.
    pub years: Vec<Year>,
    pub undated: Vec<usize>,
    pub related: Vec<Vec<usize>>,
    /// Things a person should know (permalink clashes).
    pub warnings: Vec<String>,
}

/// The year path segment (`2024`).
pub fn year_segment(year: i32) -> String {
    format!("{year:04}")
}

impl Site {
    pub fn new(mut entries: Vec<Entry>, config: &Config) -> Site {
        entries.sort_by(|a, b| match (&a.date, &b.date) {
            (Some(x), Some(y)) => y
                .sort_key()
                .cmp(&x.sort_key())
                .then_with(|| a.rel.cmp(&b.rel)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.rel.cmp(&b.rel),
        });
        let mut site = Site {
            entries,
            ..Site::default()
        };
        site.assign_permalinks(config);
        site.tags = taxons(&site.entries, |e| {
            e.tags.iter().map(String::as_str).collect()
        });
        site.sections = taxons(&site.entries, |e| {
            e.section.as_deref().into_iter().collect()
        });
        site.entry_tags = member_index(site.entries.len(), &site.tags);
        site.entry_section = member_index(site.entries.len(), &site.sections)
            .into_iter()
            .map(|v| v.first().copied())
            .collect();
        site.build_archive();
        site.related = (0..site.entries.len())
            .into_par_iter()
            .map(|i| site.find_related(i))
            .collect();
        site
    }

    /// Permalinks in source-path order, so adding an article never renames an older one
    /// that sorts before it; clashes get `-2`, `-3`, … and a warning.
    fn assign_permalinks(&mut self, config: &Config) {
        let mut order: Vec<usize> = (0..self.entries.len()).collect();
        order.sort_by(|&a, &b| self.entries[a].rel.cmp(&self.entries[b].rel));
        // Slugs in parallel (the costly part), then clashes resolved in order.
        let wanted: Vec<(String, String)> = self
            .entries
            .par_iter()
            .map(|entry| {
                let raw = match &entry.slug {
                    Some(pinned) => pinned.clone(),
                    None => slug::slugify(&entry.title, config.slug),
                };
                let mut name = segment(&raw);
                if name == "_" {
                    name = "article".into();
                }
                let dir = match &entry.date {
                    Some(d) => format!(
                        "{}/{:02}/{:02}/",
                        year_segment(d.date.year()),
                        d.date.month(),
                        d.date.day()
                    ),
                    None => "undated/".into(),
                };
                (dir, name)
            })
            .collect();
        let mut taken = HashSet::new();
        self.permalinks = vec![String::new(); self.entries.len()];
        for i in order {
            let entry = &self.entries[i];
            let (dir, name) = &wanted[i];
            let mut link = format!("{dir}{name}/");
            let mut n = 2;
            while !taken.insert(link.to_lowercase()) {
                link = format!("{dir}{name}-{n}/");
                n += 1;
            }
            if n > 2 {
                self.warnings.push(format!(
                    "{}: permalink already taken, using /{link}",
                    entry.rel
                ));
            }
            self.permalinks[i] = link;
        }
    }

    fn build_archive(&mut self) {
        let mut years: BTreeMap<i32, Vec<Vec<usize>>> = BTreeMap::new();
        for (i, entry) in self.entries.iter().enumerate() {
            match &entry.date {
                Some(d) => years
                    .entry(d.date.year())
                    .or_insert_with(|| vec![Vec::new(); 12])[d.date.month0() as usize]
                    .push(i),
                None => self.undated.push(i),
            }
        }
        self.years = years
            .into_iter()
            .rev()
            .map(|(year, months)| Year { year, months })
            .collect();
    }

    /// Up to `RELATED_COUNT` articles sharing the most tags, nearest in time first.
    fn find_related(&self, i: usize) -> Vec<usize> {
        // Candidates from each shared tag's window; an article appearing k times shares k tags.
        let mut candidates: Vec<usize> =
            Vec::with_capacity(self.entry_tags[i].len() * (2 * RELATED_WINDOW + 1));
        for &t in &self.entry_tags[i] {
            let members = &self.tags[t].members;
            let Ok(pos) = members.binary_search(&i) else {
                continue;
            };
            let start = pos.saturating_sub(RELATED_WINDOW);
            let end = (pos + RELATED_WINDOW + 1).min(members.len());
            candidates.extend(members[start..end].iter().filter(|&&j| j != i));
        }
        candidates.sort_unstable();
        let mut ranked: Vec<(usize, usize)> = Vec::new();
        for j in candidates {
            match ranked.last_mut() {
                Some((last, score)) if *last == j => *score += 1,
                _ => ranked.push((j, 1)),
            }
        }
        let order = |&(a, sa): &(usize, usize), &(b, sb): &(usize, usize)| {
            sb.cmp(&sa)
                .then_with(|| a.abs_diff(i).cmp(&b.abs_diff(i)))
                .then_with(|| a.cmp(&b))
        };
        // Only the best few are needed: select them, then order just those.
        if ranked.len() > RELATED_COUNT {
            ranked.select_nth_unstable_by(RELATED_COUNT - 1, order);
            ranked.truncate(RELATED_COUNT);
        }
        ranked.sort_by(order);
        ranked.into_iter().map(|(j, _)| j).collect()
    }

    /// The older neighbour (shown as "previous").
    pub fn previous(&self, i: usize) -> Option<usize> {
        (i + 1 < self.entries.len()).then_some(i + 1)
    }

    /// The newer neighbour (shown as "next").
    pub fn next(&self, i: usize) -> Option<usize> {
        i.checked_sub(1)
    }

    /// Is this entry Korean (its own language, else its text)?
    pub fn is_korean(&self, i: usize, config: &Config) -> bool {
        super::i18n::is_korean(&self.lang(i, config))
    }

    /// The entry's language, else the site's.
    pub fn lang(&self, i: usize, config: &Config) -> String {
        let entry = &self.entries[i];
        match &entry.lang {
            Some(lang) => lang.clone(),
            None if entry.hangul && !super::i18n::is_korean(&config.language) => "ko".into(),
            None if entry.latin && !entry.hangul && super::i18n::is_korean(&config.language) => {
                "en".into()
            }
            None => config.language.clone(),
        }
    }
}

/// Groups entries by taxon key; names a taxon by its smallest spelling (stable whatever the
/// order of edits); gives each a unique segment.
fn taxons(entries: &[Entry], names_of: impl Fn(&Entry) -> Vec<&str>) -> Vec<Taxon> {
    let mut by_key: BTreeMap<String, Taxon> = BTreeMap::new();
    for (i, entry) in entries.iter().enumerate() {
        for name in names_of(entry) {
            let key = tag_key(name);
            if key.is_empty() {
                continue;
            }
            let taxon = by_key.entry(key).or_insert_with(|| Taxon {
                name: name.to_string(),
                segment: String::new(),
                members: Vec::new(),
            });
            if name < taxon.name.as_str() {
                taxon.name = name.to_string();
            }
            // The same tag twice on one article counts once.
            if taxon.members.last() != Some(&i) {
                taxon.members.push(i);
            }
        }
    }
    let mut taken = HashSet::new();
    let mut out: Vec<Taxon> = by_key.into_values().collect();
    for taxon in &mut out {
        let base = segment(&taxon.name);
        let mut candidate = base.clone();
        let mut n = 2;
        while !taken.insert(candidate.clone()) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        taxon.segment = candidate;
    }
    out
}

/// Per entry, the taxons it belongs to.
fn member_index(count: usize, taxons: &[Taxon]) -> Vec<Vec<usize>> {
    let mut index = vec![Vec::new(); count];
    for (t, taxon) in taxons.iter().enumerate() {
        for &i in &taxon.members {
            index[i].push(t);
        }
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Timestamp;

    fn entry(rel: &str, title: &str, date: Option<&str>, tags: &[&str]) -> Entry {
        Entry {
            rel: rel.into(),
            hash: String::new(),
            title: title.into(),
            subtitle: None,
            date: date.and_then(Timestamp::parse_iso),
            author: None,
            email: None,
            section: Some("News".into()),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            source: None,
            source_url: None,
            lang: None,
            slug: None,
            excerpt: String::new(),
            reading_minutes: 1,
            hangul: false,
            latin: false,
        }
    }

    #[test]
    fn orders_links_and_groups() {
        let site = Site::new(
            vec![
                entry("a.md", "Same", Some("2024-06-21"), &["Rust", "x"]),
                entry("b.md", "Same", Some("2024-06-21"), &["rust"]),
                entry("c.md", "New", Some("2025-01-02"), &["x"]),
                entry("d.md", "Undated", None, &[]),
            ],
            &Config::default(),
        );
        let titles: Vec<&str> = site.entries.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["New", "Same", "Same", "Undated"]);
        assert_eq!(site.permalinks[1], "2024/06/21/same/");
        assert_eq!(site.permalinks[2], "2024/06/21/same-2/");
        assert_eq!(site.permalinks[3], "undated/undated/");
        assert_eq!(site.warnings.len(), 1);
        assert_eq!(site.tags.len(), 2);
        assert_eq!(site.tags[0].name, "Rust");
        assert_eq!(site.tags[0].members, vec![1, 2]);
        assert_eq!(site.years[0].year, 2025);
        assert_eq!(site.years[1].months[5], vec![1, 2]);
        assert_eq!(site.undated, vec![3]);
        assert_eq!(site.related[1], vec![0, 2]);
        assert_eq!(site.previous(0), Some(1));
        assert_eq!(site.next(0), None);
    }
}
