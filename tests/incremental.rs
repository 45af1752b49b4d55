//! Incremental builds: after edits, adds, deletes and tag changes, the output of an
//! incremental build is byte-identical to a full build of the same content; a build with
//! nothing changed writes nothing; one changed article rewrites only a few files.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

fn article(title: &str, date: &str, tags: &[&str], section: &str, body: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: {date}\ntags: [{}]\nsection: {section}\nsource: 김천신문\n---\n\n{body}\n",
        tags.join(", ")
    )
}

fn write(site: &Path, rel: &str, text: &str) {
    let path = site.join("content").join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Runs a build and returns the number of files it says it wrote.
fn build(site: &Path, out: &Path) -> usize {
    let output = Command::new(env!("CARGO_BIN_EXE_clippings"))
        .args(["build", "--site"])
        .arg(site)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // "built N articles into DIR (W files written)"
    let written = stdout
        .rsplit_once('(')
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok());
    written.unwrap_or_else(|| panic!("unexpected output: {stdout}"))
}

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for item in std::fs::read_dir(&d).unwrap() {
            let path = item.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                files.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

fn assert_same(incremental: &Path, full: &Path) {
    let a = snapshot(incremental);
    let b = snapshot(full);
    let only_a: Vec<_> = a.keys().filter(|k| !b.contains_key(*k)).collect();
    let only_b: Vec<_> = b.keys().filter(|k| !a.contains_key(*k)).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "only incremental: {only_a:?}, only full: {only_b:?}"
    );
    for (rel, bytes) in &a {
        assert!(
            bytes == &b[rel],
            "{rel} differs between incremental and full build"
        );
    }
}

/// Copies a site's configuration and content (not its cache or output) into `to`.
fn copy_site(site: &Path, to: &Path) {
    std::fs::copy(site.join("clippings.toml"), to.join("clippings.toml")).unwrap();
    let mut stack = vec![site.join("content")];
    while let Some(dir) = stack.pop() {
        for item in std::fs::read_dir(&dir).unwrap() {
            let path = item.unwrap().path();
            let target = to.join(path.strip_prefix(site).unwrap());
            if path.is_dir() {
                stack.push(path);
            } else {
                std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                std::fs::copy(&path, &target).unwrap();
            }
        }
    }
}

/// A full build of a copy of the site without its build cache (so nothing is reused), then
/// the incremental output is compared with it.
fn check_against_full(site: &Path, out: &Path) {
    let fresh = tempfile::tempdir().unwrap();
    copy_site(site, fresh.path());
    let full_out = fresh.path().join("public");
    build(fresh.path(), &full_out);
    assert_same(out, &full_out);
    // Make the next build incremental again against `out`.
    build(site, out);
}

#[test]
fn incremental_output_equals_full_build() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    std::fs::write(
        site.join("clippings.toml"),
        "title = \"Inc\"\nper_page = 2\nbase_url = \"https://example.org/a/\"\n",
    )
    .unwrap();
    let topics = ["economy", "복지", "Rust", "김천시"];
    for n in 0..12 {
        let tags = [topics[n % 4], topics[(n + 1) % 4]];
        let date = format!("2024-{:02}-{:02}", 1 + n % 3, 1 + n);
        write(
            site,
            &format!("2024/0{}/a{n}.md", 1 + n % 3),
            &article(
                &format!("Article {n}"),
                &date,
                &tags,
                if n % 2 == 0 { "행정" } else { "Tech" },
                &format!("Body of article {n}. 김천시에서 열린 회의."),
            ),
        );
    }
    let out = site.join("public");
    let first = build(site, &out);
    assert!(first > 30, "full build wrote {first}");

    // Nothing changed: nothing written, no file touched.
    let before = snapshot(&out);
    assert_eq!(build(site, &out), 0);
    assert_eq!(snapshot(&out), before);

    // One body edit: only a few files change, and the result equals a full build.
    write(
        site,
        "2024/01/a3.md",
        &article(
            "Article 3",
            "2024-01-04",
            &["Rust", "김천시"],
            "Tech",
            "A longer, edited body of article 3, changing its excerpt.",
        ),
    );
    let written = build(site, &out);
    assert!(
        written > 0 && written < first / 2,
        "one edit wrote {written} of {first}"
    );
    check_against_full(site, &out);

    // Title change (permalink and neighbours change).
    write(
        site,
        "2024/02/a4.md",
        &article(
            "Renamed four",
            "2024-02-05",
            &["economy", "복지"],
            "행정",
            "Body of article 4.",
        ),
    );
    build(site, &out);
    check_against_full(site, &out);

    // Tag change: a tag disappears, a new one appears, a tag changes case only.
    write(
        site,
        "2024/03/a5.md",
        &article(
            "Article 5",
            "2024-03-06",
            &["brand-new", "rust"],
            "Tech",
            "Body of article 5.",
        ),
    );
    build(site, &out);
    check_against_full(site, &out);

    // Add (in a new month and year) and delete.
    write(
        site,
        "2025/06/new.md",
        &article("New one", "2025-06-30", &["economy"], "World", "New body."),
    );
    std::fs::remove_file(site.join("content/2024/01/a0.md")).unwrap();
    build(site, &out);
    assert!(!out.join("2024/01/01/article-0/index.html").exists());
    check_against_full(site, &out);

    // Date change moves an article to another month; delete a whole section's last member.
    write(
        site,
        "2024/03/a8.md",
        &article("Article 8", "2023-12-25", &["Rust"], "Holiday", "Moved."),
    );
    build(site, &out);
    check_against_full(site, &out);

    // Configuration change: a full rebuild that still equals a fresh build.
    std::fs::write(
        site.join("clippings.toml"),
        "title = \"Inc 2\"\nper_page = 3\nbase_url = \"https://example.org/a/\"\n",
    )
    .unwrap();
    build(site, &out);
    check_against_full(site, &out);
}

#[test]
fn slug_style_change_and_deleted_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    std::fs::write(
        site.join("clippings.toml"),
        "title = \"Slugs\"\nper_page = 2\n",
    )
    .unwrap();
    for n in 0..5 {
        write(
            site,
            &format!("2024/05/k{n}.md"),
            &article(
                &format!("김천시 소식 {n}"),
                &format!("2024-05-0{}", n + 1),
                &["행정"],
                "지역",
                "김천시에서 열린 회의.",
            ),
        );
    }
    let out = site.join("public");
    build(site, &out);
    assert!(out.join("2024/05/01/김천시-소식-0/index.html").is_file());

    // Another slug style: every permalink changes, though no article file did.
    std::fs::write(
        site.join("clippings.toml"),
        "title = \"Slugs\"\nper_page = 2\nslug = \"romanize\"\n",
    )
    .unwrap();
    build(site, &out);
    assert!(
        out.join("2024/05/01/gimcheonsi-sosik-0/index.html")
            .is_file()
    );
    assert!(!out.join("2024/05/01/김천시-소식-0").exists());
    check_against_full(site, &out);

    // An output deleted by hand comes back, and only it is written.
    let page = out.join("2024/05/02/gimcheonsi-sosik-1/index.html");
    std::fs::remove_file(&page).unwrap();
    std::fs::remove_file(out.join("tags/행정/index.html")).unwrap();
    assert_eq!(build(site, &out), 2);
    assert!(page.is_file());
    check_against_full(site, &out);

    // A file touched without a change is parsed again and writes nothing.
    let source = site.join("content/2024/05/k3.md");
    let text = std::fs::read(&source).unwrap();
    std::fs::write(&source, &text).unwrap();
    assert_eq!(build(site, &out), 0);
}

/// A fixed pseudo-random sequence of edits (bodies, titles, dates, tags, sections, adds,
/// deletes, renames), each followed by an incremental build that must equal a full one.
#[test]
fn random_edits_equal_full_builds() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    std::fs::write(
        site.join("clippings.toml"),
        "title = \"Mixed\"\nper_page = 3\nfeed_items = 4\nbase_url = \"https://example.org/m/\"\n",
    )
    .unwrap();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let tags = ["economy", "복지", "Rust", "rust", "김천시", "Culture"];
    let sections = ["행정", "Tech", "World"];
    let make = |next: &mut dyn FnMut(usize) -> usize, n: usize| {
        let date = format!("20{}-0{}-1{}", 23 + next(3), 1 + next(9), next(10));
        let picked = [tags[next(tags.len())], tags[next(tags.len())]];
        article(
            &format!("Story {} {}", n, ["alpha", "베타", "gamma"][next(3)]),
            &date,
            &picked,
            sections[next(sections.len())],
            &format!(
                "Body {} of story {n}. 김천시에서 열린 회의 {}.",
                next(1000),
                next(50)
            ),
        )
    };
    let mut files: Vec<String> = Vec::new();
    for n in 0..14 {
        let rel = format!("batch/s{n}.md");
        write(site, &rel, &make(&mut next, n));
        files.push(rel);
    }
    let out = site.join("public");
    build(site, &out);
    for step in 0..12 {
        for _ in 0..1 + next(3) {
            match next(4) {
                // Rewrite a story (any of its fields may change).
                0 | 1 => {
                    let rel = files[next(files.len())].clone();
                    write(site, &rel, &make(&mut next, step * 10 + 100));
                }
                // Add one.
                2 => {
                    let rel = format!("new/{step}-{}.md", next(1000));
                    write(site, &rel, &make(&mut next, step + 200));
                    if !files.contains(&rel) {
                        files.push(rel);
                    }
                }
                // Delete one (keep a few).
                _ if files.len() > 5 => {
                    let rel = files.swap_remove(next(files.len()));
                    std::fs::remove_file(site.join("content").join(rel)).unwrap();
                }
                _ => {}
            }
        }
        build(site, &out);
        check_against_full(site, &out);
    }
}

/// A tag is named by its smallest spelling across the archive, so an edit to one article can
/// rename it on pages and feeds that show only other articles.
#[test]
fn tag_spelling_change_reaches_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    std::fs::write(site.join("clippings.toml"), "title = \"Tags\"\n").unwrap();
    write(
        site,
        "a.md",
        &article("First", "2024-01-01", &["Economy"], "News", "One."),
    );
    write(
        site,
        "c.md",
        &article(
            "Third",
            "2024-01-03",
            &["economy", "행정"],
            "News",
            "Three.",
        ),
    );
    let out = site.join("public");
    build(site, &out);
    let feed = std::fs::read_to_string(out.join("tags/행정/atom.xml")).unwrap();
    assert!(feed.contains("term=\"Economy\""), "{feed}");

    write(
        site,
        "a.md",
        &article("First", "2024-01-01", &["Markets"], "News", "One."),
    );
    build(site, &out);
    let feed = std::fs::read_to_string(out.join("tags/행정/atom.xml")).unwrap();
    assert!(feed.contains("term=\"economy\""), "{feed}");
    check_against_full(site, &out);
}
