//! Fuzz target: any text as a Markdown file with front matter must load or fail cleanly,
//! and whatever loads must write and load back to the same article.
#![no_main]

use clippings::article::Article;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(article) = Article::from_markdown(text) {
        let written = article.to_markdown();
        let back = Article::from_markdown(&written).expect("written front matter loads back");
        assert_eq!(back, article);
    }
});
