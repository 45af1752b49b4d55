//! Before parsing: empties the elements whose content extraction never reads, so the HTML
//! parser does not have to tokenise it.
//!
//! Half the bytes of a saved news page are scripts, style sheets and inline SVG pictures
//! (measured over `../shared/corpus/readability-pages`: 30 % scripts, 16 % styles, 4 % SVG),
//! and all of them are dropped later anyway ([`super::rules::DROP_TAGS`]). Parsing them
//! still costs as much per byte as parsing the article. This pass keeps every such element's
//! start and end tags, so the tree the parser builds has the same shape, and leaves out
//! what lies between:
//!
//! - `<script>` (except JSON-LD, which metadata reads), `<style>` and `<noscript>`: raw
//!   text up to the end tag, found the way the HTML tokeniser finds it (for scripts,
//!   including the `<!-- <script> … </script> -->` escape states);
//! - `<svg>` and `<math>`: only when their content is well-formed markup that cannot leave
//!   the picture (no HTML element that would break out of foreign content, every end tag
//!   matching);
//! - attributes no stage reads ([`rules::is_unread_attribute`]: event handlers, framework
//!   data, `srcset`, `title` …), about a tenth of what is left.
//!
//! Everything else is copied byte for byte: comments (saved-page notes live there), the
//! content of `<title>`, `<textarea>` and the other raw-text elements, and tags, read by
//! the tokeniser's attribute states so a `<script>` inside a quoted value is not one. When
//! the parser's reading cannot be followed (a picture that is not well-formed, in which a
//! `<script>` is markup rather than raw text; a tag that never ends), the rest of the page
//! is copied as it is: emptying is the only step that can lose anything, and it is taken
//! only where the parser would find the same end. A property test holds the parsed tree
//! outside the emptied elements equal with and without this pass.

use std::borrow::Cow;
use std::ops::Range;

use super::rules;

/// Elements whose raw-text content is left out.
const EMPTIED: &[&str] = &["script", "style", "noscript"];

/// Raw-text and RCDATA elements whose content is copied unread (a `<` in them is text).
const COPIED_RAW: &[&str] = &["title", "textarea", "xmp", "iframe", "noembed", "noframes"];

/// HTML start tags that end foreign (SVG) content when they appear inside it (the HTML
/// standard's list for "in foreign content"; `font` is there with some attributes).
const BREAKOUT: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "font",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
];

/// The source with the content of scripts, styles, `<noscript>` and well-formed SVG and
/// MathML pictures left out, and the attributes no stage reads; borrowed when there is
/// nothing to leave out.
pub fn prune(source: &str) -> Cow<'_, str> {
    let bytes = source.as_bytes();
    // Whether a `<frameset>` replaces the body depends on the text before it, some of
    // which this pass would empty: such a page (an old frame page, with no article of its
    // own) is left as it is.
    if memchr::memchr_iter(b'<', bytes).any(|lt| is_tag_named(bytes, lt + 1, b"frameset")) {
        return Cow::Borrowed(source);
    }
    let mut out = String::new();
    let mut copied = 0usize; // bytes[..copied] are in `out` (or skipped)
    let mut at = 0usize;
    let mut attributes = Vec::new();
    // Inside `<select>` parsers differ: the standard's older rules ignore a `<style>` or
    // `<noscript>` start tag there, so its content is markup; html5ever 0.40 follows the
    // newer rules and reads it as raw text. Nothing is emptied after one.
    let mut in_select = false;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let lt = at + offset;
        attributes.clear();
        let Some(tag) = read_tag(bytes, lt, Some(&mut attributes)) else {
            if bytes.get(lt + 1).is_some_and(u8::is_ascii_alphabetic) {
                break; // a start tag that never ends takes the rest of the page
            }
            in_select &= !is_end_tag(bytes, lt, b"select");
            // Comments are copied whole: a `<script` inside one is not a script.
            at = other_markup_end(bytes, lt);
            continue;
        };
        // Attributes nothing reads are left out of the tag.
        let unread = |a: &AttributeSpan| rules::is_unread_attribute(&source[a.name.clone()]);
        // (A name that starts with `=` is read as a value after a space: such a tag is
        // copied as it is.)
        if attributes.iter().any(unread) && !attributes.iter().any(|a| bytes[a.name.start] == b'=')
        {
            out.push_str(&source[copied..tag.name.end]);
            for attribute in attributes.iter().filter(|a| !unread(a)) {
                out.push(' ');
                out.push_str(&source[attribute.whole.clone()]);
            }
            out.push_str(if tag.self_closing { " />" } else { ">" });
            copied = tag.end;
        }
        let name = &bytes[tag.name.clone()];
        let is_script = name.eq_ignore_ascii_case(b"script");
        let json_ld = is_script && is_json_ld(&bytes[tag.name.end..tag.end]);
        if name.eq_ignore_ascii_case(b"select") {
            in_select = true;
        }
        if in_select && !is_script && is_one_of(name, EMPTIED) {
            // A style inside a `<select>` (see `in_select`).
            break;
        }
        // Where the content this element's end tag closes ends, when it is left out.
        let left_out_to = if is_one_of(name, EMPTIED) && !json_ld {
            at = raw_content_end(bytes, tag.end, name);
            Some(at)
        } else if is_script || is_one_of(name, COPIED_RAW) {
            at = raw_content_end(bytes, tag.end, name);
            None
        } else if name.eq_ignore_ascii_case(b"plaintext") {
            break; // the rest of the page is text
        } else if (name.eq_ignore_ascii_case(b"svg") || name.eq_ignore_ascii_case(b"math"))
            && !tag.self_closing
        {
            let Some(end) = foreign_content_end(bytes, tag.end, name) else {
                // Foreign content the parser may leave early, or read other than as
                // markup: where its `<script>`s end cannot be told here, so nothing
                // after it is emptied.
                break;
            };
            at = end;
            Some(end)
        } else {
            at = tag.end;
            None
        };
        if let Some(end) = left_out_to.filter(|&end| end > tag.end) {
            out.push_str(&source[copied..tag.end]);
            copied = end;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(source);
    }
    out.push_str(&source[copied..]);
    Cow::Owned(out)
}

/// A start tag read from `<` to its `>`.
struct StartTag {
    name: Range<usize>,
    /// Just past the `>`.
    end: usize,
    self_closing: bool,
}

/// One attribute of a tag: its name, and all of it (name, `=` and value).
struct AttributeSpan {
    name: Range<usize>,
    whole: Range<usize>,
}

/// Reads the start tag at `lt` (which holds `<`): its name, and its end past the `>` with
/// quoted attribute values skipped as the tokeniser skips them; the attributes go to
/// `attributes` when given. `None` when `lt` does not start a start tag, or the tag never
/// ends.
fn read_tag(
    bytes: &[u8],
    lt: usize,
    attributes: Option<&mut Vec<AttributeSpan>>,
) -> Option<StartTag> {
    let first = *bytes.get(lt + 1)?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let name_start = lt + 1;
    let i = tag_name_end(bytes, name_start);
    let (gt, self_closing) = attributes_end(bytes, i, attributes)?;
    Some(StartTag {
        name: name_start..i,
        end: gt + 1,
        self_closing,
    })
}

/// Where a tag name that starts at `from` ends: at a space, `/` or `>` (anything else,
/// quotes and `=` included, is part of the name).
fn tag_name_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| is_space(b) || b == b'/' || b == b'>')
        .map_or(bytes.len(), |n| from + n)
}

/// The `>` that ends a tag whose attributes start at `from`, read by the tokeniser's
/// attribute states (a quote opens a value only after `name =`; after a quoted value, `=`
/// starts a name), and whether the tag is self-closing (`/>` outside a value). Each
/// attribute goes to `spans` when given. `None` when the tag never ends.
fn attributes_end(
    bytes: &[u8],
    from: usize,
    mut spans: Option<&mut Vec<AttributeSpan>>,
) -> Option<(usize, bool)> {
    #[derive(Clone, Copy)]
    enum State {
        BeforeName,
        Name,
        AfterName,
        BeforeValue,
        Unquoted,
    }
    let mut state = State::BeforeName;
    let (mut name_start, mut name_end) = (from, from);
    let mut emit = |name: Range<usize>, end: usize| {
        if let Some(spans) = spans.as_deref_mut() {
            let whole = name.start..end;
            spans.push(AttributeSpan { name, whole });
        }
    };
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        match (state, b) {
            (_, b'>') => {
                match state {
                    State::Name => emit(name_start..i, i),
                    State::AfterName => emit(name_start..name_end, name_end),
                    State::BeforeValue | State::Unquoted => emit(name_start..name_end, i),
                    State::BeforeName => {}
                }
                let self_closing = !matches!(state, State::Unquoted | State::BeforeValue)
                    && i > from
                    && bytes[i - 1] == b'/';
                return Some((i, self_closing));
            }
            (State::Unquoted, c) if is_space(c) => {
                emit(name_start..name_end, i);
                state = State::BeforeName;
            }
            (State::Unquoted, _) => {}
            (State::BeforeValue, c) if is_space(c) => {}
            (State::BeforeValue, quote @ (b'"' | b'\'')) => {
                i += 1 + memchr::memchr(quote, &bytes[i + 1..])?;
                emit(name_start..name_end, i + 1);
                // After a quoted value: a space, `/` or anything else starts a new name.
                state = State::BeforeName;
            }
            (State::BeforeValue, _) => state = State::Unquoted,
            (State::Name, c) if is_space(c) || c == b'/' || c == b'=' => {
                name_end = i;
                state = match c {
                    b'=' => State::BeforeValue,
                    b'/' => {
                        emit(name_start..name_end, name_end);
                        State::BeforeName
                    }
                    _ => State::AfterName,
                };
            }
            (State::Name, _) => {}
            (_, c) if is_space(c) => {}
            (State::AfterName, b'=') => state = State::BeforeValue,
            (State::AfterName, c) => {
                emit(name_start..name_end, name_end);
                if c == b'/' {
                    state = State::BeforeName;
                } else {
                    name_start = i;
                    state = State::Name;
                }
            }
            (State::BeforeName, b'/') => {}
            // In `BeforeName`, `=` and quotes start a name, as any other character does.
            (State::BeforeName, _) => {
                name_start = i;
                state = State::Name;
            }
        }
        i += 1;
    }
    None
}

/// Just past the markup at `lt` that is not a start tag: a comment, an end tag (quoted
/// attribute values skipped), or a doctype or bogus comment (up to its `>`); `lt + 1`
/// for a `<` that is text.
fn other_markup_end(bytes: &[u8], lt: usize) -> usize {
    let up_to_gt =
        |from: usize| memchr::memchr(b'>', &bytes[from..]).map_or(bytes.len(), |i| from + i + 1);
    match bytes.get(lt + 1) {
        Some(b'!') if bytes[lt..].starts_with(b"<!--") => comment_end(bytes, lt),
        Some(b'/') if bytes.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) => {
            attributes_end(bytes, tag_name_end(bytes, lt + 2), None)
                .map_or(bytes.len(), |(gt, _)| gt + 1)
        }
        Some(b'/') if bytes.get(lt + 2) == Some(&b'>') => lt + 3,
        Some(b'!' | b'?' | b'/') => up_to_gt(lt + 1),
        _ => lt + 1,
    }
}

/// Whether a script tag's attribute text names JSON-LD (`type="application/ld+json"`, any
/// case). Any mention counts: keeping a script whole is always safe.
fn is_json_ld(attributes: &[u8]) -> bool {
    attributes
        .windows(b"ld+json".len())
        .any(|w| w.eq_ignore_ascii_case(b"ld+json"))
}

/// Just past the comment that starts at `lt` (`<!--`), or the end of the input. `<!-->` and
/// `<!--->` are whole comments, as the tokeniser reads them.
fn comment_end(bytes: &[u8], lt: usize) -> usize {
    let body = lt + 4;
    if bytes[body..].starts_with(b">") {
        return body + 1;
    }
    if bytes[body..].starts_with(b"->") {
        return body + 2;
    }
    memchr::memmem::find(&bytes[body..], b"-->").map_or(bytes.len(), |i| body + i + 3)
}

/// Where the raw text of the element `name` (a script, or another raw-text or RCDATA
/// element) that starts at `from` ends.
fn raw_content_end(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    if name.eq_ignore_ascii_case(b"script") {
        script_end(bytes, from)
    } else {
        raw_text_end(bytes, from, name)
    }
}

/// Where the raw text that starts at `from` ends: at `</name` followed by a space, `/` or
/// `>` (case-insensitive), or the end of the input.
fn raw_text_end(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from;
    while let Some(offset) = memchr::memmem::find(&bytes[at..], b"</") {
        let lt = at + offset;
        if is_end_tag(bytes, lt, name) {
            return lt;
        }
        at = lt + 2;
    }
    bytes.len()
}

/// Where a script's text that starts at `from` ends, by the tokeniser's script-data states:
/// inside `<!--`, a `<script>` start tag means the next `</script>` is still text (old
/// pages wrap `document.write("<script>…</script>")` this way) until `-->`.
fn script_end(bytes: &[u8], from: usize) -> usize {
    #[derive(PartialEq)]
    enum State {
        Data,
        Escaped,
        DoubleEscaped,
    }
    let mut state = State::Data;
    let mut i = from;
    while i < bytes.len() {
        let found = match state {
            State::Data => memchr::memchr(b'<', &bytes[i..]),
            _ => memchr::memchr2(b'<', b'-', &bytes[i..]),
        };
        let Some(offset) = found else {
            break;
        };
        i += offset;
        if bytes[i] == b'-' {
            // `--` (any number of dashes) then `>` leaves the escape.
            let dashes = bytes[i..].iter().take_while(|&&b| b == b'-').count();
            i += dashes;
            if dashes >= 2 && bytes.get(i) == Some(&b'>') {
                state = State::Data;
                i += 1;
            }
            continue;
        }
        match state {
            State::Data => {
                if is_end_tag(bytes, i, b"script") {
                    return i;
                }
                if bytes[i..].starts_with(b"<!--") {
                    state = State::Escaped;
                    i += 4;
                    // `<!-->`: the dashes of the opening already count.
                    if bytes.get(i) == Some(&b'>') {
                        state = State::Data;
                        i += 1;
                    }
                    continue;
                }
            }
            State::Escaped => {
                if is_end_tag(bytes, i, b"script") {
                    return i;
                }
                if is_tag_named(bytes, i + 1, b"script") {
                    state = State::DoubleEscaped;
                    i += 7;
                    continue;
                }
            }
            State::DoubleEscaped => {
                if is_end_tag(bytes, i, b"script") {
                    state = State::Escaped;
                    i += 8;
                    continue;
                }
            }
        }
        i += 1;
    }
    bytes.len()
}

/// Where the content of the `<svg>` or `<math>` (`name`) whose start tag ends at `from`
/// ends (at its end tag), when it is well-formed markup that stays inside the picture:
/// every start tag closed in order (or self-closed), no HTML element that breaks out of
/// foreign content, and a closing end tag. `None` otherwise.
fn foreign_content_end(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut open: Vec<Range<usize>> = Vec::new();
    let mut at = from;
    loop {
        let lt = at + memchr::memchr(b'<', &bytes[at..])?;
        match bytes.get(lt + 1)? {
            b'!' if bytes[lt..].starts_with(b"<!--") => at = comment_end(bytes, lt),
            b'!' if bytes[lt..].starts_with(b"<![CDATA[") => {
                at = lt + 9 + memchr::memmem::find(&bytes[lt + 9..], b"]]>")? + 3;
            }
            b'/' => {
                let name_start = lt + 2;
                let gt = name_start + memchr::memchr(b'>', &bytes[name_start..])?;
                let closing = bytes[name_start..gt].trim_ascii_end();
                if is_one_of(closing, BREAKOUT) {
                    return None;
                }
                match open.pop() {
                    Some(top) if bytes[top.clone()].eq_ignore_ascii_case(closing) => {}
                    Some(_) => return None,
                    None if closing.eq_ignore_ascii_case(name) => return Some(lt),
                    None => return None,
                }
                at = gt + 1;
            }
            b'!' | b'?' => return None,
            _ => {
                let Some(tag) = read_tag(bytes, lt, None) else {
                    if bytes[lt + 1].is_ascii_alphabetic() {
                        return None; // a tag that never ends
                    }
                    at = lt + 1;
                    continue;
                };
                if is_one_of(&bytes[tag.name.clone()], BREAKOUT) {
                    return None;
                }
                if !tag.self_closing {
                    open.push(tag.name);
                }
                at = tag.end;
            }
        }
    }
}

/// Whether `lt` starts `</name` followed by a space, `/` or `>`.
fn is_end_tag(bytes: &[u8], lt: usize, name: &[u8]) -> bool {
    bytes[lt..].starts_with(b"</") && is_tag_named(bytes, lt + 2, name)
}

/// Whether the bytes at `at` are `name` (any case) followed by a space, `/` or `>`.
fn is_tag_named(bytes: &[u8], at: usize, name: &[u8]) -> bool {
    let end = at + name.len();
    end < bytes.len()
        && bytes[at..end].eq_ignore_ascii_case(name)
        && (is_space(bytes[end]) || bytes[end] == b'/' || bytes[end] == b'>')
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn is_one_of(name: &[u8], names: &[&str]) -> bool {
    names
        .iter()
        .any(|n| n.as_bytes().eq_ignore_ascii_case(name))
}

/// The parsed tree of a page written out, without what [`prune`] may leave out (the
/// content of scripts, styles, `noscript`, SVG and MathML; unread attributes). Pruning
/// must not change it: the property test below and the evaluation example
/// (`examples/evaluate.rs`, on every corpus page) compare it with and without the pass.
pub fn outline(html: &str) -> String {
    use ego_tree::iter::Edge;
    use scraper::{Html, Node};
    let doc = Html::parse_document(html);
    let mut out = String::new();
    let mut skipping = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping > 0 {
                    skipping += 1;
                    continue;
                }
                match node.value() {
                    Node::Element(e) => {
                        out.push_str(&format!("<{}", e.name()));
                        let mut attrs: Vec<_> = e
                            .attrs()
                            .filter(|(k, _)| !rules::is_unread_attribute(k))
                            .collect();
                        attrs.sort();
                        for (k, v) in attrs {
                            out.push_str(&format!(" {k}={v:?}"));
                        }
                        out.push('>');
                        let json = e.attr("type").is_some_and(|t| t.contains("ld+json"));
                        if matches!(e.name(), "style" | "noscript" | "svg" | "math")
                            || (e.name() == "script" && !json)
                        {
                            skipping = 1;
                        }
                    }
                    Node::Text(t) => out.push_str(&format!("{:?}", &**t)),
                    Node::Comment(c) => out.push_str(&format!("<!--{:?}-->", &**c)),
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping > 1 {
                    skipping -= 1;
                    continue;
                }
                skipping = 0;
                if let Node::Element(e) = node.value() {
                    out.push_str(&format!("</{}>", e.name()));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empties_scripts_styles_and_noscript_but_keeps_their_tags() {
        let page = "<head><style>p{color:red}</style><script src=a.js></script>\
                    <script>var a = '<p>x</p>';</script></head>\
                    <body><noscript><img src=t.gif></noscript><p>Text</p></body>";
        assert_eq!(
            prune(page),
            "<head><style></style><script src=a.js></script><script></script></head>\
             <body><noscript></noscript><p>Text</p></body>"
        );
    }

    #[test]
    fn leaves_out_attributes_nothing_reads() {
        let page = r#"<a href="/a" onclick="go('<script>')" data-track=1 title=T class=x>A</a><img data-src=l.jpg srcset="a 2x" alt=B/>"#;
        assert_eq!(
            prune(page),
            r#"<a href="/a" class=x>A</a><img data-src=l.jpg alt=B/>"#
        );
    }

    #[test]
    fn keeps_json_ld() {
        let page = r#"<script type="application/LD+JSON">{"headline":"A"}</script><p>x</p>"#;
        assert_eq!(prune(page), page);
        assert!(matches!(prune(page), Cow::Borrowed(_)));
        // Other JSON (a framework's page state) is not read.
        let state = r#"<script type="application/json">{"a":1}</script>"#;
        assert_eq!(prune(state), r#"<script type="application/json"></script>"#);
    }

    #[test]
    fn script_ends_where_the_tokeniser_ends_it() {
        // Not an end tag: `</scripts`; the end tag may carry spaces and any case.
        let page = "<script>a('</scripts>')</SCRIPT ><p>After</p>";
        assert_eq!(prune(page), "<script></SCRIPT ><p>After</p>");
        // Inside `<!-- … -->`, a nested `<script>` makes the next `</script>` text.
        let old = "<script><!--\ndocument.write('<script src=x.js></script>');\n//--></script><p>After</p>";
        assert_eq!(prune(old), "<script></script><p>After</p>");
        // `<!-->` closes the escape at once.
        let quick = "<script><!--><script></script><p>After</p>";
        assert_eq!(prune(quick), "<script></script><p>After</p>");
    }

    #[test]
    fn copies_comments_and_rcdata() {
        let page = "<!-- saved from url=(0030)https://a.example/ <script> --><title>A <script> b</title>\
                    <textarea><style></textarea><p>x</p>";
        assert_eq!(prune(page), page);
    }

    #[test]
    fn a_lt_in_an_attribute_is_not_a_tag() {
        let page = r#"<div class="<script>"><p>Kept</p></div><a href='<style>'>link</a>"#;
        assert_eq!(prune(page), page);
    }

    #[test]
    fn empties_well_formed_svg() {
        let page = r#"<p>a<svg viewBox="0 0 1 1"><title>Icon</title><g><path d="M0"/></g><svg><rect/></svg></svg>b</p>"#;
        assert_eq!(prune(page), r#"<p>a<svg viewBox="0 0 1 1"></svg>b</p>"#);
    }

    #[test]
    fn leaves_svg_that_the_parser_would_break_out_of() {
        // An HTML paragraph inside ends the SVG for the parser: the article text must stay.
        let broken = "<svg><path d='M0'></path><p>Article text</p>";
        assert_eq!(prune(broken), broken);
        // Unclosed, or a mismatched end tag: left alone.
        let unclosed = "<svg><g><path></g></svg><p>x</p>";
        assert_eq!(prune(unclosed), unclosed);
        let open = "<svg><g></g>";
        assert_eq!(prune(open), open);
        // Inside foreign content a script is markup, not raw text: after a picture the
        // parser may read otherwise, nothing is emptied.
        let script = "<svg><script><p>Article text</p></script></svg><script>x</script>";
        assert_eq!(prune(script), script);
        let math = "<math><style><p>Article text</p></style></math><style>p{}</style>";
        assert_eq!(prune(math), math);
        assert_eq!(
            prune("<math><mi>x</mi></math><p>a</p>"),
            "<math></math><p>a</p>"
        );
    }

    #[test]
    fn frame_pages_and_styles_in_select_are_left_alone() {
        // Emptying the picture's text would let the frameset replace the body.
        let frames = "<math>x</math><frameset><frame src=a.html></frameset>";
        assert_eq!(prune(frames), frames);
        // Inside `<select>` a style may not be raw text (see `prune`): left alone.
        let select = "<select><style></select><p>Article text</p></style><script>x</script>";
        assert_eq!(prune(select), select);
        // After the select, styles are emptied again.
        assert_eq!(
            prune("<select><option>a</select><style>p{}</style>"),
            "<select><option>a</select><style></style>"
        );
    }

    #[test]
    fn unterminated_script_runs_to_the_end_as_for_the_parser() {
        assert_eq!(prune("<p>x</p><script>var a"), "<p>x</p><script>");
        // An unterminated tag is left alone.
        assert_eq!(prune("<p>x</p><script src='a"), "<p>x</p><script src='a");
    }

    proptest::proptest! {
        /// Pages made of the pieces that trip tokenisers: raw-text elements, comments and
        /// quotes in every order, open or closed. The tree outside the emptied elements
        /// is the same with and without pruning.
        #[test]
        fn pruning_changes_nothing_else(pieces in proptest::collection::vec(0usize..PIECES.len(), 0..40)) {
            let page: String = pieces.iter().map(|&i| PIECES[i]).collect();
            proptest::prop_assert_eq!(outline(&prune(&page)), outline(&page), "{}", page);
        }
    }

    const PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "text ",
        "<b>",
        "</b>",
        "<div class=\"a\">",
        "</div>",
        "<script>",
        "</script>",
        "</SCRIPT >",
        "<script src='x.js'>",
        "<!--",
        "-->",
        "<!-->",
        "<script type=application/ld+json>",
        "<style>",
        "</style>",
        "<noscript>",
        "</noscript>",
        "<svg viewBox='0 0 1 1'>",
        "</svg>",
        "<g>",
        "</g>",
        "<path d='M0'/>",
        "<title>",
        "</title>",
        "<textarea>",
        "</textarea>",
        "<a title=\"",
        "<a href='",
        "\"",
        "'",
        ">",
        "=",
        "<",
        "</",
        "<![CDATA[",
        "]]>",
        "<table>",
        "<td>",
        "<iframe>",
        "</iframe>",
        "<p>after",
        "document.write('<script>x</script>')",
        "<!DOCTYPE html>",
        "<plaintext>",
        "<math>",
        "</math>",
        "<font color=red>",
        "<font>",
        "</font>",
        "<br>",
        "</br>",
        "<div data-x=\"<script>\" onclick='a>b' class=c>",
        "<img srcset='a 1x' src=x />",
        "<p DATA-Y=1 id=k/>",
        "<a title=<script> href=h>",
        " data-z=\"",
        "<span aria-label=x aria-x=y>",
        "<select>",
        "</select>",
        "<option>",
        "<template>",
        "</template>",
        "<caption>",
        "<colgroup>",
        "<head>",
        "</body>",
        "</html>",
        "<frameset>",
        "<frame>",
        "<noframes>",
        "</noframes>",
        "<input>",
        "<object>",
        "<select><style>",
    ];

    #[test]
    fn parsed_text_is_the_same() {
        use scraper::Html;
        let pages = [
            "<html><head><title>T</title><script>if (a<b) { x = '</div>'; }</script></head>\
             <body><div><p>One<script>document.write('<b>x</b>')</script> two</p>\
             <svg><circle r='1'/></svg><p>Three</p></div></body></html>",
            "<body><p>a<style>p::after{content:'<p>'}</style>b</p><noscript><p>no</p></noscript></body>",
        ];
        for page in pages {
            let text = |html: &str| {
                let doc = Html::parse_document(html);
                doc.select(&scraper::Selector::parse("p").unwrap())
                    .map(|p| {
                        p.descendants()
                            .filter(|n| {
                                !n.ancestors().any(|a| {
                                    a.value().as_element().is_some_and(|e| {
                                        matches!(e.name(), "script" | "style" | "svg")
                                    })
                                })
                            })
                            .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
                            .collect::<String>()
                    })
                    .collect::<Vec<_>>()
            };
            assert_eq!(text(&prune(page)), text(page), "{page}");
        }
    }
}
