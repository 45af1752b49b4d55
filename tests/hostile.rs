//! Hostile input, safe output, nothing lost: every bullet of that promise, through the
//! real binary, on inputs written here (the size cases are generated at test time).

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{clippings, clippings_in, read};

fn new_site() -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let site = temp.path().join("site");
    let out = clippings(&["init", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", out.stderr);
    (temp, site)
}

fn write_article(site: &Path, relative: &str, text: &str) {
    let path = site.join("content").join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn build(site: &Path) -> common::Output {
    clippings(&["build", "--site", site.to_str().unwrap()])
}

/// Every file below `dir`, relative, with its contents when it is text.
fn output_files(dir: &Path) -> Vec<(PathBuf, Option<String>)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (relative, fs::read_to_string(e.path()).ok())
        })
        .collect()
}

fn article_pages(public: &Path) -> Vec<(PathBuf, String)> {
    output_files(public)
        .into_iter()
        .filter(|(p, _)| {
            let parts = p.components().count();
            p.file_name().is_some_and(|n| n == "index.html")
                && (parts == 5 || (parts == 3 && p.starts_with("undated")))
                && !p.starts_with("tags")
                && !p.starts_with("sections")
                && !p.components().any(|c| c.as_os_str() == "page")
        })
        .filter_map(|(p, text)| text.map(|t| (p, t)))
        .collect()
}

const ACTIVE_PAGE: &str = r#"<!DOCTYPE html>
<html><head><title>Council opens new library | Test Gazette</title>
<meta http-equiv="refresh" content="0; url=https://evil.example/">
<base href="https://evil.example/">
<script>alert('head')</script>
<style>body { background: url(javascript:alert(1)); width: expression(alert(2)); }</style>
</head>
<body onload="alert('body')">
<article>
<h1>Council opens new library</h1>
<p>The council opened the new central library on Monday, after two years of building work, and
residents queued from early morning to see the reading rooms and the children's floor.</p>
<p onclick="alert('p')">Visitors praised the <a href="javascript:alert(3)">bright rooms</a> and
the <a href="JaVaScRiPt:alert(4)">long opening hours</a>, and the
<a href="&#106;avascript:alert(5)">café</a> on the ground floor was full by noon.</p>
<SCRIPT type="text/javascript">document.write('<p>injected</p>')</SCRIPT>
<iframe src="https://evil.example/frame"></iframe>
<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/y.swf">
<form action="https://evil.example/steal"><input name="q"><button>Go</button></form>
<svg><script>alert(6)</script><a xlink:href="javascript:alert(7)"><text>svg</text></a></svg>
<p>The library will be open from eight in the morning until ten at night on weekdays, the
council said, and the old branch libraries will stay open as well.</p>
<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoOCk+" alt="a picture" onerror="alert(9)">
<p style="behavior: url(x.htc)">Opening hours at weekends will be announced next month, after a
consultation with residents and the staff who will run the building.</p>
</article></body></html>"#;

const FORBIDDEN: [&str; 13] = [
    "<script",
    "onload=",
    "onclick=",
    "onerror=",
    "javascript:",
    "<iframe",
    "<object",
    "<embed",
    "evil.example",
    "expression(",
    "http-equiv=\"refresh\"",
    "<base",
    "data:image",
];

#[test]
fn active_content_never_reaches_markdown_or_output() {
    let (temp, site) = new_site();
    let page = temp.path().join("library.html");
    fs::write(&page, ACTIVE_PAGE).unwrap();
    let out = clippings(&[
        "import",
        page.to_str().unwrap(),
        "--site",
        site.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}\n{}", out.stdout, out.stderr);
    // A hand-written file with raw HTML in its body is sanitised at build time too.
    write_article(
        &site,
        "2024/05/hand.md",
        "---\ntitle: Hand written\ndate: 2024-05-02\n---\n\nText <script>alert(1)</script> and \
         <img src=x onerror=alert(2)> and <a href=\"javascript:alert(3)\">link</a>.\n\n\
         <iframe src=\"https://evil.example/\"></iframe>\n\n<form action=\"https://evil.example/\"><input></form>\n",
    );
    let out = build(&site);
    assert!(out.status.success(), "{}\n{}", out.stdout, out.stderr);

    for (path, text) in output_files(&site.join("content")) {
        let text = text.unwrap().to_lowercase();
        if path.to_string_lossy().contains("hand") {
            continue; // the person's own file is theirs; only the output must be safe
        }
        for bad in FORBIDDEN {
            assert!(!text.contains(bad), "{bad} in content/{}", path.display());
        }
        assert!(text.contains("bright rooms"), "the link text is kept");
    }
    let pages = article_pages(&site.join("public"));
    assert_eq!(pages.len(), 2, "{pages:?}");
    for (path, text) in pages {
        let lower = text.to_lowercase();
        for bad in FORBIDDEN {
            if bad == "<script" {
                // Our own scripts may load from our own folder; nothing inline or foreign.
                for tag in lower.match_indices("<script").map(|(i, _)| &lower[i..]) {
                    let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
                    // Structured data is not code; anything else must be our own file.
                    assert!(
                        tag.contains("application/ld+json")
                            || (tag.contains("src=") && !tag.contains("://")),
                        "inline or foreign script in {}: {tag}",
                        path.display()
                    );
                }
                continue;
            }
            assert!(!lower.contains(bad), "{bad} in {}", path.display());
        }
        assert!(
            !lower.contains("<form action=\"https"),
            "{}",
            path.display()
        );
    }
}

#[test]
fn template_syntax_in_articles_is_text() {
    let (_temp, site) = new_site();
    write_article(
        &site,
        "2024/05/tmpl.md",
        "---\ntitle: \"{{ config.title }} and {% raw %}\"\ndate: 2024-05-02\ntags: [\"{{ x }}\"]\n---\n\n\
         Braces {{ config.base_url }} and {% for a in b %}loop{% endfor %} and {# comment #} stay.\n",
    );
    let out = build(&site);
    assert!(out.status.success(), "{}\n{}", out.stdout, out.stderr);
    let pages = article_pages(&site.join("public"));
    assert_eq!(pages.len(), 1);
    let text = &pages[0].1;
    assert!(text.contains("{{ config.base_url }}"), "{text}");
    assert!(text.contains("{% for a in b %}loop{% endfor %}"));
    assert!(text.contains("{# comment #}"));
    assert!(text.contains("{{ config.title }} and {% raw %}"));
}

#[test]
fn paths_never_escape_and_names_are_safe() {
    let (temp, site) = new_site();
    let long = "가".repeat(120);
    let hostile = [
        "../../../escape",
        "a/b\\c",
        "con",
        "NUL",
        "x\u{0}y",
        "#?%:*\"<>|",
        "..",
        ".",
        "",
        long.as_str(),
    ];
    for (i, name) in hostile.iter().enumerate() {
        let yaml_name = clippings::article::yaml_string(name);
        let title = clippings::article::yaml_string(&format!("Title {i}: {name}"));
        write_article(
            &site,
            &format!("2024/0{}/a{i}.md", 1 + i % 9),
            &format!(
                "---\ntitle: {title}\ndate: 2024-0{m}-1{d}\nslug: {yaml_name}\nsection: {yaml_name}\ntags: [{yaml_name}, ok]\n---\n\nBody {i}.\n",
                m = 1 + i % 9,
                d = i % 9
            ),
        );
    }
    // Two articles asking for the same permalink.
    for i in 0..2 {
        write_article(
            &site,
            &format!("2024/05/same{i}.md"),
            "---\ntitle: Same\ndate: 2024-05-02\nslug: same\n---\n\nSame.\n",
        );
    }
    let out = build(&site);
    assert!(out.status.success(), "{}\n{}", out.stdout, out.stderr);

    // Nothing was written outside the output folder.
    let outside: Vec<_> = output_files(temp.path())
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| !p.starts_with("site"))
        .collect();
    assert!(outside.is_empty(), "{outside:?}");
    let public = site.join("public");
    let files = output_files(&public);
    for (path, _) in &files {
        for component in path.components() {
            let name = component.as_os_str().to_string_lossy();
            assert!(name.len() <= 255, "{name}");
            assert!(
                !name
                    .chars()
                    .any(|c| "#?%:*\"<>|\\".contains(c) || c.is_control()),
                "unsafe file name {}",
                path.display()
            );
            let stem = name.split('.').next().unwrap().to_ascii_lowercase();
            assert!(
                !["con", "nul", "prn", "aux", "com1", "lpt1"].contains(&stem.as_str()),
                "device name {}",
                path.display()
            );
        }
    }
    let pages = article_pages(&public);
    assert_eq!(
        pages.len(),
        hostile.len() + 2,
        "every article has its own page"
    );
    let mut permalinks: Vec<_> = pages.iter().map(|(p, _)| p.parent().unwrap()).collect();
    permalinks.sort();
    permalinks.dedup();
    assert_eq!(
        permalinks.len(),
        hostile.len() + 2,
        "two articles shared a permalink"
    );
}

#[test]
fn tags_differing_in_normalisation_or_case_are_one() {
    let (_temp, site) = new_site();
    for (i, tag) in ["Café", "Cafe\u{301}", "CAFÉ", "café"].iter().enumerate() {
        write_article(
            &site,
            &format!("2024/05/t{i}.md"),
            &format!(
                "---\ntitle: T{i}\ndate: 2024-05-0{}\ntags: [\"{tag}\"]\n---\n\nBody.\n",
                i + 1
            ),
        );
    }
    let out = build(&site);
    assert!(out.status.success(), "{}\n{}", out.stdout, out.stderr);
    let tag_pages: Vec<_> = fs::read_dir(site.join("public/tags"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .collect();
    assert_eq!(tag_pages.len(), 1, "{tag_pages:?}");
}

#[test]
fn garbage_gets_one_line_each_and_the_rest_imports() {
    let (temp, site) = new_site();
    let saved = temp.path().join("saved");
    fs::create_dir_all(&saved).unwrap();
    fs::write(saved.join("empty.html"), "").unwrap();
    let mut binary = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
    binary.extend((0..4096u32).map(|i| (i * 7919 % 251) as u8));
    fs::write(saved.join("program.html"), binary).unwrap();
    fs::write(
        saved.join("menu.html"),
        "<html><body><nav><ul><li><a href=/a>Home</a></li><li><a href=/b>News</a></li>\
         <li><a href=/c>Sport</a></li></ul></nav><footer>© 2024 Example</footer></body></html>",
    )
    .unwrap();
    fs::write(saved.join("library.html"), ACTIVE_PAGE).unwrap();
    let out = clippings(&[
        "import",
        saved.to_str().unwrap(),
        "--site",
        site.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}\n{}", out.stdout, out.stderr);
    for name in ["empty.html", "program.html", "menu.html"] {
        let lines: Vec<_> = out.stderr.lines().filter(|l| l.contains(name)).collect();
        assert_eq!(lines.len(), 1, "{name}: {}", out.stderr);
        assert!(lines[0].contains("failed"), "{}", lines[0]);
    }
    assert!(out.stdout.contains("1 imported"), "{}", out.stdout);
}

/// Damaged but readable pages are read as a browser would.
#[test]
fn damaged_pages_import_with_the_right_text() {
    let korean = "김천시는 지난 20일 지역사회보장협의체 위원들과 함께 복지 우수사례를 공유하는 자리를 마련했다고 밝혔다. 참석자들은 마을건강복지 운영사례를 살펴보며 민관협력의 성과를 확인했다.";
    let english = "The café reopened on Monday after the floods, and the owner said the naïve hope of a quick repair had given way to months of patient work by the whole street.";
    let page = |title: &str, body: &str, head: &str| {
        format!(
            "<html><head>{head}<title>{title}</title></head><body><article><h1>{title}</h1>\
             <p>{body}</p><p>{body}</p></article></body></html>"
        )
    };
    let cases: Vec<(&str, Vec<u8>, &str)> =
        vec![
        (
            "truncated.html",
            page("Truncated page", english, "<meta charset=utf-8>").as_bytes()[..400].to_vec(),
            "The café reopened",
        ),
        (
            "stray-bytes.html",
            {
                let mut bytes = page("Stray bytes", english, "<meta charset=utf-8>").into_bytes();
                let at = bytes.len() - 40;
                bytes.insert(at, 0xFF);
                bytes
            },
            "naïve hope",
        ),
        (
            "utf8-labelled-1252.html",
            page(
                "Mislabelled",
                english,
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">",
            )
            .into_bytes(),
            "The café reopened",
        ),
        (
            "euckr-labelled-utf8.html",
            encoding_rs::EUC_KR
                .encode(&page("복지 우수사례 공유", korean, "<meta charset=\"utf-8\">"))
                .0
                .into_owned(),
            "지역사회보장협의체",
        ),
        (
            "utf16.html",
            {
                let mut bytes = vec![0xFF, 0xFE];
                for unit in page("UTF-16 page", english, "").encode_utf16() {
                    bytes.extend(unit.to_le_bytes());
                }
                bytes
            },
            "The café reopened",
        ),
        (
            "euckr-undeclared.html",
            encoding_rs::EUC_KR
                .encode(&page("복지 우수사례 공유", korean, ""))
                .0
                .into_owned(),
            "마을건강복지",
        ),
    ];
    let temp = tempfile::tempdir().unwrap();
    for (name, bytes, expected) in cases {
        let path = temp.path().join(name);
        fs::write(&path, bytes).unwrap();
        let out = clippings(&["extract", path.to_str().unwrap(), "--format", "json"]);
        assert!(out.status.success(), "{name}: {}", out.stderr);
        let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        let text = json["text"].as_str().unwrap();
        assert!(text.contains(expected), "{name}: {text}");
        assert!(
            !text.contains('\u{fffd}') || name == "stray-bytes.html",
            "{name}: {text}"
        );
    }
}

#[test]
fn pathological_sizes_finish() {
    let temp = tempfile::tempdir().unwrap();
    let paragraph = "<p>Residents of the valley gathered again on Tuesday, the council said, to plan the repairs.</p>\n";
    // A 50 MB page.
    let mut big =
        String::from("<html><head><title>Big page</title></head><body><article><h1>Big page</h1>");
    while big.len() < 50 * 1024 * 1024 {
        big.push_str(paragraph);
    }
    big.push_str("</article></body></html>");
    // 100,000 nested elements.
    let mut deep = String::from("<html><head><title>Deep page</title></head><body>");
    deep.push_str(&"<div>".repeat(100_000));
    deep.push_str(&paragraph.repeat(3));
    deep.push_str(&"</div>".repeat(100_000));
    deep.push_str("</body></html>");
    // A 2 MB single line.
    let long_line = format!(
        "<html><head><title>Long line</title></head><body><article><h1>Long line</h1><p>{}</p></article></body></html>",
        "word ".repeat(400_000)
    );
    // 20,000 tags.
    let tags: String = (0..20_000)
        .map(|i| format!("<meta property=\"article:tag\" content=\"tag{i}\">"))
        .collect();
    let many_tags = format!(
        "<html><head><title>Tags</title>{tags}</head><body><article><h1>Tags</h1>{}</article></body></html>",
        paragraph.repeat(3)
    );
    for (name, text) in [
        ("big.html", big),
        ("deep.html", deep),
        ("long.html", long_line),
        ("tags.html", many_tags),
    ] {
        let path = temp.path().join(name);
        fs::write(&path, text).unwrap();
        let out = clippings(&["extract", path.to_str().unwrap(), "--format", "json"]);
        // An answer, either an article or a clear error; never a crash.
        assert!(
            out.status.code() == Some(0) || out.status.code() == Some(1),
            "{name}: {:?} {}",
            out.status,
            out.stderr
        );
        if out.status.code() == Some(1) {
            assert!(out.stderr.contains(name), "{name}: {}", out.stderr);
        }
    }
}

#[test]
fn dates_keep_their_day_and_impossible_dates_are_refused() {
    let (_temp, site) = new_site();
    write_article(
        &site,
        "2024/06/early.md",
        "---\ntitle: Early morning in Seoul\ndate: 2024-06-21T08:30:00+09:00\n---\n\nBody.\n",
    );
    write_article(
        &site,
        "old/ancient.md",
        "---\ntitle: Ancient\ndate: 0001-01-01\n---\n\nBody.\n",
    );
    write_article(
        &site,
        "far/future.md",
        "---\ntitle: Future\ndate: 9999-12-31T23:59:59-12:00\n---\n\nBody.\n",
    );
    // Whatever the build machine's zone, the page's own calendar day is kept.
    for zone in ["UTC", "America/Los_Angeles", "Pacific/Kiritimati"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_clippings"))
            .args(["build", "--site", site.to_str().unwrap()])
            .env("TZ", zone)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            site.join("public/2024/06/21").is_dir(),
            "TZ={zone}: the article moved off 21 June"
        );
    }

    // An impossible date in a page is never written as a valid date.
    let temp = tempfile::tempdir().unwrap();
    let page = temp.path().join("feb30.html");
    fs::write(
        &page,
        "<html><head><title>Late winter fair</title>\
         <meta property=\"article:published_time\" content=\"2023-02-30T10:00:00+09:00\"></head>\
         <body><article><h1>Late winter fair</h1><p>Published 2023-13-01.</p>\
         <p>The winter fair drew crowds to the river bank for the third year running, the organisers said.</p>\
         <p>Stalls sold roasted chestnuts and hand-knitted scarves until well after dark on both days.</p>\
         </article></body></html>",
    )
    .unwrap();
    let out = clippings(&["extract", page.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success(), "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(json["date"].is_null(), "{}", json["date"]);

    // A hand-written impossible date fails the build, naming the file and line.
    write_article(
        &site,
        "2024/02/bad.md",
        "---\ntitle: Bad date\ndate: 2024-02-30\n---\n\nBody.\n",
    );
    let out = build(&site);
    assert!(!out.status.success());
    assert!(out.stderr.contains("bad.md"), "{}", out.stderr);
}

#[test]
fn failed_build_leaves_the_last_good_output() {
    let (_temp, site) = new_site();
    write_article(
        &site,
        "2024/06/good.md",
        "---\ntitle: Good\ndate: 2024-06-01\n---\n\nGood body.\n",
    );
    let out = build(&site);
    assert!(out.status.success(), "{}", out.stderr);
    let public = site.join("public");
    let before = output_files(&public);
    assert!(!before.is_empty());

    write_article(
        &site,
        "2024/06/broken.md",
        "---\ntitle: Broken\ndate: 2024-06-02\ntags: [unclosed\n---\n\nBody.\n",
    );
    let out = build(&site);
    assert!(!out.status.success());
    assert!(out.stderr.contains("broken.md"), "{}", out.stderr);
    assert!(
        out.stderr.contains("line"),
        "the error says which line: {}",
        out.stderr
    );
    assert_eq!(
        output_files(&public),
        before,
        "the last good output is untouched"
    );
}

#[test]
fn build_runs_from_the_site_folder_by_default() {
    let (_temp, site) = new_site();
    write_article(
        &site,
        "2024/06/good.md",
        "---\ntitle: Good\ndate: 2024-06-01\n---\n\nGood body.\n",
    );
    let out = clippings_in(Some(&site), &["build"]);
    assert!(out.status.success(), "{}", out.stderr);
    assert!(read(&site.join("public/index.html")).contains("Good"));
}
