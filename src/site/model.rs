//! Entries → the site's structure: order (newest first), permalinks, tags, sections, the
//! year/month archive, previous/next and related articles.
//!
//! Owns every decision about which page an article lives at and which lists show it.
//! Everything here is index-based (`usize` into `Site::entries`) so lists never copy articles.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};

use chrono::Datelike;
use rayon::prelude::*;

use crate::config::Config;
use crate::slug::{self, SlugStyle};

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
    /// Entry indices in source-path order (the order permalinks are handed out in).
    pub by_path: Vec<usize>,
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

/// The last segment of an entry's permalink before clashes are resolved: its pinned `slug`,
/// else its title's slug in `style`, made a safe segment (`article` when nothing is left).
/// `load` keeps it with the entry, so unchanged files do not pay for it again.
pub fn permalink_name(entry: &Entry, style: SlugStyle) -> String {
    let raw = match &entry.slug {
        Some(pinned) => pinned.clone(),
        None => slug::slugify(&entry.title, style),
    };
    let name = segment(&raw);
    if name == "_" { "article".into() } else { name }
}

/// The year path segment (`2024`).
pub fn year_segment(year: i32) -> String {
    format!("{year:04}")
}

impl Site {
    pub fn new(mut entries: Vec<Entry>) -> Site {
        // Newest first, ties (and the undated) in path order: a stable sort by date of a
        // list in path order (`load` gives that order, so the first sort is only a check).
        if !entries.is_sorted_by(|a, b| a.rel <= b.rel) {
            entries.sort_by(|a, b| a.rel.cmp(&b.rel));
        }
        entries.sort_by_cached_key(|e| match &e.date {
            Some(d) => (false, Reverse(d.sort_key())),
            None => (true, Reverse(chrono::NaiveDateTime::MIN)),
        });
        let mut site = Site {
            entries,
            ..Site::default()
        };
        site.assign_permalinks();
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
        site.related = site.find_all_related();
        site
    }

    /// Permalinks in source-path order, so adding an article never renames an older one
    /// that sorts before it; clashes get `-2`, `-3`, … and a warning. Each entry's wanted
    /// name comes with it from `load` ([`permalink_name`]).
    fn assign_permalinks(&mut self) {
        let mut order: Vec<usize> = (0..self.entries.len()).collect();
        order.sort_unstable_by(|&a, &b| self.entries[a].rel.cmp(&self.entries[b].rel));
        // The wanted links (and their case-folded form, since two links differing only in
        // case are one folder on some file systems) in parallel, then clashes resolved in order.
        let mut wanted: Vec<(String, String, usize)> = self
            .entries
            .par_iter()
            .map(|entry| {
                let dir = match &entry.date {
                    Some(d) => format!(
                        "{}/{:02}/{:02}/",
                        year_segment(d.date.year()),
                        d.date.month(),
                        d.date.day()
                    ),
                    None => "undated/".into(),
                };
                let link = format!("{dir}{}/", entry.name);
                let folded = link.to_lowercase();
                (link, folded, dir.len())
            })
            .collect();
        let mut taken: FxHashSet<String> =
            FxHashSet::with_capacity_and_hasher(self.entries.len(), Default::default());
        self.permalinks = vec![String::new(); self.entries.len()];
        for &i in &order {
            let (mut link, folded, dir_len) = std::mem::take(&mut wanted[i]);
            if !taken.insert(folded) {
                let (dir, name) = link.split_at(dir_len);
                let name = name.trim_end_matches('/');
                let mut n = 2;
                let unique = loop {
                    let candidate = format!("{dir}{name}-{n}/");
                    n += 1;
                    if taken.insert(candidate.to_lowercase()) {
                        break candidate;
                    }
                };
                self.warnings.push(format!(
                    "{}: permalink already taken, using /{unique}",
                    self.entries[i].rel
                ));
                link = unique;
            }
            self.permalinks[i] = link;
        }
        self.by_path = order;
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

    /// Related articles of every entry, in parallel, each worker with its own tally.
    fn find_all_related(&self) -> Vec<Vec<usize>> {
        // Each task allocates a tally as long as the archive, so there are a few tasks per
        // thread, not one per few hundred articles (which would make the work quadratic).
        let per_task = (self.entries.len() / (8 * rayon::current_num_threads())).max(512);
        (0..self.entries.len())
            .into_par_iter()
            .with_min_len(per_task)
            .map_init(
                || Tally::new(self.entries.len()),
                |tally, i| self.find_related(i, tally),
            )
            .collect()
    }

    /// Up to `RELATED_COUNT` articles sharing the most tags, nearest in time first.
    fn find_related(&self, i: usize, tally: &mut Tally) -> Vec<usize> {
        // Candidates from each shared tag's window; an article appearing k times shares k tags.
        tally.clear();
        for &t in &self.entry_tags[i] {
            let members = &self.tags[t].members;
            let Ok(pos) = members.binary_search(&i) else {
                continue;
            };
            let start = pos.saturating_sub(RELATED_WINDOW);
            let end = (pos + RELATED_WINDOW + 1).min(members.len());
            for &j in &members[start..end] {
                if j != i {
                    tally.add(j);
                }
            }
        }
        // The best few by (most shared tags, nearest in time, older index first), kept in
        // order as the candidates stream by: a handful of comparisons each, no sort.
        let mut best: Vec<(Reverse<u32>, usize, usize)> = Vec::with_capacity(RELATED_COUNT + 1);
        for &j in &tally.seen {
            let key = (Reverse(tally.count[j]), j.abs_diff(i), j);
            if best.len() == RELATED_COUNT && key >= best[RELATED_COUNT - 1] {
                continue;
            }
            let at = best.partition_point(|b| *b < key);
            best.insert(at, key);
            best.truncate(RELATED_COUNT);
        }
        best.into_iter().map(|(_, _, j)| j).collect()
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
    // Each distinct spelling is keyed once (keying normalises Unicode, and an archive has
    // tens of thousands of tag uses but a few hundred spellings).
    const NO_TAXON: usize = usize::MAX;
    let mut slot_of_name: FxHashMap<&str, usize> = FxHashMap::default();
    let mut slot_of_key: FxHashMap<String, usize> = FxHashMap::default();
    let mut slots: Vec<(String, Taxon)> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        for name in names_of(entry) {
            let slot = *slot_of_name.entry(name).or_insert_with(|| {
                let key = tag_key(name);
                if key.is_empty() {
                    return NO_TAXON;
                }
                *slot_of_key.entry(key.clone()).or_insert_with(|| {
                    slots.push((
                        key,
                        Taxon {
                            name: name.to_string(),
                            segment: String::new(),
                            members: Vec::new(),
                        },
                    ));
                    slots.len() - 1
                })
            });
            if slot == NO_TAXON {
                continue;
            }
            let taxon = &mut slots[slot].1;
            if name < taxon.name.as_str() {
                taxon.name = name.to_string();
            }
            // The same tag twice on one article counts once.
            if taxon.members.last() != Some(&i) {
                taxon.members.push(i);
            }
        }
    }
    slots.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let by_key = slots.into_iter().map(|(_, taxon)| taxon);
    let mut taken = FxHashSet::default();
    let mut out: Vec<Taxon> = by_key.collect();
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

/// Counts how often each entry turns up among one article's related candidates: a count
/// per entry, and the list of entries counted, so clearing costs only what was counted.
struct Tally {
    count: Vec<u32>,
    seen: Vec<usize>,
}

impl Tally {
    fn new(entries: usize) -> Tally {
        Tally {
            count: vec![0; entries],
            seen: Vec::new(),
        }
    }

    fn add(&mut self, j: usize) {
        if self.count[j] == 0 {
            self.seen.push(j);
        }
        self.count[j] += 1;
    }

    fn clear(&mut self) {
        for &j in &self.seen {
            self.count[j] = 0;
        }
        self.seen.clear();
    }
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
        let mut entry = Entry {
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
            name: String::new(),
        };
        entry.name = permalink_name(&entry, SlugStyle::Keep);
        entry
    }

    #[test]
    fn orders_links_and_groups() {
        let site = Site::new(vec![
            entry("a.md", "Same", Some("2024-06-21"), &["Rust", "x"]),
            entry("b.md", "Same", Some("2024-06-21"), &["rust"]),
            entry("c.md", "New", Some("2025-01-02"), &["x"]),
            entry("d.md", "Undated", None, &[]),
        ]);
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

    #[test]
    fn related_matches_a_plain_ranking() {
        // 300 articles over 8 tags with uneven popularity (pseudo-random, fixed seed).
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let names = ["a", "b", "c", "d", "e", "f", "g", "h"];
        let entries: Vec<Entry> = (0..300)
            .map(|n| {
                let count = 1 + next(4) as usize;
                let tags: Vec<&str> = (0..count)
                    .map(|_| names[(next(64) as f64).sqrt() as usize])
                    .collect();
                let date = format!("2024-{:02}-{:02}", 1 + next(12), 1 + next(28));
                entry(&format!("{n:03}.md"), "T", Some(&date), &tags)
            })
            .collect();
        let site = Site::new(entries);
        for i in 0..site.entries.len() {
            let mut score = std::collections::HashMap::new();
            for &t in &site.entry_tags[i] {
                let members = &site.tags[t].members;
                let pos = members.iter().position(|&m| m == i).unwrap();
                for (k, &j) in members.iter().enumerate() {
                    if j != i && k.abs_diff(pos) <= RELATED_WINDOW {
                        *score.entry(j).or_insert(0) += 1;
                    }
                }
            }
            let mut ranked: Vec<(usize, usize)> = score.into_iter().collect();
            ranked.sort_by_key(|&(j, s)| (Reverse(s), j.abs_diff(i), j));
            let expected: Vec<usize> = ranked.iter().take(RELATED_COUNT).map(|&(j, _)| j).collect();
            assert_eq!(site.related[i], expected, "article {i}");
        }
    }
}
