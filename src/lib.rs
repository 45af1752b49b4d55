//! clippings: from messy saved news pages to a calm, fast, published article archive.
//!
//! The pipeline, one module per stage:
//! raw page → [`extract`] → [`Article`](article::Article) → [`import`] (Markdown files in
//! `content/`) → [`site`] (Tera templates) → `public/`. [`serve`] previews a site locally,
//! rebuilding it as files change.
//! The command-line shell over this library is `src/main.rs` and `src/cmd/`.

pub mod article;
pub mod config;
pub mod date;
pub mod extract;
pub mod import;
pub mod serve;
pub mod site;
pub mod slug;
