//! Slugs: the last part of an article's permalink and the file names of tags and
//! sections. Owns readable Hangul slugs, Revised Romanization (`slug = "romanize"`),
//! and the rules that keep every path segment safe on every file system and in URLs.
//!
//! Not owned here: where files go (`import`, `site`) and which title an article has
//! (`extract`). Every function returns NFC text and never panics, whatever the input.
//!
//! The public API:
//! - [`slugify`]: a title → the permalink slug (about 60 characters, word boundary);
//! - [`segment`]: a tag or section name → a safe path/URL segment (Keep style);
//! - [`tag_key`]: the identity of a tag (NFC, lowercase, collapsed whitespace);
//! - [`safe_segment`] and [`is_safe_segment`]: the path-safety rules themselves;
//! - [`dedupe`]: `slug-2`, `slug-3`… when a slug is taken;
//! - [`romanize`]: Revised Romanization of Hangul text (other letters folded to ASCII).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

/// How titles become slugs (`slug` in `clippings.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SlugStyle {
    /// Keep Hangul and other letters, lowercase Latin, join words with `-`.
    #[default]
    Keep,
    /// Revised Romanization of Korean, ASCII only.
    Romanize,
}

/// A slug is cut at a word boundary once it reaches this many characters: long enough to
/// keep a headline recognisable, short enough for a readable URL.
pub const SLUG_TARGET_CHARS: usize = 60;

/// No path segment is longer than this many bytes. Most file systems allow 255 bytes per
/// name; 200 leaves room for a `-1` collision suffix and an extension such as `.md`/`.html`.
pub const MAX_SEGMENT_BYTES: usize = 200;

/// The slug used when a title has no letters or digits at all.
pub const FALLBACK_SLUG: &str = "article";

/// Characters that are never part of a segment: path separators, characters Windows
/// forbids in names, and characters with a meaning in URLs.
const FORBIDDEN_CHARS: &[char] = &['/', '\\', '\0', '#', '?', '%', ':', '*', '"', '<', '>', '|'];

/// Invisible format characters (zero-width, bidi controls, BOM) that would make two
/// segments look alike but differ; they are removed.
const INVISIBLE_RANGES: &[(u32, u32)] = &[
    (0x00AD, 0x00AD),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
];

/// Names Windows reserves for devices, whatever the extension (`con`, `con.txt`).
const WINDOWS_DEVICE_NAMES: &[&str] = &[
    "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
    "com8", "com9", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    "conin$", "conout$",
];

/// Apostrophes join the parts of a word (`don't` → `dont`) instead of splitting it.
const WORD_JOINERS: &[char] = &['\'', '’', 'ʼ'];

/// Latin letters that Unicode decomposition does not reduce to ASCII.
const LATIN_FOLDS: &[(char, &str)] = &[
    ('ß', "ss"),
    ('æ', "ae"),
    ('Æ', "ae"),
    ('œ', "oe"),
    ('Œ', "oe"),
    ('ø', "o"),
    ('Ø', "o"),
    ('đ', "d"),
    ('Đ', "d"),
    ('ð', "d"),
    ('Ð', "d"),
    ('þ', "th"),
    ('Þ', "th"),
    ('ł', "l"),
    ('Ł', "l"),
    ('ı', "i"),
];

/// Turns a title into a slug segment: words of letters and digits, Latin lowercased,
/// joined with `-`, cut at a word boundary near [`SLUG_TARGET_CHARS`], and safe as a
/// path segment. Never empty ([`FALLBACK_SLUG`]).
pub fn slugify(title: &str, style: SlugStyle) -> String {
    let words: Vec<String> = match style {
        SlugStyle::Keep => words(title),
        SlugStyle::Romanize => words(title)
            .iter()
            .map(|w| romanize(w))
            .filter(|w| !w.is_empty())
            .collect(),
    };
    let joined = join_words(&words, SLUG_TARGET_CHARS);
    safe_segment(&joined, FALLBACK_SLUG)
}

/// A safe path/URL segment for a tag or section name: the same rules as
/// [`slugify`] in Keep style (without the 60-character cut). A name with no letters or
/// digits gets a stable hash-based fallback such as `tag-3f2a9c`.
pub fn segment(name: &str) -> String {
    let joined = join_words(&words(&tag_key(name)), usize::MAX);
    let fallback = hash_fallback(name);
    safe_segment(&joined, &fallback)
}

/// The identity of a tag: NFC, Unicode lowercase, whitespace collapsed to one space and
/// trimmed. Tags with the same key are one tag.
pub fn tag_key(name: &str) -> String {
    let lower = to_nfc(name).to_lowercase();
    let collapsed = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    into_nfc(collapsed)
}

/// Makes any string a safe path segment: NFC, no separators, control, invisible or
/// forbidden characters (each run becomes one `-`), never `.`/`..`, no leading or trailing
/// dots, dashes or spaces, not a Windows device name (`-1` is appended), at most
/// [`MAX_SEGMENT_BYTES`] bytes cut at a word boundary when one is near. `fallback` is used
/// when nothing is left (and is itself made safe; `article` if it cannot be).
pub fn safe_segment(input: &str, fallback: &str) -> String {
    let cleaned = clean_segment(input);
    if !cleaned.is_empty() {
        return cleaned;
    }
    let fallback = clean_segment(fallback);
    if fallback.is_empty() {
        FALLBACK_SLUG.to_string()
    } else {
        fallback
    }
}

/// The first of `slug`, `slug-2`, `slug-3`, … that `is_taken` refuses, still within
/// [`MAX_SEGMENT_BYTES`] (the base is shortened to make room for the suffix). For
/// permalinks of different articles whose titles give the same slug.
pub fn dedupe(slug: &str, mut is_taken: impl FnMut(&str) -> bool) -> String {
    let base = safe_segment(slug, FALLBACK_SLUG);
    if !is_taken(&base) {
        return base;
    }
    let mut n: u64 = 2;
    loop {
        let suffix = format!("-{n}");
        let room = MAX_SEGMENT_BYTES.saturating_sub(suffix.len());
        let mut end = room.min(base.len());
        while end > 0 && !base.is_char_boundary(end) {
            end -= 1;
        }
        let candidate = format!("{}{suffix}", trim_edges(&base[..end]));
        if !is_taken(&candidate) || n == u64::MAX {
            return candidate;
        }
        n += 1;
    }
}

/// True when `s` obeys every rule [`safe_segment`] enforces.
pub fn is_safe_segment(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_SEGMENT_BYTES
        && s != "."
        && s != ".."
        && !s.starts_with(['.', '-', ' '])
        && !s.ends_with(['.', '-', ' '])
        && !s.chars().any(|c| is_unsafe_char(c) || c.is_whitespace())
        && !is_device_name(s)
        && s.nfc().eq(s.chars())
}

fn is_unsafe_char(c: char) -> bool {
    FORBIDDEN_CHARS.contains(&c) || c.is_control() || is_invisible(c)
}

fn is_invisible(c: char) -> bool {
    let code = c as u32;
    INVISIBLE_RANGES
        .iter()
        .any(|&(low, high)| (low..=high).contains(&code))
}

fn is_device_name(s: &str) -> bool {
    let stem = s.split('.').next().unwrap_or(s).to_ascii_lowercase();
    WINDOWS_DEVICE_NAMES.contains(&stem.trim_end_matches([' ', '-']))
}

fn clean_segment(input: &str) -> String {
    let nfc = to_nfc(input);
    let mut out = String::with_capacity(nfc.len());
    for c in nfc.chars() {
        if is_invisible(c) {
            continue;
        }
        if is_unsafe_char(c) || c.is_whitespace() || c == '-' {
            if !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push(c);
        }
    }
    let trimmed = trim_edges(&out);
    let mut result = cut_bytes(trimmed, MAX_SEGMENT_BYTES).to_string();
    if is_device_name(&result) {
        // `con` → `con-1`, `con.txt` → `con-1.txt`: the stem is what Windows reserves.
        let stem_end = result.find('.').unwrap_or(result.len());
        result.insert_str(stem_end, "-1");
    }
    // Removing invisible characters can leave a sequence that composes differently.
    let result = into_nfc(result);
    if result.len() > MAX_SEGMENT_BYTES {
        // NFC never grows Hangul or Latin text; this guards exotic scripts.
        return trim_edges(cut_bytes(&result, MAX_SEGMENT_BYTES)).to_string();
    }
    result
}

fn trim_edges(s: &str) -> &str {
    s.trim_matches(|c: char| c == '.' || c == '-' || c.is_whitespace())
}

/// The longest prefix of `s` within `max` bytes, ending at a `-` when one is in the
/// second half of that prefix (a word boundary), else at a character boundary.
fn cut_bytes(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    let prefix = &s[..end];
    let cut = match prefix.rfind('-') {
        Some(dash) if dash >= max / 2 => &prefix[..dash],
        _ => prefix,
    };
    trim_edges(cut)
}

/// Splits text into lowercase words of letters, digits and combining marks. Apostrophes
/// inside a word are dropped; every other character separates words.
fn words(text: &str) -> Vec<String> {
    let nfc = to_nfc(text);
    let mut out = Vec::new();
    let mut current = String::new();
    for c in nfc.chars() {
        if c.is_alphanumeric() || (is_combining_mark(c) && !current.is_empty()) {
            current.extend(c.to_lowercase());
        } else if WORD_JOINERS.contains(&c) && !current.is_empty() {
            continue;
        } else if !current.is_empty() {
            out.push(into_nfc(std::mem::take(&mut current)));
        }
    }
    if !current.is_empty() {
        out.push(into_nfc(current));
    }
    out
}

/// `text` in NFC, borrowed when it already is (the usual case: the quick check passes
/// for nearly all text, and composing is the slow part of making slugs).
pub fn to_nfc(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.nfc().collect())
    }
}

fn into_nfc(text: String) -> String {
    match to_nfc(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(composed) => composed,
    }
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0951..=0x0957
        | 0x0981..=0x0983 | 0x09BC..=0x09D7 | 0x0E31..=0x0E3A | 0x0E47..=0x0E4E
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0x3099..=0x309A
        | 0xFE20..=0xFE2F)
}

/// Joins words with `-`, stopping before the word that would pass `target` characters.
/// A first word longer than `target` is cut at `target` characters.
fn join_words(words: &[String], target: usize) -> String {
    let mut out = String::new();
    let mut chars = 0usize;
    for word in words {
        let len = word.chars().count();
        if out.is_empty() {
            if len > target {
                out = word.chars().take(target).collect();
                break;
            }
            out.push_str(word);
            chars = len;
        } else {
            if chars + 1 + len > target {
                break;
            }
            out.push('-');
            out.push_str(word);
            chars += 1 + len;
        }
    }
    out
}

fn hash_fallback(name: &str) -> String {
    let digest = Sha256::digest(name.as_bytes());
    let hex: String = digest.iter().take(3).map(|b| format!("{b:02x}")).collect();
    format!("tag-{hex}")
}

// ---------------------------------------------------------------------------------------
// Revised Romanization of Korean (문화관광부 고시 제2000-8호), table-driven.

const HANGUL_FIRST: u32 = 0xAC00;
const HANGUL_LAST: u32 = 0xD7A3;
const MEDIALS_COUNT: u32 = 21;
const FINALS_COUNT: u32 = 28;

/// Initial consonants in Unicode order (ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ).
const INITIALS: [&str; 19] = [
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p",
    "h",
];

/// Vowels in Unicode order (ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ).
const MEDIALS: [&str; 21] = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "eu", "ui", "i",
];

/// Final consonants in Unicode order (none ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ
/// ㅄ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ), as pronounced at the end of a word or before a consonant.
const FINALS: [&str; 28] = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
    "t", "t", "ng", "t", "t", "k", "t", "p", "t",
];

/// Linking (연음): before a vowel-initial syllable (initial ㅇ) a final consonant is read
/// as the next syllable's initial. (what stays as final, what becomes the initial).
const LINKED_FINALS: [(&str, &str); 28] = [
    ("", ""),
    ("", "g"),
    ("", "kk"),
    ("k", "s"),
    ("", "n"),
    ("n", "j"),
    ("", "n"),
    ("", "d"),
    ("", "r"),
    ("l", "g"),
    ("l", "m"),
    ("l", "b"),
    ("l", "s"),
    ("l", "t"),
    ("l", "p"),
    ("", "r"),
    ("", "m"),
    ("", "b"),
    ("p", "s"),
    ("", "s"),
    ("", "ss"),
    ("ng", ""),
    ("", "j"),
    ("", "ch"),
    ("", "k"),
    ("", "t"),
    ("", "p"),
    ("", ""),
];

/// The sound class of a final, for the assimilation rules below.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FinalClass {
    None,
    K,
    N,
    T,
    L,
    M,
    P,
    Ng,
    H,
}

/// Each final's class, in Unicode order (ㅎ is its own class: it aspirates what follows;
/// the clusters ㄶ and ㅀ are kept simple as ㄴ and ㄹ).
const FINAL_CLASSES: [FinalClass; 28] = {
    use FinalClass::*;
    [
        None, K, K, K, N, N, N, T, L, K, M, L, L, L, P, L, M, P, P, T, T, Ng, T, T, K, T, P, H,
    ]
};

/// Initial indices used by the rules.
const INITIAL_G: usize = 0;
const INITIAL_N: usize = 2;
const INITIAL_D: usize = 3;
const INITIAL_R: usize = 5;
const INITIAL_M: usize = 6;
const INITIAL_J: usize = 12;

/// Sound changes between a final and the next initial (nasalisation, liquidisation,
/// aspiration by ㅎ): (final class, next initial, final written, initial written).
/// Pairs not listed are written as the plain tables say.
const ASSIMILATION: &[(FinalClass, usize, &str, &str)] = &[
    (FinalClass::K, INITIAL_N, "ng", "n"),
    (FinalClass::K, INITIAL_M, "ng", "m"),
    (FinalClass::K, INITIAL_R, "ng", "n"),
    (FinalClass::T, INITIAL_N, "n", "n"),
    (FinalClass::T, INITIAL_M, "n", "m"),
    (FinalClass::P, INITIAL_N, "m", "n"),
    (FinalClass::P, INITIAL_M, "m", "m"),
    (FinalClass::P, INITIAL_R, "m", "n"),
    (FinalClass::M, INITIAL_R, "m", "n"),
    (FinalClass::Ng, INITIAL_R, "ng", "n"),
    (FinalClass::N, INITIAL_R, "l", "l"),
    (FinalClass::L, INITIAL_N, "l", "l"),
    (FinalClass::L, INITIAL_R, "l", "l"),
    (FinalClass::H, INITIAL_G, "", "k"),
    (FinalClass::H, INITIAL_D, "", "t"),
    (FinalClass::H, INITIAL_J, "", "ch"),
    (FinalClass::H, INITIAL_N, "n", "n"),
];

/// Palatalisation (구개음화): final ㄷ/ㅌ before `이` is read ㅈ/ㅊ (`같이` → gachi,
/// `굳이` → guji). (final index, initial written).
const PALATALIZED: &[(usize, &str)] = &[(7, "j"), (25, "ch")];

/// The medial index of ㅣ.
const MEDIAL_I: usize = 20;

/// A Hangul syllable split into (initial, medial, final) indices.
fn decompose(c: char) -> Option<(usize, usize, usize)> {
    let code = c as u32;
    if !(HANGUL_FIRST..=HANGUL_LAST).contains(&code) {
        return None;
    }
    let index = code - HANGUL_FIRST;
    let initial = index / (MEDIALS_COUNT * FINALS_COUNT);
    let medial = (index % (MEDIALS_COUNT * FINALS_COUNT)) / FINALS_COUNT;
    let last = index % FINALS_COUNT;
    Some((initial as usize, medial as usize, last as usize))
}

/// Romanizes text: Hangul by Revised Romanization with the common sound changes inside
/// a run of syllables, Latin letters folded to lowercase ASCII, digits kept, anything
/// else (other scripts, punctuation) dropped. Word separators are not kept; call it on
/// one word at a time to keep word boundaries.
pub fn romanize(text: &str) -> String {
    let chars: Vec<char> = text.nfc().collect();
    let mut out = String::new();
    // The initial the previous syllable decided for this one (after a sound change).
    let mut pending_initial: Option<&str> = None;
    for (i, &c) in chars.iter().enumerate() {
        let Some((initial, medial, last)) = decompose(c) else {
            pending_initial = None;
            fold_to_ascii(c, &mut out);
            continue;
        };
        out.push_str(pending_initial.take().unwrap_or(INITIALS[initial]));
        out.push_str(MEDIALS[medial]);
        let next = chars.get(i + 1).and_then(|&n| decompose(n));
        let (written_final, next_initial) = match next {
            Some((next_initial, next_medial, _)) => join_final(last, next_initial, next_medial),
            None => (FINALS[last], None),
        };
        out.push_str(written_final);
        pending_initial = next_initial;
    }
    out
}

/// How a final is written before the next syllable's initial, and what that initial
/// becomes (None: as the table says).
fn join_final(
    last: usize,
    next_initial: usize,
    next_medial: usize,
) -> (&'static str, Option<&'static str>) {
    const INITIAL_SILENT: usize = 11;
    if last == 0 {
        return ("", None);
    }
    if next_initial == INITIAL_SILENT {
        if next_medial == MEDIAL_I
            && let Some(&(_, moved)) = PALATALIZED.iter().find(|(f, _)| *f == last)
        {
            return ("", Some(moved));
        }
        let (stay, moved) = LINKED_FINALS[last];
        return (stay, Some(moved));
    }
    let class = FINAL_CLASSES[last];
    for &(rule_class, rule_initial, final_out, initial_out) in ASSIMILATION {
        if rule_class == class && rule_initial == next_initial {
            return (final_out, Some(initial_out));
        }
    }
    (FINALS[last], None)
}

fn fold_to_ascii(c: char, out: &mut String) {
    if c.is_ascii_alphanumeric() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if let Some(&(_, folded)) = LATIN_FOLDS.iter().find(|&&(from, _)| from == c) {
        out.push_str(folded);
        return;
    }
    // Latin letters with diacritics: keep the ASCII base letter of the decomposition.
    if c.is_alphanumeric() {
        let base: String = std::iter::once(c)
            .nfd()
            .filter(|d| d.is_ascii_alphanumeric())
            .collect();
        out.push_str(&base.to_ascii_lowercase());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn keeps_hangul_and_lowercases_latin() {
        assert_eq!(
            slugify("김천시지역사회보장협의체 우수사례 공유", SlugStyle::Keep),
            "김천시지역사회보장협의체-우수사례-공유"
        );
        assert_eq!(
            slugify("Council's \"Budget\": 2024 Plan?", SlugStyle::Keep),
            "councils-budget-2024-plan"
        );
        assert_eq!(slugify("Café Über", SlugStyle::Keep), "café-über");
    }

    #[test]
    fn cuts_at_a_word_boundary() {
        let title = "word ".repeat(40);
        let slug = slugify(&title, SlugStyle::Keep);
        assert!(slug.chars().count() <= SLUG_TARGET_CHARS);
        assert!(slug.ends_with("word"));
        let long = "가".repeat(100);
        assert_eq!(slugify(&long, SlugStyle::Keep).chars().count(), 60);
    }

    #[test]
    fn romanizes_korean() {
        for (input, expected) in [
            ("김천시 복지", "gimcheonsi-bokji"),
            ("신라", "silla"),
            ("한국어", "hangugeo"),
            ("종로", "jongno"),
            ("국립", "gungnip"),
            ("부산광역시", "busangwangyeoksi"),
            ("좋고", "joko"),
            ("같이", "gachi"),
            ("서울특별시", "seoulteukbyeolsi"),
            ("독립문", "dongnimmun"),
            ("대한민국", "daehanminguk"),
            ("Seoul 서울", "seoul-seoul"),
            ("Café", "cafe"),
        ] {
            assert_eq!(slugify(input, SlugStyle::Romanize), expected, "{input}");
        }
        assert_eq!(slugify("東京", SlugStyle::Romanize), "article");
    }

    #[test]
    fn unsafe_segments_are_fixed() {
        assert_eq!(safe_segment("..", "x"), "x");
        assert_eq!(safe_segment("con", "x"), "con-1");
        assert_eq!(safe_segment("LPT1", "x"), "LPT1-1");
        assert_eq!(safe_segment("a/b\\c:d", "x"), "a-b-c-d");
        assert_eq!(segment("nul"), "nul-1");
        assert_eq!(segment("???"), segment("???"));
        assert!(segment("???").starts_with("tag-"));
        assert_ne!(segment("???"), segment("!!!"));
        assert_eq!(segment("Local News"), "local-news");
        assert_eq!(segment("행정"), "행정");
    }

    #[test]
    fn dedupe_appends_a_number() {
        let taken = ["a", "a-2"];
        assert_eq!(dedupe("a", |s| taken.contains(&s)), "a-3");
        assert_eq!(dedupe("b", |s| taken.contains(&s)), "b");
        let long = "가".repeat(100);
        let slug = dedupe(&long, |s| s.len() > 200 || !s.ends_with("-2"));
        assert!(slug.len() <= MAX_SEGMENT_BYTES && slug.ends_with("-2"));
    }

    #[test]
    fn tag_keys_ignore_case_and_normalisation() {
        let decomposed = "e\u{301}cole";
        assert_eq!(tag_key(decomposed), tag_key("École"));
        assert_eq!(tag_key("  Local   News "), "local news");
    }

    proptest! {
        #[test]
        fn any_input_gives_a_safe_slug(s in any::<String>()) {
            prop_assert!(is_safe_segment(&slugify(&s, SlugStyle::Keep)));
            prop_assert!(is_safe_segment(&slugify(&s, SlugStyle::Romanize)));
            prop_assert!(is_safe_segment(&segment(&s)));
            prop_assert!(is_safe_segment(&safe_segment(&s, "article")));
        }

        #[test]
        fn any_text_gives_a_safe_segment(s in "\\PC{0,300}") {
            prop_assert!(is_safe_segment(&segment(&s)));
            prop_assert!(is_safe_segment(&safe_segment(&s, "")));
        }
    }
}
