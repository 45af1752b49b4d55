//! Reads of the parsed DOM that every extraction stage makes.

use scraper::node::Element;

/// An element's attributes by name, read by a scan of the few it carries.
///
/// scraper's own `Element::attr` first interns the name (hashing it, and for names outside
/// the parser's static table such as `data-src`, a look-up in a locked global table), then
/// binary-searches; a news page's elements carry one to five attributes, which a scan
/// compares faster. This was a visible share of the extraction time.
pub trait Attribute {
    /// The value of the attribute `name` (lowercase, no namespace), if present.
    fn attribute(&self, name: &str) -> Option<&str>;
}

impl Attribute for Element {
    fn attribute(&self, name: &str) -> Option<&str> {
        debug_assert!(
            !super::rules::is_unread_attribute(name),
            "`{name}` is read, but `prune` leaves it out: take it off rules::UNREAD_ATTRIBUTES"
        );
        self.attrs
            .iter()
            .find(|(qualified, _)| qualified.ns.is_empty() && &*qualified.local == name)
            .map(|(_, value)| &**value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "prune")]
    fn refuses_an_attribute_prune_leaves_out() {
        let doc = Html::parse_fragment(r#"<a title="T">t</a>"#);
        let a = doc.select(&Selector::parse("a").unwrap()).next().unwrap();
        let _ = a.value().attribute("title");
    }

    #[test]
    fn finds_attributes_as_scraper_does() {
        let doc = Html::parse_fragment(
            r#"<p ID="a" data-lazy-src="x.jpg" class="" Hidden>t</p><svg><a xlink:href="y"/></svg>"#,
        );
        let p = doc.select(&Selector::parse("p").unwrap()).next().unwrap();
        for name in [
            "id",
            "data-lazy-src",
            "class",
            "hidden",
            "style",
            "xml:lang",
        ] {
            assert_eq!(p.value().attribute(name), p.value().attr(name), "{name}");
        }
        assert_eq!(p.value().attribute("id"), Some("a"));
        assert_eq!(p.value().attribute("hidden"), Some(""));
        // A namespaced attribute is not a plain one.
        let a = doc.select(&Selector::parse("a").unwrap()).next().unwrap();
        assert_eq!(a.value().attribute("href"), a.value().attr("href"));
    }
}
