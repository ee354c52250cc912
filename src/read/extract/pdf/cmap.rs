//! CMaps embedded in a PDF: a font's `ToUnicode` map (codes → text) and an embedded `Encoding`
//! CMap (how many bytes a code takes, codes → CIDs).

use std::collections::HashMap;

/// Most code → text entries kept from one CMap (a CJK font maps ~30 000).
const MAX_ENTRIES: usize = 1 << 18;

/// A code space range: codes of `len` bytes between `lo` and `hi`, byte by byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeRange {
    pub len: usize,
    pub lo: Vec<u8>,
    pub hi: Vec<u8>,
}

impl CodeRange {
    fn matches(&self, bytes: &[u8]) -> bool {
        bytes.len() >= self.len
            && (0..self.len).all(|i| self.lo[i] <= bytes[i] && bytes[i] <= self.hi[i])
    }
}

/// What a CMap stream says.
#[derive(Debug, Default, Clone)]
pub struct CMap {
    pub ranges: Vec<CodeRange>,
    /// Code (big-endian bytes as an integer, with its length) → text.
    pub text: HashMap<(u8, u32), String>,
    /// Code → CID (embedded encoding CMaps).
    pub cids: HashMap<(u8, u32), u32>,
    /// `usecmap` name, when the CMap builds on a predefined one.
    pub uses: Option<String>,
}

impl CMap {
    /// Length of the code at the start of `bytes`, from the code space ranges (None if no range
    /// is declared or none matches).
    pub fn code_len(&self, bytes: &[u8]) -> Option<usize> {
        self.ranges
            .iter()
            .filter(|r| r.matches(bytes))
            .map(|r| r.len)
            .min()
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Hex(Vec<u8>),
    Int(i64),
    Name(String),
    Word(String),
    ArrayStart,
    ArrayEnd,
}

fn tokens(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        match c {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let mut digits = Vec::new();
                i += 1;
                while i < data.len() && data[i] != b'>' {
                    if data[i].is_ascii_hexdigit() {
                        digits.push(data[i]);
                    }
                    i += 1;
                }
                i += 1;
                if digits.len() % 2 == 1 {
                    digits.push(b'0');
                }
                let bytes = digits
                    .chunks(2)
                    .map(|p| (hexval(p[0]) << 4) | hexval(p[1]))
                    .collect();
                out.push(Tok::Hex(bytes));
            }
            b'[' => {
                out.push(Tok::ArrayStart);
                i += 1;
            }
            b']' => {
                out.push(Tok::ArrayEnd);
                i += 1;
            }
            b'(' => {
                // Literal strings (CMapName etc.) are not needed: skip, honouring nesting.
                let mut depth = 0;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                i += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            b'/' => {
                let start = i + 1;
                i += 1;
                while i < data.len() && is_regular(data[i]) {
                    i += 1;
                }
                out.push(Tok::Name(String::from_utf8_lossy(&data[start..i]).into()));
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < data.len() && is_regular(data[i]) {
                    i += 1;
                }
                if i == start {
                    i += 1;
                    continue;
                }
                let word = String::from_utf8_lossy(&data[start..i]).into_owned();
                match word.parse::<i64>() {
                    Ok(n) => out.push(Tok::Int(n)),
                    Err(_) => out.push(Tok::Word(word)),
                }
            }
        }
    }
    out
}

fn is_regular(c: u8) -> bool {
    !c.is_ascii_whitespace() && !b"()<>[]{}/%".contains(&c)
}

fn hexval(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        b'A'..=b'F' => c - b'A' + 10,
        _ => 0,
    }
}

fn code_key(bytes: &[u8]) -> Option<(u8, u32)> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    let v = bytes.iter().fold(0u32, |a, &b| (a << 8) | u32::from(b));
    Some((bytes.len() as u8, v))
}

/// UTF-16BE bytes to text (lone surrogates become U+FFFD).
pub fn utf16be(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|p| (u16::from(p[0]) << 8) | u16::from(*p.get(1).unwrap_or(&0)))
        .collect();
    char::decode_utf16(units)
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect()
}

/// Add `delta` to the last UTF-16 unit of a destination string (bfrange increments).
fn bump(dst: &[u8], delta: u32) -> String {
    let mut d = dst.to_vec();
    if d.len() < 2 {
        d.insert(0, 0);
    }
    let n = d.len();
    let last = (u32::from(d[n - 2]) << 8 | u32::from(d[n - 1])).wrapping_add(delta);
    d[n - 2] = (last >> 8) as u8;
    d[n - 1] = last as u8;
    utf16be(&d)
}

/// Parse a CMap stream (ToUnicode or an embedded encoding). Unknown content is skipped.
pub fn parse(data: &[u8]) -> CMap {
    let toks = tokens(data);
    let mut map = CMap::default();
    let mut i = 0;
    let mut section: Option<&str> = None;
    let mut entries = 0usize;
    while i < toks.len() {
        match &toks[i] {
            Tok::Word(w) => {
                section = match w.as_str() {
                    "begincodespacerange" => Some("space"),
                    "beginbfchar" => Some("bfchar"),
                    "beginbfrange" => Some("bfrange"),
                    "begincidchar" => Some("cidchar"),
                    "begincidrange" => Some("cidrange"),
                    "usecmap" => {
                        if let Some(Tok::Name(n)) = i.checked_sub(1).map(|j| &toks[j]) {
                            map.uses = Some(n.clone());
                        }
                        section
                    }
                    w if w.starts_with("end") => None,
                    _ => section,
                };
                i += 1;
            }
            _ if entries >= MAX_ENTRIES => break,
            Tok::Hex(lo) => match section {
                Some("space") => {
                    if let Some(Tok::Hex(hi)) = toks.get(i + 1) {
                        if lo.len() == hi.len() && (1..=4).contains(&lo.len()) {
                            map.ranges.push(CodeRange {
                                len: lo.len(),
                                lo: lo.clone(),
                                hi: hi.clone(),
                            });
                        }
                    }
                    i += 2;
                }
                Some("bfchar") => {
                    if let (Some(Tok::Hex(dst)), Some(k)) = (toks.get(i + 1), code_key(lo)) {
                        map.text.insert(k, utf16be(dst));
                        entries += 1;
                    }
                    i += 2;
                }
                Some("cidchar") => {
                    if let (Some(Tok::Int(cid)), Some(k)) = (toks.get(i + 1), code_key(lo)) {
                        map.cids.insert(k, *cid as u32);
                        entries += 1;
                    }
                    i += 2;
                }
                Some("bfrange") | Some("cidrange") => {
                    let Some(Tok::Hex(hi)) = toks.get(i + 1) else {
                        i += 1;
                        continue;
                    };
                    let (Some((len, a)), Some((_, b))) = (code_key(lo), code_key(hi)) else {
                        i += 2;
                        continue;
                    };
                    let count = b.saturating_sub(a).min((MAX_ENTRIES - entries) as u32);
                    match (section, toks.get(i + 2)) {
                        (Some("bfrange"), Some(Tok::Hex(dst))) => {
                            for d in 0..=count {
                                map.text.insert((len, a + d), bump(dst, d));
                            }
                            i += 3;
                        }
                        (Some("bfrange"), Some(Tok::ArrayStart)) => {
                            let mut j = i + 3;
                            let mut d = 0;
                            while let Some(Tok::Hex(dst)) = toks.get(j) {
                                if d <= count {
                                    map.text.insert((len, a + d), utf16be(dst));
                                }
                                d += 1;
                                j += 1;
                            }
                            i = j + 1;
                        }
                        (Some("cidrange"), Some(Tok::Int(cid))) => {
                            for d in 0..=count {
                                map.cids.insert((len, a + d), (*cid as u32).wrapping_add(d));
                            }
                            i += 3;
                        }
                        _ => i += 2,
                    }
                    entries += count as usize + 1;
                }
                _ => i += 1,
            },
            _ => i += 1,
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_unicode_chars_ranges_and_arrays() {
        let m = parse(
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
              1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0003> <0020> <0A1B> <5E74> endbfchar\n\
              2 beginbfrange <0010> <0012> <0030> <0020> <0021> [<4E00> <D840DC00>] endbfrange\n\
              endcmap CMapName currentdict /CMap defineresource pop end end",
        );
        assert_eq!(m.code_len(&[0x0A, 0x1B]), Some(2));
        assert_eq!(m.text[&(2, 0x0A1B)], "年");
        assert_eq!(m.text[&(2, 0x0003)], " ");
        assert_eq!(m.text[&(2, 0x0012)], "2");
        assert_eq!(m.text[&(2, 0x0020)], "一");
        assert_eq!(m.text[&(2, 0x0021)], "\u{20000}");
    }

    #[test]
    fn encoding_cmap_with_mixed_code_lengths() {
        let m = parse(
            b"/GBK-EUC-H usecmap 2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange\n\
              1 begincidrange <8140> <8142> 100 endcidrange 1 begincidchar <41> 34 endcidchar",
        );
        assert_eq!(m.uses.as_deref(), Some("GBK-EUC-H"));
        assert_eq!(m.code_len(b"A"), Some(1));
        assert_eq!(m.code_len(&[0xB0, 0xA1]), Some(2));
        assert_eq!(m.cids[&(2, 0x8142)], 102);
        assert_eq!(m.cids[&(1, 0x41)], 34);
    }

    #[test]
    fn hostile_ranges_are_capped() {
        let m = parse(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert!(m.text.len() <= MAX_ENTRIES + 1);
    }
}
