//! Files and folders of saved pages → Markdown files in `content/`.
//! (STUB: being written.)
