//! HTML pages → `Article`: parses the DOM, asks `metadata` for the fields, finds the
//! article's own content by scoring the DOM, and hands it to `markdown`.
//!
//! The stages, each a function below:
//! 1. `analyse`: one post-order walk (explicit stack, no recursion) that marks clutter
//!    (dropped tags, hidden elements, class/id names from `rules`) and counts, for every
//!    element, its text, link text, commas, paragraphs, list items and images;
//! 2. `score_candidates`: every paragraph-like block gives points to its parent (in full),
//!    grandparent (half) and a few more ancestors (less), as Readability does; a candidate's
//!    score is then scaled down by its link density;
//! 3. `choose_content`: the best candidate, moved up to its parent when the parent scores
//!    better, plus the siblings that look like more of the same article;
//! 4. `keep`: while the Markdown is written, a block inside the content is still dropped
//!    when it looks like clutter (a link-heavy list, a box of images, a form).

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};

use super::dom::Attribute;
use super::{ExtractError, markdown, metadata, rules};
use crate::article::Article;

/// Maps and sets keyed by node ids, which are small distinct integers: Fx hashing, as they
/// need no flood-resistant hasher and SipHash was a visible share of the extraction time.
type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;
type HashSet<K> = rustc_hash::FxHashSet<K>;
type NodeRef<'a> = ego_tree::NodeRef<'a, Node>;

/// A block with fewer characters than this does not count as a paragraph.
const MIN_PARAGRAPH_CHARS: u32 = 25;
/// Ancestors that receive a paragraph's score (parent, grandparent, and three more).
const SCORE_LEVELS: usize = 5;
/// A first pass that finds at least this much text is trusted; less, and the next,
/// more lenient pass is tried too (the longest result wins).
const GOOD_ENOUGH_CHARS: usize = 500;

/// Which rules a pass applies.
#[derive(Debug, Clone, Copy)]
struct Pass {
    /// Drop elements whose class or id says clutter.
    strip_unlikely: bool,
    /// Drop link-heavy or image-heavy containers inside the content.
    clean_conditionally: bool,
}

const PASSES: [Pass; 3] = [
    Pass {
        strip_unlikely: true,
        clean_conditionally: true,
    },
    Pass {
        strip_unlikely: false,
        clean_conditionally: true,
    },
    Pass {
        strip_unlikely: false,
        clean_conditionally: false,
    },
];

/// How many runners-up are compared with the top candidate, how close (as a share of its
/// score) one must be to count, and how many must share an ancestor for it to win.
const ALTERNATIVE_CANDIDATES: usize = 5;
const ALTERNATIVE_SHARE: f32 = 0.6;
const SHARED_BY: usize = 2;
/// Blocks of one class are taken with their container when they hold this share of its
/// text.
const COUSINS_SHARE: f32 = 0.6;

/// How much more text a more lenient pass must find to replace a stricter one's result.
const LENIENT_PASS_GAIN: f32 = 1.5;

/// A class list of at least this many names, none longer than this, is generated
/// (see `is_generated_class`): three names could still be words (`ad top box`).
const GENERATED_CLASS_TOKENS: usize = 4;
const GENERATED_CLASS_CHARS: usize = 3;

/// An id of at least this many words that spells the element's heading is an anchor
/// (see `is_heading_anchor`).
const ANCHOR_ID_WORDS: usize = 4;

/// A page whose content has fewer characters than this has no article.
const MIN_ARTICLE_CHARS: usize = 50;

/// Extracts an article from decoded HTML.
pub fn extract_html(source: &str) -> Result<Article, ExtractError> {
    let doc = Html::parse_document(&super::prune::prune(source));
    let meta = metadata::extract_metadata(&doc);
    let base_url = meta
        .base_url
        .as_deref()
        .and_then(|u| url::Url::parse(u).ok());
    let context = markdown::Context {
        base_url: base_url.as_ref(),
        title: meta.title.as_deref(),
        subtitle: meta.subtitle.as_deref(),
    };
    // Strict first; when that leaves little text, retry with fewer rules (as Readability
    // does): templates sometimes give the article itself a cluttered-sounding name.
    let mut best = String::new();
    let mut best_chars = 0usize;
    for pass in PASSES {
        let mut analysis = analyse(&doc, pass);
        let roots = choose_content(&doc, &mut analysis);
        let keep = |id: NodeId| analysis.keep(id);
        let body = markdown::render(&doc, &roots, &keep, &context);
        // Described pictures count as content found (a photo story is an article).
        let chars = crate::article::markdown_to_text_with_alt(&body)
            .chars()
            .count();
        // A more lenient pass brings back what the strict one dropped as clutter: it wins
        // only when that is clearly more text (a short article must not gain its
        // related-news list and summary box).
        if chars > best_chars
            && (best_chars < MIN_ARTICLE_CHARS
                || chars as f32 >= best_chars as f32 * LENIENT_PASS_GAIN)
        {
            best = body;
            best_chars = chars;
        }
        if best_chars >= GOOD_ENOUGH_CHARS {
            break;
        }
    }
    let mut body = best;
    let mut title = meta.title.unwrap_or_default();
    if meta.title_weak
        && let Some((heading, rest)) = leading_heading(&body)
        && metadata::word_count(&heading) >= metadata::word_count(&title) + 2
    {
        title = heading;
        body = rest;
    }
    if best_chars < MIN_ARTICLE_CHARS {
        return Err(ExtractError::NoArticle(
            "no block of article text (only navigation, lists of links or boilerplate)".into(),
        ));
    }
    Ok(Article {
        title,
        subtitle: meta.subtitle,
        date: meta.date,
        author: meta.author,
        email: meta.email,
        section: meta.section,
        tags: meta.tags,
        source: meta.source,
        source_url: meta.source_url,
        captured: meta.captured,
        lang: meta.lang,
        body,
        ..Article::default()
    })
}

/// A heading that opens the body, as the headline, and the body without it.
fn leading_heading(body: &str) -> Option<(String, String)> {
    let (first, rest) = body.split_once("\n\n").unwrap_or((body, ""));
    let text = first.trim_start_matches('#');
    if text.len() == first.len() || !text.starts_with(' ') {
        return None;
    }
    let heading = crate::article::markdown_to_text(text.trim());
    let chars = heading.chars().count();
    (8..=200)
        .contains(&chars)
        .then(|| (heading, rest.to_string()))
}

/// What the analysis knows about one element.
#[derive(Debug, Clone, Copy, Default)]
struct Stats {
    /// Clutter: never rendered, and its text counts for nothing.
    removed: bool,
    /// Class/id weight from the tables.
    weight: f32,
    /// Non-whitespace characters of text below, and of it inside links.
    chars: u32,
    link_chars: u32,
    /// Characters of text directly inside (text nodes and inline children).
    own_chars: u32,
    commas: u32,
    paragraphs: u32,
    list_items: u32,
    images: u32,
    inputs: u32,
    /// The element has block-level children.
    has_blocks: bool,
    /// A data table (headers, or a regular grid): kept whole, never "cleaned".
    data_table: bool,
    /// Table rows below.
    rows: u32,
    /// A table is somewhere below (a table holding tables is layout, not data).
    nested_table: bool,
}

impl Stats {
    fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

/// Everything the stages learn about the page.
struct Analysis {
    pass: Pass,
    stats: HashMap<NodeId, Stats>,
    tags: HashMap<NodeId, &'static str>,
    scores: HashMap<NodeId, f32>,
    /// The chosen content and its ancestors are never cleaned away.
    protected: HashSet<NodeId>,
}

impl Analysis {
    /// Whether an element inside the chosen content is rendered.
    fn keep(&self, id: NodeId) -> bool {
        let Some(stats) = self.stats.get(&id) else {
            return true;
        };
        if stats.removed {
            return false;
        }
        if self.protected.contains(&id) || !self.pass.clean_conditionally {
            return true;
        }
        !self.looks_like_clutter(id, stats)
    }

    /// Readability's "clean conditionally", in our words: a container with little prose
    /// is clutter when it is mostly links, mostly images, a form, or a list of short items.
    fn looks_like_clutter(&self, id: NodeId, stats: &Stats) -> bool {
        if stats.data_table {
            return false;
        }
        let Some(tag) = self.tags.get(&id) else {
            return false;
        };
        let is_list = matches!(*tag, "ul" | "ol");
        if !matches!(
            *tag,
            "div"
                | "section"
                | "ul"
                | "ol"
                | "table"
                | "form"
                | "header"
                | "footer"
                | "fieldset"
                | "dl"
        ) {
            return false;
        }
        let score = self.scores.get(&id).copied().unwrap_or(0.0);
        if !is_list && stats.weight + score < 0.0 {
            return true;
        }
        if stats.commas >= 10 {
            return false;
        }
        let density = stats.link_density();
        let p = stats.paragraphs as f32;
        (stats.images > 1 && p / (stats.images as f32) < 0.5 && stats.chars < 200)
            || (!is_list && stats.list_items as f32 > p + 3.0 && density > 0.2)
            || (stats.inputs as f32 > (p / 3.0).max(1.0))
            || (!is_list
                && stats.chars < MIN_PARAGRAPH_CHARS
                && stats.images == 0
                && stats.paragraphs == 0
                && *tag != "div")
            || (stats.weight < 25.0 && density > 0.33)
            || (stats.weight >= 25.0 && density > 0.5)
    }
}

/// Walks the DOM once, bottom-up, and computes `Stats` for every element.
fn analyse(doc: &Html, pass: Pass) -> Analysis {
    let mut stats: HashMap<NodeId, Stats> = HashMap::default();
    let mut tags: HashMap<NodeId, &'static str> = HashMap::default();
    // (node, children done?) — an explicit stack instead of recursion: pages can nest
    // elements 100,000 deep.
    let mut stack: Vec<(ego_tree::NodeRef<Node>, bool)> = vec![(doc.tree.root(), false)];
    while let Some((node, done)) = stack.pop() {
        if !done {
            if let Some(element) = node.value().as_element() {
                tags.insert(node.id(), intern_tag(element.name()));
                if is_dropped(element) {
                    // Its children are never visited.
                    let removed = Stats {
                        removed: true,
                        ..Stats::default()
                    };
                    stats.insert(node.id(), removed);
                    continue;
                }
            }
            stack.push((node, true));
            for child in node.children() {
                if child.value().is_element() {
                    stack.push((child, false));
                }
            }
            continue;
        }
        let Some(element) = node.value().as_element() else {
            continue;
        };
        let name = element.name();
        let names = named_values(node, element);
        let mut s = Stats {
            weight: class_weight(element, names),
            ..Stats::default()
        };
        let mut nested_table = false;
        for child in node.children() {
            match child.value() {
                Node::Text(text) => {
                    let (chars, commas) = count_text(&text.text);
                    s.chars += chars;
                    s.own_chars += chars;
                    s.commas += commas;
                }
                Node::Element(child_element) => {
                    let Some(c) = stats.get(&child.id()) else {
                        continue;
                    };
                    if c.removed {
                        continue;
                    }
                    let child_name = child_element.name();
                    s.chars += c.chars;
                    s.link_chars += if child_name == "a" {
                        c.chars
                    } else {
                        c.link_chars
                    };
                    s.commas += c.commas;
                    s.paragraphs += c.paragraphs + u32::from(child_name == "p");
                    s.list_items += c.list_items + u32::from(child_name == "li");
                    s.images += c.images + u32::from(child_name == "img");
                    s.inputs += c.inputs;
                    if rules::BLOCK_TAGS.contains(&child_name) {
                        s.has_blocks = true;
                    } else {
                        s.own_chars += c.chars;
                    }
                    nested_table |= child_name == "table" || c.nested_table;
                    s.rows += c.rows + u32::from(child_name == "tr");
                }
                _ => {}
            }
        }
        if name == "table" {
            let has_headers = ElementRef::wrap(node)
                .map(|t| {
                    t.descendants().any(|d| {
                        d.value()
                            .as_element()
                            .is_some_and(|e| matches!(e.name(), "th" | "caption"))
                    })
                })
                .unwrap_or(false);
            s.data_table = !nested_table && (has_headers || s.rows >= 3) && s.chars < 20_000;
            s.nested_table = true;
        } else {
            s.nested_table = nested_table;
        }
        s.removed = pass.strip_unlikely && is_unlikely(element, names, &s);
        stats.insert(node.id(), s);
    }
    Analysis {
        pass,
        stats,
        tags,
        scores: HashMap::default(),
        protected: HashSet::default(),
    }
}

/// Tag names as `'static` strings from a fixed list (anything else is "other").
fn intern_tag(name: &str) -> &'static str {
    const KNOWN: &[&str] = &[
        "div",
        "section",
        "ul",
        "ol",
        "table",
        "form",
        "header",
        "footer",
        "fieldset",
        "dl",
        "p",
        "li",
        "article",
        "main",
        "td",
        "pre",
        "blockquote",
        "body",
        "span",
        "a",
    ];
    KNOWN
        .iter()
        .find(|k| **k == name)
        .copied()
        .unwrap_or("other")
}

/// Characters that are not whitespace, and commas.
fn count_text(text: &str) -> (u32, u32) {
    let mut chars = 0u32;
    let mut commas = 0u32;
    for c in text.chars() {
        if !c.is_whitespace() {
            chars += 1;
            if rules::COMMAS.contains(&c) {
                commas += 1;
            }
        }
    }
    (chars, commas)
}

/// Elements that are never content, whatever they hold: dropped tags and hidden elements.
fn is_dropped(element: &scraper::node::Element) -> bool {
    if rules::DROP_TAGS.contains(&element.name()) {
        return true;
    }
    element.attribute("hidden").is_some()
        || element.attribute("aria-hidden") == Some("true")
        || element.attribute("style").is_some_and(|style| {
            let style: String = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            rules::HIDDEN_STYLES.iter().any(|h| style.contains(h))
        })
}

/// Clutter by name: a class or id with an unlikely word and no content word, on an
/// element that is not one that holds whole pages. Layout names (sidebar, footer…) are
/// forgiven when the element still holds several paragraphs of prose.
fn is_unlikely(element: &scraper::node::Element, names: Names<'_>, stats: &Stats) -> bool {
    let name = element.name();
    if rules::PROTECTED_TAGS.contains(&name)
        || element
            .attribute("itemprop")
            .is_some_and(|p| p.contains("articleBody"))
        || matches!(
            name,
            "p" | "td" | "tr" | "tbody" | "table" | "a" | "img" | "figure" | "pre" | "code"
        )
    {
        return false;
    }
    let words = class_words(names);
    if words.is_empty() {
        return matches!(name, "footer") && stats.paragraphs < 3;
    }
    let unlikely: Vec<&String> = words
        .iter()
        .filter(|w| rules::UNLIKELY_WORDS.contains(w))
        .collect();
    if unlikely.is_empty() {
        return false;
    }
    if words.iter().any(|w| rules::MAYBE_CONTENT_WORDS.contains(w)) {
        return false;
    }
    let layout_only = unlikely.iter().all(|w| rules::LAYOUT_WORDS.contains(w));
    !(layout_only && stats.paragraphs >= 3 && stats.link_density() < 0.3)
}

/// An element's class and id values that name it in words: a class list that a build
/// tool generated (`z ab ac ae af dd ah ai`, atomic or minified CSS) says nothing, though
/// its letters may spell a clutter word (`ad`, `ai`, `sr`); nor does an id that is the
/// anchor of the element's own heading (`sharing-with-a-single-developer`), whose words
/// are the author's, not the template's.
fn named_values<'a>(node: NodeRef<'_>, element: &'a scraper::node::Element) -> Names<'a> {
    let class = element
        .attribute("class")
        .filter(|c| !is_generated_class(c));
    let id = element
        .attribute("id")
        .filter(|id| !is_heading_anchor(node, id));
    [class, id]
}

/// An element's class and id as `named_values` reads them (`None`: absent or not a name).
type Names<'a> = [Option<&'a str>; 2];

/// Whether `id` spells the text of the heading the element opens with, as documentation
/// generators, Markdown converters and wikis write section anchors. Only ids of at least
/// `ANCHOR_ID_WORDS` words count: the titles of boxes are short ("Most read", "Reader
/// comments") and their words are a fair description of the box.
fn is_heading_anchor(node: NodeRef<'_>, id: &str) -> bool {
    let words = id.split(['-', '_']).filter(|w| !w.is_empty()).count();
    if words < ANCHOR_ID_WORDS {
        return false;
    }
    let Some(heading) = node.children().find(|c| c.value().is_element()) else {
        return false;
    };
    if !heading
        .value()
        .as_element()
        .is_some_and(|e| matches!(e.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
    {
        return false;
    }
    // The heading's slug: its letters and digits, lowercased, runs joined by `-`.
    let mut slug = String::with_capacity(id.len());
    for text in ElementRef::wrap(heading).into_iter().flat_map(|h| h.text()) {
        for c in text.chars() {
            if c.is_alphanumeric() {
                slug.extend(c.to_lowercase());
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let id = id.to_lowercase().replace('_', "-");
    !slug.is_empty() && slug == id
}

/// Whether a class list was written by a tool rather than a person: at least
/// `GENERATED_CLASS_TOKENS` names, none longer than `GENERATED_CLASS_CHARS`. People name
/// classes in words; four or more names of one to three letters are hashes.
fn is_generated_class(class: &str) -> bool {
    let mut tokens = 0usize;
    for token in class.split_ascii_whitespace() {
        if token.len() > GENERATED_CLASS_CHARS {
            return false;
        }
        tokens += 1;
    }
    tokens >= GENERATED_CLASS_TOKENS
}

/// The words of an element's class and id, lowercased, split on `-`, `_` and spaces.
fn class_words(names: Names<'_>) -> Vec<String> {
    let mut words = Vec::new();
    for value in names.into_iter().flatten() {
        for word in value.split(|c: char| c == '-' || c == '_' || c.is_whitespace()) {
            if !word.is_empty() {
                words.push(word.to_ascii_lowercase());
            }
        }
    }
    words
}

/// The class/id weight: clutter words subtract, content words add, the names of article
/// body containers add more.
fn class_weight(element: &scraper::node::Element, names: Names<'_>) -> f32 {
    let mut weight = 0.0;
    if element
        .attribute("itemprop")
        .is_some_and(|p| p.contains("articleBody"))
    {
        weight += rules::STRONG_POSITIVE_WEIGHT;
    }
    for value in names.into_iter().flatten() {
        let lower = value.to_ascii_lowercase();
        if lower.trim().is_empty() {
            continue;
        }
        let words: Vec<&str> = lower
            .split(|c: char| c == '-' || c == '_' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .collect();
        let negative = words.iter().any(|w| rules::NEGATIVE_WORDS.contains(w))
            || rules::NEGATIVE_FRAGMENTS.found_in(&lower);
        let positive = words.iter().any(|w| rules::POSITIVE_WORDS.contains(w));
        let strong = rules::STRONG_POSITIVE_FRAGMENTS.found_in(&lower);
        if strong {
            weight += rules::STRONG_POSITIVE_WEIGHT;
        } else if negative {
            weight += rules::NEGATIVE_WEIGHT;
        } else if positive {
            weight += rules::POSITIVE_WEIGHT;
        }
    }
    weight
}

/// Readability's scoring: paragraphs give points to their ancestors.
///
/// Also returns the elements named as the article body (`entry-content`, `articleBody`)
/// that hold a page's worth of text but that no paragraph scored for, with the score of
/// their name alone: posts written as bullet lists, or as text split by line breaks under
/// other blocks, give their container no points, and then a stray list item would win.
/// They may be chosen as the top candidate, but take no part in the rest of the choice
/// (a page's named main area around the article must not outscore it on its name).
fn score_candidates(
    doc: &Html,
    analysis: &Analysis,
) -> (HashMap<NodeId, f32>, HashMap<NodeId, f32>) {
    let mut scores: HashMap<NodeId, f32> = HashMap::default();
    let mut named: Vec<NodeId> = Vec::new();
    // Pre-order walk that knows whether an ancestor was removed.
    let mut stack = vec![(doc.tree.root(), false)];
    while let Some((node, inside_removed)) = stack.pop() {
        let Some(element) = node.value().as_element() else {
            for child in node.children() {
                stack.push((child, inside_removed));
            }
            continue;
        };
        let Some(stats) = analysis.stats.get(&node.id()) else {
            continue;
        };
        if stats.removed || inside_removed {
            continue;
        }
        for child in node.children() {
            if child.value().is_element() {
                stack.push((child, false));
            }
        }
        if stats.weight >= rules::STRONG_POSITIVE_WEIGHT
            && stats.chars as usize >= GOOD_ENOUGH_CHARS
        {
            named.push(node.id());
        }
        let name = element.name();
        let paragraph_like = matches!(name, "p" | "pre" | "td")
            || (matches!(
                name,
                "div" | "section" | "article" | "span" | "font" | "center"
            ) && stats.own_chars >= MIN_PARAGRAPH_CHARS);
        if !paragraph_like {
            continue;
        }
        let chars = if matches!(name, "p" | "pre" | "td") {
            stats.chars
        } else {
            stats.own_chars
        };
        if chars < MIN_PARAGRAPH_CHARS {
            continue;
        }
        // One point for the paragraph, one per comma, one per 100 characters (up to 3).
        let points = 1.0 + stats.commas.min(30) as f32 + (chars as f32 / 100.0).min(3.0);
        let mut ancestor = node.parent();
        let mut level = 0usize;
        // A text-bearing div scores itself too: its text is its own.
        if !matches!(name, "p" | "pre" | "td") {
            let entry = scores
                .entry(node.id())
                .or_insert_with(|| initial_score(element, stats));
            *entry += points;
        }
        while let Some(a) = ancestor {
            if level >= SCORE_LEVELS {
                break;
            }
            let Some(a_element) = a.value().as_element() else {
                break;
            };
            let a_stats = analysis.stats.get(&a.id()).copied().unwrap_or_default();
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                n => n as f32 * 3.0,
            };
            let entry = scores
                .entry(a.id())
                .or_insert_with(|| initial_score(a_element, &a_stats));
            *entry += points / divider;
            ancestor = a.parent();
            level += 1;
        }
    }
    for (id, score) in scores.iter_mut() {
        if let Some(stats) = analysis.stats.get(id) {
            *score *= 1.0 - stats.link_density();
        }
    }
    let named = named
        .into_iter()
        .filter(|id| !scores.contains_key(id))
        .filter_map(|id| {
            let element = doc.tree.get(id)?.value().as_element()?;
            let stats = analysis.stats.get(&id)?;
            Some((
                id,
                initial_score(element, stats) * (1.0 - stats.link_density()),
            ))
        })
        .collect();
    (scores, named)
}

fn initial_score(element: &scraper::node::Element, stats: &Stats) -> f32 {
    let base = rules::TAG_BASE_SCORES
        .iter()
        .find(|(tag, _)| *tag == element.name())
        .map(|(_, score)| *score)
        .unwrap_or(0.0);
    base + stats.weight
}

/// When several of the best candidates score nearly as well as the top one, the article
/// is split into blocks (between ads, or one per paragraph group): the closest ancestor of
/// the top candidate that also holds enough of the others is the article.
fn shared_ancestor(
    doc: &Html,
    scores: &HashMap<NodeId, f32>,
    top: NodeId,
    top_score: f32,
    body: NodeId,
) -> Option<NodeId> {
    let mut ranked: Vec<(NodeId, f32)> = scores
        .iter()
        .filter(|(id, _)| **id != top && **id != body)
        .map(|(id, score)| (*id, *score))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let close: Vec<HashSet<NodeId>> = ranked
        .iter()
        .take(ALTERNATIVE_CANDIDATES)
        .filter(|(_, score)| *score >= top_score * ALTERNATIVE_SHARE)
        .filter_map(|(id, _)| doc.tree.get(*id))
        // A block "held" by an ancestor may be that ancestor itself: a runner-up that
        // holds the top candidate (a story body around its "read more" box) is where the
        // article is, not a reason to climb past it into the page around it.
        .map(|node| {
            std::iter::once(node.id())
                .chain(node.ancestors().map(|a| a.id()))
                .collect()
        })
        .collect();
    if close.len() < SHARED_BY {
        return None;
    }
    // The walk starts at the top candidate itself: when the close ones are inside it, it
    // already holds them.
    let top_node = doc.tree.get(top)?;
    std::iter::once(top_node)
        .chain(top_node.ancestors())
        .take_while(|a| a.id() != body && a.value().is_element())
        .find(|a| close.iter().filter(|set| set.contains(&a.id())).count() >= SHARED_BY)
        .map(|a| a.id())
        .filter(|found| *found != top)
}

/// Other blocks with the top candidate's tag and class (an article cut into blocks by
/// figures or ads keeps one class for all of them, or numbers it) that hold prose of their
/// own.
fn same_class_blocks(doc: &Html, analysis: &Analysis, top: NodeId) -> Vec<NodeId> {
    let Some(top_node) = doc.tree.get(top) else {
        return Vec::new();
    };
    let Some(top_element) = top_node.value().as_element() else {
        return Vec::new();
    };
    let Some(class) = top_element
        .attribute("class")
        .filter(|c| !c.trim().is_empty())
    else {
        return Vec::new();
    };
    let top_ancestors: HashSet<NodeId> = top_node.ancestors().map(|a| a.id()).collect();
    let mut blocks = Vec::new();
    for node in doc.tree.root().descendants() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        if node.id() == top
            || element.name() != top_element.name()
            || !element
                .attribute("class")
                .is_some_and(|c| same_class(c, class))
            || top_ancestors.contains(&node.id())
            || node.ancestors().any(|a| a.id() == top)
        {
            continue;
        }
        let Some(stats) = analysis.stats.get(&node.id()) else {
            continue;
        };
        if stats.removed || stats.chars < MIN_PARAGRAPH_CHARS * 2 || stats.link_density() > 0.25 {
            continue;
        }
        // Inside another block already taken, it is part of that one.
        if blocks
            .iter()
            .any(|b: &NodeId| node.ancestors().any(|a| a.id() == *b))
        {
            continue;
        }
        blocks.push(node.id());
    }
    blocks
}

/// Whether two class lists are the same but for their numbers: templates number the
/// blocks of one story (`story-body story-body-1`, `story-body story-body-2`).
fn same_class(a: &str, b: &str) -> bool {
    a == b
        || a.bytes()
            .filter(|c| !c.is_ascii_digit())
            .eq(b.bytes().filter(|c| !c.is_ascii_digit()))
}

/// The closest element that holds `first` and all of `others`.
fn common_ancestor(doc: &Html, first: NodeId, others: &[NodeId]) -> Option<NodeId> {
    let mut chain: Vec<NodeId> = doc.tree.get(first)?.ancestors().map(|a| a.id()).collect();
    for other in others {
        let theirs: HashSet<NodeId> = doc.tree.get(*other)?.ancestors().map(|a| a.id()).collect();
        chain.retain(|id| theirs.contains(id));
    }
    chain
        .into_iter()
        .find(|id| doc.tree.get(*id).is_some_and(|n| n.value().is_element()))
}

/// The nodes that hold the article, in document order: the best candidate (or its
/// parent, when the parent scores better), with the siblings that look like more of it.
/// Marks them and their ancestors as protected from cleaning.
fn choose_content(doc: &Html, analysis: &mut Analysis) -> Vec<NodeId> {
    let (scores, named) = score_candidates(doc, analysis);
    analysis.scores = scores;
    let body = doc
        .tree
        .root()
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "body"))
        .unwrap_or_else(|| doc.tree.root());
    let best = analysis
        .scores
        .iter()
        .chain(named.iter())
        .filter(|(id, _)| **id != body.id())
        .max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(id, score)| (*id, *score));
    let Some((mut top, mut top_score)) = best else {
        analysis.protected.insert(body.id());
        return vec![body.id()];
    };
    if let Some(common) = shared_ancestor(doc, &analysis.scores, top, top_score, body.id()) {
        top = common;
        top_score = analysis.scores.get(&common).copied().unwrap_or(top_score);
    }
    // Move up while the parent is a better home for the article (Readability's rule:
    // stop when a parent scores under a third of the best; take it when it scores more).
    let threshold = top_score / 3.0;
    let mut last = top_score;
    let mut parent = doc.tree.get(top).and_then(|n| n.parent());
    while let Some(p) = parent {
        if p.id() == body.id() || !p.value().is_element() {
            break;
        }
        match analysis.scores.get(&p.id()) {
            None => {}
            Some(&score) if score < threshold => break,
            Some(&score) if score > last => {
                top = p.id();
                top_score = score;
                break;
            }
            Some(&score) => last = score,
        }
        parent = p.parent();
    }
    let cousins = same_class_blocks(doc, analysis, top);
    if !cousins.is_empty() {
        // One container holding them all is the article when they are most of its text;
        // else the blocks themselves are.
        let container = common_ancestor(doc, top, &cousins).filter(|c| *c != body.id());
        let covered: u32 = std::iter::once(top)
            .chain(cousins.iter().copied())
            .filter_map(|id| analysis.stats.get(&id))
            .map(|s| s.chars)
            .sum();
        let container_chars = container
            .and_then(|c| analysis.stats.get(&c))
            .map_or(u32::MAX, |s| s.chars);
        if let Some(container) = container
            && covered as f32 >= container_chars as f32 * COUSINS_SHARE
        {
            top = container;
        } else {
            let mut roots: Vec<NodeId> = std::iter::once(top).chain(cousins).collect();
            let order: HashMap<NodeId, usize> = doc
                .tree
                .root()
                .descendants()
                .enumerate()
                .map(|(i, n)| (n.id(), i))
                .collect();
            roots.sort_by_key(|id| order.get(id).copied().unwrap_or(usize::MAX));
            protect(doc, analysis, &roots);
            return roots;
        }
    }
    let Some(top_node) = doc.tree.get(top) else {
        return vec![body.id()];
    };
    // Siblings that look like more of the article.
    let mut roots = Vec::new();
    let sibling_threshold = (top_score * 0.2).max(10.0);
    let top_class = top_node
        .value()
        .as_element()
        .and_then(|e| e.attribute("class"));
    match top_node.parent() {
        Some(parent) if parent.id() != doc.tree.root().id() => {
            for sibling in parent.children() {
                if sibling.id() == top {
                    roots.push(top);
                    continue;
                }
                let Some(element) = sibling.value().as_element() else {
                    continue;
                };
                let Some(stats) = analysis.stats.get(&sibling.id()) else {
                    continue;
                };
                if stats.removed {
                    continue;
                }
                let mut score = analysis.scores.get(&sibling.id()).copied().unwrap_or(0.0);
                if top_class.is_some() && element.attribute("class") == top_class {
                    score += top_score * 0.2;
                }
                let density = stats.link_density();
                let text = ElementRef::wrap(sibling)
                    .map(|e| e.text().collect::<String>())
                    .unwrap_or_default();
                let text = text.trim();
                let prose = element.name() == "p"
                    && ((stats.chars > 80 && density < 0.25)
                        || (stats.chars > 0
                            && density == 0.0
                            && text.ends_with(rules::SENTENCE_ENDS)));
                if score >= sibling_threshold || prose {
                    roots.push(sibling.id());
                }
            }
        }
        _ => roots.push(top),
    }
    protect(doc, analysis, &[top]);
    for root in &roots {
        analysis.protected.insert(*root);
    }
    roots
}

/// Marks the content roots and their ancestors as protected from cleaning.
fn protect(doc: &Html, analysis: &mut Analysis, roots: &[NodeId]) {
    for root in roots {
        analysis.protected.insert(*root);
        if let Some(node) = doc.tree.get(*root) {
            analysis
                .protected
                .extend(node.ancestors().map(|ancestor| ancestor.id()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::extract_html;

    fn page(title: &str, heading: &str) -> String {
        let paragraph = "The committee met on Tuesday and agreed the plan after a long debate, \
                         with members asking for more detail on costs and timing. ";
        format!(
            "<html><head><title>{title}</title></head><body><main><article>\
             <h2>{heading}</h2><p>{}</p><p>{}</p></article></main></body></html>",
            paragraph.repeat(4),
            paragraph.repeat(3)
        )
    }

    fn title_of(html: &str) -> String {
        extract_html(html).unwrap().title
    }

    #[test]
    fn generic_page_label_gives_way_to_the_headline() {
        let html = page(
            "Press release details | News | City Hall",
            "Council opens three new libraries in the north of the city",
        );
        assert_eq!(
            title_of(&html),
            "Council opens three new libraries in the north of the city"
        );
    }

    #[test]
    fn a_headline_title_is_kept_over_a_section_heading() {
        let html = page(
            "Residents back plans for a new riverside park - Riverside Gazette",
            "What happens next for the park and the people who live around it",
        );
        assert_eq!(
            title_of(&html),
            "Residents back plans for a new riverside park"
        );
    }

    const PROSE: &str = "The council said the work would start in spring, after a survey of the \
                         old bridge, and that the path would stay open for most of the time. ";

    #[test]
    fn an_article_cut_into_blocks_by_ads_is_read_whole() {
        let block = |n: usize| {
            format!(
                "<div class=\"wrap\"><div class=\"article-text\"><p>Part {n}. {}</p>\
                 <p>{}</p></div></div><div class=\"ad-slot\"><a href=\"/ad\">Advert</a></div>",
                PROSE.repeat(2),
                PROSE
            )
        };
        let html = format!(
            "<html><head><title>Bridge works to start in spring</title></head><body>\
             <nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><main>{}{}{}</main>\
             <footer>Copyright</footer></body></html>",
            block(1),
            block(2),
            block(3)
        );
        let body = extract_html(&html).unwrap().body;
        for part in ["Part 1.", "Part 2.", "Part 3."] {
            assert!(body.contains(part), "{part} missing from {body}");
        }
        assert!(
            !body.contains("Advert") && !body.contains("Copyright"),
            "{body}"
        );
    }

    #[test]
    fn the_rest_of_a_story_behind_read_more_is_kept() {
        let html = format!(
            "<html><head><title>Bridge works to start in spring</title></head><body><article>\
             <div class=\"story-body\"><p>Opening. {}</p><p>{}</p><p>{}</p><p>{}</p>\
             <div id=\"read-more\"><div id=\"read-more-link\"><a href=\"\">Read more</a></div>\
             <div id=\"read-more-content\"><p>Closing. {}</p></div></div>\
             </div></article></body></html>",
            PROSE, PROSE, PROSE, PROSE, PROSE
        );
        let body = extract_html(&html).unwrap().body;
        assert!(
            body.contains("Opening.") && body.contains("Closing."),
            "{body}"
        );
    }

    #[test]
    fn a_story_around_its_read_more_box_is_not_left_for_the_page_around_it() {
        let teaser = |n: usize| {
            format!(
                "<div class=\"story-block\"><h4><a href=\"/opinion/{n}\">Other column {n}</a></h4>\
                 <p class=\"standfirst\">Teaser {n}: a columnist asks why the city keeps \
                 getting this wrong, and what it would take to fix it.</p></div>"
            )
        };
        let html = format!(
            "<html><head><title>Bridge works to start in spring</title></head><body>\
             <div id=\"story\"><div class=\"story-body\"><p>Opening. {PROSE}</p><p>{PROSE}</p>\
             <p>{PROSE}</p><div id=\"read-more\"><div id=\"read-more-content\">{}</div></div>\
             </div><div class=\"group\"><div class=\"module-content\">{}</div></div></div>\
             </body></html>",
            format!("<p>{PROSE}</p>").repeat(8),
            (1..=5).map(teaser).collect::<String>()
        );
        let body = extract_html(&html).unwrap().body;
        assert!(body.contains("Opening."), "{body}");
        assert!(!body.contains("Teaser"), "{body}");
    }

    #[test]
    fn generated_class_names_are_not_read_as_words() {
        // Minified class lists spell `ai` (an AI-summary box) and `ad` by accident.
        let block = |n: usize| {
            format!(
                "<div class=\"n p\"><div class=\"z ab ac ae af ad ah ai\"><p>Part {n}. {PROSE}</p>\
                 </div></div><div class=\"hr\"><figure><img src=\"/{n}.png\" alt=\"\"></figure></div>"
            )
        };
        let html = format!(
            "<html><head><title>Bridge works to start in spring</title></head><body>\
             <article><section><div class=\"n p\"><div class=\"z ab ac ae af ad ah ai\">{}</div>\
             </div>{}</section></article></body></html>",
            format!("<p>{PROSE}</p>").repeat(6),
            (1..=3).map(block).collect::<String>()
        );
        let body = extract_html(&html).unwrap().body;
        for part in ["Part 1.", "Part 2.", "Part 3."] {
            assert!(body.contains(part), "{part} missing from {body}");
        }
        assert!(super::is_generated_class("go gp dg ay gq b gr"));
        assert!(!super::is_generated_class("ad top box"));
        assert!(!super::is_generated_class("article-body ad"));
    }

    #[test]
    fn a_section_anchored_by_its_heading_is_not_named_clutter() {
        // Documentation generators name sections after their headings: `sharing` here is
        // the author's word, not a share-buttons box.
        let section = |id: &str, heading: &str| {
            format!(
                "<div class=\"section\" id=\"{id}\"><h2><a href=\"#top\">{heading}</a>\
                 <a class=\"headerlink\" href=\"#{id}\">¶</a></h2><p>{heading}. {PROSE}</p>\
                 <p>{PROSE}</p><pre>hg push</pre></div>"
            )
        };
        let html = format!(
            "<html><head><title>Evolve: shared mutable history</title></head><body>\
             <div class=\"content\"><div class=\"section\" id=\"shared-history\"><h1>Shared \
             history</h1>{}{}{}</div></div></body></html>",
            format!("<p>{PROSE}</p>").repeat(4),
            section(
                "sharing-with-a-single-developer",
                "Sharing with a single developer"
            ),
            section(
                "sharing-with-your-whole-team",
                "Sharing with your whole team"
            ),
        );
        let body = extract_html(&html).unwrap().body;
        assert!(body.contains("Sharing with a single developer."), "{body}");
        assert!(body.contains("Sharing with your whole team."), "{body}");
    }

    #[test]
    fn numbered_blocks_of_one_story_are_read_together() {
        let html = format!(
            "<html><head><title>Bridge works to start in spring</title></head><body>\
             <article id=\"story\"><div class=\"wrap\"><div class=\"story-body \
             story-body-1\"><figure><img src=\"/a.jpg\" alt=\"\"></figure><p>Opening. {PROSE}\
             </p><p>{PROSE}</p></div></div><div class=\"ad\"><a href=\"/ad\">Advert</a></div>\
             <div class=\"wrap\"><div class=\"story-body story-body-2\">{}</div></div>\
             </article></body></html>",
            format!("<p>{PROSE}</p>").repeat(8),
        );
        let body = extract_html(&html).unwrap().body;
        assert!(body.contains("Opening."), "{body}");
        assert!(!body.contains("Advert"), "{body}");
    }

    #[test]
    fn a_post_written_as_a_list_is_read_from_its_named_body() {
        // No paragraph scores for the post; a figure caption inside one item would
        // otherwise make that item the article.
        let item = |n: usize| format!("<li>Item {n}. {PROSE}</li>");
        let html = format!(
            "<html><head><title>These weeks in the council</title></head><body><main>\
             <article class=\"post\"><div class=\"entry-content\"><h3>Highlights</h3><ul>{}\
             <li>The new bridge design is out.<ul><li><div class=\"wp-caption\">\
             <img src=\"/b.png\" alt=\"\"><p class=\"wp-caption-text\">The new design of the \
             bridge, seen from the river.</p></div></li></ul></li></ul><h3>Next</h3><ul>{}</ul>\
             </div></article></main></body></html>",
            (1..=4).map(item).collect::<String>(),
            (5..=8).map(item).collect::<String>()
        );
        let body = extract_html(&html).unwrap().body;
        for part in ["Item 1.", "Item 5.", "Item 8."] {
            assert!(body.contains(part), "{part} missing from {body}");
        }
    }

    #[test]
    fn a_short_title_is_kept_over_a_heading_no_longer() {
        let html = page("Gazette: Colophon", "About This Site");
        assert_eq!(title_of(&html), "Gazette: Colophon");
    }
}
