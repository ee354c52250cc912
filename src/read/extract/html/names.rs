//! Element names as the tree-less reader knows them: the names of HTML that the tree builder's
//! rules and the reader name, interned as `&'static str` with their kinds, so that the hot
//! path compares short static strings and never looks a name up in a list twice.

use super::super::nesting::Name;

/// A block: its edges end a prose line.
pub const BLOCK: u16 = 1;
/// Its content makes no text (`<script>`, `<head>`, `<select>` …).
pub const SKIP: u16 = 2;
/// html5ever's `special_tag` set.
pub const SPECIAL: u16 = 4;
/// A formatting element (`<a>`, `<b>`, `<font>` …).
pub const FORMATTING: u16 = 8;
/// Closed by "generate implied end tags".
pub const IMPLIED: u16 = 16;
/// A boundary of the default scope.
pub const SCOPE: u16 = 32;
/// The pre-scan's lists ([`crate::read::extract::nesting`]): void, closed by a sibling, raw text.
pub const SCAN_VOID: u16 = 64;
pub const SCAN_SIBLING: u16 = 128;
pub const SCAN_RAW: u16 = 256;

/// A tag's name, lower-case.
#[derive(Clone)]
pub enum TagName {
    Known(&'static str, u16),
    Other(Name),
}

impl TagName {
    pub fn new(raw: &[u8]) -> TagName {
        let mut buf = [0u8; 16];
        if raw.len() <= buf.len() {
            let lower = &mut buf[..raw.len()];
            lower.copy_from_slice(raw);
            lower.make_ascii_lowercase();
            if let Some((name, kind)) = std::str::from_utf8(lower).ok().and_then(known) {
                return TagName::Known(name, kind);
            }
        }
        TagName::Other(Name::new(raw))
    }

    pub fn as_str(&self) -> &str {
        match self {
            TagName::Known(name, _) => name,
            TagName::Other(name) => name.as_str(),
        }
    }

    pub fn kind(&self) -> u16 {
        match self {
            TagName::Known(_, kind) => *kind,
            TagName::Other(_) => 0,
        }
    }
}

pub fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// The elements this reader knows, by name: the name as a `&'static str` and its kinds.
pub fn known(name: &str) -> Option<(&'static str, u16)> {
    Some(match name {
        "p" => ("p", BLOCK | SPECIAL | IMPLIED | SCAN_SIBLING),
        "li" => ("li", BLOCK | SPECIAL | IMPLIED | SCAN_SIBLING),
        "dt" => ("dt", BLOCK | SPECIAL | IMPLIED | SCAN_SIBLING),
        "dd" => ("dd", BLOCK | SPECIAL | IMPLIED | SCAN_SIBLING),
        "div" => ("div", BLOCK | SPECIAL),
        "br" => ("br", BLOCK | SPECIAL | SCAN_VOID),
        "h1" => ("h1", BLOCK | SPECIAL),
        "h2" => ("h2", BLOCK | SPECIAL),
        "h3" => ("h3", BLOCK | SPECIAL),
        "h4" => ("h4", BLOCK | SPECIAL),
        "h5" => ("h5", BLOCK | SPECIAL),
        "h6" => ("h6", BLOCK | SPECIAL),
        "ul" => ("ul", BLOCK | SPECIAL),
        "ol" => ("ol", BLOCK | SPECIAL),
        "section" => ("section", BLOCK | SPECIAL),
        "article" => ("article", BLOCK | SPECIAL),
        "header" => ("header", BLOCK | SPECIAL),
        "footer" => ("footer", BLOCK | SPECIAL),
        "nav" => ("nav", BLOCK | SPECIAL),
        "blockquote" => ("blockquote", BLOCK | SPECIAL),
        "pre" => ("pre", BLOCK | SPECIAL),
        "dl" => ("dl", BLOCK | SPECIAL),
        "form" => ("form", BLOCK | SPECIAL),
        "hr" => ("hr", BLOCK | SPECIAL | SCAN_VOID),
        "center" => ("center", BLOCK | SPECIAL),
        "tr" => ("tr", BLOCK | SPECIAL),
        "tbody" => ("tbody", BLOCK | SPECIAL),
        "thead" => ("thead", BLOCK | SPECIAL),
        "tfoot" => ("tfoot", BLOCK | SPECIAL),
        "main" => ("main", BLOCK | SPECIAL),
        "aside" => ("aside", BLOCK | SPECIAL),
        "address" => ("address", BLOCK | SPECIAL),
        "figure" => ("figure", BLOCK | SPECIAL),
        "figcaption" => ("figcaption", BLOCK | SPECIAL),
        "td" => ("td", BLOCK | SPECIAL | SCOPE),
        "th" => ("th", BLOCK | SPECIAL | SCOPE),
        "table" => ("table", BLOCK | SPECIAL | SCOPE),
        "caption" => ("caption", BLOCK | SPECIAL | SCOPE | SCAN_SIBLING),
        "script" => ("script", SKIP | SPECIAL | SCAN_RAW),
        "style" => ("style", SKIP | SPECIAL | SCAN_RAW),
        "noscript" => ("noscript", SKIP | SPECIAL | SCAN_RAW),
        "head" => ("head", SKIP | SPECIAL | SCAN_SIBLING),
        "iframe" => ("iframe", SKIP | SPECIAL | SCAN_RAW),
        "button" => ("button", SKIP | SPECIAL),
        "textarea" => ("textarea", SKIP | SPECIAL | SCAN_RAW),
        "template" => ("template", SKIP | SPECIAL | SCOPE),
        "select" => ("select", SKIP | SPECIAL | SCOPE),
        "object" => ("object", SKIP | SPECIAL | SCOPE),
        "option" => ("option", SKIP | IMPLIED | SCAN_SIBLING),
        "svg" => ("svg", SKIP),
        "applet" => ("applet", SPECIAL | SCOPE),
        "html" => ("html", SPECIAL | SCOPE | SCAN_SIBLING),
        "marquee" => ("marquee", SPECIAL | SCOPE),
        "area" => ("area", SPECIAL | SCAN_VOID),
        "base" => ("base", SPECIAL | SCAN_VOID),
        "basefont" => ("basefont", SPECIAL | SCAN_VOID),
        "bgsound" => ("bgsound", SPECIAL | SCAN_VOID),
        "body" => ("body", SPECIAL | SCAN_SIBLING),
        "col" => ("col", SPECIAL | SCAN_VOID),
        "colgroup" => ("colgroup", SPECIAL | SCAN_SIBLING),
        "details" => ("details", SPECIAL),
        "dir" => ("dir", SPECIAL),
        "embed" => ("embed", SPECIAL | SCAN_VOID),
        "fieldset" => ("fieldset", SPECIAL),
        "frame" => ("frame", SPECIAL | SCAN_VOID),
        "frameset" => ("frameset", SPECIAL),
        "hgroup" => ("hgroup", SPECIAL),
        "img" => ("img", SPECIAL | SCAN_VOID),
        "input" => ("input", SPECIAL | SCAN_VOID),
        "isindex" => ("isindex", SPECIAL),
        "link" => ("link", SPECIAL | SCAN_VOID),
        "listing" => ("listing", SPECIAL),
        "menu" => ("menu", SPECIAL),
        "meta" => ("meta", SPECIAL | SCAN_VOID),
        "noembed" => ("noembed", SPECIAL | SCAN_RAW),
        "noframes" => ("noframes", SPECIAL | SCAN_RAW),
        "param" => ("param", SPECIAL | SCAN_VOID),
        "plaintext" => ("plaintext", SPECIAL),
        "source" => ("source", SPECIAL | SCAN_VOID),
        "summary" => ("summary", SPECIAL),
        "title" => ("title", SPECIAL | SCAN_RAW),
        "track" => ("track", SPECIAL | SCAN_VOID),
        "wbr" => ("wbr", SPECIAL | SCAN_VOID),
        "xmp" => ("xmp", SPECIAL | SCAN_RAW),
        "a" => ("a", FORMATTING),
        "b" => ("b", FORMATTING),
        "big" => ("big", FORMATTING),
        "code" => ("code", FORMATTING),
        "em" => ("em", FORMATTING),
        "font" => ("font", FORMATTING),
        "i" => ("i", FORMATTING),
        "nobr" => ("nobr", FORMATTING),
        "s" => ("s", FORMATTING),
        "small" => ("small", FORMATTING),
        "strike" => ("strike", FORMATTING),
        "strong" => ("strong", FORMATTING),
        "tt" => ("tt", FORMATTING),
        "u" => ("u", FORMATTING),
        "optgroup" => ("optgroup", IMPLIED | SCAN_SIBLING),
        "rb" => ("rb", IMPLIED | SCAN_SIBLING),
        "rp" => ("rp", IMPLIED | SCAN_SIBLING),
        "rt" => ("rt", IMPLIED | SCAN_SIBLING),
        "rtc" => ("rtc", IMPLIED | SCAN_SIBLING),
        "dialog" => ("dialog", 0),
        "search" => ("search", 0),
        "image" => ("image", SCAN_VOID),
        "keygen" => ("keygen", SCAN_VOID),
        "math" => ("math", 0),
        "span" => ("span", 0),
        "o:p" => ("o:p", 0),
        "label" => ("label", 0),
        "selectedcontent" => ("selectedcontent", 0),
        "ruby" => ("ruby", 0),
        "sup" => ("sup", 0),
        "sub" => ("sub", 0),
        "menuitem" => ("menuitem", SCAN_VOID),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::extract::nesting;

    #[test]
    fn kinds_agree_with_the_readers_lists() {
        for name in super::super::BLOCKS.iter().chain(super::super::SKIPPED) {
            let kind = TagName::new(name.as_bytes()).kind();
            assert_eq!(kind & BLOCK != 0, super::super::is_block(name), "{name}");
            assert_eq!(
                kind & SKIP != 0,
                super::super::SKIPPED.contains(name),
                "{name}"
            );
        }
        let lists = [
            (nesting::VOID, SCAN_VOID),
            (nesting::SELF_CLOSING_SIBLINGS, SCAN_SIBLING),
            (nesting::RAW_TEXT, SCAN_RAW),
        ];
        for (list, bit) in lists {
            for name in list {
                assert!(TagName::new(name.as_bytes()).kind() & bit != 0, "{name}");
            }
        }
        let td = TagName::new(b"TD");
        assert_eq!(td.as_str(), "td");
        assert_eq!(td.kind(), BLOCK | SPECIAL | SCOPE);
        assert_eq!(TagName::new(b"B").kind(), FORMATTING);
        assert_eq!(TagName::new(b"O:P").as_str(), "o:p");
        assert_eq!(TagName::new(b"Custom-Element").as_str(), "custom-element");
        assert_eq!(TagName::new(b"custom-element").kind(), 0);
    }
}
