//! Article bodies: CommonMark (tables, strikethrough, footnotes) → safe HTML.
//!
//! Owns three rules applied to every body:
//! - headings are renumbered so the body starts at `<h2>` (the page's `<h1>` is the title)
//!   and never skips a level;
//! - images from another host become links to them (a page loads nothing from another host),
//!   and images addressed from the root of the site a page was saved from (`/upload/a.jpg`,
//!   whose host is unknown) become their description;
//! - tables are wrapped in a scroll container (`<figure class="table-scroll">`) that
//!   `label_tables` makes a focusable, named figure, so a wide table scrolls by keyboard on a
//!   narrow screen;
//! - the HTML is sanitised with an allow-list (ammonia): no script, style, iframe, object,
//!   embed, form or svg, no `on*` or `style` attributes, no `javascript:`/`data:` URLs.
//!
//! The body is data: it is never given to the template engine, so `{{ }}` in it stays text.

use std::borrow::Cow;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

/// Bodies whose HTML nests deeper than this are shown as plain text: the HTML parser behind
/// the sanitiser slows down with the square of the depth (100,000 nested `<div>` take
/// minutes), and no real article nests more than a few dozen levels.
const MAX_HTML_DEPTH: usize = 256;

/// Elements that never have a closing tag, so they do not deepen the tree.
const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Prefix of every `id` in a body, so a body cannot clobber the page's own ids (`main`).
const ID_PREFIX: &str = "body-";

/// Tags removed together with their content (ammonia's default list plus the embeds).
const DROP_WITH_CONTENT: &[&str] = &[
    "script", "style", "iframe", "object", "embed", "form", "svg", "math", "template", "noscript",
    "textarea", "select", "button",
];

/// Attributes allowed beyond ammonia's defaults, per tag: footnotes need their ids.
const EXTRA_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("div", &["id"]),
    ("sup", &["id"]),
    ("li", &["id"]),
    ("section", &["id"]),
    ("th", &["scope"]),
];

/// Classes pulldown-cmark gives footnotes (and the table wrapper), kept for styling.
const KEPT_CLASSES: &[(&str, &[&str])] = &[
    ("div", &["footnote-definition"]),
    ("sup", &["footnote-reference", "footnote-definition-label"]),
    ("section", &["footnotes"]),
    ("figure", &["table-scroll"]),
];

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .rm_tags(DROP_WITH_CONTENT)
        .add_clean_content_tags(DROP_WITH_CONTENT)
        .rm_tags(["h1"])
        .id_prefix(Some(ID_PREFIX))
        // No `rel` added: both paths (sanitised or not) must give links the same markup.
        .link_rel(None)
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .attribute_filter(filter_attribute);
    for (tag, attributes) in EXTRA_ATTRIBUTES {
        builder.add_tag_attributes(*tag, attributes.iter().copied());
    }
    for (tag, classes) in KEPT_CLASSES {
        builder.add_allowed_classes(*tag, classes.iter().copied());
    }
    builder
});

/// Keeps in-page links pointing at the prefixed ids and drops images from other hosts.
fn filter_attribute<'u>(element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    match (element, attribute) {
        ("a", "href") if value.starts_with('#') && !value.starts_with("#body-") => {
            Some(format!("#{ID_PREFIX}{}", &value[1..]).into())
        }
        ("img", "src") if is_external(value) || is_root_relative(value) => None,
        _ => Some(value.into()),
    }
}

/// A URL that names a host (`https://…`, `//host/…`) or a scheme that loads content.
fn is_external(url: &str) -> bool {
    let url = url.trim();
    url.starts_with("//") || url.contains(':')
}

/// A path from the root of a host (`/upload/a.jpg`): in a saved page, the host it was saved
/// from, which the body no longer names.
fn is_root_relative(url: &str) -> bool {
    let url = url.trim();
    url.starts_with('/') && !url.starts_with("//")
}

/// The opening tag `render_body` puts before every Markdown table; the sanitiser keeps it as
/// it is, and an attribute value can never hold it (quotes in values are escaped).
const TABLE_WRAPPER: &str = "<figure class=\"table-scroll\">";

/// Makes the table wrappers of a rendered body focusable regions named `label` (in the
/// body's language), so a table wider than the screen can be scrolled from the keyboard.
pub fn label_tables(html: String, label: &str) -> String {
    if !html.contains(TABLE_WRAPPER) {
        return html;
    }
    let labelled = format!(
        "<figure class=\"table-scroll\" tabindex=\"0\" aria-label=\"{}\">",
        ammonia::clean_text(label)
    );
    html.replace(TABLE_WRAPPER, &labelled)
}

/// Renders a body to sanitised HTML.
pub fn render_body(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_FOOTNOTES);
    let events: Vec<Event> = BodyEvents::new(Parser::new_ext(markdown, options)).collect();
    let plain = events.iter().all(is_plain_markdown);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if nesting_depth(&html) > MAX_HTML_DEPTH {
        return plain_paragraphs(markdown);
    }
    if plain {
        // Nothing but Markdown with safe URLs: pulldown-cmark's HTML is already within the
        // allow-list, and the sanitiser (an HTML parse and serialisation, most of the cost of
        // a body) would return it unchanged, but for writing void elements HTML-style.
        return html.replace("<br />", "<br>").replace("<hr />", "<hr>");
    }
    SANITIZER.clean(&html).to_string()
}

/// URL schemes a body may link to (relative URLs and fragments have none).
const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// True for events whose HTML needs no sanitising: no raw HTML, no footnotes (their ids get
/// the body prefix in the sanitiser), no tables (alignment comes as `style`), no images, and
/// links with safe URLs.
fn is_plain_markdown(event: &Event) -> bool {
    match event {
        Event::Html(_) | Event::InlineHtml(_) | Event::FootnoteReference(_) => false,
        Event::Start(Tag::FootnoteDefinition(_) | Tag::Table(_)) => false,
        // Images stay on the sanitiser path, which also writes them in HTML (not XHTML) style.
        Event::Start(Tag::Image { .. }) => false,
        Event::Start(Tag::Link { dest_url, .. }) => is_safe_url(dest_url),
        _ => true,
    }
}

/// A relative URL, a fragment, or one of `SAFE_SCHEMES`.
fn is_safe_url(url: &str) -> bool {
    let url = url.trim_start();
    let scheme_end = url.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if url[i..].starts_with(':') => SAFE_SCHEMES
            .iter()
            .any(|scheme| url[..i].eq_ignore_ascii_case(scheme)),
        _ => !url.chars().any(char::is_control),
    }
}

/// The deepest element nesting of an HTML string, by a linear scan of its tags (an estimate:
/// enough to tell real articles from pathological input).
fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'<') {
        let start = i + offset + 1;
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(bytes.len(), |e| start + e);
        let tag = &html[start..end];
        i = end;
        if let Some(closing) = tag.strip_prefix('/') {
            if !closing.is_empty() {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        let name_len = tag
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || tag.ends_with('/') {
            continue;
        }
        let name = tag[..name_len].to_ascii_lowercase();
        if !VOID_ELEMENTS.contains(&name.as_str()) {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// The body as escaped paragraphs of plain text.
fn plain_paragraphs(markdown: &str) -> String {
    let mut out = String::new();
    for block in crate::article::markdown_to_text(markdown).split("\n\n") {
        out.push_str("<p>");
        out.push_str(&ammonia::clean_text(block));
        out.push_str("</p>\n");
    }
    out
}

/// What an image of the Markdown became.
enum ImageAs {
    /// Kept as an image (a path relative to the page).
    Image,
    /// A link to the image on its host, and whether the link got any text.
    Link { had_text: bool },
    /// Its description only.
    Text,
}

/// Rewrites heading levels, images and tables while the Markdown streams by.
struct BodyEvents<'a, I: Iterator<Item = Event<'a>>> {
    inner: I,
    /// Open heading levels as (level in the source, level in the output).
    levels: Vec<(u8, u8)>,
    /// The output level of the heading being read.
    open_heading: Option<HeadingLevel>,
    /// Open images: what each became.
    images: Vec<ImageAs>,
    pending: Option<Event<'a>>,
}

impl<'a, I: Iterator<Item = Event<'a>>> BodyEvents<'a, I> {
    fn new(inner: I) -> Self {
        BodyEvents {
            inner,
            levels: Vec::new(),
            open_heading: None,
            images: Vec::new(),
            pending: None,
        }
    }

    /// Source level → output level: the first heading becomes h2, each deeper heading one
    /// below its parent at most, capped at h6.
    fn map_level(&mut self, level: HeadingLevel) -> HeadingLevel {
        let source = level as u8;
        while self.levels.last().is_some_and(|&(s, _)| s >= source) {
            self.levels.pop();
        }
        let out = self.levels.last().map(|&(_, o)| o + 1).unwrap_or(2).min(6);
        self.levels.push((source, out));
        HeadingLevel::try_from(out as usize).unwrap_or(HeadingLevel::H6)
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for BodyEvents<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(event) = self.pending.take() {
            return Some(event);
        }
        let event = self.inner.next()?;
        Some(match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let level = self.map_level(level);
                self.open_heading = Some(level);
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                })
            }
            Event::End(TagEnd::Heading(level)) => {
                Event::End(TagEnd::Heading(self.open_heading.take().unwrap_or(level)))
            }
            Event::Start(Tag::Image {
                dest_url,
                title,
                id,
                link_type,
            }) => {
                if is_external(&dest_url) {
                    self.images.push(ImageAs::Link { had_text: false });
                    Event::Start(Tag::Link {
                        link_type: LinkType::Inline,
                        dest_url,
                        title,
                        id,
                    })
                } else if is_root_relative(&dest_url) {
                    // Nothing to load or link to: the description stands in its place.
                    // (An empty text event writes nothing.)
                    self.images.push(ImageAs::Text);
                    Event::Text(CowStr::Borrowed(""))
                } else {
                    self.images.push(ImageAs::Image);
                    Event::Start(Tag::Image {
                        dest_url,
                        title,
                        id,
                        link_type,
                    })
                }
            }
            Event::Text(text) => {
                if let Some(ImageAs::Link { had_text }) = self.images.last_mut() {
                    *had_text |= !text.trim().is_empty();
                }
                Event::Text(text)
            }
            Event::End(TagEnd::Image) => match self.images.pop() {
                None | Some(ImageAs::Image) => Event::End(TagEnd::Image),
                Some(ImageAs::Text) => Event::Text(CowStr::Borrowed("")),
                Some(ImageAs::Link { had_text: true }) => Event::End(TagEnd::Link),
                Some(ImageAs::Link { had_text: false }) => {
                    // A link needs discernible text: name what it points to.
                    self.pending = Some(Event::End(TagEnd::Link));
                    Event::Text(CowStr::Borrowed("[image]"))
                }
            },
            Event::Start(Tag::Table(alignments)) => {
                self.pending = Some(Event::Start(Tag::Table(alignments)));
                Event::Html(CowStr::Borrowed(TABLE_WRAPPER))
            }
            Event::End(TagEnd::Table) => {
                self.pending = Some(Event::Html(CowStr::Borrowed("</figure>\n")));
                Event::End(TagEnd::Table)
            }
            other => other,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_start_at_h2_without_gaps() {
        let html = render_body("# A\n\n### B\n\n## C\n\n#### D");
        assert!(html.contains("<h2>A</h2>"), "{html}");
        assert!(html.contains("<h3>B</h3>"), "{html}");
        assert!(html.contains("<h3>C</h3>"), "{html}");
        assert!(html.contains("<h4>D</h4>"), "{html}");
        assert!(!html.contains("<h1"));
    }

    #[test]
    fn strips_active_content() {
        let html = render_body(
            "Hi <script>alert(1)</script><img src=x onerror=alert(1)> <a href=\"javascript:alert(1)\">x</a>\n\n<iframe src=\"https://e.org\"></iframe><p style=\"color:red\">s</p><svg><circle/></svg>",
        );
        for bad in [
            "script",
            "onerror",
            "javascript:",
            "iframe",
            "style=",
            "svg",
            "alert",
        ] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
    }

    #[test]
    fn template_syntax_is_text() {
        let html = render_body("{{ config }} and {% if x %}");
        assert!(html.contains("{{ config }} and {% if x %}"), "{html}");
    }

    #[test]
    fn external_images_become_links() {
        let html = render_body("![a cat](https://example.org/cat.jpg) ![](//cdn.example/x.png)");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("href=\"https://example.org/cat.jpg\""),
            "{html}"
        );
        assert!(html.contains("[image]"), "{html}");
        let html = render_body("![local](img/a.png)");
        assert!(
            html.contains("<img src=\"img/a.png\" alt=\"local\">"),
            "{html}"
        );
    }

    #[test]
    fn images_from_an_unknown_host_root_become_their_description() {
        let html = render_body(
            "![Signing the agreement](/upload/a.jpg)\n\n<img src=\"/b.png\" alt=\"b\">",
        );
        assert!(html.contains("<p>Signing the agreement</p>"), "{html}");
        assert!(
            !html.contains("/upload/") && !html.contains("/b.png"),
            "{html}"
        );
    }

    #[test]
    fn tables_strikethrough_footnotes() {
        let html = render_body("|a|b|\n|-|-|\n|1|2|\n\n~~old~~ note[^1]\n\n[^1]: The note.");
        assert!(
            html.contains("<figure class=\"table-scroll\"><table>")
                && html.contains("<del>old</del>"),
            "{html}"
        );
        assert!(html.contains("</table>\n</figure>"), "{html}");
        let html = label_tables(html, "Table");
        assert!(
            html.contains(
                "<figure class=\"table-scroll\" tabindex=\"0\" aria-label=\"Table\"><table>"
            ),
            "{html}"
        );
        assert!(html.contains("id=\"body-1\""), "{html}");
        assert!(html.contains("href=\"#body-1\""), "{html}");
        // Only the wrapper render_body wrote is labelled, never text that looks like it.
        let html = render_body(
            "<p title='<figure class=\"table-scroll\">'>&lt;figure class=\"table-scroll\"&gt;</p>",
        );
        assert_eq!(label_tables(html.clone(), "Table"), html);
    }

    #[test]
    fn unsafe_urls_take_the_sanitiser_path() {
        let html =
            render_body("[x](javascript:alert(1)) [y](JAVASCRIPT:alert(2)) [z](data:text/html,x)");
        assert!(!html.to_ascii_lowercase().contains("javascript:"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        let html = render_body("[ok](https://example.org/) [rel](../a) [mail](mailto:a@b.c)");
        assert!(html.contains("href=\"https://example.org/\""), "{html}");
        assert!(
            html.contains("href=\"../a\"") && html.contains("mailto:a@b.c"),
            "{html}"
        );
        assert!(is_safe_url("/a:b") && is_safe_url("#x") && !is_safe_url("vbscript:x"));
    }

    #[test]
    fn plain_markdown_is_html_style() {
        let html = render_body("a  \nb\n\n---\n\n*c* **d** `e` [f](/g)");
        assert!(html.contains("<br>") && html.contains("<hr>"), "{html}");
        assert!(!html.contains(" />"), "{html}");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let deep = format!("{}x", "> ".repeat(100_000));
        assert_eq!(render_body(&deep), "<p>x</p>\n");
        let html = format!(
            "{}<script>x{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let out = render_body(&html);
        assert!(!out.contains("<div") && !out.contains("<script"));
        assert_eq!(nesting_depth("<p><br><img src=x/><b>x</b></p>"), 2);
    }
}
