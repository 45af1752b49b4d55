//! The kept DOM → clean CommonMark. Owns escaping, absolute links, which URLs may appear
//! (http, https, mailto and relative paths; never `javascript:`, `data:` or the like),
//! and the last, text-level cleaning of blocks: the headline, sub-headline, bylines,
//! date lines and boilerplate lines repeated inside the body are dropped, photo captions
//! become italic captions. No raw HTML is ever written.
//!
//! The walk uses an explicit stack of enter/exit events, so nesting depth costs memory,
//! not call stack.

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};

use super::dom::Attribute;
use super::{boilerplate, byline, dates, rules, text, text::escape_markdown};

/// What the renderer needs to know about the page.
pub struct Context<'a> {
    /// Relative links and images resolve against this.
    pub base_url: Option<&'a url::Url>,
    /// The headline: a block repeating it is dropped.
    pub title: Option<&'a str>,
    /// The sub-headline: a block repeating it is dropped.
    pub subtitle: Option<&'a str>,
}

/// A placeholder for a hard line break inside a paragraph (replaced when flushed).
const HARD_BREAK: char = '\u{1}';
/// Lists nested deeper than this are flattened (CommonMark indentation grows with depth).
const MAX_LIST_DEPTH: usize = 6;

enum Event<'a> {
    Enter(ElementRef<'a>),
    Exit(ElementRef<'a>),
    Text(&'a str),
}

/// One inline formatting element still open: where its content starts in the buffers.
struct Open {
    id: NodeId,
    kind: InlineKind,
    markdown_at: usize,
    plain_at: usize,
}

enum InlineKind {
    Link(Option<String>),
    Emphasis(&'static str),
}

#[derive(Default)]
struct Writer {
    blocks: Vec<String>,
    /// The paragraph being written, as Markdown and as plain text (for the checks).
    markdown: String,
    plain: String,
    opens: Vec<Open>,
    heading: Option<usize>,
    quote_depth: usize,
    /// Open lists: ordered?, next number.
    lists: Vec<(bool, u32)>,
    /// An `<li>` whose marker has not been written yet.
    pending_marker: bool,
    caption: bool,
    seen_title: bool,
    /// A list just ended: the next list is a new one, not more items of it.
    list_ended: bool,
    /// Lists nested past `MAX_LIST_DEPTH`, written as items of the deepest one.
    flattened_lists: usize,
    /// A plain prose paragraph has been written (a wire dateline can only open the first).
    prose_written: bool,
}

/// Renders the content under `roots` (in order), skipping elements `keep` rejects.
pub fn render(
    doc: &Html,
    roots: &[NodeId],
    keep: &dyn Fn(NodeId) -> bool,
    context: &Context<'_>,
) -> String {
    let mut writer = Writer::default();
    for root in roots {
        let Some(node) = doc.tree.get(*root) else {
            continue;
        };
        let mut stack: Vec<Event> = Vec::new();
        match ElementRef::wrap(node) {
            Some(element) => stack.push(Event::Enter(element)),
            None => continue,
        }
        while let Some(event) = stack.pop() {
            match event {
                Event::Text(text) => writer.text(text),
                Event::Exit(element) => writer.exit(element, context),
                Event::Enter(element) => {
                    if !keep(element.id()) {
                        continue;
                    }
                    if writer.enter(element, context) {
                        stack.push(Event::Exit(element));
                        for child in element.children().rev() {
                            match child.value() {
                                Node::Text(text) => stack.push(Event::Text(text)),
                                Node::Element(_) => {
                                    if let Some(child) = ElementRef::wrap(child) {
                                        stack.push(Event::Enter(child));
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                }
            }
        }
        writer.flush(context);
    }
    let mut out = writer.blocks.join("\n\n");
    out.truncate(out.trim_end().len());
    out
}

impl Writer {
    /// Handles an opening element. Returns whether its children are to be walked.
    fn enter(&mut self, element: ElementRef<'_>, context: &Context<'_>) -> bool {
        let name = element.value().name();
        match name {
            "br" => {
                let trimmed = self.markdown.trim_end_matches([' ', '\n']);
                if trimmed.ends_with(HARD_BREAK) {
                    // Two breaks in a row separate paragraphs.
                    self.markdown
                        .truncate(trimmed.len() - HARD_BREAK.len_utf8());
                    self.flush(context);
                } else if !self.plain.trim().is_empty() {
                    self.markdown.push(HARD_BREAK);
                    self.plain.push('\n');
                }
                return false;
            }
            "hr" => {
                self.flush(context);
                return false;
            }
            "img" => {
                self.image(element, context);
                return false;
            }
            "pre" => {
                self.flush(context);
                self.code_block(element);
                return false;
            }
            "code" | "kbd" | "samp" | "tt" => {
                let code: String = element.text().collect();
                let code = code.split_whitespace().collect::<Vec<_>>().join(" ");
                if !code.is_empty() {
                    let fence = "`".repeat(longest_run(&code, '`') + 1);
                    let pad = if code.starts_with('`') || code.ends_with('`') {
                        " "
                    } else {
                        ""
                    };
                    self.markdown
                        .push_str(&format!("{fence}{pad}{code}{pad}{fence}"));
                    self.plain.push_str(&code);
                }
                return false;
            }
            "table" if is_data_table(element) => {
                self.flush(context);
                self.table(element, context);
                return false;
            }
            "a" => {
                let href = element
                    .value()
                    .attribute("href")
                    .and_then(|h| safe_url(h, context.base_url));
                self.opens.push(Open {
                    id: element.id(),
                    kind: InlineKind::Link(href),
                    markdown_at: self.markdown.len(),
                    plain_at: self.plain.len(),
                });
                return true;
            }
            "em" | "i" | "cite" | "dfn" | "var" => {
                self.open_emphasis(element, "*");
                return true;
            }
            "strong" | "b" => {
                self.open_emphasis(element, "**");
                return true;
            }
            _ => {}
        }
        if !rules::BLOCK_TAGS.contains(&name) {
            return true;
        }
        self.flush(context);
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                // The body's headings start at level 2: the page's title is the one h1.
                let level = name[1..].parse::<usize>().unwrap_or(2).max(2);
                self.heading = Some(level);
            }
            "blockquote" => self.quote_depth += 1,
            "ul" | "ol" if self.lists.len() < MAX_LIST_DEPTH => {
                let start = element
                    .value()
                    .attribute("start")
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(1);
                self.lists.push((name == "ol", start));
            }
            "ul" | "ol" => self.flattened_lists += 1,
            "li" => self.pending_marker = !self.lists.is_empty(),
            "figcaption" | "caption" => self.caption = true,
            _ => {}
        }
        true
    }

    fn exit(&mut self, element: ElementRef<'_>, context: &Context<'_>) {
        let name = element.value().name();
        if let Some(open) = self.opens.last()
            && open.id == element.id()
        {
            let open = self.opens.pop().expect("checked above");
            self.close_inline(open);
            return;
        }
        if !rules::BLOCK_TAGS.contains(&name) {
            return;
        }
        self.flush(context);
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.heading = None,
            "blockquote" => self.quote_depth = self.quote_depth.saturating_sub(1),
            "ul" | "ol" => {
                if self.flattened_lists > 0 {
                    self.flattened_lists -= 1;
                } else {
                    self.lists.pop();
                }
                self.list_ended = self.lists.is_empty();
            }
            "li" => self.pending_marker = false,
            "figcaption" | "caption" => self.caption = false,
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        // Collapse whitespace as a browser does; keep one space at the edges.
        let mut collapsed = String::with_capacity(text.len());
        let mut space = false;
        for c in text.chars() {
            if c.is_whitespace() {
                space = true;
            } else {
                if space && !collapsed.is_empty() {
                    collapsed.push(' ');
                }
                space = false;
                collapsed.push(c);
            }
        }
        let leading = text.starts_with(char::is_whitespace);
        let trailing = text.ends_with(char::is_whitespace) && !collapsed.is_empty();
        if leading && !self.plain.ends_with([' ', '\n']) && !self.plain.is_empty() {
            self.markdown.push(' ');
            self.plain.push(' ');
        }
        self.markdown.push_str(&escape_markdown(&collapsed));
        self.plain.push_str(&collapsed);
        if trailing {
            self.markdown.push(' ');
            self.plain.push(' ');
        }
    }

    fn open_emphasis(&mut self, element: ElementRef<'_>, marker: &'static str) {
        self.opens.push(Open {
            id: element.id(),
            kind: InlineKind::Emphasis(marker),
            markdown_at: self.markdown.len(),
            plain_at: self.plain.len(),
        });
    }

    /// Wraps what an inline element produced in its Markdown, moving edge spaces outside.
    fn close_inline(&mut self, open: Open) {
        if open.markdown_at > self.markdown.len() {
            return; // the paragraph was flushed inside the element
        }
        let inner = self.markdown.split_off(open.markdown_at);
        let plain_inner = self.plain[open.plain_at.min(self.plain.len())..].to_string();
        let core = inner.trim_matches([' ', HARD_BREAK]);
        let lead = if inner.starts_with(' ') { " " } else { "" };
        let trail = if inner.ends_with(' ') { " " } else { "" };
        if core.is_empty() {
            self.markdown.push_str(lead);
            return;
        }
        let wrapped = match open.kind {
            InlineKind::Link(Some(href)) if !plain_inner.trim().is_empty() => {
                format!("[{core}]({href})")
            }
            InlineKind::Link(_) => core.to_string(),
            InlineKind::Emphasis(marker) => {
                // Emphasis that CommonMark would not read as such (punctuation at an edge
                // next to a letter) is left plain rather than shown as stray asterisks.
                let edge_punct = core
                    .starts_with(|c: char| c.is_ascii_punctuation() || !c.is_alphanumeric())
                    || core.ends_with(|c: char| !c.is_alphanumeric() && c != ')' && c != '.');
                if edge_punct || core.contains('\n') {
                    core.to_string()
                } else {
                    format!("{marker}{core}{marker}")
                }
            }
        };
        self.markdown.push_str(lead);
        self.markdown.push_str(&wrapped);
        self.markdown.push_str(trail);
    }

    fn image(&mut self, element: ElementRef<'_>, context: &Context<'_>) {
        let e = element.value();
        let src = [
            "src",
            "data-src",
            "data-original",
            "data-lazy-src",
            "data-url",
        ]
        .iter()
        .filter_map(|a| e.attribute(a))
        .find_map(|s| safe_url(s, context.base_url));
        let Some(src) = src else {
            return;
        };
        if src.starts_with("mailto:") {
            return;
        }
        let alt = e
            .attribute("alt")
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        self.markdown
            .push_str(&format!("![{}]({src})", escape_markdown(&alt)));
        // The image counts as content for the paragraph checks, not as text.
        self.plain.push('\u{2}');
    }

    fn code_block(&mut self, element: ElementRef<'_>) {
        let code: String = element.text().collect();
        let code = code.trim_matches('\n');
        if code.trim().is_empty() {
            return;
        }
        let fence = "`".repeat(longest_run(code, '`').max(2) + 1);
        let block = format!("{fence}\n{code}\n{fence}");
        self.push_block(block);
    }

    fn table(&mut self, table: ElementRef<'_>, context: &Context<'_>) {
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut header_rows = 0usize;
        for row in table.descendants().filter_map(ElementRef::wrap) {
            if row.value().name() != "tr" {
                continue;
            }
            // Only rows of this table, not of one nested in a cell.
            let owner = row
                .ancestors()
                .filter_map(ElementRef::wrap)
                .find(|a| a.value().name() == "table");
            if owner.map(|o| o.id()) != Some(table.id()) {
                continue;
            }
            let cells: Vec<String> = row
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|c| matches!(c.value().name(), "td" | "th"))
                .map(|cell| {
                    let text = cell.text().collect::<String>();
                    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    escape_markdown(&text)
                })
                .collect();
            if cells.is_empty() {
                continue;
            }
            let is_header = row
                .children()
                .filter_map(ElementRef::wrap)
                .all(|c| c.value().name() == "th")
                || row
                    .ancestors()
                    .filter_map(ElementRef::wrap)
                    .any(|a| a.value().name() == "thead");
            if is_header && rows.len() == header_rows {
                header_rows += 1;
            }
            rows.push(cells);
        }
        if rows.is_empty() {
            return;
        }
        let width = rows.iter().map(Vec::len).max().unwrap_or(1);
        if width < 2 {
            // A one-column table is a list of paragraphs.
            for row in rows {
                self.markdown.push_str(&row.join(" "));
                self.plain.push_str(&row.join(" "));
                self.flush(context);
            }
            return;
        }
        let line = |cells: &[String]| {
            let mut cells = cells.to_vec();
            cells.resize(width, String::new());
            format!("| {} |", cells.join(" | "))
        };
        let mut out = Vec::new();
        let (header, body) = if header_rows > 0 {
            (rows[0].clone(), &rows[1..])
        } else {
            (vec![String::new(); width], &rows[..])
        };
        out.push(line(&header));
        out.push(format!("|{}", " --- |".repeat(width)));
        for row in body {
            out.push(line(row));
        }
        self.push_block(out.join("\n"));
    }

    /// Ends the current paragraph: checks it, then writes it with its prefixes.
    fn flush(&mut self, context: &Context<'_>) {
        while let Some(open) = self.opens.pop() {
            self.close_inline(open);
        }
        let markdown = std::mem::take(&mut self.markdown);
        let plain = std::mem::take(&mut self.plain);
        let plain = plain
            .replace('\u{2}', "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let markdown = markdown.trim_matches(|c: char| c == HARD_BREAK || c.is_whitespace());
        if markdown.is_empty() {
            return;
        }
        if !plain.is_empty() && self.is_repeated_or_clutter(&plain, context) {
            return;
        }
        let mut text = markdown.replace(HARD_BREAK, "\\\n");
        if let Some(prose) = self.without_bylines(&plain, &text) {
            if prose.is_empty() {
                return;
            }
            text = prose;
        }
        let plain_paragraph = self.in_plain_paragraph();
        if self.caption || (!plain.is_empty() && boilerplate::is_photo_caption(&plain)) {
            if !plain.is_empty() && !text.starts_with("![") {
                text = boilerplate::caption_markdown(&plain);
            }
        } else if let Some(level) = self.heading {
            text = format!("{} {}", "#".repeat(level.min(6)), text.replace("\\\n", " "));
        }
        if self.pending_marker || !self.lists.is_empty() {
            let depth = self.lists.len().max(1);
            let indent = "   ".repeat(depth - 1);
            let marker = match self.lists.last_mut() {
                Some((true, n)) if self.pending_marker => {
                    let m = format!("{n}. ");
                    *n += 1;
                    m
                }
                _ if self.pending_marker => "- ".to_string(),
                _ => "   ".to_string(),
            };
            self.pending_marker = false;
            let continuation = format!("\n{indent}   ");
            text = format!("{indent}{marker}{}", text.replace('\n', &continuation));
        }
        self.prose_written |= plain_paragraph;
        self.push_block(text);
    }

    /// The block being written is a plain paragraph: no heading, list item, caption or quote.
    fn in_plain_paragraph(&self) -> bool {
        self.heading.is_none()
            && !self.caption
            && !self.pending_marker
            && self.lists.is_empty()
            && self.quote_depth == 0
    }

    /// A plain paragraph of prose (no heading, list, caption or quote) without the wire
    /// dateline at the start of the article (`[서울=뉴시스]홍길동 기자 = …`) or a byline glued to
    /// its end (`…말했다.홍길동 기자 hong@…`), as Markdown; None when it has neither. Only
    /// paragraphs without inline markup are rewritten, so no link or emphasis is lost.
    fn without_bylines(&self, plain: &str, markdown: &str) -> Option<String> {
        if !self.in_plain_paragraph() {
            return None;
        }
        let mut prose = plain;
        let mut changed = false;
        if !self.prose_written
            && let Some((_, rest)) = byline::split_leading_byline(prose)
        {
            prose = rest;
            changed = true;
        }
        if let (kept, Some(_)) = byline::strip_trailing_byline(prose) {
            prose = kept;
            changed = true;
        }
        (changed && markdown == text::escape_markdown(plain))
            .then(|| text::escape_markdown(prose.trim()))
    }

    /// A block that repeats the headline or sub-headline, or is a byline, a date line or
    /// boilerplate, is not article text.
    fn is_repeated_or_clutter(&mut self, plain: &str, context: &Context<'_>) -> bool {
        let same = |a: &str, b: &str| words_key(a).eq(words_key(b));
        if !self.seen_title && context.title.is_some_and(|t| same(t, plain)) {
            self.seen_title = true;
            return true;
        }
        if context.subtitle.is_some_and(|t| same(t, plain)) {
            return true;
        }
        let chars = plain.chars().count();
        if chars <= 150 && (byline::is_byline_line(plain) || dates::is_date_line(plain)) {
            return true;
        }
        boilerplate::is_boilerplate_line(plain)
    }

    fn push_block(&mut self, block: String) {
        let block = if self.quote_depth > 0 {
            let prefix = "> ".repeat(self.quote_depth);
            block
                .lines()
                .map(|l| format!("{prefix}{l}").trim_end().to_string())
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            block
        };
        // Consecutive list items belong to one list: no blank line between them.
        let list_ended = std::mem::take(&mut self.list_ended);
        if let Some(last) = self.blocks.last_mut()
            && !list_ended
            && is_list_line(last)
            && is_list_line(&block)
        {
            last.push('\n');
            last.push_str(&block);
            return;
        }
        self.blocks.push(block);
    }
}

fn is_list_line(block: &str) -> bool {
    let first = block.trim_start_matches("> ").trim_start();
    first.starts_with("- ")
        || first
            .split_once(". ")
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// The letters and digits of a text, lowercased: two texts with the same key say the same
/// words. Compared lazily, so a long paragraph differs from a headline at its first words.
fn words_key(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
}

fn longest_run(text: &str, c: char) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for ch in text.chars() {
        if ch == c {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    longest
}

/// A table is data (written as a pipe table) when it holds no other table and its cells
/// are short; a layout table is walked as ordinary blocks instead.
fn is_data_table(table: ElementRef<'_>) -> bool {
    let mut cells = 0usize;
    let mut chars = 0usize;
    for d in table.descendants().skip(1) {
        if let Some(e) = d.value().as_element() {
            match e.name() {
                "table" => return false,
                "td" | "th" => cells += 1,
                "p" | "div" | "ul" | "ol" | "img" | "blockquote" | "pre" => return false,
                _ => {}
            }
        } else if let Some(text) = d.value().as_text() {
            chars += text.trim().chars().count();
        }
    }
    cells >= 2 && chars / cells.max(1) < 200
}

/// A URL safe to write: http(s) and mailto absolute URLs, and relative references made
/// absolute against the page's URL (or kept relative when there is none). Any other
/// scheme (`javascript:`, `vbscript:`, `data:`, `file:` …) is refused, however it is
/// spelled (case, entities already decoded by the parser, embedded whitespace).
pub fn safe_url(raw: &str, base: Option<&url::Url>) -> Option<String> {
    let cleaned: String = raw
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() || cleaned.starts_with('#') {
        return None;
    }
    let has_scheme = cleaned.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    let absolute = if has_scheme {
        url::Url::parse(cleaned).ok()?
    } else if let Some(base) = base {
        base.join(cleaned).ok()?
    } else {
        // Relative with nothing to resolve against: keep it, encoded for Markdown.
        return Some(encode_for_markdown(cleaned));
    };
    match absolute.scheme() {
        "http" | "https" | "mailto" => Some(encode_for_markdown(absolute.as_str())),
        _ => None,
    }
}

/// Characters that would end a Markdown link destination early.
fn encode_for_markdown(url: &str) -> String {
    url.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
        .replace('<', "%3C")
        .replace('>', "%3E")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(html: &str) -> String {
        let doc = Html::parse_document(html);
        let body = doc
            .tree
            .root()
            .descendants()
            .find(|n| n.value().as_element().is_some_and(|e| e.name() == "body"))
            .unwrap()
            .id();
        let base = url::Url::parse("https://example.com/news/a.html").unwrap();
        let context = Context {
            base_url: Some(&base),
            title: Some("The Title"),
            subtitle: None,
        };
        render(&doc, &[body], &|_| true, &context)
    }

    #[test]
    fn structure_is_kept() {
        let out = md(
            "<h1>The Title</h1><h2>Part</h2><p>One <em>two</em> <strong>three</strong> <a href='/x'>link</a>.</p>\
            <ul><li>a</li><li>b</li></ul><ol><li>c</li><li>d</li></ol><blockquote><p>Quote here.</p></blockquote>\
            <pre><code>let x = 1;</code></pre><p>Use <code>cargo</code> now.</p>",
        );
        assert_eq!(
            out,
            "## Part\n\nOne *two* **three** [link](https://example.com/x).\n\n- a\n- b\n\n1. c\n2. d\n\n> Quote here.\n\n```\nlet x = 1;\n```\n\nUse `cargo` now."
        );
    }

    #[test]
    fn dangerous_urls_are_dropped() {
        let out = md(
            "<p><a href='javascript:alert(1)'>a</a> <a href=' JaVaScRiPt:alert(1)'>b</a> \
            <a href='java\tscript:x'>c</a> <img src='data:image/png;base64,xx' alt='d'> <a href='vbscript:x'>e</a></p>",
        );
        assert!(!out.contains("script:"), "{out}");
        assert!(!out.contains("data:"), "{out}");
        assert!(out.contains('a') && out.contains('e'));
    }

    #[test]
    fn tables_and_figures() {
        let out = md(
            "<table><thead><tr><th>Item</th><th>Cost</th></tr></thead><tbody><tr><td>A|B</td><td>£1</td></tr></tbody></table>\
            <figure><img src='p.jpg' alt='A photo'><figcaption>The caption.</figcaption></figure>",
        );
        assert!(
            out.contains("| Item | Cost |\n| --- | --- |\n| A\\|B | £1 |"),
            "{out}"
        );
        assert!(
            out.contains("![A photo](https://example.com/news/p.jpg)"),
            "{out}"
        );
        assert!(out.contains("*The caption.*"), "{out}");
    }

    #[test]
    fn breaks() {
        let out = md("<div>First line<br>second line<br><br>New paragraph.</div>");
        assert_eq!(out, "First line\\\nsecond line\n\nNew paragraph.");
    }

    #[test]
    fn markdown_characters_are_escaped() {
        let out = md("<p>1. not a list *star* [x] #tag</p>");
        assert_eq!(
            crate::article::markdown_to_text(&out),
            "1. not a list *star* [x] #tag"
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!(
            "{}<p>deep text here</p>{}",
            "<div>".repeat(50_000),
            "</div>".repeat(50_000)
        );
        assert!(md(&html).contains("deep text here"));
    }
}
