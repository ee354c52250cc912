//! Bytes → text. Order: byte-order mark, then valid UTF-8, then the charset the page declares
//! (`<meta charset>`), then detection. A declared charset that does not fit the bytes is reported, and the detected
//! one used.

use encoding_rs::{Encoding, UTF_8};

/// A decoded file.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// The encoding used to read the file.
    pub encoding: &'static str,
    /// The charset the page declared, when it declared one that differs from the one used.
    pub declared_mismatch: Option<String>,
    /// Number of byte sequences that could not be decoded (replaced by U+FFFD).
    pub malformed: usize,
}

/// Decode `bytes`; `look_for_meta` scans the head of the file for a declared charset (HTML).
pub fn decode(bytes: &[u8], look_for_meta: bool) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return with(enc, &bytes[bom_len..], None);
    }
    let declared = if look_for_meta {
        declared_charset(bytes)
    } else {
        None
    };
    // Valid UTF-8 with non-ASCII text is UTF-8, whatever the page says: GBK text is almost
    // never valid UTF-8, while UTF-8 read as GBK turns into plausible-looking nonsense.
    if let Ok(text) = std::str::from_utf8(bytes) {
        let mismatch = declared.filter(|d| *d != UTF_8 && !text.is_ascii());
        return Decoded {
            text: text.to_string(),
            encoding: UTF_8.name(),
            declared_mismatch: mismatch.map(|d| d.name().to_string()),
            malformed: 0,
        };
    }
    if let Some(enc) = declared {
        if let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
            return Decoded {
                text: text.into_owned(),
                encoding: enc.name(),
                declared_mismatch: None,
                malformed: 0,
            };
        }
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    with(guess, bytes, declared.map(|d| d.name().to_string()))
}

fn with(enc: &'static Encoding, bytes: &[u8], declared_mismatch: Option<String>) -> Decoded {
    let (text, used, _) = enc.decode(bytes);
    let malformed = if text.contains('\u{FFFD}') {
        // Count what the decoder replaced (a U+FFFD in the source is counted too: rare, and as
        // unreadable).
        text.matches('\u{FFFD}').count()
    } else {
        0
    };
    Decoded {
        text: text.into_owned(),
        encoding: used.name(),
        declared_mismatch,
        malformed,
    }
}

/// The charset named in the first 4 KiB: `<meta charset=…>` or `content="…; charset=…"`.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let pat = b"charset=";
    let pos = memchr::memchr2_iter(b'c', b'C', head).find(|&i| {
        head.get(i..i + pat.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(pat))
    })?;
    let lower: Vec<u8> = head[pos + pat.len()..]
        .iter()
        .map(u8::to_ascii_lowercase)
        .collect();
    let rest = &lower[..];
    let rest = rest
        .iter()
        .skip_while(|b| **b == b'"' || **b == b'\'' || **b == b' ')
        .copied();
    let label: Vec<u8> = rest
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
        .collect();
    Encoding::for_label(&label)
}

/// Share of characters that are control characters (other than tab, newline, carriage return
/// and form feed) or NULs: text files have none.
pub fn looks_binary(text: &str) -> bool {
    // Most text has no control and no replacement character at all: found so in a few
    // vectorised passes, with nothing to count.
    let bytes = text.as_bytes();
    let low = bytes.chunks(64).any(|chunk| {
        chunk.iter().fold(false, |seen, &b| {
            seen | ((b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) | (b == 0x7F))
        })
    });
    let c1 =
        || memchr::memchr_iter(0xC2, bytes).any(|i| matches!(bytes.get(i + 1), Some(0x80..=0x9F)));
    if !low && !c1() && memchr::memmem::find(bytes, "\u{FFFD}".as_bytes()).is_none() {
        return false;
    }
    // Byte by byte: a character starts at every byte that is not a continuation byte. The
    // controls (Cc) are the bytes 00–1F and 7F and the two-byte C2 80–C2 9F; U+FFFD is EF BF BD.
    let bytes = text.as_bytes();
    let mut total = 0usize;
    let mut bad = 0usize;
    for (i, &b) in bytes.iter().enumerate() {
        if b & 0xC0 == 0x80 {
            continue;
        }
        if total == 65_536 {
            break;
        }
        total += 1;
        let control_or_replacement = match b {
            0x00..=0x08 | 0x0B | 0x0E..=0x1F | 0x7F => true,
            0xC2 => matches!(bytes.get(i + 1), Some(0x80..=0x9F)),
            0xEF => bytes.get(i + 1..i + 3) == Some(&[0xBF, 0xBD][..]),
            _ => false,
        };
        if control_or_replacement {
            bad += 1;
        }
    }
    total > 0 && bad * 100 > total
}

/// What a Word document's text is said to be encoded in (its XML is UTF-8).
pub const DOCX_ENCODING: &str = "utf-8";

/// What a Word 97 document's text is said to be encoded in (its pieces are UTF-16 or
/// Windows-1252).
pub const DOC_ENCODING: &str = "utf-16le";

/// The name of a character encoding this tool gives (the decoder's names, and
/// [`DOCX_ENCODING`]) as a static name; `None` for any other.
pub fn encoding_name(name: &str) -> Option<&'static str> {
    if name == DOCX_ENCODING {
        return Some(DOCX_ENCODING);
    }
    if name == DOC_ENCODING {
        return Some(DOC_ENCODING);
    }
    encoding_rs::Encoding::for_label(name.as_bytes())
        .map(|e| e.name())
        .filter(|n| *n == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_is_detected_without_a_declaration() {
        let (bytes, _, _) =
            encoding_rs::GBK.encode("政府信息公开工作年度报告，本年新收政府信息公开申请数量。");
        let d = decode(&bytes, true);
        assert_eq!(d.encoding, "GBK");
        assert!(d.text.contains("本年新收"));
        assert_eq!(d.declared_mismatch, None);
    }

    #[test]
    fn declared_gb2312_reads_as_gbk() {
        let mut bytes =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">".to_vec();
        bytes.extend_from_slice(&encoding_rs::GBK.encode("报告").0);
        let d = decode(&bytes, true);
        assert_eq!(d.encoding, "GBK");
        assert!(d.text.ends_with("报告"));
    }

    #[test]
    fn a_wrong_declaration_is_reported_and_the_content_wins() {
        let mut bytes = b"<meta charset=\"utf-8\">".to_vec();
        bytes.extend_from_slice(
            &encoding_rs::GBK
                .encode("收到和处理政府信息公开申请情况，行政复议")
                .0,
        );
        let d = decode(&bytes, true);
        assert_eq!(d.encoding, "GBK");
        assert_eq!(d.declared_mismatch.as_deref(), Some("UTF-8"));
        assert!(d.text.contains("收到和处理"));
    }

    #[test]
    fn utf8_declared_as_gb2312_is_read_as_utf8() {
        let mut bytes = b"<meta charset=gb2312>".to_vec();
        bytes.extend_from_slice("收到和处理政府信息公开申请情况".as_bytes());
        let d = decode(&bytes, true);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.declared_mismatch.as_deref(), Some("GBK"));
    }

    /// The byte loop counts as the character loop it replaced.
    #[test]
    fn binary_is_judged_as_by_characters() {
        fn by_chars(text: &str) -> bool {
            let (mut total, mut bad) = (0usize, 0usize);
            for c in text.chars().take(65_536) {
                total += 1;
                if (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')) || c == '\u{FFFD}'
                {
                    bad += 1;
                }
            }
            total > 0 && bad * 100 > total
        }
        let mut cases: Vec<String> = vec![
            String::new(),
            "一、总体情况\n\t0\r\n\u{c}".into(),
            "\u{0}\u{1}\u{2}abc".into(),
            "\u{85}\u{9f}\u{a0}x".into(),
            "\u{FFFD}\u{FFFD}ab".into(),
            "\u{7f}".repeat(3) + &"字".repeat(200),
        ];
        // One bad character in 100, 101 and 99 (the 1 % edge), and past the 65,536 looked at.
        for n in [99, 100, 101] {
            cases.push("\u{1}".to_string() + &"字".repeat(n));
        }
        cases.push("字".repeat(65_536) + &"\u{1}".repeat(70_000));
        for text in &cases {
            assert_eq!(looks_binary(text), by_chars(text), "{:?}", text.get(..20));
        }
    }

    #[test]
    fn bom_wins_and_binary_is_recognised() {
        let d = decode(b"\xEF\xBB\xBFabc", true);
        assert_eq!((d.encoding, d.text.as_str()), ("UTF-8", "abc"));
        assert!(looks_binary("\u{0}\u{1}\u{2}abc"));
        assert!(!looks_binary("一、总体情况\n\t0\r\n"));
    }
}
