//! End-to-end: runs the real `clippings build` on small sites written here and checks the
//! output: pages exist and link to each other, languages, headings, base paths, safety of
//! article bodies, and that a broken file fails the build without touching the last output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ARTICLES: &[(&str, &str)] = &[
    (
        "2024/06/kimcheon.md",
        "---\ntitle: 김천시지역사회보장협의체 우수사례 공유\nsubtitle: 김천 방문\ndate: 2024-06-21T10:30:00+09:00\nauthor: 김천신문 기자\nemail: kimcheon@hanmail.net\nsection: 행정\ntags: [복지, 김천시]\nsource: 김천신문\nsource_url: https://news.example.kr/1\nlang: ko\n---\n\n김천시에서 회의가 열렸다. {{ config }} {% if x %}\n\n# 소제목\n\n<script>alert(1)</script><p onclick=\"alert(2)\">click</p>\n",
    ),
    (
        "2024/06/rust.md",
        "---\ntitle: Rust on the web\ndate: 2024-06-20\ntags: [Rust, 김천시]\nsection: Tech\nauthor: Jane Doe\nsource: The Example Times\n---\n\nSome **body** text.\n\n## A heading\n",
    ),
    (
        "2023/12/old.md",
        "---\ntitle: An older story\ndate: 2023-12-31T23:00:00Z\ntags: [rust]\nsection: Tech\n---\n\nOld news.\n",
    ),
    (
        "2025/01/new.md",
        "---\ntitle: New year\ndate: 2025-01-02\ntags: [economy]\n---\n\nHello.\n",
    ),
];

fn write_site(dir: &Path, config: &str) {
    std::fs::write(dir.join("clippings.toml"), config).unwrap();
    for (rel, text) in ARTICLES {
        let path = dir.join("content").join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

fn build(site: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clippings"))
        .arg("build")
        .arg("--site")
        .arg(site)
        .args(extra)
        .output()
        .unwrap()
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for item in std::fs::read_dir(&d).unwrap() {
            let path = item.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "html") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Every value of `attr="…"` in the text.
fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

#[test]
fn builds_a_linked_site() {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), "title = \"Test\"\nper_page = 2\n");
    let out = build(dir.path(), &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let public = dir.path().join("public");

    let article = read(public.join("2024/06/21/김천시지역사회보장협의체-우수사례-공유/index.html"));
    let english = read(public.join("2024/06/20/rust-on-the-web/index.html"));
    let home = read(public.join("index.html"));
    let page2 = read(public.join("page/2/index.html"));
    let tag = read(public.join("tags/김천시/index.html"));
    let tags = read(public.join("tags/index.html"));
    let year = read(public.join("2024/index.html"));
    let month = read(public.join("2024/06/index.html"));
    let feed = read(public.join("atom.xml"));
    let tag_feed = read(public.join("tags/rust/atom.xml"));
    let sitemap = read(public.join("sitemap.xml"));
    let robots = read(public.join("robots.txt"));
    for extra in [
        "404.html",
        ".nojekyll",
        "search/index.html",
        "search/index.json",
        "style.css",
        "search.js",
        "archive/index.html",
        "sections/index.html",
    ] {
        assert!(public.join(extra).exists(), "{extra}");
    }

    // Languages: the Korean article is ko in an English site.
    assert!(article.starts_with("<!DOCTYPE html>\n<html lang=\"ko\">"));
    assert!(english.contains("<html lang=\"en\">"));
    assert!(home.contains("<html lang=\"en\">"));

    // Links between pages.
    let article_href = "/2024/06/21/%EA%B9%80%EC%B2%9C%EC%8B%9C%EC%A7%80%EC%97%AD%EC%82%AC%ED%9A%8C%EB%B3%B4%EC%9E%A5%ED%98%91%EC%9D%98%EC%B2%B4-%EC%9A%B0%EC%88%98%EC%82%AC%EB%A1%80-%EA%B3%B5%EC%9C%A0/";
    assert!(home.contains(article_href) || page2.contains(article_href));
    assert!(
        home.contains("rel=\"next\" href=\"/page/2/\""),
        "home links to page 2"
    );
    assert!(
        page2.contains("rel=\"prev\" href=\"/\""),
        "page 2 links back"
    );
    assert!(tag.contains(article_href) && tag.contains("/2024/06/20/rust-on-the-web/"));
    assert!(
        article.contains("href=\"/tags/%EA%B9%80%EC%B2%9C%EC%8B%9C/\""),
        "article links its tag"
    );
    assert!(
        article.contains("href=\"/sections/%ED%96%89%EC%A0%95/\""),
        "article links its section"
    );
    assert!(
        tags.contains("/tags/rust/") && tags.contains(">2</span>"),
        "tag index with counts"
    );
    assert!(year.contains("href=\"/2024/06/\""), "year links month");
    assert!(month.contains(article_href), "month lists article");
    assert!(
        feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"") && feed.contains(article_href)
    );
    assert!(
        tag_feed.contains("/2023/12/31/an-older-story/"),
        "tags differing in case are one tag"
    );
    assert!(sitemap.contains(article_href) && sitemap.contains("<loc>/tags/rust/</loc>"));
    assert!(robots.contains("Sitemap: /sitemap.xml"));
    assert!(article.contains("type=\"application/atom+xml\""));

    // Article page contents.
    assert!(
        article.contains("<time datetime=\"2024-06-21T10:30:00+09:00\">2024년 6월 21일</time>")
    );
    assert!(article.contains("김천신문 2024년 6월 21일 보도"));
    assert!(english.contains("Originally published by The Example Times on 20 June 2024"));
    assert!(article.contains("href=\"mailto:kimcheon@hanmail.net\""));
    assert!(article.contains("\"@type\":\"NewsArticle\""));
    assert!(article.contains("<h2>소제목</h2>"), "body headings demoted");

    // Body safety: scripts never reach the output, template syntax is text.
    assert!(
        !article.contains("alert("),
        "script from body reached the page"
    );
    assert!(!article.contains("onclick"));
    assert!(article.contains("{{ config }} {% if x %}"));

    // Exactly one h1 on every page, and nothing loaded from another host.
    for path in html_files(&public) {
        let html = read(path.clone());
        assert_eq!(html.matches("<h1").count(), 1, "{}", path.display());
        for src in attr_values(&html, "src") {
            assert!(src.starts_with('/'), "{}: src {src}", path.display());
        }
        assert!(!html.contains(" style=\""), "{}", path.display());
    }
}

#[test]
fn base_url_subpath_prefixes_every_link() {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), "title = \"Test\"\n");
    let out = build(
        dir.path(),
        &["--base-url", "https://user.github.io/archive/"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let public = dir.path().join("public");
    for path in html_files(&public) {
        let html = read(path.clone());
        for attr in ["href", "src", "data-index", "action"] {
            for value in attr_values(&html, attr) {
                let ok = value.starts_with("/archive/")
                    || value.starts_with("https://user.github.io/archive/")
                    || value.starts_with('#')
                    || value.starts_with("mailto:")
                    || (value.starts_with("https://") && attr == "href");
                assert!(ok, "{}: {attr}={value}", path.display());
            }
        }
        assert!(html.contains("rel=\"canonical\" href=\"https://user.github.io/archive/"));
    }
    let feed = read(public.join("atom.xml"));
    assert!(feed.contains("<id>https://user.github.io/archive/atom.xml</id>"));
    let sitemap = read(public.join("sitemap.xml"));
    assert!(sitemap.contains("<loc>https://user.github.io/archive/tags/rust/</loc>"));
    let robots = read(public.join("robots.txt"));
    assert!(robots.contains("Sitemap: https://user.github.io/archive/sitemap.xml"));
    let index = read(public.join("search/index.json"));
    assert!(index.contains("\"base\":\"/archive/\""), "{index}");
    assert!(index.contains("\"2025/01/02/new-year/\""), "{index}");
}

#[test]
fn broken_file_fails_and_keeps_last_output() {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), "title = \"Test\"\n");
    assert!(build(dir.path(), &[]).status.success());
    let home = dir.path().join("public/index.html");
    let before = read(home.clone());

    let broken = dir.path().join("content/2025/01/broken.md");
    std::fs::write(
        &broken,
        "---\ntitle: Broken\ndate: 2025-01-05\ntags: [unclosed\n---\n\nBody\n",
    )
    .unwrap();
    let out = build(dir.path(), &[]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("broken.md"), "{stderr}");
    assert!(stderr.contains("line "), "{stderr}");
    assert_eq!(read(home.clone()), before, "last good output untouched");
    assert!(
        dir.path()
            .join("public/2025/01/02/new-year/index.html")
            .exists()
    );

    // A full build (no cache) also leaves the output alone on failure.
    std::fs::remove_dir_all(dir.path().join(".clippings")).unwrap();
    assert!(!build(dir.path(), &[]).status.success());
    assert_eq!(read(home), before);
}

#[test]
fn site_templates_and_static_override_defaults() {
    let dir = tempfile::tempdir().unwrap();
    write_site(
        dir.path(),
        "title = \"Test\"\ncname = \"news.example.org\"\n",
    );
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/404.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>Custom missing page</h1>{% endblock content %}",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("static/img")).unwrap();
    std::fs::write(dir.path().join("static/style.css"), "body{}").unwrap();
    std::fs::write(dir.path().join("static/img/logo.txt"), "logo").unwrap();
    let out = build(dir.path(), &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let public = dir.path().join("public");
    assert!(read(public.join("404.html")).contains("Custom missing page"));
    assert_eq!(read(public.join("style.css")), "body{}");
    assert_eq!(read(public.join("img/logo.txt")), "logo");
    assert_eq!(read(public.join("CNAME")).trim(), "news.example.org");
    // The other pages still use the default templates.
    assert!(read(public.join("index.html")).contains("class=\"skip-link\""));
}
