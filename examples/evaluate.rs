//! Scores extraction on a corpus of saved pages with known answers, such as
//! `../shared/corpus/readability-pages` (each folder: `source.html`, `expected.html`,
//! `expected-metadata.json`).
//!
//! ```sh
//! cargo run --release --example evaluate -- ../shared/corpus/readability-pages \
//!     [--min-f1 X] [--min-title X] [--min-byline X] [--min-date X] [--rounds N] [--verbose]
//! ```
//!
//! Body: precision, recall and F1 over word 4-shingles (the method of the public
//! article-extraction-benchmark: lowercase word tokens, multisets of 4 consecutive tokens),
//! our plain text against the expected text, macro-averaged over pages. A page we refuse
//! counts as zero, except pages the corpus marks as not readerable (reported apart).
//! Title: correct when equal after normalising case and spaces, or when ours is the expected
//! title with a site-name part cut off at either end (`Headline | Site`): we cut site names
//! on purpose. Byline: over pages with one; case-insensitive without a leading "By"; correct
//! when equal or one contains the other. Date: over pages with one; the same calendar day.
//! Prune: on every page, the parsed tree outside what `extract::prune` empties must be the
//! same with and without it (the run fails otherwise).
//! Speed: pages per second, one thread, in-process, after a warm-up pass: over all
//! `--rounds` passes (3 unless told), by CPU time, and for the fastest pass by wall clock
//! (the steadiest figure on a shared machine, for comparing two builds).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clippings::extract::{self, PageKind};

struct Page {
    name: String,
    source: Vec<u8>,
    expected_text: String,
    title: Option<String>,
    byline: Option<String>,
    date: Option<String>,
    readerable: bool,
}

#[derive(Default)]
struct Floors {
    f1: f64,
    title: f64,
    byline: f64,
    date: f64,
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut corpus: Option<PathBuf> = None;
    let mut floors = Floors::default();
    let mut verbose = false;
    let mut rounds = 3usize;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| -> f64 {
            args.next()
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("{name} needs a number"))
        };
        match arg.as_str() {
            "--min-f1" => floors.f1 = value("--min-f1"),
            "--min-title" => floors.title = value("--min-title"),
            "--min-byline" => floors.byline = value("--min-byline"),
            "--min-date" => floors.date = value("--min-date"),
            "--rounds" => rounds = (value("--rounds") as usize).max(1),
            "--verbose" | "-v" => verbose = true,
            other => corpus = Some(PathBuf::from(other)),
        }
    }
    let Some(corpus) = corpus else {
        eprintln!(
            "usage: evaluate CORPUS_DIR [--min-f1 X] [--min-title X] [--min-byline X] [--min-date X] [--rounds N] [--verbose]"
        );
        return ExitCode::from(2);
    };
    let pages = match load(&corpus) {
        Ok(pages) => pages,
        Err(error) => {
            eprintln!("{}: {error}", corpus.display());
            return ExitCode::from(2);
        }
    };

    let mut f1_sum = 0.0;
    let mut p_sum = 0.0;
    let mut r_sum = 0.0;
    let mut scored = 0usize;
    let (mut titles, mut title_ok) = (0usize, 0usize);
    let (mut bylines, mut byline_ok) = (0usize, 0usize);
    let (mut dates, mut date_ok) = (0usize, 0usize);
    let mut unreadable = Vec::new();
    println!(
        "{:<45} {:>6} {:>6} {:>6}  title byline date",
        "page", "P", "R", "F1"
    );
    for page in &pages {
        let result = extract::extract(&page.source, Some(PageKind::Html));
        let (text, title, author, date) = match &result {
            Ok(article) => (
                article.plain_text(),
                Some(article.title.clone()),
                article.author.clone(),
                article.date,
            ),
            Err(_) => (String::new(), None, None, None),
        };
        let (p, r, f1) = shingle_scores(&text, &page.expected_text);
        if page.readerable {
            p_sum += p;
            r_sum += r;
            f1_sum += f1;
            scored += 1;
        } else {
            unreadable.push((page.name.clone(), f1));
        }
        let title_mark = page.title.as_ref().map(|expected| {
            titles += 1;
            let ok = title.as_deref().is_some_and(|t| title_matches(t, expected));
            title_ok += usize::from(ok);
            ok
        });
        let byline_mark = page.byline.as_ref().map(|expected| {
            bylines += 1;
            let ok = author
                .as_deref()
                .is_some_and(|a| byline_matches(a, expected));
            byline_ok += usize::from(ok);
            ok
        });
        let date_mark = page.date.as_ref().map(|expected| {
            dates += 1;
            // The same day as written, or as the same instant in UTC (the corpus writes UTC).
            let ok = date.is_some_and(|d| {
                let utc = d.offset.map(|_| d.sort_key().date().to_string());
                Some(d.ymd().as_str()) == expected.get(..10)
                    || (expected.ends_with('Z') && utc.as_deref() == expected.get(..10))
            });
            date_ok += usize::from(ok);
            ok
        });
        let mark = |m: Option<bool>| match m {
            Some(true) => "ok",
            Some(false) => "MISS",
            None => "-",
        };
        println!(
            "{:<45} {:>6.3} {:>6.3} {:>6.3}  {:<5} {:<6} {}",
            truncate(&page.name, 45),
            p,
            r,
            f1,
            mark(title_mark),
            mark(byline_mark),
            mark(date_mark)
        );
        if verbose {
            if let Err(error) = &result {
                println!("    error: {error}");
            }
            if title_mark == Some(false) {
                println!("    title:  {:?}\n    wanted: {:?}", title, page.title);
            }
            if byline_mark == Some(false) {
                println!("    byline: {:?}\n    wanted: {:?}", author, page.byline);
            }
            if date_mark == Some(false) {
                println!(
                    "    date:   {:?}\n    wanted: {:?}",
                    date.map(|d| d.to_string()),
                    page.date
                );
            }
        }
    }

    // The prune pass must leave the parsed tree as it was, apart from what it empties.
    let mut pruned_differently = Vec::new();
    for page in &pages {
        if let Ok(decoded) = extract::decode::decode(&page.source) {
            let pruned = extract::prune::prune(&decoded.text);
            if extract::prune::outline(&pruned) != extract::prune::outline(&decoded.text) {
                pruned_differently.push(page.name.as_str());
            }
        }
    }

    // Speed: one warm-up pass, then timed passes over every page, one thread.
    for page in &pages {
        let _ = extract::extract(&page.source, Some(PageKind::Html));
    }
    let cpu_started = thread_cpu_seconds();
    let started = Instant::now();
    let mut fastest_round = f64::INFINITY;
    for _ in 0..rounds {
        let round_started = Instant::now();
        for page in &pages {
            let _ = std::hint::black_box(extract::extract(&page.source, Some(PageKind::Html)));
        }
        fastest_round = fastest_round.min(round_started.elapsed().as_secs_f64());
    }
    let seconds = started.elapsed().as_secs_f64();
    let pages_per_second = (rounds * pages.len()) as f64 / seconds;
    // On a shared machine the thread's CPU time is the steadier figure.
    let per_cpu_second = cpu_started
        .zip(thread_cpu_seconds())
        .map(|(a, b)| (rounds * pages.len()) as f64 / (b - a).max(0.01));

    let share = |ok: usize, n: usize| if n == 0 { 1.0 } else { ok as f64 / n as f64 };
    let f1 = f1_sum / scored.max(1) as f64;
    let title = share(title_ok, titles);
    let byline = share(byline_ok, bylines);
    let date = share(date_ok, dates);
    println!();
    println!(
        "total over {} readerable pages: precision {:.3}, recall {:.3}, F1 {:.3}",
        scored,
        p_sum / scored.max(1) as f64,
        r_sum / scored.max(1) as f64,
        f1
    );
    println!(
        "title {title:.3} ({title_ok}/{titles}), byline {byline:.3} ({byline_ok}/{bylines}), date {date:.3} ({date_ok}/{dates})"
    );
    if !unreadable.is_empty() {
        let mean = unreadable.iter().map(|(_, f)| f).sum::<f64>() / unreadable.len() as f64;
        println!(
            "not readerable (not in the total): {} pages, mean F1 {mean:.3}",
            unreadable.len()
        );
    }
    println!(
        "speed: {pages_per_second:.0} pages/s (one thread, decode + extract + Markdown, {} pages × {rounds}){}; fastest pass {:.0} pages/s",
        pages.len(),
        per_cpu_second
            .map(|p| format!("; {p:.0} pages per second of CPU time"))
            .unwrap_or_default(),
        pages.len() as f64 / fastest_round
    );

    println!(
        "prune: the parsed tree is unchanged on {} of {} pages",
        pages.len() - pruned_differently.len(),
        pages.len()
    );
    let mut failed = false;
    if !pruned_differently.is_empty() {
        eprintln!(
            "FAIL: pruning changed the parsed tree of {}",
            pruned_differently.join(", ")
        );
        failed = true;
    }
    for (name, value, floor) in [
        ("body F1", f1, floors.f1),
        ("title", title, floors.title),
        ("byline", byline, floors.byline),
        ("date", date, floors.date),
    ] {
        if value + 1e-9 < floor {
            eprintln!("FAIL: {name} {value:.3} is below the floor {floor:.3}");
            failed = true;
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

fn load(corpus: &Path) -> std::io::Result<Vec<Page>> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(corpus)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("source.html").exists())
        .collect();
    dirs.sort();
    let mut pages = Vec::new();
    for dir in dirs {
        let source = std::fs::read(dir.join("source.html"))?;
        let expected_html = std::fs::read_to_string(dir.join("expected.html")).unwrap_or_default();
        let doc = scraper::Html::parse_document(&expected_html);
        let expected_text = doc.root_element().text().collect::<Vec<_>>().join(" ");
        let meta: serde_json::Value = std::fs::read_to_string(dir.join("expected-metadata.json"))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or(serde_json::Value::Null);
        let text = |key: &str| {
            meta.get(key)
                .and_then(|v| v.as_str())
                .map(str::to_string)
                .filter(|s| !s.trim().is_empty())
        };
        pages.push(Page {
            name: dir
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
            source,
            expected_text,
            title: text("title"),
            byline: text("byline"),
            date: text("publishedTime"),
            readerable: meta
                .get("readerable")
                .and_then(|v| v.as_bool())
                .unwrap_or(true),
        });
    }
    Ok(pages)
}

fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn shingles(text: &str) -> HashMap<Vec<String>, usize> {
    let tokens = tokens(text);
    let mut counts = HashMap::new();
    if tokens.len() < 4 {
        if !tokens.is_empty() {
            *counts.entry(tokens).or_insert(0) += 1;
        }
        return counts;
    }
    for window in tokens.windows(4) {
        *counts.entry(window.to_vec()).or_insert(0) += 1;
    }
    counts
}

fn shingle_scores(ours: &str, expected: &str) -> (f64, f64, f64) {
    let ours = shingles(ours);
    let expected = shingles(expected);
    let total_ours: usize = ours.values().sum();
    let total_expected: usize = expected.values().sum();
    if total_ours == 0 && total_expected == 0 {
        return (1.0, 1.0, 1.0);
    }
    if total_ours == 0 || total_expected == 0 {
        return (0.0, 0.0, 0.0);
    }
    let common: usize = ours
        .iter()
        .map(|(k, n)| (*n).min(expected.get(k).copied().unwrap_or(0)))
        .sum();
    let p = common as f64 / total_ours as f64;
    let r = common as f64 / total_expected as f64;
    let f1 = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f1)
}

fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " : ", " / ", " » ",
];

fn title_matches(ours: &str, expected: &str) -> bool {
    let (ours, expected) = (normalise(ours), normalise(expected));
    if ours.is_empty() {
        return false;
    }
    if ours == expected {
        return true;
    }
    SEPARATORS.iter().any(|sep| {
        expected
            .rsplit_once(sep)
            .is_some_and(|(head, _)| head.trim() == ours)
            || expected
                .split_once(sep)
                .is_some_and(|(_, tail)| tail.trim() == ours)
    })
}

fn byline_matches(ours: &str, expected: &str) -> bool {
    let strip = |s: &str| {
        let s = normalise(s);
        s.strip_prefix("by ").map(str::to_string).unwrap_or(s)
    };
    let (ours, expected) = (strip(ours), strip(expected));
    !ours.is_empty() && (ours == expected || ours.contains(&expected) || expected.contains(&ours))
}

/// This thread's CPU time (user + system) in seconds, from /proc on Linux (clock ticks of
/// 1/100 s); None elsewhere.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let user: f64 = fields.get(11)?.parse().ok()?;
    let system: f64 = fields.get(12)?.parse().ok()?;
    Some((user + system) / 100.0)
}
