//! Fuzz target: any bytes, read as HTML and as a text capture, must never panic.
#![no_main]

use clippings::extract::{PageKind, extract};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for kind in [Some(PageKind::Html), Some(PageKind::Text), None] {
        if let Ok(article) = extract(data, kind) {
            // What extraction returns must also survive the trip through a Markdown file.
            let text = article.to_markdown();
            let back = clippings::article::Article::from_markdown(&text)
                .expect("written front matter loads back");
            assert_eq!(back.title, article.title);
        }
    }
});
