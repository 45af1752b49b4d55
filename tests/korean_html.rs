//! A short Korean news page in the common CMS layout through the real binary: the page's
//! typical clutter (summary box, wire dateline, byline glued to the last sentence, related
//! news, most-read list, copyright and publisher footer) must all stay out of the body, and
//! every field must come from the general tables.

mod common;

use serde_json::Value;

fn extract(name: &str) -> Value {
    let path = common::fixture(name);
    let out = common::clippings(&["extract", "--format", "json", path.to_str().unwrap()]);
    assert!(out.status.success(), "{name}: {}", out.stderr);
    serde_json::from_str(&out.stdout).expect("the output is JSON")
}

#[test]
fn short_wire_story_comes_out_clean() {
    let json = extract("html/korean-short-wire.html");
    let field = |key: &str| json.get(key).and_then(Value::as_str).map(str::to_string);
    assert_eq!(field("title").as_deref(), Some("가상시, 버스 노선 개편"));
    assert_eq!(field("author").as_deref(), Some("홍길동 기자"));
    assert_eq!(field("section").as_deref(), Some("교통"));
    assert_eq!(field("lang").as_deref(), Some("ko"));
    // 입력 (published) wins over 수정 (updated).
    assert!(field("date").unwrap().starts_with("2024-06-21"));
    let text = field("text").unwrap();
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    assert_eq!(paragraphs.len(), 3, "{text}");
    assert!(
        paragraphs[0].starts_with("가상시가 다음 달 1일부터"),
        "{text}"
    );
    assert!(paragraphs[2].ends_with("말했다."), "{text}");
    for clutter in [
        "뉴시스",
        "hong@example.com",
        "요약",
        "출퇴근 노선이 늘어난다",
        "지하철 연장",
        "관련기사",
        "많이 본",
        "저작권자",
        "발행인",
    ] {
        assert!(!text.contains(clutter), "{clutter} in {text}");
    }
}
