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

/// A full build of the same site into a fresh folder (the cache belongs to another folder,
/// so this build is full), then the incremental output is compared with it.
fn check_against_full(site: &Path, out: &Path) {
    let fresh = tempfile::tempdir().unwrap();
    let full_out = fresh.path().join("public");
    build(site, &full_out);
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
