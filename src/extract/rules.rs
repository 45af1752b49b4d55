//! Declarative tables that drive the HTML content scorer: which tags are never content,
//! which are blocks, and the class/id words that mark clutter or content. Data only;
//! the algorithm that applies them is in `html`. No entry names one site: each word is
//! one that many publishers' templates share (English and Korean CMSs alike).

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use rustc_hash::FxHashSet;

/// A table of whole words, looked up in a set built on first use. Fx hashing: the tables
/// are fixed literals and the words looked up are short, so no flood-resistant hasher is
/// needed, and SipHash was a visible share of the time spent on class names (every
/// element's words are looked up in several tables).
pub struct WordSet {
    words: &'static [&'static str],
    set: OnceLock<FxHashSet<&'static str>>,
}

impl WordSet {
    pub const fn new(words: &'static [&'static str]) -> Self {
        Self {
            words,
            set: OnceLock::new(),
        }
    }

    pub fn contains(&self, word: &str) -> bool {
        self.set
            .get_or_init(|| self.words.iter().copied().collect())
            .contains(word)
    }
}

/// A table of fragments found anywhere in a (lowercased) name, matched all at once.
pub struct Fragments {
    fragments: &'static [&'static str],
    matcher: OnceLock<AhoCorasick>,
}

impl Fragments {
    pub const fn new(fragments: &'static [&'static str]) -> Self {
        Self {
            fragments,
            matcher: OnceLock::new(),
        }
    }

    /// The fragments of the table.
    pub const fn fragments(&self) -> &'static [&'static str] {
        self.fragments
    }

    fn matcher(&self) -> &AhoCorasick {
        self.matcher.get_or_init(|| {
            AhoCorasick::new(self.fragments).expect("fragment tables are small literals")
        })
    }

    /// Whether `text` (already lowercased) holds any of the fragments.
    pub fn found_in(&self, text: &str) -> bool {
        self.matcher().is_match(text)
    }

    /// How many different fragments `text` (already lowercased) holds, counted up to
    /// `limit`; fragments that overlap or contain one another each count.
    pub fn count_in(&self, text: &str, limit: usize) -> usize {
        let mut seen: Vec<aho_corasick::PatternID> = Vec::new();
        for found in self.matcher().find_overlapping_iter(text) {
            if !seen.contains(&found.pattern()) {
                seen.push(found.pattern());
                if seen.len() >= limit {
                    break;
                }
            }
        }
        seen.len()
    }
}

/// Attributes no extraction stage reads, left out before parsing (`prune`): event handlers
/// and framework data (`on…`, `data-…`) and accessibility hints (`aria-…`), except the
/// ones in [`READ_PREFIXED_ATTRIBUTES`], and presentation attributes. `dom::Attribute`
/// refuses, in debug builds, to read one of them.
pub const UNREAD_ATTRIBUTE_PREFIXES: &[&str] = &["on", "data-", "aria-"];
pub const READ_PREFIXED_ATTRIBUTES: &[&str] = &[
    "data-src",
    "data-original",
    "data-lazy-src",
    "data-url",
    "aria-hidden",
    "aria-label",
];
pub const UNREAD_ATTRIBUTES: &[&str] = &[
    "srcset",
    "sizes",
    "role",
    "tabindex",
    "target",
    "title",
    "width",
    "height",
    "loading",
    "decoding",
    "fetchpriority",
    "referrerpolicy",
    "crossorigin",
    "integrity",
    "nonce",
    "xmlns",
    "draggable",
    "spellcheck",
    "autocomplete",
    "placeholder",
    "border",
    "cellpadding",
    "cellspacing",
    "align",
    "valign",
    "bgcolor",
    "frameborder",
    "scrolling",
    "allowfullscreen",
    "allow",
];

static UNREAD_ATTRIBUTE_SET: WordSet = WordSet::new(UNREAD_ATTRIBUTES);
static READ_PREFIXED_ATTRIBUTE_SET: WordSet = WordSet::new(READ_PREFIXED_ATTRIBUTES);

/// Whether no extraction stage reads the attribute `name` (in any ASCII case). Called for
/// every attribute of a page, so it lowercases into a small buffer instead of a string.
pub fn is_unread_attribute(name: &str) -> bool {
    let mut buffer = [0u8; 32];
    let Some(lower) = buffer.get_mut(..name.len()) else {
        // Longer than any listed name: only a prefix can mark it.
        return UNREAD_ATTRIBUTE_PREFIXES
            .iter()
            .any(|prefix| name.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes()));
    };
    lower.copy_from_slice(name.as_bytes());
    lower.make_ascii_lowercase();
    let Ok(lower) = std::str::from_utf8(lower) else {
        return false;
    };
    UNREAD_ATTRIBUTE_SET.contains(lower)
        || (UNREAD_ATTRIBUTE_PREFIXES
            .iter()
            .any(|prefix| lower.len() > prefix.len() && lower.starts_with(prefix))
            && !READ_PREFIXED_ATTRIBUTE_SET.contains(lower))
}

/// Elements whose whole subtree is never article content.
pub const DROP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "embed", "applet", "svg",
    "math", "canvas", "audio", "video", "source", "track", "map", "button", "input", "select",
    "option", "textarea", "label", "nav", "aside", "dialog", "menu", "link", "meta", "head",
    "title", "base", "frame", "frameset",
];

/// Elements that start a new block in the text flow.
pub const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "center",
    "caption",
];

/// Elements never removed as clutter, whatever their class says.
pub const PROTECTED_TAGS: &[&str] = &["html", "body", "article", "main"];

/// Elements that get a head start as content candidates, and their bonus.
pub const TAG_BASE_SCORES: &[(&str, f32)] = &[
    ("article", 10.0),
    ("div", 5.0),
    ("section", 3.0),
    ("main", 5.0),
    ("pre", 3.0),
    ("td", 3.0),
    ("blockquote", 3.0),
    ("address", -3.0),
    ("ol", -3.0),
    ("ul", -3.0),
    ("dl", -3.0),
    ("dd", -3.0),
    ("dt", -3.0),
    ("li", -3.0),
    ("form", -3.0),
    ("h1", -5.0),
    ("h2", -5.0),
    ("h3", -5.0),
    ("h4", -5.0),
    ("h5", -5.0),
    ("h6", -5.0),
    ("th", -5.0),
];

/// Class/id words (whole words, split on `-`, `_`, spaces and case changes are not used)
/// that mark clutter: navigation, ads, sharing, comments, related and most-read lists,
/// newsletter and cookie boxes, footers.
pub static NEGATIVE_WORDS: WordSet = WordSet::new(&[
    "ad",
    "ads",
    "adv",
    "advert",
    "advertisement",
    "advertising",
    "banner",
    "sponsor",
    "sponsored",
    "promo",
    "promotion",
    "outbrain",
    "taboola",
    "dable",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "gnb",
    "lnb",
    "snb",
    "breadcrumb",
    "breadcrumbs",
    "location",
    "footer",
    "foot",
    "masthead",
    "header",
    "sidebar",
    "side",
    "aside",
    "widget",
    "share",
    "sharing",
    "social",
    "sns",
    "comment",
    "comments",
    "reply",
    "replies",
    "disqus",
    "related",
    "relate",
    "recommend",
    "recommended",
    "popular",
    "trending",
    "ranking",
    "rank",
    "most",
    "hot",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "login",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "popup",
    "modal",
    "overlay",
    "tool",
    "tools",
    "toolbar",
    "util",
    "utility",
    "print",
    "font",
    "copyright",
    "copy",
    "tags",
    "tag",
    "keyword",
    "pagination",
    "pager",
    "paging",
    "byline",
    "reporter",
    "journalist",
    "author",
    "writer",
    "profile",
    "bio",
    "skip",
    "hidden",
    "hide",
    "sr",
    "blind",
    "screen",
    "remote",
    "combx",
    "shoutbox",
    "skyscraper",
    "shopping",
    "rss",
    "meta",
    "info",
    "date",
    "caption",
    "summary",
    "ai",
    "scroll",
    "banner",
    "partner",
    "partners",
    "extra",
    "supplemental",
]);

/// Longer class/id fragments that mark clutter wherever they appear in a name.
pub static NEGATIVE_FRAGMENTS: Fragments = Fragments::new(&[
    "advert",
    "sponsor",
    "newsletter",
    "subscribe",
    "cookie",
    "comment",
    "related",
    "recommend",
    "popular",
    "mostread",
    "most-read",
    "most_read",
    "share",
    "social",
    "breadcrumb",
    "sidebar",
    "footer",
    "banner",
    "promo",
    "widget",
    "outbrain",
    "taboola",
    "signup",
    "paywall",
    "morenews",
    "more-news",
    "other-news",
    "othernews",
    "hotnews",
    "best-news",
    "bestnews",
    "ranking",
    "article-util",
    "article_util",
    "font-size",
    "fontsize",
    "print",
    "kakao",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
]);

/// Class/id words that make an element unlikely to be content: it is dropped whole
/// (with its text) unless its name also has a content word (`MAYBE_CONTENT_WORDS`).
pub static UNLIKELY_WORDS: WordSet = WordSet::new(&[
    "ad",
    "ads",
    "adv",
    "advert",
    "advertisement",
    "banner",
    "sponsor",
    "sponsored",
    "promo",
    "outbrain",
    "taboola",
    "dable",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "gnb",
    "lnb",
    "snb",
    "breadcrumb",
    "breadcrumbs",
    "footer",
    "masthead",
    "sidebar",
    "widget",
    "share",
    "sharing",
    "social",
    "sns",
    "comment",
    "comments",
    "reply",
    "replies",
    "disqus",
    "related",
    "recommend",
    "recommended",
    "popular",
    "trending",
    "ranking",
    "newsletter",
    "subscribe",
    "signup",
    "login",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "popup",
    "modal",
    "toolbar",
    "util",
    "pagination",
    "pager",
    "paging",
    "combx",
    "shoutbox",
    "skyscraper",
    "remark",
    "rss",
    "community",
    "agegate",
    "supplemental",
    "copyright",
    "print",
]);

/// Unlikely words that name page layout rather than clutter: an element so named that
/// still holds several paragraphs of prose is kept (templates wrap articles in them).
pub static LAYOUT_WORDS: WordSet = WordSet::new(&[
    "sidebar",
    "footer",
    "masthead",
    "banner",
    "menu",
    "widget",
    "community",
    "supplemental",
]);

/// Class/id words that save an unlikely-looking element (`main-sidebar-content`).
pub static MAYBE_CONTENT_WORDS: WordSet = WordSet::new(&[
    "and", "article", "body", "column", "content", "main", "shadow", "story", "entry", "post",
]);

/// Class/id words that mark the article's own content.
pub static POSITIVE_WORDS: WordSet = WordSet::new(&[
    "article", "articles", "body", "content", "contents", "entry", "hentry", "main", "page",
    "post", "text", "blog", "story", "news", "view", "cont", "txt", "read", "detail", "section",
    "column",
]);

/// Class/id fragments that almost always name the article body itself; they weigh more.
pub static STRONG_POSITIVE_FRAGMENTS: Fragments = Fragments::new(&[
    "articlebody",
    "article-body",
    "article_body",
    "article-view-content",
    "articleview",
    "article-content",
    "article_content",
    "articlecontent",
    "article-text",
    "article_txt",
    "article-txt",
    "articletxt",
    "news_body",
    "news-body",
    "newsbody",
    "newsct_article",
    "dic_area",
    "news_view",
    "news-view",
    "entry-content",
    "entry_content",
    "post-content",
    "post_content",
    "postbody",
    "post-body",
    "story-body",
    "story_body",
    "storybody",
    "content-body",
    "content_body",
    "main-content",
    "text-body",
    "view_con",
    "view-con",
    "cont_view",
    "read_body",
    "view_text",
    "article_view",
    "article-view",
    "cnt_view",
]);

/// The score a class/id name adds: clutter words subtract, content words add.
pub const NEGATIVE_WEIGHT: f32 = -25.0;
pub const POSITIVE_WEIGHT: f32 = 25.0;
pub const STRONG_POSITIVE_WEIGHT: f32 = 50.0;

/// `style` declarations that hide an element.
pub const HIDDEN_STYLES: &[&str] = &["display:none", "visibility:hidden"];

/// Sentence-ending characters: a short block ending in one reads as prose.
pub const SENTENCE_ENDS: &[char] = &['.', '!', '?', '다', '요', '"', '”', '\'', '’', '。', '」'];

/// Commas and their CJK forms, counted as a sign of prose.
pub const COMMAS: &[char] = &[',', '，', '、'];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unread_attributes() {
        for name in [
            "onclick",
            "ONLOAD",
            "data-track",
            "Data-Analytics-Event-Label-Long-Name-X",
            "aria-describedby",
            "srcset",
            "TITLE",
        ] {
            assert!(is_unread_attribute(name), "{name}");
        }
        for name in [
            "href",
            "class",
            "id",
            "data-src",
            "DATA-LAZY-SRC",
            "aria-hidden",
            "aria-label",
            "on",
            "data-",
            "content",
            "itemprop",
            "style",
            "alt",
        ] {
            assert!(!is_unread_attribute(name), "{name}");
        }
    }
}
