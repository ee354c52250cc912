//! PDF fonts as far as text extraction needs them: how a string splits into codes, what text
//! each code stands for, and how far it advances.

use super::cmap::{self, CMap};
use super::obj::{self, STREAM_LIMIT};
use encoding_rs::{Encoding, BIG5, GB18030, GBK, MACINTOSH, WINDOWS_1252};
use lopdf::{Dictionary, Document, Object};
use std::collections::HashMap;

/// Most widths read from one font's `W` array.
const MAX_WIDTHS: usize = 1 << 17;

/// How codes of a composite font's predefined CMap give text when there is no `ToUnicode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Predefined {
    /// Identity-H/V and unknown CMaps: two-byte CIDs, text only from `ToUnicode`.
    Identity,
    /// Uni*-UCS2-*: the code is the UCS-2 character.
    Ucs2,
    /// Uni*-UTF16-*: UTF-16BE.
    Utf16,
    /// A legacy multi-byte encoding (GBK, GB18030, Big5) with one-byte ASCII.
    Legacy(&'static Encoding),
}

/// One code of a shown string.
#[derive(Debug, Clone, PartialEq)]
pub struct Code {
    /// The code's text; `None` when the font gives no way to know it.
    pub text: Option<String>,
    /// Advance in thousandths of the font size (horizontal, or vertical for vertical fonts).
    pub width: f32,
    /// A one-byte code 32 (word spacing applies).
    pub space: bool,
}

#[derive(Debug, Clone)]
enum Kind {
    Simple {
        table: Box<[Option<char>; 256]>,
        widths: Box<[f32; 256]>,
    },
    Composite {
        predefined: Predefined,
        encoding: Option<CMap>,
        widths: HashMap<u32, f32>,
        default_width: f32,
        vertical_advance: f32,
    },
}

/// A loaded font.
#[derive(Debug, Clone)]
pub struct Font {
    kind: Kind,
    to_unicode: Option<CMap>,
    pub vertical: bool,
    /// A symbol or dingbat font (bullets, icons): its unmapped glyphs are decoration.
    pub decorative: bool,
}

impl Font {
    /// A font for text shown with no (or an unreadable) font resource: one-byte Latin.
    pub fn fallback() -> Font {
        Font {
            kind: Kind::Simple {
                table: latin_table(WINDOWS_1252),
                widths: Box::new([500.0; 256]),
            },
            to_unicode: None,
            vertical: false,
            decorative: false,
        }
    }

    pub fn load(doc: &Document, dict: &Dictionary) -> Font {
        let to_unicode = obj::get(doc, dict, b"ToUnicode")
            .and_then(|o| obj::stream_bytes(doc, o, STREAM_LIMIT))
            .map(|b| cmap::parse(&b))
            .filter(|m| !m.text.is_empty());
        let subtype = obj::name(doc, dict, b"Subtype").unwrap_or_default();
        let mut font = if subtype == "Type0" {
            load_composite(doc, dict, to_unicode)
        } else {
            load_simple(doc, dict, to_unicode, subtype == "Type3")
        };
        let name = obj::name(doc, dict, b"BaseFont")
            .unwrap_or_default()
            .to_ascii_lowercase();
        font.decorative = [
            "symbol",
            "dingbat",
            "wingding",
            "webding",
            "fontawesome",
            "icon",
        ]
        .iter()
        .any(|w| name.contains(w));
        font
    }

    /// Split a shown string into codes.
    pub fn decode(&self, bytes: &[u8]) -> Vec<Code> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let rest = &bytes[i..];
            let (len, code) = match &self.kind {
                Kind::Simple { table, widths } => {
                    let b = rest[0];
                    // A code the ToUnicode map lists is read from it only.
                    let text = match self.listed(1, u32::from(b)) {
                        Some(t) => usable(t),
                        None => table[b as usize].map(|c| c.to_string()),
                    };
                    (
                        1,
                        Code {
                            text,
                            width: widths[b as usize],
                            space: b == 32,
                        },
                    )
                }
                Kind::Composite {
                    predefined,
                    encoding,
                    widths,
                    default_width,
                    vertical_advance,
                } => {
                    let len = encoding
                        .as_ref()
                        .and_then(|m| m.code_len(rest))
                        .or_else(|| self.to_unicode.as_ref().and_then(|m| m.code_len(rest)))
                        .unwrap_or_else(|| predefined_len(*predefined, rest))
                        .min(rest.len())
                        .max(1);
                    let raw = &rest[..len];
                    let value = raw.iter().fold(0u32, |a, &b| (a << 8) | u32::from(b));
                    let predefined_text = || match predefined {
                        Predefined::Identity => None,
                        Predefined::Ucs2 | Predefined::Utf16 => Some(cmap::utf16be(raw)),
                        Predefined::Legacy(enc) => {
                            let (t, _, bad) = enc.decode(raw);
                            (!bad).then(|| t.into_owned())
                        }
                    };
                    let text = self
                        .mapped(len as u8, value)
                        .or_else(predefined_text)
                        .filter(|t| !t.contains('\u{FFFD}'));
                    let cid = encoding
                        .as_ref()
                        .and_then(|m| m.cids.get(&(len as u8, value)).copied())
                        .or(match predefined {
                            Predefined::Identity => Some(value),
                            _ => ascii_cid(text.as_deref()),
                        });
                    let width = if self.vertical {
                        -*vertical_advance
                    } else {
                        cid.and_then(|c| widths.get(&c).copied())
                            .unwrap_or(*default_width)
                    };
                    (
                        len,
                        Code {
                            text,
                            width,
                            space: len == 1 && value == 32,
                        },
                    )
                }
            };
            out.push(code);
            i += len;
        }
        out
    }

    /// The `ToUnicode` text of a code, when the map lists it.
    fn listed(&self, len: u8, value: u32) -> Option<&String> {
        self.to_unicode
            .as_ref()
            .and_then(|m| m.text.get(&(len, value)))
    }

    fn mapped(&self, len: u8, value: u32) -> Option<String> {
        self.listed(len, value).and_then(|t| usable(t))
    }
}

/// Mapped text, unless it says nothing: some producers map glyphs into the private use area,
/// and those count as unmapped.
fn usable(t: &str) -> Option<String> {
    (!t.chars().any(|c| ('\u{E000}'..='\u{F8FF}').contains(&c))).then(|| t.to_string())
}

/// Adobe's CJK collections (GB1, CNS1, Japan1, Korea1) put printable ASCII at CIDs 1–95.
fn ascii_cid(text: Option<&str>) -> Option<u32> {
    let mut chars = text?.chars();
    match (chars.next(), chars.next()) {
        (Some(c @ ' '..='~'), None) => Some(c as u32 - 0x1F),
        _ => None,
    }
}

fn predefined_len(p: Predefined, rest: &[u8]) -> usize {
    match p {
        Predefined::Identity | Predefined::Ucs2 => 2,
        Predefined::Utf16 => {
            if rest.len() >= 4 && (0xD8..=0xDB).contains(&rest[0]) {
                4
            } else {
                2
            }
        }
        Predefined::Legacy(enc) => {
            if rest[0] < 0x81 {
                1
            } else if enc == GB18030 && rest.len() >= 4 && (0x30..=0x39).contains(&rest[1]) {
                4
            } else {
                2
            }
        }
    }
}

fn predefined(name: &str) -> Predefined {
    let n = name.to_ascii_uppercase();
    if n.contains("UCS2") {
        Predefined::Ucs2
    } else if n.contains("UTF16") {
        Predefined::Utf16
    } else if n.starts_with("GBK2K") {
        Predefined::Legacy(GB18030)
    } else if n.starts_with("GB") {
        Predefined::Legacy(GBK)
    } else if n.contains("B5") {
        Predefined::Legacy(BIG5)
    } else {
        Predefined::Identity
    }
}

fn load_composite(doc: &Document, dict: &Dictionary, to_unicode: Option<CMap>) -> Font {
    let (predefined, encoding, vertical) = match obj::get(doc, dict, b"Encoding") {
        Some(Object::Name(n)) => {
            let name = String::from_utf8_lossy(n).into_owned();
            (predefined(&name), None, name.ends_with("-V"))
        }
        Some(o @ Object::Stream(s)) => {
            let map = obj::stream_bytes(doc, o, STREAM_LIMIT).map(|b| cmap::parse(&b));
            let name = obj::name(doc, &s.dict, b"CMapName").unwrap_or_default();
            let base = map
                .as_ref()
                .and_then(|m| m.uses.clone())
                .unwrap_or_default();
            let wmode = obj::number(doc, &s.dict, b"WMode").unwrap_or(0.0);
            let p = if base.is_empty() {
                predefined(&name)
            } else {
                predefined(&base)
            };
            (p, map, wmode == 1.0 || name.ends_with("-V"))
        }
        _ => (Predefined::Identity, None, false),
    };
    let descendant = obj::get(doc, dict, b"DescendantFonts")
        .and_then(|o| match o {
            Object::Array(a) => a.first(),
            _ => None,
        })
        .and_then(|o| obj::dict(doc, o));
    let mut widths = HashMap::new();
    let mut default_width = 1000.0;
    let mut vertical_advance = -1000.0;
    if let Some(d) = descendant {
        default_width = obj::number(doc, d, b"DW").unwrap_or(1000.0);
        if let Some(Object::Array(dw2)) = obj::get(doc, d, b"DW2") {
            if let Some(v) = dw2.get(1).and_then(|o| obj::as_number(doc, o)) {
                vertical_advance = v;
            }
        }
        if let Some(Object::Array(w)) = obj::get(doc, d, b"W") {
            read_w(doc, w, &mut widths);
        }
    }
    Font {
        kind: Kind::Composite {
            predefined,
            encoding,
            widths,
            default_width,
            vertical_advance,
        },
        to_unicode,
        vertical,
        decorative: false,
    }
}

/// A CID font's `W` array: `c [w1 w2 …]` and `c_first c_last w`.
fn read_w(doc: &Document, w: &[Object], widths: &mut HashMap<u32, f32>) {
    let mut i = 0;
    while i < w.len() && widths.len() < MAX_WIDTHS {
        let Some(first) = obj::as_number(doc, &w[i]) else {
            i += 1;
            continue;
        };
        let first = first.max(0.0) as u32;
        match w.get(i + 1).map(|o| obj::deref(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, o) in list.iter().enumerate().take(MAX_WIDTHS) {
                    if let Some(v) = obj::as_number(doc, o) {
                        widths.insert(first + k as u32, v);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = obj::as_number(doc, o).unwrap_or(0.0).max(0.0) as u32;
                let v = w.get(i + 2).and_then(|o| obj::as_number(doc, o));
                if let Some(v) = v {
                    for c in first..=last.min(first + MAX_WIDTHS as u32) {
                        widths.insert(c, v);
                    }
                }
                i += 3;
            }
            None => break,
        }
    }
}

fn latin_table(enc: &'static Encoding) -> Box<[Option<char>; 256]> {
    let mut t = Box::new([None; 256]);
    for b in 0x20..=0xFFu8 {
        let byte = [b];
        let (s, _, bad) = enc.decode(&byte);
        if !bad {
            t[b as usize] = s.chars().next().filter(|c| !c.is_control());
        }
    }
    t
}

fn load_simple(doc: &Document, dict: &Dictionary, to_unicode: Option<CMap>, type3: bool) -> Font {
    let mut table = latin_table(WINDOWS_1252);
    match obj::get(doc, dict, b"Encoding") {
        Some(Object::Name(n)) if n.as_slice() == b"MacRomanEncoding" => {
            table = latin_table(MACINTOSH)
        }
        Some(o @ Object::Dictionary(_)) => {
            if let Some(d) = obj::dict(doc, o) {
                if obj::name(doc, d, b"BaseEncoding").as_deref() == Some("MacRomanEncoding") {
                    table = latin_table(MACINTOSH);
                }
                if let Some(Object::Array(diffs)) = obj::get(doc, d, b"Differences") {
                    let mut code = 0usize;
                    for o in diffs {
                        match obj::deref(doc, o) {
                            Object::Integer(n) => code = (*n).clamp(0, 255) as usize,
                            Object::Name(name) => {
                                if code < 256 {
                                    table[code] = glyph_char(&String::from_utf8_lossy(name));
                                }
                                code += 1;
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
        _ => {}
    }
    let scale = if type3 {
        match obj::get(doc, dict, b"FontMatrix") {
            Some(Object::Array(m)) => m
                .first()
                .and_then(|o| obj::as_number(doc, o))
                .map_or(1.0, |a| a * 1000.0),
            _ => 1.0,
        }
    } else {
        1.0
    };
    let missing = obj::get(doc, dict, b"FontDescriptor")
        .and_then(|o| obj::dict(doc, o))
        .and_then(|d| obj::number(doc, d, b"MissingWidth"))
        .filter(|w| *w > 0.0)
        .unwrap_or(500.0);
    let mut widths = Box::new([missing; 256]);
    let first = obj::number(doc, dict, b"FirstChar").unwrap_or(0.0).max(0.0) as usize;
    if let Some(Object::Array(w)) = obj::get(doc, dict, b"Widths") {
        for (k, o) in w.iter().enumerate() {
            if let (Some(slot), Some(v)) = (widths.get_mut(first + k), obj::as_number(doc, o)) {
                *slot = v * scale;
            }
        }
    }
    Font {
        kind: Kind::Simple { table, widths },
        to_unicode,
        vertical: false,
        decorative: false,
    }
}

/// A glyph name's character (`uni5E74`, `u1F600`, `zero`, `a`, …).
fn glyph_char(name: &str) -> Option<char> {
    if let Some(hex) = name.strip_prefix("uni").filter(|h| h.len() >= 4) {
        return u32::from_str_radix(&hex[..4], 16)
            .ok()
            .and_then(char::from_u32);
    }
    if let Some(hex) = name
        .strip_prefix('u')
        .filter(|h| (4..=6).contains(&h.len()))
    {
        if let Ok(v) = u32::from_str_radix(hex, 16) {
            return char::from_u32(v);
        }
    }
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.clone().next()) {
        if c.is_ascii_alphabetic() {
            return Some(c);
        }
    }
    const NAMES: &[(&str, char)] = &[
        ("space", ' '),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("period", '.'),
        ("comma", ','),
        ("hyphen", '-'),
        ("minus", '-'),
        ("endash", '–'),
        ("emdash", '—'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("percent", '%'),
        ("slash", '/'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("plus", '+'),
        ("equal", '='),
        ("bracketleft", '['),
        ("bracketright", ']'),
        ("quotedbl", '"'),
        ("quotesingle", '\''),
        ("quoteleft", '‘'),
        ("quoteright", '’'),
        ("quotedblleft", '“'),
        ("quotedblright", '”'),
        ("underscore", '_'),
        ("multiply", '×'),
        ("numbersign", '#'),
        ("ampersand", '&'),
        ("asterisk", '*'),
        ("question", '?'),
        ("exclam", '!'),
        ("at", '@'),
        ("yen", '¥'),
    ];
    NAMES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn composite(p: Predefined, vertical: bool) -> Font {
        Font {
            kind: Kind::Composite {
                predefined: p,
                encoding: None,
                widths: HashMap::from([(20, 500.0)]),
                default_width: 1000.0,
                vertical_advance: -1000.0,
            },
            to_unicode: None,
            vertical,
            decorative: false,
        }
    }

    fn texts(f: &Font, b: &[u8]) -> Vec<Option<String>> {
        f.decode(b).into_iter().map(|c| c.text).collect()
    }

    #[test]
    fn predefined_cmaps_give_text_without_to_unicode() {
        let ucs2 = composite(predefined("UniGB-UCS2-H"), false);
        let codes = ucs2.decode(&[0x5E, 0x74, 0x00, 0x33]);
        assert_eq!(codes[0].text.as_deref(), Some("年"));
        assert_eq!(codes[0].width, 1000.0);
        // '3' is CID 20 in Adobe-GB1: the W entry applies.
        assert_eq!(codes[1].text.as_deref(), Some("3"));
        assert_eq!(codes[1].width, 500.0);
        let gbk = composite(predefined("GBK-EUC-H"), false);
        assert_eq!(
            texts(&gbk, &[0xC4, 0xEA, b'9']),
            vec![Some("年".into()), Some("9".into())]
        );
        let big5 = composite(predefined("ETen-B5-H"), false);
        assert_eq!(texts(&big5, &[0xA6, 0x7E]), vec![Some("年".into())]);
        let identity = composite(predefined("Identity-H"), false);
        assert_eq!(texts(&identity, &[0x0A, 0x1B]), vec![None]);
    }

    #[test]
    fn vertical_fonts_advance_by_the_vertical_metric() {
        let v = composite(predefined("Identity-V"), true);
        assert_eq!(v.decode(&[0, 20])[0].width, 1000.0);
    }

    #[test]
    fn private_use_text_counts_as_unmapped() {
        let mut f = Font::fallback();
        f.to_unicode = Some(cmap::parse(
            b"1 begincodespacerange <00> <FF> endcodespacerange 2 beginbfchar <41> <E001> <42> <5E74> endbfchar",
        ));
        assert_eq!(
            texts(&f, b"ABC"),
            vec![None, Some("年".into()), Some("C".into())]
        );
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_char("uni5E74"), Some('年'));
        assert_eq!(glyph_char("seven"), Some('7'));
        assert_eq!(glyph_char("g"), Some('g'));
        assert_eq!(glyph_char("g123"), None);
        let f = Font::fallback();
        assert_eq!(texts(&f, b"A1"), vec![Some("A".into()), Some("1".into())]);
        assert!(f.decode(b" ")[0].space);
    }
}
