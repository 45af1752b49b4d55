//! Declarative tables that drive the HTML content scorer: class/id patterns that mark
//! clutter or content, tags to drop, and so on. Data only; the algorithm is in `html`.
