//! Slugs and path segments through the public API, as `import` and `site` call them.

use clippings::slug::{SlugStyle, is_safe_segment, safe_segment, segment, slugify, tag_key};

#[test]
fn seed_title_slugs() {
    let title = "김천시지역사회보장협의체 우수사례 공유";
    assert_eq!(
        slugify(title, SlugStyle::Keep),
        "김천시지역사회보장협의체-우수사례-공유"
    );
    assert_eq!(
        slugify(title, SlugStyle::Romanize),
        "gimcheonsijiyeoksahoebojanghyeobuiche-ususarye-gongyu"
    );
    assert_eq!(
        slugify("김천시 복지", SlugStyle::Romanize),
        "gimcheonsi-bokji"
    );
}

#[test]
fn tags_and_sections() {
    assert_eq!(segment("행정"), "행정");
    assert_eq!(segment("Press releases"), "press-releases");
    assert_eq!(tag_key("Café"), tag_key("cafe\u{301}"));
    assert_eq!(segment("Café"), segment("cafe\u{301}"));
    assert_eq!(tag_key("  Local\tNews "), "local news");
    let odd = segment("...");
    assert!(odd.starts_with("tag-") && is_safe_segment(&odd), "{odd}");
}

#[test]
fn hostile_names_are_made_safe() {
    for name in [
        "..",
        ".",
        "../../etc/passwd",
        "con",
        "CON.txt",
        "com1",
        "lpt9",
        "a\0b",
        "x:y*z?",
        "<script>",
        "\u{202e}evil",
        "   ",
        "",
        "#tag",
        "100%",
    ] {
        let s = segment(name);
        assert!(is_safe_segment(&s), "{name:?} → {s:?}");
        let s = slugify(name, SlugStyle::Keep);
        assert!(is_safe_segment(&s), "{name:?} → {s:?}");
        let s = safe_segment(name, "article");
        assert!(is_safe_segment(&s), "{name:?} → {s:?}");
    }
    let long = "가나다라마 ".repeat(100);
    assert!(segment(&long).len() <= 200);
    assert!(!segment(&long).ends_with('-'));
}
