//! A file's SHA-256 and hex digits: what a record, the cache and the outputs name a file's
//! content by.

/// A file's SHA-256: 32 bytes in memory, 64 hex digits in the outputs.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sha256Sum(pub [u8; 32]);

impl Sha256Sum {
    pub fn of(bytes: &[u8]) -> Sha256Sum {
        use sha2::Digest;
        Sha256Sum(sha2::Sha256::digest(bytes).into())
    }

    /// From 64 hex digits.
    pub fn from_hex(s: &str) -> Option<Sha256Sum> {
        unhex(s)?.try_into().ok().map(Sha256Sum)
    }
}

impl std::fmt::Display for Sha256Sum {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut buf = [0u8; 64];
        hex_into(&self.0, &mut buf);
        f.pad(std::str::from_utf8(&buf).map_err(|_| std::fmt::Error)?)
    }
}

/// Lower-case hex digits of `bytes` into `out` (twice as long).
fn hex_into(bytes: &[u8], out: &mut [u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for (pair, b) in out.chunks_exact_mut(2).zip(bytes) {
        pair[0] = DIGITS[usize::from(b >> 4)];
        pair[1] = DIGITS[usize::from(b & 0x0f)];
    }
}

impl std::fmt::Debug for Sha256Sum {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

/// A file's SHA-256 as the outputs print it: empty when the file could not be read.
pub fn sha_text(sum: Option<Sha256Sum>) -> String {
    sum.map(|s| s.to_string()).unwrap_or_default()
}

pub fn hex(bytes: &[u8]) -> String {
    let mut out = vec![0u8; bytes.len() * 2];
    hex_into(bytes, &mut out);
    // Hex digits are ASCII.
    String::from_utf8(out).unwrap_or_default()
}

pub fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::decode::{encoding_name, DOCX_ENCODING};

    #[test]
    fn digests_and_encoding_names_round_trip() {
        let sum = Sha256Sum::of(b"abc");
        let text = sum.to_string();
        assert_eq!(
            text,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(Sha256Sum::from_hex(&text), Some(sum));
        assert_eq!(Sha256Sum::from_hex(&text[..62]), None);
        assert_eq!(format!("{sum:>66}"), format!("  {text}"));
        assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
        assert_eq!(unhex("000fa5ff"), Some(vec![0x00, 0x0f, 0xa5, 0xff]));
        assert_eq!(sha_text(None), "");
        // The decoder's names (encoding_rs's own spelling) and the Word one; no other.
        for name in ["UTF-8", "GBK", "gb18030", "Big5", "UTF-16LE", DOCX_ENCODING] {
            assert_eq!(encoding_name(name), Some(name), "{name}");
        }
        assert_eq!(encoding_name("gbk"), None);
        assert_eq!(encoding_name("x-unknown"), None);
    }
}
