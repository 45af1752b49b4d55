//! Plain-text captures through the real binary: `clippings extract --format json FILE`,
//! every field asserted. The seed capture must come out exactly; the other captures are
//! invented pages of other layouts (a national wire story, a portal with a summary box,
//! a council press release, a local paper) read by the same general rules.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn extract(relative: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let output = Command::new(env!("CARGO_BIN_EXE_clippings"))
        .args(["extract", "--format", "json"])
        .arg(&path)
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "{relative}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the output is JSON")
}

fn field<'a>(json: &'a Value, key: &str) -> Option<&'a str> {
    json.get(key).and_then(Value::as_str)
}

fn paragraphs(json: &Value) -> Vec<String> {
    field(json, "text")
        .unwrap_or_default()
        .split("\n\n")
        .map(str::to_string)
        .collect()
}

#[test]
fn seed_capture_extracts_exactly() {
    let json = extract("tests/fixtures/seed-kimcheon.txt");
    assert_eq!(
        field(&json, "title"),
        Some("김천시지역사회보장협의체 우수사례 공유")
    );
    assert_eq!(
        field(&json, "subtitle"),
        Some("기장군지역사회보장협의체 벤치마킹을 위해 김천 방문")
    );
    assert_eq!(field(&json, "section"), Some("행정"));
    assert_eq!(field(&json, "author"), Some("김천신문 기자"));
    assert_eq!(field(&json, "email"), Some("kimcheon@hanmail.net"));
    assert_eq!(field(&json, "date"), Some("2024-06-21"));
    assert_eq!(field(&json, "source"), Some("김천신문"));
    assert_eq!(field(&json, "captured"), Some("2025-05-03T23:43:04"));
    assert_eq!(field(&json, "lang"), Some("ko"));
    let expected = [
        "김천시는 부산광역시 기장군지역사회보장협의체(이하 기장군협의체) 위원 65명이 지난 20일 김천시지역사회보장협의체(이하 김천시협의체)를 방문해 김천시에서 추진 중인 다양한 민관협력 활성화사업과 주민주도의 마을건강복지 운영사례를 벤치마킹했다고 밝혔다.",
        "지역사회보장협의체는 복지, 보건, 고용, 주거, 교육 등 지역의 사회보장 증진을 위해 운영되는 민관협력 기구로, 사회보장과 관련된 서비스 제공 기관과 단체, 시설 등 연계 협력을 통해 서비스 제공기관 간 복지자원의 효율적인 활용체계 확립을 위해 운영되고 있다.",
        "이날 방문한 기장군협의체에서는 김천시협의체의 실무분과별 활성화사업과 지역자원 및 공동모금회 연계사업, 그리고 대덕면과 자산동협의체의 마을건강복지계획 운영 등 우수한 사례를 견학하는 시간을 가졌다.",
        "부산 기장군협의체 권묘연 위원장은 “민관협력이 활발하게 운영되고 있어 아침 일찍 먼 길을 찾아왔다”라며 “공무원과 민간위원들의 지역복지 증진을 위해 애쓰시는 노력에 많은 것을 배우는 알찬 벤치마킹이 됐다”라고 말했다.",
        "김천시협의체 이은직 위원장은 “지역사회보장협의체의 발전과 활성화를 위해 방문해 주신 기장군협의체 위원님들을 환영하며, 우수한 사례를 공유하여 누구나 희망을 품고 행복하게 살아갈 수 있도록 함께 노력하자”라고 전했다.",
        "김천시청 김경하 복지기획과장은 “김천시협의체는 6개의 실무분과와 22개의 읍면동협의체로 557명의 위원께서 복지향상을 위해 열정을 다하고 있다”라며 “시에서도 김천복지재단 운영, 행복김천 복지박람회 등 지역 특성에 맞는 사업을 추진하기 위해 최선을 다하고 있다”라고 밝혔다.",
        "한편, 김천시에서는 주민이 주인이 되어 지역문제를 스스로 해결하는 “2024년 김천형 마을건강복지계획”을 수립해 추진할 읍면동지역사회보장협의체를 공모 중에 있다.",
    ];
    assert_eq!(field(&json, "text"), Some(expected.join("\n\n").as_str()));
}

#[test]
fn national_wire_story_with_related_list() {
    let json = extract("tests/fixtures/text/national-wire.txt");
    assert_eq!(
        field(&json, "title"),
        Some("정부, 반도체 공급망 지원에 3조원 투입")
    );
    assert_eq!(
        field(&json, "subtitle"),
        Some("중소 협력사 설비 투자에 저금리 대출")
    );
    assert_eq!(field(&json, "section"), Some("산업"));
    assert_eq!(field(&json, "author"), Some("김하늘 기자"));
    assert_eq!(field(&json, "email"), Some("kim@newsis.com"));
    // 기사입력 wins over 최종수정.
    assert_eq!(field(&json, "date"), Some("2024-03-15T14:20:00"));
    // The dateline's agency, which the copyright holder's longer name contains.
    assert_eq!(field(&json, "source"), Some("뉴시스"));
    assert_eq!(field(&json, "captured"), None);
    let text = paragraphs(&json);
    assert_eq!(text.len(), 6, "{text:#?}");
    // The dateline byline is split off the lead.
    assert_eq!(
        text[0],
        "정부가 반도체 공급망을 강화하기 위해 3조원 규모의 지원책을 내놓았다."
    );
    assert!(text[2].starts_with("▲ 15일"));
    assert_eq!(
        text[5],
        "업계는 환영하면서도 인력 지원이 빠졌다는 점을 아쉬워했다."
    );
    let markdown = field(&json, "markdown").unwrap_or_default();
    assert!(
        markdown.contains("*▲ 15일"),
        "captions are italic: {markdown}"
    );
    assert!(!markdown.contains("관련기사") && !markdown.contains("석 달째"));
}

#[test]
fn portal_capture_with_summary_box() {
    let json = extract("tests/fixtures/text/portal-summary.txt");
    assert_eq!(
        field(&json, "title"),
        Some("산불 피해 주민에 긴급 생활비 지원")
    );
    assert_eq!(field(&json, "subtitle"), None);
    assert_eq!(field(&json, "section"), Some("사회"));
    assert_eq!(field(&json, "author"), Some("이서연 기자"));
    // From the byline glued to the last sentence.
    assert_eq!(field(&json, "email"), Some("ysy@hanbit.example"));
    assert_eq!(field(&json, "date"), Some("2024-04-02T15:10:00"));
    assert_eq!(field(&json, "source"), Some("한빛뉴스"));
    let text = paragraphs(&json);
    assert_eq!(text.len(), 4, "{text:#?}");
    assert!(text[0].starts_with("강원도는 지난달 산불로"));
    assert_eq!(
        text[3],
        "도는 임시 주거시설 입주 기간도 6개월에서 1년으로 늘려 신속히 처리했다."
    );
    let all = text.join("\n");
    assert!(!all.contains("요약") && !all.contains("신청은 이달 30일까지 읍면동"));
}

#[test]
fn english_council_press_release() {
    let json = extract("tests/fixtures/text/council-release.txt");
    assert_eq!(
        field(&json, "title"),
        Some("Council approves £2.4m plan to repair town centre roads")
    );
    assert_eq!(field(&json, "subtitle"), None);
    assert_eq!(field(&json, "section"), Some("Press releases"));
    assert_eq!(field(&json, "author"), None);
    assert_eq!(field(&json, "date"), Some("2024-06-21"));
    assert_eq!(field(&json, "source"), Some("Millbrook Borough Council"));
    assert_eq!(field(&json, "captured"), None);
    let text = paragraphs(&json);
    assert_eq!(text.len(), 4, "{text:#?}");
    assert!(text[0].starts_with("Millbrook Borough Council has approved"));
    assert!(text[3].ends_with("about works near them."));
}

#[test]
fn english_local_paper() {
    let json = extract("tests/fixtures/text/local-paper.txt");
    assert_eq!(
        field(&json, "title"),
        Some("Library to open on Sundays after volunteers step in")
    );
    assert_eq!(
        field(&json, "subtitle"),
        Some("A rota of 40 volunteers will keep the branch open from next month")
    );
    assert_eq!(field(&json, "section"), Some("Local"));
    assert_eq!(field(&json, "author"), Some("Jane Doe and Sam Roe"));
    assert_eq!(field(&json, "email"), None);
    // Published wins over Updated; the header's own date is the capture date.
    assert_eq!(field(&json, "date"), Some("2024-06-21T10:30:00"));
    assert_eq!(field(&json, "captured"), Some("2025-05-03"));
    assert_eq!(field(&json, "source"), Some("The Riverton Gazette"));
    let text = paragraphs(&json);
    assert_eq!(text.len(), 5, "{text:#?}");
    assert_eq!(text[4], "The first Sunday opening is planned for July 7.");
    let all = text.join("\n");
    assert!(!all.contains("Advertisement") && !all.contains("Bridge repairs"));
}

#[test]
fn menus_only_capture_is_no_article() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/text/menus-only.txt");
    let output = Command::new(env!("CARGO_BIN_EXE_clippings"))
        .args(["extract", "--format", "json"])
        .arg(&path)
        .output()
        .expect("the binary runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no article found"), "{stderr}");
}

#[test]
fn no_article_error_from_the_library() {
    use clippings::extract::{ExtractError, PageKind, extract};
    let page = "홈 | 정치 | 경제 | 사회\n로그인 회원가입\n많이 본 뉴스\n예산안 통과..\n";
    assert!(matches!(
        extract(page.as_bytes(), Some(PageKind::Text)),
        Err(ExtractError::NoArticle(_))
    ));
}

#[test]
fn korean_byline_after_the_text_and_subheading() {
    let json = extract("tests/fixtures/text/byline-at-end.txt");
    assert_eq!(
        field(&json, "title"),
        Some("초등학교 돌봄교실 2학기부터 40곳 확대")
    );
    assert_eq!(field(&json, "section"), Some("교육"));
    assert_eq!(field(&json, "author"), Some("박민수 기자"));
    assert_eq!(field(&json, "email"), Some("pms@example.kr"));
    // 등록 (registered) is the publication date; 승인 comes later the same day.
    assert_eq!(field(&json, "date"), Some("2024-09-02T09:15:00"));
    assert_eq!(field(&json, "source"), Some("한빛일보"));
    let markdown = field(&json, "markdown").unwrap_or_default();
    assert!(
        markdown.contains("\n\n## 방과후 프로그램도 확대\n\n"),
        "{markdown}"
    );
    assert_eq!(paragraphs(&json).len(), 4);
}

#[test]
fn site_name_is_not_the_headline_and_tags_are_read() {
    let json = extract("tests/fixtures/text/site-name-and-tags.txt");
    assert_eq!(
        field(&json, "title"),
        Some("Mayor unveils $40m budget with no tax rise")
    );
    assert_eq!(field(&json, "subtitle"), None);
    assert_eq!(field(&json, "author"), Some("Lois Lane"));
    assert_eq!(field(&json, "date"), Some("2024-06-21"));
    assert_eq!(field(&json, "source"), Some("The Daily Planet"));
    let tags: Vec<&str> = json["tags"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    assert_eq!(tags, ["budget", "city hall"]);
    assert_eq!(paragraphs(&json).len(), 3);
}

#[test]
fn hard_wrapped_paragraphs_are_joined() {
    let json = extract("tests/fixtures/text/wrapped-english.txt");
    assert_eq!(
        field(&json, "title"),
        Some("River clean-up draws record crowd")
    );
    assert_eq!(field(&json, "section"), Some("Environment"));
    assert_eq!(field(&json, "author"), Some("Ann Lee"));
    assert_eq!(field(&json, "date"), Some("2024-07-02"));
    let text = paragraphs(&json);
    assert_eq!(text.len(), 4, "{text:#?}");
    assert_eq!(
        text[0],
        "More than 300 volunteers turned out on Saturday to clear litter from the banks of the Mill River, the largest turnout since the annual clean-up began in 2009."
    );
    assert_eq!(text[2], "What happens next");
}

#[test]
fn wire_story_with_section_label_and_trailing_send_time() {
    let json = extract("tests/fixtures/text/wire-label-section.txt");
    assert_eq!(
        field(&json, "title"),
        Some("北, 동해상으로 탄도미사일 발사…합참 \"정밀 분석 중\"")
    );
    // A one-word label right above the headline, when no breadcrumb names the section.
    assert_eq!(field(&json, "section"), Some("정치"));
    assert_eq!(field(&json, "author"), Some("홍길동 기자"));
    assert_eq!(field(&json, "email"), Some("hong@yna.co.kr"));
    assert_eq!(field(&json, "date"), Some("2024-06-26T05:45:00"));
    assert_eq!(field(&json, "source"), Some("연합뉴스"));
    let text = paragraphs(&json);
    assert_eq!(text.len(), 2, "{text:#?}");
    assert!(text[0].starts_with("북한이 26일"));
}

/// Not run by `cargo test`: reads the readability corpus (`../shared`, or the folder in
/// `CLIPPINGS_CORPUS`) when present. Each `source.html` is turned into the text a
/// browser copy would give (a line per block), read as a capture, and compared with
/// Readability's `expected.html` text by word overlap. Run with
/// `cargo test --test text_capture -- --ignored --nocapture corpus`.
#[test]
#[ignore]
fn corpus_captures_against_readability() {
    use std::collections::HashSet;
    let root = std::env::var_os("CLIPPINGS_CORPUS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/readability-pages")
        });
    let Ok(entries) = std::fs::read_dir(&root) else {
        eprintln!("no corpus at {}; skipped", root.display());
        return;
    };
    let mut dirs: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let words = |s: &str| -> Vec<String> { s.split_whitespace().map(str::to_lowercase).collect() };
    let (mut pages, mut extracted, mut titles) = (0usize, 0usize, 0usize);
    let (mut precision, mut recall) = (0.0f64, 0.0f64);
    for dir in dirs {
        let (Ok(source), Ok(expected)) = (
            std::fs::read_to_string(dir.join("source.html")),
            std::fs::read_to_string(dir.join("expected.html")),
        ) else {
            continue;
        };
        let meta: Value = std::fs::read_to_string(dir.join("expected-metadata.json"))
            .ok()
            .and_then(|m| serde_json::from_str(&m).ok())
            .unwrap_or(Value::Null);
        pages += 1;
        let Ok(article) = clippings::extract::text::extract_text(&html_as_copied_text(&source))
        else {
            continue;
        };
        extracted += 1;
        let got = words(&article.plain_text());
        let want = words(&html_as_copied_text(&expected));
        let want_set: HashSet<&String> = want.iter().collect();
        let got_set: HashSet<&String> = got.iter().collect();
        let share = |hits: usize, of: usize| {
            if of == 0 {
                0.0
            } else {
                hits as f64 / of as f64
            }
        };
        precision += share(
            got.iter().filter(|w| want_set.contains(w)).count(),
            got.len(),
        );
        recall += share(
            want.iter().filter(|w| got_set.contains(w)).count(),
            want.len(),
        );
        let title = meta["title"].as_str().unwrap_or_default();
        if !article.title.is_empty()
            && (title.contains(&article.title) || article.title.contains(title))
        {
            titles += 1;
        }
    }
    let mean = |sum: f64| {
        if extracted == 0 {
            0.0
        } else {
            sum / extracted as f64
        }
    };
    println!(
        "pages {pages}, extracted {extracted}, title matches {titles}, word precision {:.3}, word recall {:.3}",
        mean(precision),
        mean(recall)
    );
}

/// The visible text of an HTML page with a line break at each block, as a browser copy
/// gives it. An explicit stack: pages may nest very deep.
fn html_as_copied_text(html: &str) -> String {
    const BLOCKS: &[&str] = &[
        "p",
        "div",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "br",
        "tr",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "ul",
        "ol",
        "figure",
        "figcaption",
        "blockquote",
        "table",
        "aside",
        "main",
        "pre",
        "dd",
        "dt",
    ];
    const HIDDEN: &[&str] = &["script", "style", "noscript", "template", "svg", "head"];
    let document = scraper::Html::parse_document(html);
    let mut out = String::new();
    let mut stack = vec![(document.tree.root(), false)];
    while let Some((node, closing)) = stack.pop() {
        if closing {
            out.push('\n');
            continue;
        }
        if let scraper::Node::Text(text) = node.value() {
            out.push_str(&text.replace('\n', " "));
            continue;
        }
        if let scraper::Node::Element(element) = node.value() {
            if HIDDEN.contains(&element.name()) {
                continue;
            }
            if BLOCKS.contains(&element.name()) {
                out.push('\n');
                stack.push((node, true));
            }
        }
        let children: Vec<_> = node.children().collect();
        stack.extend(children.into_iter().rev().map(|child| (child, false)));
    }
    out.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}
