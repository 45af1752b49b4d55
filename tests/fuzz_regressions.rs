//! Replays the inputs the fuzzers found (and a few seeds) on every `cargo test`:
//! `tests/fixtures/fuzz/extract/*` through extraction, `tests/fixtures/fuzz/front_matter/*`
//! through the front matter reader. Each must neither panic nor break the round trip.

use std::path::Path;

use clippings::article::Article;
use clippings::extract::{PageKind, extract};

fn inputs(folder: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(folder);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect()
}

#[test]
fn extraction_inputs() {
    let inputs = inputs("extract");
    assert!(!inputs.is_empty());
    for (name, bytes) in inputs {
        for kind in [Some(PageKind::Html), Some(PageKind::Text), None] {
            if let Ok(article) = extract(&bytes, kind) {
                let back = Article::from_markdown(&article.to_markdown())
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(back.title, article.title, "{name}");
            }
        }
    }
}

#[test]
fn front_matter_inputs() {
    let inputs = inputs("front_matter");
    assert!(!inputs.is_empty());
    for (name, bytes) in inputs {
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        if let Ok(article) = Article::from_markdown(&text) {
            let back = Article::from_markdown(&article.to_markdown())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(back, article, "{name}");
        }
    }
}
