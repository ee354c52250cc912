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
        "p" => ("p", BLOCK | SPECIAL | IMPLIED),
        "li" => ("li", BLOCK | SPECIAL | IMPLIED),
        "dt" => ("dt", BLOCK | SPECIAL | IMPLIED),
        "dd" => ("dd", BLOCK | SPECIAL | IMPLIED),
        "div" => ("div", BLOCK | SPECIAL),
        "br" => ("br", BLOCK | SPECIAL),
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
        "hr" => ("hr", BLOCK | SPECIAL),
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
        "caption" => ("caption", BLOCK | SPECIAL | SCOPE),
        "script" => ("script", SKIP | SPECIAL),
        "style" => ("style", SKIP | SPECIAL),
        "noscript" => ("noscript", SKIP | SPECIAL),
        "head" => ("head", SKIP | SPECIAL),
        "iframe" => ("iframe", SKIP | SPECIAL),
        "button" => ("button", SKIP | SPECIAL),
        "textarea" => ("textarea", SKIP | SPECIAL),
        "template" => ("template", SKIP | SPECIAL | SCOPE),
        "select" => ("select", SKIP | SPECIAL | SCOPE),
        "object" => ("object", SKIP | SPECIAL | SCOPE),
        "option" => ("option", SKIP | IMPLIED),
        "svg" => ("svg", SKIP),
        "applet" => ("applet", SPECIAL | SCOPE),
        "html" => ("html", SPECIAL | SCOPE),
        "marquee" => ("marquee", SPECIAL | SCOPE),
        "area" => ("area", SPECIAL),
        "base" => ("base", SPECIAL),
        "basefont" => ("basefont", SPECIAL),
        "bgsound" => ("bgsound", SPECIAL),
        "body" => ("body", SPECIAL),
        "col" => ("col", SPECIAL),
        "colgroup" => ("colgroup", SPECIAL),
        "details" => ("details", SPECIAL),
        "dir" => ("dir", SPECIAL),
        "embed" => ("embed", SPECIAL),
        "fieldset" => ("fieldset", SPECIAL),
        "frame" => ("frame", SPECIAL),
        "frameset" => ("frameset", SPECIAL),
        "hgroup" => ("hgroup", SPECIAL),
        "img" => ("img", SPECIAL),
        "input" => ("input", SPECIAL),
        "isindex" => ("isindex", SPECIAL),
        "link" => ("link", SPECIAL),
        "listing" => ("listing", SPECIAL),
        "menu" => ("menu", SPECIAL),
        "meta" => ("meta", SPECIAL),
        "noembed" => ("noembed", SPECIAL),
        "noframes" => ("noframes", SPECIAL),
        "param" => ("param", SPECIAL),
        "plaintext" => ("plaintext", SPECIAL),
        "source" => ("source", SPECIAL),
        "summary" => ("summary", SPECIAL),
        "title" => ("title", SPECIAL),
        "track" => ("track", SPECIAL),
        "wbr" => ("wbr", SPECIAL),
        "xmp" => ("xmp", SPECIAL),
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
        "optgroup" => ("optgroup", IMPLIED),
        "rb" => ("rb", IMPLIED),
        "rp" => ("rp", IMPLIED),
        "rt" => ("rt", IMPLIED),
        "rtc" => ("rtc", IMPLIED),
        "dialog" => ("dialog", 0),
        "search" => ("search", 0),
        "image" => ("image", 0),
        "keygen" => ("keygen", 0),
        "math" => ("math", 0),
        "span" => ("span", 0),
        "o:p" => ("o:p", 0),
        "label" => ("label", 0),
        "selectedcontent" => ("selectedcontent", 0),
        "ruby" => ("ruby", 0),
        "sup" => ("sup", 0),
        "sub" => ("sub", 0),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let td = TagName::new(b"TD");
        assert_eq!(td.as_str(), "td");
        assert_eq!(td.kind(), BLOCK | SPECIAL | SCOPE);
        assert_eq!(TagName::new(b"B").kind(), FORMATTING);
        assert_eq!(TagName::new(b"O:P").as_str(), "o:p");
        assert_eq!(TagName::new(b"Custom-Element").as_str(), "custom-element");
        assert_eq!(TagName::new(b"custom-element").kind(), 0);
    }
}
