//! The foundation, end to end through the real binary: `init` a site in a temp folder,
//! `import` the seed capture, check every front matter field and the body, `build`, and
//! check the pages link to each other. Also the import promises: one file per page, hand
//! edits kept, failures named while the rest of the batch goes on.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use clippings::article::Article;
use common::{clippings, fixture, read};

const SEED: &str = "seed-kimcheon.txt";

const SEED_PARAGRAPHS: [&str; 7] = [
    "김천시는 부산광역시 기장군지역사회보장협의체(이하 기장군협의체) 위원 65명이",
    "지역사회보장협의체는 복지, 보건, 고용, 주거, 교육 등",
    "이날 방문한 기장군협의체에서는",
    "부산 기장군협의체 권묘연 위원장은",
    "김천시협의체 이은직 위원장은",
    "김천시청 김경하 복지기획과장은",
    "한편, 김천시에서는 주민이 주인이 되어",
];

fn new_site() -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let site = temp.path().join("site");
    let out = clippings(&["init", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", out.stderr);
    (temp, site)
}

fn markdown_files(site: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(site.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

fn import_seed(site: &Path) -> PathBuf {
    let seed = fixture(SEED);
    let out = clippings(&[
        "import",
        seed.to_str().unwrap(),
        "--site",
        site.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}\n{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("1 imported"), "{}", out.stdout);
    let files = markdown_files(site);
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

#[test]
fn seed_imports_with_every_field() {
    let (_temp, site) = new_site();
    let file = import_seed(&site);
    let relative = file.strip_prefix(&site).unwrap();
    assert!(
        relative.starts_with("content/2024/06"),
        "the publication month decides the folder: {relative:?}"
    );

    let article = Article::from_markdown(&read(&file)).unwrap();
    assert_eq!(article.title, "김천시지역사회보장협의체 우수사례 공유");
    assert_eq!(
        article.subtitle.as_deref(),
        Some("기장군지역사회보장협의체 벤치마킹을 위해 김천 방문")
    );
    assert_eq!(article.section.as_deref(), Some("행정"));
    assert_eq!(article.author.as_deref(), Some("김천신문 기자"));
    assert_eq!(article.email.as_deref(), Some("kimcheon@hanmail.net"));
    assert_eq!(article.date.unwrap().to_string(), "2024-06-21");
    assert_eq!(article.source.as_deref(), Some("김천신문"));
    assert_eq!(
        article.captured.unwrap().to_string(),
        "2025-05-03T23:43:04",
        "the page's clock line is when it was saved"
    );
    assert_eq!(article.lang.as_deref(), Some("ko"));
    let slug = article.slug.clone().expect("import pins the slug");
    assert_eq!(relative.file_stem().unwrap().to_str().unwrap(), slug);

    // Exactly the seven paragraphs, in order, and nothing else.
    let paragraphs: Vec<&str> = article.body.split("\n\n").collect();
    assert_eq!(paragraphs.len(), 7, "{}", article.body);
    for (paragraph, start) in paragraphs.iter().zip(SEED_PARAGRAPHS) {
        assert!(
            paragraph.starts_with(start),
            "{paragraph:?} should start {start:?}"
        );
    }
    assert!(paragraphs[6].ends_with("공모 중에 있다."));
    for clutter in [
        "무단 전재",
        "트위터",
        "많이 본 뉴스",
        "방문자",
        "kimcheon@hanmail.net",
        "발행",
        "기획기사",
        "황산폭포",
    ] {
        assert!(
            !article.body.contains(clutter),
            "{clutter} left in the body"
        );
    }
}

#[test]
fn extract_prints_json_with_every_key() {
    let out = clippings(&[
        "extract",
        fixture(SEED).to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    for key in [
        "title",
        "subtitle",
        "author",
        "email",
        "date",
        "section",
        "tags",
        "source",
        "source_url",
        "captured",
        "lang",
        "text",
        "markdown",
    ] {
        assert!(json.get(key).is_some(), "missing key {key}");
    }
    assert_eq!(json["date"], "2024-06-21");
    assert!(json["tags"].is_array());
    assert!(json["source_url"].is_null());
    let text = json["text"].as_str().unwrap();
    assert_eq!(text.split("\n\n").count(), 7);
}

#[test]
fn reimport_is_unchanged_and_edits_are_kept() {
    let (temp, site) = new_site();
    let file = import_seed(&site);
    let site_arg = site.to_str().unwrap();

    // The same page again, and the same bytes under another name: still one file.
    let copy = temp.path().join("copy of seed.txt");
    fs::copy(fixture(SEED), &copy).unwrap();
    let out = clippings(&[
        "import",
        fixture(SEED).to_str().unwrap(),
        copy.to_str().unwrap(),
        "--site",
        site_arg,
    ]);
    assert!(out.status.success(), "{}", out.stderr);
    assert!(out.stdout.contains("0 imported"), "{}", out.stdout);
    assert!(out.stdout.contains("2 unchanged"), "{}", out.stdout);
    assert_eq!(markdown_files(&site).len(), 1);

    // A person edits the article; the page is re-saved with new bytes.
    let edited = read(&file).replace("우수사례 공유", "우수사례 공유 (고침)");
    fs::write(&file, &edited).unwrap();
    let resaved = temp.path().join("seed.txt");
    fs::write(
        &resaved,
        read(&fixture(SEED)).replace("오늘 방문자 수", "오늘 방문자수"),
    )
    .unwrap();
    let out = clippings(&["import", resaved.to_str().unwrap(), "--site", site_arg]);
    assert!(out.status.success(), "{}", out.stderr);
    assert_eq!(read(&file), edited, "a hand edit must never be overwritten");
    assert_eq!(markdown_files(&site).len(), 1, "{}", out.stdout);

    // With --force the article is replaced, and keeps its file and slug.
    let out = clippings(&[
        "import",
        fixture(SEED).to_str().unwrap(),
        "--force",
        "--site",
        site_arg,
    ]);
    assert!(out.status.success(), "{}", out.stderr);
    assert!(out.stdout.contains("1 updated"), "{}", out.stdout);
    assert!(!read(&file).contains("(고침)"));
    assert_eq!(markdown_files(&site), vec![file]);
}

#[test]
fn bad_pages_are_named_and_the_batch_goes_on() {
    let (temp, site) = new_site();
    let saved = temp.path().join("saved");
    fs::create_dir_all(&saved).unwrap();
    fs::write(saved.join("empty.html"), "").unwrap();
    fs::write(
        saved.join("image.html"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0",
    )
    .unwrap();
    fs::copy(fixture(SEED), saved.join("good.txt")).unwrap();
    let out = clippings(&[
        "import",
        saved.to_str().unwrap(),
        "--site",
        site.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", out.stdout);
    assert!(out.stdout.contains("1 imported"), "{}", out.stdout);
    assert!(out.stdout.contains("2 failed"), "{}", out.stdout);
    let empty_line = out
        .stderr
        .lines()
        .find(|l| l.contains("empty.html"))
        .unwrap();
    assert!(empty_line.contains("empty"), "{empty_line}");
    let image_line = out
        .stderr
        .lines()
        .find(|l| l.contains("image.html"))
        .unwrap();
    assert!(image_line.contains("binary"), "{image_line}");
    assert_eq!(markdown_files(&site).len(), 1);
}

#[test]
fn build_imports_configured_folders_and_publishes() {
    let (_temp, site) = new_site();
    fs::copy(fixture(SEED), site.join("saved").join(SEED)).unwrap();
    let out = clippings(&["build", "--site", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}\n{}", out.stdout, out.stderr);
    assert_eq!(markdown_files(&site).len(), 1);

    let public = site.join("public");
    let article = Article::from_markdown(&read(&markdown_files(&site)[0])).unwrap();
    let slug = article.slug.unwrap();
    let page_dir = public.join("2024/06/21").join(&slug);
    let page = read(&page_dir.join("index.html"));
    assert!(page.contains("김천시지역사회보장협의체 우수사례 공유"));
    assert!(page.contains("<time datetime=\"2024-06-21"));
    assert_eq!(page.matches("<h1").count(), 1);
    assert!(page.contains("lang=\"ko\""));

    for path in [
        "index.html",
        "tags/index.html",
        "2024/index.html",
        "2024/06/index.html",
        "sections/index.html",
        "atom.xml",
        "sitemap.xml",
        "404.html",
        ".nojekyll",
    ] {
        assert!(public.join(path).exists(), "{path} missing");
    }
    // The pages link to each other: home, month and section pages list the article,
    // the article links back to its section, month, and the feed and sitemap name it.
    let encoded = common::percent_encode_path(&format!("/2024/06/21/{slug}/"));
    assert!(read(&public.join("2024/index.html")).contains("/2024/06/"));
    for listing in ["index.html", "2024/06/index.html"] {
        let html = read(&public.join(listing));
        assert!(html.contains(&encoded), "{listing} does not link {encoded}");
    }
    let section = read(&public.join("sections/index.html"));
    assert!(section.contains("행정") || section.contains("%ED%96%89%EC%A0%95"));
    assert!(read(&public.join("atom.xml")).contains(&encoded));
    assert!(read(&public.join("sitemap.xml")).contains(&encoded));

    // A second build imports nothing new.
    let out = clippings(&["build", "--site", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", out.stderr);
    assert!(out.stdout.contains("0 imported"), "{}", out.stdout);
    assert_eq!(markdown_files(&site).len(), 1);
}

#[test]
fn init_refuses_an_existing_site() {
    let (_temp, site) = new_site();
    let out = clippings(&["init", site.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(out.stderr.contains("clippings.toml"), "{}", out.stderr);
}
