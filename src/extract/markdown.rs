//! The kept DOM → clean CommonMark. Owns escaping, absolute links and what HTML may
//! remain (none, except where Markdown cannot say it, then sanitised).

use scraper::ElementRef;

/// Converts an element's content to Markdown (STUB: paragraphs of text; to be replaced).
pub fn to_markdown(root: ElementRef<'_>, _base_url: Option<&url::Url>) -> String {
    let mut out = String::new();
    for text in root.text() {
        let text = text.trim();
        if !text.is_empty() {
            out.push_str(text);
            out.push_str("\n\n");
        }
    }
    out.trim_end().to_string()
}
