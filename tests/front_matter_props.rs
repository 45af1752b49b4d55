//! Property tests: whatever strings an article holds, the Markdown file the program
//! writes loads back to the same values.

use clippings::article::Article;
use clippings::date::Timestamp;
use proptest::prelude::*;

/// Strings built from the characters that trouble YAML writers: indicators, quotes,
/// keywords, line breaks, zero-width and bidi controls, emoji, Hangul, and anything else.
fn awkward_string() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("---".to_string()),
        Just("...".to_string()),
        Just(": ".to_string()),
        Just(" #".to_string()),
        Just("- ".to_string()),
        Just("? ".to_string()),
        Just("'".to_string()),
        Just("\"".to_string()),
        Just("\\".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\t".to_string()),
        Just("yes".to_string()),
        Just("no".to_string()),
        Just("null".to_string()),
        Just("~".to_string()),
        Just("&a".to_string()),
        Just("*a".to_string()),
        Just("!tag".to_string()),
        Just("%YAML".to_string()),
        Just("{}".to_string()),
        Just("[]".to_string()),
        Just("@".to_string()),
        Just("`".to_string()),
        Just("|".to_string()),
        Just(">".to_string()),
        Just("0x1F".to_string()),
        Just("1e3".to_string()),
        Just(".inf".to_string()),
        Just("2024-06-21".to_string()),
        Just("\u{200b}".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{85}".to_string()),
        Just("\u{2028}".to_string()),
        Just("📰".to_string()),
        Just("김천시".to_string()),
        Just(" ".to_string()),
        any::<char>().prop_map(|c| c.to_string()),
        "[a-zA-Z0-9 ]{1,8}",
    ];
    prop::collection::vec(pieces, 1..8).prop_map(|v| v.concat())
}

fn article() -> impl Strategy<Value = Article> {
    (
        awkward_string(),
        prop::option::of(awkward_string()),
        prop::option::of(awkward_string()),
        prop::collection::vec(awkward_string(), 0..4),
        prop::option::of(awkward_string()),
        (1i32..9999, 1u32..13, 1u32..29),
    )
        .prop_filter("a title must have a visible character", |(title, ..)| {
            !title.trim().is_empty()
        })
        .prop_map(
            |(title, subtitle, author, tags, source, (y, m, d))| Article {
                title,
                subtitle,
                author,
                tags,
                source,
                date: Timestamp::parse_iso(&format!("{y:04}-{m:02}-{d:02}")),
                body: "Body text.".into(),
                ..Article::default()
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn written_front_matter_loads_back(article in article()) {
        let text = article.to_markdown();
        let back = Article::from_markdown(&text)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(back, article);
    }
}
